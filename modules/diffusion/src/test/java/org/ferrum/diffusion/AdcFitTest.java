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
package org.ferrum.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.relaxometry.MeasurementNoise;
import org.junit.jupiter.api.Test;

/** ADC against the analytic answer and against Rician simulations (several SNRs and seeds). */
class AdcFitTest {

    private static double median(float[] v) {
        float[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    @Test
    void noiseFreeDecayGivesTheAnalyticAdcWithBothMethods() {
        double[] b = {0, 50, 400, 800};
        for (double adc : new double[] {0.0004, 0.0011, 0.003}) {
            double[] s = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                s[i] = 700 * Math.exp(-b[i] * adc);
            }
            for (String method : AdcFit.METHODS) {
                double[] out = new double[4];
                FitStatus st = new AdcFit(b, method, 0).voxel().fit(s, out);
                assertTrue(st.usable(), method);
                assertEquals(adc, out[1], 1e-9 * 1000, method);
                assertEquals(700, out[0], 1e-6, method);
                assertEquals(0, out[3], 1e-6, method);
            }
        }
    }

    @Test
    void riciannNoiseAtSeveralSnrsAndSeeds() {
        double[] b = {0, 100, 500, 1000};
        double adc = 0.0012, s0 = 1000;
        for (double snr : new double[] {20, 50, 200}) {
            for (long seed : new long[] {1, 2}) {
                MeasurementNoise noise = new MeasurementNoise(s0 / snr, seed);
                int n = 2000;
                float[][] frames = new float[b.length][n];
                for (int v = 0; v < n; v++) {
                    for (int i = 0; i < b.length; i++) {
                        frames[i][v] = (float) noise.noisyMagnitude(s0 * Math.exp(-b[i] * adc));
                    }
                }
                AdcFit.Result r = new AdcFit(b, AdcFit.NLLS, s0 / snr).map(frames, null, Cancellation.NEVER);
                double m = median(r.adc());
                // the median of an unbiased estimator within 3 standard errors of a median (≈ 1.25·SD/√n)
                double sd = sdFinite(r.adc());
                assertEquals(adc, m, 3 * 1.25 * sd / Math.sqrt(n) + 1e-6, "SNR " + snr + " seed " + seed);
                // the reported standard error agrees with the scatter (within 25 %)
                assertEquals(sd, median(r.adcSe()), 0.25 * sd, "SE at SNR " + snr);
            }
        }
    }

    private static double sdFinite(float[] v) {
        double s = 0, ss = 0;
        int n = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                s += x;
                ss += x * x;
                n++;
            }
        }
        return Math.sqrt((ss - s * s / n) / (n - 1));
    }

    @Test
    void highBValuesOnTheNoiseFloorBiasAdcDownUnlessTheFloorIsModelled() {
        // free-water-like ADC 3e-3 mm²/s to b = 3000 at SNR 20: from b = 1000 on the signal (≤ 5 % of S0) is at or
        // below the noise floor σ√(π/2) = 6 % of S0
        double[] b = {0, 500, 1000, 1500, 2000, 2500, 3000};
        double adc = 0.003, s0 = 1000, sigma = 50;
        MeasurementNoise noise = new MeasurementNoise(sigma, 42);
        int n = 1000;
        float[][] frames = new float[b.length][n];
        for (int v = 0; v < n; v++) {
            for (int i = 0; i < b.length; i++) {
                frames[i][v] = (float) noise.noisyMagnitude(s0 * Math.exp(-b[i] * adc));
            }
        }
        double plain = median(new AdcFit(b, AdcFit.NLLS, 0)
                .map(frames, null, Cancellation.NEVER)
                .adc());
        double logLinear = median(new AdcFit(b, AdcFit.LOG_LINEAR, 0)
                .map(frames, null, Cancellation.NEVER)
                .adc());
        double floor = median(new AdcFit(b, AdcFit.NLLS, sigma)
                .map(frames, null, Cancellation.NEVER)
                .adc());
        assertTrue(plain < 0.94 * adc, "plain NLLS biased low by the floor: " + plain);
        assertTrue(logLinear < 0.94 * adc, "log-linear biased low by the floor: " + logLinear);
        // the RMS floor √2σ sits above the Rician mean 1.25σ: a small bias remains (as in R2*)
        assertEquals(adc, floor, 0.03 * adc, "with the noise floor: " + floor);
    }

    @Test
    void selectionNamesMissingBValuesAndDefaultsToAtMost1000() {
        BValueGroups g = BValueGroups.of(new double[] {0, 50, 400, 800, 1500});
        assertEquals(4, AdcFit.select(g, "").length);
        assertEquals(2, AdcFit.select(g, "0, 800").length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdcFit.select(g, "0,600"));
        assertTrue(e.getMessage().contains("600") && e.getMessage().contains("0, 50, 400, 800, 1500"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdcFit.select(g, "800"));
    }

    @Test
    void voxelsWithoutSignalFailAndAreNaN() {
        double[] b = {0, 500, 1000};
        float[][] frames = {{0, Float.NaN, 100}, {0, 50, 60}, {0, 20, 36}};
        boolean[] mask = {true, true, false};
        AdcFit.Result r = new AdcFit(b, AdcFit.NLLS, 0).map(frames, mask, Cancellation.NEVER);
        assertEquals(FitStatus.FAILED.code(), r.status()[0]);
        assertTrue(Float.isNaN(r.adc()[0]));
        assertEquals(FitStatus.FAILED.code(), r.status()[1]);
        assertTrue(Float.isNaN(r.adc()[1]));
        assertEquals(FitStatus.NOT_FITTED.code(), r.status()[2]);
    }
}
