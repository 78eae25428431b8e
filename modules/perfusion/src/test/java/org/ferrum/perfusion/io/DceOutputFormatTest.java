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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.pipeline.api.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openide.util.Lookup;

/** DCE outputs are saved so that {@code perfusion.read.dce} reads them back with the same times and values. */
class DceOutputFormatTest {

    @TempDir
    Path dir;

    private static OutputFormat format() {
        for (OutputFormat f : Lookup.getDefault().lookupAll(OutputFormat.class)) {
            if (f instanceof DceOutputFormat) {
                return f;
            }
        }
        throw new AssertionError("DceOutputFormat is not registered through Lookup");
    }

    @Test
    void aConcentrationSeriesRoundTripsThroughTheReader() throws Exception {
        VoxelGrid grid = new VoxelGrid(3, 2, 2, 2, 2, 4);
        double[] times = {0, 3.5, 7.0, 12.25};
        float[][] frames = new float[times.length][grid.size()];
        for (int t = 0; t < times.length; t++) {
            for (int i = 0; i < grid.size(); i++) {
                frames[t][i] = 0.125f * t + 0.01f * i;
            }
        }
        DynamicSeries series = new DynamicSeries(
                VolumeArrays.frames(frames, grid, Geometry.axisAligned(2, 2, 4), PhysicalUnit.MILLIMOLAR),
                times,
                0.0045,
                12,
                1.5);
        OutputFormat f = format();
        assertTrue(f.writes(series));
        assertFalse(f.writes("text"));
        assertEquals("conc.nii.gz", f.write("conc", series, dir));
        assertTrue(Files.exists(dir.resolve("conc.json")));
        List<String> warnings = new ArrayList<>();
        DynamicSeries back = DceSeriesReader.readNifti(dir.resolve("conc.nii.gz"), warnings::add);
        assertArrayEquals(times, back.frameTimes(), 0);
        assertEquals(0.0045, back.repetitionTime(), 0);
        assertEquals(12, back.flipAngle(), 0);
        assertEquals(1.5, back.fieldStrength(), 0);
        for (int t = 0; t < times.length; t++) {
            assertArrayEquals(frames[t], VolumeArrays.frame(back.frames(), t), 1e-6f);
        }
    }

    @Test
    void anAifIsATwoColumnTableWithUnits() throws Exception {
        ArterialInputFunction aif =
                new ArterialInputFunction(new double[] {0, 2, 4}, new double[] {0, 5.5, 2.25}, "test");
        assertEquals("aif.csv", format().write("aif", aif, dir));
        List<String> lines = Files.readAllLines(dir.resolve("aif.csv"));
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("time") && lines.get(0).contains("plasma_concentration"), lines.get(0));
        assertTrue(lines.get(2).startsWith("2") && lines.get(2).contains("5.5"), lines.get(2));
    }
}
