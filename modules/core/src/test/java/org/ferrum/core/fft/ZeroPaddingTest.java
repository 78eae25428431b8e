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
package org.ferrum.core.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

class ZeroPaddingTest {

    private static final Geometry OBLIQUE = Geometry.ofAffine(
            0.9 * Math.cos(0.3),
            -1.1 * Math.sin(0.3),
            0,
            -80,
            0.9 * Math.sin(0.3),
            1.1 * Math.cos(0.3),
            0,
            40,
            0,
            0,
            2.5,
            -12);

    @Test
    void arraysArePaddedAndCroppedAsVolumesAre() {
        long[] n = {5, 4, 3};
        ZeroPadding padding = ZeroPadding.centred(n, new long[] {8, 7, 6});
        Volume<FloatType> v = Volumes.createFloat(n, OBLIQUE, PhysicalUnit.PPM);
        float[] values = Volumes.floats(v);
        boolean[] mask = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
            mask[i] = i % 3 == 0;
        }
        float[] padded = padding.pad(values.clone());
        assertArrayEquals(Volumes.floats(padding.pad(v)), padded);
        boolean[] paddedMask = padding.pad(mask);
        for (int i = 0; i < padded.length; i++) {
            assertEquals(padded[i] != 0 && (padded[i] - 1) % 3 == 0, paddedMask[i], "mask voxel " + i);
        }
        assertArrayEquals(values, padding.crop(padded));
        assertTrue(ZeroPadding.centred(n, n).isIdentity() && !padding.isIdentity());
        assertThrows(IllegalArgumentException.class, () -> padding.pad(new float[7]));
        assertThrows(IllegalArgumentException.class, () -> padding.crop(values));
    }

    @Test
    void fastSizeIsTheNextFiveSmoothNumber() {
        assertEquals(1, ZeroPadding.fastSize(1));
        assertEquals(8, ZeroPadding.fastSize(7));
        assertEquals(12, ZeroPadding.fastSize(11));
        assertEquals(15, ZeroPadding.fastSize(13));
        assertEquals(100, ZeroPadding.fastSize(97));
        assertEquals(125, ZeroPadding.fastSize(121));
        assertEquals(256, ZeroPadding.fastSize(256));
        assertEquals(270, ZeroPadding.fastSize(257));
        for (long n = 1; n <= 600; n++) {
            long m = ZeroPadding.fastSize(n);
            assertTrue(m >= n && onlyFactors235(m), "fastSize(" + n + ") = " + m);
            for (long k = n; k < m; k++) {
                assertTrue(!onlyFactors235(k), "fastSize(" + n + ") skipped " + k);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ZeroPadding.fastSize(0));
    }

    @Test
    void paddingIsCentredWithTheExtraVoxelAtTheEnd() {
        ZeroPadding p = ZeroPadding.centred(new long[] {5, 10, 7, 4}, new long[] {8, 10, 12});
        assertArrayEquals(new long[] {1, 0, 2}, p.offset());
        assertArrayEquals(new long[] {5, 10, 7}, p.originalSize());
        assertArrayEquals(new long[] {8, 10, 12}, p.paddedSize());
        ZeroPadding fast = ZeroPadding.toFastSize(new long[] {97, 121, 64, 5});
        assertArrayEquals(new long[] {100, 125, 64}, fast.paddedSize());
        assertArrayEquals(new long[] {1, 2, 0}, fast.offset());
        assertThrows(
                IllegalArgumentException.class, () -> ZeroPadding.centred(new long[] {5, 5, 5}, new long[] {6, 4, 6}));
        assertThrows(
                IllegalArgumentException.class, () -> ZeroPadding.centred(new long[] {5, 5}, new long[] {6, 6, 6}));
    }

    @Test
    void padThenCropRestoresPixelsAndGeometry() {
        Volume<ComplexFloatType> v = FourierTransformTest.randomVolume(7, 5, 6, 7, 2)
                .withGeometry(OBLIQUE)
                .withUnit(PhysicalUnit.HERTZ);
        ZeroPadding p = ZeroPadding.toFastSize(v.dimensions()); // 5×6×7 → 5×6×8, offset (0, 0, 0)
        ZeroPadding q = ZeroPadding.centred(v.dimensions(), new long[] {9, 8, 12}); // offset (2, 1, 2)
        for (ZeroPadding padding : new ZeroPadding[] {p, q}) {
            Volume<ComplexFloatType> padded = padding.pad(v);
            assertTrue(Volumes.isArrayBacked(padded));
            assertEquals(PhysicalUnit.HERTZ, padded.unit());
            long[] pd = padding.paddedSize();
            assertArrayEquals(new long[] {pd[0], pd[1], pd[2], 2}, padded.dimensions());
            Volume<ComplexFloatType> back = padding.crop(padded);
            assertArrayEquals(Volumes.interleaved(v), Volumes.interleaved(back), 0f);
            assertTrue(
                    back.geometry().approximatelyEquals(OBLIQUE, 1e-9),
                    back.geometry().toString());
            assertEquals(PhysicalUnit.HERTZ, back.unit());
        }
    }

    @Test
    void paddedGeometryKeepsEveryVoxelInPlaceAndTheMarginIsZero() {
        Volume<ComplexFloatType> v =
                FourierTransformTest.randomVolume(8, 3, 4, 5).withGeometry(OBLIQUE);
        ZeroPadding p = ZeroPadding.centred(v.dimensions(), new long[] {6, 4, 8});
        long[] b = p.offset();
        assertArrayEquals(new long[] {1, 0, 1}, b);
        Volume<ComplexFloatType> padded = p.pad(v);
        // origin: the patient position of original voxel −b
        assertArrayEquals(OBLIQUE.toPatient(-1, 0, -1), padded.geometry().origin(), 1e-9);
        assertArrayEquals(OBLIQUE.toPatient(2, 3, 4), padded.geometry().toPatient(3, 3, 5), 1e-9);

        RandomAccess<ComplexFloatType> in = v.image().randomAccess();
        RandomAccess<ComplexFloatType> out = padded.image().randomAccess();
        double inside = 0;
        double all = 0;
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    out.setPosition(new long[] {x, y, z});
                    boolean original = x >= 1 && x < 4 && z >= 1 && z < 6;
                    if (original) {
                        in.setPosition(new long[] {x - 1, y, z - 1});
                        assertEquals(in.get().getRealFloat(), out.get().getRealFloat());
                        assertEquals(in.get().getImaginaryFloat(), out.get().getImaginaryFloat());
                        inside++;
                    } else {
                        assertEquals(0, out.get().getPowerFloat(), "margin voxel (" + x + ", " + y + ", " + z + ")");
                    }
                    all++;
                }
            }
        }
        assertEquals(60, inside);
        assertEquals(192, all);
    }

    @Test
    void realVolumesPadToo() {
        Volume<FloatType> v =
                Volumes.createFloat(new long[] {2, 2, 2}, Geometry.axisAligned(1, 1, 1), PhysicalUnit.PPM);
        Volumes.floats(v)[7] = 3;
        ZeroPadding p = ZeroPadding.centred(v.dimensions(), new long[] {4, 4, 4});
        Volume<FloatType> padded = p.pad(v);
        assertEquals(3, Volumes.floats(padded)[2 + 4 * (2 + 4 * 2)]); // original (1, 1, 1) + offset 1 = (2, 2, 2)
        assertArrayEquals(new double[] {-1, -1, -1}, padded.geometry().origin(), 1e-12);
        assertArrayEquals(Volumes.floats(v), Volumes.floats(p.crop(padded)), 0f);
    }

    @Test
    void wrongSizesAreRejectedWithTheSizesInTheMessage() {
        ZeroPadding p = ZeroPadding.centred(new long[] {4, 4, 4}, new long[] {8, 8, 8});
        Volume<ComplexFloatType> v = FourierTransformTest.randomVolume(9, 5, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.pad(v));
        assertTrue(e.getMessage().contains("[5, 4, 4]") && e.getMessage().contains("[4, 4, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.crop(v));
    }

    private static boolean onlyFactors235(long m) {
        for (long f : new long[] {2, 3, 5}) {
            while (m % f == 0) {
                m /= f;
            }
        }
        return m == 1;
    }
}
