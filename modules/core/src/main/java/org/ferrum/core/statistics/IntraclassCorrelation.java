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
 * Intraclass correlation of n targets each measured by the same k methods (raters), from the two-way ANOVA without
 * replication (Shrout PE &amp; Fleiss JL, "Intraclass correlations: uses in assessing rater reliability", Psychol Bull
 * 1979;86:420–428; McGraw KO &amp; Wong SP, "Forming inferences about some intraclass correlation coefficients", Psychol
 * Methods 1996;1:30–46).
 *
 * <p>Contract, with the mean squares of rows (targets) MSR, columns (methods) MSC and error MSE:
 * <ul>
 * <li>{@link #agreement} = ICC(2,1) of Shrout &amp; Fleiss = ICC(A,1) of McGraw &amp; Wong, absolute agreement of single
 * measurements: (MSR − MSE) / (MSR + (k − 1)MSE + k(MSC − MSE)/n). A systematic difference between the methods lowers
 * it; this is the one to report when the methods should give the same number (LIC from QSM and from R2*).
 * Its 95 % CI is McGraw &amp; Wong's (Table 7, case 2A) with Satterthwaite's degrees of freedom v.</li>
 * <li>{@link #consistency} = ICC(3,1) = ICC(C,1), consistency: (MSR − MSE) / (MSR + (k − 1)MSE), blind to a constant
 * offset between methods; CI from F = MSR/MSE with (n − 1, (n − 1)(k − 1)) degrees of freedom.</li>
 * </ul>
 * Checked against Shrout &amp; Fleiss's Table 2 data (6 targets, 4 judges: ICC(2,1) = 0.29, ICC(3,1) = 0.71).
 *
 * @param n                targets
 * @param k                methods
 * @param agreement        ICC(2,1) = ICC(A,1), absolute agreement
 * @param agreementCi      its 95 % CI
 * @param consistency      ICC(3,1) = ICC(C,1), consistency
 * @param consistencyCi    its 95 % CI
 * @param msRows           MSR
 * @param msColumns        MSC
 * @param msError          MSE
 */
public record IntraclassCorrelation(
        int n,
        int k,
        double agreement,
        ConfidenceInterval agreementCi,
        double consistency,
        ConfidenceInterval consistencyCi,
        double msRows,
        double msColumns,
        double msError) {

    /** Two methods: ICC of the pairs (xᵢ, yᵢ). */
    public static IntraclassCorrelation ofPairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("one y per x: got " + x.length + " x and " + y.length + " y");
        }
        double[][] m = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            m[i] = new double[] {x[i], y[i]};
        }
        return of(m);
    }

    /**
     * @param ratings ratings[target][method], n ≥ 2 rows of k ≥ 2 finite values each
     * @throws IllegalArgumentException on fewer than 2 targets or methods, ragged rows or non-finite values
     */
    public static IntraclassCorrelation of(double[][] ratings) {
        int n = ratings.length;
        if (n < 2) {
            throw new IllegalArgumentException("an ICC needs at least 2 targets, got " + n);
        }
        int k = ratings[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("an ICC needs at least 2 methods, got " + k);
        }
        double grand = 0;
        double[] rowMean = new double[n], colMean = new double[k];
        for (int i = 0; i < n; i++) {
            if (ratings[i].length != k) {
                throw new IllegalArgumentException("target " + i + " has " + ratings[i].length + " ratings, not " + k);
            }
            for (int j = 0; j < k; j++) {
                double v = ratings[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "rating of target " + i + " by method " + j + " is not finite: " + v);
                }
                rowMean[i] += v;
                colMean[j] += v;
                grand += v;
            }
        }
        grand /= (double) n * k;
        double ssr = 0, ssc = 0, sst = 0;
        for (int i = 0; i < n; i++) {
            rowMean[i] /= k;
            ssr += (rowMean[i] - grand) * (rowMean[i] - grand);
        }
        for (int j = 0; j < k; j++) {
            colMean[j] /= n;
            ssc += (colMean[j] - grand) * (colMean[j] - grand);
        }
        for (double[] row : ratings) {
            for (double v : row) {
                sst += (v - grand) * (v - grand);
            }
        }
        ssr *= k;
        ssc *= n;
        double sse = sst - ssr - ssc;
        double msr = ssr / (n - 1), msc = ssc / (k - 1), mse = sse / ((double) (n - 1) * (k - 1));
        double icca = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n);
        double iccc = (msr - mse) / (msr + (k - 1) * mse);
        return new IntraclassCorrelation(
                n, k, icca, agreementCi(n, k, icca, msr, msc, mse), iccc, consistencyCi(n, k, msr, mse), msr, msc, mse);
    }

    private static ConfidenceInterval consistencyCi(int n, int k, double msr, double mse) {
        double df1 = n - 1, df2 = (double) (n - 1) * (k - 1);
        double fObs = msr / mse;
        if (!(mse > 0) || !Double.isFinite(fObs)) {
            return ConfidenceInterval.NONE;
        }
        double fl = fObs / FisherF.quantile(0.975, df1, df2);
        double fu = fObs * FisherF.quantile(0.975, df2, df1);
        return new ConfidenceInterval((fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1));
    }

    private static ConfidenceInterval agreementCi(int n, int k, double icc, double msr, double msc, double mse) {
        if (!(mse > 0) || !Double.isFinite(icc) || icc >= 1) {
            return ConfidenceInterval.NONE;
        }
        double a = k * icc / (n * (1 - icc));
        double b = 1 + k * icc * (n - 1) / (n * (1 - icc));
        double num = (a * msc + b * mse) * (a * msc + b * mse);
        double den = (a * msc) * (a * msc) / (k - 1) + (b * mse) * (b * mse) / ((double) (n - 1) * (k - 1));
        double v = num / den;
        if (!(v > 0) || !Double.isFinite(v)) {
            return ConfidenceInterval.NONE;
        }
        double fStar = FisherF.quantile(0.975, n - 1, v);
        double fStarInv = FisherF.quantile(0.975, v, n - 1);
        double c = k * msc + (k * n - k - n) * mse;
        double lower = n * (msr - fStar * mse) / (fStar * c + n * msr);
        double upper = n * (fStarInv * msr - mse) / (c + n * fStarInv * msr);
        return new ConfidenceInterval(lower, upper);
    }
}
