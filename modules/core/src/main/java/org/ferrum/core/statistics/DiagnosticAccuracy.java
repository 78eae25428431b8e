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
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sensitivity, specificity, predictive values and accuracy of a binary call against a binary truth, for units
 * (nodes, neck levels, patients) grouped in clusters (patients), with intervals that respect the clustering.
 *
 * <p>Each measure is a ratio Σ yᵢ / Σ mᵢ over clusters i (e.g. sensitivity: yᵢ = TPᵢ, mᵢ = TPᵢ + FNᵢ) and gets the
 * Rao–Scott/Obuchowski ratio-estimator interval of {@link ClusteredProportion}. Beside it, {@link #bootstrap} gives a
 * patient-level cluster bootstrap: whole clusters are drawn with replacement (Davison &amp; Hinkley 1997, §3.8; Field
 * &amp; Welsh 2007, JRSS B 69:369–390, show that resampling clusters, not units, is what keeps the within-cluster
 * correlation), each measure recomputed, and the 2.5th and 97.5th percentiles taken (percentile interval, Efron &amp;
 * Tibshirani 1993 §13.3). Resamples in which a measure's denominator is zero give it no value and are left out of
 * that measure's percentiles; {@link Bootstrap#used} says how many counted.
 *
 * <p>With one unit per cluster (patient-level analysis) the ratio-estimator interval is the binomial one.
 */
public final class DiagnosticAccuracy {

    /** The five measures: which cell counts form the numerator and the denominator. */
    public enum Measure {
        /** TP / (TP + FN). */
        SENSITIVITY("sensitivity"),
        /** TN / (TN + FP). */
        SPECIFICITY("specificity"),
        /** Positive predictive value TP / (TP + FP). */
        PPV("ppv"),
        /** Negative predictive value TN / (TN + FN). */
        NPV("npv"),
        /** (TP + TN) / n. */
        ACCURACY("accuracy");

        private final String key;

        Measure(String key) {
            this.key = key;
        }

        /** The name used in reports and JSON ({@code sensitivity}, {@code ppv}, …). */
        public String key() {
            return key;
        }

        long numerator(Counts c) {
            return switch (this) {
                case SENSITIVITY, PPV -> c.truePositives();
                case SPECIFICITY, NPV -> c.trueNegatives();
                case ACCURACY -> c.truePositives() + c.trueNegatives();
            };
        }

        long denominator(Counts c) {
            return switch (this) {
                case SENSITIVITY -> c.truePositives() + c.falseNegatives();
                case SPECIFICITY -> c.trueNegatives() + c.falsePositives();
                case PPV -> c.truePositives() + c.falsePositives();
                case NPV -> c.trueNegatives() + c.falseNegatives();
                case ACCURACY -> c.total();
            };
        }
    }

    /** The 2×2 table: true positives, false positives, true negatives, false negatives. */
    public record Counts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

        /** n = TP + FP + TN + FN. */
        public long total() {
            return truePositives + falsePositives + trueNegatives + falseNegatives;
        }
    }

    /**
     * A percentile bootstrap interval.
     *
     * @param interval the 2.5th to 97.5th percentile of the resampled estimates
     * @param used the resamples in which the measure was defined (non-zero denominator)
     */
    public record Bootstrap(ConfidenceInterval interval, int used) {}

    /** The default number of bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 2000;

    private final long[][] cells; // per cluster: TP, FP, TN, FN
    private final Counts total;

    private DiagnosticAccuracy(long[][] cells) {
        this.cells = cells;
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (long[] c : cells) {
            tp += c[0];
            fp += c[1];
            tn += c[2];
            fn += c[3];
        }
        this.total = new Counts(tp, fp, tn, fn);
    }

    /**
     * The table of units: unit u belongs to cluster {@code cluster[u]} (0 … K − 1, every cluster id below the largest
     * being a cluster, possibly empty), has truth {@code truth[u]} and call {@code call[u]}.
     */
    public static DiagnosticAccuracy of(int[] cluster, boolean[] truth, boolean[] call) {
        if (cluster.length != truth.length || truth.length != call.length) {
            throw new IllegalArgumentException("cluster, truth and call differ in length");
        }
        int k = 0;
        for (int c : cluster) {
            if (c < 0) {
                throw new IllegalArgumentException("cluster ids start at 0, got " + c);
            }
            k = Math.max(k, c + 1);
        }
        long[][] cells = new long[k][4];
        for (int u = 0; u < cluster.length; u++) {
            int cell = truth[u] ? (call[u] ? 0 : 3) : (call[u] ? 1 : 2);
            cells[cluster[u]][cell]++;
        }
        return new DiagnosticAccuracy(cells);
    }

    /** Independent units: each unit its own cluster. */
    public static DiagnosticAccuracy independent(boolean[] truth, boolean[] call) {
        int[] cluster = new int[truth.length];
        Arrays.setAll(cluster, u -> u);
        return of(cluster, truth, call);
    }

    /** The pooled 2×2 table. */
    public Counts counts() {
        return total;
    }

    /** The number of clusters with at least one unit. */
    public int clusters() {
        int k = 0;
        for (long[] c : cells) {
            if (c[0] + c[1] + c[2] + c[3] > 0) {
                k++;
            }
        }
        return k;
    }

    /** The measure with its Rao–Scott ratio-estimator interval (and Wilson beside it). */
    public ClusteredProportion estimate(Measure measure) {
        long[] y = new long[cells.length];
        long[] m = new long[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Counts c = countsOf(cells[i]);
            y[i] = measure.numerator(c);
            m[i] = measure.denominator(c);
        }
        return ClusteredProportion.of(y, m);
    }

    /**
     * The patient-level (cluster) bootstrap percentile 95 % intervals of all five measures from {@code resamples}
     * resamples of the K non-empty clusters, drawn with a generator seeded by {@code seed} (same seed, same intervals).
     */
    public Map<Measure, Bootstrap> bootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("the bootstrap needs at least one resample, got " + resamples);
        }
        long[][] present =
                Arrays.stream(cells).filter(c -> c[0] + c[1] + c[2] + c[3] > 0).toArray(long[][]::new);
        int k = present.length;
        Measure[] measures = Measure.values();
        double[][] values = new double[measures.length][resamples];
        int[] used = new int[measures.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            long tp = 0, fp = 0, tn = 0, fn = 0;
            for (int j = 0; j < k; j++) {
                long[] c = present[random.nextInt(k)];
                tp += c[0];
                fp += c[1];
                tn += c[2];
                fn += c[3];
            }
            Counts counts = new Counts(tp, fp, tn, fn);
            for (int s = 0; s < measures.length; s++) {
                long d = measures[s].denominator(counts);
                if (d > 0) {
                    values[s][used[s]++] = (double) measures[s].numerator(counts) / d;
                }
            }
        }
        Map<Measure, Bootstrap> out = new EnumMap<>(Measure.class);
        for (int s = 0; s < measures.length; s++) {
            double[] v = Arrays.copyOf(values[s], used[s]);
            Arrays.sort(v);
            ConfidenceInterval ci = v.length == 0
                    ? ConfidenceInterval.NONE
                    : new ConfidenceInterval(percentile(v, 0.025), percentile(v, 0.975));
            out.put(measures[s], new Bootstrap(ci, used[s]));
        }
        return out;
    }

    /** The p-quantile of sorted values by linear interpolation between order statistics (Hyndman &amp; Fan type 7). */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static Counts countsOf(long[] c) {
        return new Counts(c[0], c[1], c[2], c[3]);
    }
}
