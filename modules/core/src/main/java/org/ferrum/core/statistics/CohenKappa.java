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

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Cohen's kappa for two raters on k nominal or ordered categories, unweighted or weighted, with its large-sample
 * standard errors.
 *
 * <p><b>Estimate.</b> From the k × k table of counts nᵢⱼ (rater 1 in row i, rater 2 in column j, n items) with
 * proportions pᵢⱼ = nᵢⱼ/n and margins pᵢ., p.ⱼ, and agreement weights wᵢⱼ (wᵢᵢ = 1, 0 ≤ wᵢⱼ ≤ 1):
 * p_o = Σ wᵢⱼ pᵢⱼ, p_e = Σ wᵢⱼ pᵢ. p.ⱼ and κ = (p_o − p_e)/(1 − p_e) (Cohen J, Educ Psychol Meas 1960;20:37–46;
 * weighted: Cohen J, Psychol Bull 1968;70:213–220). The weights are {@link Weights}: none (identity), linear
 * (Cicchetti DV &amp; Allison T, Am J EEG Technol 1971;11:101–109) or quadratic (Fleiss JL &amp; Cohen J, Educ Psychol
 * Meas 1973;33:613–619), computed from the category <em>values</em> as scores, wᵢⱼ = 1 − |cᵢ − cⱼ|/(c_max − c_min)
 * or 1 − (cᵢ − cⱼ)²/(c_max − c_min)², so that a value nobody used still counts in the distance between the others
 * (SAS PROC FREQ's default, SCORES=TABLE; with categories 1…k it is the usual 1 − |i − j|/(k − 1)).
 *
 * <p><b>Standard errors</b> (Fleiss JL, Cohen J &amp; Everitt BS, Psychol Bull 1969;72:323–327, as printed in the SAS
 * PROC FREQ documentation, "Tests and Measures of Agreement"), with w̄ᵢ. = Σⱼ wᵢⱼ p.ⱼ and w̄.ⱼ = Σᵢ wᵢⱼ pᵢ.:
 * <ul>
 * <li>general ({@link Result#ase}), used for the confidence interval:
 *     Var(κ) = [Σᵢⱼ pᵢⱼ (wᵢⱼ − (w̄ᵢ. + w̄.ⱼ)(1 − κ))² − (κ − p_e(1 − κ))²] / (n (1 − p_e)²);</li>
 * <li>under H₀: κ = 0 ({@link Result#aseH0}), used for the z test:
 *     Var₀(κ) = [Σᵢⱼ pᵢ. p.ⱼ (wᵢⱼ − (w̄ᵢ. + w̄.ⱼ))² − p_e²] / (n (1 − p_e)²).</li>
 * </ul>
 * The 95 % interval is κ ± z₀.₉₇₅·ASE (not truncated to [−1, 1], as SAS prints it); z = κ/ASE₀ with its two-sided
 * normal p-value. With perfect agreement on two or more categories the general ASE is 0 (a degenerate interval [1,
 * 1]), as the formula gives.
 *
 * <p><b>Undefined cases</b>: when both raters used one and the same category only, p_e = 1 and κ is 0/0: every figure
 * is NaN and {@link Result#note} says why. Categories used by one rater only are part of the table (a row or column
 * of zeros), so they lower κ as they should.
 *
 * <p>Validation (CohenKappaTest): a SAS PROC FREQ printout for the 3 × 3 table
 * [[0,4,1],[0,8,0],[0,1,5]] (quoted by issue 20 and statsmodels' test_inter_rater.py) (κ 0.4842, ASE 0.1380, CI
 * 0.2137–0.7547, ASE₀ 0.1484; linear weighted 0.4701, ASE 0.1457), statsmodels {@code cohens_kappa} for the same
 * table with quadratic weights, and the identities above.
 */
public final class CohenKappa {

    private CohenKappa() {}

    /** Agreement weights for ordered categories. */
    public enum Weights {
        /** wᵢⱼ = 1 if i = j, else 0: Cohen's simple kappa (nominal categories). */
        NONE,
        /** wᵢⱼ = 1 − |cᵢ − cⱼ| / (c_max − c_min) (Cicchetti–Allison). */
        LINEAR,
        /** wᵢⱼ = 1 − (cᵢ − cⱼ)² / (c_max − c_min)² (Fleiss–Cohen). */
        QUADRATIC;

        /** The weight of categories with values {@code a} and {@code b} on a scale of width {@code range}. */
        double weight(double a, double b, double range) {
            if (a == b) {
                return 1;
            }
            return switch (this) {
                case NONE -> 0;
                case LINEAR -> 1 - Math.abs(a - b) / range;
                case QUADRATIC -> 1 - (a - b) * (a - b) / (range * range);
            };
        }
    }

    /**
     * Cohen's kappa with its standard errors.
     *
     * @param kappa      κ (NaN when undefined, see {@link #note})
     * @param ase        the general large-sample standard error (Fleiss, Cohen &amp; Everitt 1969)
     * @param aseH0      the standard error under H₀: κ = 0
     * @param ci95       κ ± z₀.₉₇₅·ase
     * @param z          κ / aseH0
     * @param p          two-sided p-value of z
     * @param observed   p_o, the (weighted) proportion of agreement
     * @param expected   p_e, the (weighted) agreement expected by chance from the margins
     * @param n          items rated by both raters
     * @param categories the category values, ascending (rows and columns of {@link #table})
     * @param table      counts, rater 1 in rows, rater 2 in columns
     * @param weights    the weights used
     * @param note       empty, or why a figure is not defined
     */
    public record Result(
            double kappa,
            double ase,
            double aseH0,
            ConfidenceInterval ci95,
            double z,
            double p,
            double observed,
            double expected,
            long n,
            int[] categories,
            long[][] table,
            Weights weights,
            String note) {}

    /**
     * κ of paired ratings: item t has category {@code rater1[t]} from one rater and {@code rater2[t]} from the other.
     * The categories are the values either rater used.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static Result of(int[] rater1, int[] rater2, Weights weights) {
        if (rater1.length != rater2.length) {
            throw new IllegalArgumentException(
                    "the two raters rated " + rater1.length + " and " + rater2.length + " items: pair them first");
        }
        TreeSet<Integer> used = new TreeSet<>();
        for (int t = 0; t < rater1.length; t++) {
            used.add(rater1[t]);
            used.add(rater2[t]);
        }
        int[] categories = used.stream().mapToInt(Integer::intValue).toArray();
        long[][] table = new long[categories.length][categories.length];
        for (int t = 0; t < rater1.length; t++) {
            table[Arrays.binarySearch(categories, rater1[t])][Arrays.binarySearch(categories, rater2[t])]++;
        }
        return of(table, categories, weights);
    }

    /**
     * κ of a square table of counts whose rows and columns are the categories with values {@code categories}
     * (ascending; for weights, their distances matter).
     *
     * @throws IllegalArgumentException for a non-square or negative table, categories not ascending, or no items
     */
    public static Result of(long[][] table, int[] categories, Weights weights) {
        int k = categories.length;
        if (k == 0 || table.length != k) {
            throw new IllegalArgumentException("the table must have one row and one column per category (" + k + ")");
        }
        long n = 0;
        for (int i = 0; i < k; i++) {
            if (table[i].length != k) {
                throw new IllegalArgumentException("the table is not square: row " + i + " has " + table[i].length
                        + " columns, " + k + " expected");
            }
            if (i > 0 && categories[i] <= categories[i - 1]) {
                throw new IllegalArgumentException("the categories must be distinct and ascending");
            }
            for (long c : table[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("a count is negative: " + c);
                }
                n += c;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no item was rated: kappa needs at least one");
        }
        double range = categories[k - 1] - (double) categories[0];
        double[][] w = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                w[i][j] = weights.weight(categories[i], categories[j], range);
            }
        }
        double[][] p = new double[k][k];
        double[] row = new double[k];
        double[] col = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                p[i][j] = table[i][j] / (double) n;
                row[i] += p[i][j];
                col[j] += p[i][j];
            }
        }
        double po = 0;
        double pe = 0;
        double[] wRow = new double[k]; // w̄ᵢ. = Σⱼ wᵢⱼ p.ⱼ
        double[] wCol = new double[k]; // w̄.ⱼ = Σᵢ wᵢⱼ pᵢ.
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                po += w[i][j] * p[i][j];
                pe += w[i][j] * row[i] * col[j];
                wRow[i] += w[i][j] * col[j];
                wCol[j] += w[i][j] * row[i];
            }
        }
        int[] cats = categories.clone();
        long[][] counts = new long[k][];
        for (int i = 0; i < k; i++) {
            counts[i] = table[i].clone();
        }
        // p_e = 1 only when both raters used a single, common category (all mass on one diagonal cell, or weights
        // of 1 everywhere it lies): κ is 0/0
        if (1 - pe < 1e-12) {
            return new Result(
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    ConfidenceInterval.NONE,
                    Double.NaN,
                    Double.NaN,
                    po,
                    pe,
                    n,
                    cats,
                    counts,
                    weights,
                    "kappa is undefined: agreement expected by chance is 1 (both raters used a single category)");
        }
        double kappa = (po - pe) / (1 - pe);
        double general = 0;
        double null0 = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double a = w[i][j] - (wRow[i] + wCol[j]) * (1 - kappa);
                general += p[i][j] * a * a;
                double b = w[i][j] - (wRow[i] + wCol[j]);
                null0 += row[i] * col[j] * b * b;
            }
        }
        double scale = n * (1 - pe) * (1 - pe);
        double c = kappa - pe * (1 - kappa);
        // rounding may leave a variance of −1e-17 where the exact value is 0 (perfect agreement)
        double ase = Math.sqrt(Math.max(0, (general - c * c) / scale));
        double aseH0 = Math.sqrt(Math.max(0, (null0 - pe * pe) / scale));
        double z = aseH0 > 0 ? kappa / aseH0 : Double.NaN;
        return new Result(
                kappa,
                ase,
                aseH0,
                ConfidenceInterval.around(kappa, ConfidenceInterval.Z_975 * ase),
                z,
                StandardNormal.twoSidedP(z),
                po,
                pe,
                n,
                cats,
                counts,
                weights,
                "");
    }
}
