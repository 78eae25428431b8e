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
package org.ferrum.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 5: a suspect value that is read anyway is a visible, counted warning of the headless run, not only a
 * line in provenance.json. Here a real Siemens int16 phase image whose scl_slope was replaced by NaN (read as unscaled,
 * as nifti1_io and nibabel do, which puts every value off by the lost slope).
 */
class HeadlessWarningsTest {

    @TempDir
    Path dir;

    @Test
    void aNaNSlopeOnIntegerDataIsWarnedOnTheErrorStreamAndCountedInTheLastLine() throws Exception {
        Path nii = dir.resolve("phase slope NaN.nii");
        Files.copy(TestVolumes.testData().resolve("nifti/dcm_qa_fmap/Si_3_gre_field_magph_e2_ph.nii"), nii);
        try (FileChannel ch = FileChannel.open(nii, StandardOpenOption.WRITE)) {
            // scl_slope: float32 at byte 112 of a NIfTI-1 header (nifti1.h); this file is little-endian
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, Float.NaN), 112);
        }
        Pipeline p = PipelineFormat.parse(String.join(
                "\n",
                "{ \"format\" : \"ferrum-pipeline\", \"formatVersion\" : 1, \"name\" : \"read\",",
                "  \"inputs\" : { \"phase\" : { \"node\" : \"phase\", \"parameter\" : \"path\", \"default\" : \"x.nii\" } },",
                "  \"nodes\" : [ { \"id\" : \"phase\", \"operator\" : \"io.read.volume\", \"version\" : \"1.0\", \"parameters\" : { } } ],",
                "  \"edges\" : [ ],",
                "  \"outputs\" : { \"phase\" : \"phase.volume\" } }"));
        Path file = dir.resolve("read.json");
        PipelineFormat.write(p, file);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HeadlessRunner runner = new HeadlessRunner(
                OperatorRegistry.of(List.of(new ReadVolumeOperator())),
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = runner.run(file, Map.of("phase", nii.toString()), dir.resolve("out"));

        String errText = err.toString(StandardCharsets.UTF_8);
        List<String> outLines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(HeadlessRunner.OK, status, errText);
        assertTrue(
                errText.contains("phase: warning: phase slope NaN.nii: scl_slope is NaN: read as unscaled"), errText);
        assertEquals(1, errText.lines().filter(l -> l.contains("warning:")).count(), errText);
        assertTrue(outLines.get(outLines.size() - 1).endsWith("(1 warning, above)"), outLines.toString());
    }
}
