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
 * The standard normal distribution: Φ and its upper tail, for z tests (e.g. κ / ASE₀ in {@link CohenKappa}).
 *
 * <p>Contract: {@link #cdf}(z) = Φ(z) = ½·erfc(−z/√2) and {@link #twoSidedP}(z) = P(|Z| ≥ |z|) = erfc(|z|/√2), both
 * to about 1e-14 relative, in the far tail too (no 1 − Φ cancellation). erfc is evaluated from the series of
 * Abramowitz &amp; Stegun 7.1.6 (all terms positive) for x &lt; 1.5 and from Laplace's continued fraction (A&amp;S 7.1.14),
 * evaluated backwards at a fixed depth of 200, for x ≥ 1.5 (both within 1e-15 relative of the exact value there; the
 * series alone would lose 1e-11 at x = 3 to the subtraction 1 − erf).
 */
public final class StandardNormal {

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private StandardNormal() {}

    /** Φ(z) = P(Z ≤ z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The two-sided p-value of a z statistic, P(|Z| ≥ |z|); NaN for NaN. */
    public static double twoSidedP(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** The complementary error function erfc(x) = 1 − erf(x). */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 1.5) {
            // A&S 7.1.6: erf x = 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)); terms shrink once 2x² < 2n+1
            double term = x;
            double sum = x;
            for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / SQRT_PI * Math.exp(-x * x) * sum;
        }
        if (x > 27) {
            return 0; // below the smallest double
        }
        // A&S 7.1.14: erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))); at x ≥ 1.5, 200 levels
        // are past convergence in double precision
        double k = x;
        for (int n = 200; n >= 1; n--) {
            k = x + 0.5 * n / k;
        }
        return Math.exp(-x * x) / (SQRT_PI * k);
    }
}
