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
 * A straight line y = a + b·x fitted by ordinary least squares, with the statistics a chart legend reports.
 *
 * <p>Contract, for n pairs (xᵢ, yᵢ) with x̄, ȳ their means, Sxx = Σ(xᵢ − x̄)², Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ),
 * Syy = Σ(yᵢ − ȳ)²: slope b = Sxy / Sxx; intercept a = ȳ − b·x̄; residual variance s² = RSS / (n − 2) with
 * RSS = Syy − b·Sxy; SE(b) = s / √Sxx; SE(a) = s·√(1/n + x̄²/Sxx); R² = 1 − RSS / Syy (NaN if Syy = 0); the 95 %
 * confidence interval of the slope is b ± t₀.₉₇₅,ₙ₋₂ · SE(b) ({@link StudentT}). With n = 2 the line is exact and the
 * standard errors and interval are NaN. (Standard simple regression, e.g. Altman DG, Practical Statistics for Medical
 * Research, 1991, ch. 11.)
 *
 * <p>One predictor, beside {@code org.ferrum.liver.iron.IronBalanceRegression}'s two (iron intake and chelator dose):
 * the charts' line per chelator-dose group and the study's annual LIC change (LIC against time) both use it.
 *
 * @param n               pairs used
 * @param slope           b, in y-units per x-unit
 * @param intercept       a, in y-units
 * @param slopeSe         standard error of b
 * @param interceptSe     standard error of a
 * @param rSquared        coefficient of determination
 * @param slopeCiLower    lower end of the 95 % CI of b
 * @param slopeCiUpper    upper end of the 95 % CI of b
 */
public record LeastSquaresLine(
        int n,
        double slope,
        double intercept,
        double slopeSe,
        double interceptSe,
        double rSquared,
        double slopeCiLower,
        double slopeCiUpper) {

    /** Two-sided confidence level of {@link #slopeCiLower}/{@link #slopeCiUpper}. */
    public static final double CONFIDENCE = 0.95;

    /**
     * Fits the line.
     *
     * @throws IllegalArgumentException if the lengths differ, n &lt; 2, a value is not finite, or all x are equal
     */
    public static LeastSquaresLine fit(double[] x, double[] y) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("one y per x: got " + n + " x and " + y.length + " y");
        }
        if (n < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException(
                        "point " + (i + 1) + " is not a pair of finite numbers: (" + x[i] + ", " + y[i] + ")");
            }
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException(
                    "all " + n + " points have the same x = " + mx + ": no slope can be fitted");
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double rss = Math.max(0, syy - b * sxy);
        double nan = Double.NaN;
        double s2 = n > 2 ? rss / (n - 2) : nan;
        double seB = Math.sqrt(s2 / sxx);
        double seA = Math.sqrt(s2 * (1.0 / n + mx * mx / sxx));
        double t = n > 2 ? StudentT.quantile(0.5 + CONFIDENCE / 2, n - 2) : nan;
        double r2 = syy > 0 ? 1 - rss / syy : nan;
        return new LeastSquaresLine(n, b, a, seB, seA, r2, b - t * seB, b + t * seB);
    }

    /** a + b·x. */
    public double at(double x) {
        return intercept + slope * x;
    }
}
