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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The RLE Lossless decoder against hand-built frames (PS3.5 Annex G). */
class RleDecoderTest {

    private static final Path FILE = Path.of("rle.dcm");

    /** A frame: the 64-byte header (§G.5) and the given encoded segments. */
    private static byte[] frame(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] header = new int[16];
        header[0] = segments.length;
        int offset = 64;
        for (int i = 0; i < segments.length; i++) {
            header[i + 1] = offset;
            offset += segments[i].length;
        }
        for (int h : header) {
            out.write(h);
            out.write(h >>> 8);
            out.write(h >>> 16);
            out.write(h >>> 24);
        }
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void literalReplicateAndNoOpRuns() throws Exception {
        // 2 literal bytes (n = 1), -128 no-op, 3 copies of 7 (n = -2), 1 literal; padding byte at the end
        byte[] f = frame(b(1, 10, 20, -128, -2, 7, 0, 99, 0));
        int[] cells = RleDecoder.decode(f, 0, f.length, 3, 2, 1, 8, FILE);
        assertArrayEquals(new int[] {10, 20, 7, 7, 7, 99}, cells);
    }

    @Test
    void sixteenBitSamplesComposeMostSignificantSegmentFirst() throws Exception {
        byte[] msb = b(3, 0x01, 0x02, 0xFF, 0x00);
        byte[] lsb = b(-3, 0x34);
        byte[] f = frame(msb, lsb);
        int[] cells = RleDecoder.decode(f, 0, f.length, 2, 2, 1, 16, FILE);
        assertArrayEquals(new int[] {0x0134, 0x0234, 0xFF34, 0x0034}, cells);
    }

    @Test
    void colourSegmentsAreInterleaved() throws Exception {
        byte[] f = frame(b(-1, 200), b(-1, 100), b(1, 1, 2));
        int[] cells = RleDecoder.decode(f, 0, f.length, 2, 1, 3, 8, FILE);
        assertArrayEquals(new int[] {200, 100, 1, 200, 100, 2}, cells);
    }

    @Test
    void thirtyTwoBitSamplesUseFourSegments() throws Exception {
        byte[] f = frame(b(0, 0x12), b(0, 0x34), b(0, 0x56), b(0, 0x78));
        assertArrayEquals(new int[] {0x12345678}, RleDecoder.decode(f, 0, f.length, 1, 1, 1, 32, FILE));
    }

    @Test
    void wrongSegmentCountShortSegmentAndBadOffsetsAreErrors() {
        byte[] one = frame(b(1, 1, 2));
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> RleDecoder.decode(one, 0, one.length, 2, 1, 1, 16, FILE));
        assertTrue(e.getMessage().startsWith("rle.dcm: RLE header says 1 segments"), e.getMessage());

        byte[] shortSegment = frame(b(0, 5));
        e = assertThrows(
                DicomFormatException.class,
                () -> RleDecoder.decode(shortSegment, 0, shortSegment.length, 4, 1, 1, 8, FILE));
        assertTrue(e.getMessage().contains("decodes to 1 bytes, the image needs 4"), e.getMessage());

        byte[] bad = frame(b(0, 5));
        bad[4] = (byte) 0xF0; // first segment offset far past the frame
        assertThrows(DicomFormatException.class, () -> RleDecoder.decode(bad, 0, bad.length, 1, 1, 1, 8, FILE));

        assertThrows(DicomFormatException.class, () -> RleDecoder.decode(new byte[10], 0, 10, 1, 1, 1, 8, FILE));
    }

    @Test
    void realRleFileMatchesItsUncompressedTwin() throws Exception {
        DicomFile rle = DicomParser.read(org.ferrum.pipeline.testkit.TestData.path("dicom/pydicom/MR_small_RLE.dcm"));
        DicomFile plain = DicomParser.read(org.ferrum.pipeline.testkit.TestData.path("dicom/pydicom/MR_small.dcm"));
        assertTrue(rle.isEncapsulated());
        assertTrue(rle.fragments(0).size() >= 1);
        assertArrayEquals(
                PixelData.decodeFrame(plain, 0).integers(),
                PixelData.decodeFrame(rle, 0).integers());
    }
}
