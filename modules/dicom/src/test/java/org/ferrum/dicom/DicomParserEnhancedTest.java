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

import java.util.List;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * Nested sequences of undefined length in a real enhanced multi-frame file (Siemens XA10 fMRI, dcm_qa_enh):
 * the per-frame and shared functional groups (PS3.3 C.7.6.16) are reachable with their values.
 */
class DicomParserEnhancedTest {

    private static DicomFile enhanced() throws Exception {
        return DicomParser.read(TestData.path("dicom/dcm_qa_enh/In/Siemens/XA10/6_1.dcm"));
    }

    @Test
    void perFrameFunctionalGroupsHoldPositionEchoAndFrameContent() throws Exception {
        DicomFile f = enhanced();
        DicomDataset ds = f.dataset();
        assertEquals(6, f.frameCount());
        List<DicomDataset> frames = ds.sequence(Tags.PerFrameFunctionalGroupsSequence);
        assertEquals(6, frames.size());

        DicomDataset first = frames.get(0);
        double[] position = first.sequence(Tags.PlanePositionSequence).get(0).numbers(Tags.ImagePositionPatient);
        assertArrayEquals(new double[] {-109.79, -58.4773, -5.40356}, position, 1e-9);
        double[] orientation =
                first.sequence(Tags.PlaneOrientationSequence).get(0).numbers(Tags.ImageOrientationPatient);
        assertArrayEquals(new double[] {1, -5e-13, 1e-06, -5e-13, 1, 1e-06}, orientation, 1e-15);
        assertEquals(
                30.0,
                first.sequence(Tags.MREchoSequence)
                        .get(0)
                        .number(Tags.EffectiveEchoTime)
                        .orElseThrow());
        DicomDataset content = first.sequence(Tags.FrameContentSequence).get(0);
        assertArrayEquals(new double[] {1, 1, 1}, content.numbers(Tags.DimensionIndexValues));
        assertEquals(1, content.integer(Tags.InStackPositionNumber).orElseThrow());
        assertEquals("1", content.string(Tags.StackID).orElseThrow());
        assertEquals(
                List.of("ORIGINAL", "PRIMARY", "M", "NONE"),
                first.sequence(Tags.MRImageFrameTypeSequence).get(0).strings(Tags.FrameType));

        // every frame has its own position, and they differ along the slice direction
        double[] z = new double[6];
        for (int i = 0; i < 6; i++) {
            z[i] = frames.get(i).sequence(Tags.PlanePositionSequence).get(0).numbers(Tags.ImagePositionPatient)[2];
        }
        assertTrue(java.util.Arrays.stream(z).distinct().count() == 6, java.util.Arrays.toString(z));
    }

    @Test
    void sharedAndPerFrameGroupsHoldTheirMacros() throws Exception {
        DicomDataset ds = enhanced().dataset();
        List<DicomDataset> shared = ds.sequence(Tags.SharedFunctionalGroupsSequence);
        assertEquals(1, shared.size());
        // Siemens XA puts the pixel measures in each frame's group, the referenced localizer in the shared one
        DicomDataset reference =
                shared.get(0).sequence(Tags.ReferencedImageSequence).get(0);
        assertEquals(
                "1.2.840.10008.5.1.4.1.1.4.1",
                reference.string(Tags.ReferencedSOPClassUID).orElseThrow());
        assertEquals(
                "Localizer",
                reference.sequence(0x0040A170).get(0).string(Tags.CodeMeaning).orElseThrow());
        DicomDataset measures = ds.sequence(Tags.PerFrameFunctionalGroupsSequence)
                .get(5)
                .sequence(Tags.PixelMeasuresSequence)
                .get(0);
        assertArrayEquals(new double[] {3.375, 3.375}, measures.numbers(Tags.PixelSpacing));
        assertEquals(2.4, measures.number(Tags.SliceThickness).orElseThrow());
    }

    @Test
    void itemsNameTheirPlaceInMessages() throws Exception {
        DicomDataset item = enhanced()
                .dataset()
                .sequence(Tags.PerFrameFunctionalGroupsSequence)
                .get(3)
                .sequence(Tags.PlanePositionSequence)
                .get(0);
        assertEquals("PerFrameFunctionalGroupsSequence[3] > PlanePositionSequence[0]", item.source());
    }

    @Test
    void everyFrameDecodes() throws Exception {
        DicomFile f = enhanced();
        long previous = -1;
        for (int i = 0; i < f.frameCount(); i++) {
            FrameSamples s = PixelData.decodeFrame(f, i);
            assertEquals(64 * 64, s.length());
            long sum = java.util.Arrays.stream(s.integers()).asLongStream().sum();
            assertTrue(sum > 0);
            assertTrue(sum != previous, "frames differ");
            previous = sum;
        }
    }
}
