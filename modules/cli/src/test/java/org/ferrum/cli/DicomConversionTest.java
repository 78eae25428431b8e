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
package org.ferrum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.headless.FileCommands;
import org.ferrum.pipeline.headless.HeadlessMain;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless DICOM commands ({@code --convert DICOM_DIR --out DIR}, {@code --dump FILE}) through
 * {@link DicomConversion} and {@link HeadlessMain}: what is printed, what is written, and the exit status
 * for good folders, folders with junk beside the DICOM, folders without DICOM, unsupported series and
 * outputs that cannot be written.
 */
@Timeout(120)
class DicomConversionTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DicomConversion conversion;

    @BeforeEach
    void setUp() {
        conversion = new DicomConversion(
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static Path megre() {
        return TestData.path("dicom", "heudiconv", "MEGRE");
    }

    /** The launcher's plain JVM ({@link HeadlessMain#main}) finds the DICOM commands through Lookup: the engine knows no DICOM. */
    @Test
    void theEngineFindsTheDicomCommandsThroughLookup() {
        assertTrue(
                FileCommands.installed() instanceof DicomConversion,
                FileCommands.installed().getClass().getName());
    }

    List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void convertsEverySeriesPrintingOneLinePerImageWritten() throws IOException {
        int status = conversion.convert(megre(), Path.of("nifti"));
        assertEquals(HeadlessRunner.OK, status, errLines().toString());
        Path o = dir.resolve("nifti");
        List<String> written = names(o);
        // dcm2niix's default template %f_%p_%t_%s: folder MEGRE, protocol GRE_QSM, study time, series 2 (magnitude) and
        // 3 (phase)
        assertEquals(12, written.size(), written.toString());
        assertTrue(written.contains("MEGRE_GRE_QSM_20220202161124_2_e1.nii"), written.toString());
        assertTrue(written.contains("MEGRE_GRE_QSM_20220202161124_3_e3_ph.json"), written.toString());
        List<String> wrote =
                outLines().stream().filter(l -> l.startsWith("wrote ")).toList();
        assertEquals(6, wrote.size(), outLines().toString());
        assertTrue(
                wrote.stream().anyMatch(l -> l.contains("_3_e2_ph.nii") && l.contains("phase") && l.contains("rad")),
                wrote.toString());
        assertTrue(
                outLines().get(outLines().size() - 1).startsWith("converted 2 of 2 series"),
                outLines().toString());
        assertEquals(List.of(), errLines());
        BidsSidecar ph = BidsSidecar.read(o.resolve("MEGRE_GRE_QSM_20220202161124_3_e2_ph.json"));
        assertEquals("rad", ph.units().orElseThrow());
        assertEquals(2, ph.echoNumber().orElseThrow());
        assertTrue(ph.text("PhaseScaling").orElseThrow().startsWith("Siemens phase"), ph.toString());
        assertFalse(written.stream().anyMatch(n -> n.endsWith(".part")), "no temporary files left: " + written);
    }

    @Test
    void filesThatAreNotDicomAreListedButDoNotFailTheConversion() throws IOException {
        Path in = dir.resolve("in");
        copyTree(megre(), in);
        Files.writeString(in.resolve("README.txt"), "exported by the scanner");
        assertEquals(
                HeadlessRunner.OK,
                conversion.convert(in, dir.resolve("o")),
                errLines().toString());
        // a README is not a broken DICOM file: counted apart, not reported as an error (issue 15 item 15)
        assertEquals(0, errLines().size(), errLines().toString());
        assertTrue(
                outLines().get(outLines().size() - 1).endsWith("1 non-DICOM files ignored"),
                outLines().toString());
    }

    @Test
    void aFolderWithoutDicomIsBadInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.convert(empty, dir.resolve("o")));
        assertTrue(
                errLines()
                        .get(errLines().size() - 1)
                        .equals(empty + ": no DICOM image series found (0 files looked at)"),
                errLines().toString());
        assertFalse(Files.exists(dir.resolve("o")), "no output folder for nothing to convert");

        Files.writeString(empty.resolve("notes.txt"), "x");
        err.reset();
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.convert(empty, dir.resolve("o")));
        assertTrue(
                errLines().contains(empty + ": no DICOM image series found (1 files looked at)"),
                errLines().toString());
    }

    @Test
    void aMissingFolderOrAFileIsBadInput() throws IOException {
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.convert(Path.of("absent"), dir.resolve("o")));
        assertEquals(List.of(dir.resolve("absent") + ": no such folder"), errLines());
        err.reset();
        Path file = Files.writeString(dir.resolve("f.dcm"), "x");
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.convert(file, dir.resolve("o")));
        assertTrue(errLines().get(0).contains("not a folder"), errLines().toString());
        err.reset();
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.convert(megre(), file));
        assertEquals(List.of(file + ": --out is a regular file, not a folder"), errLines());
    }

    @Test
    void outOnAKernelFileSystemIsRefusedBeforeAnySeriesIsRead() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.convert(megre(), Path.of("/proc/ferrum")));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).startsWith("/proc/ferrum: --out is on the kernel's 'proc' file system"),
                errLines().get(0));
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).isEmpty(), "nothing converted");
    }

    @Test
    void anUnsupportedSeriesIsBadInputAndTheOthersAreStillConverted() throws IOException {
        Path in = dir.resolve("in");
        copyTree(megre(), in.resolve("megre"));
        // one mosaic in JPEG-LS, which Ferrum refuses by name (dcm_qa_ts/In/7.dcm)
        Path jpegLs = TestData.path("dicom", "dcm_qa_ts", "In", "7.dcm");
        Files.createDirectories(in.resolve("ts"));
        Files.copy(jpegLs, in.resolve("ts/7.dcm"));
        Path o = dir.resolve("o");
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.convert(in, o));
        assertEquals(12, names(o).size(), names(o).toString());
        assertTrue(
                errLines().stream()
                        .anyMatch(l -> l.startsWith("series ") && l.contains("not converted") && l.contains("JPEG-LS")),
                errLines().toString());
        assertTrue(
                outLines().get(outLines().size() - 1).startsWith("converted 2 of 3 series"),
                outLines().toString());
    }

    @Test
    void anOutputThatCannotBeWrittenIsAFailureAndLeavesNothingOfItsSeries() throws IOException {
        Path o = dir.resolve("o");
        // a non-empty folder where the phase image of echo 2 would go: the atomic move onto it fails
        Files.createDirectories(o.resolve("MEGRE_GRE_QSM_20220202161124_3_e2_ph.nii/blocker"));
        assertEquals(HeadlessRunner.FAILURE, conversion.convert(megre(), o));
        List<String> names = names(o);
        assertTrue(
                names.contains("MEGRE_GRE_QSM_20220202161124_2_e3.nii"), "the magnitude series is written: " + names);
        assertFalse(
                names.contains("MEGRE_GRE_QSM_20220202161124_3_e1_ph.nii"),
                "nothing of the failed series stays: " + names);
        assertFalse(
                names.contains("MEGRE_GRE_QSM_20220202161124_3_e1_ph.json"),
                "nothing of the failed series stays: " + names);
        assertFalse(names.stream().anyMatch(n -> n.endsWith(".part")), names.toString());
        assertTrue(
                errLines().stream().anyMatch(l -> l.startsWith("series 3 \"GRE_QSM\": not converted")),
                errLines().toString());
    }

    @Test
    void dumpPrintsTheAttributesOfADicomFile() throws IOException {
        Path file;
        try (Stream<Path> s = Files.list(megre().resolve("mag"))) {
            file = s.sorted().findFirst().orElseThrow();
        }
        assertEquals(HeadlessRunner.OK, conversion.dump(file), errLines().toString());
        String dump = out.toString(StandardCharsets.UTF_8);
        assertTrue(dump.contains("(0008,0060) Modality"), dump);
        assertTrue(dump.contains("(0018,0081) EchoTime"), dump);

        Path text = Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.dump(text));
        assertTrue(errLines().get(0).contains("not a DICOM file"), errLines().toString());
        err.reset();
        assertEquals(HeadlessRunner.BAD_INPUT, conversion.dump(Path.of("absent.dcm")));
        assertEquals(List.of(dir.resolve("absent.dcm") + ": no such file"), errLines());
    }

    @Test
    void plainJvmMainTakesConvertAndDump() throws IOException {
        HeadlessRunner runner = new HeadlessRunner(
                OperatorRegistry.of(List.of()),
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(
                HeadlessRunner.OK,
                HeadlessMain.run(new String[] {"--convert", megre().toString(), "--out", "n"}, runner, conversion),
                errLines().toString());
        assertEquals(12, names(dir.resolve("n")).size());

        PrintStream systemErr = System.err;
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        System.setErr(new PrintStream(usage, true, StandardCharsets.UTF_8));
        try {
            assertEquals(
                    HeadlessRunner.BAD_INPUT,
                    HeadlessMain.run(new String[] {"--convert", megre().toString()}, runner, conversion));
            assertTrue(
                    usage.toString(StandardCharsets.UTF_8).startsWith("--out DIR is missing"),
                    usage.toString(StandardCharsets.UTF_8));
            usage.reset();
            assertEquals(
                    HeadlessRunner.BAD_INPUT,
                    HeadlessMain.run(
                            new String[] {"--convert", "a", "--run", "p.json", "--out", "o"}, runner, conversion));
            assertTrue(
                    usage.toString(StandardCharsets.UTF_8).contains("not to be combined"),
                    usage.toString(StandardCharsets.UTF_8));
            usage.reset();
            assertEquals(HeadlessRunner.BAD_INPUT, HeadlessMain.run(new String[] {"--dump"}, runner, conversion));
            assertEquals(
                    "--dump needs a value",
                    usage.toString(StandardCharsets.UTF_8).trim());
        } finally {
            System.setErr(systemErr);
        }
        out.reset();
        Path file;
        try (Stream<Path> s = Files.list(megre().resolve("phase"))) {
            file = s.sorted().findFirst().orElseThrow();
        }
        assertEquals(HeadlessRunner.OK, HeadlessMain.run(new String[] {"--dump", file.toString()}, runner, conversion));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(0008,0008) ImageType"));
    }
}
