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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken files end in a {@link DicomFormatException} that names the file and the attribute or offset, never in
 * another exception, a hang or an allocation sized by a length from the file.
 */
class DicomBadInputTest {

    private static final Path FILE = Path.of("bad.dcm");

    private static int calls;

    /** Parses, then decodes every frame and (now and then) dumps: anything but a DicomFormatException fails the test. */
    static void readFully(Path name, byte[] bytes) {
        try {
            DicomFile f = DicomParser.parse(name, bytes);
            if (calls++ % 8 == 0) {
                DicomDump.dump(f);
            }
            if (f.hasPixelData()) {
                for (int i = 0; i < Math.min(f.frameCount(), 4); i++) {
                    PixelData.decodeFrame(f, i);
                }
            }
        } catch (DicomFormatException e) {
            assertTrue(e.getMessage().startsWith(name.getFileName() + ": "), e.getMessage());
        } catch (RuntimeException | Error e) {
            throw new AssertionError(name + " (" + bytes.length + " bytes): " + e, e);
        }
    }

    private static DicomFormatException refused(byte[] bytes) {
        return assertThrows(DicomFormatException.class, () -> {
            DicomFile f = DicomParser.parse(FILE, bytes);
            PixelData.decodeFrame(f, 0);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MR_small.dcm",
                "MR_small_implicit.dcm",
                "MR_small_bigendian.dcm",
                "MR_small_RLE.dcm",
                "image_dfl.dcm",
                "MR_small_jp2klossless.dcm"
            })
    void everyTruncationIsAFormatErrorOrAValidPrefix(String name) throws Exception {
        byte[] all = Files.readAllBytes(TestData.path("dicom/pydicom/" + name));
        int refused = 0;
        for (int n = 0; n < all.length; n++) {
            byte[] cut = Arrays.copyOf(all, n);
            try {
                DicomParser.parse(Path.of(name), cut);
            } catch (DicomFormatException e) {
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError(name + " cut at " + n + ": " + e, e);
            }
            readFully(Path.of(name), cut);
        }
        assertTrue(refused > all.length / 2, refused + " of " + all.length + " truncations refused");
    }

    @Test
    void truncatedMessageNamesTheElementAndOffset() throws Exception {
        byte[] all = Files.readAllBytes(TestData.path("dicom/pydicom/MR_small.dcm"));
        DicomFile whole = DicomParser.parse(FILE, all);
        assertTrue(whole.hasPixelData());
        // cut inside the pixel data value
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> DicomParser.parse(FILE, Arrays.copyOf(all, all.length - 3000)));
        assertTrue(
                e.getMessage()
                        .matches(
                                "bad\\.dcm: \\(7FE0,0010\\) PixelData value of 8192 bytes runs past the end of the file \\(\\d+ bytes left\\) at offset \\d+"),
                e.getMessage());
    }

    @Test
    void headerReadsOfTruncatedLargeFilesAreFormatErrors(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(TestData.path("dicom/dcm_qa_enh/In/Siemens/XA10/6_1.dcm"));
        Path cut = dir.resolve("cut.dcm");
        for (int n = 1; n < all.length; n += 997) {
            Files.write(cut, Arrays.copyOf(all, n));
            try {
                DicomParser.readHeader(cut);
                DicomParser.read(cut);
            } catch (DicomFormatException e) {
                assertTrue(e.getMessage().startsWith("cut.dcm: "), e.getMessage());
            }
        }
    }

    @Test
    void notDicom() {
        DicomFormatException e = refused("hello, this is not a DICOM file at all; it is long enough to have a preamble"
                .repeat(3)
                .getBytes());
        assertTrue(
                e.getMessage().startsWith("bad.dcm: not a DICOM file: no \"DICM\" prefix at offset 128"),
                e.getMessage());
        assertThrows(DicomFormatException.class, () -> DicomParser.parse(FILE, new byte[0]));
        assertThrows(DicomFormatException.class, () -> DicomParser.parse(FILE, new byte[132]));
    }

    @Test
    void garbageVrCode() {
        byte[] bytes = SyntheticDicom.explicitLittleEndian()
                .text(Tags.Modality, "CS", "MR")
                .header(Tags.Rows, "Q!", 2)
                .raw(new byte[2])
                .part10();
        DicomFormatException e = refused(bytes);
        assertTrue(
                e.getMessage().contains("(0028,0010) Rows in data set has an invalid VR code 0x5121 ('Q!')"),
                e.getMessage());
        assertTrue(e.getMessage().matches(".* at offset \\d+"), e.getMessage());
    }

    @Test
    void lengthPastTheEndOfTheFile() {
        byte[] bytes = SyntheticDicom.explicitLittleEndian()
                .header(Tags.SiemensCSAImageHeaderInfo, "OB", 1000)
                .raw(new byte[10])
                .part10();
        DicomFormatException e = refused(bytes);
        assertTrue(
                e.getMessage()
                        .contains(
                                "(0029,1010) SiemensCSAImageHeaderInfo value of 1000 bytes runs past the end of the file (10 bytes left)"),
                e.getMessage());
    }

    @Test
    void hugeLengthAllocatesNothing() {
        byte[] bytes = SyntheticDicom.explicitLittleEndian()
                .header(Tags.PixelData, "OB", 0xFFFFFFF0L)
                .raw(new byte[16])
                .part10();
        byte[] implicit = SyntheticDicom.part10(
                SyntheticDicom.IMPLICIT_LE,
                SyntheticDicom.implicitLittleEndian()
                        .header(Tags.PixelData, null, 0xFFFFFFF0L)
                        .raw(new byte[16])
                        .dataset());
        for (byte[] b : new byte[][] {bytes, implicit}) {
            DicomFormatException e = refused(b);
            assertTrue(
                    e.getMessage().contains("value of 4294967280 bytes runs past the end of the file"), e.getMessage());
        }
    }

    @Test
    void oddLength() {
        byte[] bytes = SyntheticDicom.explicitLittleEndian()
                .header(Tags.Modality, "CS", 3)
                .raw((byte) 'M', (byte) 'R', (byte) ' ')
                .part10();
        DicomFormatException e = refused(bytes);
        assertTrue(
                e.getMessage()
                        .contains(
                                "(0008,0060) Modality in data set has odd value length 3 (PS3.5 §7.1.1 requires even)"),
                e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        SyntheticDicom d = SyntheticDicom.explicitLittleEndian();
        int depth = 40;
        for (int i = 0; i < depth; i++) {
            d.beginSequence(Tags.ReferencedSeriesSequence).beginItem();
        }
        for (int i = 0; i < depth; i++) {
            d.endItem().endSequence();
        }
        DicomFormatException e = refused(d.part10());
        assertTrue(e.getMessage().contains("nests sequences deeper than 16 levels"), e.getMessage());

        SyntheticDicom ok = SyntheticDicom.explicitLittleEndian();
        for (int i = 0; i < 16; i++) {
            ok.beginSequence(Tags.ReferencedSeriesSequence).beginItem();
        }
        for (int i = 0; i < 16; i++) {
            ok.endItem().endSequence();
        }
        try {
            DicomDataset ds = DicomParser.parse(FILE, ok.part10()).dataset();
            assertEquals(1, ds.sequence(Tags.ReferencedSeriesSequence).size());
        } catch (DicomFormatException ex) {
            fail("16 levels are allowed: " + ex.getMessage());
        }
    }

    @Test
    void unterminatedSequenceAndStrayDelimiters() {
        DicomFormatException e = refused(SyntheticDicom.explicitLittleEndian()
                .beginSequence(Tags.ReferencedSeriesSequence)
                .beginItem()
                .text(Tags.Modality, "CS", "MR")
                .part10());
        assertTrue(
                e.getMessage().contains("ReferencedSeriesSequence[0] has no Item Delimitation Item"), e.getMessage());
        e = refused(SyntheticDicom.explicitLittleEndian().endSequence().part10());
        assertTrue(e.getMessage().contains("unexpected (FFFE,E0DD) SequenceDelimitationItem"), e.getMessage());
        e = refused(SyntheticDicom.explicitLittleEndian()
                .beginSequence(Tags.ReferencedSeriesSequence)
                .text(Tags.Modality, "CS", "MR")
                .part10());
        assertTrue(
                e.getMessage()
                        .contains(
                                "expected an Item (FFFE,E000) in ReferencedSeriesSequence but found (0008,0060) Modality"),
                e.getMessage());
        e = refused(SyntheticDicom.explicitLittleEndian()
                .header(Tags.Modality, "CS", 0xFFFE)
                .part10());
        assertTrue(e.getMessage().contains("Modality value of 65534 bytes runs past"), e.getMessage());
        e = refused(SyntheticDicom.explicitLittleEndian()
                .header(Tags.DerivationDescription, "UT", 0xFFFFFFFFL)
                .part10());
        assertTrue(e.getMessage().contains("has undefined length but VR UT"), e.getMessage());
    }

    @Test
    void sequenceItemRunningPastItsSequence() {
        byte[] item = SyntheticDicom.explicitLittleEndian()
                .text(Tags.Modality, "CS", "MR")
                .dataset();
        byte[] bytes = SyntheticDicom.explicitLittleEndian()
                .header(Tags.ReferencedSeriesSequence, "SQ", 8 + item.length - 4)
                .header(Tags.Item, null, item.length)
                .raw(item)
                .part10();
        DicomFormatException e = refused(bytes);
        assertTrue(e.getMessage().contains("runs past the end of its enclosing item"), e.getMessage());
    }

    @Test
    void brokenEncapsulatedPixelData() {
        // an RLE file whose only fragment has a zero-length frame
        SyntheticDicom d = SyntheticDicom.explicitLittleEndian()
                .us(Tags.SamplesPerPixel, 1)
                .us(Tags.Rows, 1)
                .us(Tags.Columns, 1)
                .us(Tags.BitsAllocated, 8)
                .us(Tags.BitsStored, 8)
                .us(Tags.HighBit, 7)
                .us(Tags.PixelRepresentation, 0)
                .header(Tags.PixelData, "OB", 0xFFFFFFFFL)
                .header(Tags.Item, null, 0)
                .header(Tags.Item, null, 2)
                .raw(new byte[2])
                .endSequence();
        byte[] bytes = SyntheticDicom.part10("1.2.840.10008.1.2.5", d.dataset());
        DicomFormatException e = refused(bytes);
        assertTrue(e.getMessage().contains("RLE frame of 2 bytes is shorter than its 64-byte header"), e.getMessage());

        SyntheticDicom noDelimiter = SyntheticDicom.explicitLittleEndian()
                .header(Tags.PixelData, "OB", 0xFFFFFFFFL)
                .header(Tags.Item, null, 0);
        e = refused(SyntheticDicom.part10("1.2.840.10008.1.2.5", noDelimiter.dataset()));
        assertTrue(
                e.getMessage().contains("fragment header in (7FE0,0010) PixelData runs past the end of the file"),
                e.getMessage());

        SyntheticDicom unknown = SyntheticDicom.explicitLittleEndian()
                .us(Tags.Rows, 1)
                .us(Tags.Columns, 1)
                .us(Tags.BitsAllocated, 8)
                .header(Tags.PixelData, "OB", 0xFFFFFFFFL)
                .header(Tags.Item, null, 0)
                .header(Tags.Item, null, 2)
                .raw(new byte[2])
                .endSequence();
        e = refused(SyntheticDicom.part10("1.2.3.4.5", unknown.dataset()));
        assertTrue(
                e.getMessage().contains("unsupported transfer syntax (not known to Ferrum) (1.2.3.4.5)"),
                e.getMessage());
    }

    @Test
    void missingTransferSyntaxAndMissingPixelData() throws Exception {
        DicomFile f = DicomParser.parse(
                FILE,
                SyntheticDicom.explicitLittleEndian()
                        .text(Tags.Modality, "CS", "SR")
                        .part10());
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> PixelData.decodeFrame(f, 0));
        assertTrue(e.getMessage().startsWith("bad.dcm: no pixel data"), e.getMessage());
        assertThrows(DicomFormatException.class, () -> f.frameBytes(0));
    }

    @Test
    void deflatedGarbage() {
        byte[] bytes = SyntheticDicom.part10(
                "1.2.840.10008.1.2.1.99", new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4, 5, 6});
        DicomFormatException e = refused(bytes);
        assertTrue(e.getMessage().contains("deflated data set at offset"), e.getMessage());
    }

    @Test
    void randomByteFlipsNeverEscapeAsOtherExceptions() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (String name :
                new String[] {"MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm"}) {
            byte[] all = Files.readAllBytes(TestData.path("dicom/pydicom/" + name));
            for (int trial = 0; trial < 2000; trial++) {
                byte[] mutated = all.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    // bias towards the header, where the structure is
                    int p = random.nextInt(random.nextBoolean() ? Math.min(all.length, 1600) : all.length);
                    mutated[p] = (byte) random.nextInt(256);
                }
                readFully(Path.of(name), mutated);
            }
        }
    }
}
