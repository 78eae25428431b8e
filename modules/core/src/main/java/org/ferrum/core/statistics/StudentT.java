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
 * Student's t distribution: the two-sided quantile used for confidence intervals of regression slopes.
 *
 * <p>Contract: {@link #cdf}(t, ν) = P(T ≤ t) for T with ν &gt; 0 degrees of freedom, through the regularized incomplete
 * beta function, P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 and symmetric for t &lt; 0 (Abramowitz M &amp; Stegun
 * IA, Handbook of Mathematical Functions, 1964, 26.7.1 with 26.5.27); I is evaluated by its continued fraction
 * (A&amp;S 26.5.8) and ln Γ by Lanczos' series (Lanczos C, SIAM J Numer Anal B 1964;1:86–96), accurate to about
 * 1e-12 relative. {@link #quantile} inverts the CDF by bisection to the last bit, so it agrees with tables
 * (t₀.₉₇₅,₁ = 12.706, t₀.₉₇₅,₁₀ = 2.228) to their printed digits.
 *
 * <p>No general statistics library is on the module path (JFreeChart's {@code Regression} gives only the line), so this
 * is the one place the charts get t quantiles from.
 */
public final class StudentT {

    private StudentT() {}

    /** P(T ≤ t) with {@code degreesOfFreedom} &gt; 0. */
    public static double cdf(double t, double degreesOfFreedom) {
        requireDegreesOfFreedom(degreesOfFreedom);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        double tail = 0.5 * regularizedIncompleteBeta(x, degreesOfFreedom / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The t with P(T ≤ t) = p, for 0 &lt; p &lt; 1; e.g. p = 0.975 for a two-sided 95 % interval. */
    public static double quantile(double p, double degreesOfFreedom) {
        requireDegreesOfFreedom(degreesOfFreedom);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a t quantile needs 0 < p < 1, got " + p);
        }
        if (p < 0.5) {
            return -quantile(1 - p, degreesOfFreedom);
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, degreesOfFreedom) < p) {
            lo = hi;
            hi *= 2;
        }
        // bisection: the CDF is monotone, 200 halvings reach adjacent doubles for any bracket found above
        for (int i = 0; i < 200 && lo < hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (cdf(mid, degreesOfFreedom) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static void requireDegreesOfFreedom(double nu) {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("degrees of freedom must be a positive number, got " + nu);
        }
    }

    /** I_x(a, b) for 0 ≤ x ≤ 1, a, b &gt; 0. */
    static double regularizedIncompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
        // the continued fraction converges fast for x < (a+1)/(a+b+2); otherwise use I_x(a,b) = 1 − I_{1−x}(b,a)
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(logFront) * continuedFraction(x, a, b) / a;
        }
        return 1 - Math.exp(logFront) * continuedFraction(1 - x, b, a) / b;
    }

    /** The continued fraction of A&amp;S 26.5.8, evaluated by the modified Lentz method. */
    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + even / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            f *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + odd / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double step = d * c;
            f *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return f;
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** Lanczos coefficients for g = 7, n = 9. */
    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    /** ln Γ(z) for z &gt; 0. */
    static double logGamma(double z) {
        if (z < 0.5) {
            // reflection: Γ(z)Γ(1−z) = π / sin(πz)
            return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
        }
        double zz = z - 1;
        double sum = LANCZOS[0];
        double t = zz + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (zz + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
