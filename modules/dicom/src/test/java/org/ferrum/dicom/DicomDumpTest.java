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

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

class DicomDumpTest {

    @Test
    void dumpListsTagKeywordVrLengthAndValue() throws Exception {
        String dump = DicomDump.dump(DicomParser.read(TestData.path("dicom/pydicom/MR_small.dcm")));
        assertTrue(dump.contains("# transfer syntax: Explicit VR Little Endian (1.2.840.10008.1.2.1)"), dump);
        assertTrue(
                dump.lines()
                        .anyMatch(l -> l.startsWith("(0002,0010) TransferSyntaxUID")
                                && l.contains("UI")
                                && l.endsWith("[1.2.840.10008.1.2.1]")),
                dump);
        assertTrue(
                dump.lines().anyMatch(l -> l.matches("\\(0018,0081\\) EchoTime +DS +\\d+ +\\[240(\\.0+)?\\]")), dump);
        assertTrue(dump.lines().anyMatch(l -> l.matches("\\(0028,0010\\) Rows +US +2 +\\[64\\]")), dump);
        assertTrue(dump.lines().anyMatch(l -> l.startsWith("(7FE0,0010) PixelData") && l.contains("8192")), dump);
    }

    @Test
    void sequencesAreIndentedAndEncapsulatedDataSummarised() throws Exception {
        String dump = DicomDump.dump(DicomParser.read(TestData.path("dicom/dcm_qa_enh/In/Siemens/XA10/6_1.dcm")));
        assertTrue(
                dump.lines()
                        .anyMatch(
                                l -> l.matches("\\(5200,9230\\) PerFrameFunctionalGroupsSequence +SQ +undef +6 items")),
                dump);
        assertTrue(
                dump.lines()
                        .anyMatch(
                                l -> l.matches(
                                        " {8}\\(0020,0032\\) ImagePositionPatient +DS +\\d+ +\\[-109\\.79\\\\-58\\.4773\\\\-5\\.40356\\]")),
                dump);
        String rle = DicomDump.dump(DicomParser.read(TestData.path("dicom/pydicom/MR_small_RLE.dcm")));
        assertTrue(
                rle.lines()
                        .anyMatch(l -> l.startsWith("(7FE0,0010) PixelData")
                                && l.contains("undef")
                                && l.contains("1 fragment(s)")),
                rle);
    }

    @Test
    void malformedValuesShowTheReasonInsteadOfStopping() throws Exception {
        byte[] bytes = SyntheticDicom.explicitLittleEndian()
                .text(Tags.EchoTime, "DS", "abc")
                .text(Tags.Modality, "CS", "MR")
                .part10();
        String dump = DicomDump.dump(
                DicomParser.parse(java.nio.file.Path.of("x.dcm"), bytes).dataset());
        assertTrue(dump.contains("(0018,0081) EchoTime") && dump.contains("[abc]"), dump);
        assertTrue(dump.contains("(0008,0060) Modality"), dump);
    }
}
