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

import java.nio.file.Path;
import java.util.List;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported series read back through Ferrum's series assembly: as the series of one of its files through the volume reader
 * SPI ({@link VolumeFiles#readFloat}, i.e. {@link DicomVolumeReader}), and found by {@link DicomScanner}.
 * Geometry must match to 1e-3 mm and values to half a quantisation step.
 *
 * <p>NaN voxels: the export stores them as Pixel Padding Value; a reader that honours it gives NaN, one
 * that does not gives {@code −32768 · slope + intercept} (what dcm2niix gives). Both are accepted here, and
 * nothing else.
 */
class DicomWriterVolumeReaderTest {

    @TempDir
    Path tmp;

    @Test
    void volumeReaderGivesTheObliqueChiMapBack() throws Exception {
        Volume<FloatType> chi = SyntheticMaps.obliqueChi();
        DerivedMapExport.Result r =
                DerivedMapExport.of(DerivedMapExport.MapKind.QSM_CHI).write(chi, tmp.resolve("chi"));

        // VolumeFiles takes a file: the reader reads the series of that file from its folder
        Volume<FloatType> back = VolumeFiles.readFloat(r.files().get(0));
        assertArrayEquals(chi.dimensions(), back.dimensions());
        assertTrue(
                back.geometry().approximatelyEquals(chi.geometry(), 1e-3), back.geometry() + " vs " + chi.geometry());
        assertEquals(org.ferrum.core.PhysicalUnit.PPM, back.unit(), "unit recovered from the Real World Value Mapping");

        double padding = DerivedMapExport.PADDING_VALUE * r.slope() + r.intercept();
        RandomAccess<FloatType> a = chi.image().randomAccess(), b = back.image().randomAccess();
        double worst = 0;
        for (int k = 0; k < SyntheticMaps.NZ; k++) {
            for (int j = 0; j < SyntheticMaps.NY; j++) {
                for (int i = 0; i < SyntheticMaps.NX; i++) {
                    long[] p = {i, j, k};
                    a.setPosition(p);
                    b.setPosition(p);
                    float expected = a.get().get(), actual = b.get().get();
                    if (Float.isNaN(expected)) {
                        assertTrue(
                                Float.isNaN(actual),
                                "blank (padding) voxel must read back as NaN at " + i + "," + j + "," + k + ": "
                                        + actual);
                    } else {
                        worst = Math.max(worst, Math.abs(actual - expected));
                    }
                }
            }
        }
        assertTrue(worst <= r.slope() / 2 + 1e-6, "worst " + worst + ", step " + r.slope());
    }

    @Test
    void scannerFindsTheExportAsOneDerivedSeries() throws Exception {
        DerivedMapExport.Result r = DerivedMapExport.of(DerivedMapExport.MapKind.QSM_CHI)
                .write(SyntheticMaps.obliqueChi(), tmp.resolve("chi"));
        DicomScan scan = DicomScanner.scan(tmp);
        assertTrue(scan.unreadable().isEmpty(), scan.unreadable().toString());
        List<DicomSeries> series = scan.series();
        assertEquals(1, series.size());
        DicomSeries s = series.get(0);
        assertEquals(r.seriesInstanceUid(), s.identity().seriesInstanceUid());
        assertEquals("Ferrum QSM chi (ppm)", s.identity().seriesDescription());
        assertEquals(List.of("DERIVED", "SECONDARY", "QSM"), s.identity().imageType());
        assertEquals(SyntheticMaps.NZ, s.files().size());
        assertEquals("FERRUM^ANONYMOUS", s.identity().patientName());
    }
}
