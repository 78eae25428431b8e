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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The empirical ROC curve and its area of a continuous score against a binary truth, for independent units or units
 * clustered in patients, and the comparison of two correlated areas (two readers or two rules scoring the same units).
 *
 * <h2>Area</h2>
 * With diseased units X₁…X_{Nx} and non-diseased Y₁…Y_{Ny} (higher score = more suspicious), the empirical area is the
 * Mann–Whitney statistic A = (1/(Nx Ny)) Σ Σ ψ(Xₖ, Yₗ), ψ(x, y) = 1 if x &gt; y, ½ if x = y, 0 if x &lt; y (Bamber
 * 1975; Hanley &amp; McNeil 1982): the trapezoidal area under the empirical curve.
 *
 * <h2>Variance (structural components)</h2>
 * The placement values V₁₀(Xₖ) = (1/Ny) Σₗ ψ(Xₖ, Yₗ) and V₀₁(Yₗ) = (1/Nx) Σₖ ψ(Xₖ, Yₗ) are summed per cluster i to
 * V₁₀ᵢ and V₀₁ᵢ over its mᵢ diseased and nᵢ non-diseased units. Obuchowski (1997, Biometrics 53:567–578, "Nonparametric
 * analysis of clustered ROC curve data", §2) gives, for I clusters of which I₁₀ hold a diseased and I₀₁ a
 * non-diseased unit,
 *
 * <pre>
 *   S₁₀ = I₁₀ / ((I₁₀ − 1) Nx) · Σᵢ (V₁₀ᵢ − mᵢ A)²
 *   S₀₁ = I₀₁ / ((I₀₁ − 1) Ny) · Σᵢ (V₀₁ᵢ − nᵢ A)²
 *   S₁₁ = I / (I − 1) · Σᵢ (V₁₀ᵢ − mᵢ A)(V₀₁ᵢ − nᵢ A)
 *   var(A) = S₁₀/Nx + S₀₁/Ny + 2 S₁₁/(Nx Ny)
 * </pre>
 *
 * and for two scores t, u of the same units the covariance with the cross products of t's and u's residuals in
 * place of the squares (S₁₁ taken both ways: (S₁₁ᵗᵘ + S₁₁ᵘᵗ)/(Nx Ny)). When every unit is its own cluster, S₁₁ = 0 and
 * S₁₀, S₀₁ become the sample variances of the placement values: the variance and covariance of DeLong, DeLong &amp;
 * Clarke-Pearson (1988, Biometrics 44:837–845). {@link #independent} builds exactly that case, so one formula serves both.
 *
 * <p>The 95 % interval is A ± z₀.₉₇₅ √var(A) truncated to [0, 1]; the comparison's z = (A₁ − A₂)/√(var₁ + var₂ − 2 cov)
 * with a two-sided normal p-value.
 */
public final class EmpiricalRoc {

    /** One point of the empirical ROC curve: false-positive fraction, true-positive fraction, at score ≥ threshold. */
    public record Point(double threshold, double falsePositiveFraction, double truePositiveFraction) {}

    /** The comparison of two correlated areas: A₁ − A₂, its standard error, z and the two-sided p-value. */
    public record Comparison(
            double difference, double standardError, ConfidenceInterval interval, double z, double p) {}

    private final double[] score;
    private final boolean[] truth;
    private final int[] cluster;
    private final int clusters;
    private final int diseased;
    private final int healthy;

    private EmpiricalRoc(double[] score, boolean[] truth, int[] cluster) {
        if (score.length != truth.length || truth.length != cluster.length) {
            throw new IllegalArgumentException("score, truth and cluster differ in length");
        }
        int k = 0;
        int d = 0;
        for (int u = 0; u < score.length; u++) {
            if (!Double.isFinite(score[u])) {
                throw new IllegalArgumentException("unit " + u + " has no finite score: " + score[u]);
            }
            if (cluster[u] < 0) {
                throw new IllegalArgumentException("cluster ids start at 0, got " + cluster[u]);
            }
            k = Math.max(k, cluster[u] + 1);
            d += truth[u] ? 1 : 0;
        }
        this.score = score.clone();
        this.truth = truth.clone();
        this.cluster = cluster.clone();
        this.clusters = k;
        this.diseased = d;
        this.healthy = score.length - d;
    }

    /** Units in clusters {@code cluster[u]} (0 … K − 1): Obuchowski's clustered analysis. */
    public static EmpiricalRoc clustered(double[] score, boolean[] truth, int[] cluster) {
        return new EmpiricalRoc(score, truth, cluster);
    }

    /** Independent units: DeLong et al. (1988). */
    public static EmpiricalRoc independent(double[] score, boolean[] truth) {
        int[] cluster = new int[score.length];
        Arrays.setAll(cluster, u -> u);
        return new EmpiricalRoc(score, truth, cluster);
    }

    /** Nx, the diseased units. */
    public int diseased() {
        return diseased;
    }

    /** Ny, the non-diseased units. */
    public int healthy() {
        return healthy;
    }

    /** The Mann–Whitney area A; NaN without both diseased and non-diseased units. */
    public double auc() {
        return components().auc;
    }

    /** The standard error √var(A) of the class comment (clustered, or DeLong's for independent units). */
    public double standardError() {
        Components c = components();
        return Math.sqrt(covariance(c, c));
    }

    /** A ± z₀.₉₇₅ SE truncated to [0, 1]. */
    public ConfidenceInterval interval() {
        double a = auc();
        double se = standardError();
        if (!Double.isFinite(a) || !Double.isFinite(se)) {
            return ConfidenceInterval.NONE;
        }
        return new ConfidenceInterval(
                Math.max(0, a - ConfidenceInterval.Z_975 * se), Math.min(1, a + ConfidenceInterval.Z_975 * se));
    }

    /**
     * The comparison of this area with {@code other}'s, both scoring the same units (same truth and clusters): the
     * difference, its standard error from the covariance of the class comment, a 95 % interval, z and p.
     */
    public Comparison compare(EmpiricalRoc other) {
        if (!Arrays.equals(truth, other.truth) || !Arrays.equals(cluster, other.cluster)) {
            throw new IllegalArgumentException(
                    "two areas can be compared only on the same units with the same truth" + " and clusters");
        }
        Components a = components();
        Components b = other.components();
        double variance = covariance(a, a) + covariance(b, b) - 2 * covariance(a, b);
        double difference = a.auc - b.auc;
        double se = Math.sqrt(Math.max(0, variance));
        double z = difference / se;
        double p = Double.isFinite(z) ? StandardNormal.twoSidedP(z) : Double.NaN;
        return new Comparison(
                difference, se, ConfidenceInterval.around(difference, ConfidenceInterval.Z_975 * se), z, p);
    }

    /**
     * The empirical ROC curve from (0, 0) to (1, 1): one point per distinct score, calling "positive" a score ≥ that
     * threshold, in order of decreasing threshold (the first point, threshold +∞, is (0, 0)).
     */
    public List<Point> curve() {
        Integer[] order = new Integer[score.length];
        Arrays.setAll(order, u -> u);
        Arrays.sort(order, (p, q) -> Double.compare(score[q], score[p]));
        List<Point> points = new ArrayList<>();
        points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        int tp = 0;
        int fp = 0;
        for (int j = 0; j < order.length; j++) {
            int u = order[j];
            if (truth[u]) {
                tp++;
            } else {
                fp++;
            }
            if (j + 1 == order.length || score[order[j + 1]] != score[u]) {
                points.add(new Point(
                        score[u],
                        healthy == 0 ? Double.NaN : (double) fp / healthy,
                        diseased == 0 ? Double.NaN : (double) tp / diseased));
            }
        }
        return points;
    }

    /** Per-cluster placement sums and counts. */
    private record Components(double auc, double[] v10, double[] v01, int[] m, int[] n) {}

    private Components components() {
        double[] x = new double[diseased];
        double[] y = new double[healthy];
        int[] xc = new int[diseased];
        int[] yc = new int[healthy];
        int ix = 0;
        int iy = 0;
        for (int u = 0; u < score.length; u++) {
            if (truth[u]) {
                xc[ix] = cluster[u];
                x[ix++] = score[u];
            } else {
                yc[iy] = cluster[u];
                y[iy++] = score[u];
            }
        }
        double[] v10 = new double[clusters];
        double[] v01 = new double[clusters];
        int[] m = new int[clusters];
        int[] n = new int[clusters];
        if (diseased == 0 || healthy == 0) {
            return new Components(Double.NaN, v10, v01, m, n);
        }
        // Placements by ranks rather than all Nx·Ny pairs: ψ summed over Y for one x is #(Y < x) + ½ #(Y = x).
        double[] ys = y.clone();
        Arrays.sort(ys);
        double[] xs = x.clone();
        Arrays.sort(xs);
        double total = 0;
        for (int k = 0; k < diseased; k++) {
            double v = wins(ys, x[k]) / healthy;
            v10[xc[k]] += v;
            m[xc[k]]++;
            total += v;
        }
        for (int l = 0; l < healthy; l++) {
            // ψ(x, y) summed over X for one y: #(X > y) + ½ #(X = y)
            double v = (diseased - wins(xs, y[l])) / diseased;
            v01[yc[l]] += v;
            n[yc[l]]++;
        }
        return new Components(total / diseased, v10, v01, m, n);
    }

    /** #(sorted &lt; value) + ½ #(sorted = value). */
    private static double wins(double[] sorted, double value) {
        int below = lowerBound(sorted, value);
        int notAbove = upperBound(sorted, value);
        return below + 0.5 * (notAbove - below);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** cov(Aᵗ, Aᵘ) by Obuchowski's structural components (see the class comment); var when t = u. */
    private double covariance(Components t, Components u) {
        if (!Double.isFinite(t.auc) || !Double.isFinite(u.auc)) {
            return Double.NaN;
        }
        int i10 = 0;
        int i01 = 0;
        int all = 0;
        double s10 = 0;
        double s01 = 0;
        double s11tu = 0;
        double s11ut = 0;
        for (int i = 0; i < clusters; i++) {
            double r10t = t.v10[i] - t.m[i] * t.auc;
            double r10u = u.v10[i] - u.m[i] * u.auc;
            double r01t = t.v01[i] - t.n[i] * t.auc;
            double r01u = u.v01[i] - u.n[i] * u.auc;
            s10 += r10t * r10u;
            s01 += r01t * r01u;
            s11tu += r10t * r01u;
            s11ut += r10u * r01t;
            i10 += t.m[i] > 0 ? 1 : 0;
            i01 += t.n[i] > 0 ? 1 : 0;
            all += t.m[i] + t.n[i] > 0 ? 1 : 0;
        }
        if (i10 < 2 || i01 < 2) {
            return Double.NaN;
        }
        double nx = diseased;
        double ny = healthy;
        s10 *= i10 / ((i10 - 1.0) * nx);
        s01 *= i01 / ((i01 - 1.0) * ny);
        double s11 = (s11tu + s11ut) * all / (all - 1.0);
        return s10 / nx + s01 / ny + s11 / (nx * ny);
    }
}
