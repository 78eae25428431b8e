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

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;

/** Synthetic derived maps with known values and an oblique geometry, for the DICOM writer tests. */
final class SyntheticMaps {

    static final int NX = 24, NY = 18, NZ = 7;

    private SyntheticMaps() {}

    /**
     * A χ map in ppm: a smooth ramp from about −0.25 to +0.35 ppm with a paramagnetic "iron" blob, a NaN
     * voxel in two slices and a NaN border column; rotated 20° about z and 12° about x, anisotropic voxels
     * 0.9 × 1.1 × 2.0 mm.
     */
    static Volume<FloatType> obliqueChi() {
        ArrayImg<FloatType, ?> img = ArrayImgs.floats(NX, NY, NZ);
        RandomAccess<FloatType> ra = img.randomAccess();
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    ra.setPosition(new long[] {i, j, k});
                    double v = 0.012 * (i - 11) + 0.004 * (j - 9) - 0.015 * (k - 3);
                    double r2 = (i - 16) * (i - 16) + (j - 6) * (j - 6);
                    v += 0.2 * Math.exp(-r2 / 8.0);
                    ra.get().set((float) v);
                }
            }
        }
        for (long[] p : new long[][] {{3, 4, 2}, {20, 15, 5}}) {
            ra.setPosition(p);
            ra.get().set(Float.NaN);
        }
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                ra.setPosition(new long[] {0, j, k});
                ra.get().set(Float.NaN);
            }
        }
        return new Volume<>(img, obliqueGeometry(), PhysicalUnit.PPM);
    }

    static Geometry obliqueGeometry() {
        double a = Math.toRadians(20), b = Math.toRadians(12);
        double[][] rz = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}};
        double[] size = {0.9, 1.1, 2.0};
        double[] m = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double rot = 0;
                for (int n = 0; n < 3; n++) {
                    rot += rx[r][n] * rz[n][c];
                }
                m[r * 4 + c] = rot * size[c];
            }
        }
        m[3] = -91.25;
        m[7] = -104.5;
        m[11] = 31.75;
        return Geometry.ofAffine(m);
    }

    /** A constant-free positive map (e.g. R2* in 1/s from 20 to 900) on an axis-aligned grid. */
    static Volume<FloatType> r2star() {
        ArrayImg<FloatType, ?> img = ArrayImgs.floats(8, 6, 3);
        RandomAccess<FloatType> ra = img.randomAccess();
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 6; j++) {
                for (int i = 0; i < 8; i++) {
                    ra.setPosition(new long[] {i, j, k});
                    ra.get().set(20f + 880f * (i + 8 * j + 48 * k) / (8 * 6 * 3 - 1));
                }
            }
        }
        return new Volume<>(img, Geometry.axisAligned(1.5, 1.5, 3), PhysicalUnit.PER_SECOND);
    }
}
