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
package org.ferrum.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.dicom.DicomParser;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 18: the viewer's "Export as DICOM…" (headless: the export itself, not the dialogs). */
class ExportAsDicomActionTest {

    @TempDir
    Path dir;

    private static Path testdata() {
        return TestData.root();
    }

    @Test
    void aLicMapOnTheGridOfADicomSeriesReferencesItAndReadsBack() throws Exception {
        // a DICOM series read the way the viewer reads it (File ▸ Open Image… on a folder)
        Volume<FloatType> source = VolumeFiles.readFloat(
                        testdata().resolve("dicom/dcm_qa_fmap/In/Siemens/2_gre_field_magph"))
                .frame(0);
        Volume<FloatType> lic =
                Volumes.createFloat(source.dimensions(), source.geometry(), PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);
        float v = 0;
        for (FloatType t : lic.image()) {
            t.set(v = (v + 0.01f) % 20);
        }
        String said = ExportAsDicomAction.export(new NamedVolume("LIC from QSM", lic), dir.resolve("lic"));
        assertTrue(
                said.startsWith("Wrote LIC from QSM as " + lic.dimension(2) + " DICOM files (LIC, mg Fe/g dw)"), said);
        assertTrue(said.contains("It references series 2"), said);
        Path first;
        try (var s = Files.list(dir.resolve("lic"))) {
            first = s.sorted().findFirst().orElseThrow();
        }
        String patient =
                DicomParser.readHeader(first).dataset().string(0x00100010).orElse("");
        assertTrue(!patient.equals("FERRUM^ANONYMOUS"), patient);
        Volume<FloatType> back = VolumeFiles.readFloat(dir.resolve("lic"));
        assertEquals(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, back.unit());
        assertTrue(back.geometry().approximatelyEquals(lic.geometry(), 1e-3));
        assertEquals("LIC_from_QSM-dicom", ExportAsDicomAction.folderName(new NamedVolume("LIC from QSM", lic)));
    }

    @Test
    void aMapWithoutSourceSaysSoAndUnitlessMapsAreRefused() throws Exception {
        Volume<FloatType> chi = Volumes.createFloat(
                new long[] {5, 4, 3}, org.ferrum.core.Geometry.axisAligned(1, 1, 2), PhysicalUnit.PPM);
        String said = ExportAsDicomAction.export(new NamedVolume("χ", chi), dir.resolve("chi"));
        assertTrue(said.contains("No DICOM source is known") && said.contains("FERRUM^ANONYMOUS"), said);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExportAsDicomAction.export(
                        new NamedVolume("magnitude", chi.withUnit(PhysicalUnit.ARBITRARY)), dir.resolve("m")));
        assertTrue(e.getMessage().contains("says no map kind"), e.getMessage());
        assertEquals(List.of(), ExportAsDicomAction.shownMaps(null));
    }
}
