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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.dicom.DicomScan;
import org.ferrum.dicom.DicomScanner;
import org.ferrum.dicom.DicomSeries;
import org.ferrum.dicom.DicomVolume;
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
 * Scanning and assembling a large classic DICOM series (issue 4, Performance: scan + assemble ≥ 300 MB/s
 * of DICOM on 2 cores).
 *
 * <p>The folder is generated in set-up from one real file of {@code testdata/dicom} ({@link SeriesFolder}):
 * {@value SeriesFolder#FILES} copies, each the scanner's bytes with a new SOP Instance UID, Instance Number,
 * Image Position (Patient) and Slice Location, so they form one series of {@value SeriesFolder#FILES}
 * slices. Cases ({@code source}):
 * <ul>
 * <li>{@code ge256}: GE 256×256 int16 DWI slice (dcm_qa_ge, 148 KB per file, pixel data dominates);</li>
 * <li>{@code siemens64}: Siemens 64×64 field-map slice (dcm_qa_fmap, 104 KB per file, mostly the CSA
 *     private headers: header parsing dominates).</li>
 * </ul>
 * Benchmarks: {@code scan} (DicomScanner: every header, parallel) and {@code scanAndAssemble} (scan, then
 * SeriesAssembly of the series into float volumes, i.e. all pixel data read and decoded). The score is
 * milliseconds per pass over the folder; MB/s = folder size (printed at set-up) / score. The files are read
 * from the page cache after the first pass, as when a user re-opens a folder.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar DicomScan -f 1 -wi 2 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class DicomScanBenchmark {

    @Param({"ge256", "siemens64"})
    public String source;

    private SeriesFolder folder;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        folder = SeriesFolder.generate(source);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        folder.delete();
    }

    @Benchmark
    public DicomScan scan() throws IOException {
        DicomScan scan = DicomScanner.scan(folder.dir());
        check(scan);
        return scan;
    }

    @Benchmark
    public List<DicomVolume> scanAndAssemble() throws IOException {
        DicomScan scan = DicomScanner.scan(folder.dir());
        check(scan);
        List<DicomVolume> volumes = scan.series().get(0).assemble();
        if (volumes.get(0).volume().dimension(2) != SeriesFolder.FILES) {
            throw new IllegalStateException(
                    "assembled " + volumes.get(0).volume() + ", expected " + SeriesFolder.FILES + " slices");
        }
        return volumes;
    }

    private static void check(DicomScan scan) {
        List<DicomSeries> series = scan.series();
        if (series.size() != 1
                || series.get(0).frameCount() != SeriesFolder.FILES
                || !scan.unreadable().isEmpty()) {
            throw new IllegalStateException("expected one series of " + SeriesFolder.FILES + " images, found " + series
                    + ", unreadable " + scan.unreadable());
        }
    }

    /**
     * A folder holding one generated classic series: copies of one real explicit-VR little-endian file, each
     * patched so that it is a new slice of the same series.
     *
     * <p>Why patched bytes rather than {@code DicomWriter}: the writer re-encodes a data set in its own layout
     * (attribute order, lengths, no vendor quirks), so its files would measure Ferrum reading Ferrum's files.
     * Patching keeps every other byte the scanner wrote. The patched attributes are top-level, re-encoded
     * in place with their new (even) lengths: SOP Instance UID (and the meta header's Media Storage SOP
     * Instance UID, same length), Instance Number, Image Position (Patient) moved along the slice normal
     * by the slice spacing, and when present Slice Location, Images in Acquisition and GE's private
     * Locations in Acquisition (0021,104F) (else dcm2niix reads the GE copies as 2 slices × 256 volumes).
     */
    public static final class SeriesFolder {

        /** Files in the generated series. */
        public static final int FILES = 512;

        private static final double SPACING_MM = 1.0;

        private final Path dir;
        private final long bytes;

        private SeriesFolder(Path dir, long bytes) {
            this.dir = dir;
            this.bytes = bytes;
        }

        public Path dir() {
            return dir;
        }

        public long bytes() {
            return bytes;
        }

        /** The real file a case is generated from. */
        static Path sourceFile(String source) {
            String relative =
                    switch (source) {
                        case "ge256" -> "dicom/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2/i22.MRDC.1";
                        case "siemens64" -> "dicom/dcm_qa_fmap/In/Siemens/2_gre_field_magph/e1_01.dcm";
                        default -> throw new IllegalArgumentException("unknown source " + source);
                    };
            String p = System.getProperty("ferrum.testdata");
            Path testdata = p != null ? Path.of(p) : Path.of("testdata");
            Path file = testdata.resolve(relative).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(
                        file + " not found: run from the repository root or set -Dferrum.testdata");
            }
            return file;
        }

        public static SeriesFolder generate(String source) throws IOException {
            byte[] original = Files.readAllBytes(sourceFile(source));
            Element sop = find(original, 0x00080018);
            Element mediaSop = find(original, 0x00020003);
            Element position = find(original, 0x00200032);
            Element orientation = find(original, 0x00200037);
            Element instance = find(original, 0x00200013);
            Element location = findOptional(original, 0x00201041);
            // how many slices the series has, where the file says it: ImagesInAcquisition (0020,1002) and GE's private
            // LocationsInAcquisition (0021,104F), which dcm2niix uses to reshape GE series
            Element images = findOptional(original, 0x00201002);
            Element geLocations = findOptional(original, 0x0021104F);
            double[] p0 = decimals(text(original, position));
            double[] o = decimals(text(original, orientation));
            double[] n = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
            double loc0 = location == null ? 0 : decimals(text(original, location))[0];
            String uid = text(original, sop);
            Path dir = Files.createTempDirectory("ferrum-dicom-series");
            long total = 0;
            for (int i = 0; i < FILES; i++) {
                String newUid = renumber(uid, i);
                double d = i * SPACING_MM;
                String ipp = String.format(
                        Locale.ROOT, "%.4f\\%.4f\\%.4f", p0[0] + d * n[0], p0[1] + d * n[1], p0[2] + d * n[2]);
                List<Patch> patches = new ArrayList<>();
                patches.add(new Patch(mediaSop, newUid, (byte) 0));
                patches.add(new Patch(sop, newUid, (byte) 0));
                patches.add(new Patch(instance, Integer.toString(i + 1), (byte) ' '));
                patches.add(new Patch(position, ipp, (byte) ' '));
                if (images != null && !isLong(images.vr())) {
                    patches.add(new Patch(images, Integer.toString(FILES), (byte) ' '));
                }
                if (geLocations != null
                        && geLocations.length() == 2
                        && (geLocations.vr().equals("SS") || geLocations.vr().equals("US"))) {
                    patches.add(
                            new Patch(geLocations, null, (byte) 0, new byte[] {(byte) FILES, (byte) (FILES >>> 8)}));
                }
                if (location != null) {
                    patches.add(new Patch(location, String.format(Locale.ROOT, "%.4f", loc0 + d), (byte) ' '));
                }
                byte[] file = apply(original, patches);
                Files.write(dir.resolve(String.format(Locale.ROOT, "IM%05d.dcm", i + 1)), file);
                total += file.length;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%n[DicomScanBenchmark] generated %d files, %.1f MB (%s) in %s%n",
                    FILES,
                    total / 1e6,
                    source,
                    dir);
            return new SeriesFolder(dir, total);
        }

        public void delete() throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        /** The same-length UID with its last digits replaced by the slice number (unique for up to 10^5 slices). */
        static String renumber(String uid, int i) {
            if (uid.length() < 8) {
                throw new IllegalStateException("SOP Instance UID too short to renumber: " + uid);
            }
            String head = uid.substring(0, uid.length() - 6);
            String digits =
                    head.endsWith(".") ? String.format(Locale.ROOT, "9%05d", i) : String.format(Locale.ROOT, "%06d", i);
            return head + digits;
        }

        /** A top-level element of an explicit VR little-endian file: where its header starts, its VR and value. */
        record Element(int tag, int headerOffset, int valueOffset, int length, String vr) {}

        /** A new text value (padded with {@code pad} to even length), or with {@code binary} set, new binary bytes. */
        record Patch(Element element, String value, byte pad, byte[] binary) {
            Patch(Element element, String value, byte pad) {
                this(element, value, pad, null);
            }
        }

        private static String text(byte[] file, Element e) {
            return new String(file, e.valueOffset(), e.length(), StandardCharsets.US_ASCII)
                    .replace("\0", "")
                    .trim();
        }

        private static double[] decimals(String s) {
            String[] parts = s.split("\\\\");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i].trim());
            }
            return v;
        }

        static Element find(byte[] file, int tag) {
            Element e = findOptional(file, tag);
            if (e == null) {
                throw new IllegalStateException(
                        String.format(Locale.ROOT, "(%04X,%04X) not found at the top level", tag >>> 16, tag & 0xFFFF));
            }
            return e;
        }

        /**
         * Walks the top-level elements (PS3.5 §7.1.2, explicit VR little endian; the file meta group too),
         * skipping sequences of defined or undefined length, until {@code tag}.
         */
        static Element findOptional(byte[] file, int tag) {
            if (file.length < 132 || file[128] != 'D' || file[129] != 'I' || file[130] != 'C' || file[131] != 'M') {
                throw new IllegalStateException("the source is not a DICOM Part 10 file");
            }
            ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 132;
            while (pos + 8 <= file.length) {
                int t = (b.getShort(pos) & 0xFFFF) << 16 | (b.getShort(pos + 2) & 0xFFFF);
                String vr = new String(file, pos + 4, 2, StandardCharsets.US_ASCII);
                int valueOffset;
                long length;
                if (isLong(vr)) {
                    length = b.getInt(pos + 8) & 0xFFFFFFFFL;
                    valueOffset = pos + 12;
                } else {
                    length = b.getShort(pos + 6) & 0xFFFF;
                    valueOffset = pos + 8;
                }
                if (t == tag) {
                    return new Element(tag, pos, valueOffset, (int) length, vr);
                }
                if (length == 0xFFFFFFFFL) {
                    pos = skipUndefined(b, valueOffset);
                } else {
                    pos = (int) (valueOffset + length);
                }
            }
            return null;
        }

        /** Skips the items of an undefined-length sequence up to and including its delimiter; returns the next offset. */
        private static int skipUndefined(ByteBuffer b, int pos) {
            while (pos + 8 <= b.limit()) {
                int t = (b.getShort(pos) & 0xFFFF) << 16 | (b.getShort(pos + 2) & 0xFFFF);
                long length = b.getInt(pos + 4) & 0xFFFFFFFFL;
                pos += 8;
                if (t == 0xFFFEE0DD) { // sequence delimitation item
                    return pos;
                }
                if (t == 0xFFFEE000
                        && length == 0xFFFFFFFFL) { // item of undefined length: its elements up to the item delimiter
                    pos = skipItemElements(b, pos);
                } else {
                    pos += (int) length;
                }
            }
            throw new IllegalStateException("unterminated sequence");
        }

        private static int skipItemElements(ByteBuffer b, int pos) {
            while (pos + 8 <= b.limit()) {
                int t = (b.getShort(pos) & 0xFFFF) << 16 | (b.getShort(pos + 2) & 0xFFFF);
                if (t == 0xFFFEE00D) { // item delimitation item
                    return pos + 8;
                }
                byte[] vrBytes = {b.get(pos + 4), b.get(pos + 5)};
                String vr = new String(vrBytes, StandardCharsets.US_ASCII);
                long length;
                int valueOffset;
                if (isLong(vr)) {
                    length = b.getInt(pos + 8) & 0xFFFFFFFFL;
                    valueOffset = pos + 12;
                } else {
                    length = b.getShort(pos + 6) & 0xFFFF;
                    valueOffset = pos + 8;
                }
                pos = length == 0xFFFFFFFFL ? skipUndefined(b, valueOffset) : (int) (valueOffset + length);
            }
            throw new IllegalStateException("unterminated item");
        }

        private static boolean isLong(String vr) {
            return switch (vr) {
                case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV" -> true;
                default -> false;
            };
        }

        /** The file with each patched element's value (and length) replaced; patches in any order. */
        static byte[] apply(byte[] file, List<Patch> patches) {
            List<Patch> sorted = new ArrayList<>(patches);
            sorted.sort(Comparator.comparingInt(p -> p.element().headerOffset()));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(file.length + 64);
            int pos = 0;
            for (Patch p : sorted) {
                Element e = p.element();
                byte[] v = p.binary() != null ? p.binary() : p.value().getBytes(StandardCharsets.US_ASCII);
                int len = v.length + (v.length % 2);
                if (e.tag() >>> 16 == 0x0002 && len != e.length()) {
                    throw new IllegalStateException(
                            "a meta header value must keep its length (group length): " + p.value());
                }
                if (isLong(e.vr()) || len > 0xFFFF || (p.binary() != null && len != e.length())) {
                    throw new IllegalStateException("unexpected VR " + e.vr() + " or length for a patched value");
                }
                out.write(file, pos, e.headerOffset() + 6 - pos); // tag + VR
                out.write(len & 0xFF);
                out.write(len >>> 8);
                out.write(v, 0, v.length);
                if (len > v.length) {
                    out.write(p.pad());
                }
                pos = e.valueOffset() + e.length();
            }
            out.write(file, pos, file.length - pos);
            return out.toByteArray();
        }
    }
}
