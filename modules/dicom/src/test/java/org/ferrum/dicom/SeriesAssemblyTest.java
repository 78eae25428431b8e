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

import static org.ferrum.dicom.FrameTags.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series assembly rules on synthetic headers (a map-backed data set, so each rule is tested alone) and on
 * the real Siemens series whose instance numbers repeat.
 */
class SeriesAssemblyTest {

    @TempDir
    Path dir;

    private final FakeSource source = new FakeSource();
    private int fileCount;

    /** A 3×4 image at height z whose pixels all hold {@code value}. */
    private FakeDataset slice(double z, int instance, double te, float value) throws IOException {
        Path f = dir.resolve(String.format("im%03d.dcm", fileCount++));
        Files.write(f, new byte[] {0});
        FakeDataset d = new FakeDataset(f.getFileName().toString())
                .put(SERIES_INSTANCE_UID, "1.2.3")
                .put(SERIES_NUMBER, 7)
                .put(SERIES_DESCRIPTION, "gre")
                .put(MANUFACTURER, "SIEMENS")
                .put(MODALITY, "MR")
                .put(IMAGE_TYPE, "ORIGINAL\\PRIMARY\\M\\ND")
                .put(ROWS, 4)
                .put(COLUMNS, 3)
                .put(BITS_STORED, 12)
                .put(PIXEL_REPRESENTATION, 0)
                .put(IMAGE_POSITION_PATIENT, -10, -20, z)
                .put(IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0)
                .put(PIXEL_SPACING, 2, 1.5)
                .put(ECHO_TIME, te)
                .put(INSTANCE_NUMBER, instance)
                .put(MAGNETIC_FIELD_STRENGTH, 3);
        float[] px = new float[12];
        java.util.Arrays.fill(px, value);
        source.add(f, d, px);
        return d;
    }

    private DicomSeries series() throws IOException {
        DicomScan scan = DicomScanner.scan(dir, DicomScanner.Progress.NONE, Cancellation.NEVER, source);
        assertEquals(1, scan.series().size(), () -> scan.series() + " " + scan.unreadable());
        return scan.series().get(0);
    }

    private static float at(Volume<FloatType> v, long... pos) {
        RandomAccess<FloatType> ra = v.image().randomAccess();
        ra.setPosition(pos);
        return ra.get().get();
    }

    @Test
    void slicesAreOrderedByPositionAlongTheNormalNotByInstanceNumber() throws IOException {
        double[] z = {12, 0, 8, 4, 16};
        int[] instance = {1, 1, 3, 2, 2}; // repeated and unrelated to position
        for (int i = 0; i < z.length; i++) {
            slice(z[i], instance[i], 5, (float) z[i]);
        }
        DicomVolume v =
                SeriesAssembly.assemble(series(), Cancellation.NEVER, source).get(0);
        assertArrayEquals(new long[] {3, 4, 5}, v.volume().dimensions());
        for (int k = 0; k < 5; k++) {
            assertEquals(4f * k, at(v.volume(), 1, 2, k));
        }
        double[] a = v.volume().geometry().affine();
        assertArrayEquals(
                new double[] {1.5, 0, 0, -10, 0, 2, 0, -20, 0, 0, 4, 0},
                java.util.Arrays.copyOf(a, 12),
                1e-12,
                "column spacing along rows, row spacing down columns, slice step from positions");
        assertEquals(PhysicalUnit.ARBITRARY, v.volume().unit());
    }

    @Test
    void echoesSharingInstanceNumbersBecomeTheFourthAxis() throws IOException {
        for (int k = 0; k < 3; k++) {
            slice(3 * k, k + 1, 10, 100 + k);
            slice(3 * k, k + 1, 5, k); // same instance numbers, earlier echo
        }
        DicomVolume v =
                SeriesAssembly.assemble(series(), Cancellation.NEVER, source).get(0);
        assertEquals(List.of(5.0, 10.0), v.echoTimesMs());
        assertArrayEquals(new long[] {3, 4, 3, 2}, v.volume().dimensions());
        assertEquals(2f, at(v.volume(), 0, 0, 2, 0));
        assertEquals(102f, at(v.volume(), 0, 0, 2, 1));
    }

    @Test
    void repeatedLocationsAreTimePointsInTemporalOrder() throws IOException {
        for (int t = 0; t < 3; t++) {
            for (int k = 0; k < 2; k++) {
                slice(k, 10 - t, 5, 10 * t + k).put(TEMPORAL_POSITION_IDENTIFIER, t + 1);
            }
        }
        DicomVolume v =
                SeriesAssembly.assemble(series(), Cancellation.NEVER, source).get(0);
        assertEquals(3, v.timePoints());
        assertArrayEquals(new long[] {3, 4, 2, 3}, v.volume().dimensions());
        assertEquals(21f, at(v.volume(), 0, 0, 1, 2));
    }

    @Test
    void kindsAreSeparatedAndSiemensPhaseIsInRadians() throws IOException {
        slice(0, 1, 5, 100);
        slice(1, 2, 5, 200);
        slice(0, 3, 5, 0)
                .put(IMAGE_TYPE, "ORIGINAL\\PRIMARY\\P\\ND")
                .put(RESCALE_SLOPE, 2)
                .put(RESCALE_INTERCEPT, -4096);
        slice(1, 4, 5, 4095)
                .put(IMAGE_TYPE, "ORIGINAL\\PRIMARY\\P\\ND")
                .put(RESCALE_SLOPE, 2)
                .put(RESCALE_INTERCEPT, -4096);
        List<DicomVolume> vols = SeriesAssembly.assemble(series(), Cancellation.NEVER, source);
        assertEquals(
                List.of(ImageKind.MAGNITUDE, ImageKind.PHASE),
                vols.stream().map(DicomVolume::kind).toList());
        Volume<FloatType> phase = vols.get(1).volume();
        assertEquals(PhysicalUnit.RADIAN, phase.unit());
        assertEquals(-Math.PI, at(phase, 0, 0, 0), 1e-6);
        assertEquals(Math.PI * 4094 / 4096, at(phase, 0, 0, 1), 1e-6);
    }

    @Test
    void anImageWithoutPositionIsLeftOutNamedAndTheRestConverted() throws IOException {
        // issue 15 item 16b: a Philips XX_ file without ImagePositionPatient in a classic series
        slice(0, 1, 5, 10);
        slice(1, 2, 5, 20);
        slice(2, 3, 5, 30);
        slice(1, 4, 5, 99).remove(IMAGE_POSITION_PATIENT);
        List<DicomVolume> vols = SeriesAssembly.assemble(series(), Cancellation.NEVER, source);
        assertEquals(1, vols.size());
        assertArrayEquals(new long[] {3, 4, 3}, vols.get(0).volume().dimensions());
        assertEquals(20, at(vols.get(0).volume(), 0, 0, 1));
        assertEquals(1, vols.get(0).warnings().size(), vols.get(0).warnings().toString());
        String w = vols.get(0).warnings().get(0);
        assertTrue(
                w.contains("im003.dcm")
                        && w.contains("ImagePositionPatient (0020,0032)")
                        && w.contains("left out 1 image")
                        && w.contains("the other 3"),
                w);
    }

    @Test
    void classicImagesWithoutAnyPositionAreStillAnErrorNamingTheFile() throws IOException {
        slice(0, 1, 5, 0).remove(IMAGE_POSITION_PATIENT);
        slice(1, 2, 5, 0).remove(IMAGE_POSITION_PATIENT);
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> SeriesAssembly.assemble(series(), Cancellation.NEVER, source));
        assertTrue(
                e.getMessage().contains("im000.dcm") && e.getMessage().contains("ImagePositionPatient"),
                e.getMessage());
    }

    @Test
    void missingImageOrientationIsAnErrorNamingTheFile() throws IOException {
        slice(0, 1, 5, 0).remove(IMAGE_ORIENTATION_PATIENT);
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> SeriesAssembly.assemble(series(), Cancellation.NEVER, source));
        assertTrue(
                e.getMessage().contains("im000.dcm") && e.getMessage().contains("ImageOrientationPatient"),
                e.getMessage());
    }

    @Test
    void nonOrthogonalOrientationIsAnError() throws IOException {
        slice(0, 1, 5, 0).put(IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0.5, 0.5, 0);
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> SeriesAssembly.assemble(series(), Cancellation.NEVER, source));
        assertTrue(e.getMessage().contains("orthogonal unit vectors"), e.getMessage());
    }

    @Test
    void inconsistentSliceSpacingIsAnError() throws IOException {
        for (double z : new double[] {0, 2, 4, 7, 9}) {
            slice(z, 1, 5, 0);
        }
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> SeriesAssembly.assemble(series(), Cancellation.NEVER, source));
        assertTrue(e.getMessage().contains("inconsistent slice spacing"), e.getMessage());
        assertTrue(
                e.getMessage().contains("series 7")
                        || e.getMessage().startsWith(dir.getFileName().toString()),
                e.getMessage());
    }

    @Test
    void mixedImageSizesAreAnError() throws IOException {
        slice(0, 1, 5, 0);
        slice(1, 2, 5, 0).put(ROWS, 5);
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> SeriesAssembly.assemble(series(), Cancellation.NEVER, source));
        assertTrue(
                e.getMessage().contains("mixes image sizes") && e.getMessage().contains("im001.dcm"), e.getMessage());
    }

    @Test
    void aMissingImageInATimeSeriesIsAnError() throws IOException {
        slice(0, 1, 5, 0);
        slice(0, 2, 5, 0);
        slice(1, 3, 5, 0);
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> SeriesAssembly.assemble(series(), Cancellation.NEVER, source));
        assertTrue(e.getMessage().contains("missing or duplicated"), e.getMessage());
    }

    @Test
    void pixelDataOfTheWrongSizeIsAnError() throws IOException {
        slice(0, 1, 5, 0);
        source.pixels.replaceAll((k, v) -> new float[][] {new float[5]});
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> SeriesAssembly.assemble(series(), Cancellation.NEVER, source));
        assertTrue(e.getMessage().contains("holds 5 samples"), e.getMessage());
    }

    /**
     * dcm_qa_fmap's Siemens series 2 stores two magnitude echoes whose files share instance numbers
     * (1…36 twice); assembly must separate the echoes and order each by position.
     */
    @Test
    void siemensFieldMapWithRepeatedInstanceNumbersIsSortedByPosition() throws IOException {
        DicomScan scan = DicomScanner.scan(TestData.path("dicom/dcm_qa_fmap/In/Siemens/2_gre_field_magph"));
        DicomSeries s = scan.series().get(0);
        Map<Integer, Integer> count = new HashMap<>();
        for (FrameHeader f : s.frames()) {
            count.merge(f.instanceNumber(), 1, Integer::sum);
        }
        assertTrue(count.values().stream().anyMatch(c -> c > 1), "instance numbers repeat in this series");
        DicomVolume v = SeriesAssembly.assemble(s).get(0);
        assertArrayEquals(new long[] {64, 64, 36, 2}, v.volume().dimensions());
        SeriesAssembly.Layout layout = SeriesAssembly.plan(s).get(0);
        List<Double> z = new ArrayList<>();
        for (FrameHeader[] slice : layout.images()) {
            z.add(slice[0].position()[2]);
            assertEquals(slice[0].position()[2], slice[1].position()[2], 1e-6, "both echoes at one location");
        }
        for (int k = 1; k < z.size(); k++) {
            assertEquals(3.6, z.get(k) - z.get(k - 1), 1e-3);
        }
    }
}
