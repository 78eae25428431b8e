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
package org.ferrum.viewer;

import java.util.Arrays;
import org.ferrum.core.PhysicalUnit;

/**
 * Counts of values in equal bins from {@code lower} to {@code upper}: bin b holds lower + b·w ≤ v &lt; lower + (b+1)·w
 * with w = (upper − lower)/bins, the last bin also v = upper. Values outside the range are counted in {@link #below()}
 * and {@link #above()}, NaN in {@link #nNaN()}; nothing is dropped silently.
 *
 * @param lower  left edge of the first bin, in {@code unit}
 * @param upper  right edge of the last bin
 * @param counts voxels per bin
 * @param below  values below {@code lower}
 * @param above  values above {@code upper}
 * @param nNaN   NaN values
 * @param unit   the values' unit
 */
public record VolumeHistogram(
        double lower, double upper, long[] counts, long below, long above, long nNaN, PhysicalUnit unit) {

    /** Bins the viewer uses. */
    public static final int DEFAULT_BINS = 100;

    public VolumeHistogram {
        if (!(upper > lower) || counts.length == 0) {
            throw new IllegalArgumentException("a histogram needs lower < upper and at least one bin, got [" + lower
                    + ", " + upper + "] with " + counts.length + " bins");
        }
        counts = counts.clone();
    }

    /** The histogram of {@code values} in {@code bins} bins over [lower, upper]. */
    public static VolumeHistogram of(float[] values, double lower, double upper, int bins, PhysicalUnit unit) {
        long[] c = new long[bins];
        long below = 0, above = 0, nan = 0;
        double scale = bins / (upper - lower);
        for (float v : values) {
            if (Float.isNaN(v)) {
                nan++;
            } else if (v < lower) {
                below++;
            } else if (v > upper) {
                above++;
            } else {
                c[Math.min(bins - 1, (int) ((v - lower) * scale))]++;
            }
        }
        return new VolumeHistogram(lower, upper, c, below, above, nan, unit);
    }

    /**
     * The range of the finite values, {min, max}; widened by ½ around a single value (or [0, 1] without any finite
     * value) so that it can be binned.
     */
    public static double[] finiteRange(float[] values) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        return min == max ? new double[] {min - 0.5, max + 0.5} : new double[] {min, max};
    }

    /** Width of one bin. */
    public double binWidth() {
        return (upper - lower) / counts.length;
    }

    /** Left edge of bin {@code b}. */
    public double binLower(int b) {
        return lower + b * binWidth();
    }

    /** Voxels counted in the bins (not below, above or NaN). */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeHistogram h
                && h.lower == lower
                && h.upper == upper
                && Arrays.equals(h.counts, counts)
                && h.below == below
                && h.above == above
                && h.nNaN == nNaN
                && h.unit == unit;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Double.hashCode(lower);
    }
}
