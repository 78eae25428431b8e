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
package org.ferrum.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.pipeline.PipelineFormat;

/** A small cohort on disk for the tests: copies of the sample GRE magnitude, one subject whose file is not NIfTI. */
final class TestCohort {

    /** The repository's testdata folder. */
    static final Path TESTDATA = Path.of("../../testdata").toAbsolutePath().normalize();

    static final Path GRE_ROI_STATISTICS = TESTDATA.resolve("pipelines/gre-roi-statistics.json");

    static final Path MAGNITUDE = TESTDATA.resolve("gre/mriresearchtools-small/Mag.nii");

    private TestCohort() {}

    /** Subjects 01 and 02 at visit 1, 03 without sessions, and 04 (visit 1) whose magnitude is text. */
    static List<CohortTask> greCohort(Path data) throws IOException {
        List<CohortTask> tasks = new ArrayList<>();
        tasks.add(gre(data, "01", "1"));
        tasks.add(gre(data, "02", "1"));
        tasks.add(gre(data, "03", ""));
        CohortTask broken = gre(data, "04", "1");
        Files.writeString(Path.of(broken.inputs().get("magnitude")), "not a NIfTI file\n");
        tasks.add(broken);
        return tasks;
    }

    static CohortTask gre(Path data, String subject, String visit) throws IOException {
        Path folder = data.resolve("sub-" + subject + (visit.isEmpty() ? "" : "/ses-" + visit));
        Files.createDirectories(folder);
        Path mag = folder.resolve("Mag.nii");
        if (!Files.exists(mag)) {
            Files.copy(MAGNITUDE, mag);
        }
        return new CohortTask(subject, visit, LocalDate.of(2026, 1, 10), Map.of("magnitude", mag.toString()));
    }

    /** Runs the cohort as {@code ferrum-batch run} would, after the manifest: returns exit status and output. */
    static Result run(Path pipelineFile, List<CohortTask> tasks, Path out, StudySink study, String... extra)
            throws IOException {
        List<String> args = new ArrayList<>(
                List.of("--pipeline", pipelineFile.toString(), "--manifest", "unused.csv", "--out", out.toString()));
        Collections.addAll(args, extra);
        BatchOptions options = BatchOptions.parse(args);
        if (!options.problems().isEmpty()) {
            throw new IllegalArgumentException(options.problems().toString());
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = new CohortRun(
                        PipelineFormat.read(pipelineFile),
                        pipelineFile,
                        tasks,
                        options,
                        study,
                        new PrintStream(o, true, StandardCharsets.UTF_8),
                        new PrintStream(e, true, StandardCharsets.UTF_8),
                        false)
                .execute();
        return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Every map and table under {@code root} (relative path → bytes), without provenance (it holds times). */
    static Map<String, byte[]> mapsAndTables(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".nii.gz") || name.endsWith(".csv") || name.endsWith(".tsv")) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /** Paths under {@code root} whose name says a run left them unfinished. */
    static List<Path> leftovers(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().contains(".ferrum-"))
                    .toList();
        }
    }

    /** A study sink that remembers what it was asked to save. */
    static final class RecordingStudy implements StudySink {
        final List<String> saved = Collections.synchronizedList(new ArrayList<>());
        boolean closed;

        @Override
        public int save(CohortTask task, Path folder) throws IOException {
            if (!Files.isRegularFile(folder.resolve("provenance.json"))) {
                throw new IOException(folder + ": no provenance.json");
            }
            saved.add(task.id());
            return 1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
