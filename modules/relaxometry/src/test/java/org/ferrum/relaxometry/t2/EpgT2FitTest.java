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
package org.ferrum.relaxometry.t2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.relaxometry.MeasurementNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The EPG and mono-exponential T2 fits on echo trains from the isochromat Bloch simulation ({@link IsochromatCpmg}),
 * not from the fitted model, with Rician noise: the mono-exponential T2 is biased when B1 ≠ 1 and the EPG fit removes
 * the bias, over T2 20–200 ms, B1 0.7–1.2, two echo spacings and three SNRs.
 */
class EpgT2FitTest {

    private static final int ECHOES = 32;
    private static final int ISOCHROMATS = 200;
    private static final double[] T2_MS = {20, 50, 100, 200};
    private static final double[] B1 = {0.7, 0.8, 0.9, 1.0, 1.1, 1.2};

    static double[] echoTimes(double espMs) {
        double[] te = new double[ECHOES];
        for (int n = 0; n < ECHOES; n++) {
            te[n] = (n + 1) * espMs * 1e-3;
        }
        return te;
    }

    /** Median over noise realisations of the fitted {T2 ms, B1}, and the count of unusable fits. */
    private static double[] medianFit(T2Fit fit, double[] clean, double m0, double sigma, int repeats, long seed) {
        MeasurementNoise noise = new MeasurementNoise(sigma, seed);
        double[] t2 = new double[repeats];
        double[] b1 = new double[repeats];
        double[] signal = new double[clean.length];
        double[] out = new double[4];
        int failed = 0;
        for (int r = 0; r < repeats; r++) {
            for (int n = 0; n < clean.length; n++) {
                signal[n] = noise.noisyMagnitude(m0 * clean[n]);
            }
            FitStatus s = fit.fit(signal, out);
            failed += s.usable() ? 0 : 1;
            if (!s.usable()) {
                System.out.println("unusable fit: " + s + " " + Arrays.toString(signal));
            }
            t2[r] = out[1];
            b1[r] = out[2];
        }
        return new double[] {median(t2), median(b1), failed};
    }

    private static double median(double[] v) {
        double[] c = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        return c.length == 0 ? Double.NaN : c[c.length / 2];
    }

    @ParameterizedTest(name = "SNR {0}, ESP {1} ms")
    @CsvSource({"50, 10", "100, 7.5", "200, 10"})
    void epgRemovesTheMonoExponentialBiasOfImperfectRefocusing(double snr, double espMs) {
        double m0 = 1000;
        double sigma = m0 / snr;
        double[] te = echoTimes(espMs);
        EpgT2Fit epg = new EpgT2Fit(te, EpgT2Fit.Params.DEFAULTS, sigma);
        MonoExponentialT2Fit mono = new MonoExponentialT2Fit(te, MonoExponentialT2Fit.Params.DEFAULTS, sigma);
        int repeats = 30;
        double worstEpg = 0;
        double worstB1 = 0;
        double monoBiasAt07 = Double.POSITIVE_INFINITY;
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "SNR %.0f, ESP %.1f ms, %d echoes: T2 ms → median fitted T2 (EPG, mono), B1 (EPG)%n",
                snr,
                espMs,
                ECHOES));
        long seed = 17;
        int failures = 0;
        for (double t2 : T2_MS) {
            for (double b1 : B1) {
                double[] clean =
                        IsochromatCpmg.simulate(ECHOES, espMs * 1e-3, 1.0, t2 * 1e-3, 180 * b1, 90, ISOCHROMATS);
                double[] e = medianFit(epg, clean, m0, sigma, repeats, seed++);
                double[] m = medianFit(mono, clean, m0, sigma, repeats, seed++);
                double epgError = Math.abs(e[0] / t2 - 1);
                double monoError = m[0] / t2 - 1;
                double folded = Math.min(b1, 2 - b1);
                worstEpg = Math.max(worstEpg, epgError);
                worstB1 = Math.max(worstB1, Math.abs(e[1] - folded));
                if (b1 == 0.7 && t2 >= 50) {
                    monoBiasAt07 = Math.min(monoBiasAt07, monoError);
                }
                table.append(String.format(
                        Locale.ROOT,
                        "  T2 %5.0f B1 %.1f: EPG %7.2f (%+5.1f %%) mono %7.2f (%+5.1f %%) B1 %.3f (true %.2f) failed %.0f/%.0f%n",
                        t2,
                        b1,
                        e[0],
                        100 * (e[0] / t2 - 1),
                        m[0],
                        100 * monoError,
                        e[1],
                        folded,
                        e[2],
                        m[2]));
                failures += (int) e[2];
            }
        }
        System.out.print(table);
        assertEquals(0, failures, "unusable EPG fits\n" + table);
        double epgLimit = snr >= 100 ? 0.03 : 0.06;
        assertTrue(worstEpg < epgLimit, "worst EPG median T2 error " + worstEpg + "\n" + table);
        assertTrue(worstB1 < (snr >= 100 ? 0.03 : 0.06), "worst B1 error " + worstB1 + "\n" + table);
        assertTrue(monoBiasAt07 > 0.05, "mono-exponential T2 at B1 = 0.7 is only " + monoBiasAt07 + " too long");
    }

    @Test
    void noiselessTrainsAreFittedExactly() {
        double[] te = echoTimes(10);
        EpgT2Fit epg = new EpgT2Fit(te, new EpgT2Fit.Params(1, false, 0, 180, 1000, 0.5, 1.5, 1, 2000), 0);
        double[] out = new double[4];
        for (double b1 : new double[] {0.62, 0.85, 1.0}) {
            double[] clean = IsochromatCpmg.simulate(ECHOES, 0.01, 1.0, 0.065, 180 * b1, 90, ISOCHROMATS);
            for (int n = 0; n < ECHOES; n++) {
                clean[n] *= 500;
            }
            FitStatus s = epg.fit(clean, out);
            assertTrue(s.usable(), s.meaning());
            assertEquals(500, out[0], 0.5, "M0 at B1 " + b1);
            assertEquals(65, out[1], 0.065, "T2 at B1 " + b1);
            assertEquals(b1, out[2], b1 == 1.0 ? 0.02 : 2e-3, "B1");
            assertTrue(out[3] < 0.1, "quality " + out[3]);
        }
    }

    @Test
    void fittedT2IsInsensitiveToTheAssumedT1() {
        double[] te = echoTimes(10);
        EpgT2Fit epg = new EpgT2Fit(te, new EpgT2Fit.Params(1, false, 0, 180, 1000, 0.5, 1.5, 1, 2000), 0);
        double[] out = new double[4];
        for (double t1 : new double[] {0.5, 3.0}) {
            for (double t2 : new double[] {0.03, 0.12}) {
                double[] clean = IsochromatCpmg.simulate(ECHOES, 0.01, t1, t2, 180 * 0.75, 90, ISOCHROMATS);
                assertTrue(epg.fit(clean, out).usable());
                double error = out[1] / (t2 * 1e3) - 1;
                System.out.printf(
                        Locale.ROOT,
                        "true T1 %.1f s, fitted with T1 = 1 s: T2 %.0f ms → %.2f ms (%+.2f %%)%n",
                        t1,
                        t2 * 1e3,
                        out[1],
                        100 * error);
                assertTrue(Math.abs(error) < 0.01, "T2 error " + error + " at T1 " + t1);
            }
        }
    }

    @Test
    void b1AboveOneIsReportedOnTheBranchBelow180Degrees() {
        double[] te = echoTimes(10);
        // nominal 160°: B1 up to 180/160 = 1.125 is identifiable
        EpgT2Fit epg = new EpgT2Fit(te, new EpgT2Fit.Params(1, false, 0, 160, 1000, 0.5, 1.5, 1, 2000), 0);
        double[] out = new double[4];
        double[] clean = IsochromatCpmg.simulate(ECHOES, 0.01, 1.0, 0.08, 160 * 1.08, 90, ISOCHROMATS);
        assertTrue(epg.fit(clean, out).usable());
        assertEquals(1.08, out[2], 2e-3);
        assertEquals(80, out[1], 0.1);
    }

    @Test
    void tooFewOrUnevenEchoesAreRefused() {
        IllegalArgumentException few = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new EpgT2Fit(new double[] {0.01, 0.02}, EpgT2Fit.Params.DEFAULTS, 0));
        assertTrue(few.getMessage().contains("at least 3"), few.getMessage());
        IllegalArgumentException uneven = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new EpgT2Fit(new double[] {0.01, 0.02, 0.035, 0.04}, EpgT2Fit.Params.DEFAULTS, 0));
        assertTrue(uneven.getMessage().contains("n·ESP"), uneven.getMessage());
    }

    @Test
    void aVoxelOfNonFiniteDataIsAStatusNotANumber() {
        double[] te = echoTimes(10);
        EpgT2Fit epg = new EpgT2Fit(te, EpgT2Fit.Params.DEFAULTS, 1);
        double[] signal = new double[ECHOES];
        Arrays.fill(signal, 100);
        signal[5] = Double.NaN;
        double[] out = new double[4];
        assertEquals(FitStatus.FAILED, epg.fit(signal, out));
        assertTrue(Double.isNaN(out[1]) && Double.isNaN(out[0]) && Double.isNaN(out[2]));
    }
}
