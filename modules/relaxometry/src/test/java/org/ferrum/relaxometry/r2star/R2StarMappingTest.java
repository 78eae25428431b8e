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
package org.ferrum.relaxometry.r2star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.ferrum.core.VoxelGrid;
import org.ferrum.relaxometry.MeasurementNoise;
import org.junit.jupiter.api.Test;

class R2StarMappingTest {

    private static final double[] TE = R2StarSimulation.echoTimes();

    private static double[] decay(double s0, double r2star) {
        double[] s = new double[TE.length];
        for (int n = 0; n < TE.length; n++) {
            s[n] = s0 * Math.exp(-r2star * TE[n]);
        }
        return s;
    }

    @Test
    void truncationKeepsTheEchoesAboveTheMultipleOfTheNoiseFloor() {
        double sigma = 10;
        // threshold 2 × 10 × √(π/2) = 25.07: 1000 e^{−600 t} ≥ 25.07 for t ≤ 6.14 ms, i.e. echoes 1..5 (5.5 ms)
        R2StarMapping m = new R2StarMapping(TE, new LogLinearFit(TE), sigma, 2, 0, 0, 5000);
        assertEquals(5, m.echoesToUse(decay(1000, 600)));
        // at most 4
        assertEquals(
                4, new R2StarMapping(TE, new LogLinearFit(TE), sigma, 2, 4, 0, 5000).echoesToUse(decay(1000, 600)));
        // never fewer than the fit needs: a voxel of pure noise keeps 2 (log-linear) or 3 (ARLO) echoes
        assertEquals(2, m.echoesToUse(new double[TE.length]));
        assertEquals(
                3, new R2StarMapping(TE, new ArloFit(TE), sigma, 2, 0, 0, 5000).echoesToUse(new double[TE.length]));
        // no truncation: all 12
        assertEquals(12, new R2StarMapping(TE, new LogLinearFit(TE), 0, 0, 0, 0, 5000).echoesToUse(decay(1000, 600)));
    }

    @Test
    void clampsToTheRangeAndFlagsFailures() {
        R2StarMapping m = new R2StarMapping(TE, new LogLinearFit(TE), 0, 0, 0, 10, 500);
        double[] out = new double[4];
        assertEquals(R2StarMapping.FITTED, m.fitVoxel(decay(1000, 300), out));
        assertEquals(300, out[1], 1e-9);
        assertEquals(0, out[2], 1e-9, "goodness of an exact fit");
        assertEquals(12, out[3]);
        assertEquals(R2StarMapping.CLAMPED_HIGH, m.fitVoxel(decay(1000, 800), out));
        assertEquals(500, out[1]);
        assertEquals(R2StarMapping.CLAMPED_LOW, m.fitVoxel(decay(1000, -20), out));
        assertEquals(10, out[1]);
        assertEquals(R2StarMapping.FAILED, m.fitVoxel(new double[TE.length], out));
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]) && Double.isNaN(out[2]));
    }

    @Test
    void goodnessIsTheRmsResidualInPercentOfS0() {
        // three echoes that no exponential passes through: the RMS residual against the fitted S0, R2*, written out
        double[] te = {0.001, 0.002, 0.003};
        double[] s = {800, 700, 400};
        R2StarMapping m = new R2StarMapping(te, new LogLinearFit(te), 0, 0, 0, 0, 5000);
        double[] out = new double[4];
        assertEquals(R2StarMapping.FITTED, m.fitVoxel(s, out));
        double s0 = out[0];
        double r = out[1];
        double ss = 0;
        for (int n = 0; n < 3; n++) {
            ss += Math.pow(s[n] - s0 * Math.exp(-r * te[n]), 2);
        }
        assertEquals(100 * Math.sqrt(ss / 3) / s0, out[2], 1e-9);
        assertTrue(out[2] > 1, "a poor fit shows: " + out[2]);
    }

    @Test
    void mapFitsTheMaskInParallelAndLeavesZerosOutside() {
        VoxelGrid grid = new VoxelGrid(20, 10, 6, 1, 1, 1);
        float[][] magnitude = new float[TE.length][grid.size()];
        boolean[] mask = new boolean[grid.size()];
        for (int v = 0; v < grid.size(); v++) {
            double r = 30 + v; // 30 … 1229 1/s
            mask[v] = v % 7 != 0;
            for (int e = 0; e < TE.length; e++) {
                magnitude[e][v] = (float) (500 * Math.exp(-r * TE[e]));
            }
        }
        R2StarMapping m =
                new R2StarMapping(TE, new LevenbergMarquardtFit(TE, new LogLinearFit(TE), 0), 0, 0, 0, 1, 3000);
        R2StarMapping.Result res = m.map(magnitude, mask, grid, () -> false);
        for (int v = 0; v < grid.size(); v++) {
            if (mask[v]) {
                assertEquals(30 + v, res.r2star()[v], 1e-3 * (30 + v), "voxel " + v);
                assertEquals(500, res.s0()[v], 0.5);
                assertEquals(12, res.echoesUsed()[v]);
            } else {
                assertEquals(0, res.r2star()[v]);
                assertEquals(0, res.s0()[v]);
            }
        }
        assertThrows(CancellationException.class, () -> m.map(magnitude, mask, grid, () -> true));
    }

    @Test
    void backgroundNoiseFromTheDarkestCornerOfRayleighNoise() {
        VoxelGrid grid = new VoxelGrid(64, 64, 16, 1, 1, 1);
        double sigma = 12;
        MeasurementNoise noise = new MeasurementNoise(sigma, 3);
        float[] echo = new float[grid.size()];
        boolean[] mask = new boolean[grid.size()];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int v = grid.index(i, j, k);
                    // tissue fills the middle and one corner region (i < 8, j < 8 at low k): that corner must not win
                    boolean tissue = (Math.abs(i - 32) < 20 && Math.abs(j - 32) < 20) || (i < 8 && j < 8 && k < 2);
                    mask[v] = Math.abs(i - 32) < 20 && Math.abs(j - 32) < 20;
                    echo[v] = (float) noise.noisyMagnitude(tissue ? 600 : 0);
                }
            }
        }
        double estimate = BackgroundNoise.sigmaFromCorners(echo, mask, grid);
        // each corner block 8×8×2 = 128 Rayleigh samples: SD of the mean ≈ 0.52σ/√128 = 4.6 %; the lowest of 7 runs low
        assertEquals(sigma, estimate, 0.12 * sigma);
        assertEquals(sigma * Math.sqrt(Math.PI / 2), BackgroundNoise.noiseFloorMean(sigma), 1e-12);
        assertEquals(0, BackgroundNoise.sigmaFromCorners(new float[grid.size()], null, grid));
    }
}
