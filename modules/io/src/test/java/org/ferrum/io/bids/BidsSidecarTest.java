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
package org.ferrum.io.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.io.TestData;
import org.ferrum.io.VolumeFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidsSidecarTest {

    @TempDir
    Path dir;

    @Test
    void readsDcm2niixSidecar() throws IOException {
        BidsSidecar s = BidsSidecar.read(TestData.file("nifti/dcm_qa_fmap/Si_3_gre_field_magph_e2_ph.json"));
        assertEquals(0.00765, s.echoTime().getAsDouble());
        assertEquals(3.0, s.magneticFieldStrength().getAsDouble());
        assertEquals("Siemens", s.manufacturer().get());
        assertEquals(List.of("ORIGINAL", "PRIMARY", "P", "ND", "PHASE"), s.imageType());
        assertEquals(2, s.echoNumber().getAsInt());
        assertEquals(0.4, s.number(BidsSidecar.REPETITION_TIME).getAsDouble());
    }

    @Test
    void unknownKeysSurviveWriteAndRead() throws IOException {
        BidsSidecar s = BidsSidecar.read(TestData.file("nifti/dcm_qa_fmap/Si_3_gre_field_magph_e2_ph.json"));
        Path out = dir.resolve("copy.json");
        s.with(BidsSidecar.UNITS, "rad").write(out);
        BidsSidecar back = BidsSidecar.read(out);
        assertEquals(s.keys().size() + 1, back.keys().size());
        assertEquals(s.keys(), back.keys().subList(0, s.keys().size()));
        assertEquals(s.get("ShimSetting"), back.get("ShimSetting"));
        assertEquals(s.get("SliceTiming"), back.get("SliceTiming"));
        assertEquals("rad", back.units().get());
        assertEquals(s, back.without(BidsSidecar.UNITS));
    }

    @Test
    void sidecarPathReplacesTheImageExtension() {
        assertEquals(Path.of("a/x_echo-1.json"), BidsSidecar.pathFor(Path.of("a/x_echo-1.nii.gz")));
        assertEquals(Path.of("y.json"), BidsSidecar.pathFor(Path.of("y.nii")));
    }

    @Test
    void invalidJsonNamesTheFile() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"EchoTime\": 0.004,");
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> BidsSidecar.read(f));
        assertTrue(e.getMessage().startsWith("bad.json: not valid JSON"), e.getMessage());
        Files.writeString(f, "[1, 2]");
        e = assertThrows(VolumeFormatException.class, () -> BidsSidecar.read(f));
        assertTrue(e.getMessage().startsWith("bad.json: a BIDS sidecar must hold a JSON object"), e.getMessage());
    }
}
