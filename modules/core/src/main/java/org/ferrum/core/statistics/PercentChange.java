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
package org.ferrum.core.statistics;

/**
 * Percent change from a baseline, for one measurement and for a group of subjects measured twice.
 *
 * <p>Contract: the percent change of a value v from its baseline v₀ is 100 · (v − v₀) / v₀ (the baseline itself is
 * 0 %); the baseline must be finite and not 0. A single change has no confidence interval (one pair carries no
 * estimate of its own error; judge it against a repeatability coefficient in percent,
 * {@link RepeatabilityCoefficient}). For n subjects, {@link #mean} is the mean of the n individual percent changes pᵢ
 * with the two-sided Student t interval p̄ ± t_{1−α/2, n−1} · s_p / √n, s_p the sample SD of the pᵢ (n − 1 in the
 * denominator); the interval is defined from two subjects on ({@link ConfidenceInterval#NONE} below that). The mean of
 * individual percent changes is not the percent change of the means (that would weight subjects by their baseline).
 */
public final class PercentChange {

    private PercentChange() {}

    /**
     * The mean percent change of a group with its confidence interval.
     *
     * @param mean     p̄, %
     * @param interval two-sided interval of p̄ at the level asked for, % (NONE for one subject)
     * @param n        subjects
     */
    public record Estimate(double mean, ConfidenceInterval interval, int n) {}

    /** 100 · (value − baseline) / baseline; the baseline must be finite and not 0. */
    public static double fromBaseline(double baseline, double value) {
        if (!Double.isFinite(baseline) || baseline == 0) {
            throw new IllegalArgumentException("a percent change needs a finite, non-zero baseline, got " + baseline);
        }
        return 100 * (value - baseline) / baseline;
    }

    /**
     * The mean of the subjects' percent changes from {@code baseline[i]} to {@code followUp[i]} with its two-sided
     * Student t interval at {@code level} (e.g. 0.95).
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, a value is not finite, a baseline
     *                                  is 0, or the level is not in (0, 1)
     */
    public static Estimate mean(double[] baseline, double[] followUp, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("a confidence level is in (0, 1), got " + level);
        }
        int n = baseline.length;
        if (followUp.length != n || n == 0) {
            throw new IllegalArgumentException("one follow-up per baseline, at least one subject: got " + n
                    + " baselines and " + followUp.length + " follow-ups");
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(followUp[i])) {
                throw new IllegalArgumentException("follow-up " + i + " is not finite: " + followUp[i]);
            }
            p[i] = fromBaseline(baseline[i], followUp[i]);
            sum += p[i];
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, ConfidenceInterval.NONE, n);
        }
        double squares = 0;
        for (double v : p) {
            squares += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(squares / (n - 1) / n);
        double t = StudentT.quantile(1 - (1 - level) / 2, n - 1);
        return new Estimate(mean, ConfidenceInterval.around(mean, t * se), n);
    }
}
