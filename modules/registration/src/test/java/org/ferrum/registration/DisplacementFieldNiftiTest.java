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
package org.ferrum.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ferrum.core.Geometry;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.nifti.NiftiWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIfTI displacement fields in the ITK/ANTs layout: header bytes checked against the NIfTI-1 standard's offsets. */
class DisplacementFieldNiftiTest {

    @TempDir
    Path dir;

    private static final Geometry G = Geometry.ofAffine(1.5, 0, 0, -10, 0, 1.5, 0, 20, 0, 0, 2.5, -5);
    private static final int[] DIMS = {5, 4, 3};

    private static DisplacementFieldTransform sample() {
        int n = 60;
        float[] ux = new float[n], uy = new float[n], uz = new float[n];
        for (int e = 0; e < n; e++) {
            ux[e] = 0.1f * e;
            uy[e] = -0.05f * e;
            uz[e] = 1.25f;
        }
        return DisplacementFieldTransform.ofMillimetres(G, DIMS, ux, uy, uz);
    }

    @Test
    void writesTheItkLayoutAndReadsItBack() throws IOException {
        Path file = dir.resolve("x_warp.nii.gz");
        DisplacementFieldTransform written = sample();
        DisplacementFieldNifti.write(written, file);

        // NIfTI-1 header: dim[8] int16 at byte 40, intent_code int16 at 68, datatype int16 at 70 (nifti1.h)
        byte[] header = new byte[348];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertEquals(348, in.readNBytes(header, 0, 348));
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        short[] dim = new short[8];
        for (int d = 0; d < 8; d++) {
            dim[d] = b.getShort(40 + 2 * d);
        }
        assertArrayEquals(new short[] {5, 5, 4, 3, 1, 3, 1, 1}, dim);
        assertEquals(1007, b.getShort(68));
        assertEquals(16, b.getShort(70)); // float32

        DisplacementFieldTransform read = DisplacementFieldNifti.read(file);
        assertArrayEquals(DIMS, read.dimensions());
        assertTrue(read.geometry().approximatelyEquals(G, 1e-4));
        float[][] a = written.millimetres(), c = read.millimetres();
        for (int q = 0; q < 3; q++) {
            assertArrayEquals(a[q], c[q], 1e-5f);
        }
    }

    @Test
    void dispvectIntentIsRasAndConverted() throws IOException {
        // the same numbers under NIFTI_INTENT_DISPVECT mean RAS vectors: x and y flip sign in LPS (ITK ≥ 5.3 does so)
        Path file = dir.resolve("ras.nii");
        NiftiWriter.nifti1()
                .writeVectors(
                        ScaledVolume.unscaled(DisplacementFieldNifti.volume(sample())),
                        file,
                        DisplacementFieldNifti.INTENT_DISPLACEMENT_VECTOR);
        float[][] lps = DisplacementFieldNifti.read(file).millimetres(), stored = sample().millimetres();
        assertEquals(-stored[0][7], lps[0][7], 1e-5);
        assertEquals(-stored[1][7], lps[1][7], 1e-5);
        assertEquals(stored[2][7], lps[2][7], 1e-5);
    }

    @Test
    void anOrdinaryImageIsRefusedNamingWhatItIs() throws IOException {
        Path file = dir.resolve("plain.nii");
        NiftiWriter.nifti1()
                .write(
                        ScaledVolume.unscaled(new org.ferrum.core.Volume<>(
                                net.imglib2.img.array.ArrayImgs.floats(new float[60], 5, 4, 3),
                                G,
                                org.ferrum.core.PhysicalUnit.ARBITRARY)),
                        file);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DisplacementFieldNifti.read(file));
        assertTrue(e.getMessage().contains("not a 3-D displacement field"), e.getMessage());
    }
}
