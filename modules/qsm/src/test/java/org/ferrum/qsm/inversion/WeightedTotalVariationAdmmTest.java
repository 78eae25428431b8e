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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * Weighted TV-ADMM on the analytic field of a 0.1 ppm sphere (radius 9 voxels, 64³; the field from the analytic
 * formula, not from the kernel that is inverted): with W = 1 it solves TV-ADMM's problem; with noise whose SD differs
 * between the two halves of the mask, W = 1/σ beats the unweighted inversion.
 */
class WeightedTotalVariationAdmmTest {

    private static final double[] B0 = {0, 0, 1};
    private static final VoxelGrid GRID = SpherePhantom.GRID;
    private static final float[] FIELD = SpherePhantom.field(B0);
    private static final boolean[] BALL = SpherePhantom.ball(GRID, SpherePhantom.CENTRE, 24);

    @Test
    void unitWeightGivesTheUnweightedSolution() {
        float[] ones = new float[GRID.size()];
        Arrays.fill(ones, 1f);
        double lambda = TotalVariationAdmm.Params.DEFAULTS.lambda();
        InversionResult weighted = new WeightedTotalVariationAdmm(lambda, 100 * lambda, 1, 100, 1e-3)
                .invert(FIELD, BALL, ones, GRID, B0, Cancellation.NEVER, InversionProgress.NONE);
        InversionResult plain = TotalVariationAdmm.withLambda(lambda)
                .invert(FIELD, BALL, GRID, B0, Cancellation.NEVER, InversionProgress.NONE);
        double a = SpherePhantom.recoveredDeltaChi(weighted.chi(), BALL),
                b = SpherePhantom.recoveredDeltaChi(plain.chi(), BALL);
        assertEquals(0.1, a, 0.01, "weighted Δχ");
        assertEquals(b, a, 0.003, "weighted " + a + " vs unweighted " + b);
        assertTrue(weighted.relativeResidual() < 0.2, "residual " + weighted.relativeResidual());
    }

    @Test
    void inverseNoiseWeightsBeatUniformWeightsOnUnevenNoise() {
        boolean[] sphere = SpherePhantom.ball(GRID, SpherePhantom.CENTRE, SpherePhantom.RADIUS);
        for (long seed = 1; seed <= 2; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] noisy = FIELD.clone();
            float[] weight = new float[GRID.size()];
            for (int v = 0; v < noisy.length; v++) {
                int x = v % GRID.nx();
                double sigma = x < GRID.nx() / 2 ? 0.001 : 0.02; // one half of the mask 20× noisier
                noisy[v] += (float) (sigma * random.nextGaussian());
                weight[v] = BALL[v] ? (float) (1 / sigma) : 0f;
            }
            double lambda = TotalVariationAdmm.Params.DEFAULTS.lambda();
            float[] w = new WeightedTotalVariationAdmm(lambda, 100 * lambda, 1, 100, 1e-3)
                    .invert(noisy, BALL, normalised(weight), GRID, B0, Cancellation.NEVER, InversionProgress.NONE)
                    .chi();
            float[] u = TotalVariationAdmm.withLambda(lambda)
                    .invert(noisy, BALL, GRID, B0, Cancellation.NEVER, InversionProgress.NONE)
                    .chi();
            double errWeighted = rmse(w, sphere), errUniform = rmse(u, sphere);
            assertTrue(
                    errWeighted < 0.8 * errUniform,
                    "seed " + seed + ": weighted RMSE " + errWeighted + " vs uniform " + errUniform);
        }
    }

    /** W scaled to mean square 1 over the ball. */
    private static float[] normalised(float[] w) {
        double sum = 0;
        int n = 0;
        for (int v = 0; v < w.length; v++) {
            if (BALL[v]) {
                sum += w[v] * (double) w[v];
                n++;
            }
        }
        float s = (float) Math.sqrt(n / sum);
        float[] out = w.clone();
        for (int v = 0; v < out.length; v++) {
            out[v] *= s;
        }
        return out;
    }

    /** RMS error in the ball against the true sphere (0.1 inside, 0 outside), both with their ball mean removed. */
    private static double rmse(float[] chi, boolean[] sphere) {
        double mc = 0, mt = 0;
        int n = 0;
        for (int v = 0; v < chi.length; v++) {
            if (BALL[v]) {
                mc += chi[v];
                mt += sphere[v] ? SpherePhantom.DELTA_CHI : 0;
                n++;
            }
        }
        mc /= n;
        mt /= n;
        double e = 0;
        for (int v = 0; v < chi.length; v++) {
            if (BALL[v]) {
                double d = (chi[v] - mc) - ((sphere[v] ? SpherePhantom.DELTA_CHI : 0) - mt);
                e += d * d;
            }
        }
        return Math.sqrt(e / n);
    }
}
