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
package org.ferrum.dicom.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.dicom.DicomWay;
import org.ferrum.io.HostileInput;
import org.ferrum.io.HostileInput.Outcome;
import org.ferrum.io.HostileInput.Reading;
import org.ferrum.io.HostileInput.Way;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain mutation fuzzer over the NIfTI and DICOM readers (issue 14), seeded by the repository's small test
 * files, run only by the {@code fuzz} profile:
 * <pre>mvn -o -Pfuzz test -pl modules/dicom -am -Dtest=ReaderMutationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.seconds=1800 [-Dfuzz.seed=N] [-Dfuzz.target=nifti|dicom]</pre>
 * Each input is a seed (or two spliced) changed by a few random mutations — bit flips, bytes and 16/32-bit
 * words set to boundary values in either byte order, chunks deleted, duplicated or cut off; NIfTI mutations
 * aim at the 352-byte header half of the time, and a gzip seed is mutated either as compressed bytes or
 * inflated and compressed again — written to a file and read every way Ferrum reads that format
 * ({@link HostileInput.Way}, {@link DicomWay}). A finding is: any throwable other than the readers' documented refusal
 * ({@code VolumeFormatException}, of which {@code DicomFormatException} is one) or a refusal whose message is
 * not one line (no control characters) starting with the file name (or, for a series, the folder's); a read taking longer than {@code fuzz.slowMs} (default 2000) twice
 * in a row; no answer within {@code fuzz.timeoutMs} (default 10000, a hang); more than {@code fuzz.maxMb}
 * (default 512) allocated by the reading thread. Findings are saved under {@code target/fuzz-findings/} with
 * their stack traces; the test fails if there are any. The fuzz profile runs it with {@code -Xmx1g}, so
 * memory taken by other threads (parallel gzip, folder scans) is bounded too.
 */
class ReaderMutationFuzzTest {

    private static final int[] INTERESTING_32 = {
        0,
        1,
        -1,
        2,
        0x7f,
        0x80,
        0xff,
        0x100,
        0x7fff,
        0x8000,
        0xffff,
        0x10000,
        0x7fffffff,
        0x80000000,
        0xfffffffe,
        348,
        540,
        352,
        544,
        1 << 20,
        1 << 30
    };
    private static final int[] INTERESTING_16 = {0, 1, 0xffff, 0x7fff, 0x8000, 0xff, 0x100, 7, 8, 3, 4};

    @TempDir
    Path dir;

    private final long seconds = Long.getLong("fuzz.seconds", 60);
    private final long slowMs = Long.getLong("fuzz.slowMs", 2000);
    private final long timeoutMs = Long.getLong("fuzz.timeoutMs", 10_000);
    private final long maxBytes = Long.getLong("fuzz.maxMb", 512) << 20;
    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    private final String target = System.getProperty("fuzz.target", "");

    @Test
    void nifti() throws Exception {
        if (!target.isEmpty() && !target.equals("nifti")) {
            return;
        }
        List<Seed> seeds = new ArrayList<>();
        for (String f : List.of(
                "liver/simulated-abdomen/truth/lic.nii.gz",
                "liver/simulated-abdomen/sub-sim_dseg.nii.gz",
                "dicom/heudiconv/Ref/3_GRE_QSM_e1_GRE_QSM_ph.nii",
                "dicom/heudiconv/Ref/2_GRE_QSM_e1_GRE_QSM.nii")) {
            seeds.add(Seed.of(TestData.path(f)));
        }
        // Ferrum's own block-indexed gzip and a 4-D file, and a NIfTI-2 header written here by hand (nifti2.h layout)
        Volume<net.imglib2.type.numeric.real.FloatType> v = Volumes.createFloat(
                new long[] {6, 5, 4, 2}, org.ferrum.core.Geometry.axisAligned(1, 1, 2), PhysicalUnit.PPM);
        Path own = dir.resolve("ferrum-4d.nii.gz");
        VolumeFiles.write(v, own);
        seeds.add(Seed.of(own));
        seeds.add(new Seed("nifti2.nii", nifti2(), false));
        run("nifti", seeds, Way.NIFTI);
    }

    @Test
    void dicom() throws Exception {
        if (!target.isEmpty() && !target.equals("dicom")) {
            return;
        }
        List<Seed> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestData.path("dicom/pydicom"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                seeds.add(Seed.of(p));
            }
        }
        for (String f : List.of(
                "dicom/dcm_qa_enh/In/Siemens/XA10/6_2.dcm", // enhanced multi-frame
                "dicom/dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm", // Siemens mosaic, CSA header
                "dicom/dcm_qa_fmap/In/GE/6_CV_Neuro/i100593.MRDC.14",
                "dicom/dcm_qa_fmap/In/Siemens/3_gre_field_magph/e2_16_ph.dcm",
                "dicom/heudiconv/MEGRE/phase/00001.dcm",
                "dicom/dcm_qa_ts/In/8.dcm")) {
            seeds.add(Seed.of(TestData.path(f)));
        }
        run("dicom", seeds, DicomWay.DICOM, DicomWay.DICOM_SCAN, DicomWay.DICOM_VOLUME);
    }

    /** A seed: the file's bytes, inflated if it was gzip (then written back compressed). */
    record Seed(String name, byte[] bytes, boolean gzip) {
        static Seed of(Path file) throws IOException {
            byte[] b = Files.readAllBytes(file);
            boolean gz = b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
            if (gz) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                    return new Seed(file.getFileName().toString(), in.readAllBytes(), true);
                }
            }
            return new Seed(file.getFileName().toString(), b, false);
        }
    }

    private void run(String name, List<Seed> seeds, Reading... ways) throws Exception {
        Random random = new Random(seed);
        Path findingsDir = Path.of("target", "fuzz-findings");
        List<String> findings = new ArrayList<>();
        long executions = 0, refusals = 0, reads = 0, maxAllocated = 0, maxNanos = 0;
        String maxAllocatedWhat = "", maxNanosWhat = "";
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        System.out.printf(
                Locale.ROOT,
                "fuzz %s: %d seeds, %d s, seed %d, timeout %d ms, slow %d ms, max %d MB on the reading thread, heap %d MB%n",
                name,
                seeds.size(),
                seconds,
                seed,
                timeoutMs,
                slowMs,
                maxBytes >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        while (System.nanoTime() < end) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            boolean gzip = s.gzip() && random.nextInt(4) != 0; // sometimes a gzip seed is written plain
            byte[] data =
                    mutate(s.bytes(), seeds.get(random.nextInt(seeds.size())).bytes(), random, name.equals("nifti"));
            if (gzip) {
                data = gzip(data);
                if (random.nextInt(3) == 0) {
                    data = mutate(data, data, random, false); // the compressed bytes too
                }
            }
            String ext = name.equals("nifti") ? (gzip ? ".nii.gz" : ".nii") : ".dcm";
            Path folder = Files.createDirectories(dir.resolve("in"));
            Path file = folder.resolve("fuzz" + ext);
            Files.write(file, data);
            for (Reading way : ways) {
                if (way == DicomWay.DICOM_VOLUME && random.nextInt(4) != 0) {
                    continue; // the volume reader repeats the scan; one input in four is enough
                }
                executions++;
                Outcome o;
                try {
                    o = readWithin(worker, way, file);
                    if (o.nanos() > slowMs * 1_000_000L) {
                        Outcome again = readWithin(worker, way, file); // a busy machine, or really slow?
                        o = again.nanos() < o.nanos() ? again : o;
                    }
                } catch (TimeoutException hang) {
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(daemon());
                    findings.add(save(
                            findingsDir,
                            name,
                            findings.size(),
                            data,
                            ext,
                            way + ": no answer within " + timeoutMs + " ms (hang)",
                            hang));
                    continue;
                }
                if (o.allocatedBytes() > maxAllocated) {
                    maxAllocated = o.allocatedBytes();
                    maxAllocatedWhat = way + " " + o.line();
                }
                if (o.nanos() > maxNanos) {
                    maxNanos = o.nanos();
                    maxNanosWhat = way + " " + o.line();
                }
                String problem = null;
                if (o.thrown() != null && !o.refused()) {
                    problem = way + ": " + o.thrown();
                } else if (o.refused()
                        && (!(o.refusal().startsWith(file.getFileName() + ": ")
                                        || o.refusal()
                                                .startsWith(folder.getFileName()
                                                        + ": ")) // a series-level refusal names the folder
                                || o.refusal().chars().anyMatch(c -> c < 0x20))) {
                    problem = way + ": refusal is not one line naming the file: " + o.refusal();
                } else if (o.nanos() > slowMs * 1_000_000L) {
                    problem = way + ": took " + o.line();
                } else if (o.allocatedBytes() > maxBytes) {
                    problem = way + ": allocated " + o.line();
                }
                if (o.refused()) {
                    refusals++;
                } else if (o.thrown() == null) {
                    reads++;
                }
                if (problem != null) {
                    findings.add(save(findingsDir, name, findings.size(), data, ext, problem, o.thrown()));
                }
            }
        }
        worker.shutdownNow();
        System.out.printf(
                Locale.ROOT,
                "fuzz %s: %d executions in %d s (%d refused, %d read), %d findings%n",
                name,
                executions,
                seconds,
                refusals,
                reads,
                findings.size());
        System.out.println("fuzz " + name + ": most allocated on the reading thread: " + maxAllocatedWhat);
        System.out.println("fuzz " + name + ": slowest: " + maxNanosWhat);
        findings.forEach(f -> System.out.println("fuzz " + name + " finding: " + f));
        assertEquals(List.of(), findings, "findings saved in " + findingsDir.toAbsolutePath());
        assertFalse(executions == 0);
    }

    private Outcome readWithin(ExecutorService worker, Reading way, Path file) throws Exception {
        Future<Outcome> f = worker.submit(() -> HostileInput.read(way, file));
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        };
    }

    private static String save(
            Path findingsDir, String name, int n, byte[] data, String ext, String problem, Throwable t)
            throws IOException {
        Files.createDirectories(findingsDir);
        Path input = findingsDir.resolve(name + "-" + n + ext);
        Files.write(input, data);
        StringWriter trace = new StringWriter();
        trace.append(problem).append('\n');
        if (t != null) {
            t.printStackTrace(new PrintWriter(trace));
        }
        Files.writeString(findingsDir.resolve(name + "-" + n + ".txt"), trace.toString());
        return problem + " (" + input + ")";
    }

    /** One to four mutations of {@code in} ({@code other} for splicing); {@code header}: half of them within the first 352 bytes. */
    static byte[] mutate(byte[] in, byte[] other, Random r, boolean header) {
        byte[] b = in.clone();
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            if (b.length == 0) {
                return new byte[] {(byte) r.nextInt()};
            }
            int span = header && r.nextBoolean() ? Math.min(b.length, 352) : b.length;
            int at = r.nextInt(span);
            switch (r.nextInt(9)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt();
                case 2 -> b[at] = (byte) new int[] {0, 0xff, 0x7f, 0x80, 1}[r.nextInt(5)];
                case 3 -> {
                    if (at + 2 <= b.length) {
                        ByteBuffer.wrap(b)
                                .order(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                                .putShort(at, (short) INTERESTING_16[r.nextInt(INTERESTING_16.length)]);
                    }
                }
                case 4 -> {
                    if (at + 4 <= b.length) {
                        ByteBuffer.wrap(b)
                                .order(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                                .putInt(at, INTERESTING_32[r.nextInt(INTERESTING_32.length)]);
                    }
                }
                case 5 -> { // delete a chunk
                    int len = Math.min(b.length - at, 1 + r.nextInt(r.nextBoolean() ? 8 : 512));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                case 6 -> { // duplicate a chunk in place
                    int len = Math.min(b.length - at, 1 + r.nextInt(r.nextBoolean() ? 8 : 512));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                case 7 -> b = Arrays.copyOf(b, at + (r.nextInt(4) == 0 ? 0 : r.nextInt(b.length - at + 1))); // cut off
                default -> { // splice: the tail of another seed from here on
                    int from = other.length == 0 ? 0 : r.nextInt(other.length);
                    byte[] c = Arrays.copyOf(b, at + other.length - from);
                    System.arraycopy(other, from, c, at, other.length - from);
                    b = c;
                }
            }
        }
        return b;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A 4×4×4 float32 NIfTI-2 file (nifti2.h field offsets), values 0, 1, 2, …, little endian. */
    private static byte[] nifti2() {
        ByteBuffer b = ByteBuffer.allocate(544 + 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 540);
        b.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
        b.putShort(12, (short) 16).putShort(14, (short) 32);
        long[] dim = {3, 4, 4, 4, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
            b.putDouble(104 + 8 * i, 1);
        }
        b.putLong(168, 544);
        b.putDouble(176, 1);
        b.putInt(500, 2 | 8);
        for (int i = 0; i < 64; i++) {
            b.putFloat(544 + 4 * i, i);
        }
        return b.array();
    }
}
