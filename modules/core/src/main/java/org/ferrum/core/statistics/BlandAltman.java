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

import java.util.Arrays;

/**
 * Agreement of two measurements of the same quantity (here LIC from QSM and from R2*) by the method of Bland JM &amp;
 * Altman DG, "Statistical methods for assessing agreement between two methods of clinical measurement", Lancet
 * 1986;1:307–310.
 *
 * <p>Contract, for the n finite paired differences dᵢ = aᵢ − bᵢ (pairs with a NaN in either are left out and counted
 * in {@code nNaN}): {@code bias} = mean d; {@code sd} = sample SD of d (n − 1); the 95 % limits of agreement are
 * bias ± 1.96·sd; {@code medianDifference} = the exact median of d. Statistics come from {@link SampleStatistics}.
 * With n = 0 everything is NaN; with n = 1 sd and the limits are NaN.
 *
 * <p>Confidence intervals (Bland JM &amp; Altman DG, "Measuring agreement in method comparison studies", Stat Methods Med
 * Res 1999;8:135–160, section 2.2; also the Lancet 1986 paper, section 6): of the bias, bias ± t₀.₉₇₅,ₙ₋₁·sd/√n; of each
 * limit of agreement, limit ± t₀.₉₇₅,ₙ₋₁·√(3·sd²/n), the approximate standard error of a limit. All NaN with n &lt; 2.
 *
 * @param n                 pairs used
 * @param nNaN              pairs left out because one value was NaN
 * @param bias              mean difference a − b
 * @param sd                sample SD of the differences
 * @param medianDifference  median of the differences
 */
public record BlandAltman(long n, long nNaN, double bias, double sd, double medianDifference) {

    /** Multiplier of the SD for 95 % limits of agreement (the normal quantile used by Bland &amp; Altman 1986). */
    public static final double LIMITS_FACTOR = 1.96;

    /** bias − 1.96·sd. */
    public double lowerLimit() {
        return bias - LIMITS_FACTOR * sd;
    }

    /** bias + 1.96·sd. */
    public double upperLimit() {
        return bias + LIMITS_FACTOR * sd;
    }

    /** Standard error of the bias, sd/√n. */
    public double biasSe() {
        return sd / Math.sqrt(n);
    }

    /** Approximate standard error of either limit of agreement, √(3·sd²/n) (Bland &amp; Altman 1999). */
    public double limitSe() {
        return Math.sqrt(3 * sd * sd / n);
    }

    /** 95 % CI of the bias: bias ± t₀.₉₇₅,ₙ₋₁·sd/√n. */
    public ConfidenceInterval biasCi() {
        return n < 2 ? ConfidenceInterval.NONE : ConfidenceInterval.around(bias, t975() * biasSe());
    }

    /** 95 % CI of the lower limit of agreement: lower ± t₀.₉₇₅,ₙ₋₁·√(3·sd²/n). */
    public ConfidenceInterval lowerLimitCi() {
        return n < 2 ? ConfidenceInterval.NONE : ConfidenceInterval.around(lowerLimit(), t975() * limitSe());
    }

    /** 95 % CI of the upper limit of agreement: upper ± t₀.₉₇₅,ₙ₋₁·√(3·sd²/n). */
    public ConfidenceInterval upperLimitCi() {
        return n < 2 ? ConfidenceInterval.NONE : ConfidenceInterval.around(upperLimit(), t975() * limitSe());
    }

    private double t975() {
        return StudentT.quantile(0.975, n - 1);
    }

    /** Agreement of {@code a} and {@code b} (same length) over all their elements. */
    public static BlandAltman of(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired measurements need equal lengths, got " + a.length + " and " + b.length);
        }
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i]; // NaN if either is NaN: set apart by SampleStatistics
        }
        return ofDifferences(d);
    }

    /** Agreement from the differences a − b themselves (NaN: a pair left out); {@code d} is sorted in place. */
    public static BlandAltman ofDifferences(float[] d) {
        Arrays.sort(d);
        SampleStatistics s = SampleStatistics.ofSorted(d, 0, d.length);
        return new BlandAltman(s.n(), s.nNaN(), s.mean(), s.sd(), s.median());
    }
}
