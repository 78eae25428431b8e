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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.dicom.ConversionReport;
import org.ferrum.dicom.DicomConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Converting a large classic series to NIfTI, Ferrum and dcm2niix side by side on the same folder in one run
 * (issue 4, Performance: "no slower than dcm2niix").
 *
 * <p>The folder is {@link DicomScanBenchmark.SeriesFolder}'s: {@value DicomScanBenchmark.SeriesFolder#FILES}
 * files of one generated series made from a real GE 256×256 slice ({@code ge256}, about 76 MB). Each
 * operation converts the whole folder into an empty output folder:
 * <ul>
 * <li>{@code ferrum}: {@link DicomConverter#convert} with its defaults (uncompressed {@code .nii} and a JSON
 *     sidecar), in this JVM;</li>
 * <li>{@code dcm2niix}: {@code dcm2niix -z n -o OUT FOLDER} as a process (its default BIDS sidecar, no
 *     compression), the time including its start (a few ms).</li>
 * </ul>
 * Both read the files from the page cache after the first operation. Ferrum writes float32 (physical values),
 * dcm2niix int16 with a scale: Ferrum writes twice the image bytes.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar DicomConvert -f 1 -wi 2 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class DicomConvertBenchmark {

    @Param({"ferrum", "dcm2niix"})
    public String converter;

    private DicomScanBenchmark.SeriesFolder folder;
    private Path out;

    @Setup(Level.Trial)
    public void generate() throws IOException, InterruptedException {
        folder = DicomScanBenchmark.SeriesFolder.generate("ge256");
        if (converter.equals("dcm2niix")) {
            Process p = new ProcessBuilder("dcm2niix", "-v", "n")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        }
    }

    @Setup(Level.Invocation)
    public void emptyOutput() throws IOException {
        out = Files.createTempDirectory("ferrum-convert-out");
    }

    @TearDown(Level.Invocation)
    public void deleteOutput() throws IOException {
        deleteTree(out);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        folder.delete();
    }

    @Benchmark
    public Object convert() throws IOException, InterruptedException {
        if (converter.equals("ferrum")) {
            ConversionReport r =
                    new DicomConverter().convert(folder.dir(), out, DicomConverter.SILENT, Cancellation.NEVER);
            if (r.written().size() != 1 || !r.skipped().isEmpty()) {
                throw new IllegalStateException("expected one output, got " + r);
            }
            return r;
        }
        Process p = new ProcessBuilder(
                        "dcm2niix",
                        "-z",
                        "n",
                        "-o",
                        out.toString(),
                        folder.dir().toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        int status = p.waitFor();
        List<Path> nii;
        try (Stream<Path> s = Files.list(out)) {
            nii = s.filter(f -> f.toString().endsWith(".nii")).toList();
        }
        if (status != 0 || nii.size() != 1) {
            throw new IllegalStateException("dcm2niix exited " + status + " writing " + nii + ":\n" + log);
        }
        return nii;
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
