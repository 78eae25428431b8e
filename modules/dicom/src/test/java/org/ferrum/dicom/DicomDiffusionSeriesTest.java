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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diffusion series from DICOM headers (standard attributes), on synthetic headers. */
class DicomDiffusionSeriesTest {

    @TempDir
    Path dir;

    private final FakeSource source = new FakeSource();
    private int fileCount;

    private FakeDataset slice(String uid, int series, double z, int t, double b, double[] g, float value)
            throws IOException {
        Path f = dir.resolve(String.format("im%03d.dcm", fileCount++));
        Files.write(f, new byte[] {0});
        FakeDataset d = new FakeDataset(f.getFileName().toString())
                .put(SERIES_INSTANCE_UID, uid)
                .put(SERIES_NUMBER, series)
                .put(SERIES_DESCRIPTION, "ep2d_diff")
                .put(MANUFACTURER, "ACME")
                .put(MODALITY, "MR")
                .put(IMAGE_TYPE, "ORIGINAL\\PRIMARY\\M\\ND")
                .put(ROWS, 2)
                .put(COLUMNS, 2)
                .put(BITS_STORED, 12)
                .put(PIXEL_REPRESENTATION, 0)
                .put(IMAGE_POSITION_PATIENT, 0, 0, z)
                .put(IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0)
                .put(PIXEL_SPACING, 2, 2)
                .put(ECHO_TIME, 80)
                .put(INSTANCE_NUMBER, fileCount)
                .put(TEMPORAL_POSITION_IDENTIFIER, t + 1)
                .put(MAGNETIC_FIELD_STRENGTH, 3)
                .bytes(DiffusionTags.DIFFUSION_B_VALUE, fd(b)); // FD, read as UN here (the fake has no VRs)
        if (g != null) {
            d.bytes(DiffusionTags.DIFFUSION_GRADIENT_ORIENTATION, fd(g));
        }
        float[] px = new float[4];
        java.util.Arrays.fill(px, value);
        source.add(f, d, px);
        return d;
    }

    private static byte[] fd(double... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    @Test
    void bValuesAndDirectionsOfEveryVolumeAreRead() throws IOException {
        double[] b = {0, 1000, 1000, 1000};
        double[][] g = {null, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int t = 0; t < b.length; t++) {
            for (int k = 0; k < 2; k++) {
                slice("1.2.3", 5, 3 * k, t, b[t], g[t], 100 * t + k);
            }
        }
        DiffusionDataset d = DicomDiffusionSeries.read(dir, Cancellation.NEVER, source);
        assertEquals(4, d.volumes());
        assertArrayEquals(b, d.bValues(), 0);
        assertNull(d.direction(0));
        assertArrayEquals(new double[] {0, 1, 0}, d.direction(2), 1e-12);
        assertEquals(201f, VolumeArrays.frame(d.volume(), 2)[4]); // second slice of the third volume
    }

    @Test
    void twoAcquisitionsAreRefusedNamingBoth() throws IOException {
        for (String uid : new String[] {"1.2.3", "1.2.4"}) {
            for (int t = 0; t < 2; t++) {
                slice(uid, uid.endsWith("3") ? 5 : 6, 0, t, 500 * t, t == 0 ? null : new double[] {1, 0, 0}, 1);
            }
        }
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> DicomDiffusionSeries.read(dir, Cancellation.NEVER, source));
        assertTrue(e.getMessage().contains("series 5") && e.getMessage().contains("series 6"), e.getMessage());
    }

    @Test
    void imagesWithoutBValuesAreNotADiffusionSeries() throws IOException {
        slice("1.2.3", 5, 0, 0, 0, null, 1).remove(DiffusionTags.DIFFUSION_B_VALUE);
        DicomFormatException e = assertThrows(
                DicomFormatException.class, () -> DicomDiffusionSeries.read(dir, Cancellation.NEVER, source));
        assertTrue(e.getMessage().contains("no diffusion-weighted images"), e.getMessage());
    }
}
