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

import java.util.Locale;

/**
 * The sampling grid that the QSM algorithms work on: n<sub>x</sub>×n<sub>y</sub>×n<sub>z</sub> voxels of
 * Δ<sub>x</sub>×Δ<sub>y</sub>×Δ<sub>z</sub> mm, stored x fastest in one {@code float[]} (or, for complex data,
 * interleaved re/im pairs in the order {@link org.ferrum.core.fft.FourierTransform} transforms).
 *
 * <p>Contract: voxel (i, j, k) is element {@link #index(int, int, int) i + n<sub>x</sub>(j + n<sub>y</sub>k)};
 * all sizes ≥ 1 and all spacings positive and finite. The grid knows nothing of the patient: directions
 * (B0) are given to algorithms along the index axes (see {@link Geometry#directionInVoxelAxes}), which is
 * what makes an oblique acquisition give the same χ as a straight one.
 *
 * @param nx voxels along index axis 0
 * @param ny voxels along index axis 1
 * @param nz voxels along index axis 2
 * @param dx spacing along axis 0 in mm
 * @param dy spacing along axis 1 in mm
 * @param dz spacing along axis 2 in mm
 */
public record VoxelGrid(int nx, int ny, int nz, double dx, double dy, double dz) {

    public VoxelGrid {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid sizes must be ≥ 1, got " + nx + "×" + ny + "×" + nz);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE / 2 - 8) {
            throw new IllegalArgumentException(
                    "grid " + nx + "×" + ny + "×" + nz + " is too large for one complex float array");
        }
        for (double d : new double[] {dx, dy, dz}) {
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(
                        "voxel spacings must be positive numbers of mm, got " + dx + ", " + dy + ", " + dz);
            }
        }
    }

    /** The spatial grid of a 3-D or 4-D volume (frames ignored). */
    public static VoxelGrid of(Volume<?> volume) {
        double[] s = volume.geometry().voxelSize();
        return new VoxelGrid(
                Math.toIntExact(volume.dimension(0)),
                Math.toIntExact(volume.dimension(1)),
                Math.toIntExact(volume.dimension(2)),
                s[0],
                s[1],
                s[2]);
    }

    /** Number of voxels n<sub>x</sub>n<sub>y</sub>n<sub>z</sub>. */
    public int size() {
        return nx * ny * nz;
    }

    /** Element index of voxel (i, j, k). */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** Sizes as a {@code long[]} (for {@link org.ferrum.core.Volumes} and padding). */
    public long[] dimensions() {
        return new long[] {nx, ny, nz};
    }

    /** Spacings (mm) as an array indexed by axis. */
    public double[] spacing() {
        return new double[] {dx, dy, dz};
    }

    /** Sizes as an array indexed by axis. */
    public int[] sizes() {
        return new int[] {nx, ny, nz};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d×%d×%d voxels of %.3g×%.3g×%.3g mm", nx, ny, nz, dx, dy, dz);
    }
}
