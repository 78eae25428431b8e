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

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.unwrap.EchoCombination.Weighting;
import org.junit.jupiter.api.Test;

/**
 * The field SD of {@link EchoCombination#frequencySd} against Monte Carlo: one voxel (known magnitudes decaying with
 * R2*, known f and φ0) simulated as many independent noisy complex signals, each fitted; the empirical SD of the fitted
 * f over the realisations must match the propagated SD (root mean of its variance over the realisations). And the noise
 * level estimates of {@link NoiseLevel} against the σ the data were made with.
 */
class EchoCombinationNoiseTest {

    private static final int REALISATIONS = 40_000;
    private static final VoxelGrid GRID = new VoxelGrid(REALISATIONS, 1, 1, 1, 1, 1);
    private static final double[] EVEN_TE = {0.004, 0.012, 0.020, 0.028};
    private static final double[] UNEVEN_TE = {0.0021, 0.005, 0.0097, 0.016, 0.0245};

    /** Noisy unwrapped phase and magnitude of {@link #REALISATIONS} copies of one voxel; [0] phase, [1] magnitude. */
    private static float[][][] simulate(
            double[] te, double m0, double r2star, double f, double phi0, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] phase = new float[te.length][REALISATIONS];
        float[][] magnitude = new float[te.length][REALISATIONS];
        for (int e = 0; e < te.length; e++) {
            double m = m0 * Math.exp(-r2star * te[e]);
            double truePhase = phi0 + 2 * Math.PI * f * te[e];
            for (int v = 0; v < REALISATIONS; v++) {
                double re = m * Math.cos(truePhase) + sigma * random.nextGaussian();
                double im = m * Math.sin(truePhase) + sigma * random.nextGaussian();
                // unwrapped as a perfect unwrapper would: the measured angle nearest the true phase
                double d = Math.atan2(im, re) - truePhase;
                d -= 2 * Math.PI * Math.rint(d / (2 * Math.PI));
                phase[e][v] = (float) (truePhase + d);
                magnitude[e][v] = (float) Math.hypot(re, im);
            }
        }
        return new float[][][] {phase, magnitude};
    }

    /** Empirical SD of the fitted f and the propagated SD, in Hz. */
    private static double[] compare(
            double[] te, double m0, double r2star, double sigma, Weighting weighting, boolean offset, long seed) {
        float[][][] data = simulate(te, m0, r2star, 37.5, offset ? 0.8 : 0, sigma, seed);
        EchoCombination.Result fit =
                EchoCombination.fit(data[0], data[1], te, null, GRID, weighting, offset, Cancellation.NEVER);
        float[] sd = EchoCombination.frequencySd(data[1], te, null, GRID, weighting, offset, sigma, Cancellation.NEVER);
        double mean = 0;
        for (float x : fit.frequencyHz()) {
            mean += x;
        }
        mean /= REALISATIONS;
        double var = 0, predicted = 0;
        for (int v = 0; v < REALISATIONS; v++) {
            var += Math.pow(fit.frequencyHz()[v] - mean, 2);
            predicted += (double) sd[v] * sd[v];
        }
        return new double[] {Math.sqrt(var / (REALISATIONS - 1)), Math.sqrt(predicted / REALISATIONS)};
    }

    private static void assertAgrees(
            double[] te, double m0, double r2star, double sigma, double tolerance, String label) {
        double worst = 0;
        for (Weighting w : Weighting.values()) {
            for (boolean offset : new boolean[] {true, false}) {
                for (long seed = 1; seed <= 3; seed++) {
                    double[] r = compare(te, m0, r2star, sigma, w, offset, seed);
                    String what = String.format(
                            Locale.ROOT,
                            "%s, %s, offset %s, seed %d: empirical %.4f Hz, propagated %.4f Hz",
                            label,
                            w,
                            offset,
                            seed,
                            r[0],
                            r[1]);
                    assertEquals(1, r[1] / r[0], tolerance, what);
                    worst = Math.max(worst, Math.abs(r[1] / r[0] - 1));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "field SD, propagated vs Monte Carlo (%d realisations, 3 weightings × offset/origin × 3 seeds),"
                        + " %s: worst deviation %.1f %%%n",
                REALISATIONS,
                label,
                100 * worst);
    }

    @Test
    void propagatedSdMatchesMonteCarloAtHighSnr() {
        // SNR 100 at TE 0, R2* 30/s: 89 at the first echo, 43 at the last
        assertAgrees(EVEN_TE, 100, 30, 1, 0.05, "high SNR, even TE");
        assertAgrees(UNEVEN_TE, 100, 30, 1, 0.05, "high SNR, uneven TE");
    }

    @Test
    void propagatedSdMatchesMonteCarloAtLowSnr() {
        // SNR 12 at TE 0, R2* 40/s: 11 at the first echo, 4.5–4 at the last (the high-SNR phase noise σ/m starts to
        // fail)
        assertAgrees(EVEN_TE, 12, 40, 1, 0.10, "low SNR, even TE");
        assertAgrees(UNEVEN_TE, 12, 40, 1, 0.10, "low SNR, uneven TE");
    }

    @Test
    void oneEchoGivesTheSdOfPhaseOverTwoPiTe() {
        float[][] m = {{50f, 0f}};
        float[] sd = EchoCombination.frequencySd(
                m,
                new double[] {0.01},
                null,
                new VoxelGrid(2, 1, 1, 1, 1, 1),
                Weighting.MAGNITUDE,
                true,
                2,
                Cancellation.NEVER);
        assertEquals(2.0 / 50 / (2 * Math.PI * 0.01), sd[0], 1e-6);
        assertEquals(Math.PI / Math.sqrt(3) / (2 * Math.PI * 0.01), sd[1], 1e-4, "no signal: a uniform phase");
    }

    @Test
    void sdIsNaNOutsideTheMaskAndZeroWithoutNoise() {
        float[][] m = {{50f, 50f}, {40f, 40f}};
        float[] sd = EchoCombination.frequencySd(
                m,
                new double[] {0.01, 0.02},
                new boolean[] {true, false},
                new VoxelGrid(2, 1, 1, 1, 1, 1),
                Weighting.MAGNITUDE_TE,
                true,
                0,
                Cancellation.NEVER);
        assertEquals(0, sd[0]);
        assertTrue(Float.isNaN(sd[1]));
    }

    /** A ball of signal (the mask) in a shell of bright scalp outside it, in air, all with Rayleigh noise σ. */
    private static float[][] headInAir(int n, double sigma, boolean air, long seed, boolean[] mask) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] m = new float[3][n * n * n];
        double c = (n - 1) / 2.0, rBrain = 0.4 * n;
        double rHead = air ? rBrain / 0.8 : Double.POSITIVE_INFINITY; // no air: scalp fills the field of view
        for (int e = 0; e < m.length; e++) {
            for (int z = 0, v = 0; z < n; z++) {
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++, v++) {
                        double r = Math.sqrt((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c));
                        double s = r < rBrain ? 100 * Math.exp(-30 * 0.01 * (e + 1)) : r < rHead ? 60 : 0;
                        mask[v] = r < rBrain;
                        m[e][v] = (float) Math.hypot(s + sigma * random.nextGaussian(), sigma * random.nextGaussian());
                    }
                }
            }
        }
        return m;
    }

    @Test
    void rayleighFitOfTheAirRecoversSigma() {
        int n = 40;
        boolean[] mask = new boolean[n * n * n];
        for (double sigma : new double[] {0.5, 2.0, 6.0}) {
            for (long seed = 1; seed <= 2; seed++) {
                float[][] m = headInAir(n, sigma, true, seed, mask);
                OptionalDouble est = NoiseLevel.fromBackground(m, mask);
                assertTrue(est.isPresent(), "σ " + sigma + " seed " + seed + ": no estimate");
                assertEquals(
                        1, est.getAsDouble() / sigma, 0.03, "σ " + sigma + " seed " + seed + ": " + est.getAsDouble());
            }
        }
    }

    @Test
    void noAirNoBackgroundEstimate() {
        int n = 30;
        boolean[] mask = new boolean[n * n * n];
        float[][] m =
                headInAir(n, 1.0, false, 3, mask); // the head fills the field of view: outside the mask is all scalp
        assertTrue(NoiseLevel.fromBackground(m, mask).isEmpty(), "scalp taken for noise");
        float[][] blanked = headInAir(n, 1.0, true, 3, mask);
        for (float[] frame : blanked) {
            for (int v = 0; v < frame.length; v++) {
                frame[v] = mask[v] ? frame[v] : 0f; // zero-filled outside the brain
            }
        }
        assertTrue(NoiseLevel.fromBackground(blanked, mask).isEmpty(), "zeros taken for noise");
    }

    @Test
    void fitResidualRecoversSigma() {
        for (double[] te : new double[][] {{0.004, 0.012, 0.020}, EVEN_TE, UNEVEN_TE}) {
            for (boolean offset : new boolean[] {true, false}) {
                for (long seed = 1; seed <= 2; seed++) {
                    double sigma = 1.5;
                    float[][][] data = simulate(te, 120, 25, 37.5, offset ? 0.8 : 0, sigma, seed);
                    OptionalDouble est = NoiseLevel.fromFitResidual(data[0], data[1], te, null, offset);
                    assertTrue(est.isPresent());
                    assertEquals(
                            1,
                            est.getAsDouble() / sigma,
                            0.05,
                            te.length + " echoes, offset " + offset + ": " + est.getAsDouble());
                }
            }
        }
        float[][] two = {{1f}, {2f}};
        assertTrue(
                NoiseLevel.fromFitResidual(two, two, new double[] {0.01, 0.02}, null, true)
                        .isEmpty(),
                "no degree of freedom");
    }

    @Test
    void misfitFactorFlagsAWrapLeftInAndLeavesCleanVoxelsAlone() {
        double sigma = 1;
        float[][][] data = simulate(UNEVEN_TE, 100, 30, 37.5, 0.8, sigma, 5);
        data[0][3][0] += (float) (2 * Math.PI); // a wrap left in echo 4 of voxel 0
        EchoCombination.Result fit = EchoCombination.fit(
                data[0], data[1], UNEVEN_TE, null, GRID, Weighting.MAGNITUDE, true, Cancellation.NEVER);
        float[] factor = NoiseLevel.misfitFactor(data[0], data[1], UNEVEN_TE, null, fit, true, sigma);
        assertTrue(factor[0] > 20, "wrap: " + factor[0]);
        int inflated = 0;
        for (int v = 1; v < REALISATIONS; v++) {
            inflated += factor[v] > 2 ? 1 : 0;
        }
        // reduced χ² with 3 degrees of freedom exceeds 4 with probability 0.7 %
        assertTrue(inflated < 0.015 * REALISATIONS, inflated + " clean voxels inflated > 2×");
    }
}
