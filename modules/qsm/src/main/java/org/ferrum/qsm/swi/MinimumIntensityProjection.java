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
package org.ferrum.qsm.swi;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Sliding-slab minimum intensity projection, the usual way SWI is read: veins, dark in every slice, join into continuous
 * dark lines across a slab a few slices thick (Haacke et al., Magn Reson Med 52:612–618, 2004; Reichenbach et al.,
 * Radiology 204:272–277, 1997).
 *
 * <p>Contract: with n = max(1, round(T / Δ<sub>a</sub>)) slices for a slab of thickness T mm along index axis a, and for
 * each voxel at position q along a the window W(q) = [q − ⌊(n−1)/2⌋, q − ⌊(n−1)/2⌋ + n − 1] clipped to the grid,
 * out(x) = min over W(q) of v along the line through x (the same grid as the input: a sliding, not a stepped, slab).
 * NaN values are skipped; a window of only NaN gives NaN.
 */
public final class MinimumIntensityProjection {

    private MinimumIntensityProjection() {}

    /** Slab thickness in voxels along {@code axis} for {@code slabMm}. */
    public static int slabVoxels(VoxelGrid grid, int axis, double slabMm) {
        checkAxis(axis);
        if (!(slabMm > 0) || Double.isInfinite(slabMm)) {
            throw new IllegalArgumentException("slab thickness must be a positive number of mm, got " + slabMm);
        }
        return (int) Math.max(1, Math.round(slabMm / grid.spacing()[axis]));
    }

    /** The sliding-slab minIP (see the class contract). */
    public static float[] slidingSlab(
            float[] volume, VoxelGrid grid, int axis, double slabMm, Cancellation cancellation) {
        if (volume.length != grid.size()) {
            throw new IllegalArgumentException(
                    "volume has " + volume.length + " voxels, the grid needs " + grid.size());
        }
        int n = slabVoxels(grid, axis, slabMm);
        int length = grid.sizes()[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? grid.nx() : grid.nx() * grid.ny();
        int lines = grid.size() / length;
        int nx = grid.nx();
        int ny = grid.ny();
        int back = (n - 1) / 2;
        float[] out = new float[volume.length];
        ParallelLoop.forEachChunk(lines, 0, cancellation, (from, to) -> {
            for (int l = (int) from; l < to; l++) {
                int start =
                        switch (axis) {
                            case 0 -> l % ny * nx + l / ny * nx * ny;
                            case 1 -> l % nx + l / nx * nx * ny;
                            default -> l;
                        };
                // direct minimum over each window: n is a handful of slices, so O(length · n) beats a deque's overhead
                for (int q = 0; q < length; q++) {
                    int lo = Math.max(0, q - back);
                    int hi = Math.min(length - 1, q - back + n - 1);
                    float min = Float.NaN;
                    for (int p = lo; p <= hi; p++) {
                        float v = volume[start + p * stride];
                        if (v < min || Float.isNaN(min)) {
                            min = v; // a NaN v never wins against a number, and NaN min is replaced by any v
                        }
                    }
                    out[start + q * stride] = min;
                }
            }
        });
        return out;
    }

    private static void checkAxis(int axis) {
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
        }
    }
}
