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
import java.util.OptionalDouble;

/** {@link HeaderSource} backed by the Part 10 parser ({@link DicomParser}, {@link PixelData}). */
final class ParserSource implements HeaderSource {

    static final ParserSource INSTANCE = new ParserSource();

    private ParserSource() {}

    @Override
    public DicomDataset header(Path file) throws IOException {
        return DicomParser.readHeader(file).dataset();
    }

    @Override
    public float[][] frames(Path file) throws IOException {
        Pixels p = pixels(file);
        float[][] out = new float[p.frameCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.samples(i);
        }
        return out;
    }

    /**
     * The file read once. Native 16-bit grey-scale pixel data (what classic MR series hold) is decoded
     * frame by frame, when asked, straight from the file's bytes ({@link Native16}); anything else is
     * decoded whole here by {@link PixelData#decodeFrame}.
     */
    @Override
    public Pixels pixels(Path file) throws IOException {
        DicomFile f = DicomParser.read(file);
        if (!f.hasPixelData()) {
            throw new DicomFormatException(file, "has no Pixel Data (7FE0,0010)");
        }
        int n = f.frameCount();
        // Stored values equal to Pixel Padding Value (0028,0120) carry no data (PS3.3 C.7.5.1.1.2): NaN, so
        // any rescale leaves them NaN (e.g. the blank voxels of exported maps).
        OptionalDouble padding = f.dataset().number(DerivedMapExport.PIXEL_PADDING_VALUE);
        Native16 fast = Native16.of(f, n, padding);
        if (fast != null) {
            return fast;
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            FrameSamples s = PixelData.decodeFrame(f, i);
            if (s.samplesPerPixel() != 1) {
                throw new DicomFormatException(
                        file,
                        "has " + s.samplesPerPixel()
                                + " samples per pixel (colour); series assembly reads grey-scale images only");
            }
            float[] px = new float[s.length()];
            if (s.isInteger()) {
                int[] v = s.integers();
                for (int p = 0; p < px.length; p++) {
                    px[p] = v[p];
                }
            } else {
                for (int p = 0; p < px.length; p++) {
                    px[p] = (float) s.value(p);
                }
            }
            if (padding.isPresent()) {
                padToNaN(px, px.length, 0, (float) padding.getAsDouble());
            }
            out[i] = px;
        }
        return Pixels.of(out);
    }

    /** Samples equal to {@code pad} become NaN. */
    private static void padToNaN(float[] px, int n, int off, float pad) {
        for (int p = off; p < off + n; p++) {
            if (px[p] == pad) {
                px[p] = Float.NaN;
            }
        }
    }

    /**
     * Native (PS3.5 §8.1.1) grey-scale pixel data of 16-bit cells, decoded from the bytes the parser holds
     * with one bulk copy per frame and no intermediate arrays: the same samples as
     * {@link PixelData#decodeFrame} (BitsStored bits ending at HighBit, sign-extended for Pixel
     * Representation 1), padding NaN.
     */
    private static final class Native16 implements Pixels {

        private final DicomFile file;
        private final int frames;
        private final int samples;
        private final int shift;
        private final int up;
        private final boolean signed;
        private final boolean padded;
        private final float pad;
        private short[] cells; // one frame's cells, reused from frame to frame

        private Native16(
                DicomFile file, int frames, int samples, int shift, int up, boolean signed, OptionalDouble padding) {
            this.file = file;
            this.frames = frames;
            this.samples = samples;
            this.shift = shift;
            this.up = up;
            this.signed = signed;
            this.padded = padding.isPresent();
            this.pad = padded ? (float) padding.getAsDouble() : 0;
        }

        /**
         * The fast decoder if the file's pixel data is native, one sample per pixel, 16 bits allocated, with
         * consistent Image Pixel attributes and enough bytes for all frames; else null (then
         * {@link PixelData#decodeFrame} decodes it, or reports what is wrong).
         */
        static Native16 of(DicomFile f, int frames, OptionalDouble padding) throws DicomFormatException {
            ParsedDataset ds = f.parsedDataset();
            if (f.isEncapsulated() || ds.tagAt(f.requirePixels()) != Tags.PixelData) {
                return null;
            }
            int rows = ds.integer(Tags.Rows).orElse(0);
            int columns = ds.integer(Tags.Columns).orElse(0);
            int spp = ds.integer(Tags.SamplesPerPixel).orElse(1);
            int bitsAllocated = ds.integer(Tags.BitsAllocated).orElse(0);
            int bitsStored = ds.integer(Tags.BitsStored).orElse(bitsAllocated);
            int highBit = ds.integer(Tags.HighBit).orElse(bitsStored - 1);
            int representation = ds.integer(Tags.PixelRepresentation).orElse(0);
            if (rows < 1
                    || columns < 1
                    || (long) rows * columns > Integer.MAX_VALUE - 8
                    || spp != 1
                    || bitsAllocated != 16
                    || bitsStored < 1
                    || bitsStored > 16
                    || highBit < bitsStored - 1
                    || highBit >= 16
                    || (representation != 0 && representation != 1)) {
                return null;
            }
            try {
                f.frameBytes(0); // checks that the value holds every frame
            } catch (DicomFormatException e) {
                return null;
            }
            return new Native16(
                    f, frames, rows * columns, highBit + 1 - bitsStored, 32 - bitsStored, representation == 1, padding);
        }

        @Override
        public int frameCount() {
            return frames;
        }

        @Override
        public int length(int frame) {
            return samples;
        }

        @Override
        public float[] samples(int frame) throws DicomFormatException {
            float[] px = new float[samples];
            mapInto(frame, 1, 0, px, 0);
            return px;
        }

        @Override
        public void mapInto(int frame, double slope, double intercept, float[] dst, int off)
                throws DicomFormatException {
            if (cells == null) {
                cells = new short[samples];
            }
            // the view is in the data set's byte order, so this is a copy (with a swap for big endian)
            file.frameBytes(frame).asShortBuffer().get(cells, 0, samples);
            short[] c = cells;
            int n = samples, s = shift, u = up;
            if (signed) {
                for (int p = 0; p < n; p++) {
                    dst[off + p] = ((c[p] & 0xFFFF) >>> s << u) >> u;
                }
            } else {
                for (int p = 0; p < n; p++) {
                    dst[off + p] = ((c[p] & 0xFFFF) >>> s << u) >>> u;
                }
            }
            if (padded) {
                padToNaN(dst, n, off, pad);
            }
            // integer samples: 1 · x + 0 is x exactly, so the identity needs no pass
            if (slope != 1 || intercept != 0) {
                Pixels.map(dst, off, n, slope, intercept, dst, off);
            }
        }
    }
}
