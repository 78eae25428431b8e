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
package org.ferrum.qsm.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * TKD and closed-form Tikhonov on the analytic field of a 0.1 ppm sphere (radius 9 voxels, 64³). Measured when
 * written (mask = ball of radius 24 / whole grid): TKD t = 0.19 gives Δχ = 0.0831 / 0.0816 (the expected
 * ~17 % underestimation), with Schweser's correction 0.1075 / 0.1056; Tikhonov identity λ = 0.01 gives 0.0746,
 * gradient λ = 0.02 mm² gives 0.0881.
 */
class ClosedFormInversionTest {

    private static final double[] B0 = {0, 0, 1};
    private static final float[] FIELD = SpherePhantom.field(B0);
    private static final boolean[] BALL = SpherePhantom.ball(SpherePhantom.GRID, SpherePhantom.CENTRE, 24);

    @Test
    void tkdRecoversTheSphereWithinTwentyPercentAndTheCorrectionRemovesMostOfTheUnderestimation() {
        for (boolean[] mask : new boolean[][] {BALL, SpherePhantom.all()}) {
            double plain = SpherePhantom.recoveredDeltaChi(
                    new ThresholdedKSpaceDivision()
                            .invert(FIELD, mask, SpherePhantom.GRID, B0, Cancellation.NEVER)
                            .chi(),
                    mask);
            double corrected = SpherePhantom.recoveredDeltaChi(
                    new ThresholdedKSpaceDivision(0.19, true)
                            .invert(FIELD, mask, SpherePhantom.GRID, B0, Cancellation.NEVER)
                            .chi(),
                    mask);
            assertEquals(0.1, plain, 0.02, "plain TKD");
            assertTrue(plain < 0.1, "TKD without correction underestimates: " + plain);
            assertEquals(0.1, corrected, 0.01, "corrected TKD");
        }
    }

    @Test
    void correctionFactorIsTheMeanOfTheEffectiveFilterAndBelowOne() {
        double c = new ThresholdedKSpaceDivision(0.19, true).correctionFactor(SpherePhantom.GRID, B0);
        assertTrue(c > 0.7 && c < 0.9, "c = " + c);
        // a tiny threshold truncates almost nothing
        assertEquals(1.0, new ThresholdedKSpaceDivision(1e-4, true).correctionFactor(SpherePhantom.GRID, B0), 0.01);
    }

    @Test
    void tikhonovRecoversTheSphereWithItsDefaults() {
        double identity = SpherePhantom.recoveredDeltaChi(
                new ClosedFormTikhonov(
                                ClosedFormTikhonov.Regularisation.IDENTITY, ClosedFormTikhonov.DEFAULT_LAMBDA_IDENTITY)
                        .invert(FIELD, BALL, SpherePhantom.GRID, B0, Cancellation.NEVER)
                        .chi(),
                BALL);
        double gradient = SpherePhantom.recoveredDeltaChi(
                new ClosedFormTikhonov(
                                ClosedFormTikhonov.Regularisation.GRADIENT, ClosedFormTikhonov.DEFAULT_LAMBDA_GRADIENT)
                        .invert(FIELD, BALL, SpherePhantom.GRID, B0, Cancellation.NEVER)
                        .chi(),
                BALL);
        assertEquals(0.1, identity, 0.03, "identity");
        assertEquals(0.1, gradient, 0.015, "gradient");
        // a smaller λ regularises less and so underestimates less
        double weak = SpherePhantom.recoveredDeltaChi(
                new ClosedFormTikhonov(ClosedFormTikhonov.Regularisation.IDENTITY, 0.003)
                        .invert(FIELD, BALL, SpherePhantom.GRID, B0, Cancellation.NEVER)
                        .chi(),
                BALL);
        assertTrue(weak > identity, weak + " vs " + identity);
    }

    @Test
    void b0AlongAnotherAxisGivesThePermutedChiToFloatPrecision() {
        // an object without symmetry: two spheres of different size and χ, B0 along z
        VoxelGrid g = SpherePhantom.GRID;
        double[] a = {26, 30, 35}, b = {40, 36, 27};
        float[] fieldZ = new float[g.size()];
        SpherePhantom.addField(fieldZ, g, a, 7, 0.1, new double[] {0, 0, 1});
        SpherePhantom.addField(fieldZ, g, b, 5, -0.05, new double[] {0, 0, 1});
        // the same object with x and z swapped, B0 along x
        float[] fieldX = swapXZ(fieldZ, g);
        boolean[] mask = SpherePhantom.ball(g, SpherePhantom.CENTRE, 26);
        boolean[] maskX = swapXZ(mask, g);
        float[] chiZ = new ThresholdedKSpaceDivision(0.19, true)
                .invert(fieldZ, mask, g, new double[] {0, 0, 1}, Cancellation.NEVER)
                .chi();
        float[] chiX = new ThresholdedKSpaceDivision(0.19, true)
                .invert(fieldX, maskX, g, new double[] {1, 0, 0}, Cancellation.NEVER)
                .chi();
        float[] expected = swapXZ(chiZ, g);
        double max = 0;
        for (float v : chiZ) {
            max = Math.max(max, Math.abs(v));
        }
        for (int n = 0; n < g.size(); n++) {
            assertEquals(expected[n], chiX[n], 1e-5 * max, "voxel " + n);
        }
        float[] tvZ = TotalVariationAdmm.withLambda(5e-4)
                .invert(fieldZ, mask, g, new double[] {0, 0, 1}, Cancellation.NEVER, InversionProgress.NONE)
                .chi();
        float[] tvX = TotalVariationAdmm.withLambda(5e-4)
                .invert(fieldX, maskX, g, new double[] {1, 0, 0}, Cancellation.NEVER, InversionProgress.NONE)
                .chi();
        float[] tvExpected = swapXZ(tvZ, g);
        for (int n = 0; n < g.size(); n++) {
            assertEquals(tvExpected[n], tvX[n], 1e-3 * max, "TV voxel " + n);
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new ThresholdedKSpaceDivision(0, false));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ClosedFormTikhonov(ClosedFormTikhonov.Regularisation.IDENTITY, -1));
        assertThrows(IllegalArgumentException.class, () -> new ThresholdedKSpaceDivision()
                .invert(new float[8], new boolean[8], SpherePhantom.GRID, B0, Cancellation.NEVER));
    }

    static float[] swapXZ(float[] v, VoxelGrid g) {
        float[] out = new float[v.length];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    out[g.index(k, j, i)] = v[g.index(i, j, k)];
                }
            }
        }
        return out;
    }

    static boolean[] swapXZ(boolean[] v, VoxelGrid g) {
        boolean[] out = new boolean[v.length];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    out[g.index(k, j, i)] = v[g.index(i, j, k)];
                }
            }
        }
        return out;
    }
}
