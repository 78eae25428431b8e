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
package org.ferrum.relaxometry.t1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.relaxometry.MeasurementNoise;
import org.junit.jupiter.api.Test;

/** T1 by VFA against signals simulated independently (Bloch steps, a finer grid with partial volume, Rician noise). */
class VfaFitTest {

    private static final double[] ANGLES = {3, 8, 15, 25};

    @Test
    void exactSignalsGiveTheirT1WithBothFits() {
        for (double tr : new double[] {0.0054, 0.015}) {
            for (double t1 : new double[] {0.25, 0.8, 1.5, 3.0}) {
                for (double kappa : new double[] {0.7, 1.0, 1.25}) {
                    double[] s = new double[ANGLES.length];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = 1000 * BlochSpgr.signal(Math.toRadians(ANGLES[i]) * kappa, tr, t1);
                    }
                    VfaFit fit = new VfaFit(ANGLES, tr, 0.005, 10);
                    for (VfaFit.Method m : VfaFit.Method.values()) {
                        assertEquals(FitStatus.CONVERGED, fit.fit(s, kappa, m), m + " T1 " + t1);
                        assertEquals(t1, 1 / fit.r1(), 1e-6 * t1, m + " T1 " + t1 + " TR " + tr + " κ " + kappa);
                        assertEquals(1000, fit.m0(), 1e-3, m + " M0");
                        assertTrue(fit.rms() < 1e-6, m + " rms " + fit.rms());
                    }
                }
            }
        }
    }

    @Test
    void twoAnglesAreEnoughAndOneIsRefused() {
        double[] two = {4, 18};
        double[] s = {BlochSpgr.signal(Math.toRadians(4), 0.01, 1.1), BlochSpgr.signal(Math.toRadians(18), 0.01, 1.1)};
        VfaFit fit = new VfaFit(two, 0.01, 0.005, 10);
        assertEquals(FitStatus.CONVERGED, fit.fit(s, 1, VfaFit.Method.NONLINEAR));
        assertEquals(1.1, 1 / fit.r1(), 1e-6);
        try {
            new VfaFit(new double[] {10}, 0.01, 0.005, 10);
            throw new AssertionError("one flip angle accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("at least 2 flip angles"));
        }
    }

    @Test
    void signalsNoT1CanGiveFailAndAreNotNumbers() {
        VfaFit fit = new VfaFit(ANGLES, 0.01, 0.005, 10);
        // Signal rising with angle as sin α (no saturation at all): slope ≥ 1, no T1.
        double[] s = new double[ANGLES.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1000 * Math.sin(Math.toRadians(ANGLES[i])) * 1.0;
        }
        assertEquals(FitStatus.FAILED, fit.fit(s, 1, VfaFit.Method.DESPOT1));
        assertTrue(Double.isNaN(fit.r1()));
        assertEquals(FitStatus.FAILED, fit.fit(new double[] {0, 0, 0, 0}, 1, VfaFit.Method.NONLINEAR));
        assertEquals(FitStatus.FAILED, fit.fit(new double[] {1, Double.NaN, 2, 3}, 1, VfaFit.Method.NONLINEAR));
        assertEquals(FitStatus.FAILED, fit.fit(new double[] {1, 2, 3, 4}, Double.NaN, VfaFit.Method.NONLINEAR));
    }

    /**
     * A phantom on a 2× finer grid (disc of tissue A in tissue B, a smooth B1 field), averaged to the fitted grid (partial
     * volume at the edge), Rician noise at several SNRs, two field strengths: T1 in pure voxels within tolerance with
     * B1 correction; without it the error is as large as B1 predicts.
     */
    @Test
    void finerGridPhantomWithNoiseAndB1() {
        // T1 (s) of grey and white matter-like tissues at 1.5 T and 3 T (order of magnitude from the literature).
        double[][] tissues = {{0.78, 1.1}, {0.95, 1.45}};
        double[] fields = {1.5, 3.0};
        double tr = 0.0054;
        StringBuilder report = new StringBuilder();
        for (int f = 0; f < fields.length; f++) {
            for (double snr : new double[] {50, 100, 300}) {
                Phantom ph = new Phantom(tissues[f][0], tissues[f][1], tr, snr, 17 + f * 31 + (long) snr);
                VfaMapping.Result r = VfaMapping.map(
                        ph.signal, ANGLES, tr, ph.kappa, null, VfaMapping.Params.DEFAULTS, Cancellation.NEVER);
                VfaMapping.Result noB1 = VfaMapping.map(
                        ph.signal, ANGLES, tr, null, null, VfaMapping.Params.DEFAULTS, Cancellation.NEVER);
                double[] err = ph.relativeErrors(r.t1());
                double[] errNoB1 = ph.relativeErrors(noB1.t1());
                double medianAbs = medianAbs(err);
                double bias = median(err);
                // SD of T1 by VFA at SNR s with 4 angles is roughly 1.5–2.5 × 100/s % (Deoni et al. 2003, Fig. 3).
                double tolerance = 0.005 + 2.5 / snr;
                report.append(String.format(
                        Locale.ROOT,
                        "%n  B0 %.1f T SNR %3.0f: median |err| %.2f %% bias %+.2f %% (no B1 correction: median |err| %.1f %%)",
                        fields[f],
                        snr,
                        100 * medianAbs,
                        100 * bias,
                        100 * medianAbs(errNoB1)));
                assertTrue(medianAbs < tolerance, report.toString());
                assertTrue(Math.abs(bias) < tolerance / 2, report.toString());
                assertTrue(medianAbs(errNoB1) > 0.1, "B1 of 0.8–1.2 must matter: " + report);
                assertEquals(0, r.count(FitStatus.FAILED) + r.count(FitStatus.MAX_ITERATIONS), report.toString());
            }
        }
        System.out.println("[VfaFitTest] finer-grid phantom, pure voxels:" + report);
    }

    /** Water T1 in 50 % fat: the one-compartment T1 is biased, the water–fat fit recovers water T1. */
    @Test
    void waterT1InFattyMarrow() {
        double tr = 0.008;
        double[] angles = {3, 6, 12, 20};
        StringBuilder report = new StringBuilder();
        for (double field : new double[] {1.5, 3.0}) {
            double fatT1 = FatT1.literature(field);
            double waterT1 = field < 2 ? 0.9 : 1.2;
            for (double snr : new double[] {Double.POSITIVE_INFINITY, 200, 100}) {
                int voxels = snr == Double.POSITIVE_INFINITY ? 1 : 400;
                double peak = 0;
                for (double angle : angles) {
                    double a = Math.toRadians(angle);
                    peak = Math.max(
                            peak,
                            1000 * (0.5 * BlochSpgr.signal(a, tr, waterT1) + 0.5 * BlochSpgr.signal(a, tr, fatT1)));
                }
                // SNR of the brightest angle (signal over noise SD in the image).
                MeasurementNoise noise = new MeasurementNoise(peak / snr, 99 + (long) snr);
                float[][] signal = new float[angles.length][voxels];
                float[] pdff = new float[voxels];
                for (int v = 0; v < voxels; v++) {
                    pdff[v] = 50;
                    for (int i = 0; i < angles.length; i++) {
                        double a = Math.toRadians(angles[i]);
                        double clean =
                                1000 * (0.5 * BlochSpgr.signal(a, tr, waterT1) + 0.5 * BlochSpgr.signal(a, tr, fatT1));
                        signal[i][v] = (float) (Double.isInfinite(snr) ? clean : noise.noisyMagnitude(clean));
                    }
                }
                VfaMapping.Result r =
                        VfaMapping.map(signal, angles, tr, null, null, VfaMapping.Params.DEFAULTS, Cancellation.NEVER);
                VfaMapping.water(
                        signal, angles, tr, null, pdff, null, fatT1, VfaMapping.Params.DEFAULTS, r, Cancellation.NEVER);
                double apparent = median(r.t1());
                double water = median(r.t1Water());
                double apparentBias = apparent / waterT1 - 1;
                double waterError = water / waterT1 - 1;
                report.append(String.format(
                        Locale.ROOT,
                        "%n  %.1f T, water T1 %.2f s, fat T1 %.3f s, PDFF 50 %%, SNR %s: apparent T1 %.3f s (%+.1f %%),"
                                + " water T1 %.3f s (%+.2f %%)",
                        field,
                        waterT1,
                        fatT1,
                        Double.isInfinite(snr) ? "∞" : String.format(Locale.ROOT, "%.0f", snr),
                        apparent,
                        100 * apparentBias,
                        water,
                        100 * waterError));
                assertTrue(apparentBias < -0.3, "the one-compartment T1 must be biased low by fat: " + report);
                double tolerance = Double.isInfinite(snr) ? 1e-5 : 0.01 + 4 / snr;
                assertTrue(Math.abs(waterError) < tolerance, report.toString());
                assertEquals(voxels, r.countWater(FitStatus.CONVERGED) + r.countWater(FitStatus.STALLED));
            }
        }
        System.out.println("[VfaFitTest] water–fat:" + report);
    }

    @Test
    void waterFitIsSkippedAbovePdffLimitAndEqualsApparentWithoutFat() {
        double tr = 0.008;
        float[][] signal = new float[ANGLES.length][3];
        for (int i = 0; i < ANGLES.length; i++) {
            for (int v = 0; v < 3; v++) {
                signal[i][v] = (float) (1000 * BlochSpgr.signal(Math.toRadians(ANGLES[i]), tr, 1.0));
            }
        }
        VfaMapping.Result r =
                VfaMapping.map(signal, ANGLES, tr, null, null, VfaMapping.Params.DEFAULTS, Cancellation.NEVER);
        VfaMapping.water(
                signal,
                ANGLES,
                tr,
                null,
                new float[] {0, 95, Float.NaN},
                null,
                0.37,
                VfaMapping.Params.DEFAULTS,
                r,
                Cancellation.NEVER);
        assertEquals(1.0, r.t1Water()[0], 1e-4);
        assertEquals(FitStatus.NOT_FITTED.code(), r.statusWater()[1]);
        assertTrue(Float.isNaN(r.t1Water()[1]));
        assertEquals(FitStatus.FAILED.code(), r.statusWater()[2]);
    }

    static double median(float[] v) {
        float[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static double medianAbs(double[] v) {
        double[] c = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = Math.abs(v[i]);
        }
        return median(c);
    }

    /** A 32×32 slice simulated on 64×64 and averaged 2×2: disc of tissue A (radius 10) in tissue B, B1 0.8–1.2. */
    private static final class Phantom {
        static final int N = 32;
        final float[][] signal = new float[ANGLES.length][N * N];
        final float[] kappa = new float[N * N];
        final double[] truth = new double[N * N];
        final boolean[] pure = new boolean[N * N];

        Phantom(double t1a, double t1b, double tr, double snr, long seed) {
            // SNR of the brightest angle of tissue B at κ = 1 (the usual definition: signal over noise SD in the
            // image).
            double peak = 0;
            for (double angle : ANGLES) {
                peak = Math.max(peak, 1000 * BlochCache.signal(Math.toRadians(angle), tr, t1b));
            }
            MeasurementNoise noise = new MeasurementNoise(peak / snr, seed);
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    int v = y * N + x;
                    double[] sum = new double[ANGLES.length];
                    int inA = 0;
                    double k = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            double fx = (2 * x + dx + 0.5) / (2.0 * N);
                            double fy = (2 * y + dy + 0.5) / (2.0 * N);
                            double kf = 0.8 + 0.4 * fx * (0.6 + 0.4 * fy);
                            double r = Math.hypot(fx - 0.5, fy - 0.5) * N;
                            boolean a = r < 10;
                            inA += a ? 1 : 0;
                            k += kf / 4;
                            for (int i = 0; i < ANGLES.length; i++) {
                                sum[i] += 0.25
                                        * 1000
                                        * BlochCache.signal(Math.toRadians(ANGLES[i]) * kf, tr, a ? t1a : t1b);
                            }
                        }
                    }
                    kappa[v] = (float) k;
                    pure[v] = inA == 0 || inA == 4;
                    truth[v] = inA == 4 ? t1a : t1b;
                    for (int i = 0; i < ANGLES.length; i++) {
                        signal[i][v] = (float) noise.noisyMagnitude(sum[i]);
                    }
                }
            }
        }

        double[] relativeErrors(float[] t1) {
            double[] e = new double[N * N];
            int c = 0;
            for (int v = 0; v < N * N; v++) {
                if (pure[v]) {
                    e[c++] = t1[v] / truth[v] - 1;
                }
            }
            return Arrays.copyOf(e, c);
        }
    }

    /** The Bloch steady state is costly (thousands of pulses at long T1): memoised per (α, TR, T1). */
    private static final class BlochCache {
        private static final java.util.Map<String, Double> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static double signal(double alpha, double tr, double t1) {
            return CACHE.computeIfAbsent(alpha + "/" + tr + "/" + t1, key -> BlochSpgr.signal(alpha, tr, t1));
        }
    }
}
