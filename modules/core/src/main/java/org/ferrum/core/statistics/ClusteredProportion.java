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
 * A proportion p̂ = Σ yᵢ / Σ mᵢ over units grouped in clusters (nodes within patients), with the variance of a ratio
 * estimator that respects the correlation of units within a cluster.
 *
 * <p>Cluster i (i = 1…K, counting only clusters with mᵢ &gt; 0 units in the denominator) contributes mᵢ units of which
 * yᵢ are "successes" (e.g. true positives among the diseased nodes of patient i). The estimator is the ratio
 * p̂ = Y/M with Y = Σ yᵢ, M = Σ mᵢ, and its variance by linearisation (Rao &amp; Scott 1992, Biometrics 48:577–585,
 * eq. 3; Obuchowski 1998, Academic Radiology 5:S567–S569, "On the comparison of correlated proportions for clustered
 * data"; the worked tutorial of Genders et al. 2012, Radiology 265:910–916):
 *
 * <pre>
 *   var(p̂) = K / (K − 1) · Σᵢ (yᵢ − p̂ mᵢ)² / M²
 * </pre>
 *
 * The 95 % interval is p̂ ± z₀.₉₇₅ √var(p̂), truncated to [0, 1] (normal approximation, as issue 20 fixes it). With one
 * unit per cluster, Σ (yᵢ − p̂)² = M p̂(1 − p̂) and the formula becomes p̂(1 − p̂)/(M − 1): the binomial variance with
 * the K/(K − 1) small-sample factor. The design effect var(p̂) / (p̂(1 − p̂)/M) says how much the clustering widens the
 * interval.
 *
 * <p>The Wilson score interval (Wilson 1927, JASA 22:209–212) is reported beside it for reference; it treats the M
 * units as independent and so is too narrow when units within a cluster are correlated. The headless JSON uses the
 * Rao–Scott interval.
 *
 * @param successes Y = Σ yᵢ
 * @param units M = Σ mᵢ, the denominator
 * @param clusters K, the clusters with at least one unit in the denominator
 * @param estimate p̂ = Y/M (NaN when M = 0)
 * @param standardError √var(p̂) by the ratio-estimator formula (NaN when K &lt; 2)
 * @param interval p̂ ± z₀.₉₇₅ SE truncated to [0, 1] ({@link ConfidenceInterval#NONE} when SE is not defined)
 * @param wilson the Wilson score 95 % interval, units taken as independent
 */
public record ClusteredProportion(
        long successes,
        long units,
        int clusters,
        double estimate,
        double standardError,
        ConfidenceInterval interval,
        ConfidenceInterval wilson) {

    /**
     * The proportion from per-cluster counts: {@code successes[i]} of {@code units[i]} in cluster i; clusters with no
     * unit are ignored (they carry no information on this proportion).
     *
     * @throws IllegalArgumentException if the arrays differ in length or a count is negative or successes exceed units
     */
    public static ClusteredProportion of(long[] successes, long[] units) {
        if (successes.length != units.length) {
            throw new IllegalArgumentException(
                    "successes and units per cluster differ in length: " + successes.length + " vs " + units.length);
        }
        long y = 0;
        long m = 0;
        int k = 0;
        for (int i = 0; i < units.length; i++) {
            if (units[i] < 0 || successes[i] < 0 || successes[i] > units[i]) {
                throw new IllegalArgumentException(
                        "cluster " + i + ": " + successes[i] + " successes of " + units[i] + " units is not a count");
            }
            y += successes[i];
            m += units[i];
            if (units[i] > 0) {
                k++;
            }
        }
        if (m == 0) {
            return new ClusteredProportion(
                    0, 0, 0, Double.NaN, Double.NaN, ConfidenceInterval.NONE, ConfidenceInterval.NONE);
        }
        double p = (double) y / m;
        double se = Double.NaN;
        if (k >= 2) {
            double sum = 0;
            for (int i = 0; i < units.length; i++) {
                double r = successes[i] - p * units[i];
                sum += r * r;
            }
            se = Math.sqrt((double) k / (k - 1) * sum) / m;
        }
        ConfidenceInterval ci = Double.isFinite(se)
                ? new ConfidenceInterval(
                        Math.max(0, p - ConfidenceInterval.Z_975 * se), Math.min(1, p + ConfidenceInterval.Z_975 * se))
                : ConfidenceInterval.NONE;
        return new ClusteredProportion(y, m, k, p, se, ci, wilson(y, m));
    }

    /** The proportion of independent units: each unit its own cluster (the binomial case). */
    public static ClusteredProportion independent(long successes, long units) {
        long[] y = new long[Math.toIntExact(units)];
        long[] m = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            m[i] = 1;
            y[i] = i < successes ? 1 : 0;
        }
        return of(y, m);
    }

    /**
     * The Wilson score interval for y of m independent trials at 95 %: (p̂ + z²/2m ± z √(p̂(1 − p̂)/m + z²/4m²)) /
     * (1 + z²/m).
     */
    public static ConfidenceInterval wilson(long y, long m) {
        if (m <= 0) {
            return ConfidenceInterval.NONE;
        }
        double z = ConfidenceInterval.Z_975;
        double p = (double) y / m;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * m);
        double half = z * Math.sqrt(p * (1 - p) / m + z2 / (4.0 * m * m));
        double denominator = 1 + z2 / m;
        return new ConfidenceInterval(
                Math.max(0, (centre - half) / denominator), Math.min(1, (centre + half) / denominator));
    }

    /**
     * The design effect: the ratio-estimator variance over the binomial variance p̂(1 − p̂)/M; 1 for independent units
     * up to the K/(K − 1) factor, larger when units within a cluster agree. NaN when either is not defined or zero.
     */
    public double designEffect() {
        double binomial = estimate * (1 - estimate) / units;
        return binomial > 0 ? standardError * standardError / binomial : Double.NaN;
    }
}
