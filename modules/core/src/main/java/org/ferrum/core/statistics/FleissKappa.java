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
 * Fleiss' kappa: agreement of m ≥ 2 raters per subject on k nominal categories (Fleiss JL, Psychol Bull
 * 1971;76:378–382).
 *
 * <p><b>Estimate.</b> N subjects, each rated by the same number m of raters; nᵢⱼ raters put subject i in category j.
 * pⱼ = Σᵢ nᵢⱼ/(N m), Pᵢ = (Σⱼ nᵢⱼ² − m)/(m(m − 1)), P̄ = Σᵢ Pᵢ/N, P̄ₑ = Σⱼ pⱼ² and κ = (P̄ − P̄ₑ)/(1 − P̄ₑ).
 * The raters need not be the same persons from subject to subject.
 *
 * <p><b>Standard errors.</b>
 * <ul>
 * <li>Under H₀: κ = 0 ({@link Result#aseH0}), for the z test, Fleiss, Nee &amp; Landis (Psychol Bull 1979;86:974–977):
 *     Var₀(κ) = 2 / (N m (m − 1)) · [(Σ pⱼqⱼ)² − Σ pⱼqⱼ(qⱼ − pⱼ)] / (Σ pⱼqⱼ)², qⱼ = 1 − pⱼ. This is what R's
 *     {@code irr::kappam.fleiss} tests with.</li>
 * <li>For the confidence interval ({@link Result#ase}): there is no closed-form non-null variance in Fleiss' papers
 *     (the 1979 one is valid only at κ = 0, and is too small or too large elsewhere), so we use the delete-one-subject
 *     jackknife (Quenouille–Tukey; Efron B &amp; Tibshirani RJ, An Introduction to the Bootstrap, 1993, ch. 11):
 *     SE² = (N − 1)/N · Σᵢ (κ₍₋ᵢ₎ − κ̄₍.₎)². Subjects are the independent units and κ is a smooth function of
 *     subject-level means (Σⱼ nᵢⱼ², nᵢⱼ), so the jackknife variance is consistent; it is deterministic, and
 *     O(N k) here since each κ₍₋ᵢ₎ comes from running totals. The 95 % interval is κ ± z₀.₉₇₅·SE (Wald, not
 *     truncated). It is NaN when some κ₍₋ᵢ₎ is undefined (leaving one subject out leaves a single category).</li>
 * </ul>
 *
 * <p>Validation (FleissKappaTest): Fleiss' 1971 diagnoses data (30 patients, 6 psychiatrists, 5 diagnoses): κ =
 * 0.4302445 and z = 17.65183, as R irr 0.84 prints them (and statsmodels' {@code fleiss_kappa} tests them).
 */
public final class FleissKappa {

    private FleissKappa() {}

    /**
     * Fleiss' kappa with its standard errors.
     *
     * @param kappa      κ (NaN when undefined, see {@link #note})
     * @param ase        the jackknife standard error (over subjects), for the interval
     * @param aseH0      the standard error under H₀: κ = 0 (Fleiss, Nee &amp; Landis 1979)
     * @param ci95       κ ± z₀.₉₇₅·ase
     * @param z          κ / aseH0
     * @param p          two-sided p-value of z
     * @param observed   P̄, the mean proportion of agreeing rater pairs per subject
     * @param expected   P̄ₑ, the agreement expected by chance
     * @param subjects   N
     * @param raters     m, ratings per subject
     * @param categories the category values, ascending
     * @param proportions pⱼ per category
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
            int subjects,
            int raters,
            int[] categories,
            double[] proportions,
            String note) {}

    /**
     * κ of a subjects × raters matrix of category values (every subject rated by all m raters).
     *
     * @throws IllegalArgumentException if rows differ in length, there are fewer than two raters or no subject
     */
    public static Result ofRatings(int[][] ratings) {
        TreeSet<Integer> used = new TreeSet<>();
        for (int[] subject : ratings) {
            for (int r : subject) {
                used.add(r);
            }
        }
        int[] categories = used.stream().mapToInt(Integer::intValue).toArray();
        int[][] counts = new int[ratings.length][categories.length];
        for (int i = 0; i < ratings.length; i++) {
            if (ratings[i].length != ratings[0].length) {
                throw new IllegalArgumentException("subject " + (i + 1) + " has " + ratings[i].length
                        + " ratings, subject 1 has " + ratings[0].length + ": every subject needs as many");
            }
            for (int r : ratings[i]) {
                counts[i][Arrays.binarySearch(categories, r)]++;
            }
        }
        return ofCounts(counts, categories);
    }

    /**
     * κ of a subjects × categories matrix of counts nᵢⱼ (each row sums to the same m ≥ 2).
     *
     * @throws IllegalArgumentException for rows of different sums, fewer than two raters, negative counts or no
     *     subject
     */
    public static Result ofCounts(int[][] counts, int[] categories) {
        int subjects = counts.length;
        if (subjects == 0) {
            throw new IllegalArgumentException("no subject was rated: kappa needs at least one");
        }
        int k = categories.length;
        int m = -1;
        long[] totals = new long[k];
        double sumP = 0;
        double[] agreement = new double[subjects];
        for (int i = 0; i < subjects; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException(
                        "subject " + (i + 1) + " has " + counts[i].length + " counts for " + k + " categories");
            }
            int sum = 0;
            long squares = 0;
            for (int j = 0; j < k; j++) {
                if (counts[i][j] < 0) {
                    throw new IllegalArgumentException("subject " + (i + 1) + " has a negative count");
                }
                sum += counts[i][j];
                squares += (long) counts[i][j] * counts[i][j];
                totals[j] += counts[i][j];
            }
            if (m < 0) {
                m = sum;
            } else if (sum != m) {
                throw new IllegalArgumentException("subject " + (i + 1) + " has " + sum + " ratings, subject 1 has " + m
                        + ": Fleiss' kappa needs the same number of raters for every subject");
            }
            agreement[i] = (squares - m) / ((double) m * (m - 1));
            sumP += agreement[i];
        }
        if (m < 2) {
            throw new IllegalArgumentException("Fleiss' kappa needs at least two ratings per subject, got " + m);
        }
        double kappa = kappa(sumP / subjects, totals, (double) subjects * m);
        double[] proportions = new double[k];
        double pq = 0;
        double pqqp = 0;
        double pe = 0;
        for (int j = 0; j < k; j++) {
            double pj = totals[j] / ((double) subjects * m);
            proportions[j] = pj;
            pe += pj * pj;
            pq += pj * (1 - pj);
            pqqp += pj * (1 - pj) * ((1 - pj) - pj);
        }
        double observed = sumP / subjects;
        if (Double.isNaN(kappa)) {
            return new Result(
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    ConfidenceInterval.NONE,
                    Double.NaN,
                    Double.NaN,
                    observed,
                    pe,
                    subjects,
                    m,
                    categories.clone(),
                    proportions,
                    "kappa is undefined: agreement expected by chance is 1 (every rating is in one category)");
        }
        double aseH0 = Math.sqrt(2 / ((double) subjects * m * (m - 1)) * (pq * pq - pqqp) / (pq * pq));
        double ase = jackknife(counts, agreement, sumP, totals, m);
        double z = kappa / aseH0;
        String note = Double.isNaN(ase)
                ? "no jackknife interval: leaving one subject out leaves a single category in use"
                : subjects < 2 ? "no jackknife interval from a single subject" : "";
        return new Result(
                kappa,
                ase,
                aseH0,
                ConfidenceInterval.around(kappa, ConfidenceInterval.Z_975 * ase),
                z,
                StandardNormal.twoSidedP(z),
                observed,
                pe,
                subjects,
                m,
                categories.clone(),
                proportions,
                note);
    }

    /** κ from P̄ and the category totals over {@code ratings} ratings; NaN when P̄ₑ = 1. */
    private static double kappa(double meanAgreement, long[] totals, double ratings) {
        double pe = 0;
        for (long t : totals) {
            double pj = t / ratings;
            pe += pj * pj;
        }
        return 1 - pe < 1e-12 ? Double.NaN : (meanAgreement - pe) / (1 - pe);
    }

    /** The delete-one-subject jackknife SE; NaN for one subject or an undefined κ₍₋ᵢ₎. */
    private static double jackknife(int[][] counts, double[] agreement, double sumP, long[] totals, int m) {
        int subjects = counts.length;
        if (subjects < 2) {
            return Double.NaN;
        }
        double[] leaveOut = new double[subjects];
        long[] rest = new long[totals.length];
        double mean = 0;
        for (int i = 0; i < subjects; i++) {
            for (int j = 0; j < totals.length; j++) {
                rest[j] = totals[j] - counts[i][j];
            }
            leaveOut[i] = kappa((sumP - agreement[i]) / (subjects - 1), rest, (double) (subjects - 1) * m);
            mean += leaveOut[i];
        }
        mean /= subjects;
        double ss = 0;
        for (double v : leaveOut) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt((subjects - 1) / (double) subjects * ss);
    }
}
