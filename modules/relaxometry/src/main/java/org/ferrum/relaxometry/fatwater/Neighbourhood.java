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
package org.ferrum.relaxometry.fatwater;

import org.ferrum.core.VoxelGrid;

/** The 3×3×3 neighbourhood of a voxel (itself included), clipped at the grid's faces. */
final class Neighbourhood {

    private Neighbourhood() {}

    /**
     * Writes the indices of v's neighbourhood into {@code out} (length ≥ 27).
     *
     * @return how many were written
     */
    static int of(VoxelGrid grid, int v, int[] out) {
        int nx = grid.nx();
        int ny = grid.ny();
        int x = v % nx;
        int y = (v / nx) % ny;
        int z = v / (nx * ny);
        int n = 0;
        for (int zz = Math.max(0, z - 1); zz <= Math.min(grid.nz() - 1, z + 1); zz++) {
            for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1); yy++) {
                for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
                    out[n++] = grid.index(xx, yy, zz);
                }
            }
        }
        return n;
    }
}
