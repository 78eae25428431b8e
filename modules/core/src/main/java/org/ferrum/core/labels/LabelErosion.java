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
package org.ferrum.core.labels;

/**
 * Erosion of every region of a label map at once, against partial volume at region boundaries: what region
 * measurements ({@code roi.measurements}, {@code brain.nuclei.measure}) do before taking statistics.
 *
 * <p>Contract: {@code labels[x + nx·(y + ny·z)]} is the label of voxel (x, y, z), 0 = background. In one step a
 * labelled voxel keeps its label only when each of its six face neighbours inside the grid holds the same label
 * (a neighbour holding another label, background included, takes it off); the grid's edge does not erode. So a step
 * takes one voxel layer off every boundary between regions and between a region and background, and k steps take k
 * layers (the 6-connected erosion of each region by a cross-shaped structuring element, applied k times).
 */
public final class LabelErosion {

    private LabelErosion() {}

    /**
     * The labels after {@code steps} erosion steps (see the class comment); {@code labels} is left as it was.
     *
     * @throws IllegalArgumentException if the array does not hold nx·ny·nz labels or steps &lt; 0
     */
    public static int[] eroded(int[] labels, int nx, int ny, int nz, int steps) {
        if ((long) nx * ny * nz != labels.length) {
            throw new IllegalArgumentException("a " + nx + "×" + ny + "×" + nz + " grid has " + (long) nx * ny * nz
                    + " voxels, the labels " + labels.length);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("erosion steps must be ≥ 0, got " + steps);
        }
        int[] current = labels.clone();
        int[] next = new int[current.length];
        int sy = nx;
        int sz = nx * ny;
        for (int step = 0; step < steps; step++) {
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    int base = nx * (y + ny * z);
                    for (int x = 0; x < nx; x++) {
                        int i = base + x;
                        int l = current[i];
                        boolean keep = l > 0
                                && (x == 0 || current[i - 1] == l)
                                && (x == nx - 1 || current[i + 1] == l)
                                && (y == 0 || current[i - sy] == l)
                                && (y == ny - 1 || current[i + sy] == l)
                                && (z == 0 || current[i - sz] == l)
                                && (z == nz - 1 || current[i + sz] == l);
                        next[i] = keep ? l : 0;
                    }
                }
            }
            int[] swap = current;
            current = next;
            next = swap;
        }
        return current;
    }
}
