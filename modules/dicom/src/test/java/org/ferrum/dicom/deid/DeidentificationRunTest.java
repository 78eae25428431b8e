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
package org.ferrum.dicom.deid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.dicom.ConversionReport;
import org.ferrum.dicom.DicomConverter;
import org.ferrum.dicom.DicomDataset;
import org.ferrum.dicom.DicomFile;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.DicomRewriter;
import org.ferrum.dicom.Vr;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs over a folder of real series (GE DTI with planted identifiers, Siemens mosaic, Siemens multi-echo,
 * Philips enhanced), a corrupt file and a text file: what is written, the audit, inputs untouched, no identifier
 * anywhere, stable and secret-dependent UIDs, private tags gone without Retain Safe Private, and that the
 * de-identified series convert (Ferrum's converter and dcm2niix) to the same voxels, geometry, b-values and
 * directions.
 */
class DeidentificationRunTest {

    @TempDir
    static Path dir;

    static Path in;
    static final byte[] OTHER_SECRET = "another project secret, 32 bytes".getBytes(StandardCharsets.US_ASCII);

    /** Identifiers planted into the GE series (top level and in a nested sequence), besides the files' own. */
    static final List<String> PLANTED =
            List.of("DOE^JANE", "MRN0042XYZ", "St Elsewhere Hospital", "HOUSE^GREGORY", "Jane Doe follow-up");

    @BeforeAll
    static void input() throws Exception {
        in = dir.resolve("in");
        copy(TestData.path("dicom/dcm_qa_nih/In/20180918Si/mr_0003"), in.resolve("siemens/mosaic"));
        copy(TestData.path("dicom/heudiconv/MEGRE/mag"), in.resolve("siemens/megre"));
        copy(TestData.path("dicom/dcm_qa_fmap/In/Philips/fmap"), in.resolve("philips"));
        Path ge = in.resolve("ge/dti");
        Files.createDirectories(ge);
        try (Stream<Path> s = Files.list(TestData.path("dicom/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2"))) {
            for (Path f : s.sorted().toList()) {
                Files.write(ge.resolve(f.getFileName().toString()), plant(DicomParser.read(f)));
            }
        }
        byte[] whole = Files.readAllBytes(TestData.path("dicom/dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm"));
        Files.write(in.resolve("corrupt.dcm"), Arrays.copyOf(whole, 2000)); // ends inside an element
        Files.writeString(in.resolve("notes.txt"), "scanner notes");
        // a Secondary Capture (pydicom's deflated file): burned-in text possible, withheld by default
        Files.copy(TestData.path("dicom/pydicom/image_dfl.dcm"), in.resolve("capture.dcm"));
    }

    /** The file with identifiers planted: names, ID, institution, referring physician, a description. */
    private static byte[] plant(DicomFile f) throws Exception {
        return DicomRewriter.rewrite(f, new DicomRewriter.Policy() {
                    @Override
                    public DicomRewriter.Decision decide(DicomRewriter.Element e) {
                        return DicomRewriter.KEEP;
                    }

                    @Override
                    public List<DicomRewriter.NewElement> additions() {
                        return List.of(
                                DicomRewriter.NewElement.text(0x00080080, Vr.LO, PLANTED.get(2)),
                                DicomRewriter.NewElement.text(0x00080090, Vr.PN, PLANTED.get(3)),
                                DicomRewriter.NewElement.text(0x00081030, Vr.LO, PLANTED.get(4)),
                                DicomRewriter.NewElement.text(0x00100010, Vr.PN, PLANTED.get(0)),
                                DicomRewriter.NewElement.text(0x00100020, Vr.LO, PLANTED.get(1)),
                                DicomRewriter.NewElement.sequence(
                                        0x00081120,
                                        List.of(List.of(
                                                DicomRewriter.NewElement.text(0x00100010, Vr.PN, PLANTED.get(0))))));
                    }
                })
                .bytes();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    static Deidentifier engine(Set<DeidentificationOption> options, byte[] secret) {
        return new Deidentifier(
                ProfileRules.of(DeidentificationProfile.standard(), options),
                options,
                new DeidentificationKeys(secret),
                false);
    }

    record Run(DeidentificationRun.Summary summary, List<String> messages, String audit) {}

    static Run run(Path out, Set<DeidentificationOption> options, byte[] secret) throws IOException {
        List<String> messages = new ArrayList<>();
        DeidentificationRun.Summary s = DeidentificationRun.run(
                engine(options, secret),
                in,
                out,
                2,
                (file, status, reason) -> messages.add(file + " " + status + " " + reason));
        return new Run(s, messages, Files.readString(out.resolve(DeidentificationRun.AUDIT)));
    }

    static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> h = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                h.put(
                        root.relativize(f).toString(),
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return h;
    }

    @Test
    void runWritesTheGoodFilesReportsTheCorruptOneAndLeavesNoIdentifier() throws Exception {
        Map<String, String> before = hashes(in);
        Set<String> phi = new LinkedHashSet<>(PLANTED);
        try (Stream<Path> s = Files.walk(in)) {
            for (Path f : s.filter(
                            p -> p.toString().endsWith(".dcm") || p.toString().contains("MRDC"))
                    .toList()) {
                try {
                    DicomDataset d = DicomParser.read(f).dataset();
                    for (int tag : new int[] {0x00100010, 0x00100020, 0x00080090, 0x00080080}) {
                        d.string(tag)
                                .map(String::trim)
                                .filter(v -> v.length() >= 4)
                                .ifPresent(phi::add);
                    }
                } catch (IOException e) {
                    // the corrupt file
                }
            }
        }
        Path out = dir.resolve("out-qmri");
        Run r = run(out, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET);

        assertEquals(before, hashes(in), "inputs untouched");
        long dicomFiles =
                before.keySet().stream().filter(k -> !k.endsWith(".txt")).count();
        assertEquals(before.size(), r.summary().filesIn());
        assertEquals(1, r.summary().failed());
        assertEquals(1, r.summary().notDicom());
        assertEquals(1, r.summary().flagged());
        assertEquals(dicomFiles - 2, r.summary().written());
        assertFalse(Files.exists(out.resolve("capture.dcm")), "burned-in text possible: not written by default");
        assertTrue(
                r.audit()
                        .lines()
                        .anyMatch(l -> l.startsWith("capture.dcm,flagged,")
                                && l.contains("burned-in text possible: pixel data not cleaned")),
                r.audit());
        assertFalse(Files.exists(out.resolve("corrupt.dcm")), "a failed file is not written");
        assertFalse(Files.exists(out.resolve("notes.txt")));
        assertTrue(
                r.audit().lines().anyMatch(l -> l.startsWith("corrupt.dcm,failed,") && l.contains("past the end")),
                r.audit());
        for (String k : before.keySet()) {
            if (!k.equals("corrupt.dcm") && !k.equals("capture.dcm") && !k.endsWith(".txt")) {
                assertTrue(Files.isRegularFile(out.resolve(k)), "folder tree mirrored: " + k);
                assertTrue(r.audit().contains(k.replace('\\', '/') + ",written,"), k);
            }
        }
        // one row per change, with hashes of old values, never the values
        assertTrue(r.audit()
                .lines()
                .anyMatch(l -> l.contains(",changed,")
                        && l.contains("(0010,0010)")
                        && l.contains(",pseudonym,")
                        && l.matches(".*,[0-9a-f]{16},FERRUM-[0-9A-F]{10},.*")));
        // the planted nested Referenced Patient Sequence is removed (X) and the planted description blanked (C)
        DicomDataset ge = DicomParser.read(out.resolve("ge/dti/i22.MRDC.1")).dataset();
        assertFalse(ge.contains(0x00081120));
        assertFalse(ge.contains(0x00080080));
        assertEquals(0, ge.bytes(0x00081030).map(b -> b.length).orElse(0));

        // dates: one whole-day offset per patient (every file of the series), times kept (PS3.15 E.3.6 option)
        Set<Long> offsets = new java.util.HashSet<>();
        for (String k : before.keySet()) {
            if (k.startsWith("ge/") || k.startsWith("siemens/mosaic")) {
                DicomDataset a = DicomParser.read(in.resolve(k)).dataset();
                DicomDataset b = DicomParser.read(out.resolve(k)).dataset();
                java.time.format.DateTimeFormatter da = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
                long days = java.time.temporal.ChronoUnit.DAYS.between(
                        java.time.LocalDate.parse(
                                a.string(0x00080020).orElseThrow().trim(), da),
                        java.time.LocalDate.parse(
                                b.string(0x00080020).orElseThrow().trim(), da));
                offsets.add(days * 1000 + (k.startsWith("ge/") ? 0 : 1));
                assertTrue(days <= -365 && days >= -3650, k + ": " + days);
                assertEquals(a.string(0x00080032), b.string(0x00080032), k + ": Acquisition Time kept");
                assertEquals(a.string(0x00080030), b.string(0x00080030), k + ": Study Time kept");
            }
        }
        assertEquals(2, offsets.size(), "one offset per patient: " + offsets);

        // no identifier in any output file, the audit or the messages
        List<byte[]> outputs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                outputs.add(Files.readAllBytes(f));
            }
        }
        String messages = String.join("\n", r.messages());
        for (String p : phi) {
            for (byte[] b : outputs) {
                assertFalse(contains(b, p), "identifier found in an output file");
            }
            assertFalse(
                    r.audit().toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT)), "identifier in the audit");
            assertFalse(
                    messages.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT)), "identifier in messages");
        }
        assertTrue(phi.size() >= PLANTED.size());
        assertFalse(messages.contains(in.toAbsolutePath().toString()), "messages name files by relative path");
    }

    private static boolean contains(byte[] hay, String needle) {
        byte[] n = needle.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int k = 0; k < n.length; k++) {
                int c = hay[i + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != n[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void uidsAreStableAcrossRunsWithTheSameSecretAndDifferWithAnother() throws Exception {
        Path a = dir.resolve("uid-a");
        Path b = dir.resolve("uid-b");
        Path c = dir.resolve("uid-c");
        run(a, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET);
        run(b, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET);
        run(c, DeidentifierProfileTest.QMRI, OTHER_SECRET);
        Map<String, String> ha = hashes(a);
        assertEquals(ha, hashes(b), "same secret: the same bytes in every file");
        for (String k : List.of("ge/dti/i22.MRDC.1", "siemens/mosaic/epi_pe_ap-00001.dcm")) {
            DicomDataset da = DicomParser.read(a.resolve(k)).dataset();
            DicomDataset dc = DicomParser.read(c.resolve(k)).dataset();
            for (int tag : new int[] {0x00080018, 0x0020000D, 0x0020000E, 0x00200052}) {
                assertTrue(da.string(tag).orElseThrow().startsWith("2.25."));
                assertNotEquals(da.string(tag), dc.string(tag), "another secret, another UID");
            }
            assertNotEquals(da.string(0x00100020), dc.string(0x00100020), "another secret, another pseudonym");
        }
        // within a run, the series' files share the remapped Study/Series/Frame of Reference UIDs
        Set<String> series = new java.util.HashSet<>();
        try (Stream<Path> s = Files.list(a.resolve("ge/dti"))) {
            for (Path f : s.toList()) {
                series.add(DicomParser.read(f).dataset().string(0x0020000E).orElseThrow());
            }
        }
        assertEquals(1, series.size());
    }

    @Test
    void withoutRetainSafePrivateNoPrivateAttributeRemains() throws Exception {
        Path out = dir.resolve("out-basic");
        Run r = run(out, EnumSet.noneOf(DeidentificationOption.class), DeidentifierProfileTest.SECRET);
        assertEquals(1, r.summary().failed());
        int[] files = {0};
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(p -> Files.isRegularFile(p) && !p.toString().endsWith(".csv"))
                    .toList()) {
                noPrivate(DicomParser.read(f).dataset(), f.toString());
                files[0]++;
            }
        }
        assertEquals(20, files[0]);
    }

    private static void noPrivate(DicomDataset d, String where) throws Exception {
        for (int tag : d.tags()) {
            assertFalse(DicomRewriter.isPrivate(tag), where + ": " + DicomRewriter.hex(tag));
            if (d.vr(tag).orElseThrow() == Vr.SQ) {
                for (DicomDataset item : d.sequence(tag)) {
                    noPrivate(item, where);
                }
            }
        }
    }

    @Test
    void deidentifiedSeriesConvertToTheSameVoxelsGeometryAndDiffusionEncoding() throws Exception {
        Path out = dir.resolve("out-convert");
        run(out, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET);
        for (String series : List.of("ge/dti", "siemens/mosaic", "siemens/megre", "philips")) {
            Path a = dir.resolve("conv-in/" + series);
            Path b = dir.resolve("conv-out/" + series);
            ConversionReport ra =
                    new DicomConverter().convert(in.resolve(series), a, DicomConverter.SILENT, Cancellation.NEVER);
            ConversionReport rb =
                    new DicomConverter().convert(out.resolve(series), b, DicomConverter.SILENT, Cancellation.NEVER);
            List<ConversionReport.Output> oa = sorted(ra.written());
            List<ConversionReport.Output> ob = sorted(rb.written());
            assertFalse(oa.isEmpty(), series);
            assertEquals(oa.size(), ob.size(), series);
            for (int k = 0; k < oa.size(); k++) {
                Volume<FloatType> va = VolumeFiles.readFloat(oa.get(k).image());
                Volume<FloatType> vb = VolumeFiles.readFloat(ob.get(k).image());
                assertEquals(va.geometry(), vb.geometry(), series + ": geometry");
                assertArrayEquals(Volumes.floats(va), Volumes.floats(vb), series + ": voxels");
            }
            sameFiles(a, b, ".bval", ".bvec");
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcm2niix")), "dcm2niix not installed");
        for (String series : List.of("ge/dti", "siemens/mosaic", "siemens/megre", "philips")) {
            Path a = dcm2niix(in.resolve(series), dir.resolve("niix-in/" + series));
            Path b = dcm2niix(out.resolve(series), dir.resolve("niix-out/" + series));
            sameFiles(a, b, ".bval", ".bvec");
            List<Path> na = list(a, ".nii");
            List<Path> nb = list(b, ".nii");
            assertEquals(na.size(), nb.size());
            assertFalse(na.isEmpty());
            for (int k = 0; k < na.size(); k++) {
                byte[] x = Files.readAllBytes(na.get(k));
                byte[] y = Files.readAllBytes(nb.get(k));
                // NIfTI-1 header: dim (40..56), pixdim (76..108), srow_x/y/z (280..328); voxels after vox_offset 352
                assertArrayEquals(Arrays.copyOfRange(x, 40, 56), Arrays.copyOfRange(y, 40, 56), "dim");
                assertArrayEquals(Arrays.copyOfRange(x, 76, 108), Arrays.copyOfRange(y, 76, 108), "pixdim");
                assertArrayEquals(Arrays.copyOfRange(x, 280, 328), Arrays.copyOfRange(y, 280, 328), "srow");
                assertArrayEquals(Arrays.copyOfRange(x, 352, x.length), Arrays.copyOfRange(y, 352, y.length), "voxels");
            }
        }
        assertFalse(list(dir.resolve("niix-out/ge/dti"), ".bval").isEmpty(), "GE DTI gives b-values");
    }

    private static List<ConversionReport.Output> sorted(List<ConversionReport.Output> o) {
        List<ConversionReport.Output> l = new ArrayList<>(o);
        l.sort((x, y) -> (x.series() + x.kind() + x.image().getFileName())
                .compareTo(y.series() + y.kind() + y.image().getFileName()));
        return l;
    }

    private static Path dcm2niix(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        Process p = new ProcessBuilder(
                        "dcm2niix", "-z", "n", "-b", "n", "-f", "%s_%e", "-o", to.toString(), from.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return to;
    }

    private static List<Path> list(Path d, String ext) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    private static void sameFiles(Path a, Path b, String... exts) throws IOException {
        for (String ext : exts) {
            List<Path> x = list(a, ext);
            List<Path> y = list(b, ext);
            assertEquals(x.size(), y.size(), ext);
            for (int k = 0; k < x.size(); k++) {
                assertEquals(Files.readString(x.get(k)), Files.readString(y.get(k)), ext);
            }
        }
    }
}
