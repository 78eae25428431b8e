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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ferrum.relaxometry.MeasurementNoise;
import org.junit.jupiter.api.Test;

/**
 * Every member of the {@link DecayFit} family ({@link DecayFits#ALL}, and NLLS also with its noise-floor model) through
 * one shared check of the family contract on analytic mono-exponential decays S(t) = S0·e^{−R2*·t}:
 * <ol>
 * <li><b>exact data:</b> R2* and S0 recovered on noiseless decays for several R2* and echo spacings (tolerance per
 * member: rounding, or ARLO's documented Simpson bias);</li>
 * <li><b>noisy data:</b> Rician magnitudes (seeded {@link MeasurementNoise}), two field strengths (1.5 T and 3 T,
 * R2* scaling with B0), three R2* per field, two echo spacings and two SNRs; each fit is given the leading echoes
 * whose true signal is at least 2σ (as truncation would leave them, at least its minimum); the median of 300 fits must
 * lie within the member's bias tolerance of the truth for R2* and S0, and at most 1 % of the fits may fail;</li>
 * <li><b>too few echoes / no signal:</b> fewer echoes than {@link DecayFit#minimumEchoes()}, or all-zero signal,
 * gives {@code false}.</li>
 * </ol>
 * A new method registered in {@link DecayFits#ALL} runs through the same check once its tolerances are added to
 * {@link #tolerance}.
 */
class DecayFitFamilyTest {

    private static final double S0 = 1000;
    private static final int ECHOES = 12;
    private static final int TRIALS = 300;

    /** A member: a method with its settings (σ filled in per case when {@code floor}), and its tolerances. */
    private record Member(String label, DecayFit.Method method, boolean floor, Tolerance tolerance) {

        DecayFit fit(double[] te, double sigma) {
            return method.create(te, new DecayFit.Settings(floor ? sigma : 0, null));
        }
    }

    /**
     * @param exact relative error allowed on noiseless data (plus, for ARLO, its Simpson bias (R2*·ΔTE)⁴/180 × 1.5)
     * @param bias  relative error of the median allowed on noisy data (measured worst case of the grid, with margin)
     */
    private record Tolerance(double exact, boolean simpson, double bias) {}

    /**
     * Per-member tolerances; a new member adds its line here. The noisy-data bounds are the measured worst median bias
     * over the grid with a margin (measured: log-linear −7.8 % R2*, ARLO 2.5 %, NLLS 3.2 %, NLLS + floor 2.3 %, each at
     * 3 T, R2* 600 1/s, SNR 30, where the echoes kept near 2σ lie closest to the Rician floor).
     */
    private static Tolerance tolerance(String label) {
        return switch (label) {
            case "loglinear" -> new Tolerance(1e-9, false, 0.10);
            case "arlo" -> new Tolerance(1e-9, true, 0.04);
            case "nlls" -> new Tolerance(1e-7, false, 0.045);
            case "nlls+floor" -> new Tolerance(1e-7, false, 0.035);
            default ->
                throw new AssertionError("no tolerances for family member " + label + ": add them to tolerance()");
        };
    }

    private static List<Member> members() {
        List<Member> members = new ArrayList<>();
        for (DecayFit.Method m : DecayFits.ALL) {
            members.add(new Member(m.name(), m, false, tolerance(m.name())));
            if (m.needsStart()) { // the refining method also with the noise-floor model
                members.add(new Member(m.name() + "+floor", m, true, tolerance(m.name() + "+floor")));
            }
        }
        return members;
    }

    private static double[] echoTimes(double spacing) {
        double[] te = new double[ECHOES];
        for (int n = 0; n < ECHOES; n++) {
            te[n] = spacing * (n + 1);
        }
        return te;
    }

    @Test
    void everyRegisteredMethodIsAMemberWithTolerances() {
        assertEquals(List.of("loglinear", "arlo", "nlls"), DecayFits.names(DecayFits.ALL));
        assertEquals(List.of("loglinear", "arlo"), DecayFits.names(DecayFits.starters()));
        assertEquals(4, members().size());
    }

    @Test
    void exactDecaysAreRecovered() {
        for (Member member : members()) {
            for (double spacing : new double[] {0.7e-3, 1.4e-3}) {
                double[] te = echoTimes(spacing);
                DecayFit fit = member.fit(te, 0);
                for (double r : new double[] {25, 100, 300, 600}) {
                    double[] s = new double[ECHOES];
                    for (int n = 0; n < ECHOES; n++) {
                        s[n] = S0 * Math.exp(-r * te[n]);
                    }
                    double[] out = new double[2];
                    assertTrue(fit.fit(s, ECHOES, out), member.label() + " failed at " + r);
                    double tol = member.tolerance().exact()
                            + (member.tolerance().simpson() ? 1.5 * Math.pow(r * spacing, 4) / 180 : 0);
                    String where = String.format(
                            Locale.ROOT, "%s at R2* %.0f 1/s, ΔTE %.1f ms", member.label(), r, spacing * 1e3);
                    assertEquals(r, out[1], tol * r, "R2* of " + where);
                    assertEquals(S0, out[0], (tol + (member.tolerance().simpson() ? 0.01 : 0)) * S0, "S0 of " + where);
                }
            }
        }
    }

    @Test
    void noisyDecaysAtTwoFieldStrengthsMeetEachMembersTolerance() {
        List<String> table = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long seed = 1;
        for (Member member : members()) {
            double worstR2 = 0;
            double worstS0 = 0;
            String worstCase = "";
            for (double b0 : new double[] {1.5, 3.0}) {
                for (double r15 : new double[] {25, 100, 300}) {
                    double r = r15 * b0 / 1.5; // R2* grows about linearly with B0
                    for (double spacing : new double[] {0.7e-3, 1.4e-3}) {
                        for (double snr : new double[] {30, 150}) {
                            double[] bias = run(member, r, spacing, S0 / snr, seed++);
                            String where = String.format(
                                    Locale.ROOT,
                                    "%.1f T, R2* %.0f 1/s, ΔTE %.1f ms, SNR %.0f",
                                    b0,
                                    r,
                                    spacing * 1e3,
                                    snr);
                            if (Math.abs(bias[0]) > member.tolerance().bias()
                                    || Math.abs(bias[1]) > member.tolerance().bias()
                                    || bias[2] > 0.01) {
                                failures.add(String.format(
                                        Locale.ROOT,
                                        "%s at %s: median R2* %+.2f %%, S0 %+.2f %%, %.1f %% failed",
                                        member.label(),
                                        where,
                                        100 * bias[0],
                                        100 * bias[1],
                                        100 * bias[2]));
                            }
                            if (Math.abs(bias[0]) > worstR2) {
                                worstR2 = Math.abs(bias[0]);
                                worstCase = where;
                            }
                            worstS0 = Math.max(worstS0, Math.abs(bias[1]));
                        }
                    }
                }
            }
            table.add(String.format(
                    Locale.ROOT,
                    "%-11s worst |median bias| R2* %.2f %% (%s), S0 %.2f %%; tolerance %.1f %%",
                    member.label(),
                    100 * worstR2,
                    worstCase,
                    100 * worstS0,
                    100 * member.tolerance().bias()));
        }
        System.out.println("DecayFit family on Rician decays:\n  " + String.join("\n  ", table));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** {median relative R2* error, median relative S0 error, failed fraction} over {@link #TRIALS} noisy decays. */
    private static double[] run(Member member, double r, double spacing, double sigma, long seed) {
        double[] te = echoTimes(spacing);
        DecayFit fit = member.fit(te, sigma);
        int echoes = 0;
        while (echoes < ECHOES && S0 * Math.exp(-r * te[echoes]) >= 2 * sigma) {
            echoes++;
        }
        echoes = Math.max(echoes, fit.minimumEchoes());
        MeasurementNoise noise = new MeasurementNoise(sigma, seed);
        double[] signal = new double[ECHOES];
        double[] out = new double[2];
        double[] r2 = new double[TRIALS];
        double[] s0 = new double[TRIALS];
        int ok = 0;
        for (int t = 0; t < TRIALS; t++) {
            for (int n = 0; n < ECHOES; n++) {
                signal[n] = noise.noisyMagnitude(S0 * Math.exp(-r * te[n]));
            }
            if (fit.fit(signal, echoes, out)) {
                r2[ok] = out[1];
                s0[ok++] = out[0];
            }
        }
        return new double[] {median(r2, ok) / r - 1, median(s0, ok) / S0 - 1, (TRIALS - ok) / (double) TRIALS};
    }

    private static double median(double[] values, int n) {
        double[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    @Test
    void tooFewEchoesOrNoSignalFail() {
        double[] te = echoTimes(1e-3);
        double[] decay = new double[ECHOES];
        for (int n = 0; n < ECHOES; n++) {
            decay[n] = S0 * Math.exp(-100 * te[n]);
        }
        for (Member member : members()) {
            DecayFit fit = member.fit(te, 20);
            double[] out = new double[2];
            assertFalse(fit.fit(decay, fit.minimumEchoes() - 1, out), member.label() + " with too few echoes");
            assertTrue(fit.fit(decay, fit.minimumEchoes(), out), member.label() + " with its minimum");
            assertFalse(fit.fit(new double[ECHOES], ECHOES, out) && out[0] > 0, member.label() + " on zero signal");
        }
    }
}
