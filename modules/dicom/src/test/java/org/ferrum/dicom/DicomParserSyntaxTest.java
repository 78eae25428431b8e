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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same MR image stored in each uncompressed and RLE transfer syntax (pydicom's MR_small family, and
 * dcm_qa_ts's EPI mosaic) reads to the same attribute values and identical pixels as the explicit VR little
 * endian copy.
 */
class DicomParserSyntaxTest {

    private static Path pydicom(String name) {
        return TestData.path("dicom/pydicom/" + name);
    }

    private static Path qaTs(String name) {
        return TestData.path("dicom/dcm_qa_ts/In/" + name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MR_small_implicit.dcm",
                "MR_small_bigendian.dcm",
                "MR_small_expb.dcm",
                "MR_small_RLE.dcm",
                "MR_small_padded.dcm",
                "MR_small_jp2klossless.dcm",
                "MR_small_jpeg_ls_lossless.dcm"
            })
    void everyMrSmallVariantHasTheReferenceAttributeValues(String name) throws Exception {
        DicomDataset reference = DicomParser.read(pydicom("MR_small.dcm")).dataset();
        DicomDataset other = DicomParser.read(pydicom(name)).dataset();
        int compared = 0;
        for (int tag : reference.tags()) {
            if ((tag >>> 16) == 0x7FE0 || (tag >>> 16) == 0xFFFC || Tags.isPrivate(tag)) {
                continue;
            }
            Vr vr = reference.vr(tag).orElseThrow();
            if (vr == Vr.SQ || vr == Vr.OB || vr == Vr.OW || vr == Vr.UN) {
                continue;
            }
            assertTrue(other.contains(tag), name + " lacks " + Tags.format(tag));
            if (other.vr(tag).orElseThrow() == Vr.UN) {
                continue; // implicit VR, not in Ferrum's dictionary: raw bytes, no text
            }
            assertEquals(reference.strings(tag), other.strings(tag), name + " " + Tags.format(tag));
            compared++;
        }
        assertTrue(compared > 40, "compared " + compared + " attributes");
        assertEquals(240.0, other.number(Tags.EchoTime).orElseThrow());
        assertEquals(64, other.integer(Tags.Rows).orElseThrow());
        assertEquals("MR", other.string(Tags.Modality).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MR_small_implicit.dcm",
                "MR_small_bigendian.dcm",
                "MR_small_expb.dcm",
                "MR_small_RLE.dcm",
                "MR_small_padded.dcm"
            })
    void everyDecodableMrSmallVariantHasIdenticalPixels(String name) throws Exception {
        FrameSamples reference = PixelData.decodeFrame(DicomParser.read(pydicom("MR_small.dcm")), 0);
        FrameSamples other = PixelData.decodeFrame(DicomParser.read(pydicom(name)), 0);
        assertEquals(64, other.columns());
        assertEquals(64, other.rows());
        assertEquals(1, other.samplesPerPixel());
        assertArrayEquals(reference.integers(), other.integers(), name);
        assertTrue(Arrays.stream(reference.integers()).distinct().count() > 100, "a real image, not a constant");
    }

    @Test
    void transferSyntaxesAreRecognised() throws Exception {
        assertEquals(
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                DicomParser.read(pydicom("MR_small.dcm")).transferSyntax());
        assertEquals(
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                DicomParser.read(pydicom("MR_small_implicit.dcm")).transferSyntax());
        assertEquals(
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                DicomParser.read(pydicom("MR_small_bigendian.dcm")).transferSyntax());
        assertEquals(
                TransferSyntax.RLE_LOSSLESS,
                DicomParser.read(pydicom("MR_small_RLE.dcm")).transferSyntax());
        assertEquals(
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                DicomParser.read(pydicom("image_dfl.dcm")).transferSyntax());
        assertEquals(TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.of("1.2.840.10008.1.2.4.80\0"));
        assertEquals(TransferSyntax.UNKNOWN, TransferSyntax.of("1.2.3"));
        assertTrue(TransferSyntax.RLE_LOSSLESS.isEncapsulated());
        assertFalse(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.isEncapsulated());
    }

    @Test
    void jpegLsIsRefusedByNameNeverDecoded() throws Exception {
        DicomFile f = DicomParser.read(pydicom("MR_small_jpeg_ls_lossless.dcm"));
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> PixelData.decodeFrame(f, 0));
        assertTrue(e.getMessage().contains("MR_small_jpeg_ls_lossless.dcm"), e.getMessage());
        assertTrue(
                e.getMessage().contains("unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
                e.getMessage());
        // the encapsulated frame itself is still reachable, for tools that pass it on
        assertTrue(f.isEncapsulated());
        assertTrue(f.frameBytes(0).remaining() > 100);
    }

    @Test
    void deflatedDataSetInflates() throws Exception {
        DicomFile f = DicomParser.read(pydicom("image_dfl.dcm"));
        DicomDataset ds = f.dataset();
        assertEquals(512, ds.integer(Tags.Rows).orElseThrow());
        assertEquals(512, ds.integer(Tags.Columns).orElseThrow());
        assertEquals(8, ds.integer(Tags.BitsAllocated).orElseThrow());
        FrameSamples s = PixelData.decodeFrame(f, 0);
        assertEquals(512 * 512, s.length());
        assertTrue(Arrays.stream(s.integers()).distinct().count() > 10);
        DicomFile header = DicomParser.readHeader(pydicom("image_dfl.dcm"));
        assertEquals(ds.tags().size() - 1, header.dataset().tags().size());
    }

    @Test
    void qaTsNativeAndRleSyntaxesGiveIdenticalPixels() throws Exception {
        DicomFile reference = DicomParser.read(qaTs("1.dcm"));
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, reference.transferSyntax());
        int[] pixels = PixelData.decodeFrame(reference, 0).integers();
        assertEquals(384 * 384, pixels.length);
        for (String name : List.of("2.dcm", "3.dcm", "4.dcm")) {
            DicomFile f = DicomParser.read(qaTs(name));
            assertArrayEquals(pixels, PixelData.decodeFrame(f, 0).integers(), name);
            assertEquals(
                    reference.dataset().string(Tags.SeriesInstanceUID),
                    f.dataset().string(Tags.SeriesInstanceUID),
                    name);
            assertEquals(
                    reference.dataset().bytes(Tags.SiemensCSAImageHeaderInfo).map(b -> b.length),
                    f.dataset().bytes(Tags.SiemensCSAImageHeaderInfo).map(b -> b.length),
                    name);
        }
        assertEquals(
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                DicomParser.read(qaTs("2.dcm")).transferSyntax());
        assertEquals(
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                DicomParser.read(qaTs("3.dcm")).transferSyntax());
        assertEquals(
                TransferSyntax.RLE_LOSSLESS, DicomParser.read(qaTs("4.dcm")).transferSyntax());
    }

    @Test
    void implicitVrTakesVrsFromTheDictionary() throws Exception {
        DicomDataset ds = DicomParser.read(qaTs("2.dcm")).dataset();
        assertEquals(Vr.DS, ds.vr(Tags.EchoTime).orElseThrow());
        assertEquals(Vr.US, ds.vr(Tags.Rows).orElseThrow());
        assertEquals(Vr.OB, ds.vr(Tags.SiemensCSAImageHeaderInfo).orElseThrow());
        assertEquals(384, ds.integer(Tags.Rows).orElseThrow());
        assertEquals(30.0, ds.number(Tags.EchoTime).orElseThrow());
        assertEquals(
                DicomParser.read(qaTs("1.dcm")).dataset().integer(Tags.SiemensNumberOfImagesInMosaic),
                ds.integer(Tags.SiemensNumberOfImagesInMosaic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm"})
    void headerReadStopsBeforePixelDataWithTheSameAttributes(String name) throws Exception {
        DicomFile full = DicomParser.read(pydicom(name));
        DicomFile header = DicomParser.readHeader(pydicom(name));
        assertTrue(header.headerOnly());
        assertFalse(header.hasPixelData());
        assertTrue(full.hasPixelData());
        List<Integer> before = full.dataset().tags().stream()
                .filter(t -> Integer.compareUnsigned(t, Tags.FloatPixelData) < 0)
                .toList();
        assertEquals(before, header.dataset().tags());
        assertEquals(
                full.dataset().string(Tags.SOPInstanceUID), header.dataset().string(Tags.SOPInstanceUID));
        assertThrows(IllegalStateException.class, () -> header.frameBytes(0));
    }

    @Test
    void headerReadOfALargeFileReadsMoreWhenTheHeaderIsLong() throws Exception {
        // dcm_qa_enh: a multi-frame header of ~100 kB with the functional groups, more than the first read
        Path enh = TestData.path("dicom/dcm_qa_enh/In/Siemens/XA10/6_1.dcm");
        DicomFile header = DicomParser.readHeader(enh);
        assertEquals(
                6,
                header.dataset().sequence(Tags.PerFrameFunctionalGroupsSequence).size());
        assertEquals(
                DicomParser.read(enh).dataset().tags().size() - 1,
                header.dataset().tags().size());
    }

    @Test
    void fileWithoutPreambleButWithMetaIsRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(pydicom("MR_small.dcm"));
        Path noPreamble = dir.resolve("no-preamble.dcm");
        Files.write(noPreamble, Arrays.copyOfRange(all, 132, all.length));
        DicomFile f = DicomParser.read(noPreamble);
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertArrayEquals(
                PixelData.decodeFrame(DicomParser.read(pydicom("MR_small.dcm")), 0)
                        .integers(),
                PixelData.decodeFrame(f, 0).integers());
    }

    @Test
    void bareImplicitDataSetWithoutMetaIsRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        DicomFile implicit = DicomParser.read(pydicom("MR_small_implicit.dcm"));
        byte[] all = Files.readAllBytes(pydicom("MR_small_implicit.dcm"));
        // preamble + "DICM" + the group length element (12 bytes) + the group it counts (PS3.10 §7.1)
        int dataStart = 132
                + 12
                + implicit.fileMeta()
                        .integer(Tags.FileMetaInformationGroupLength)
                        .orElseThrow();
        assertEquals(0x08, all[dataStart]);
        Path bare = dir.resolve("bare.dcm");
        Files.write(bare, Arrays.copyOfRange(all, dataStart, all.length));
        DicomFile f = DicomParser.read(bare);
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertTrue(f.fileMeta().tags().isEmpty());
        assertEquals(implicit.dataset().strings(Tags.ImageType), f.dataset().strings(Tags.ImageType));
        assertArrayEquals(
                PixelData.decodeFrame(implicit, 0).integers(),
                PixelData.decodeFrame(f, 0).integers());
    }
}
