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
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

class ConcentrationOperatorTest {

    private final double[] times = Phantoms.times(40, 3);
    private final double[][] truth = Phantoms.concentration(times);

    @Test
    void recoversConcentrationWithT1MapInMs() throws Exception {
        DynamicSeries dce = Phantoms.signal(times, truth, 3.0);
        OperatorHarness h = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .input(ConcentrationOperator.T1, Phantoms.map((float) (Phantoms.T1 * 1000), PhysicalUnit.MILLISECOND))
                .set(ConcentrationOperator.RELAXIVITY, Phantoms.R1)
                .run();
        DynamicSeries c = h.output(ConcentrationOperator.CONCENTRATION);
        assertEquals(PhysicalUnit.MILLIMOLAR, c.frames().unit());
        assertEquals(times.length, c.frameCount());
        for (int t : new int[] {0, 10, 39}) {
            float[] f = VolumeArrays.frame(c.frames(), t);
            for (int n = 0; n < f.length; n++) {
                assertEquals(truth[t][n], f[n], 1e-4 + 1e-3 * truth[t][n]);
            }
        }
        assertTrue(h.warnings().isEmpty(), h.warnings().toString());
    }

    @Test
    void relaxivityFromTableAndMissingFieldWarns() throws Exception {
        DynamicSeries dce = Phantoms.signal(times, truth, Double.NaN);
        OperatorHarness h = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .set(ConcentrationOperator.T1_FIXED, Phantoms.T1)
                .set(ConcentrationOperator.AGENT, "gadobenate")
                .set(ConcentrationOperator.FIELD_STRENGTH, 1.5)
                .run();
        assertTrue(h.warnings().stream().anyMatch(w -> w.contains("field strength") && w.contains("1.5")));
        assertTrue(
                h.logLines().stream().anyMatch(l -> l.contains("6.3") && l.contains("Rohrer")),
                h.logLines().toString());
        // r1 6.3 instead of the simulated 5.0: C scaled by 5/6.3
        float[] f =
                VolumeArrays.frame(h.output(ConcentrationOperator.CONCENTRATION).frames(), 30);
        assertEquals(truth[30][2] * Phantoms.R1 / 6.3, f[2], 1e-3);
    }

    @Test
    void negativeVoxelsAreReportedWithWhere() throws Exception {
        double[][] c = Phantoms.concentration(times);
        int bad = VoxelGrid.of(Phantoms.map(0, PhysicalUnit.SECOND)).index(2, 1, 1);
        for (int t = 10; t < times.length; t++) {
            c[t][bad] = -0.1; // a signal drop after the baseline
        }
        OperatorHarness h = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, Phantoms.signal(times, c, 3))
                .set(ConcentrationOperator.T1_FIXED, Phantoms.T1)
                .set(ConcentrationOperator.RELAXIVITY, Phantoms.R1)
                .run();
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.startsWith("1 voxel ") && w.contains("(2, 1, 1)")),
                h.warnings().toString());
        float[] f =
                VolumeArrays.frame(h.output(ConcentrationOperator.CONCENTRATION).frames(), 20);
        assertEquals(-0.1, f[bad], 1e-3, "kept, not clamped");
    }

    @Test
    void badInputsNameThePort() {
        DynamicSeries dce = Phantoms.signal(times, truth, 3.0);
        String noT1 = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .runExpectingBadInput();
        assertTrue(noT1.contains("'t1'") && noT1.contains("'t1_fixed'"), noT1);

        float[] v = new float[5 * 3 * 2];
        java.util.Arrays.fill(v, 1.3f);
        Volume<FloatType> otherGrid =
                VolumeArrays.volume(v, new VoxelGrid(5, 3, 2, 2, 2, 3), Phantoms.GEOMETRY, PhysicalUnit.SECOND);
        String grid = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .input(ConcentrationOperator.T1, otherGrid)
                .runExpectingBadInput();
        assertTrue(grid.contains("t1"), grid);

        String pdffGrid = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .set(ConcentrationOperator.T1_FIXED, 1.0)
                .input(ConcentrationOperator.PDFF, otherGrid.withUnit(PhysicalUnit.PERCENT))
                .runExpectingBadInput();
        assertTrue(pdffGrid.contains("pdff"), pdffGrid);

        String baseline = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .set(ConcentrationOperator.T1_FIXED, 1.0)
                .set(ConcentrationOperator.BASELINE_FRAMES, 40L)
                .runExpectingBadInput();
        assertTrue(baseline.contains("baseline_frames"), baseline);
    }

    @Test
    void fatFractionUsesWaterR1() throws Exception {
        // a voxel set with 50 % fat: signal from the two-compartment form; water T1 map and PDFF given
        float[][] s = new float[times.length][Phantoms.GRID.size()];
        for (int t = 0; t < times.length; t++) {
            for (int n = 0; n < s[t].length; n++) {
                s[t][n] = (float) org.ferrum.perfusion.Simulation.spgrWaterFat(
                        1000, Phantoms.FA, Phantoms.TR, 1 / Phantoms.T1 + Phantoms.R1 * truth[t][n], 1 / 0.38, 0.5);
            }
        }
        DynamicSeries dce = new DynamicSeries(
                VolumeArrays.frames(s, Phantoms.GRID, Phantoms.GEOMETRY, PhysicalUnit.ARBITRARY),
                times,
                Phantoms.TR,
                Phantoms.FA,
                3);
        OperatorHarness h = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .input(ConcentrationOperator.T1, Phantoms.map((float) Phantoms.T1, PhysicalUnit.SECOND))
                .input(ConcentrationOperator.PDFF, Phantoms.map(50, PhysicalUnit.PERCENT))
                .set(ConcentrationOperator.FAT_T1, 0.38)
                .set(ConcentrationOperator.RELAXIVITY, Phantoms.R1)
                .run();
        float[] f =
                VolumeArrays.frame(h.output(ConcentrationOperator.CONCENTRATION).frames(), 25);
        for (int n = 0; n < f.length; n++) {
            assertEquals(truth[25][n], f[n], 1e-3 + 2e-3 * truth[25][n]);
        }
    }

    /** Signal acquired at 1.2 × the nominal flip angle: with the b1 map (in %) the truth comes back, without it not. */
    @Test
    void b1MapCorrectsTheFlipAngle() throws Exception {
        float[][] s = new float[times.length][Phantoms.GRID.size()];
        for (int t = 0; t < times.length; t++) {
            for (int n = 0; n < s[t].length; n++) {
                s[t][n] = (float) org.ferrum.perfusion.Simulation.spgr(
                        1000, 1.2 * Phantoms.FA, Phantoms.TR, 1 / Phantoms.T1 + Phantoms.R1 * truth[t][n]);
            }
        }
        DynamicSeries dce = new DynamicSeries(
                VolumeArrays.frames(s, Phantoms.GRID, Phantoms.GEOMETRY, PhysicalUnit.ARBITRARY),
                times,
                Phantoms.TR,
                Phantoms.FA,
                3);
        OperatorHarness with = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .input(ConcentrationOperator.B1, Phantoms.map(120, PhysicalUnit.PERCENT))
                .set(ConcentrationOperator.T1_FIXED, Phantoms.T1)
                .set(ConcentrationOperator.RELAXIVITY, Phantoms.R1)
                .run();
        OperatorHarness without = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .set(ConcentrationOperator.T1_FIXED, Phantoms.T1)
                .set(ConcentrationOperator.RELAXIVITY, Phantoms.R1)
                .run();
        float[] c = VolumeArrays.frame(
                with.output(ConcentrationOperator.CONCENTRATION).frames(), 30);
        float[] biased = VolumeArrays.frame(
                without.output(ConcentrationOperator.CONCENTRATION).frames(), 30);
        int n = 3;
        assertEquals(truth[30][n], c[n], 1e-4 + 1e-3 * truth[30][n]);
        assertTrue(Math.abs(biased[n] - truth[30][n]) > 0.05 * truth[30][n], "without B1: " + biased[n]);

        float[] v = new float[5 * 3 * 2];
        java.util.Arrays.fill(v, 1f);
        String grid = OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, dce)
                .input(
                        ConcentrationOperator.B1,
                        VolumeArrays.volume(
                                v, new VoxelGrid(5, 3, 2, 2, 2, 3), Phantoms.GEOMETRY, PhysicalUnit.DIMENSIONLESS))
                .set(ConcentrationOperator.T1_FIXED, 1.0)
                .runExpectingBadInput();
        assertTrue(grid.contains("b1"), grid);
    }

    @Test
    void cancels() {
        OperatorHarness.of(new ConcentrationOperator())
                .input(ConcentrationOperator.DCE, Phantoms.signal(times, truth, 3))
                .set(ConcentrationOperator.T1_FIXED, 1.0)
                .cancel()
                .runExpectingCancellation();
    }

    @Test
    void registered() {
        var ids = Lookup.getDefault().lookupAll(Operator.class).stream()
                .map(o -> o.descriptor().id())
                .toList();
        for (String id : new String[] {
            "perfusion.read.dce", "perfusion.concentration", "perfusion.aif.population", "perfusion.aif.measured"
        }) {
            assertTrue(ids.contains(id), id);
        }
        assertTrue(!ids.contains("perfusion.scale"), "template operator removed");
    }
}
