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
 * The F distribution with (d₁, d₂) degrees of freedom, for the confidence intervals of intraclass correlations
 * ({@link IntraclassCorrelation}).
 *
 * <p>Contract: {@link #cdf}(f) = P(F ≤ f) = I_{d₁f/(d₁f + d₂)}(d₁/2, d₂/2) (Abramowitz &amp; Stegun 1964, 26.6.2), with the
 * regularized incomplete beta function of {@link StudentT}; {@link #quantile} inverts it by bisection to adjacent doubles.
 * Degrees of freedom may be fractional (Satterthwaite's approximation gives such).
 */
public final class FisherF {

    private FisherF() {}

    /** P(F ≤ f) for F with {@code d1}, {@code d2} &gt; 0 degrees of freedom. */
    public static double cdf(double f, double d1, double d2) {
        require(d1, d2);
        if (Double.isNaN(f)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 0;
        }
        if (Double.isInfinite(f)) {
            return 1;
        }
        double x = d1 * f / (d1 * f + d2);
        return StudentT.regularizedIncompleteBeta(x, d1 / 2, d2 / 2);
    }

    /** The f with P(F ≤ f) = p, 0 &lt; p &lt; 1; e.g. p = 0.975 for the upper end of a two-sided 95 % interval. */
    public static double quantile(double p, double d1, double d2) {
        require(d1, d2);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("an F quantile needs 0 < p < 1, got " + p);
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, d1, d2) < p) {
            lo = hi;
            hi *= 2;
            if (hi > 1e300) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < 400; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (cdf(mid, d1, d2) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static void require(double d1, double d2) {
        if (!(d1 > 0) || !(d2 > 0) || Double.isInfinite(d1) || Double.isInfinite(d2)) {
            throw new IllegalArgumentException(
                    "the F distribution needs positive, finite degrees of freedom, got " + d1 + " and " + d2);
        }
    }
}
