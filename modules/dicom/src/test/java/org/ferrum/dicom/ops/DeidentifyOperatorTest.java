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
package org.ferrum.dicom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.Table;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.deid.DeidentificationKeys;
import org.ferrum.dicom.deid.DeidentificationRun;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeidentifyOperatorTest {

    @TempDir
    Path dir;

    @Test
    void deidentifiesAFolderAndListsEveryFile() throws Exception {
        Files.write(dir.resolve("k.key"), "thirty-two bytes of test secret!".getBytes(StandardCharsets.US_ASCII));
        OperatorHarness h = OperatorHarness.of(new DeidentifyOperator())
                .baseDirectory(dir)
                .set(
                        DeidentifyOperator.INPUT_FOLDER,
                        TestData.path("dicom/heudiconv/MEGRE").toString())
                .set(DeidentifyOperator.OUTPUT_FOLDER, "out")
                .set(DeidentifyOperator.SECRET, "k.key")
                .run();
        Table files = h.output(DeidentifyOperator.FILES);
        assertEquals(6, files.rowCount());
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve(DeidentificationRun.AUDIT)));
        DeidentificationKeys keys =
                new DeidentificationKeys("thirty-two bytes of test secret!".getBytes(StandardCharsets.US_ASCII));
        // rows name inputs by keyed hash and give the de-identified output name
        assertEquals(keys.inputName("mag/00001.dcm"), files.text(0, "file"));
        String output = files.text(0, "output");
        assertTrue(output.matches("FERRUM-[0-9A-F]{10}/[0-9a-f]{16}/\\d+_[0-9a-f]{16}/[0-9a-f]{16}\\.dcm"), output);
        assertEquals("written", files.text(0, "status"));
        assertFalse(Files.exists(dir.resolve("out/mag")), "the input tree is not mirrored");
        assertEquals(
                "MODIFIED",
                DicomParser.read(dir.resolve("out").resolve(output))
                        .dataset()
                        .string(0x00280303)
                        .orElseThrow());
        assertTrue(
                h.logLines().stream().anyMatch(l -> l.startsWith("de-identified 6 files: 6 written")),
                h.logLines().toString());
        assertTrue(h.warnings().isEmpty(), h.warnings().toString());
    }

    @Test
    void keepNamesMirrorsTheTreeAndWarns() throws Exception {
        Files.write(dir.resolve("k.key"), "thirty-two bytes of test secret!".getBytes(StandardCharsets.US_ASCII));
        OperatorHarness h = OperatorHarness.of(new DeidentifyOperator())
                .baseDirectory(dir)
                .set(
                        DeidentifyOperator.INPUT_FOLDER,
                        TestData.path("dicom/heudiconv/MEGRE").toString())
                .set(DeidentifyOperator.OUTPUT_FOLDER, "out")
                .set(DeidentifyOperator.SECRET, "k.key")
                .set(DeidentifyOperator.KEEP_NAMES, true)
                .run();
        Table files = h.output(DeidentifyOperator.FILES);
        assertEquals("mag/00001.dcm", files.text(0, "file"));
        assertEquals("mag/00001.dcm", files.text(0, "output"));
        assertTrue(Files.isRegularFile(dir.resolve("out/mag/00001.dcm")));
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.startsWith("keep_names: output folder and file names mirror")),
                h.warnings().toString());
    }

    @Test
    void refusesAShortSecretAndAnOutputInsideTheInput() throws Exception {
        Files.write(dir.resolve("short.key"), new byte[4]);
        String m = OperatorHarness.of(new DeidentifyOperator())
                .baseDirectory(dir)
                .set(
                        DeidentifyOperator.INPUT_FOLDER,
                        TestData.path("dicom/heudiconv/MEGRE").toString())
                .set(DeidentifyOperator.OUTPUT_FOLDER, "out")
                .set(DeidentifyOperator.SECRET, "short.key")
                .runExpectingBadInput();
        assertTrue(m.contains("at least 16"), m);
        Files.createDirectories(dir.resolve("in"));
        m = OperatorHarness.of(new DeidentifyOperator())
                .baseDirectory(dir)
                .set(DeidentifyOperator.INPUT_FOLDER, "in")
                .set(DeidentifyOperator.OUTPUT_FOLDER, "in/out")
                .set(DeidentifyOperator.SECRET, "short.key")
                .runExpectingBadInput();
        assertTrue(m.contains("outside the input folder"), m);
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
