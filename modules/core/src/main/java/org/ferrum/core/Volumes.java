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
package org.ferrum.core;

import java.util.Arrays;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.NumericType;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;

/**
 * Factory methods for volumes and access to their primitive storage.
 *
 * <p>Images with at most {@link #MAX_ARRAY_ELEMENTS} primitive elements are {@code ArrayImg}s, so
 * their storage is one Java array (for complex data the interleaved re/im {@code float[]} that the
 * FFT transforms in place); larger images are {@code CellImg}s.
 */
public final class Volumes {

    /** Largest number of primitive array elements one Java array holds. */
    public static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    private Volumes() {}

    /** A zero-filled float volume. */
    public static Volume<FloatType> createFloat(long[] dimensions, Geometry geometry, PhysicalUnit unit) {
        return new Volume<>(create(new FloatType(), dimensions), geometry, unit);
    }

    /** A zero-filled complex volume on an {@code ArrayImg} (storage: interleaved re, im floats). */
    public static Volume<ComplexFloatType> createComplex(long[] dimensions, Geometry geometry, PhysicalUnit unit) {
        long n = Intervals.numElements(dimensions);
        if (2 * n > MAX_ARRAY_ELEMENTS) {
            throw new IllegalArgumentException(
                    "complex volume of " + n + " voxels is too large for one array; " + "process it frame by frame");
        }
        return new Volume<>(ArrayImgs.complexFloats(dimensions), geometry, unit);
    }

    /** A zero-filled volume of any native type (array-backed when it fits, cell-backed otherwise). */
    public static <T extends NativeType<T> & NumericType<T>> Volume<T> create(
            T type, long[] dimensions, Geometry geometry, PhysicalUnit unit) {
        return new Volume<>(create(type, dimensions), geometry, unit);
    }

    private static <T extends NativeType<T>> Img<T> create(T type, long[] dimensions) {
        // primitive elements, not pixels: a complex float pixel takes two floats
        long n = type.getEntitiesPerPixel().mulCeil(Intervals.numElements(dimensions));
        if (n <= MAX_ARRAY_ELEMENTS) {
            return new ArrayImgFactory<>(type).create(dimensions);
        }
        // 256³-voxel cells, one frame deep: a 256⁴ cell of a 4-D volume would exceed one array
        int[] cell = new int[dimensions.length];
        Arrays.fill(cell, 256);
        if (cell.length == 4) {
            cell[3] = 1;
        }
        return new CellImgFactory<>(type, cell).create(dimensions);
    }

    /**
     * The interleaved (re, im, re, im, …) storage of an array-backed complex volume, x fastest, then y,
     * z and frame: element (x, y, z, t) is at {@code 2·(x + nx·(y + ny·(z + nz·t)))}. Writes go to the volume.
     *
     * @throws IllegalArgumentException if the image is not an {@code ArrayImg} of complex floats
     */
    public static float[] interleaved(Volume<ComplexFloatType> volume) {
        return floatStorage(volume.image(), "complex");
    }

    /**
     * The float storage of an array-backed real volume, x fastest. Writes go to the volume.
     *
     * @throws IllegalArgumentException if the image is not an {@code ArrayImg} of floats
     */
    public static float[] floats(Volume<FloatType> volume) {
        return floatStorage(volume.image(), "float");
    }

    /** True if {@link #interleaved} or {@link #floats} can return the volume's storage without copying. */
    public static boolean isArrayBacked(Volume<?> volume) {
        return volume.image() instanceof ArrayImg<?, ?> img && img.update(null) instanceof FloatArray;
    }

    /** An array-backed copy of any complex volume (same geometry and unit). */
    public static Volume<ComplexFloatType> copyComplex(Volume<ComplexFloatType> source) {
        Volume<ComplexFloatType> copy = createComplex(source.dimensions(), source.geometry(), source.unit());
        copyPixels(source.image(), copy.image());
        return copy;
    }

    /** An array-backed (when it fits) copy of any float volume (same geometry and unit). */
    public static Volume<FloatType> copyFloat(Volume<FloatType> source) {
        Volume<FloatType> copy = createFloat(source.dimensions(), source.geometry(), source.unit());
        copyPixels(source.image(), copy.image());
        return copy;
    }

    private static <T extends NumericType<T>> void copyPixels(
            RandomAccessibleInterval<T> from, RandomAccessibleInterval<T> to) {
        LoopBuilder.setImages(from, to).multiThreaded().forEachPixel((s, d) -> d.set(s));
    }

    private static float[] floatStorage(RandomAccessibleInterval<?> image, String what) {
        if (image instanceof ArrayImg<?, ?> img && img.update(null) instanceof FloatArray fa) {
            return fa.getCurrentStorageArray();
        }
        throw new IllegalArgumentException("expected an array-backed " + what + " image, got "
                + image.getClass().getSimpleName() + "; copy it first");
    }
}
