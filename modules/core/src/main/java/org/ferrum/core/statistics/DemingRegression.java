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
 * Deming regression of y on x, both measured with error: the line method comparison uses when neither method is the
 * reference (Deming WE, Statistical Adjustment of Data, 1943; Cornbleet PJ &amp; Gochman N, Clin Chem 1979;25:432–438).
 *
 * <p>Contract, for n pairs with means x̄, ȳ and Sxx = Σ(xᵢ − x̄)², Syy = Σ(yᵢ − ȳ)², Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ), and the
 * error ratio δ = Var(error of y) / Var(error of x) (δ = 1: both methods equally precise, the orthogonal fit):
 * slope b = [Syy − δ·Sxx + √((Syy − δ·Sxx)² + 4δ·Sxy²)] / (2·Sxy); intercept a = ȳ − b·x̄. As δ → ∞ b tends to the
 * least-squares slope of y on x, as δ → 0 to the inverse of x on y.
 *
 * <p>Confidence intervals by the jackknife (Linnet K, "Evaluation of regression procedures for methods comparison
 * studies", Clin Chem 1993;39:424–432): the fit is repeated leaving out each pair in turn (θ₋ᵢ), the pseudo-values are
 * θᵢ* = n·θ − (n − 1)·θ₋ᵢ, SE(θ) = √(Σ(θᵢ* − θ̄*)² / (n(n − 1))), and the 95 % CI is θ ± t₀.₉₇₅,ₙ₋₂·SE. Each leave-one-out
 * fit is updated from the sums in O(1), so a whole ROI of voxels costs O(n). With n &lt; 3, Sxy = 0 or a non-finite
 * value the fit is refused.
 *
 * @param n             pairs used
 * @param errorRatio    δ
 * @param slope         b
 * @param intercept     a, in y-units
 * @param slopeSe       jackknife SE of b
 * @param interceptSe   jackknife SE of a
 * @param slopeCi       95 % CI of b
 * @param interceptCi   95 % CI of a
 */
public record DemingRegression(
        int n,
        double errorRatio,
        double slope,
        double intercept,
        double slopeSe,
        double interceptSe,
        ConfidenceInterval slopeCi,
        ConfidenceInterval interceptCi) {

    /** Deming regression with error ratio δ = 1. */
    public static DemingRegression fit(double[] x, double[] y) {
        return fit(x, y, 1);
    }

    /**
     * Fits the line with error ratio {@code delta} = Var(error of y) / Var(error of x).
     *
     * @throws IllegalArgumentException if lengths differ, n &lt; 3, a value is not finite, δ is not positive, or the
     *                                  data have no covariance (Sxy = 0: no line can be chosen)
     */
    public static DemingRegression fit(double[] x, double[] y, double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("the error ratio must be a positive number, got " + delta);
        }
        PairedMoments m = PairedMoments.of(x, y, 3, "Deming regression");
        int n = m.n();
        double mx = m.meanX(), my = m.meanY(), sxx = m.sxx(), syy = m.syy(), sxy = m.sxy();
        if (sxy == 0) {
            throw new IllegalArgumentException("the pairs have no covariance (Sxy = 0): no Deming line");
        }
        double b = slope(sxx, syy, sxy, delta);
        double a = my - b * mx;
        // jackknife: remove pair i from the centred sums exactly (Welford's downdate)
        double f = n / (double) (n - 1);
        double sumB = 0, sumA = 0, sumB2 = 0, sumA2 = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            double bi = slope(sxx - f * dx * dx, syy - f * dy * dy, sxy - f * dx * dy, delta);
            double mxi = (n * mx - x[i]) / (n - 1), myi = (n * my - y[i]) / (n - 1);
            double ai = myi - bi * mxi;
            double pb = n * b - (n - 1) * bi, pa = n * a - (n - 1) * ai;
            sumB += pb;
            sumA += pa;
            sumB2 += pb * pb;
            sumA2 += pa * pa;
        }
        double seB = Math.sqrt(Math.max(0, sumB2 - sumB * sumB / n) / ((double) n * (n - 1)));
        double seA = Math.sqrt(Math.max(0, sumA2 - sumA * sumA / n) / ((double) n * (n - 1)));
        double t = StudentT.quantile(0.975, n - 2);
        return new DemingRegression(
                n, delta, b, a, seB, seA, ConfidenceInterval.around(b, t * seB), ConfidenceInterval.around(a, t * seA));
    }

    static double slope(double sxx, double syy, double sxy, double delta) {
        double u = syy - delta * sxx;
        return (u + Math.sqrt(u * u + 4 * delta * sxy * sxy)) / (2 * sxy);
    }
}
