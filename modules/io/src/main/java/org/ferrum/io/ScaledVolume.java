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
package org.ferrum.io;

import java.util.List;
import java.util.Objects;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.ComplexType;
import net.imglib2.type.numeric.NumericType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;

/**
 * A volume as a file stores it: the stored pixels in their own type (e.g. {@code ShortType} for a
 * 16-bit file) and the linear map from stored to physical values.
 *
 * <p>Contract: the physical value of a voxel is {@code slope · s + intercept}, where {@code s} is
 * the stored value, in {@code stored().unit()}; for complex pixels the map applies to the real and
 * imaginary parts separately (as NIfTI's scl_slope/scl_inter and DICOM's Rescale Slope/Intercept
 * do). {@code slope} is finite and non-zero, {@code intercept} finite. Identity scaling is slope 1,
 * intercept 0. The geometry and unit are the stored volume's. {@code warnings} are what the reader
 * found doubtful but read anyway (e.g. a NaN scl_slope on integer data), one line each without the
 * file name, for the caller to show (the pipeline's reader logs them as "warning: " lines).
 *
 * @param stored    the stored pixels, geometry and physical unit
 * @param slope     multiplier from stored to physical values
 * @param intercept offset added after the multiplication
 * @param warnings  doubts about the file that did not stop reading (usually none)
 * @param <T>       the stored pixel type
 */
public record ScaledVolume<T extends NumericType<T>>(
        Volume<T> stored, double slope, double intercept, List<String> warnings) {

    public ScaledVolume {
        Objects.requireNonNull(stored, "stored");
        if (!(slope != 0) || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException(
                    "scaling must have a finite non-zero slope and a finite intercept, got slope " + slope
                            + ", intercept " + intercept);
        }
        warnings = List.copyOf(warnings);
    }

    /** Scaling without warnings. */
    public ScaledVolume(Volume<T> stored, double slope, double intercept) {
        this(stored, slope, intercept, List.of());
    }

    /** A volume whose stored values are its physical values. */
    public static <T extends NumericType<T>> ScaledVolume<T> unscaled(Volume<T> volume) {
        return new ScaledVolume<>(volume, 1, 0);
    }

    /** True unless slope is 1 and intercept 0. */
    public boolean isScaled() {
        return slope != 1 || intercept != 0;
    }

    /** True for real-valued stored pixels (integers, floats), for which {@link #floatView()} and {@link #toFloat()} exist. */
    public boolean isReal() {
        return stored.pixelType() instanceof RealType<?>;
    }

    /** True for complex stored pixels (e.g. {@code ComplexFloatType}). */
    public boolean isComplex() {
        return !isReal() && stored.pixelType() instanceof ComplexType<?>;
    }

    /**
     * A lazy view of the physical values as floats, {@code (float) (slope · s + intercept)} computed in
     * double precision on each access.
     *
     * @throws IllegalStateException if the stored pixels are not real
     */
    public RandomAccessibleInterval<FloatType> floatView() {
        RandomAccessibleInterval<? extends RealType<?>> real = realImage();
        double a = slope, b = intercept;
        return Converters.convert(real, (s, f) -> f.setReal(a * s.getRealDouble() + b), new FloatType());
    }

    /**
     * An array-backed copy of the physical values as floats (same geometry and unit), each
     * {@code (float) (slope · s + intercept)} computed in double precision. A float file without
     * scaling is copied bit for bit.
     *
     * @throws IllegalStateException if the stored pixels are not real
     */
    @SuppressWarnings("unchecked")
    public Volume<FloatType> toFloat() {
        RandomAccessibleInterval<? extends RealType<?>> real = realImage();
        Volume<FloatType> out = Volumes.createFloat(stored.dimensions(), stored.geometry(), stored.unit());
        if (!isScaled() && stored.pixelType() instanceof FloatType && Volumes.isArrayBacked(stored)) {
            float[] src = Volumes.floats((Volume<FloatType>) (Volume<?>) stored);
            if (Volumes.isArrayBacked(out)) {
                System.arraycopy(src, 0, Volumes.floats(out), 0, src.length);
                return out;
            }
        }
        double a = slope, b = intercept;
        LoopBuilder.setImages((RandomAccessibleInterval<RealType<?>>) real, out.image())
                .multiThreaded()
                .forEachPixel((s, f) -> f.setReal(a * s.getRealDouble() + b));
        return out;
    }

    /**
     * An array-backed copy of the physical values as complex floats: for complex pixels both parts are
     * scaled, for real pixels the imaginary part is 0.
     */
    @SuppressWarnings("unchecked")
    public Volume<ComplexFloatType> toComplexFloat() {
        if (!(stored.pixelType() instanceof ComplexType<?>)) {
            throw new IllegalStateException("stored pixels of type "
                    + stored.pixelType().getClass().getSimpleName() + " have no complex value");
        }
        Volume<ComplexFloatType> out = Volumes.createComplex(stored.dimensions(), stored.geometry(), stored.unit());
        double a = slope, b = intercept;
        double bi = isReal() ? 0 : intercept; // a real value has no imaginary part to offset
        LoopBuilder.setImages(
                        (RandomAccessibleInterval<ComplexType<?>>) (RandomAccessibleInterval<?>) stored.image(),
                        out.image())
                .multiThreaded()
                .forEachPixel((s, c) ->
                        c.set((float) (a * s.getRealDouble() + b), (float) (a * s.getImaginaryDouble() + bi)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private RandomAccessibleInterval<? extends RealType<?>> realImage() {
        if (!isReal()) {
            throw new IllegalStateException(
                    "stored pixels of type " + stored.pixelType().getClass().getSimpleName()
                            + " are not real numbers; use toComplexFloat() for complex data");
        }
        return (RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) stored.image();
    }
}
