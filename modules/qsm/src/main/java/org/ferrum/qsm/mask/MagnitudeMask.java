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
package org.ferrum.qsm.mask;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * A brain (or object) mask from gradient-echo magnitude by a robust global threshold followed by morphological
 * clean-up, in the manner of the threshold-based masks of QSM pipelines (e.g. QSMxT: Stewart et al., "QSMxT: Robust
 * masking and artifact reduction for quantitative susceptibility mapping", Magn Reson Med 87:1289–1300, 2022, which
 * thresholds the magnitude and fills holes). The fixed constants below are our own choices, stated here.
 *
 * <p>Steps and their contract, for echo magnitudes m<sub>e</sub>(x):
 * <ol>
 * <li>Combined image: the root-sum-of-squares a(x) = (Σ<sub>e</sub> m<sub>e</sub>(x)²)<sup>½</sup> ({@link #rootSumOfSquares};
 * the SNR-optimal combination for equal noise, and it keeps the tissue contrast of every echo), or echo 1 alone.
 * Non-finite values count as 0.</li>
 * <li>Smoothing: a separable Gaussian of standard deviation σ mm (default 1 mm; replicate-free: weights renormalised at
 * the grid border), which narrows the noise peak of the histogram so a threshold splits it cleanly.</li>
 * <li>Threshold t on the smoothed image s, times {@code thresholdFactor}:
 *   <ul>
 *   <li>{@link Method#OTSU}: the threshold maximising the between-class variance of the histogram of s (256 bins from
 *   0 to the 99.9th percentile; Otsu, "A threshold selection method from gray-level histograms", IEEE Trans Syst Man
 *   Cybern 9:62–66, 1979). If the two classes do not differ by at least a factor {@value #MIN_CLASS_CONTRAST} in mean,
 *   the histogram has no dark background mode (the field of view lies inside the object, so Otsu would split tissue
 *   from tissue); the percentile rule is then used and {@link Result#fellBack()} says so;</li>
 *   <li>{@link Method#PERCENTILE}: t = {@value #PERCENTILE_FRACTION} × the 99th percentile of s: noise in a magnitude
 *   background is a few percent of bright tissue, and the 99th percentile ignores a few hot voxels.</li>
 *   </ul>
 *   Percentiles of images above 2²⁰ voxels are taken on a regular subsample of about 2²⁰ values.</li>
 * <li>M = {s &gt; t}; its largest 6-connected component (drops noise specks and detached bright fat or vessels);
 * closing by a ball of {@code closingMm} (bridges sulci and dark vessels at the surface); hole filling (dark veins,
 * ventricles with low signal, signal voids inside); optional erosion by {@code erosionMm} (removes the unreliable
 * phase at the brain's edge), and finally the largest component again, so the result is always one 6-connected
 * piece (or empty).</li>
 * </ol>
 */
public final class MagnitudeMask {

    /** How the threshold is chosen. */
    public enum Method {
        OTSU,
        PERCENTILE
    }

    /** Otsu's classes must differ in mean at least by this factor to count as background and object. */
    public static final double MIN_CLASS_CONTRAST = 2.0;

    /** Fraction of the 99th percentile used by {@link Method#PERCENTILE}. */
    public static final double PERCENTILE_FRACTION = 0.2;

    private static final int BINS = 256;

    /**
     * Settings of the mask.
     *
     * @param method          threshold rule
     * @param thresholdFactor multiplies the automatic threshold (&gt; 1: tighter mask, &lt; 1: looser)
     * @param smoothingMm     σ of the Gaussian smoothing before thresholding, mm (0: none)
     * @param closingMm       radius of the closing ball, mm (0: none)
     * @param fillHoles       whether enclosed background becomes inside
     * @param erosionMm       radius of the final erosion, mm (0: none)
     */
    public record Params(
            Method method,
            double thresholdFactor,
            double smoothingMm,
            double closingMm,
            boolean fillHoles,
            double erosionMm) {

        public Params {
            Objects.requireNonNull(method, "method");
            requireNonNegative(thresholdFactor, "threshold factor");
            if (thresholdFactor == 0) {
                throw new IllegalArgumentException("threshold factor must be positive");
            }
            requireNonNegative(smoothingMm, "smoothing");
            requireNonNegative(closingMm, "closing radius");
            requireNonNegative(erosionMm, "erosion radius");
        }

        /** Otsu, factor 1, σ = 1 mm, closing 2 mm, holes filled, no erosion. */
        public static final Params DEFAULTS = new Params(Method.OTSU, 1.0, 1.0, 2.0, true, 0.0);
    }

    /**
     * The mask and how it was made.
     *
     * @param mask      one 6-connected piece (or empty)
     * @param threshold the threshold applied to the smoothed image (after the factor)
     * @param method    the rule that gave the threshold (PERCENTILE after an Otsu fall-back)
     * @param fellBack  true if Otsu found no background mode and the percentile rule was used
     */
    public record Result(boolean[] mask, double threshold, Method method, boolean fellBack) {}

    private MagnitudeMask() {}

    /** The mask of one combined magnitude image (see the class contract). */
    public static Result compute(float[] magnitude, VoxelGrid grid, Params settings, Cancellation cancellation) {
        if (magnitude.length != grid.size()) {
            throw new IllegalArgumentException(
                    "magnitude has " + magnitude.length + " voxels, the grid needs " + grid.size());
        }
        float[] a = magnitude.clone();
        for (int n = 0; n < a.length; n++) {
            if (!Float.isFinite(a[n])) {
                a[n] = 0;
            }
        }
        float[] s = settings.smoothingMm() > 0 ? gaussianSmoothing(a, grid, settings.smoothingMm(), cancellation) : a;
        Method method = settings.method();
        boolean fellBack = false;
        double t;
        float[] sorted = sortedFinite(s); // sorted once: both rules need percentiles
        if (method == Method.OTSU) {
            double[] otsu = otsu(s, sorted);
            if (otsu == null || otsu[2] < MIN_CLASS_CONTRAST * otsu[1]) {
                fellBack = true;
                method = Method.PERCENTILE;
                t = PERCENTILE_FRACTION * percentileOfSorted(sorted, 99);
            } else {
                t = otsu[0];
            }
        } else {
            t = PERCENTILE_FRACTION * percentileOfSorted(sorted, 99);
        }
        t *= settings.thresholdFactor();
        boolean[] m = new boolean[s.length];
        for (int n = 0; n < s.length; n++) {
            m[n] = s[n] > t;
        }
        m = Morphology.largestComponent(m, grid, cancellation);
        if (settings.closingMm() > 0) {
            m = Morphology.close(m, grid, settings.closingMm(), cancellation);
        }
        if (settings.fillHoles()) {
            m = Morphology.fillHoles(m, grid, cancellation);
        }
        if (settings.erosionMm() > 0) {
            m = Morphology.erode(m, grid, settings.erosionMm(), cancellation);
        }
        m = Morphology.largestComponent(m, grid, cancellation);
        return new Result(m, t, method, fellBack);
    }

    /** (Σ<sub>e</sub> m<sub>e</sub>²)<sup>½</sup> voxel by voxel over the given echoes (all of one length). */
    public static float[] rootSumOfSquares(float[][] echoes) {
        if (echoes.length == 0) {
            throw new IllegalArgumentException("no echoes given");
        }
        int n = echoes[0].length;
        float[] out = new float[n];
        for (float[] e : echoes) {
            if (e.length != n) {
                throw new IllegalArgumentException("echoes differ in length: " + e.length + " vs " + n);
            }
        }
        ParallelLoop.forEachChunk(n, (from, to) -> {
            for (int v = (int) from; v < to; v++) {
                double sum = 0;
                for (float[] e : echoes) {
                    sum += (double) e[v] * e[v];
                }
                out[v] = (float) Math.sqrt(sum);
            }
        });
        return out;
    }

    /**
     * Otsu's threshold of the positive values: {threshold, mean of the lower class, mean of the upper class}, or
     * null if there are fewer than two distinct positive values.
     */
    static double[] otsu(float[] values) {
        return otsu(values, sortedFinite(values));
    }

    private static double[] otsu(float[] values, float[] sorted) {
        double top = percentileOfSorted(sorted, 99.9);
        if (!(top > 0)) {
            return null;
        }
        long[] histogram = new long[BINS];
        double[] sums = new double[BINS];
        double width = top / BINS;
        for (float v : values) {
            if (v > 0) {
                int b = (int) Math.min(BINS - 1, v / width); // the brightest 0.1 % share the last bin
                histogram[b]++;
                sums[b] += v;
            }
        }
        long total = 0;
        double totalSum = 0;
        for (int b = 0; b < BINS; b++) {
            total += histogram[b];
            totalSum += sums[b];
        }
        long below = 0;
        double belowSum = 0;
        double best = -1;
        double[] result = null;
        for (int b = 0; b < BINS - 1; b++) {
            below += histogram[b];
            belowSum += sums[b];
            long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double m0 = belowSum / below;
            double m1 = (totalSum - belowSum) / above;
            // between-class variance ω0 ω1 (μ0 − μ1)², up to the constant 1/total²
            double between = (double) below * above * (m1 - m0) * (m1 - m0);
            if (between > best) {
                best = between;
                result = new double[] {(b + 1) * width, m0, m1};
            }
        }
        return result;
    }

    /** The p-th percentile (0–100) of the finite values (of the subsample, see below), by the nearest rank; NaN if none. */
    static double percentile(float[] values, double p) {
        return percentileOfSorted(sortedFinite(values), p);
    }

    /** Above this many voxels, percentiles are taken on a regular subsample of about this size. */
    private static final int PERCENTILE_SAMPLES = 1 << 20;

    /**
     * The finite values in increasing order; for large images a regular subsample (every s-th voxel) of about
     * {@value #PERCENTILE_SAMPLES} values, which fixes a percentile to well within a histogram bin at a fraction of the
     * cost of sorting every voxel.
     */
    private static float[] sortedFinite(float[] values) {
        int step = Math.max(1, values.length / PERCENTILE_SAMPLES);
        float[] sorted = new float[(values.length + step - 1) / step];
        for (int n = 0, m = 0; n < values.length; n += step) {
            sorted[m++] = values[n];
        }
        Arrays.parallelSort(sorted); // NaN sort last, after +∞
        int finite = sorted.length;
        while (finite > 0 && !Float.isFinite(sorted[finite - 1])) {
            finite--;
        }
        int from = 0;
        while (from < finite && sorted[from] == Float.NEGATIVE_INFINITY) {
            from++;
        }
        return Arrays.copyOfRange(sorted, from, finite);
    }

    private static double percentileOfSorted(float[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /**
     * Separable Gaussian smoothing with σ in mm along every axis, kernel cut at 3σ and renormalised where it leaves the
     * grid (so a uniform image stays uniform up to its border).
     */
    static float[] gaussianSmoothing(float[] image, VoxelGrid grid, double sigmaMm, Cancellation cancellation) {
        float[] a = image.clone();
        double[] spacing = grid.spacing();
        for (int axis = 0; axis < 3; axis++) {
            double sigma = sigmaMm / spacing[axis];
            if (sigma < 0.2) {
                continue; // a kernel narrower than a fifth of a voxel changes nothing measurable
            }
            int radius = (int) Math.ceil(3 * sigma);
            double[] w = new double[2 * radius + 1];
            for (int o = -radius; o <= radius; o++) {
                w[o + radius] = Math.exp(-0.5 * o * o / (sigma * sigma));
            }
            AxisLines.transform(a, grid, axis, cancellation, n -> {
                double[] out = new double[n];
                return (line, offset) -> {
                    for (int q = 0; q < n; q++) {
                        double sum = 0;
                        double weight = 0;
                        int lo = Math.max(0, q - radius);
                        int hi = Math.min(n - 1, q + radius);
                        for (int p = lo; p <= hi; p++) {
                            double wp = w[p - q + radius];
                            sum += wp * line[offset + p];
                            weight += wp;
                        }
                        out[q] = sum / weight;
                    }
                    System.arraycopy(out, 0, line, offset, n);
                };
            });
        }
        return a;
    }

    private static void requireNonNegative(double v, String what) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "%s must be a finite number ≥ 0, got %s", what, v));
        }
    }
}
