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
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    /** A finished run: its summary, messages, audit text, and the written files (input name → output name). */
    record Run(
            DeidentificationRun.Summary summary,
            List<String> messages,
            String audit,
            Map<String, String> outputs,
            DeidentificationKeys keys,
            Path out) {

        /** The output file of the input at {@code relative} (which must have been written). */
        Path of(String relative) {
            String o = outputs.get(keys.inputName(relative));
            assertNotNull(o, relative + " was not written");
            return out.resolve(o);
        }

        /** The audit's row for the input at {@code relative}. */
        String row(String relative) {
            String name = keys.inputName(relative);
            return audit.lines()
                    .filter(l -> l.startsWith(name + ",") && !l.contains(",changed,"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no audit row for " + relative + ":\n" + audit));
        }
    }

    /** Output names: pseudonym / study label / series number _ series label / instance label .dcm. */
    static final String OUTPUT_NAME = "FERRUM-[0-9A-F]{10}/[0-9a-f]{16}/(\\d+|x|m\\d+)_[0-9a-f]{16}/[0-9a-f]{16}\\.dcm";

    static Run run(Path out, Set<DeidentificationOption> options, byte[] secret) throws IOException {
        return run(in, out, options, secret, false);
    }

    static Run run(Path from, Path out, Set<DeidentificationOption> options, byte[] secret, boolean keepNames)
            throws IOException {
        List<String> messages = new ArrayList<>();
        DeidentificationRun.Summary s = DeidentificationRun.run(
                engine(options, secret),
                from,
                out,
                2,
                keepNames,
                (file, output, status, reason) -> messages.add(file + " " + output + " " + status + " " + reason));
        String audit = Files.readString(out.resolve(DeidentificationRun.AUDIT));
        Map<String, String> outputs = new TreeMap<>();
        for (String l : audit.lines().skip(1).toList()) {
            String[] cells = l.split(",", 4);
            if (cells[2].equals("written") || cells[2].equals("flagged-written")) {
                outputs.put(cells[0], cells[1]);
            }
        }
        return new Run(s, messages, audit, outputs, new DeidentificationKeys(secret), out);
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
        // burned-in, failed and not-DICOM files are listed by their keyed names, with no output
        String capture = r.row("capture.dcm");
        assertTrue(
                capture.startsWith(r.keys().inputName("capture.dcm") + ",,flagged,")
                        && capture.contains("burned-in text possible: pixel data not cleaned"),
                capture);
        String corrupt = r.row("corrupt.dcm");
        assertTrue(corrupt.startsWith(r.keys().inputName("corrupt.dcm") + ",,failed,"), corrupt);
        assertTrue(corrupt.contains("past the end"), corrupt);
        assertTrue(r.row("notes.txt").contains(",,not-dicom,"));
        assertTrue(r.keys().inputName("corrupt.dcm").matches("in-[0-9a-f]{16}"));
        for (String k : before.keySet()) {
            if (!k.equals("corrupt.dcm") && !k.equals("capture.dcm") && !k.endsWith(".txt")) {
                String o = r.outputs().get(r.keys().inputName(k.replace('\\', '/')));
                assertNotNull(o, k + " written");
                assertTrue(o.matches(OUTPUT_NAME), o);
                assertTrue(Files.isRegularFile(out.resolve(o)), o);
                // the folder is the pseudonym the file holds
                assertEquals(
                        o.substring(0, o.indexOf('/')),
                        DicomParser.read(out.resolve(o))
                                .dataset()
                                .string(0x00100020)
                                .orElseThrow()
                                .trim());
            }
        }
        // nothing else in the output: the written files and the audit
        assertEquals(r.summary().written() + 1L, hashes(out).size());
        assertEquals(
                r.summary().written(), new java.util.HashSet<>(r.outputs().values()).size(), "no two share a name");
        // one row per change, with hashes of old values, never the values
        assertTrue(r.audit()
                .lines()
                .anyMatch(l -> l.contains(",changed,")
                        && l.contains("(0010,0010)")
                        && l.contains(",pseudonym,")
                        && l.matches(".*,[0-9a-f]{16},FERRUM-[0-9A-F]{10},.*")));
        // the planted nested Referenced Patient Sequence is removed (X) and the planted description blanked (C)
        DicomDataset ge = DicomParser.read(r.of("ge/dti/i22.MRDC.1")).dataset();
        assertFalse(ge.contains(0x00081120));
        assertFalse(ge.contains(0x00080080));
        assertEquals(0, ge.bytes(0x00081030).map(b -> b.length).orElse(0));

        // dates: one whole-day offset per patient (every file of the series), times kept (PS3.15 E.3.6 option)
        Set<Long> offsets = new java.util.HashSet<>();
        for (String k : before.keySet()) {
            if (k.startsWith("ge/") || k.startsWith("siemens/mosaic")) {
                DicomDataset a = DicomParser.read(in.resolve(k)).dataset();
                DicomDataset b = DicomParser.read(r.of(k)).dataset();
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
        // no input folder or file name anywhere: messages and audit name inputs by keyed hashes
        for (String k : before.keySet()) {
            for (Path part : Path.of(k)) {
                if (part.toString().length() < 6) {
                    continue; // "ge", "dti": words that occur in attribute names
                }
                assertFalse(r.audit().contains(part.toString()), "input name in the audit: " + part);
                assertFalse(messages.contains(part.toString()), "input name in messages: " + part);
                assertFalse(r.outputs().values().stream().anyMatch(o -> o.contains(part.toString())), part.toString());
            }
        }
        assertFalse(messages.contains(in.toAbsolutePath().toString()), "messages never name the input folder");
    }

    /** Strings a patient-named archive puts in folder and file names: name, birth date, MRN, accession number. */
    static final List<String> NAMED = List.of("SMITH", "JOHN", "19500101", "MRN12345", "ACC998877");

    @Test
    void patientNamedFoldersAndFilesLeaveNoTraceAndTheRenamedSeriesConvertTheSame() throws Exception {
        Path named = dir.resolve("named");
        Path series = named.resolve("SMITH_JOHN_19500101/MRN12345/ACC998877");
        Files.createDirectories(series);
        try (Stream<Path> s = Files.list(TestData.path("dicom/heudiconv/MEGRE/mag"))) {
            int k = 0;
            for (Path f : s.sorted().toList()) {
                Files.copy(f, series.resolve("SMITH_JOHN_19500101_MRN12345_" + (++k) + ".dcm"));
            }
        }
        Path other = named.resolve("SMITH_JOHN_19500101/MRN12345_other");
        Files.createDirectories(other);
        // a failed file, a withheld one (burned-in text possible) and a second copy of an instance (a name clash)
        Files.write(
                other.resolve("SMITH_JOHN_19500101_broken.dcm"),
                Arrays.copyOf(Files.readAllBytes(series.resolve("SMITH_JOHN_19500101_MRN12345_1.dcm")), 2000));
        Files.copy(TestData.path("dicom/pydicom/image_dfl.dcm"), other.resolve("SMITH_JOHN_capture_ACC998877.dcm"));
        Files.copy(series.resolve("SMITH_JOHN_19500101_MRN12345_1.dcm"), other.resolve("ZZ_MRN12345_copy.dcm"));
        Map<String, String> before = hashes(named);

        Path out = dir.resolve("named-out");
        Run r = run(named, out, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET, false);
        assertEquals(before, hashes(named), "inputs untouched");
        long seriesFiles;
        try (Stream<Path> s = Files.list(series)) {
            seriesFiles = s.count();
        }
        assertEquals(seriesFiles, r.summary().written());
        assertEquals(2, r.summary().failed(), "the broken file and the clashing copy");
        assertEquals(1, r.summary().flagged());
        // the clash: the first input in sorted order is kept, the copy is reported, naming the kept one
        String kept = r.keys().inputName("SMITH_JOHN_19500101/MRN12345/ACC998877/SMITH_JOHN_19500101_MRN12345_1.dcm");
        String copy = r.row("SMITH_JOHN_19500101/MRN12345_other/ZZ_MRN12345_copy.dcm");
        assertTrue(copy.contains(",,failed,") && copy.contains("is that of " + kept), copy);
        assertTrue(Files.isRegularFile(r.out().resolve(r.outputs().get(kept))));
        assertEquals(r.summary().written() + 1L, hashes(out).size(), "the written files and the audit, nothing else");
        assertTrue(r.row("SMITH_JOHN_19500101/MRN12345_other/SMITH_JOHN_19500101_broken.dcm")
                .contains(",,failed,"));
        assertTrue(r.row("SMITH_JOHN_19500101/MRN12345_other/SMITH_JOHN_capture_ACC998877.dcm")
                .contains(",,flagged,"));

        Map<String, String> outputs = hashes(out);
        String audit = r.audit();
        String messages = String.join("\n", r.messages());
        for (String phi : NAMED) {
            for (String o : outputs.keySet()) {
                assertFalse(o.contains(phi), "output path " + o + " holds " + phi);
                assertFalse(contains(Files.readAllBytes(out.resolve(o)), phi), "output file " + o + " holds " + phi);
            }
            assertFalse(audit.contains(phi), "the audit holds " + phi);
            assertFalse(messages.contains(phi), "a message holds " + phi);
        }
        for (String o : r.outputs().values()) {
            assertTrue(o.matches(OUTPUT_NAME), o);
            assertTrue(o.length() <= 100, o);
        }

        // the renamed output converts to the same voxels and geometry as the named input
        ConversionReport ra = new DicomConverter()
                .convert(series, dir.resolve("named-conv-in"), DicomConverter.SILENT, Cancellation.NEVER);
        ConversionReport rb = new DicomConverter()
                .convert(out, dir.resolve("named-conv-out"), DicomConverter.SILENT, Cancellation.NEVER);
        List<ConversionReport.Output> oa = sorted(ra.written());
        List<ConversionReport.Output> ob = sorted(rb.written());
        assertFalse(oa.isEmpty());
        assertEquals(oa.size(), ob.size());
        for (int k = 0; k < oa.size(); k++) {
            Volume<FloatType> va = VolumeFiles.readFloat(oa.get(k).image());
            Volume<FloatType> vb = VolumeFiles.readFloat(ob.get(k).image());
            assertEquals(va.geometry(), vb.geometry());
            assertArrayEquals(Volumes.floats(va), Volumes.floats(vb));
        }
    }

    @Test
    void keepNamesMirrorsTheInputTree() throws Exception {
        Path out = dir.resolve("out-kept-names");
        Run r = run(in, out, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET, true);
        assertTrue(Files.isRegularFile(out.resolve("ge/dti/i22.MRDC.1")));
        assertTrue(Files.isRegularFile(out.resolve("siemens/mosaic/epi_pe_ap-00001.dcm")));
        assertTrue(r.audit().contains("\ncorrupt.dcm,,failed,"), r.audit());
        assertTrue(r.audit().contains("\nge/dti/i22.MRDC.1,ge/dti/i22.MRDC.1,written,"), r.audit());
        assertFalse(Files.exists(out.resolve("capture.dcm")));
        // the same bytes as under de-identified names: only the names differ
        Path renamed = dir.resolve("out-kept-names-renamed");
        Run rr = run(in, renamed, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET, false);
        assertArrayEquals(
                Files.readAllBytes(out.resolve("ge/dti/i22.MRDC.1")), Files.readAllBytes(rr.of("ge/dti/i22.MRDC.1")));
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
        Run ra = run(a, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET);
        run(b, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET);
        Run rc = run(c, DeidentifierProfileTest.QMRI, OTHER_SECRET);
        Map<String, String> ha = hashes(a);
        assertEquals(ha, hashes(b), "same secret: the same names and the same bytes in every file");
        Set<String> shared = new java.util.HashSet<>(ha.keySet());
        shared.retainAll(hashes(c).keySet());
        assertEquals(Set.of(DeidentificationRun.AUDIT), shared, "another secret, other names");
        for (String k : List.of("ge/dti/i22.MRDC.1", "siemens/mosaic/epi_pe_ap-00001.dcm")) {
            DicomDataset da = DicomParser.read(ra.of(k)).dataset();
            DicomDataset dc = DicomParser.read(rc.of(k)).dataset();
            for (int tag : new int[] {0x00080018, 0x0020000D, 0x0020000E, 0x00200052}) {
                assertTrue(da.string(tag).orElseThrow().startsWith("2.25."));
                assertNotEquals(da.string(tag), dc.string(tag), "another secret, another UID");
            }
            assertNotEquals(da.string(0x00100020), dc.string(0x00100020), "another secret, another pseudonym");
        }
        // within a run, the series' files share the remapped Series UID, and its folder holds the series whole
        Set<String> series = new java.util.HashSet<>();
        Path folder = ra.of("ge/dti/i22.MRDC.1").getParent();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.toList()) {
                series.add(DicomParser.read(f).dataset().string(0x0020000E).orElseThrow());
            }
        }
        assertEquals(1, series.size());
        try (Stream<Path> s = Files.list(in.resolve("ge/dti"));
                Stream<Path> t = Files.list(folder)) {
            assertEquals(s.count(), t.count());
        }
        // the series folder starts with the Series Number the file holds
        assertTrue(folder.getFileName()
                .toString()
                .startsWith(DicomParser.read(ra.of("ge/dti/i22.MRDC.1"))
                                .dataset()
                                .integer(0x00200011)
                                .getAsInt() + "_"));
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
        Path renamed = dir.resolve("out-convert");
        Run r = run(renamed, DeidentifierProfileTest.QMRI, DeidentifierProfileTest.SECRET);
        // each input series' renamed output files, gathered under the renamed names for a like-for-like conversion
        Path out = dir.resolve("out-convert-grouped");
        for (String series : List.of("ge/dti", "siemens/mosaic", "siemens/megre", "philips")) {
            Files.createDirectories(out.resolve(series));
            try (Stream<Path> s = Files.list(in.resolve(series))) {
                for (Path f : s.toList()) {
                    Path o = r.of(in.relativize(f).toString());
                    Files.copy(o, out.resolve(series).resolve(o.getFileName().toString()));
                }
            }
        }
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
