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

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Decodes frames of pixel data to sample values ({@link FrameSamples}), for every transfer syntax Ferrum
 * supports: native (PS3.5 §8.1.1), RLE Lossless (Annex G), lossless JPEG (process 14, ITU-T T.81) and
 * JPEG 2000 (ISO/IEC 15444-1). Other syntaxes fail with "unsupported transfer syntax" (never wrong pixels).
 *
 * <p>Image Pixel module attributes used (PS3.3 C.7.6.3): Rows, Columns, SamplesPerPixel (default 1),
 * BitsAllocated (8, 16 or 32), BitsStored (default BitsAllocated), HighBit (default BitsStored − 1),
 * PixelRepresentation (0 unsigned, 1 two's complement), PlanarConfiguration (0 interleaved, 1 planes).
 * A cell's sample is its bits HighBit − BitsStored + 1 … HighBit (PS3.5 §8.1.1, Annex D), sign-extended for
 * Pixel Representation 1; bits outside them (e.g. overlays in old files) are dropped.
 */
public final class PixelData {

    private PixelData() {}

    /**
     * Decodes frame {@code frame} (0-based) of a file read with {@link DicomParser#read}.
     *
     * @throws DicomFormatException if there is no pixel data, the Image Pixel attributes are missing or
     *         inconsistent, the pixel data is short, or the transfer syntax is not decoded by Ferrum
     * @throws IndexOutOfBoundsException if {@code frame} is not in {@code 0 .. frameCount() − 1}
     */
    public static FrameSamples decodeFrame(DicomFile file, int frame) throws DicomFormatException {
        ParsedDataset ds = file.parsedDataset();
        Path path = file.path();
        int index = file.requirePixels();
        int tag = ds.tagAt(index);
        int frames = file.frameCount();
        if (frame < 0 || frame >= frames) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frames + " in " + path);
        }
        int rows = positive(ds, Tags.Rows, path);
        int columns = positive(ds, Tags.Columns, path);
        int spp = ds.integer(Tags.SamplesPerPixel).orElse(1);
        if (spp < 1 || spp > 4) {
            throw new DicomFormatException(
                    path, Tags.format(Tags.SamplesPerPixel) + " is " + spp + " (1 to 4 expected)");
        }
        int planar = spp > 1 ? ds.integer(Tags.PlanarConfiguration).orElse(0) : 0;
        long pixels = (long) rows * columns;
        if (pixels * spp > Integer.MAX_VALUE - 8) {
            throw new DicomFormatException(
                    path, "frame of " + columns + "×" + rows + "×" + spp + " samples is too large");
        }

        if (tag == Tags.FloatPixelData || tag == Tags.DoubleFloatPixelData) {
            return decodeFloat(file, frame, tag, columns, rows, spp, planar);
        }

        int bitsAllocated = positive(ds, Tags.BitsAllocated, path);
        int bitsStored = ds.integer(Tags.BitsStored).orElse(bitsAllocated);
        int highBit = ds.integer(Tags.HighBit).orElse(bitsStored - 1);
        int representation = ds.integer(Tags.PixelRepresentation).orElse(0);
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new DicomFormatException(
                    path,
                    Tags.format(Tags.BitsAllocated) + " is " + bitsAllocated + ": only 8, 16 and 32 are supported");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new DicomFormatException(
                    path,
                    "inconsistent " + Tags.format(Tags.BitsStored) + " " + bitsStored + ", "
                            + Tags.format(Tags.HighBit) + " " + highBit + " for " + Tags.format(Tags.BitsAllocated)
                            + " " + bitsAllocated
                            + " (PS3.3 C.7.6.3.1)");
        }
        if (representation != 0 && representation != 1) {
            throw new DicomFormatException(
                    path, Tags.format(Tags.PixelRepresentation) + " is " + representation + " (0 or 1 expected)");
        }
        boolean signed = representation == 1;
        int samples = (int) (pixels * spp);

        int[] cells;
        TransferSyntax ts = file.transferSyntax();
        if (!file.isEncapsulated()) {
            cells = nativeCells(file, frame, samples, bitsAllocated, spp, planar);
        } else {
            ts.requireDecodable(file.transferSyntaxUid(), path);
            switch (ts) {
                case RLE_LOSSLESS: {
                    byte[] codestream = file.frameCodestream(frame);
                    // Annex G segments are sample planes: the decoder interleaves whatever PlanarConfiguration says.
                    cells = RleDecoder.decode(
                            codestream, 0, codestream.length, columns, rows, spp, bitsAllocated, path);
                    break;
                }
                case JPEG_LOSSLESS:
                case JPEG_LOSSLESS_SV1:
                    cells = checked(
                            JpegLosslessDecoder.decode(file.frameCodestream(frame), path), columns, rows, spp, path);
                    return fromSamples(cells, columns, rows, spp, bitsStored, signed);
                case JPEG_2000_LOSSLESS:
                case JPEG_2000:
                    cells = checked(
                            Jpeg2000Decoder.decode(file.frameCodestream(frame), path), columns, rows, spp, path);
                    return fromSamples(cells, columns, rows, spp, bitsStored, signed);
                default:
                    throw new DicomFormatException(
                            path,
                            "unsupported transfer syntax " + ts.displayName() + " (" + file.transferSyntaxUid() + ")");
            }
        }

        // PS3.5 §8.1.1: the sample is BitsStored bits ending at HighBit.
        int shift = highBit + 1 - bitsStored;
        if (bitsStored == 32 && !signed) {
            double[] reals = new double[samples];
            for (int i = 0; i < samples; i++) {
                reals[i] = cells[i] & 0xFFFFFFFFL;
            }
            return new FrameSamples(columns, rows, spp, bitsStored, false, null, reals);
        }
        if (shift != 0 || bitsStored != 32) {
            int up = 32 - bitsStored;
            for (int i = 0; i < samples; i++) {
                int v = cells[i] >>> shift;
                cells[i] = signed ? (v << up) >> up : (v << up) >>> up;
            }
        }
        return new FrameSamples(columns, rows, spp, bitsStored, signed, cells, null);
    }

    /** Decoded samples (already values, not cells): sign-extended from BitsStored for Pixel Representation 1 (PS3.5 §8.2). */
    private static FrameSamples fromSamples(
            int[] samples, int columns, int rows, int spp, int bitsStored, boolean signed) {
        if (signed && bitsStored < 32) {
            int up = 32 - bitsStored;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (samples[i] << up) >> up;
            }
        }
        return new FrameSamples(columns, rows, spp, bitsStored, signed, samples, null);
    }

    private static int[] checked(DecodedImage image, int columns, int rows, int spp, Path path)
            throws DicomFormatException {
        if (image.columns() != columns
                || image.rows() != rows
                || image.samplesPerPixel() != spp
                || image.samples().length != columns * rows * spp) {
            throw new DicomFormatException(
                    path,
                    "codestream decodes to " + image.columns() + "×" + image.rows() + "×" + image.samplesPerPixel()
                            + " but the data set says " + columns + "×" + rows + "×" + spp);
        }
        return image.samples();
    }

    /** Native cells of one frame, interleaved, in the data set's byte order (PS3.5 §7.3, §8.1.1). */
    private static int[] nativeCells(DicomFile file, int frame, int samples, int bitsAllocated, int spp, int planar)
            throws DicomFormatException {
        java.nio.ByteBuffer bb = file.frameBytes(frame);
        ParsedDataset ds = file.parsedDataset();
        boolean bigEndian = ds.bigEndian();
        int[] cells = new int[samples];
        byte[] raw = new byte[bb.remaining()];
        bb.duplicate().get(raw);
        switch (bitsAllocated) {
            case 8 -> {
                // PS3.5 §A.3: in Explicit VR Big Endian, OW is a stream of 16-bit words, so 8-bit samples in OW
                // come byte-swapped in pairs (relative to the start of the value).
                int i = ds.indexOf(Tags.PixelData);
                if (bigEndian && ds.vrAt(i) == Vr.OW) {
                    byte[] buf = ds.buffer();
                    long first = (long) frame * samples;
                    for (int k = 0; k < samples; k++) {
                        // OW lengths are even, so the swapped partner of a byte inside the value is inside it too
                        cells[k] = buf[ds.offsetAt(i) + (int) ((first + k) ^ 1)] & 0xFF;
                    }
                } else {
                    for (int k = 0; k < samples; k++) {
                        cells[k] = raw[k] & 0xFF;
                    }
                }
            }
            case 16 -> {
                for (int k = 0, p = 0; k < samples; k++, p += 2) {
                    cells[k] = bigEndian
                            ? ((raw[p] & 0xFF) << 8) | (raw[p + 1] & 0xFF)
                            : (raw[p] & 0xFF) | ((raw[p + 1] & 0xFF) << 8);
                }
            }
            default -> {
                for (int k = 0, p = 0; k < samples; k++, p += 4) {
                    cells[k] = bigEndian
                            ? ((raw[p] & 0xFF) << 24)
                                    | ((raw[p + 1] & 0xFF) << 16)
                                    | ((raw[p + 2] & 0xFF) << 8)
                                    | (raw[p + 3] & 0xFF)
                            : ((raw[p + 3] & 0xFF) << 24)
                                    | ((raw[p + 2] & 0xFF) << 16)
                                    | ((raw[p + 1] & 0xFF) << 8)
                                    | (raw[p] & 0xFF);
                }
            }
        }
        return planar == 1 ? interleave(cells, spp) : cells;
    }

    /** PlanarConfiguration 1 (color-by-plane, PS3.3 C.7.6.3.1.3) to color-by-pixel. */
    private static int[] interleave(int[] planes, int spp) {
        int pixels = planes.length / spp;
        int[] out = new int[planes.length];
        for (int s = 0; s < spp; s++) {
            for (int p = 0; p < pixels; p++) {
                out[p * spp + s] = planes[s * pixels + p];
            }
        }
        return out;
    }

    private static FrameSamples decodeFloat(
            DicomFile file, int frame, int tag, int columns, int rows, int spp, int planar)
            throws DicomFormatException {
        if (file.isEncapsulated()) {
            throw new DicomFormatException(
                    file.path(), Tags.format(tag) + " is encapsulated, which PS3.5 §A.4 does not allow");
        }
        java.nio.ByteBuffer bb = file.frameBytes(frame);
        int samples = columns * rows * spp;
        double[] values = new double[samples];
        boolean single = tag == Tags.FloatPixelData;
        for (int k = 0; k < samples; k++) {
            values[k] = single ? bb.getFloat(bb.position() + 4 * k) : bb.getDouble(bb.position() + 8 * k);
        }
        if (planar == 1) {
            double[] out = new double[samples];
            int pixels = samples / spp;
            for (int s = 0; s < spp; s++) {
                for (int p = 0; p < pixels; p++) {
                    out[p * spp + s] = values[s * pixels + p];
                }
            }
            values = out;
        }
        return new FrameSamples(columns, rows, spp, single ? 32 : 64, true, null, values);
    }

    private static int positive(ParsedDataset ds, int tag, Path path) throws DicomFormatException {
        OptionalInt v = ds.integer(tag);
        if (v.isEmpty()) {
            throw new DicomFormatException(path, Tags.format(tag) + " is missing (PS3.3 C.7.6.3 Image Pixel module)");
        }
        if (v.getAsInt() < 1) {
            throw new DicomFormatException(path, Tags.format(tag) + " is " + v.getAsInt() + ", not a positive number");
        }
        return v.getAsInt();
    }
}
