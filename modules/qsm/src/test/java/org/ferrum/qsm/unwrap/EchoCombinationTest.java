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
package org.ferrum.qsm.unwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.unwrap.EchoCombination.Weighting;
import org.junit.jupiter.api.Test;

class EchoCombinationTest {

    private static final VoxelGrid GRID = new VoxelGrid(16, 12, 10, 1, 1, 1);
    private static final double[] UNEVEN_TE = {0.0021, 0.005, 0.0097, 0.016};

    /** φ_n = φ0 + 2π f TE_n exactly, with f in [−60, 90] Hz and φ0 in [−2, 2] rad varying over the grid. */
    private static float[][] linearPhase(double[] te, float[] f, float[] phi0, boolean withOffset, Random r) {
        float[][] p = new float[te.length][GRID.size()];
        for (int v = 0; v < GRID.size(); v++) {
            f[v] = (float) (-60 + 150 * r.nextDouble());
            phi0[v] = withOffset ? (float) (-2 + 4 * r.nextDouble()) : 0f;
            for (int e = 0; e < te.length; e++) {
                p[e][v] = (float) (phi0[v] + 2 * Math.PI * f[v] * te[e]);
            }
        }
        return p;
    }

    private static float[][] randomMagnitude(int echoes, Random r) {
        float[][] m = new float[echoes][GRID.size()];
        for (float[] frame : m) {
            for (int v = 0; v < frame.length; v++) {
                frame[v] = (float) (0.2 + r.nextDouble());
            }
        }
        return m;
    }

    @Test
    void recoversFrequencyAndOffsetOfLinearPhaseWithUnevenEchoes() {
        Random r = new Random(1);
        int n = GRID.size();
        float[] f = new float[n], phi0 = new float[n];
        float[][] phase = linearPhase(UNEVEN_TE, f, phi0, true, r);
        for (Weighting w : Weighting.values()) {
            EchoCombination.Result fit = EchoCombination.fit(
                    phase, randomMagnitude(4, r), UNEVEN_TE, null, GRID, w, true, Cancellation.NEVER);
            for (int v = 0; v < n; v++) {
                assertEquals(f[v], fit.frequencyHz()[v], 1e-4, w + " f at " + v);
                assertEquals(phi0[v], fit.offset()[v], 1e-4, w + " φ0 at " + v);
                assertEquals(0, fit.residual()[v], 1e-4, w + " residual at " + v);
            }
        }
    }

    @Test
    void throughTheOriginNeedsNoOffset() {
        Random r = new Random(2);
        int n = GRID.size();
        float[] f = new float[n];
        float[][] phase = linearPhase(UNEVEN_TE, f, new float[n], false, r);
        EchoCombination.Result fit = EchoCombination.fit(
                phase, randomMagnitude(4, r), UNEVEN_TE, null, GRID, Weighting.MAGNITUDE_TE, false, Cancellation.NEVER);
        for (int v = 0; v < n; v++) {
            assertEquals(f[v], fit.frequencyHz()[v], 1e-4);
            assertEquals(0f, fit.offset()[v]);
        }
    }

    @Test
    void oneEchoGivesPhaseOverTwoPiTe() {
        float[] phase = new float[GRID.size()];
        for (int v = 0; v < phase.length; v++) {
            phase[v] = (float) (0.01 * v - 3);
        }
        double te = 0.0123;
        EchoCombination.Result fit = EchoCombination.fit(
                new float[][] {phase},
                null,
                new double[] {te},
                null,
                GRID,
                Weighting.UNIFORM,
                true,
                Cancellation.NEVER);
        for (int v = 0; v < phase.length; v++) {
            assertEquals(phase[v] / (2 * Math.PI * te), fit.frequencyHz()[v], 1e-4);
            assertEquals(0f, fit.offset()[v]);
        }
    }

    @Test
    void weightsFollowMagnitudeTimesEchoTimeSquared() {
        // Two echoes through the origin; echo 1 carries an error δ. Analytic weighted slope:
        // 2πf̂ = (w1 φ1 TE1 + w2 φ2 TE2) / (w1 TE1² + w2 TE2²), w = (m TE)².
        double[] te = {0.004, 0.010};
        double f = 25, delta = 0.5, m1 = 2, m2 = 0.5;
        float[][] phase = {{(float) (2 * Math.PI * f * te[0] + delta)}, {(float) (2 * Math.PI * f * te[1])}};
        float[][] mag = {{(float) m1}, {(float) m2}};
        VoxelGrid one = new VoxelGrid(1, 1, 1, 1, 1, 1);
        double w1 = Math.pow(m1 * te[0], 2), w2 = Math.pow(m2 * te[1], 2);
        double expected = (w1 * phase[0][0] * te[0] + w2 * phase[1][0] * te[1])
                / (w1 * te[0] * te[0] + w2 * te[1] * te[1])
                / (2 * Math.PI);
        EchoCombination.Result weighted =
                EchoCombination.fit(phase, mag, te, null, one, Weighting.MAGNITUDE_TE, false, Cancellation.NEVER);
        assertEquals(expected, weighted.frequencyHz()[0], 1e-4);
        double expectedUniform =
                (phase[0][0] * te[0] + phase[1][0] * te[1]) / (te[0] * te[0] + te[1] * te[1]) / (2 * Math.PI);
        EchoCombination.Result uniform =
                EchoCombination.fit(phase, mag, te, null, one, Weighting.UNIFORM, false, Cancellation.NEVER);
        assertEquals(expectedUniform, uniform.frequencyHz()[0], 1e-4);
    }

    @Test
    void magnitudeWeightingBeatsUniformWhenLowSignalEchoesAreNoisy() {
        // Phase noise σ_n = σ/m_n: the (m·TE)² weights are the inverse variances of the per-echo frequencies.
        Random r = new Random(3);
        int n = GRID.size();
        double[] te = UNEVEN_TE;
        double[] mags = {1.0, 0.6, 0.3, 0.12}; // strong decay
        float[][] phase = new float[te.length][n];
        float[][] mag = new float[te.length][n];
        float[] f = new float[n];
        for (int v = 0; v < n; v++) {
            f[v] = (float) (50 * r.nextDouble());
            for (int e = 0; e < te.length; e++) {
                mag[e][v] = (float) mags[e];
                phase[e][v] = (float) (0.7 + 2 * Math.PI * f[v] * te[e] + 0.05 / mags[e] * r.nextGaussian());
            }
        }
        double errMagTe = rmsError(
                EchoCombination.fit(phase, mag, te, null, GRID, Weighting.MAGNITUDE_TE, true, Cancellation.NEVER), f);
        double errMag = rmsError(
                EchoCombination.fit(phase, mag, te, null, GRID, Weighting.MAGNITUDE, true, Cancellation.NEVER), f);
        double errUniform = rmsError(
                EchoCombination.fit(phase, mag, te, null, GRID, Weighting.UNIFORM, true, Cancellation.NEVER), f);
        System.out.printf(
                java.util.Locale.ROOT,
                "echo combination RMS error of f: (m·TE)² %.3f Hz, m² %.3f Hz, uniform %.3f Hz%n",
                errMagTe,
                errMag,
                errUniform);
        assertTrue(errMagTe < 0.95 * errUniform, "(m·TE)² " + errMagTe + " vs uniform " + errUniform);
        assertTrue(errMag < 0.8 * errUniform, "m² " + errMag + " vs uniform " + errUniform);
    }

    @Test
    void residualIsTheWeightedRmsMisfitAndOutsideTheMaskIsZero() {
        // φ = (0, 1, 0) at TE = 1, 2, 3 ms, uniform, with offset: slope 0, φ0 = 1/3, residuals (−1/3, 2/3, −1/3).
        VoxelGrid two = new VoxelGrid(2, 1, 1, 1, 1, 1);
        float[][] phase = {{0, 5}, {1, 5}, {0, 5}};
        EchoCombination.Result fit = EchoCombination.fit(
                phase,
                null,
                new double[] {0.001, 0.002, 0.003},
                new boolean[] {true, false},
                two,
                Weighting.UNIFORM,
                true,
                Cancellation.NEVER);
        assertEquals(0, fit.frequencyHz()[0], 1e-4);
        assertEquals(1.0 / 3, fit.offset()[0], 1e-6);
        assertEquals(Math.sqrt(2.0 / 9), fit.residual()[0], 1e-6);
        assertEquals(0f, fit.frequencyHz()[1]);
        assertEquals(0f, fit.offset()[1]);
    }

    private static double rmsError(EchoCombination.Result fit, float[] f) {
        double s = 0;
        for (int v = 0; v < f.length; v++) {
            s += Math.pow(fit.frequencyHz()[v] - f[v], 2);
        }
        return Math.sqrt(s / f.length);
    }
}
