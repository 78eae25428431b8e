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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * dcm_qa_ts: one Siemens EPI mosaic (384×384, 12 bits stored, unsigned) saved in nine transfer syntaxes.
 * Every compressed syntax we decode must give exactly the pixels of the uncompressed file 1.dcm.
 *
 * <p>These tests reach the codecs directly on the codestream of each file's single frame, found with the
 * minimal explicit-VR-little-endian walk below (test-only), so that the codec results
 * stand on their own.
 */
class TransferSyntaxPixelsTest {

    private static final int COLUMNS = 384;
    private static final int ROWS = 384;

    static Path ts(String name) {
        return TestData.path("dicom/dcm_qa_ts/In/" + name);
    }

    /** The uncompressed reference: 1.dcm, explicit VR little endian, OW pixel data. */
    static int[] referencePixels() throws IOException {
        byte[] file = Files.readAllBytes(ts("1.dcm"));
        int at = lastPixelDataTag(file);
        assertEquals("OW", new String(file, at + 4, 2, java.nio.charset.StandardCharsets.US_ASCII));
        int length =
                ByteBuffer.wrap(file, at + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(COLUMNS * ROWS * 2, length);
        int[] pixels = new int[COLUMNS * ROWS];
        ByteBuffer b = ByteBuffer.wrap(file, at + 12, length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = b.getShort() & 0xFFFF;
        }
        return pixels;
    }

    /** The concatenated fragments of the encapsulated pixel data (PS3.5 A.4), one frame. */
    static byte[] codestream(Path path) throws IOException {
        byte[] file = Files.readAllBytes(path);
        int at = lastPixelDataTag(file);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-1, b.getInt(at + 8), "undefined length");
        int p = at + 12;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean offsetTable = true;
        while (true) {
            int tag = b.getInt(p);
            int length = b.getInt(p + 4);
            p += 8;
            if (tag == 0xE0DDFFFE) {
                break;
            }
            assertEquals(0xE000FFFE, tag, "item tag");
            if (!offsetTable) {
                out.write(file, p, length);
            }
            offsetTable = false;
            p += length;
        }
        return out.toByteArray();
    }

    private static int lastPixelDataTag(byte[] file) {
        for (int i = file.length - 4; i >= 0; i--) {
            if (file[i] == (byte) 0xE0 && file[i + 1] == 0x7F && file[i + 2] == 0x10 && file[i + 3] == 0x00) {
                return i;
            }
        }
        throw new AssertionError("no pixel data");
    }

    @Test
    void losslessJpegGivesTheUncompressedPixels() throws Exception {
        int[] reference = referencePixels();
        for (String name : new String[] {"5.dcm", "6.dcm"}) {
            DecodedImage image = JpegLosslessDecoder.decode(codestream(ts(name)), ts(name));
            assertEquals(COLUMNS, image.columns());
            assertEquals(ROWS, image.rows());
            assertEquals(1, image.samplesPerPixel());
            assertArrayEquals(reference, image.samples(), name);
        }
    }

    @Test
    void jpeg2000GivesTheUncompressedPixels() throws Exception {
        int[] reference = referencePixels();
        DecodedImage image = Jpeg2000Decoder.decode(codestream(ts("9.dcm")), ts("9.dcm"));
        assertEquals(COLUMNS, image.columns());
        assertEquals(ROWS, image.rows());
        assertEquals(1, image.samplesPerPixel());
        assertArrayEquals(reference, image.samples());
    }

    @Test
    void jpegLsCodestreamsAreNotMistakenForLosslessJpeg() throws Exception {
        // 7.dcm and 8.dcm are JPEG-LS (SOF55, FFF7): the lossless JPEG decoder must refuse, not guess.
        for (String name : new String[] {"7.dcm", "8.dcm"}) {
            DicomFormatException e = assertThrows(
                    DicomFormatException.class, () -> JpegLosslessDecoder.decode(codestream(ts(name)), ts(name)));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("JPEG-LS"), e.getMessage());
        }
    }
}
