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
package org.ferrum.perfusion.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.aif.PopulationAif;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

class AifOperatorsTest {

    private final double[] times = Phantoms.times(60, 2);

    /** Concentration series: voxel 0 and 5 arterial (whole blood Parker, arrival 23 s), others tissue. */
    private DynamicSeries concentration() {
        float[][] c = new float[times.length][Phantoms.GRID.size()];
        double[][] tissue = Phantoms.concentration(times);
        for (int t = 0; t < times.length; t++) {
            for (int n = 0; n < c[t].length; n++) {
                c[t][n] = n == 0 || n == 5
                        ? (float) PopulationAif.PARKER_2006.concentration(times[t] - 23)
                        : (float) tissue[t][n];
            }
        }
        return new DynamicSeries(
                VolumeArrays.frames(c, Phantoms.GRID, Phantoms.GEOMETRY, PhysicalUnit.MILLIMOLAR),
                times,
                Phantoms.TR,
                Phantoms.FA,
                3);
    }

    @Test
    void populationGivenArrival() throws Exception {
        DynamicSeries dce = concentration();
        OperatorHarness h = OperatorHarness.of(new PopulationAifOperator())
                .input(PopulationAifOperator.DCE, dce)
                .set(PopulationAifOperator.ARRIVAL, 23.0)
                .set(PopulationAifOperator.HAEMATOCRIT, 0.4)
                .run();
        ArterialInputFunction aif = h.output(PopulationAifOperator.AIF);
        assertEquals(times.length, aif.size());
        assertEquals(PopulationAif.PARKER_2006.concentration(30 - 23) / 0.6, aif.plasmaConcentration()[15], 1e-12);
    }

    @Test
    void populationAutomaticArrival() throws Exception {
        DynamicSeries c = concentration();
        OperatorHarness h = OperatorHarness.of(new PopulationAifOperator())
                .input(PopulationAifOperator.DCE, c)
                .input(PopulationAifOperator.CONCENTRATION, c)
                .run();
        ArterialInputFunction aif = h.output(PopulationAifOperator.AIF);
        assertTrue(aif.source().contains("origin at"), aif.source());
        double origin = Double.parseDouble(aif.source().replaceAll(".*origin at ([-0-9.]+) s.*", "$1"));
        assertEquals(23, origin, 2.0, "arrival within one frame");
    }

    @Test
    void measuredFromRoiAndLabel() throws Exception {
        boolean[] roi = new boolean[Phantoms.GRID.size()];
        roi[0] = roi[5] = true;
        OperatorHarness h = OperatorHarness.of(new MeasuredAifOperator())
                .input(MeasuredAifOperator.CONCENTRATION, concentration())
                .input(MeasuredAifOperator.ROI, Phantoms.mask(roi))
                .set(MeasuredAifOperator.HAEMATOCRIT, 0.45)
                .run();
        ArterialInputFunction aif = h.output(MeasuredAifOperator.AIF);
        assertEquals(
                PopulationAif.PARKER_2006.concentration(times[20] - 23) / 0.55, aif.plasmaConcentration()[20], 1e-5);
        assertEquals(2, VolumeArrays.count(VolumeArrays.mask(h.output(MeasuredAifOperator.AIF_VOXELS))));

        float[] labels = new float[Phantoms.GRID.size()];
        labels[5] = 7;
        labels[1] = 3;
        Volume<FloatType> labelMap =
                VolumeArrays.volume(labels, Phantoms.GRID, Phantoms.GEOMETRY, PhysicalUnit.DIMENSIONLESS);
        OperatorHarness l = OperatorHarness.of(new MeasuredAifOperator())
                .input(MeasuredAifOperator.CONCENTRATION, concentration())
                .input(MeasuredAifOperator.ROI, labelMap)
                .set(MeasuredAifOperator.LABEL, 7L)
                .run();
        assertEquals(1, VolumeArrays.count(VolumeArrays.mask(l.output(MeasuredAifOperator.AIF_VOXELS))));
    }

    @Test
    void measuredAutomatic() throws Exception {
        OperatorHarness h = OperatorHarness.of(new MeasuredAifOperator())
                .input(MeasuredAifOperator.CONCENTRATION, concentration())
                .set(MeasuredAifOperator.AUTOMATIC, true)
                .set(MeasuredAifOperator.VOXEL_COUNT, 2L)
                .set(MeasuredAifOperator.ENHANCEMENT_FRACTION, 0.25)
                .run();
        boolean[] used = VolumeArrays.mask(h.output(MeasuredAifOperator.AIF_VOXELS));
        assertTrue(used[0] && used[5], "the two arterial voxels");
        assertEquals(2, VolumeArrays.count(used));
    }

    @Test
    void measuredBadInputs() {
        String empty = OperatorHarness.of(new MeasuredAifOperator())
                .input(MeasuredAifOperator.CONCENTRATION, concentration())
                .input(MeasuredAifOperator.ROI, Phantoms.mask(new boolean[Phantoms.GRID.size()]))
                .runExpectingBadInput();
        assertTrue(empty.contains("'roi'") && empty.contains("empty"), empty);

        String label = OperatorHarness.of(new MeasuredAifOperator())
                .input(MeasuredAifOperator.CONCENTRATION, concentration())
                .input(MeasuredAifOperator.ROI, Phantoms.map(1, PhysicalUnit.DIMENSIONLESS))
                .set(MeasuredAifOperator.LABEL, 4L)
                .runExpectingBadInput();
        assertTrue(label.contains("label 4"), label);

        Volume<FloatType> outside =
                VolumeArrays.maskVolume(new boolean[] {true, true}, new VoxelGrid(2, 1, 1, 2, 2, 3), Phantoms.GEOMETRY);
        String grid = OperatorHarness.of(new MeasuredAifOperator())
                .input(MeasuredAifOperator.CONCENTRATION, concentration())
                .input(MeasuredAifOperator.ROI, outside)
                .runExpectingBadInput();
        assertTrue(grid.contains("roi"), grid);

        String none = OperatorHarness.of(new MeasuredAifOperator())
                .input(MeasuredAifOperator.CONCENTRATION, concentration())
                .runExpectingBadInput();
        assertTrue(none.contains("'roi'") && none.contains("'automatic'"), none);
    }
}
