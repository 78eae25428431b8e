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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.deid.DeidentificationKeys;
import org.ferrum.dicom.deid.DeidentificationRun;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.headless.HeadlessMain;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --deidentify IN_DIR OUT_DIR [--options ...] [--secret FILE] [--keep-names]} through the launcher's plain JVM entry. */
@Timeout(120)
class DicomDeidentificationTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DicomConversion commands;
    private HeadlessRunner runner;
    private Path in;
    private Path key;

    @BeforeEach
    void setUp() throws IOException {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        commands = new DicomConversion(dir, o, e);
        runner = new HeadlessRunner(OperatorRegistry.of(List.of()), dir, o, e);
        in = dir.resolve("in");
        Files.createDirectories(in.resolve("megre"));
        try (Stream<Path> s = Files.list(TestData.path("dicom", "heudiconv", "MEGRE", "mag"))) {
            for (Path f : s.toList()) {
                Files.copy(f, in.resolve("megre").resolve(f.getFileName().toString()));
            }
        }
        key = dir.resolve("project.key");
        Files.write(key, "a project secret of 32 bytes....".getBytes(StandardCharsets.US_ASCII));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return HeadlessMain.run(args, runner, commands);
        } finally {
            System.setErr(systemErr);
        }
    }

    /** The file written for the input at {@code relative}, found through the audit by the input's keyed name. */
    private Path output(String outDir, Path secret, String relative) throws IOException {
        String name = new DeidentificationKeys(Files.readAllBytes(secret)).inputName(relative);
        for (String l : Files.readAllLines(dir.resolve(outDir).resolve(DeidentificationRun.AUDIT))) {
            String[] c = l.split(",", 4);
            if (c[0].equals(name) && (c[2].equals("written") || c[2].equals("flagged-written"))) {
                return dir.resolve(outDir).resolve(c[1]);
            }
        }
        throw new AssertionError(relative + " (" + name + ") not written");
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deidentifiesAFolderAndSummarises() throws Exception {
        String patient = DicomParser.read(in.resolve("megre/00001.dcm"))
                .dataset()
                .string(0x00100010)
                .orElseThrow();
        assertEquals(
                HeadlessRunner.OK,
                run(
                        "--deidentify",
                        "in",
                        "o",
                        "--options",
                        "retain-modified-dates,retain-safe-private",
                        "--secret",
                        key.toString()),
                stderr());
        assertTrue(stdout().contains("de-identified 3 files in: 3 written, 0 flagged"), stdout());
        assertTrue(stdout().contains("names: <pseudonym>/<study>/<series number>_<series>/<instance>.dcm"), stdout());
        Path written = output("o", key, "megre/00001.dcm");
        assertTrue(Files.isRegularFile(written));
        assertFalse(Files.exists(dir.resolve("o/megre")), "the input tree is not mirrored");
        assertTrue(Files.isRegularFile(dir.resolve("o/deidentification-audit.csv")));
        assertFalse(stdout().contains(patient.trim()));
        assertEquals(
                "YES", DicomParser.read(written).dataset().string(0x00120062).orElseThrow());
    }

    @Test
    void aCorruptFileFailsTheRunWithStatus1AndIsNamedByItsKeyedName() throws Exception {
        byte[] whole = Files.readAllBytes(in.resolve("megre/00001.dcm"));
        Files.write(in.resolve("megre/broken.dcm"), Arrays.copyOf(whole, 1500));
        assertEquals(HeadlessRunner.FAILURE, run("--deidentify", "in", "o", "--secret", key.toString()));
        String name = new DeidentificationKeys(Files.readAllBytes(key)).inputName("megre/broken.dcm");
        assertTrue(stderr().contains(name + ": failed, not written:"), stderr());
        assertFalse(stderr().contains("broken"), stderr());
        assertFalse(stderr().contains(dir.toAbsolutePath().toString()), stderr());
        assertTrue(stdout().contains("3 written, 0 flagged"), stdout());
        assertTrue(stdout().contains("1 failed"), stdout());
        assertTrue(Files.readString(dir.resolve("o").resolve(DeidentificationRun.AUDIT))
                .contains(name + ",,failed,"));
        try (Stream<Path> s = Files.walk(dir.resolve("o"))) {
            assertEquals(4, s.filter(Files::isRegularFile).count(), "3 files and the audit");
        }
    }

    @Test
    void withoutASecretANewOwnerOnlyKeyIsWrittenBesideTheOutputAndNeverReusedSilently() throws Exception {
        assertEquals(HeadlessRunner.OK, run("--deidentify", "in", "runs/a"), stderr());
        Path generated = dir.resolve("runs/deid-secret.key");
        assertTrue(Files.isRegularFile(generated));
        assertEquals(32, Files.size(generated));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated)));
        assertTrue(stdout().contains(generated.toString()), stdout());
        assertEquals(HeadlessRunner.BAD_INPUT, run("--deidentify", "in", "runs/b"));
        assertTrue(stderr().contains("already exists: pass it with --secret"), stderr());
        assertFalse(Files.exists(dir.resolve("runs/b")));
        // with the generated key passed back, a later batch maps the same UIDs
        assertEquals(HeadlessRunner.OK, run("--deidentify", "in", "runs/c", "--secret", generated.toString()));
        assertEquals(
                DicomParser.read(output("runs/a", generated, "megre/00001.dcm"))
                        .dataset()
                        .string(0x00080018),
                DicomParser.read(output("runs/c", generated, "megre/00001.dcm"))
                        .dataset()
                        .string(0x00080018));
        assertEquals(
                dir.resolve("runs/a").relativize(output("runs/a", generated, "megre/00001.dcm")),
                dir.resolve("runs/c").relativize(output("runs/c", generated, "megre/00001.dcm")),
                "the same name in every batch");
    }

    @Test
    void badArgumentsExitWith2AndWriteNothing() throws Exception {
        String k = key.toString();
        assertEquals(
                HeadlessRunner.BAD_INPUT,
                run("--deidentify", "in", "o", "--options", "retain-everything", "--secret", k));
        assertTrue(stderr().contains("unknown option 'retain-everything'"), stderr());
        assertTrue(stderr().contains("retain-modified-dates"), stderr());
        assertEquals(
                HeadlessRunner.BAD_INPUT,
                run("--deidentify", "in", "o", "--options", "retain-full-dates,retain-modified-dates", "--secret", k));
        assertTrue(stderr().contains("exclude each other"), stderr());
        assertEquals(HeadlessRunner.BAD_INPUT, run("--deidentify", "in"));
        assertTrue(stderr().contains("--deidentify needs two folders"), stderr());
        assertEquals(HeadlessRunner.BAD_INPUT, run("--deidentify", "in", "in/o", "--secret", k));
        assertTrue(stderr().contains("outside the input folder"), stderr());
        assertEquals(HeadlessRunner.BAD_INPUT, run("--deidentify", "nowhere", "o", "--secret", k));
        Files.write(dir.resolve("short.key"), new byte[8]);
        assertEquals(
                HeadlessRunner.BAD_INPUT,
                run(
                        "--deidentify",
                        "in",
                        "o",
                        "--secret",
                        dir.resolve("short.key").toString()));
        assertTrue(stderr().contains("at least 16"), stderr());
        assertEquals(HeadlessRunner.BAD_INPUT, run("--convert", "in", "--out", "x", "--secret", k));
        assertTrue(stderr().contains("apply only to --deidentify"), stderr());
        assertEquals(HeadlessRunner.BAD_INPUT, run("--convert", "in", "--out", "x", "--keep-names"));
        assertTrue(stderr().contains("apply only to --deidentify"), stderr());
        assertFalse(Files.exists(dir.resolve("o")));
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x.txt"), "x");
        assertEquals(HeadlessRunner.BAD_INPUT, run("--deidentify", "in", "full", "--secret", k));
        assertTrue(stderr().contains("not empty"), stderr());
    }

    @Test
    void aPossibleBurnedInFileIsWithheldUnlessKeepBurnedInAndFlaggedEitherWay() throws Exception {
        Files.copy(TestData.path("dicom", "pydicom", "image_dfl.dcm"), in.resolve("capture.dcm"));
        assertEquals(HeadlessRunner.OK, run("--deidentify", "in", "a", "--secret", key.toString()), stderr());
        assertTrue(
                stdout().contains(
                                "3 written, 1 flagged (burned-in text possible: pixel data not cleaned; not written)"),
                stdout());
        String capture = new DeidentificationKeys(Files.readAllBytes(key)).inputName("capture.dcm");
        assertTrue(stderr().contains(capture + ": burned-in text possible: pixel data not cleaned"), stderr());
        assertTrue(Files.readString(dir.resolve("a").resolve(DeidentificationRun.AUDIT))
                .contains(capture + ",,flagged,"));
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            assertEquals(4, s.filter(Files::isRegularFile).count(), "3 files and the audit: the capture withheld");
        }
        assertEquals(
                HeadlessRunner.OK,
                run("--deidentify", "in", "b", "--secret", key.toString(), "--keep-burned-in"),
                stderr());
        assertTrue(stdout().contains("4 written, 1 flagged"), stdout());
        Path written = output("b", key, "capture.dcm");
        assertTrue(Files.isRegularFile(written));
        assertTrue(
                stderr().contains(capture + " (written as " + dir.resolve("b").relativize(written) + "): burned-in"),
                stderr());
    }

    @Test
    void keepNamesMirrorsTheTreeAfterAWarning() throws Exception {
        assertEquals(
                HeadlessRunner.OK,
                run("--deidentify", "in", "o", "--secret", key.toString(), "--keep-names"),
                stderr());
        assertTrue(
                stderr().startsWith("warning: --keep-names: output folder and file names mirror the input's"),
                stderr());
        assertTrue(Files.isRegularFile(dir.resolve("o/megre/00001.dcm")));
        assertTrue(stdout().contains("names: kept (mirrored)"), stdout());
        assertTrue(Files.readString(dir.resolve("o").resolve(DeidentificationRun.AUDIT))
                .contains("\nmegre/00001.dcm,megre/00001.dcm,written,"));
    }

    @Test
    void foldersAndFilesNamedAfterThePatientReachNoOutputAuditOrMessage() throws Exception {
        List<String> phi = List.of("SMITH", "JOHN", "19500101", "MRN12345", "ACC998877");
        Path named = dir.resolve("archive/SMITH_JOHN_19500101/MRN12345/ACC998877");
        Files.createDirectories(named);
        int k = 0;
        try (Stream<Path> s = Files.list(in.resolve("megre"))) {
            for (Path f : s.sorted().toList()) {
                Files.copy(f, named.resolve("SMITH_JOHN_19500101_MRN12345_" + (++k) + ".dcm"));
            }
        }
        Files.write(
                named.resolve("SMITH_JOHN_MRN12345_broken.dcm"),
                Arrays.copyOf(Files.readAllBytes(in.resolve("megre/00001.dcm")), 1500));
        Files.copy(TestData.path("dicom", "pydicom", "image_dfl.dcm"), named.resolve("SMITH_JOHN_ACC998877_sc.dcm"));
        assertEquals(HeadlessRunner.FAILURE, run("--deidentify", "archive", "shared", "--secret", key.toString()));
        assertTrue(stdout().contains("3 written, 1 flagged"), stdout());
        assertTrue(stdout().contains("1 failed"), stdout());
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("shared"))) {
            files = s.toList();
        }
        assertEquals(4, files.stream().filter(Files::isRegularFile).count(), "3 files and the audit");
        for (String p : phi) {
            for (Path f : files) {
                assertFalse(dir.resolve("shared").relativize(f).toString().contains(p), f + " holds " + p);
                if (Files.isRegularFile(f)) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertFalse(
                            text.contains(p),
                            f + " holds " + p + ": "
                                    + text.lines()
                                            .filter(l -> l.contains(p))
                                            .findFirst()
                                            .orElse(""));
                }
            }
            assertFalse(stdout().contains(p), "stdout holds " + p + ": " + stdout());
            assertFalse(stderr().contains(p), "stderr holds " + p + ": " + stderr());
        }
    }
}
