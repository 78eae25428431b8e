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
package org.ferrum.qsm.unwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class BoxSmoothingTest {

    @Test
    void aLinearFunctionIsKeptAwayFromTheEdgesAndAnImpulseSpreadsWithTheRightVariance() {
        VoxelGrid g = new VoxelGrid(41, 37, 33, 1, 1, 1.5);
        float[] linear = new float[g.size()];
        float[] impulse = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    linear[g.index(i, j, k)] = 0.5f * i - 0.25f * j + 0.1f * k;
                }
            }
        }
        impulse[g.index(20, 18, 16)] = 1;
        double sigma = 3;
        BoxSmoothing.smooth(linear, g, sigma, Cancellation.NEVER);
        BoxSmoothing.smooth(impulse, g, sigma, Cancellation.NEVER);
        // symmetric windows reproduce a linear function where they fit inside the grid (3 passes of radius r: 3r)
        assertEquals(0.5 * 20 - 0.25 * 18 + 0.1 * 16, linear[g.index(20, 18, 16)], 1e-4);
        double sum = 0, varX = 0, varZ = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double w = impulse[g.index(i, j, k)];
                    sum += w;
                    varX += w * (i - 20) * (i - 20);
                    varZ += w * (k - 16) * (k - 16) * 1.5 * 1.5;
                }
            }
        }
        assertEquals(1, sum, 1e-5);
        int rx = BoxSmoothing.radius(sigma, 1), rz = BoxSmoothing.radius(sigma, 1.5);
        assertEquals(3 * ((2 * rx + 1) * (2 * rx + 1) - 1) / 12.0, varX, 1e-4); // three boxes: 3(w² − 1)/12 voxels²
        assertEquals(3 * ((2 * rz + 1) * (2 * rz + 1) - 1) / 12.0 * 1.5 * 1.5, varZ, 1e-4);
        assertEquals(sigma * sigma, varX, 0.35 * sigma * sigma);
    }
}
