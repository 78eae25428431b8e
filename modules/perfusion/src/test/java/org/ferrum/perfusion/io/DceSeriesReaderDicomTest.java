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
package org.ferrum.perfusion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/** The DICOM path on real scanner data (no DCE series is in the test data: an EPI time series stands in). */
class DceSeriesReaderDicomTest {

    /**
     * Siemens EPI mosaic, 2 volumes (dcm_qa_nih): frame times from AcquisitionTime; the second volume starts one TR
     * (2.43537 s, dcm2niix's sidecar) after the first. FA 75°, 3 T as dcm2niix reports.
     */
    @Test
    void siemensFrameTimesFromAcquisitionTime() throws IOException {
        Path folder = TestData.path("dicom", "dcm_qa_nih", "In");
        List<String> warnings = new ArrayList<>();
        DynamicSeries s = DceSeriesReader.read(folder, warnings::add, Cancellation.NEVER);
        assertEquals(2, s.frameCount());
        assertEquals(0, s.frameTimes()[0]);
        assertEquals(2.43537, s.frameTimes()[1], 0.01);
        assertEquals(2.43537, s.repetitionTime(), 1e-5);
        assertEquals(75, s.flipAngle());
        assertEquals(3, s.fieldStrength());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("AcquisitionTime (0008,0032)")), warnings.toString());
    }

    @Test
    void folderWithoutDynamicSeriesIsRefused() {
        Path folder = TestData.path("dicom", "heudiconv", "MEGRE", "mag");
        IOException e =
                assertThrows(IOException.class, () -> DceSeriesReader.read(folder, w -> {}, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("no dynamic magnitude series"), e.getMessage());
    }

    @Test
    void timeOfDay() {
        assertEquals(12 * 3600 + 24 * 60 + 58.1025, DceSeriesReader.timeOfDay("122458.102500"), 1e-9);
        assertEquals(12 * 3600 + 24 * 60 + 58.1025, DceSeriesReader.timeOfDay("12:24:58.1025"), 1e-9);
        assertTrue(Double.isNaN(DceSeriesReader.timeOfDay("x")));
    }
}
