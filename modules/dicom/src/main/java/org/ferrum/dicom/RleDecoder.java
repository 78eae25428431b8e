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

/**
 * Decoder for the DICOM RLE Lossless transfer syntax, PS3.5 Annex G.
 *
 * <p>A frame is one fragment (§G.2) that starts with a 64-byte header of sixteen little-endian 32-bit
 * numbers (§G.5): the number of segments, then the offset of each segment from the start of the header
 * (unused entries 0). There is one segment per byte of each sample (§G.2): for each sample in turn
 * (red, green, blue; or the single grey sample), its most significant byte first. Each segment is a byte
 * plane of Rows × Columns bytes, compressed as a PackBits-style byte stream (§G.3.1): a header byte n
 * followed by n + 1 literal bytes (0 ≤ n ≤ 127), or by one byte repeated 1 − n times (−127 ≤ n ≤ −1);
 * n = −128 is skipped.
 */
final class RleDecoder {

    private RleDecoder() {}

    /**
     * Decodes one frame to its pixel cells, interleaved (sample s of pixel p at {@code p * samplesPerPixel + s}),
     * each cell composed of its {@code bitsAllocated / 8} bytes, most significant first.
     *
     * @param data the frame's fragment
     * @throws DicomFormatException if the header or a segment does not match the image size
     */
    static int[] decode(
            byte[] data, int off, int len, int columns, int rows, int samplesPerPixel, int bitsAllocated, Path file)
            throws DicomFormatException {
        if (bitsAllocated % 8 != 0 || bitsAllocated < 8 || bitsAllocated > 32) {
            throw new DicomFormatException(
                    file, "RLE pixel data with BitsAllocated " + bitsAllocated + " is not supported (8, 16 or 32)");
        }
        int bytesPerSample = bitsAllocated / 8;
        int expectedSegments = bytesPerSample * samplesPerPixel;
        if (len < 64) {
            throw new DicomFormatException(
                    file, "RLE frame of " + len + " bytes is shorter than its 64-byte header (PS3.5 §G.5)");
        }
        long segments = le32(data, off);
        if (segments != expectedSegments) {
            throw new DicomFormatException(
                    file,
                    "RLE header says " + segments + " segments but " + samplesPerPixel + " sample(s) of "
                            + bitsAllocated + " bits need " + expectedSegments + " (PS3.5 §G.2)");
        }
        long planeBytes = (long) columns * rows;
        // A PackBits run of 2 bytes yields at most 128 (§G.3.1): a frame too short to fill its planes is refused
        // before the planes are allocated from Rows × Columns.
        if (planeBytes * expectedSegments > 64L * len || planeBytes * samplesPerPixel > Integer.MAX_VALUE - 8) {
            throw new DicomFormatException(
                    file,
                    "RLE frame of " + len + " bytes cannot hold " + expectedSegments + " segments of " + columns + "×"
                            + rows + " bytes (PS3.5 §G.3)");
        }
        int pixels = (int) planeBytes;
        int[] cells = new int[Math.multiplyExact(pixels, samplesPerPixel)];
        byte[] plane = new byte[pixels];
        for (int s = 0; s < expectedSegments; s++) {
            long start = le32(data, off + 4 + 4 * s);
            long end = s + 1 < expectedSegments ? le32(data, off + 8 + 4 * s) : len;
            if (start < 64 || start > end || end > len) {
                throw new DicomFormatException(
                        file,
                        "RLE segment " + (s + 1) + " has offsets " + start + ".." + end + " outside the frame's " + len
                                + " bytes (PS3.5 §G.5)");
            }
            unpack(data, off + (int) start, off + (int) end, plane, s, file);
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int p = 0, c = sample; p < pixels; p++, c += samplesPerPixel) {
                cells[c] |= (plane[p] & 0xFF) << shift;
            }
        }
        return cells;
    }

    /** Unpacks one segment (PS3.5 §G.3.1) into {@code plane}, which it must fill exactly; bytes left over are padding. */
    private static void unpack(byte[] in, int p, int end, byte[] plane, int segment, Path file)
            throws DicomFormatException {
        int out = 0;
        int n = plane.length;
        while (out < n && p < end) {
            int h = in[p++];
            if (h >= 0) {
                int count = Math.min(h + 1, Math.min(n - out, end - p));
                System.arraycopy(in, p, plane, out, count);
                p += h + 1;
                out += count;
            } else if (h != -128) {
                if (p >= end) {
                    break;
                }
                int count = Math.min(1 - h, n - out);
                byte b = in[p++];
                java.util.Arrays.fill(plane, out, out + count, b);
                out += count;
            }
        }
        if (out < n) {
            throw new DicomFormatException(
                    file,
                    "RLE segment " + (segment + 1) + " decodes to " + out + " bytes, the image needs " + n
                            + " (PS3.5 §G.3)");
        }
    }

    private static long le32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
