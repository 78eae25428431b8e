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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairing magnitude and phase of the same echoes into a {@link MultiEchoGre}. */
class DicomMultiEchoTest {

    @TempDir
    Path dir;

    @Test
    void siemensPrismaMegreFromTwoSeries() throws IOException {
        MultiEchoGre gre = DicomMultiEcho.read(TestData.path("dicom/heudiconv/MEGRE"));
        assertEquals(3, gre.echoCount());
        assertEquals(0.004, gre.acquisition().echoTimes().seconds(0), 1e-12);
        assertEquals(0.010, gre.acquisition().echoTimes().seconds(1), 1e-12);
        assertEquals(0.016, gre.acquisition().echoTimes().seconds(2), 1e-12);
        assertEquals(3.0, gre.acquisition().fieldStrengthTesla());
        assertArrayEquals(GreAcquisition.DEFAULT_B0_DIRECTION, gre.acquisition().b0DirectionLps());
        assertArrayEquals(new long[] {54, 64, 1, 3}, gre.magnitude().dimensions());
        var phase = gre.phase().orElseThrow();
        assertEquals(PhysicalUnit.RADIAN, phase.unit());
        assertEquals(PhysicalUnit.ARBITRARY, gre.magnitude().unit());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (FloatType f : net.imglib2.view.Views.flatIterable(phase.image())) {
            min = Math.min(min, f.get());
            max = Math.max(max, f.get());
        }
        // float32 nearest to ±π lies 9e-8 outside [−π, π]: allow that rounding
        assertTrue(min >= -Math.PI - 1e-6 && max <= Math.PI + 1e-6, min + " … " + max);
        // echo 2's phase matches dcm2niix's rescaled values once converted to radians
        ScaledVolume<?> ref = VolumeFiles.read(TestData.path("dicom/heudiconv/Ref/3_GRE_QSM_e2_GRE_QSM_ph.nii"));
        var scaled = org.ferrum.core.Volumes.createFloat(new long[] {54, 64, 1}, phase.geometry(), PhysicalUnit.RADIAN);
        net.imglib2.loops.LoopBuilder.setImages(phase.frame(1).image(), scaled.image())
                .forEachPixel((a, b) -> b.setReal(a.get() * 4096 / Math.PI));
        ReferenceComparison c = ReferenceComparison.compare(scaled, ref, 0);
        assertTrue(c.maxGeometryErrorMm < 1e-3 && c.maxValueDifference < 1e-3 && c.outside == 0, c.toString());
    }

    @Test
    void magnitudeOnlyWhenNoPhaseHasTheSameEchoes() throws IOException {
        // Siemens field map: magnitude of TE 5.19 and 7.65 ms; its phase difference is one image at 7.65 ms
        MultiEchoGre gre = DicomMultiEcho.read(TestData.path("dicom/dcm_qa_fmap/In/Siemens"));
        assertEquals(2, gre.echoCount());
        assertTrue(gre.phase().isEmpty());
        assertEquals(0.00519, gre.acquisition().echoTimes().seconds(0), 1e-9);
    }

    @Test
    void aMagnitudePhasePairIsPreferredOverAnUnpairedMagnitude() throws IOException {
        copyTree(TestData.path("dicom/heudiconv/MEGRE"), dir.resolve("a"));
        copyTree(TestData.path("dicom/dcm_qa_fmap/In/Siemens/2_gre_field_magph"), dir.resolve("b"));
        MultiEchoGre gre = DicomMultiEcho.read(dir);
        assertEquals(3, gre.echoCount());
        assertTrue(gre.phase().isPresent());
    }

    @Test
    void severalUnpairedMagnitudesAreListed() throws IOException {
        copyTree(TestData.path("dicom/dcm_qa_fmap/In/Siemens/2_gre_field_magph"), dir.resolve("a"));
        copyTree(TestData.path("dicom/heudiconv/MEGRE/mag"), dir.resolve("b"));
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomMultiEcho.read(dir));
        assertTrue(
                e.getMessage().contains("series 2 \"GRE_QSM\" mag (3 echoes)")
                        && e.getMessage().contains("series 2 \"gre_field_magph\" mag (2 echoes)"),
                e.getMessage());
    }

    @Test
    void noDicomIsAClearError() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "hello");
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomMultiEcho.read(dir));
        assertTrue(e.getMessage().contains("no DICOM series"), e.getMessage());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
