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
package org.ferrum.core.fft;

import java.util.Arrays;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.NumericType;
import net.imglib2.view.Views;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Zero padding of a volume to a larger FFT grid, centred, and the crop back.
 *
 * <p>Contract: along each of the three spatial axes the original n voxels occupy indices
 * [b, b + n) of the padded m voxels, with b = ⌊(m − n)/2⌋ ({@link #offset()}); everything else is
 * zero. Frames of a 4-D volume are padded alike. The padded volume's geometry places every original
 * voxel at the same patient position (its origin moves by −b voxels along the index axes), so
 * {@code crop(pad(v))} equals {@code v} in pixels, and in geometry up to rounding.
 *
 * <p>Why padding: the DFT treats the grid as periodic, so a convolution in k-space (e.g. with the
 * dipole kernel) wraps field from one face of the grid into the opposite one; a zero margin keeps that
 * wrap-around away from the data. Why centred: on the periodic grid, centred and end padding differ
 * only by a circular shift, so they give identical results inside the original voxels; centring keeps
 * the object in the middle of the padded grid and its centre at the same patient position, which is
 * what a user inspecting an intermediate volume expects.
 */
public final class ZeroPadding {

    private final long[] original;
    private final long[] padded;
    private final long[] before;

    private ZeroPadding(long[] original, long[] padded) {
        this.original = original;
        this.padded = padded;
        this.before = new long[3];
        for (int d = 0; d < 3; d++) {
            before[d] = (padded[d] - original[d]) / 2;
        }
    }

    /**
     * Centred padding from {@code originalSize} to {@code paddedSize}. Only the first three entries of
     * each array are used, so a 4-D volume's {@code dimensions()} can be passed as they are.
     *
     * @throws IllegalArgumentException if a size is &lt; 1 or a padded size is smaller than the original
     */
    public static ZeroPadding centred(long[] originalSize, long[] paddedSize) {
        long[] n = spatial(originalSize, "original size");
        long[] m = spatial(paddedSize, "padded size");
        for (int d = 0; d < 3; d++) {
            if (m[d] < n[d]) {
                throw new IllegalArgumentException("padded size " + Arrays.toString(m)
                        + " is smaller than the original size " + Arrays.toString(n) + " along axis " + d);
            }
        }
        return new ZeroPadding(n, m);
    }

    /** Centred padding of each spatial axis to its {@link #fastSize(long) fast FFT size}. */
    public static ZeroPadding toFastSize(long[] originalSize) {
        long[] n = spatial(originalSize, "original size");
        return centred(n, new long[] {fastSize(n[0]), fastSize(n[1]), fastSize(n[2])});
    }

    /**
     * The smallest m ≥ n whose only prime factors are 2, 3 and 5: JTransforms has dedicated radix-2, 3,
     * 4 and 5 butterflies and falls back to Bluestein's algorithm (three FFTs of twice the length) for
     * any other factor, so such sizes are the fast ones.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static long fastSize(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT size must be ≥ 1, got " + n);
        }
        long m = n;
        while (!isFiveSmooth(m)) {
            m++; // 5-smooth numbers are dense enough that this takes a few steps
        }
        return m;
    }

    /** The three spatial sizes before padding (a copy). */
    public long[] originalSize() {
        return original.clone();
    }

    /** The three spatial sizes after padding (a copy). */
    public long[] paddedSize() {
        return padded.clone();
    }

    /** Index b, per spatial axis, of the original voxel (0, 0, 0) in the padded grid (a copy). */
    public long[] offset() {
        return before.clone();
    }

    /**
     * A new volume of the padded size holding {@code volume} at {@link #offset()} and zeros elsewhere,
     * with the geometry that keeps every voxel in place. Array-backed whenever it fits.
     *
     * @throws IllegalArgumentException if the volume's spatial size is not {@link #originalSize()}
     */
    public <T extends NativeType<T> & NumericType<T>> Volume<T> pad(Volume<T> volume) {
        requireSpatialSize(volume, original, "pad");
        Volume<T> out = Volumes.create(
                volume.pixelType(),
                withFrames(padded, volume),
                volume.geometry().translatedBy(-before[0], -before[1], -before[2]),
                volume.unit());
        copy(volume.image(), Views.offsetInterval(out.image(), withFrameOffset(before, volume), volume.dimensions()));
        return out;
    }

    /**
     * A new volume of the original size holding the voxels at {@link #offset()} of {@code paddedVolume},
     * with the geometry that keeps every voxel in place. Array-backed whenever it fits.
     *
     * @throws IllegalArgumentException if the volume's spatial size is not {@link #paddedSize()}
     */
    public <T extends NativeType<T> & NumericType<T>> Volume<T> crop(Volume<T> paddedVolume) {
        requireSpatialSize(paddedVolume, padded, "crop");
        long[] size = withFrames(original, paddedVolume);
        Volume<T> out = Volumes.create(
                paddedVolume.pixelType(),
                size,
                paddedVolume.geometry().translatedBy(before[0], before[1], before[2]),
                paddedVolume.unit());
        copy(Views.offsetInterval(paddedVolume.image(), withFrameOffset(before, paddedVolume), size), out.image());
        return out;
    }

    /** True if the padded size equals the original size (padding and cropping only copy). */
    public boolean isIdentity() {
        return Arrays.equals(original, padded);
    }

    /**
     * The 3-D array {@code values} (x fastest, of the original size) in a new array of the padded size, at
     * {@link #offset()}, zeros elsewhere: {@link #pad(Volume)} for a bare array, in one pass of row copies.
     *
     * @throws IllegalArgumentException if the array's length is not the original size's
     */
    public float[] pad(float[] values) {
        float[] out = new float[Math.toIntExact(count(padded))];
        copyRows(values, out, original, padded, false);
        return out;
    }

    /** As {@link #pad(float[])} for a mask: false in the margin. */
    public boolean[] pad(boolean[] values) {
        boolean[] out = new boolean[Math.toIntExact(count(padded))];
        copyRows(values, out, original, padded, false);
        return out;
    }

    /**
     * The voxels at {@link #offset()} of the 3-D array {@code paddedValues} (of the padded size) in a new array of the
     * original size: {@link #crop(Volume)} for a bare array.
     *
     * @throws IllegalArgumentException if the array's length is not the padded size's
     */
    public float[] crop(float[] paddedValues) {
        float[] out = new float[Math.toIntExact(count(original))];
        copyRows(out, paddedValues, original, padded, true);
        return out;
    }

    /** Copies the rows of the small (original) array into the large (padded) one, or back if {@code crop}. */
    private void copyRows(Object small, Object large, long[] n, long[] m, boolean crop) {
        int length = java.lang.reflect.Array.getLength(crop ? large : small);
        long expected = count(crop ? m : n);
        if (length != expected) {
            throw new IllegalArgumentException("cannot " + (crop ? "crop" : "pad") + " an array of " + length
                    + " values: this" + " padding expects " + Arrays.toString(crop ? m : n) + " = " + expected);
        }
        int nx = (int) n[0], ny = (int) n[1], nz = (int) n[2], mx = (int) m[0], my = (int) m[1];
        int bx = (int) before[0], by = (int) before[1], bz = (int) before[2];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int s = (z * ny + y) * nx;
                int l = ((z + bz) * my + y + by) * mx + bx;
                if (crop) {
                    System.arraycopy(large, l, small, s, nx);
                } else {
                    System.arraycopy(small, s, large, l, nx);
                }
            }
        }
    }

    private static long count(long[] size) {
        return size[0] * size[1] * size[2];
    }

    @Override
    public String toString() {
        return "ZeroPadding[" + Arrays.toString(original) + " → " + Arrays.toString(padded) + ", offset "
                + Arrays.toString(before) + "]";
    }

    /** Copies between two zero-based images of equal size (3-D or 4-D), one z-plane per index. */
    private static <T extends NumericType<T>> void copy(
            RandomAccessibleInterval<T> from, RandomAccessibleInterval<T> to) {
        long nz = from.dimension(2);
        long planes = nz * (from.numDimensions() == 4 ? from.dimension(3) : 1);
        ParallelLoop.forEachChunk(planes, (first, end) -> {
            for (long p = first; p < end; p++) {
                LoopBuilder.setImages(plane(from, p, nz), plane(to, p, nz)).forEachPixel((s, d) -> d.set(s));
            }
        });
    }

    private static <T> RandomAccessibleInterval<T> plane(RandomAccessibleInterval<T> image, long p, long nz) {
        RandomAccessibleInterval<T> frame = image.numDimensions() == 4 ? Views.hyperSlice(image, 3, p / nz) : image;
        return Views.hyperSlice(frame, 2, p % nz);
    }

    private static boolean isFiveSmooth(long m) {
        for (long p : new long[] {2, 3, 5}) {
            while (m % p == 0) {
                m /= p;
            }
        }
        return m == 1;
    }

    private static long[] spatial(long[] size, String what) {
        if (size.length < 3) {
            throw new IllegalArgumentException(what + " needs 3 entries, got " + Arrays.toString(size));
        }
        long[] s = Arrays.copyOf(size, 3);
        for (long v : s) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be ≥ 1 along every axis, got " + Arrays.toString(s));
            }
        }
        return s;
    }

    private static void requireSpatialSize(Volume<?> volume, long[] expected, String operation) {
        long[] actual = Arrays.copyOf(volume.dimensions(), 3);
        if (!Arrays.equals(actual, expected)) {
            throw new IllegalArgumentException("cannot " + operation + " a volume of spatial size "
                    + Arrays.toString(actual) + ": this padding expects " + Arrays.toString(expected));
        }
    }

    /** The spatial size {@code spatial} followed by the volume's frame count if it is 4-D. */
    private static long[] withFrames(long[] spatial, Volume<?> volume) {
        long[] size = Arrays.copyOf(spatial, volume.numDimensions());
        if (size.length == 4) {
            size[3] = volume.dimension(3);
        }
        return size;
    }

    /** The spatial offset followed by 0 for the frame axis if the volume is 4-D. */
    private static long[] withFrameOffset(long[] spatial, Volume<?> volume) {
        return Arrays.copyOf(spatial, volume.numDimensions());
    }
}
