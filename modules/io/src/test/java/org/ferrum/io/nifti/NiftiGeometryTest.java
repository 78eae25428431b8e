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

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.ferrum.io.ScaledVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * qform / sform / neither → LPS affine, against affines computed by hand from nifti1.h's formulas.
 * LPS = RAS with the first two rows negated.
 */
class NiftiGeometryTest {

    @TempDir
    Path dir;

    private ScaledVolume<?> read(RawNifti raw, String name) throws IOException {
        return new NiftiReader().read(raw.write(dir.resolve(name)));
    }

    private static double[] lps(ScaledVolume<?> v) {
        double[] a = v.stored().geometry().affine();
        return java.util.Arrays.copyOf(a, 12);
    }

    @ParameterizedTest(name = "NIfTI-{0}")
    @ValueSource(ints = {1, 2})
    void qformOnlyIdentityRotation(int version) throws IOException {
        RawNifti r = new RawNifti();
        r.version = version;
        r.qformCode = 1;
        r.pixdim = new double[] {1, 2, 3, 4, 1, 1, 1, 1};
        r.quatern = new double[] {0, 0, 0, 10, 20, 30};
        // R = I; RAS = diag(2, 3, 4) + (10, 20, 30); LPS negates rows x and y
        assertArrayEquals(new double[] {-2, 0, 0, -10, 0, -3, 0, -20, 0, 0, 4, 30}, lps(read(r, "q.nii")), 0);
    }

    @ParameterizedTest(name = "NIfTI-{0}")
    @ValueSource(ints = {1, 2})
    void qformObliqueWithQfacMinusOne(int version) throws IOException {
        // 30° about z: a = cos 15°, d = sin 15°, b = c = 0, so R = [[cos30, −sin30, 0], [sin30, cos30, 0], [0, 0, 1]];
        // pixdim (1, 2, 3), qfac = pixdim[0] = −1 flips the third column: RAS columns (c, s, 0)·1, (−s, c, 0)·2, (0, 0,
        // −3).
        double d = Math.sin(Math.toRadians(15));
        RawNifti r = new RawNifti();
        r.version = version;
        r.qformCode = 1;
        r.pixdim = new double[] {-1, 1, 2, 3, 1, 1, 1, 1};
        r.quatern = new double[] {0, 0, d, 5, -6, 7};
        double c30 = Math.sqrt(3) / 2, s30 = 0.5;
        double[] expected = {-c30, 2 * s30, 0, -5, -s30, -2 * c30, 0, 6, 0, 0, -3, 7};
        assertArrayEquals(expected, lps(read(r, "q.nii")), version == 1 ? 1e-6 : 1e-12);
    }

    @Test
    void qformHalfTurnAboutXWhereAIsZero() throws IOException {
        // b = 1, c = d = 0: a = 0, R = diag(1, −1, −1)
        RawNifti r = new RawNifti();
        r.qformCode = 2;
        r.pixdim = new double[] {1, 1, 1, 1, 1, 1, 1, 1};
        r.quatern = new double[] {1, 0, 0, 0, 0, 0};
        assertArrayEquals(new double[] {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 0}, lps(read(r, "q.nii")), 1e-7);
    }

    @Test
    void qfacZeroIsReadAsOne() throws IOException {
        RawNifti r = new RawNifti();
        r.qformCode = 1;
        r.pixdim = new double[] {0, 1, 1, 2, 1, 1, 1, 1};
        assertArrayEquals(new double[] {-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 2, 0}, lps(read(r, "q.nii")), 0);
    }

    @ParameterizedTest(name = "NIfTI-{0}")
    @ValueSource(ints = {1, 2})
    void sformOnlyWithShear(int version) throws IOException {
        RawNifti r = new RawNifti();
        r.version = version;
        r.sformCode = 1;
        r.srow = new double[] {1, 0.5, 0, -10, 0, 2, 0, 20, 0.25, 0, 3, 5};
        assertArrayEquals(new double[] {-1, -0.5, 0, 10, 0, -2, 0, -20, 0.25, 0, 3, 5}, lps(read(r, "s.nii")), 0);
    }

    @Test
    void sformWinsWhenBothAreSet() throws IOException {
        RawNifti r = new RawNifti();
        r.qformCode = 1;
        r.sformCode = 2;
        r.pixdim = new double[] {1, 7, 7, 7, 1, 1, 1, 1};
        r.srow = new double[] {2, 0, 0, 1, 0, 2, 0, 2, 0, 0, 2, 3};
        NiftiHeader h = new NiftiReader().readHeader(r.write(dir.resolve("b.nii")));
        assertEquals("sform", h.geometrySource());
        assertArrayEquals(
                new double[] {-2, 0, 0, -1, 0, -2, 0, -2, 0, 0, 2, 3},
                java.util.Arrays.copyOf(h.geometry().affine(), 12),
                0);
        // the qform is still available as stored: diag(7, 7, 7)
        assertArrayEquals(new double[] {7, 0, 0, 0, 0, 7, 0, 0, 0, 0, 7, 0, 0, 0, 0, 1}, h.qformRasAffine(), 0);
    }

    @Test
    void neitherSetUsesPixdimAsMethodOne() throws IOException {
        RawNifti r = new RawNifti();
        r.pixdim = new double[] {1, 1.5, 2, 2.5, 1, 1, 1, 1};
        NiftiHeader h = new NiftiReader().readHeader(r.write(dir.resolve("m1.nii")));
        assertEquals("pixdim (no qform or sform)", h.geometrySource());
        assertArrayEquals(
                new double[] {-1.5, 0, 0, 0, 0, -2, 0, 0, 0, 0, 2.5, 0},
                java.util.Arrays.copyOf(h.geometry().affine(), 12),
                0);
    }

    @Test
    void metresAreConvertedToMillimetres() throws IOException {
        RawNifti r = new RawNifti();
        r.version = 2;
        r.xyztUnits = 1 | 8; // NIFTI_UNITS_METER
        r.sformCode = 1;
        r.srow = new double[] {0.001, 0, 0, 0.1, 0, 0.001, 0, 0.2, 0, 0, 0.002, 0.3};
        assertArrayEquals(new double[] {-1, 0, 0, -100, 0, -1, 0, -200, 0, 0, 2, 300}, lps(read(r, "m.nii")), 1e-12);
    }

    @Test
    void bigEndianFileReadsTheSame() throws IOException {
        for (int version : new int[] {1, 2}) {
            RawNifti le = new RawNifti();
            le.version = version;
            le.sformCode = 1;
            le.srow = new double[] {1, 0, 0, 1, 0, 1, 0, 2, 0, 0, 1, 3};
            le.sclSlope = 2;
            le.sclInter = 1;
            le.countingFloats();
            RawNifti be = new RawNifti();
            be.version = version;
            be.order = ByteOrder.BIG_ENDIAN;
            be.sformCode = 1;
            be.srow = le.srow;
            be.sclSlope = 2;
            be.sclInter = 1;
            be.countingFloats();
            ScaledVolume<?> a = read(le, "le" + version + ".nii");
            ScaledVolume<?> b = read(be, "be" + version + ".nii.gz");
            assertEquals(
                    ByteOrder.BIG_ENDIAN,
                    new NiftiReader()
                            .readHeader(dir.resolve("be" + version + ".nii.gz"))
                            .byteOrder());
            NiftiRoundTripTest.assertBitExact(NiftiRoundTripTest.storage(a), NiftiRoundTripTest.storage(b));
            assertEquals(23f, ((float[]) NiftiRoundTripTest.storage(b))[23]);
            assertEquals(2.0, b.slope());
            assertEquals(1.0, b.intercept());
            assertArrayEquals(lps(a), lps(b), 0);
        }
    }

    @Test
    void slopeZeroMeansNoScaling() throws IOException {
        RawNifti r = new RawNifti();
        r.sclSlope = 0;
        r.sclInter = 100; // ignored: nifti1.h applies scl_inter only with a non-zero slope
        ScaledVolume<?> v = read(r, "z.nii");
        assertEquals(1.0, v.slope());
        assertEquals(0.0, v.intercept());
    }

    @Test
    void extensionsAreSkipped() throws IOException {
        RawNifti r = new RawNifti();
        byte[] ext = new byte[32];
        java.nio.ByteBuffer.wrap(ext)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0, 32)
                .putInt(4, 6); // esize 32, ecode 6 (comment)
        java.util.Arrays.fill(ext, 8, 32, (byte) 'x');
        r.extension = ext;
        r.countingFloats();
        ScaledVolume<?> v = read(r, "ext.nii.gz");
        assertEquals(
                384, new NiftiReader().readHeader(dir.resolve("ext.nii.gz")).voxOffset());
        assertEquals(5f, ((float[]) NiftiRoundTripTest.storage(v))[5]);
    }

    @Test
    void fiveDimensionsWithDim5OneAreAccepted() throws IOException {
        RawNifti r = new RawNifti();
        r.dim = new long[] {5, 2, 3, 4, 2, 1, 1, 1};
        r.countingFloats();
        assertArrayEquals(new long[] {2, 3, 4, 2}, read(r, "five.nii").stored().dimensions());
    }

    @Test
    void floatViewAndCopyApplyScaling() throws IOException {
        RawNifti r = new RawNifti();
        r.datatype = 4;
        r.bitpix = 16;
        r.sclSlope = 2;
        r.sclInter = -4096;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 * 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 24; i++) {
            b.putShort((short) (i * 100));
        }
        r.data = b.array();
        ScaledVolume<?> v = read(r, "s16.nii");
        assertEquals(
                net.imglib2.type.numeric.integer.ShortType.class,
                v.stored().pixelType().getClass());
        float[] f = org.ferrum.core.Volumes.floats(v.toFloat());
        assertEquals(2 * 500 - 4096, f[5], 0);
        var ra = v.floatView().randomAccess();
        ra.setPosition(new long[] {1, 2, 0}); // index 1 + 2·2 = 5
        assertEquals(2 * 500 - 4096, ra.get().get(), 0);
    }
}
