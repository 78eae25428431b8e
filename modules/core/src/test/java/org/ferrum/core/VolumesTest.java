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
package org.ferrum.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImg;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;

class VolumesTest {

    @Test
    void interleavedStorageFollowsTheDocumentedIndexFormula() {
        long nx = 4, ny = 3, nz = 5, nt = 2;
        Volume<ComplexFloatType> v =
                Volumes.createComplex(new long[] {nx, ny, nz, nt}, Geometry.identity(), PhysicalUnit.ARBITRARY);
        RandomAccess<ComplexFloatType> ra = v.image().randomAccess();
        for (long t = 0; t < nt; t++) {
            for (long z = 0; z < nz; z++) {
                for (long y = 0; y < ny; y++) {
                    for (long x = 0; x < nx; x++) {
                        ra.setPosition(new long[] {x, y, z, t});
                        ra.get().set(x + 10 * y + 100 * z + 1000 * t, -(x + 10 * y + 100 * z + 1000 * t) - 0.5f);
                    }
                }
            }
        }
        float[] a = Volumes.interleaved(v);
        assertEquals(2 * nx * ny * nz * nt, a.length);
        long x = 3, y = 2, z = 4, t = 1;
        int i = (int) (2 * (x + nx * (y + ny * (z + nz * t))));
        assertEquals(x + 10 * y + 100 * z + 1000 * t, a[i]);
        assertEquals(-(x + 10 * y + 100 * z + 1000 * t) - 0.5f, a[i + 1]);
        // writes through the array reach the volume
        a[2] = 42;
        ra.setPosition(new long[] {1, 0, 0, 0});
        assertEquals(42, ra.get().getRealFloat());
    }

    @Test
    void floatStorageIsTheVolumesOwnArray() {
        Volume<FloatType> v = Volumes.createFloat(new long[] {3, 2, 2}, Geometry.identity(), PhysicalUnit.PPM);
        float[] a = Volumes.floats(v);
        assertEquals(12, a.length);
        a[0 + 3 * 1 + 6 * 1] = 7; // voxel (0, 1, 1): x + nx·(y + ny·z)
        RandomAccess<FloatType> ra = v.image().randomAccess();
        ra.setPosition(new long[] {0, 1, 1});
        assertEquals(7, ra.get().get());
        assertTrue(Volumes.isArrayBacked(v));
    }

    @Test
    void viewsAreNotArrayBackedAndCopiesAre() {
        Volume<ComplexFloatType> v =
                Volumes.createComplex(new long[] {4, 4, 4, 2}, Geometry.identity(), PhysicalUnit.ARBITRARY);
        Volumes.interleaved(v)[2 * (1 + 4 * (2 + 4 * (3 + 4)))] = 5; // voxel (1, 2, 3) of frame 1
        Volume<ComplexFloatType> frame = v.frame(1);
        assertFalse(Volumes.isArrayBacked(frame));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Volumes.interleaved(frame));
        assertTrue(e.getMessage().contains("copy"), e.getMessage());
        Volume<ComplexFloatType> copy = Volumes.copyComplex(frame);
        assertTrue(Volumes.isArrayBacked(copy));
        assertEquals(5, Volumes.interleaved(copy)[2 * (1 + 4 * (2 + 4 * 3))]);
        assertSame(frame.geometry(), copy.geometry());
    }

    @Test
    void smallVolumesAreArrayImgs() {
        assertInstanceOf(
                ArrayImg.class,
                Volumes.create(
                                new ByteType(),
                                new long[] {64, 64, 64, 3},
                                Geometry.identity(),
                                PhysicalUnit.DIMENSIONLESS)
                        .image());
    }

    @Test
    void complexVolumeTooLargeForOneArrayIsRefused() {
        // 2^30 voxels need 2^31 floats, more than one Java array holds; refused before allocating anything
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Volumes.createComplex(
                        new long[] {1024, 1024, 1024}, Geometry.identity(), PhysicalUnit.ARBITRARY));
        assertTrue(e.getMessage().contains("1073741824"), e.getMessage());
    }

    @Test
    void fourDimensionalVolumeAboveTwoToThe31ElementsIsACellImg() {
        // 2^31 one-byte voxels: 2 GiB of heap
        assumeTrue(Runtime.getRuntime().maxMemory() > 3L << 30, "needs a heap of more than 3 GiB");
        Volume<ByteType> v = Volumes.create(
                new ByteType(), new long[] {1024, 1024, 1024, 2}, Geometry.identity(), PhysicalUnit.DIMENSIONLESS);
        assertInstanceOf(CellImg.class, v.image());
        RandomAccess<ByteType> ra = v.image().randomAccess();
        ra.setPosition(new long[] {1023, 1023, 1023, 1});
        ra.get().set((byte) 9);
        ra.setPosition(new long[] {1023, 1023, 1023, 0});
        assertEquals(0, ra.get().get());
        ra.setPosition(new long[] {1023, 1023, 1023, 1});
        assertEquals(9, ra.get().get());
    }

    @Test
    void volumeIsThreeOrFourDimensionalFromTheOrigin() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Volume<>(ArrayImgs.floats(4, 4), Geometry.identity(), PhysicalUnit.PPM));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Volume<>(
                        Views.translate(ArrayImgs.floats(4, 4, 4), 1, 0, 0), Geometry.identity(), PhysicalUnit.PPM));
        Volume<FloatType> v = new Volume<>(ArrayImgs.floats(4, 5, 6, 3), Geometry.identity(), PhysicalUnit.PPM);
        assertEquals(3, v.frames());
        assertEquals(120, v.voxelsPerFrame());
        assertArrayEquals(new long[] {4, 5, 6}, v.frame(2).dimensions());
        assertThrows(IndexOutOfBoundsException.class, () -> v.frame(3));
    }
}
