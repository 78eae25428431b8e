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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.FourierFilter;
import org.junit.jupiter.api.Test;

class SphericalMeanValueTest {

    @Test
    void discreteSpheresHoldTheLatticePointsWithinTheRadius() {
        VoxelGrid iso = new VoxelGrid(16, 16, 16, 1, 1, 1);
        assertEquals(7, SphericalMeanValue.voxelCount(iso, 1)); // centre + 6 faces
        assertEquals(19, SphericalMeanValue.voxelCount(iso, Math.sqrt(2))); // + 12 edges
        assertEquals(27, SphericalMeanValue.voxelCount(iso, Math.sqrt(3))); // + 8 corners
        assertEquals(33, SphericalMeanValue.voxelCount(iso, 2)); // + 6 at distance 2
        // 1×1×2 mm: i² + j² + 4k² ≤ 4 → 13 points in the k = 0 plane and one on each side
        assertEquals(15, SphericalMeanValue.voxelCount(new VoxelGrid(16, 16, 16, 1, 1, 2), 2));
    }

    @Test
    void kernelIsOneAtZeroFrequencyRealEvenAndBounded() {
        VoxelGrid g = new VoxelGrid(12, 10, 8, 1, 1.5, 2);
        float[] s = SphericalMeanValue.kernel(g, 3);
        assertEquals(1, s[0], 1e-6);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    float v = s[g.index(i, j, k)];
                    assertTrue(Math.abs(v) <= 1 + 1e-6);
                    int mirror = g.index((g.nx() - i) % g.nx(), (g.ny() - j) % g.ny(), (g.nz() - k) % g.nz());
                    assertEquals(v, s[mirror], 1e-6);
                }
            }
        }
    }

    @Test
    void sphereMeanOfALinearFieldIsItsCentreValue() {
        VoxelGrid g = new VoxelGrid(32, 32, 32, 1, 1, 1.5);
        float[] f = new float[g.size()];
        for (int k = 0; k < 32; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    f[g.index(i, j, k)] = (float) (0.3 * i - 0.2 * j + 0.1 * 1.5 * k);
                }
            }
        }
        float[] mean = FourierFilter.apply(f, SphericalMeanValue.kernel(g, 4), g);
        // the wrap-around breaks linearity only within the radius of the faces
        for (int k = 4; k < 28; k++) {
            for (int j = 5; j < 27; j++) {
                for (int i = 5; i < 27; i++) {
                    assertEquals(f[g.index(i, j, k)], mean[g.index(i, j, k)], 2e-5, "voxel " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void sphereLargerThanTheGridIsRefused() {
        VoxelGrid g = new VoxelGrid(16, 16, 8, 1, 1, 1);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SphericalMeanValue.kernel(g, 5));
        assertEquals("a sphere of radius 5 mm spans 11 voxels along axis 2 but the grid has only 8", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SphericalMeanValue.kernel(g, 0));
    }
}
