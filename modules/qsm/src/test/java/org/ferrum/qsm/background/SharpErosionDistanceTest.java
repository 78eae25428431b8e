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
package org.ferrum.qsm.background;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.mask.Morphology;
import org.junit.jupiter.api.Test;

class SharpErosionDistanceTest {

    @Test
    void equalsTheBruteForceDistanceToTheNearestOutsideVoxel() {
        VoxelGrid g = new VoxelGrid(11, 9, 7, 0.8, 1.0, 1.7);
        Random random = new Random(5);
        boolean[] mask = new boolean[g.size()];
        for (int v = 0; v < mask.length; v++) {
            mask[v] = random.nextDouble() < 0.93;
        }
        float[] d2 = Morphology.squaredDistanceTo(mask, false, g, true, Cancellation.NEVER);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double expected = bruteForce(mask, g, i, j, k);
                    assertEquals(
                            expected,
                            d2[g.index(i, j, k)],
                            1e-6 * Math.max(1, expected),
                            "voxel " + i + "," + j + "," + k);
                }
            }
        }
    }

    /** Minimum squared distance to an outside voxel, the one-voxel frame around the grid included. */
    private static double bruteForce(boolean[] mask, VoxelGrid g, int i, int j, int k) {
        double best = Double.POSITIVE_INFINITY;
        for (int c = -1; c <= g.nz(); c++) {
            for (int b = -1; b <= g.ny(); b++) {
                for (int a = -1; a <= g.nx(); a++) {
                    boolean beyond = a < 0 || b < 0 || c < 0 || a >= g.nx() || b >= g.ny() || c >= g.nz();
                    if (beyond || !mask[g.index(a, b, c)]) {
                        double x = (a - i) * g.dx(), y = (b - j) * g.dy(), z = (c - k) * g.dz();
                        best = Math.min(best, x * x + y * y + z * z);
                    }
                }
            }
        }
        return best;
    }
}
