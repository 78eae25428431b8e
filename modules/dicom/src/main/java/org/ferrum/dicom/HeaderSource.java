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

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where assembly gets headers and pixels from: the Part 10 parser in production, an in-memory fake in
 * tests.
 */
interface HeaderSource {

    /** The main data set of a file, read up to (not including) the pixel data. */
    DicomDataset header(Path file) throws IOException;

    /**
     * The stored samples of every frame of a file (index = zero-based frame number), each row-major,
     * sign-extended as Pixel Representation says, as floats (exact for stored values up to 2^24); samples
     * equal to the Pixel Padding Value are NaN.
     */
    float[][] frames(Path file) throws IOException;

    /**
     * The pixel data of a file, read once, for assembly to take frames from. The default serves
     * {@link #frames(Path)}; the parser's source overrides it to decode frames on demand straight into the
     * destination.
     */
    default Pixels pixels(Path file) throws IOException {
        return Pixels.of(frames(file));
    }

    /**
     * The frames of one file, with the same samples as {@link HeaderSource#frames(Path)} gives. Not
     * thread-safe: one thread uses one instance.
     */
    interface Pixels {

        /** Number of frames in the file. */
        int frameCount();

        /** Number of samples of frame {@code frame}. */
        int length(int frame);

        /** The samples of frame {@code frame} as {@link HeaderSource#frames(Path)} describes them. */
        float[] samples(int frame) throws DicomFormatException;

        /**
         * Writes {@code (float) (slope · sample + intercept)} of every sample of frame {@code frame} into
         * {@code dst[off …]}, as {@link #map} would from {@link #samples(int)}.
         */
        default void mapInto(int frame, double slope, double intercept, float[] dst, int off)
                throws DicomFormatException {
            float[] px = samples(frame);
            map(px, 0, px.length, slope, intercept, dst, off);
        }

        /** Frames already decoded (not copied). */
        static Pixels of(float[][] frames) {
            return new Pixels() {
                @Override
                public int frameCount() {
                    return frames.length;
                }

                @Override
                public int length(int frame) {
                    return frames[frame].length;
                }

                @Override
                public float[] samples(int frame) {
                    return frames[frame];
                }
            };
        }

        /**
         * {@code dst[off + p] = (float) (slope · src[from + p] + intercept)} for {@code p < n} ({@code src}
         * may be {@code dst}, with {@code from == off}).
         */
        static void map(float[] src, int from, int n, double slope, double intercept, float[] dst, int off) {
            for (int p = 0; p < n; p++) {
                dst[off + p] = (float) (slope * src[from + p] + intercept);
            }
        }
    }
}
