package org.ferrum.pipeline.ops;

/**
 * Descriptive statistics of the values of one region, NaN values set apart.
 *
 * <p>Contract, for the n non-NaN values x₁ ≤ … ≤ xₙ: {@code mean} = Σxᵢ / n (summed in double);
 * {@code median} = x₍ₙ₊₁₎/₂ for odd n and (xₙ/₂ + xₙ/₂₊₁) / 2 for even n (exact: from the sorted
 * values, no binning); {@code sd} = √(Σ(xᵢ − mean)² / (n − 1)), the sample standard deviation,
 * computed in two passes for accuracy, NaN if n &lt; 2; {@code min} = x₁, {@code max} = xₙ. With
 * n = 0 all five are NaN. {@code nNaN} counts the NaN values left out.
 */
record SampleStatistics(long n, long nNaN, double mean, double median, double sd, double min, double max) {

    /**
     * Statistics of {@code sorted[from…to−1]}, which must be in ascending order with any NaN values at
     * the end (the order of {@link Float#compare}).
     */
    static SampleStatistics ofSorted(float[] sorted, int from, int to) {
        int end = to;
        while (end > from && Float.isNaN(sorted[end - 1])) {
            end--;
        }
        int n = end - from;
        long nNaN = to - end;
        if (n == 0) {
            return new SampleStatistics(0, nNaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
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
        return new SampleStatistics(n, nNaN, mean, median, sd, sorted[from], sorted[end - 1]);
    }
}
