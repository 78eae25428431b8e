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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Native pixel data (PS3.5 §8.1.1) to samples: bit masking, sign, byte order, planes, frames, float data. */
class PixelDataNativeTest {

    private static final Path FILE = Path.of("native.dcm");

    private static SyntheticDicom image(
            SyntheticDicom d, int columns, int rows, int spp, int allocated, int stored, int high, int representation) {
        return d.us(Tags.SamplesPerPixel, spp)
                .us(Tags.Rows, rows)
                .us(Tags.Columns, columns)
                .us(Tags.BitsAllocated, allocated)
                .us(Tags.BitsStored, stored)
                .us(Tags.HighBit, high)
                .us(Tags.PixelRepresentation, representation);
    }

    private static FrameSamples decode(SyntheticDicom d, int frame) throws DicomFormatException {
        return PixelData.decodeFrame(DicomParser.parse(FILE, d.part10()), frame);
    }

    @Test
    void twelveBitsStoredDropsTheBitsAbove() throws Exception {
        SyntheticDicom d = image(SyntheticDicom.explicitLittleEndian(), 2, 2, 1, 16, 12, 11, 0)
                .ow(Tags.PixelData, 0x0FFF, 0xF001, 0x1234, 0x0000);
        assertArrayEquals(new int[] {4095, 1, 0x234, 0}, decode(d, 0).integers());
    }

    @Test
    void signedSamplesAreSignExtendedFromBitsStored() throws Exception {
        SyntheticDicom d = image(SyntheticDicom.explicitLittleEndian(), 4, 1, 1, 16, 12, 11, 1)
                .ow(Tags.PixelData, 0x0FFF, 0x0800, 0x07FF, 0xF001);
        FrameSamples s = decode(d, 0);
        assertTrue(s.signed());
        assertArrayEquals(new int[] {-1, -2048, 2047, 1}, s.integers());

        SyntheticDicom full = image(SyntheticDicom.explicitLittleEndian(), 2, 1, 1, 16, 16, 15, 1)
                .ow(Tags.PixelData, 0x8000, 0x7FFF);
        assertArrayEquals(new int[] {-32768, 32767}, decode(full, 0).integers());
    }

    @Test
    void highBitAboveBitsStoredShiftsTheSample() throws Exception {
        // BitsStored 12 in bits 4..15 (HighBit 15): the low nibble is not part of the sample
        SyntheticDicom d = image(SyntheticDicom.explicitLittleEndian(), 2, 1, 1, 16, 12, 15, 0)
                .ow(Tags.PixelData, 0xFFF5, 0x0010);
        assertArrayEquals(new int[] {4095, 1}, decode(d, 0).integers());
    }

    @Test
    void bigEndianSixteenBitSamples() throws Exception {
        SyntheticDicom d = image(SyntheticDicom.explicitBigEndian(), 2, 1, 1, 16, 16, 15, 0)
                .ow(Tags.PixelData, 0x1234, 0xABCD);
        assertArrayEquals(new int[] {0x1234, 0xABCD}, decode(d, 0).integers());
    }

    @Test
    void bigEndianEightBitSamplesInOwAreSwappedInPairs() throws Exception {
        // Two 8-bit samples share a 16-bit OW word, the first in its low-order byte (PS3.5 §8.1.1, Annex D); big-endian
        // words (§A.3) write that byte second. OB has no words: its bytes are the samples in order.
        SyntheticDicom d =
                image(SyntheticDicom.explicitBigEndian(), 4, 1, 1, 8, 8, 7, 0).ow(Tags.PixelData, 0x0201, 0x0403);
        assertArrayEquals(new int[] {1, 2, 3, 4}, decode(d, 0).integers());
        SyntheticDicom ob = image(SyntheticDicom.explicitBigEndian(), 4, 1, 1, 8, 8, 7, 0)
                .element(Tags.PixelData, "OB", new byte[] {1, 2, 3, 4});
        assertArrayEquals(new int[] {1, 2, 3, 4}, decode(ob, 0).integers());
    }

    @Test
    void planarConfigurationOneIsInterleaved() throws Exception {
        SyntheticDicom d = image(SyntheticDicom.explicitLittleEndian(), 2, 1, 3, 8, 8, 7, 0)
                .us(Tags.PlanarConfiguration, 1)
                .element(Tags.PixelData, "OB", new byte[] {10, 11, 20, 21, 30, 31});
        FrameSamples s = decode(d, 0);
        assertEquals(3, s.samplesPerPixel());
        assertArrayEquals(new int[] {10, 20, 30, 11, 21, 31}, s.integers());
        SyntheticDicom pixel = image(SyntheticDicom.explicitLittleEndian(), 2, 1, 3, 8, 8, 7, 0)
                .us(Tags.PlanarConfiguration, 0)
                .element(Tags.PixelData, "OB", new byte[] {10, 20, 30, 11, 21, 31});
        assertArrayEquals(new int[] {10, 20, 30, 11, 21, 31}, decode(pixel, 0).integers());
    }

    @Test
    void framesFollowEachOther() throws Exception {
        SyntheticDicom d = image(
                        SyntheticDicom.explicitLittleEndian().text(Tags.NumberOfFrames, "IS", "3"),
                        2,
                        1,
                        1,
                        16,
                        16,
                        15,
                        0)
                .ow(Tags.PixelData, 1, 2, 3, 4, 5, 6);
        DicomFile f = DicomParser.parse(FILE, d.part10());
        assertEquals(3, f.frameCount());
        assertArrayEquals(new int[] {5, 6}, PixelData.decodeFrame(f, 2).integers());
        assertEquals(4, f.frameBytes(1).remaining());
        assertThrows(IndexOutOfBoundsException.class, () -> PixelData.decodeFrame(f, 3));
    }

    @Test
    void unsignedThirtyTwoBitSamplesAreHeldAsDoubles() throws Exception {
        SyntheticDicom d = image(SyntheticDicom.explicitLittleEndian(), 1, 1, 1, 32, 32, 31, 0)
                .element(Tags.PixelData, "OW", new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        FrameSamples s = decode(d, 0);
        assertFalse(s.isInteger());
        assertEquals(4294967295.0, s.value(0));
        assertThrows(IllegalStateException.class, s::integers);
    }

    @Test
    void floatAndDoublePixelData() throws Exception {
        SyntheticDicom f = SyntheticDicom.explicitLittleEndian()
                .us(Tags.SamplesPerPixel, 1)
                .us(Tags.Rows, 1)
                .us(Tags.Columns, 2);
        f.header(Tags.FloatPixelData, "OF", 8);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putFloat(-1.5f)
                .putFloat(3.25f);
        f.raw(bb.array());
        FrameSamples s = decode(f, 0);
        assertArrayEquals(new double[] {-1.5, 3.25}, s.toDoubles());
        assertEquals(32, s.bitsStored());

        SyntheticDicom d = SyntheticDicom.explicitBigEndian()
                .us(Tags.SamplesPerPixel, 1)
                .us(Tags.Rows, 1)
                .us(Tags.Columns, 1);
        d.header(Tags.DoubleFloatPixelData, "OD", 8);
        d.raw(java.nio.ByteBuffer.allocate(8).putDouble(Math.PI).array());
        assertEquals(Math.PI, decode(d, 0).value(0));
    }

    @Test
    void shortPixelDataMissingAttributesAndMissingPixelDataAreErrors() throws Exception {
        SyntheticDicom shortData = image(SyntheticDicom.explicitLittleEndian(), 2, 2, 1, 16, 16, 15, 0)
                .ow(Tags.PixelData, 1, 2, 3);
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> decode(shortData, 0));
        assertTrue(
                e.getMessage()
                        .startsWith("native.dcm: (7FE0,0010) PixelData holds 6 bytes but 1 frame(s) of 8 bytes need 8"),
                e.getMessage());

        SyntheticDicom noRows = SyntheticDicom.explicitLittleEndian()
                .us(Tags.Columns, 2)
                .us(Tags.BitsAllocated, 16)
                .ow(Tags.PixelData, 1, 2);
        e = assertThrows(DicomFormatException.class, () -> decode(noRows, 0));
        assertTrue(e.getMessage().contains("(0028,0010) Rows is missing"), e.getMessage());

        SyntheticDicom noPixels = image(SyntheticDicom.explicitLittleEndian(), 2, 2, 1, 16, 16, 15, 0);
        e = assertThrows(DicomFormatException.class, () -> decode(noPixels, 0));
        assertTrue(e.getMessage().contains("no pixel data"), e.getMessage());

        SyntheticDicom badBits = image(SyntheticDicom.explicitLittleEndian(), 1, 1, 1, 16, 17, 16, 0)
                .ow(Tags.PixelData, 1);
        e = assertThrows(DicomFormatException.class, () -> decode(badBits, 0));
        assertTrue(e.getMessage().contains("inconsistent (0028,0101) BitsStored 17"), e.getMessage());

        SyntheticDicom oneBit = image(SyntheticDicom.explicitLittleEndian(), 16, 1, 1, 1, 1, 0, 0)
                .ow(Tags.PixelData, 0xFFFF);
        e = assertThrows(DicomFormatException.class, () -> decode(oneBit, 0));
        assertTrue(e.getMessage().contains("BitsAllocated is 1"), e.getMessage());
    }
}
