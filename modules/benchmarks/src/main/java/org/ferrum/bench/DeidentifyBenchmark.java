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
package org.ferrum.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.dicom.deid.DeidentificationOption;
import org.ferrum.dicom.deid.DeidentificationProfile;
import org.ferrum.dicom.deid.DeidentificationRun;
import org.ferrum.dicom.deid.Deidentifier;
import org.ferrum.pipeline.testkit.TestData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * De-identification throughput on classic MR series (issue 19 item 6: ≥ 200 files/s on 2 cores).
 *
 * <p>The input folder is generated in set-up: {@value #COPIES} copies of the real classic series of {@code
 * testdata/dicom} (heudiconv multi-echo GRE magnitude and phase, 6 files; dcm_qa_nih EPI mosaics, 2 files; dcm_qa_ge
 * DTI, 14 files), each copy in a folder of its own: {@value #COPIES} × 22 = 880 files, 134 MB. One pass is {@link
 * DeidentificationRun#run} over the folder on 2 threads with Retain Modified Dates, Retain Safe Private and Clean
 * Descriptors (the quantitative-MRI options), into a fresh output folder: read, parse, rewrite, write atomically,
 * audit. The score is milliseconds per pass; files/s = files (printed at set-up) / score × 1000.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar Deidentify -f 1 -wi 2 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g"})
public class DeidentifyBenchmark {

    /** Copies of the source series. */
    public static final int COPIES = 40;

    private static final List<String> SERIES = List.of(
            "dicom/heudiconv/MEGRE", "dicom/dcm_qa_nih/In/20180918Si", "dicom/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2");

    private Path root;
    private Path in;
    private Path out;
    private int files;
    private int pass;
    private Deidentifier deid;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        root = Files.createTempDirectory("ferrum-deid-bench");
        in = root.resolve("in");
        for (int c = 0; c < COPIES; c++) {
            for (String s : SERIES) {
                Path from = TestData.path(s);
                Path to = in.resolve("copy" + c).resolve(from.getFileName().toString());
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path f : walk.filter(Files::isRegularFile).toList()) {
                        Path target = to.resolve(from.relativize(f).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(f, target);
                        files++;
                    }
                }
            }
        }
        deid = new Deidentifier(
                DeidentificationProfile.standard(),
                EnumSet.of(
                        DeidentificationOption.RETAIN_MODIFIED_DATES,
                        DeidentificationOption.RETAIN_SAFE_PRIVATE,
                        DeidentificationOption.CLEAN_DESCRIPTORS),
                "benchmark secret of thirty-two b".getBytes(StandardCharsets.US_ASCII),
                false);
        System.out.println("\n[deidentify] " + files + " files in " + in);
    }

    @Setup(Level.Invocation)
    public void freshOutput() {
        out = root.resolve("out" + (pass++));
    }

    @TearDown(Level.Invocation)
    public void deleteOutput() throws IOException {
        delete(out);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        delete(root);
    }

    @Benchmark
    public DeidentificationRun.Summary deidentify() throws IOException {
        // Names kept: the copies share their UIDs, so under de-identified names all but one copy would clash (and be
        // reported, not written). Renaming itself costs four HMACs per file, nothing next to the rewrite.
        DeidentificationRun.Summary s = DeidentificationRun.run(deid, in, out, 2, true, (f, o, status, reason) -> {});
        if (s.written() != files) {
            throw new IllegalStateException("wrote " + s.written() + " of " + files + " files: " + s);
        }
        return s;
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
