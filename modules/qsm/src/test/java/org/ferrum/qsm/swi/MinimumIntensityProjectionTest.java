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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class MinimumIntensityProjectionTest {

    @Test
    void slabOfAnIncreasingRampTakesItsLowestSlice() {
        // v = 10 k + i + 100 j: along z the minimum of the window [k − ⌊(n−1)/2⌋, …] is its first slice inside the grid
        VoxelGrid g = new VoxelGrid(4, 3, 20, 0.5, 0.5, 2);
        float[] v = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    v[g.index(i, j, k)] = 10 * k + i + 100 * j;
                }
            }
        }
        float[] out = MinimumIntensityProjection.slidingSlab(v, g, 2, 16, Cancellation.NEVER);
        int n = MinimumIntensityProjection.slabVoxels(g, 2, 16);
        assertEquals(8, n);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int first = Math.max(0, k - 3); // ⌊(8 − 1)/2⌋ = 3 slices back, 4 ahead
                    assertEquals(10 * first + i + 100 * j, out[g.index(i, j, k)], 0);
                }
            }
        }
        // a decreasing ramp takes the last slice of the window: k + 4, clipped at the top
        for (int q = 0; q < v.length; q++) {
            v[q] = -v[q];
        }
        out = MinimumIntensityProjection.slidingSlab(v, g, 2, 16, Cancellation.NEVER);
        for (int k = 0; k < g.nz(); k++) {
            int last = Math.min(g.nz() - 1, k + 4);
            assertEquals(-(10 * last + 1 + 100 * 2), out[g.index(1, 2, k)], 0);
        }
    }

    @Test
    void aDarkVoxelSpreadsOverOneSlabAlongTheChosenAxisOnly() {
        VoxelGrid g = new VoxelGrid(30, 8, 6, 0.5, 1, 1);
        float[] v = new float[g.size()];
        Arrays.fill(v, 1);
        v[g.index(15, 4, 3)] = 0;
        v[g.index(2, 2, 2)] = Float.NaN; // skipped
        float[] out = MinimumIntensityProjection.slidingSlab(v, g, 0, 2.5, Cancellation.NEVER); // 5 voxels along x
        int dark = 0;
        for (int i = 0; i < g.nx(); i++) {
            if (out[g.index(i, 4, 3)] == 0) {
                dark++;
                assertTrue(i >= 13 && i <= 17, "dark at " + i);
            }
        }
        assertEquals(5, dark);
        float total = 0;
        for (float x : out) {
            total += x;
        }
        assertEquals(g.size() - 5, total, 0);
        assertEquals(1, out[g.index(2, 2, 2)], 0);
    }

    @Test
    void allNaNWindowGivesNaNAndBadArgumentsAreRejected() {
        VoxelGrid g = new VoxelGrid(2, 2, 2, 1, 1, 1);
        float[] v = new float[8];
        Arrays.fill(v, Float.NaN);
        assertTrue(Float.isNaN(MinimumIntensityProjection.slidingSlab(v, g, 2, 5, Cancellation.NEVER)[0]));
        assertThrows(
                IllegalArgumentException.class,
                () -> MinimumIntensityProjection.slidingSlab(v, g, 3, 5, Cancellation.NEVER));
        assertThrows(
                IllegalArgumentException.class,
                () -> MinimumIntensityProjection.slidingSlab(v, g, 2, 0, Cancellation.NEVER));
        assertEquals(1, MinimumIntensityProjection.slabVoxels(g, 2, 0.2));
    }
}
