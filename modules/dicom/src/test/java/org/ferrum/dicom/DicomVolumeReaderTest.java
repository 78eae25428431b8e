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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.spi.VolumeReader;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DICOM reader behind the {@link VolumeReader} SPI. */
class DicomVolumeReaderTest {

    @TempDir
    Path dir;

    private final DicomVolumeReader reader = new DicomVolumeReader();

    @Test
    void isRegisteredThroughLookup() {
        assertTrue(VolumeFiles.readers().stream().anyMatch(r -> r.formatName().equals("DICOM")));
    }

    @Test
    void recognisesDicomFilesAndFolders() throws IOException {
        assertTrue(reader.canRead(TestData.path("dicom/heudiconv/MEGRE/mag/00001.dcm")));
        assertTrue(reader.canRead(TestData.path("dicom/heudiconv/MEGRE/mag")));
        assertTrue(reader.canRead(TestData.path("dicom/heudiconv/MEGRE")), "DICOM one folder down");
        assertFalse(reader.canRead(TestData.path("dicom/heudiconv/LICENSE")));
        assertFalse(reader.canRead(TestData.path("dicom/heudiconv/Ref")));
        assertFalse(reader.canRead(dir.resolve("missing")));
        Files.write(dir.resolve("short"), new byte[10]);
        assertFalse(reader.canRead(dir.resolve("short")));
    }

    @Test
    void readsAFolderOfOneSeries() throws IOException {
        ScaledVolume<?> v = reader.read(TestData.path("dicom/heudiconv/MEGRE/phase"));
        assertArrayEquals(new long[] {54, 64, 1, 3}, v.stored().dimensions());
        assertEquals(PhysicalUnit.RADIAN, v.stored().unit());
        assertFalse(v.isScaled());
    }

    @Test
    void readsTheSeriesOfAFileThroughVolumeFiles() throws IOException {
        ScaledVolume<?> v =
                VolumeFiles.read(TestData.path("dicom/dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm"));
        assertArrayEquals(new long[] {72, 72, 5, 2}, v.stored().dimensions(), "mosaic unpacked, two time points");
    }

    @Test
    void severalSeriesAreListedAndTheUserAsked() {
        DicomFormatException e =
                assertThrows(DicomFormatException.class, () -> reader.read(TestData.path("dicom/heudiconv/MEGRE")));
        assertTrue(
                e.getMessage().contains("2 \"GRE_QSM\"")
                        && e.getMessage().contains("3 \"GRE_QSM\"")
                        && e.getMessage().contains("which one"),
                e.getMessage());
    }

    @Test
    void severalKindsInOneSeriesAreListed() {
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> reader.read(TestData.path("dicom/dcm_qa_fmap/In/GE/6_CV_Neuro")));
        assertTrue(e.getMessage().contains("mag and fieldmap"), e.getMessage());
    }

    @Test
    void aNonDicomFileInAFolderIsReportedWithItsReason() throws IOException {
        Path f = dir.resolve("x.dcm");
        Files.writeString(f, "plain text");
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> reader.read(f));
        assertTrue(e.getMessage().startsWith("x.dcm: "), e.getMessage());
    }
}
