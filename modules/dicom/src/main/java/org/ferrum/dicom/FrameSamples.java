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
package org.ferrum.dicom;

/**
 * The sample values of one decoded frame: stored values as the pixel data holds them, before any rescale
 * (Modality LUT, PS3.3 C.11.1) or real-world value mapping — applying those is the reader's decision.
 *
 * <p>Layout: row-major, the samples of one pixel interleaved whatever the file's planar configuration:
 * sample {@code s} of pixel ({@code x}, {@code y}) is at index {@code (y * columns + x) * samplesPerPixel + s}.
 * Integer data ({@link #isInteger()}) has been masked to BitsStored bits and, for Pixel Representation 1,
 * sign-extended (PS3.5 §8.1.1, PS3.3 C.7.6.3.1); FloatPixelData and DoubleFloatPixelData, and unsigned
 * 32-bit samples, which an {@code int} cannot hold, are held as {@code double}s.
 */
public final class FrameSamples {

    private final int columns;
    private final int rows;
    private final int samplesPerPixel;
    private final int bitsStored;
    private final boolean signed;
    private final int[] integers;
    private final double[] reals;

    FrameSamples(
            int columns,
            int rows,
            int samplesPerPixel,
            int bitsStored,
            boolean signed,
            int[] integers,
            double[] reals) {
        this.columns = columns;
        this.rows = rows;
        this.samplesPerPixel = samplesPerPixel;
        this.bitsStored = bitsStored;
        this.signed = signed;
        this.integers = integers;
        this.reals = reals;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    /** Significant bits per sample (BitsStored; 32 or 64 for float pixel data). */
    public int bitsStored() {
        return bitsStored;
    }

    /** True if samples are two's complement (Pixel Representation 1) or floating point. */
    public boolean signed() {
        return signed;
    }

    /** Number of samples: columns × rows × samplesPerPixel. */
    public int length() {
        return integers != null ? integers.length : reals.length;
    }

    /** True if the samples are held as {@code int}s ({@link #integers()}). */
    public boolean isInteger() {
        return integers != null;
    }

    /**
     * The integer samples, not copied (the caller may keep or modify them).
     *
     * @throws IllegalStateException for floating-point or unsigned 32-bit data; check {@link #isInteger()}
     */
    public int[] integers() {
        if (integers == null) {
            throw new IllegalStateException("samples are not integers; use value() or toDoubles()");
        }
        return integers;
    }

    /** Sample {@code index} as a number, whatever the storage. */
    public double value(int index) {
        return integers != null ? integers[index] : reals[index];
    }

    /** All samples as {@code double}s (a new array for integer data, the held array otherwise). */
    public double[] toDoubles() {
        if (reals != null) {
            return reals;
        }
        double[] d = new double[integers.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = integers[i];
        }
        return d;
    }
}
