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
 * Descriptive statistics of the values of one region, NaN and infinite values set apart: the one place
 * where region statistics (ROI tables, liver measurements) get their order statistics from.
 *
 * <p>Contract, for the n finite values x₁ ≤ … ≤ xₙ (NaN and ±∞ values are left out of every statistic and
 * counted in {@code nNaN} and {@code nInf}: one infinite voxel would otherwise make the mean ±∞ and the
 * SD NaN): {@code mean} = Σxᵢ / n (summed in double);
 * {@code median} = x₍ₙ₊₁₎/₂ for odd n and (xₙ/₂ + xₙ/₂₊₁) / 2 for even n (exact: from the sorted
 * values, no binning); {@code sd} = √(Σ(xᵢ − mean)² / (n − 1)), the sample standard deviation,
 * computed in two passes for accuracy, NaN if n &lt; 2; {@code min} = x₁, {@code max} = xₙ. With
 * n = 0 all statistics are NaN. {@code nNaN} counts the NaN values left out.
 *
 * <p>Quantiles ({@link #quantile}, {@code q1} = Q(0.25), {@code q3} = Q(0.75)) are definition 7 of
 * Hyndman RJ &amp; Fan Y, "Sample quantiles in statistical packages", Am Stat 1996;50:361–365 (the
 * default of R and NumPy): with h = (n − 1)·p and j = ⌊h⌋ (0-based), Q(p) = x₍ⱼ₎ + (h − j)·(x₍ⱼ₊₁₎ − x₍ⱼ₎),
 * linear interpolation between order statistics, so Q(0) = min, Q(1) = max and Q(0.5) = the median above.
 */
public record SampleStatistics(
        long n,
        long nNaN,
        long nInf,
        double mean,
        double median,
        double sd,
        double min,
        double max,
        double q1,
        double q3) {

    /** Interquartile range q3 − q1 (NaN with no values). */
    public double iqr() {
        return q3 - q1;
    }

    /**
     * Statistics of {@code sorted[start…to−1]}, which must be in ascending order with any NaN values at
     * the end (the order of {@link Float#compare}, e.g. after {@link java.util.Arrays#sort(float[])}), so
     * −∞ values come first and +∞ values just before the NaNs.
     */
    public static SampleStatistics ofSorted(float[] sorted, int start, int to) {
        int end = to;
        while (end > start && Float.isNaN(sorted[end - 1])) {
            end--;
        }
        long nNaN = to - end;
        while (end > start && sorted[end - 1] == Float.POSITIVE_INFINITY) {
            end--;
        }
        int from = start;
        while (from < end && sorted[from] == Float.NEGATIVE_INFINITY) {
            from++;
        }
        int n = end - from;
        long nInf = (long) (to - start) - n - nNaN;
        if (n == 0) {
            double nan = Double.NaN;
            return new SampleStatistics(0, nNaN, nInf, nan, nan, nan, nan, nan, nan, nan);
        }
        double sum = 0;
        for (int i = from; i < end; i++) {
            sum += sorted[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = from; i < end; i++) {
            double d = sorted[i] - mean;
            squares += d * d;
        }
        double sd = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1));
        int mid = from + n / 2;
        double median = n % 2 == 1 ? sorted[mid] : ((double) sorted[mid - 1] + sorted[mid]) / 2;
        return new SampleStatistics(
                n,
                nNaN,
                nInf,
                mean,
                median,
                sd,
                sorted[from],
                sorted[end - 1],
                quantile(sorted, from, end, 0.25),
                quantile(sorted, from, end, 0.75));
    }

    /**
     * Quantile p ∈ [0, 1] of the non-NaN values {@code sorted[from…end−1]} (ascending, no NaN), definition 7
     * of Hyndman &amp; Fan (see the class comment); NaN if the range is empty.
     */
    public static double quantile(float[] sorted, int from, int end, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile p must be in [0, 1], got " + p);
        }
        int n = end - from;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int j = (int) Math.floor(h);
        if (j >= n - 1) {
            return sorted[end - 1];
        }
        double lower = sorted[from + j];
        return lower + (h - j) * ((double) sorted[from + j + 1] - lower);
    }
    /**
     * The median of the finite values of {@code values[from…to−1]} (NaN and ±∞ left out), without sorting them: the
     * same number as {@link #ofSorted}{@code (…).median()} of the sorted range, in O(n) expected time instead of
     * O(n log n) — for a reference region of millions of voxels (white matter, the whole brain) where only the median
     * is wanted. The range is reordered (finite values first, then partitioned); NaN if it holds no finite value.
     *
     * <p>How: selection of the order statistic ⌊n/2⌋ by Hoare's FIND (Hoare, Commun ACM 1961;4:321), partitioning
     * around the median of three values so that sorted and constant inputs stay linear; for even n the other middle
     * value is the largest of the part left of it.
     */
    public static double medianInPlace(float[] values, int from, int to) {
        int end = from;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                values[i] = values[end];
                values[end++] = v;
            }
        }
        int n = end - from;
        if (n == 0) {
            return Double.NaN;
        }
        int k = from + n / 2;
        float upper = select(values, from, end - 1, k);
        if (n % 2 == 1) {
            return upper;
        }
        float lower = values[from];
        for (int i = from + 1; i < k; i++) {
            lower = Math.max(lower, values[i]);
        }
        return ((double) lower + upper) / 2;
    }

    /** The k-th smallest of a[l…r] (finite values); afterwards a[l…k−1] ≤ a[k] ≤ a[k+1…r]. */
    private static float select(float[] a, int l, int r, int k) {
        while (l < r) {
            int m = (l + r) >>> 1;
            float x = medianOfThree(a[l], a[m], a[r]);
            int i = l;
            int j = r;
            do {
                while (a[i] < x) {
                    i++;
                }
                while (x < a[j]) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) {
                l = i;
            }
            if (k < i) {
                r = j;
            }
        }
        return a[k];
    }

    private static float medianOfThree(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
