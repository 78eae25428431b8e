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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The agreement statistics of the comparison view against published worked examples and analytic cases: Bland &amp;
 * Altman's PEFR data (Lancet 1986), Shrout &amp; Fleiss's Table 2 (1979), Lin's CCC on data with a known shift and
 * scale, Deming on exact lines and on noisy data with a known error ratio.
 */
class MethodAgreementStatisticsTest {

    // Bland & Altman, Lancet 1986;1:307–310, Table 1: PEFR (l/min) by the Wright meter and the mini Wright meter, first
    // reading of each of 17 subjects
    static final float[] WRIGHT = {494, 395, 516, 434, 476, 557, 413, 442, 650, 433, 417, 656, 267, 478, 178, 423, 427};
    static final float[] MINI = {512, 430, 520, 428, 500, 600, 364, 380, 658, 445, 432, 626, 260, 477, 259, 350, 451};

    @Test
    void blandAltmanConfidenceIntervalsMatchThePublishedPefrExample() {
        BlandAltman ba = BlandAltman.of(WRIGHT, MINI);
        // published: mean difference −2.1, SD 38.8, SE of the mean difference 9.4, 95 % CI −22.0 to 17.8 (t₁₆ = 2.12),
        // SE of the limits √(3s²/n) = 16.3
        assertEquals(17, ba.n());
        assertEquals(-2.1, ba.bias(), 0.05);
        assertEquals(38.8, ba.sd(), 0.05);
        assertEquals(9.4, ba.biasSe(), 0.05);
        assertEquals(-22.0, ba.biasCi().lower(), 0.1);
        assertEquals(17.8, ba.biasCi().upper(), 0.1);
        assertEquals(16.3, ba.limitSe(), 0.05);
        // the paper's limits are d ± 2s with CI ± 2.12 × 16.3 = ± 34.5; ours are d ± 1.96 s with the same half-width
        assertEquals(34.5, ba.lowerLimit() - ba.lowerLimitCi().lower(), 0.1);
        assertEquals(34.5, ba.upperLimitCi().upper() - ba.upperLimit(), 0.1);
        assertEquals(
                ba.lowerLimitCi().upper() - ba.lowerLimitCi().lower(),
                ba.upperLimitCi().upper() - ba.upperLimitCi().lower(),
                1e-9);
    }

    @Test
    void blandAltmanCisNeedTwoPairs() {
        assertFalse(BlandAltman.of(new float[] {2}, new float[] {1}).biasCi().defined());
        assertFalse(
                BlandAltman.of(new float[] {2}, new float[] {1}).upperLimitCi().defined());
    }

    // Shrout & Fleiss 1979, Table 2: 6 targets rated by 4 judges
    static final double[][] SHROUT_FLEISS = {
        {9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}
    };

    @Test
    void iccMatchesShroutAndFleissTable() {
        IntraclassCorrelation icc = IntraclassCorrelation.of(SHROUT_FLEISS);
        // published (Table 4 of the paper): ICC(2,1) = .29, ICC(3,1) = .71; the mean squares of Table 3: BMS 11.24,
        // JMS 32.49, EMS 1.02
        assertEquals(0.29, icc.agreement(), 0.005);
        assertEquals(0.71, icc.consistency(), 0.005);
        assertEquals(11.24, icc.msRows(), 0.005);
        assertEquals(32.49, icc.msColumns(), 0.005);
        assertEquals(1.02, icc.msError(), 0.005);
        // 95 % CIs as printed for these data by R's psych::ICC (McGraw & Wong's formulas): ICC2 0.02 to 0.76,
        // ICC3 0.34 to 0.95
        assertEquals(0.02, icc.agreementCi().lower(), 0.005);
        assertEquals(0.76, icc.agreementCi().upper(), 0.005);
        assertEquals(0.34, icc.consistencyCi().lower(), 0.005);
        assertEquals(0.95, icc.consistencyCi().upper(), 0.005);
    }

    @Test
    void iccOfAConstantOffsetIsPerfectConsistencyButNotAgreement() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + 2;
        }
        IntraclassCorrelation icc = IntraclassCorrelation.ofPairs(x, y);
        assertEquals(1.0, icc.consistency(), 1e-12);
        // MSE = 0, MSR = 2·var(x) = 12, MSC = n·2²/2 = 16: ICC(A,1) = 12 / (12 + 2·16/8) = 0.75
        assertEquals(0.75, icc.agreement(), 1e-12);
    }

    @Test
    void fQuantilesMatchTables() {
        // F₀.₉₇₅(5, 15) = 3.576, F₀.₉₇₅(15, 5) = 6.428, F₀.₉₅(1, 10) = 4.965 = t₀.₉₇₅,₁₀²
        assertEquals(3.576, FisherF.quantile(0.975, 5, 15), 0.001);
        assertEquals(6.428, FisherF.quantile(0.975, 15, 5), 0.001);
        assertEquals(Math.pow(StudentT.quantile(0.975, 10), 2), FisherF.quantile(0.95, 1, 10), 1e-9);
    }

    @Test
    void linCccOfAShiftAndOfAScaleIsTheClosedForm() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] shifted = new double[10], scaled = new double[10];
        for (int i = 0; i < 10; i++) {
            shifted[i] = x[i] + 1;
            scaled[i] = 2 * x[i];
        }
        // moments with divisor n: s² = 8.25; shift by 1: ρc = 2·8.25 / (2·8.25 + 1) = 16.5/17.5
        ConcordanceCorrelation c1 = ConcordanceCorrelation.of(x, shifted);
        assertEquals(16.5 / 17.5, c1.ccc(), 1e-12);
        assertEquals(1.0, c1.pearson(), 1e-12);
        // ×2: sxy = 16.5, sy² = 33, (x̄ − ȳ)² = 5.5² = 30.25: ρc = 33 / (8.25 + 33 + 30.25) = 33/71.5
        ConcordanceCorrelation c2 = ConcordanceCorrelation.of(x, scaled);
        assertEquals(33 / 71.5, c2.ccc(), 1e-12);
        assertEquals(33 / 71.5, c2.biasCorrectionFactor(), 1e-12);
        // identical: 1, and no CI (z is infinite)
        assertEquals(1.0, ConcordanceCorrelation.of(x, x).ccc(), 1e-12);
        assertFalse(ConcordanceCorrelation.of(x, x).ci().defined());
    }

    @Test
    void linCccCiCoversTheTrueValueAboutNinetyFivePercentOfTheTime() {
        // x ~ N(0, 1), y = 0.2 + 0.9x + N(0, 0.5²): true ρc = 2·0.9 / (1 + 1.06 + 0.04) = 1.8/2.1
        double truth = 1.8 / 2.1;
        Random r = new Random(15);
        int covered = 0, runs = 2000, n = 60;
        for (int run = 0; run < runs; run++) {
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextGaussian();
                y[i] = 0.2 + 0.9 * x[i] + 0.5 * r.nextGaussian();
            }
            if (ConcordanceCorrelation.of(x, y).ci().contains(truth)) {
                covered++;
            }
        }
        double coverage = covered / (double) runs;
        assertTrue(coverage > 0.925 && coverage < 0.97, "coverage " + coverage);
    }

    @Test
    void demingOnAnExactLineIsThatLine() {
        double[] x = {1, 2, 3, 5, 8, 13};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 2 + 1.5 * x[i];
        }
        DemingRegression d = DemingRegression.fit(x, y);
        assertEquals(1.5, d.slope(), 1e-12);
        assertEquals(2.0, d.intercept(), 1e-12);
        assertEquals(0.0, d.slopeSe(), 1e-6);
        assertEquals(1.0, d.errorRatio(), 0);
    }

    @Test
    void demingTendsToTheLeastSquaresLinesAtExtremeErrorRatios() {
        double[] x = {1, 2, 3, 4, 5, 6, 7};
        double[] y = {1.3, 1.9, 3.4, 3.8, 5.6, 5.7, 7.4};
        LeastSquaresLine yOnX = LeastSquaresLine.fit(x, y);
        LeastSquaresLine xOnY = LeastSquaresLine.fit(y, x);
        assertEquals(yOnX.slope(), DemingRegression.fit(x, y, 1e9).slope(), 1e-6);
        assertEquals(1 / xOnY.slope(), DemingRegression.fit(x, y, 1e-9).slope(), 1e-6);
        // δ = 1 is symmetric: x on y is the inverse line
        assertEquals(
                1 / DemingRegression.fit(y, x).slope(),
                DemingRegression.fit(x, y).slope(),
                1e-12);
    }

    @Test
    void demingWithTheTrueErrorRatioRecoversTheSlopeThatLeastSquaresAttenuates() {
        // true x uniform on 0…10; x measured with σ = 0.5, y = 1 + 1.5·x with σ = 1: δ = 1²/0.5² = 4. Over 400 samples
        // of
        // 200 pairs the jackknife 95 % CIs cover the true slope and intercept about 95 % of the time, the mean Deming
        // slope is 1.5, and least squares is attenuated by the reliability 8.33 / (8.33 + 0.25) to about 1.456
        Random r = new Random(1993);
        int runs = 400, n = 200, slopeCovered = 0, interceptCovered = 0;
        double meanDeming = 0, meanLeastSquares = 0;
        for (int run = 0; run < runs; run++) {
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                double t = 10 * r.nextDouble();
                x[i] = t + 0.5 * r.nextGaussian();
                y[i] = 1 + 1.5 * t + r.nextGaussian();
            }
            DemingRegression d = DemingRegression.fit(x, y, 4);
            slopeCovered += d.slopeCi().contains(1.5) ? 1 : 0;
            interceptCovered += d.interceptCi().contains(1.0) ? 1 : 0;
            meanDeming += d.slope() / runs;
            meanLeastSquares += LeastSquaresLine.fit(x, y).slope() / runs;
        }
        assertTrue(slopeCovered > 0.92 * runs && slopeCovered < 0.98 * runs, "slope CI coverage " + slopeCovered);
        assertTrue(
                interceptCovered > 0.92 * runs && interceptCovered < 0.98 * runs,
                "intercept coverage " + interceptCovered);
        assertEquals(1.5, meanDeming, 0.005);
        assertEquals(1.456, meanLeastSquares, 0.005);
    }

    @Test
    void jackknifeDowndateEqualsRefittingWithoutEachPair() {
        double[] x = {1.1, 2.3, 2.9, 4.2, 5.1, 5.8, 7.4, 8.0};
        double[] y = {2.0, 3.1, 4.4, 5.2, 7.5, 7.9, 10.6, 11.0};
        DemingRegression d = DemingRegression.fit(x, y, 2);
        int n = x.length;
        double[] pb = new double[n], pa = new double[n];
        for (int i = 0; i < n; i++) {
            double[] xi = new double[n - 1], yi = new double[n - 1];
            for (int j = 0, m = 0; j < n; j++) {
                if (j != i) {
                    xi[m] = x[j];
                    yi[m++] = y[j];
                }
            }
            DemingRegression without = DemingRegression.fit(xi, yi, 2);
            pb[i] = n * d.slope() - (n - 1) * without.slope();
            pa[i] = n * d.intercept() - (n - 1) * without.intercept();
        }
        assertEquals(se(pb), d.slopeSe(), 1e-10);
        assertEquals(se(pa), d.interceptSe(), 1e-10);
        double t = StudentT.quantile(0.975, n - 2);
        assertEquals(d.slope() - t * d.slopeSe(), d.slopeCi().lower(), 1e-12);
    }

    private static double se(double[] pseudo) {
        double m = 0;
        for (double p : pseudo) {
            m += p;
        }
        m /= pseudo.length;
        double s = 0;
        for (double p : pseudo) {
            s += (p - m) * (p - m);
        }
        return Math.sqrt(s / (pseudo.length * (pseudo.length - 1.0)));
    }

    @Test
    void demingRefusesTooFewPairsAndNoCovariance() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> DemingRegression.fit(new double[] {1, 2}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("at least 3 pairs"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> DemingRegression.fit(new double[] {1, 2, 3}, new double[] {5, 5, 5}));
    }

    @Test
    void methodComparisonLeavesOutNonFinitePairsAndSaysSo() {
        float[] a = {1, 2, 3, 4, Float.NaN, 6, Float.POSITIVE_INFINITY};
        float[] b = {1.1f, 2.2f, 2.9f, 4.1f, 5, Float.NaN, 7};
        MethodComparison m = MethodComparison.of(a, b, 1);
        assertEquals(4, m.n());
        assertEquals(3, m.leftOut());
        assertEquals(4, m.blandAltman().n());
        assertEquals(4, m.deming().n());
        assertEquals(4, m.concordance().n());
        assertEquals(4, m.icc().n());
        MethodComparison two = MethodComparison.of(new float[] {1, 2}, new float[] {1, 2.5f}, 1);
        assertNull(two.deming());
    }
}
