/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.batch.manifest;

import static org.ferrum.batch.manifest.Fixtures.DESCRIPTION;
import static org.ferrum.batch.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.ExecutionListener;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The liver sample ({@code testdata/pipelines/liver-hqsm.json}, input {@code gre}) over a cohort both ways: a CSV
 * naming copies of the simulated abdomen's BIDS folder, and a BIDS dataset laid out from them. Each task's {@code gre}
 * is handed to the pipeline's own {@code io.read.gre} node, which must read the whole six-echo series.
 */
class LiverManifestTest {

    /** The sample's echo times, from its sidecars ({@code EchoTime} 0.0012 … 0.0092 s, 1.6 ms apart). */
    private static final double[] ECHO_TIMES_S = {0.0012, 0.0028, 0.0044, 0.0060, 0.0076, 0.0092};

    private static Path pipelineFile;
    private static Pipeline pipeline;
    private static Path sample;

    @TempDir
    Path dir;

    @BeforeAll
    static void sample() throws Exception {
        pipelineFile = Fixtures.testData().resolve("pipelines/liver-hqsm.json");
        pipeline = PipelineFormat.read(pipelineFile);
        sample = Fixtures.testData().resolve("liver/simulated-abdomen/bids");
    }

    @Test
    void aCsvOfSeveralSubjectsNamingCopiesOfTheSample() throws Exception {
        copy(sample, dir.resolve("cohort/s1/gre"), "sub-sim", "sub-sim");
        copy(sample, dir.resolve("cohort/s2/gre"), "sub-sim", "sub-sim");
        Path csv = write(
                dir.resolve("cohort/cohort.csv"), "subject,visit,date,gre\nL01,1,2025-02-03,s1/gre\nL02,1,,s2/gre\n");
        List<CohortTask> tasks = CohortManifest.read(csv, pipeline, pipelineFile, Map.of());
        assertEquals(
                List.of(
                        new CohortTask(
                                "L01",
                                "1",
                                java.time.LocalDate.of(2025, 2, 3),
                                Map.of("gre", dir.resolve("cohort/s1/gre").toString())),
                        new CohortTask(
                                "L02",
                                "1",
                                null,
                                Map.of("gre", dir.resolve("cohort/s2/gre").toString()))),
                tasks);
        for (CohortTask t : tasks) {
            assertReadsTheSeries(t);
        }
    }

    @Test
    void aBidsDatasetLaidOutFromTheSampleWithAndWithoutInput() throws Exception {
        Path ds = dir.resolve("ds");
        write(ds.resolve("dataset_description.json"), DESCRIPTION);
        copy(sample, ds.resolve("sub-L01/ses-1/anat"), "sub-sim", "sub-L01_ses-1");
        copy(sample, ds.resolve("sub-L02/ses-1/anat"), "sub-sim", "sub-L02_ses-1");

        // no --input: gre is read by a multi-echo GRE reader, so its series is found by the BIDS suffix MEGRE, and
        // the twelve images of that one series stand as its first magnitude echo
        List<CohortTask> bySuffix = CohortManifest.read(ds, pipeline, pipelineFile, Map.of());
        assertEquals(
                List.of(
                        ds.resolve("sub-L01/ses-1/anat/sub-L01_ses-1_acq-liver_echo-1_part-mag_MEGRE.nii.gz")
                                .toString(),
                        ds.resolve("sub-L02/ses-1/anat/sub-L02_ses-1_acq-liver_echo-1_part-mag_MEGRE.nii.gz")
                                .toString()),
                bySuffix.stream().map(t -> t.inputs().get("gre")).toList());
        assertEquals(
                List.of("sub-L01_ses-1", "sub-L02_ses-1"),
                bySuffix.stream().map(CohortTask::id).toList());

        // a glob matching the series' images (and, for anat/*, their sidecars too)
        for (String glob : List.of("anat/*_MEGRE.nii.gz", "anat/*")) {
            assertEquals(bySuffix, CohortManifest.read(ds, pipeline, pipelineFile, Map.of("gre", glob)), glob);
        }

        // the folder
        List<CohortTask> byFolder = CohortManifest.read(ds, pipeline, pipelineFile, Map.of("gre", "anat"));
        assertEquals(
                List.of(
                        ds.resolve("sub-L01/ses-1/anat").toString(),
                        ds.resolve("sub-L02/ses-1/anat").toString()),
                byFolder.stream().map(t -> t.inputs().get("gre")).toList());
        for (CohortTask t : Stream.concat(bySuffix.stream(), byFolder.stream()).toList()) {
            assertReadsTheSeries(t);
        }
    }

    /**
     * The whole liver pipeline accepts the task's inputs (no error from its check), and its {@code read} node, run on
     * them, gives the sample's six echoes, magnitude and phase, at 1.5 T.
     */
    private static void assertReadsTheSeries(CohortTask task) throws Exception {
        OperatorRegistry registry = OperatorRegistry.installed();
        PipelineExecutor executor = new PipelineExecutor(registry, ResultCache.disabled(), 1);
        RunOptions options = new RunOptions(task.inputs(), pipelineFile.getParent());
        assertEquals(
                List.of(),
                executor.check(pipeline, options).stream()
                        .filter(Problem::isError)
                        .toList(),
                task.id());

        Pipeline readOnly = pipeline.node("read")
                .map(read -> new Pipeline(
                        "read",
                        "",
                        List.of(read),
                        List.of(),
                        Map.of("gre", pipeline.inputs().get("gre")),
                        Map.of("gre", new PortRef("read", "gre"))))
                .orElseThrow();
        Execution run = executor.run(readOnly, options, ExecutionListener.NONE, Cancellation.NEVER);
        assertTrue(run.succeeded(), () -> task.id() + ": " + run.firstFailure());
        MultiEchoGre gre = (MultiEchoGre) run.outputs().get("gre");
        assertArrayEquals(ECHO_TIMES_S, gre.acquisition().echoTimes().toSeconds(), 1e-9, task.id());
        assertEquals(1.5, gre.acquisition().fieldStrengthTesla(), 1e-9);
        assertTrue(gre.phase().isPresent(), task.id());
    }

    /** Copies the sample's files into {@code to}, their names' {@code from} prefix replaced by {@code prefix}. */
    private static void copy(Path sample, Path to, String from, String prefix) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(sample)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                Files.copy(f, to.resolve(prefix + name.substring(from.length())));
            }
        }
    }
}
