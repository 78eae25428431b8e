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
 * Lin's concordance correlation coefficient: how far pairs (x, y) lie from the identity line y = x, combining precision
 * (Pearson r) and accuracy (location and scale shift). Lin LI, "A concordance correlation coefficient to evaluate
 * reproducibility", Biometrics 1989;45:255–268 (with the correction, Biometrics 2000;56:324–325).
 *
 * <p>Contract, for n pairs with means x̄, ȳ and moments with divisor n (as Lin's estimator) sx², sy², sxy:
 * ρc = 2·sxy / (sx² + sy² + (x̄ − ȳ)²); r = sxy / (sx·sy); the bias-correction factor Cb = ρc / r. The 95 % CI uses
 * Fisher's z = atanh(ρc) with Lin's asymptotic variance
 * σz² = 1/(n − 2)·[(1 − r²)ρc² / ((1 − ρc²)r²) + 2ρc³(1 − ρc)u² / (r(1 − ρc²)²) − ρc⁴u⁴ / (2r²(1 − ρc²)²)],
 * u = (x̄ − ȳ)/√(sx·sy), back-transformed with tanh: tanh(z ± z₀.₉₇₅·σz). The CI is NaN for n &lt; 3 and for |ρc| = 1.
 *
 * @param n        pairs used
 * @param ccc      ρc
 * @param pearson  r
 * @param ci       95 % CI of ρc
 */
public record ConcordanceCorrelation(int n, double ccc, double pearson, ConfidenceInterval ci) {

    /** Cb = ρc / r, the accuracy part (1: no location or scale shift). */
    public double biasCorrectionFactor() {
        return ccc / pearson;
    }

    /**
     * @throws IllegalArgumentException if lengths differ, n &lt; 2, or a value is not finite
     */
    public static ConcordanceCorrelation of(double[] x, double[] y) {
        PairedMoments m = PairedMoments.of(x, y, 2, "the concordance correlation");
        int n = m.n();
        double mx = m.meanX(), my = m.meanY();
        // Lin (1989) uses the moments divided by n
        double sxx = m.sxx() / n, syy = m.syy() / n, sxy = m.sxy() / n;
        double d = mx - my;
        double rc = 2 * sxy / (sxx + syy + d * d);
        double r = sxy / Math.sqrt(sxx * syy);
        ConfidenceInterval ci = ConfidenceInterval.NONE;
        if (n >= 3 && Math.abs(rc) < 1 && r != 0 && Double.isFinite(r)) {
            double u2 = d * d / Math.sqrt(sxx * syy);
            double one = 1 - rc * rc;
            double var = ((1 - r * r) * rc * rc / (one * r * r)
                            + 2 * rc * rc * rc * (1 - rc) * u2 / (r * one * one)
                            - rc * rc * rc * rc * u2 * u2 / (2 * r * r * one * one))
                    / (n - 2);
            if (var >= 0) {
                double z = 0.5 * Math.log((1 + rc) / (1 - rc));
                double h = ConfidenceInterval.Z_975 * Math.sqrt(var);
                ci = new ConfidenceInterval(Math.tanh(z - h), Math.tanh(z + h));
            }
        }
        return new ConcordanceCorrelation(n, rc, r, ci);
    }
}
