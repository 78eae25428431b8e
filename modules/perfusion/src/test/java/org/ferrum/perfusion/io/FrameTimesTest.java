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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.perfusion.io.DceSeriesReader.Timing;
import org.junit.jupiter.api.Test;

/** The vendor rules for DICOM frame times, on synthetic timing attributes. */
class FrameTimesTest {

    private static final Path FOLDER = Path.of("series");

    @Test
    void geTriggerTimePerTemporalPosition() throws VolumeFormatException {
        // 3 phases × 2 slices, one AcquisitionTime for all, TriggerTime (ms) per phase
        List<Timing> t = new ArrayList<>();
        for (int phase = 1; phase <= 3; phase++) {
            for (int slice = 0; slice < 2; slice++) {
                t.add(new Timing(phase, (phase - 1) * 7300.0 + slice, 36000, 36000 + slice));
            }
        }
        List<String> w = new ArrayList<>();
        assertArrayEquals(new double[] {0, 7.3, 14.6}, DceSeriesReader.frameTimes(FOLDER, t, 3, w::add), 1e-9);
        assertTrue(w.get(0).contains("TriggerTime"), w.toString());
    }

    @Test
    void philipsAcquisitionTimePerTemporalPosition() throws VolumeFormatException {
        List<Timing> t = new ArrayList<>();
        for (int dyn = 1; dyn <= 4; dyn++) {
            for (int slice = 0; slice < 3; slice++) {
                t.add(new Timing(dyn, Double.NaN, 50000 + (dyn - 1) * 5.5 + slice * 0.1, Double.NaN));
            }
        }
        List<String> w = new ArrayList<>();
        assertArrayEquals(new double[] {0, 5.5, 11, 16.5}, DceSeriesReader.frameTimes(FOLDER, t, 4, w::add), 1e-9);
        assertTrue(w.get(0).contains("AcquisitionTime (0008,0032) per TemporalPositionIdentifier"), w.toString());
    }

    @Test
    void siemens2dSlicesOrderedByAcquisitionTime() throws VolumeFormatException {
        // no temporal positions; each slice its own time; the series crosses midnight
        List<Timing> t = new ArrayList<>();
        for (int vol = 0; vol < 3; vol++) {
            for (int slice = 0; slice < 4; slice++) {
                double time = 86395 + vol * 4.0 + slice * 0.9;
                t.add(new Timing(0, Double.NaN, time >= 86400 ? time - 86400 : time, Double.NaN));
            }
        }
        java.util.Collections.shuffle(t, new java.util.Random(3));
        assertArrayEquals(new double[] {0, 4, 8}, DceSeriesReader.frameTimes(FOLDER, t, 3, w -> {}), 1e-6);
    }

    @Test
    void refusals() {
        List<Timing> same = List.of(new Timing(1, 5, 10, 10), new Timing(2, 5, 10, 10));
        VolumeFormatException e =
                assertThrows(VolumeFormatException.class, () -> DceSeriesReader.frameTimes(FOLDER, same, 2, w -> {}));
        assertTrue(
                e.getMessage().contains("neither TriggerTime, AcquisitionTime nor ContentTime differs"),
                e.getMessage());
        List<Timing> none = List.of(new Timing(0, Double.NaN, Double.NaN, Double.NaN), new Timing(0, 1, 2, Double.NaN));
        e = assertThrows(VolumeFormatException.class, () -> DceSeriesReader.frameTimes(FOLDER, none, 2, w -> {}));
        assertTrue(e.getMessage().contains("AcquisitionTime (0008,0032)"), e.getMessage());
        List<Timing> odd = List.of(new Timing(0, 0, 1, 1), new Timing(0, 0, 2, 2), new Timing(0, 0, 3, 3));
        e = assertThrows(VolumeFormatException.class, () -> DceSeriesReader.frameTimes(FOLDER, odd, 2, w -> {}));
        assertTrue(e.getMessage().contains("3 images do not divide into 2 time points"), e.getMessage());
    }
}
