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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.io.ScaledVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Write → read → write → read is bit-exact for every datatype, .nii and .nii.gz, NIfTI-1 and NIfTI-2. */
class NiftiRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (NiftiDatatype t : NiftiDatatype.values()) {
            for (String ext : new String[] {".nii", ".nii.gz"}) {
                for (int version : new int[] {1, 2}) {
                    all.add(Arguments.of(t, ext, version));
                }
            }
        }
        return all.stream();
    }

    /** An oblique geometry (30° about z, 10° about x, voxels 0.9×1.1×2.5 mm); entries rounded to float32 if asked. */
    static Geometry oblique(boolean floatExact) {
        double cz = Math.cos(Math.toRadians(30)), sz = Math.sin(Math.toRadians(30));
        double cx = Math.cos(Math.toRadians(10)), sx = Math.sin(Math.toRadians(10));
        double[][] r = {{cz, -sz * cx, sz * sx}, {sz, cz * cx, -cz * sx}, {0, sx, cx}};
        double[] s = {0.9, 1.1, 2.5};
        double[] o = {-91.25, 120.5, -33.75};
        double[] m = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                m[row * 4 + col] = r[row][col] * s[col];
            }
            m[row * 4 + 3] = o[row];
        }
        if (floatExact) {
            for (int i = 0; i < 12; i++) {
                m[i] = (float) m[i];
            }
        }
        return Geometry.ofAffine(m);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static ScaledVolume<?> randomVolume(NiftiDatatype t, long[] dims, Geometry g, long seed) {
        ArrayImg img = (ArrayImg) new ArrayImgFactory(t.newPixel()).create(dims);
        Object a = ((ArrayDataAccess<?>) img.update(null)).getCurrentStorageArray();
        Random rnd = new Random(seed);
        if (a instanceof byte[] b) {
            rnd.nextBytes(b);
        } else if (a instanceof short[] s) {
            for (int i = 0; i < s.length; i++) s[i] = (short) rnd.nextInt();
        } else if (a instanceof int[] v) {
            for (int i = 0; i < v.length; i++)
                v[i] = t == NiftiDatatype.RGB24 ? rnd.nextInt() | 0xff000000 : rnd.nextInt();
        } else if (a instanceof long[] v) {
            for (int i = 0; i < v.length; i++) v[i] = rnd.nextLong();
        } else if (a instanceof float[] v) {
            for (int i = 0; i < v.length; i++)
                v[i] = Float.intBitsToFloat(rnd.nextInt()); // every bit pattern, NaNs included
            v[0] = -0.0f;
            v[1] = Float.POSITIVE_INFINITY;
        } else if (a instanceof double[] v) {
            for (int i = 0; i < v.length; i++) v[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        Volume<?> vol = new Volume(img, g, PhysicalUnit.PPM);
        return t.isColour() ? ScaledVolume.unscaled((Volume) vol) : new ScaledVolume(vol, 0.5, -3.25);
    }

    static Object storage(ScaledVolume<?> v) {
        return ((ArrayDataAccess<?>) ((ArrayImg<?, ?>) v.stored().image()).update(null)).getCurrentStorageArray();
    }

    static void assertBitExact(Object expected, Object actual) {
        if (expected instanceof float[] e) {
            float[] a = (float[]) actual;
            assertEquals(e.length, a.length);
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                    throw new AssertionError("float bits differ at " + i);
                }
            }
        } else if (expected instanceof double[] e) {
            double[] a = (double[]) actual;
            assertEquals(e.length, a.length);
            for (int i = 0; i < e.length; i++) {
                if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                    throw new AssertionError("double bits differ at " + i);
                }
            }
        } else {
            assertTrue(java.util.Objects.deepEquals(expected, actual), "stored values differ");
        }
    }

    static void assertSameAffine(Geometry expected, Geometry actual) {
        assertArrayEquals(expected.affine(), actual.affine(), 0.0);
    }

    @ParameterizedTest(name = "{0} {1} NIfTI-{2}")
    @MethodSource("cases")
    void roundTripIsBitExact(NiftiDatatype t, String ext, int version) throws IOException {
        long[] dims = version == 1 ? new long[] {5, 4, 3} : new long[] {5, 4, 3, 2};
        ScaledVolume<?> original = randomVolume(t, dims, oblique(version == 1), t.ordinal());
        NiftiWriter writer = version == 1 ? NiftiWriter.nifti1() : NiftiWriter.nifti2();
        Path first = dir.resolve("first" + ext);
        writer.write(original, first);

        NiftiReader reader = new NiftiReader();
        NiftiHeader h = reader.readHeader(first);
        assertEquals(version, h.version());
        assertSame(
                t == NiftiDatatype.RGB24 || t == NiftiDatatype.RGBA32 ? NiftiDatatype.RGB24 : t,
                t == NiftiDatatype.RGBA32 ? NiftiDatatype.RGB24 : h.datatype());
        ScaledVolume<?> read1 = reader.read(first);
        assertEquals(
                original.stored().pixelType().getClass(),
                read1.stored().pixelType().getClass());
        assertArrayEquals(dims, read1.stored().dimensions());
        assertBitExact(storage(original), storage(read1));
        assertEquals(original.slope(), read1.slope());
        assertEquals(original.intercept(), read1.intercept());
        assertEquals(PhysicalUnit.PPM, read1.stored().unit());
        assertSameAffine(original.stored().geometry(), read1.stored().geometry());

        Path second = dir.resolve("second" + ext);
        writer.write(read1, second);
        ScaledVolume<?> read2 = reader.read(second);
        assertBitExact(storage(read1), storage(read2));
        assertSameAffine(read1.stored().geometry(), read2.stored().geometry());
        assertEquals(read1.slope(), read2.slope());
        assertEquals(read1.intercept(), read2.intercept());
    }

    @Test
    void rgbaWithAlphaIsWrittenAsRgba32() throws IOException {
        ScaledVolume<?> v = randomVolume(NiftiDatatype.RGBA32, new long[] {3, 3, 3}, Geometry.identity(), 7);
        Path f = dir.resolve("rgba.nii");
        NiftiWriter.nifti1().write(v, f);
        assertSame(NiftiDatatype.RGBA32, new NiftiReader().readHeader(f).datatype());
        assertBitExact(storage(v), storage(new NiftiReader().read(f)));
    }

    @Test
    void nifti2KeepsDoublePrecisionGeometry() throws IOException {
        Geometry g = oblique(false);
        ScaledVolume<?> v = randomVolume(NiftiDatatype.FLOAT32, new long[] {4, 4, 4}, g, 1);
        Path f = dir.resolve("double.nii");
        NiftiWriter.nifti2().write(v, f);
        assertSameAffine(g, new NiftiReader().read(f).stored().geometry());
    }

    @Test
    void writtenQformMatchesTheSform() throws IOException {
        Geometry g = oblique(false);
        Path f = dir.resolve("q.nii.gz");
        NiftiWriter.nifti1().write(randomVolume(NiftiDatatype.INT16, new long[] {4, 4, 4}, g, 2), f);
        NiftiHeader h = new NiftiReader().readHeader(f);
        assertEquals(1, h.qformCode());
        assertEquals(1, h.sformCode());
        assertEquals("sform", h.geometrySource());
        assertArrayEquals(h.sformRasAffine(), h.qformRasAffine(), 2e-6 * 120); // float32 quaternion and offsets
        assertArrayEquals(g.rasAffine(), h.qformRasAffine(), 2e-6 * 120);
    }

    @Test
    void leftHandedAffineGivesQfacMinusOne() throws IOException {
        // LPS axis-aligned (index axes along L, P, S) is RAS with x and y flipped: determinant +1 in LPS,
        // but RAS columns (−1,0,0), (0,−1,0), (0,0,1) have det +1 too; flip z to make it left-handed.
        Geometry g = Geometry.ofAffine(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -2, 0);
        Path f = dir.resolve("lh.nii");
        NiftiWriter.nifti1().write(randomVolume(NiftiDatatype.UINT8, new long[] {2, 2, 2}, g, 3), f);
        NiftiHeader h = new NiftiReader().readHeader(f);
        assertEquals(-1.0, h.pixdim()[0]);
        assertArrayEquals(g.rasAffine(), h.qformRasAffine(), 1e-6);
    }
}
