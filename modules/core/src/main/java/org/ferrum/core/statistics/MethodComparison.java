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
 * Everything Ferrum reports when two maps of one quantity are compared over the same voxels (e.g. LIC from QSM, a,
 * against LIC from R2*, b): the Bland–Altman bias and limits of agreement with their CIs, the Deming line of a on b
 * (error ratio δ) with jackknife CIs, Lin's concordance correlation and the ICC(2,1) of absolute agreement.
 *
 * <p>Contract: only pairs where both values are finite are used ({@link #n}); the others are counted in
 * {@link #leftOut}. A statistic that cannot be computed from the pairs (too few, no spread) is null, never a made-up
 * number: Deming needs n ≥ 3 and a covariance, the concordance and the ICC need n ≥ 2 and some spread.
 *
 * @param n           pairs used
 * @param leftOut     pairs left out because a value was NaN or infinite
 * @param blandAltman of a − b
 * @param deming      a (y) on b (x), or null
 * @param concordance Lin's ρc, or null
 * @param icc         intraclass correlations, or null
 */
public record MethodComparison(
        int n,
        int leftOut,
        BlandAltman blandAltman,
        DemingRegression deming,
        ConcordanceCorrelation concordance,
        IntraclassCorrelation icc) {

    /** Compares {@code a} with {@code b} (paired by index) with Deming error ratio {@code delta}. */
    public static MethodComparison of(float[] a, float[] b, double delta) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired values need equal lengths, got " + a.length + " and " + b.length);
        }
        double[] x = new double[a.length], y = new double[a.length];
        float[] d = new float[a.length];
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                y[n] = a[i];
                x[n] = b[i];
                d[n] = a[i] - b[i];
                n++;
            }
        }
        x = java.util.Arrays.copyOf(x, n);
        y = java.util.Arrays.copyOf(y, n);
        BlandAltman ba = BlandAltman.ofDifferences(java.util.Arrays.copyOf(d, n));
        DemingRegression deming = null;
        ConcordanceCorrelation ccc = null;
        IntraclassCorrelation icc = null;
        try {
            deming = n >= 3 ? DemingRegression.fit(x, y, delta) : null;
        } catch (IllegalArgumentException noLine) {
            deming = null;
        }
        if (n >= 2) {
            ConcordanceCorrelation c = ConcordanceCorrelation.of(x, y);
            ccc = Double.isFinite(c.ccc()) ? c : null;
            IntraclassCorrelation i = IntraclassCorrelation.ofPairs(y, x);
            icc = Double.isFinite(i.agreement()) ? i : null;
        }
        return new MethodComparison(n, a.length - n, ba, deming, ccc, icc);
    }
}
