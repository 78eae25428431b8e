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
package org.ferrum.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real files from other tools. Expected values were obtained by hand, independently of this code:
 * the header fields with Python's {@code struct.unpack('<…', bytes)} at the nifti1.h offsets
 * (float32 values printed as the exact doubles they are), the LPS affines by negating the first two
 * srow rows, the qform affine with numpy from nifti1.h's quaternion formula, and voxel values with
 * {@code numpy.fromfile(..., offset=352).reshape(nz, ny, nx)[z, y, x]}.
 */
class NiftiRealDataTest {

    @TempDir
    Path dir;

    private static double stored(ScaledVolume<?> v, long... position) {
        RandomAccess<?> ra = v.stored().image().randomAccess();
        ra.setPosition(position);
        return ((RealType<?>) ra.get()).getRealDouble();
    }

    private static double[] lps(ScaledVolume<?> v) {
        return Arrays.copyOf(v.stored().geometry().affine(), 12);
    }

    @Test
    void mriResearchToolsMagnitudeAndPhase() throws IOException {
        NiftiReader reader = new NiftiReader();
        for (String name : new String[] {"Mag.nii", "Phase.nii"}) {
            Path f = TestData.file("gre/mriresearchtools-small/" + name);
            NiftiHeader h = reader.readHeader(f);
            assertEquals(1, h.version());
            assertEquals(NiftiDatatype.FLOAT32, h.datatype());
            assertEquals(0, h.qformCode());
            assertEquals(1, h.sformCode());
            ScaledVolume<?> v = reader.read(f);
            assertEquals(FloatType.class, v.stored().pixelType().getClass());
            assertArrayEquals(new long[] {51, 51, 41, 3}, v.stored().dimensions());
            assertArrayEquals(
                    new double[] {0.46875, 0.46875, 1}, v.stored().geometry().voxelSize(), 0);
            // srow_x = (0.46875, 0, 0, -104.53125), srow_y = (0, 0.46875, 0, -104.53125), srow_z = (0, 0, 1, -55)
            assertArrayEquals(
                    new double[] {-0.46875, 0, 0, 104.53125, 0, -0.46875, 0, 104.53125, 0, 0, 1, -55}, lps(v), 0);
            assertEquals(0.0011695906287059188, v.slope(), 0); // scl_slope as stored (float32 1/855)
            assertEquals(0.0, v.intercept());
        }
        ScaledVolume<?> mag = reader.read(TestData.file("gre/mriresearchtools-small/Mag.nii"));
        assertEquals(0.28187134861946106, stored(mag, 25, 25, 20, 0), 0);
        assertEquals(0.253801167011261, stored(mag, 25, 25, 20, 1), 0);
        assertEquals(0.21520467102527618, stored(mag, 25, 25, 20, 2), 0);
        ScaledVolume<?> phase = reader.read(TestData.file("gre/mriresearchtools-small/Phase.nii"));
        assertEquals(-0.5531353950500488, stored(phase, 25, 25, 20, 0), 0);
        assertEquals(-1.3556030988693237, stored(phase, 25, 25, 20, 2), 0);
        assertEquals(2.935988664627075, stored(phase, 10, 30, 5, 1), 0);
        // the stored phase is radians: every value within [-π, π] (π rounded to float32 allowed)
        float[] p = (float[]) NiftiRoundTripTest.storage(phase);
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float x : p) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertTrue(min >= -(float) Math.PI && max <= (float) Math.PI, min + " .. " + max);
        assertTrue(max - min > 6.2, "phase should span nearly 2π");
    }

    @Test
    void siemensPhaseDifferenceInt16WithSlopeAndIntercept() throws IOException {
        ScaledVolume<?> v = new NiftiReader().read(TestData.file("nifti/dcm_qa_fmap/Si_3_gre_field_magph_e2_ph.nii"));
        assertEquals(ShortType.class, v.stored().pixelType().getClass());
        assertArrayEquals(new long[] {64, 64, 36}, v.stored().dimensions());
        assertEquals(2.0, v.slope());
        assertEquals(-4096.0, v.intercept());
        // sform rows (-3.25, 0, -0, 104), (-0, 3.25, -0, -100.75), (0, 0, 3.5999984741210938, -63)
        assertArrayEquals(
                new double[] {3.25, 0, 0, -104, 0, -3.25, 0, 100.75, 0, 0, 3.5999984741210938, -63}, lps(v), 0);
        assertEquals(2246, stored(v, 32, 32, 18), 0);
        assertEquals(2048, stored(v, 0, 0, 0), 0);
        var ra = v.floatView().randomAccess();
        ra.setPosition(new long[] {32, 32, 18});
        assertEquals(2 * 2246 - 4096, ra.get().get(), 0);
    }

    @Test
    void obliqueEpiWithQfacMinusOne() throws IOException {
        Path f = TestData.file("nifti/dcm_qa_ts/1.nii");
        NiftiHeader h = new NiftiReader().readHeader(f);
        assertEquals(-1.0, h.pixdim()[0]);
        assertEquals("sform", h.geometrySource());
        ScaledVolume<?> v = new NiftiReader().read(f);
        assertArrayEquals(new long[] {64, 64, 35}, v.stored().dimensions());
        assertArrayEquals(
                new double[] {
                    3.25,
                    -3.250000038259134e-16,
                    3.8879768499760497e-17,
                    -104.0,
                    -3.250000038259134e-16,
                    -3.2309906482696533,
                    0.38879767060279846,
                    58.68431091308594,
                    0.0,
                    0.3509978950023651,
                    3.5789432525634766,
                    -84.79803466796875
                },
                lps(v),
                0);
        // qform (method 2) from quatern (5.0e-17, 0.99854, 0.05408), qfac −1, computed with numpy, to LPS. Here
        // 1 − (b² + c² + d²) = −7.2e-8 in float32, so, as nifti1_io.c does, a = 0 and (b, c, d) is renormalised.
        double[] q = h.qformRasAffine();
        double[] qLps = {-q[0], -q[1], -q[2], -q[3], -q[4], -q[5], -q[6], -q[7], q[8], q[9], q[10], q[11]};
        assertArrayEquals(
                new double[] {
                    3.250000000000001,
                    -3.24997210184189e-16,
                    1.949673607660675e-17,
                    -104.0,
                    -3.24997210184189e-16,
                    -3.2309906311910135,
                    0.38879768776993484,
                    58.68431091308594,
                    1.7601220535431982e-17,
                    0.3509979218683496,
                    3.578943373586575,
                    -84.79803466796875
                },
                qLps,
                1e-12);
        assertEquals(1021, stored(v, 32, 32, 17), 0);
        assertEquals(42, stored(v, 10, 40, 5), 0);
    }

    @Test
    void philipsMagnitudeWithLargeSlope() throws IOException {
        Path f = TestData.file("nifti/dcm_qa_fmap/Ph_801_WIP_B0_NS_e1.nii");
        NiftiHeader h = new NiftiReader().readHeader(f);
        assertEquals(1.0, h.pixdim()[0]);
        ScaledVolume<?> v = new NiftiReader().read(f);
        assertEquals(118362.2421875, v.slope());
        assertArrayEquals(
                new double[] {
                    -4.0,
                    0,
                    -0.00010970099538099021,
                    124.75701904296875,
                    0,
                    -4.0,
                    0,
                    132.223388671875,
                    -0.00010970099538099021,
                    0.0,
                    4.0,
                    -38.347679138183594
                },
                lps(v),
                0);
        double[] q = h.qformRasAffine();
        assertEquals(-0.00010970099537067634, q[8], 1e-12); // numpy from quatern_c = 1.3712624e-05
        assertEquals(1066, stored(v, 32, 32, 16), 0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gre/mriresearchtools-small/Phase.nii",
                "nifti/dcm_qa_fmap/Si_3_gre_field_magph_e2_ph.nii",
                "nifti/dcm_qa_ts/1.nii",
                "nifti/dcm_qa_fmap/Ph_801_WIP_B0_NS_e1.nii"
            })
    void realFilesRoundTripBitExact(String name) throws IOException {
        ScaledVolume<?> original = new NiftiReader().read(TestData.file(name));
        for (NiftiWriter w : new NiftiWriter[] {NiftiWriter.nifti1(), NiftiWriter.nifti2()}) {
            for (String ext : new String[] {".nii", ".nii.gz"}) {
                Path out = dir.resolve("copy" + ext);
                w.write(original, out);
                ScaledVolume<?> back = new NiftiReader().read(out);
                NiftiRoundTripTest.assertBitExact(
                        NiftiRoundTripTest.storage(original), NiftiRoundTripTest.storage(back));
                assertArrayEquals(
                        original.stored().geometry().affine(),
                        back.stored().geometry().affine(),
                        0);
                assertEquals(original.slope(), back.slope());
                assertEquals(original.intercept(), back.intercept());
            }
        }
    }
}
