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
import java.util.Objects;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.NumericType;
import net.imglib2.view.Views;
import org.ferrum.core.labels.LabelTable;

/**
 * A 3-D image, or a 4-D stack of 3-D images (echoes or time points last), placed in the patient by a
 * {@link Geometry} and measured in a {@link PhysicalUnit}.
 *
 * <p>Contract: dimensions 0..2 are the spatial index axes (i, j, k) the geometry maps to millimetres;
 * dimension 3, if present, indexes frames (echoes, time points) that share that geometry. The image's
 * minimum is the origin (0, 0, 0[, 0]). The value at each voxel is in {@link #unit()}. Volumes are
 * immutable holders: the pixels belong to the image, which may be written by whoever created it.
 *
 * <p>A label map may carry its legend ({@link #labels()}): names, structures, sides and colours of its values. The
 * legend goes with the pixels through {@link #frame}, {@link #withImage}, {@link #withUnit} and {@link #withGeometry}
 * (a resampled label map keeps its names); a new {@code Volume} built with the constructor has none.
 *
 * <p>Real data is typically {@code FloatType}; complex data is {@code ComplexFloatType} on an
 * {@code ArrayImg}, whose interleaved {@code float[]} the FFT transforms in place (see {@link Volumes}).
 *
 * @param <T> the pixel type
 */
public final class Volume<T extends NumericType<T>> {

    private final RandomAccessibleInterval<T> image;
    private final Geometry geometry;
    private final PhysicalUnit unit;
    private final LabelTable labels;

    /**
     * @throws IllegalArgumentException if the image is not 3-D or 4-D or does not start at the origin
     */
    public Volume(RandomAccessibleInterval<T> image, Geometry geometry, PhysicalUnit unit) {
        this(image, geometry, unit, LabelTable.EMPTY);
    }

    private Volume(RandomAccessibleInterval<T> image, Geometry geometry, PhysicalUnit unit, LabelTable labels) {
        this.image = Objects.requireNonNull(image, "image");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.labels = Objects.requireNonNull(labels, "labels");
        int n = image.numDimensions();
        if (n != 3 && n != 4) {
            throw new IllegalArgumentException("a volume is 3-D or 4-D, got " + n + "-D");
        }
        for (int d = 0; d < n; d++) {
            if (image.min(d) != 0) {
                throw new IllegalArgumentException(
                        "a volume's image must start at the origin, min(" + d + ") = " + image.min(d));
            }
        }
    }

    public RandomAccessibleInterval<T> image() {
        return image;
    }

    public Geometry geometry() {
        return geometry;
    }

    public PhysicalUnit unit() {
        return unit;
    }

    /** 3 or 4. */
    public int numDimensions() {
        return image.numDimensions();
    }

    /** Size along dimension {@code d}. */
    public long dimension(int d) {
        return image.dimension(d);
    }

    /** Sizes of all dimensions. */
    public long[] dimensions() {
        return image.dimensionsAsLongArray();
    }

    /** Number of voxels in one 3-D frame. */
    public long voxelsPerFrame() {
        return image.dimension(0) * image.dimension(1) * image.dimension(2);
    }

    /** Number of frames along dimension 3 (1 for a 3-D volume). */
    public int frames() {
        return numDimensions() == 4 ? Math.toIntExact(image.dimension(3)) : 1;
    }

    /** The 3-D frame {@code t} (a view sharing pixels; the volume itself if it is 3-D and t = 0). */
    public Volume<T> frame(int t) {
        if (t < 0 || t >= frames()) {
            throw new IndexOutOfBoundsException("frame " + t + " of " + frames());
        }
        if (numDimensions() == 3) {
            return this;
        }
        return new Volume<>(Views.hyperSlice(image, 3, t), geometry, unit, labels);
    }

    /** The same geometry, unit and legend around another image. */
    public <U extends NumericType<U>> Volume<U> withImage(RandomAccessibleInterval<U> other) {
        return new Volume<>(other, geometry, unit, labels);
    }

    /** The same pixels, declared in another unit (no conversion is applied). */
    public Volume<T> withUnit(PhysicalUnit other) {
        return new Volume<>(image, geometry, other, labels);
    }

    /** The same pixels placed by another geometry. */
    public Volume<T> withGeometry(Geometry other) {
        return new Volume<>(image, other, unit, labels);
    }

    /** The legend of a label map: names of its values ({@link LabelTable#EMPTY} when none was given). */
    public LabelTable labels() {
        return labels;
    }

    /** The same pixels with this legend. */
    public Volume<T> withLabels(LabelTable legend) {
        return new Volume<>(image, geometry, unit, legend);
    }

    /** The pixel type (a fresh variable). */
    public T pixelType() {
        return image.getType().createVariable();
    }

    @Override
    public String toString() {
        return "Volume[" + Arrays.toString(dimensions()) + " "
                + pixelType().getClass().getSimpleName() + " in " + unit.symbol() + ", " + geometry + "]";
    }
}
