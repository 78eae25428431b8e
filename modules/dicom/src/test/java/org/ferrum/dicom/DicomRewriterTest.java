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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DicomRewriter}: keeping every element reproduces the data set byte for byte, in every transfer syntax. */
class DicomRewriterTest {

    static Stream<String> files() {
        return Stream.of(
                "dicom/dcm_qa_ts/In/1.dcm",
                "dicom/dcm_qa_ts/In/2.dcm",
                "dicom/dcm_qa_ts/In/3.dcm",
                "dicom/dcm_qa_ts/In/4.dcm",
                "dicom/dcm_qa_ts/In/5.dcm",
                "dicom/dcm_qa_ts/In/6.dcm",
                "dicom/dcm_qa_ts/In/7.dcm",
                "dicom/dcm_qa_ts/In/8.dcm",
                "dicom/dcm_qa_ts/In/9.dcm",
                "dicom/pydicom/MR_small_bigendian.dcm",
                "dicom/pydicom/MR_small_implicit.dcm",
                "dicom/pydicom/MR_small_RLE.dcm",
                "dicom/pydicom/MR_small_jp2klossless.dcm",
                "dicom/dcm_qa_enh/In/Siemens/XA10/6_1.dcm",
                "dicom/dcm_qa_fmap/In/Philips/fmap/IM_0027_fMAP.dcm",
                "dicom/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2/i22.MRDC.1");
    }

    static final DicomRewriter.Policy KEEP_ALL = new DicomRewriter.Policy() {
        @Override
        public DicomRewriter.Decision decide(DicomRewriter.Element e) {
            return DicomRewriter.KEEP;
        }

        @Override
        public List<DicomRewriter.NewElement> additions() {
            return List.of();
        }
    };

    /** The data set's bytes: after the 128-byte preamble, DICM and the meta group (its length from (0002,0000)). */
    static byte[] dataset(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x00020000, (b.getShort(132) & 0xFFFF) << 16 | (b.getShort(134) & 0xFFFF));
        int start = 144 + b.getInt(140);
        return Arrays.copyOfRange(file, start, file.length);
    }

    @ParameterizedTest
    @MethodSource("files")
    void keepingEveryElementReproducesTheDataSet(String name) throws Exception {
        Path path = TestData.path(name);
        byte[] original = Files.readAllBytes(path);
        DicomFile f = DicomParser.read(path);
        boolean groupLengths = hasGroupLength(f.dataset());
        DicomRewriter.Result r = DicomRewriter.rewrite(f, KEEP_ALL);
        DicomFile again = DicomParser.parse(Path.of("again.dcm"), r.bytes());
        assertEquals(f.transferSyntaxUid(), again.transferSyntaxUid());
        assertEquals(f.dataset().string(Tags.SOPInstanceUID), again.fileMeta().string(Tags.MediaStorageSOPInstanceUID));
        assertEquals(
                Uids.IMPLEMENTATION_CLASS_UID,
                again.fileMeta().string(Tags.ImplementationClassUID).orElseThrow());
        if (!groupLengths) {
            assertArrayEquals(dataset(original), dataset(r.bytes()), "data set bytes");
        } else {
            assertEquals(
                    f.dataset().tags().stream().filter(t -> (t & 0xFFFF) != 0).toList(),
                    again.dataset().tags());
        }
    }

    private static boolean hasGroupLength(DicomDataset d) {
        return d.tags().stream().anyMatch(t -> (t & 0xFFFF) == 0);
    }

    @Test
    void aDeflatedDataSetIsWrittenExplicitLittleEndianWithTheSameAttributes() throws Exception {
        DicomFile f = DicomParser.read(TestData.path("dicom/pydicom/image_dfl.dcm"));
        DicomRewriter.Result r = DicomRewriter.rewrite(f, KEEP_ALL);
        assertTrue(r.syntaxChanged());
        DicomFile again = DicomParser.parse(Path.of("again.dcm"), r.bytes());
        assertEquals(Uids.EXPLICIT_VR_LITTLE_ENDIAN, again.transferSyntaxUid());
        assertEquals(
                f.dataset().tags().stream().filter(t -> (t & 0xFFFF) != 0).toList(),
                again.dataset().tags());
        assertArrayEquals(
                f.dataset().bytes(Tags.PixelData).orElseThrow(),
                again.dataset().bytes(Tags.PixelData).orElseThrow());
    }
}
