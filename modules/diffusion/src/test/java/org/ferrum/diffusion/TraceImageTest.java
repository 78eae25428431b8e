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
package org.ferrum.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class TraceImageTest {

    @Test
    void bValuesWithinTwoPercentAreOneAndSmallOnesStayApart() {
        BValueGroups g = BValueGroups.of(new double[] {1000, 0, 5, 995, 1, 2, 1005, 0, 500});
        assertArrayEquals(new double[] {0, 1, 2, 5, 500, 1000}, g.bValues(), 1e-9);
        assertArrayEquals(new int[] {0, 3, 6}, g.volumes(5));
        assertArrayEquals(new int[] {1, 7}, g.volumes(0));
        assertEquals(5, g.find(990));
        assertEquals(-1, g.find(700));
        assertEquals("0, 1, 2, 5, 500, 1000", g.describe());
        assertThrows(IllegalArgumentException.class, () -> BValueGroups.of(new double[] {0, -5}));
    }

    @Test
    void geometricMeanOverOrthogonalDirectionsIsTheMeanDiffusivityWhateverTheTensor() {
        // an anisotropic tensor with eigenvalues 1.7, 0.3, 0.3 µm²/ms (MD = 0.77e-3 mm²/s), rotated arbitrarily;
        // three orthogonal gradient directions: Σ ĝᵀDĝ = tr D, so the geometric mean is S0 e^{−b·MD}
        double[] lambda = {1.7e-3, 0.3e-3, 0.3e-3};
        double a = 0.7, c = Math.cos(a), s = Math.sin(a);
        double[][] r = {{c, -s, 0}, {s * 0.6, c * 0.6, -0.8}, {s * 0.8, c * 0.8, 0.6}};
        double[][] tensor = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    tensor[i][j] += r[i][k] * lambda[k] * r[j][k];
                }
            }
        }
        double[][] dirs = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double b = 800, s0 = 1234;
        float[][] volumes = new float[4][2];
        volumes[0][0] = (float) s0;
        volumes[0][1] = 0;
        for (int d = 0; d < 3; d++) {
            double adc = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    adc += dirs[d][i] * tensor[i][j] * dirs[d][j];
                }
            }
            volumes[d + 1][0] = (float) (s0 * Math.exp(-b * adc));
            volumes[d + 1][1] = d == 1 ? 0 : 5; // one zero: the geometric mean is 0
        }
        BValueGroups g = BValueGroups.of(new double[] {0, b, b, b});
        float[][] trace = TraceImage.compute(volumes, g, Cancellation.NEVER);
        assertEquals(2, trace.length);
        double md = (lambda[0] + lambda[1] + lambda[2]) / 3;
        assertEquals(s0 * Math.exp(-b * md), trace[1][0], 1e-3);
        assertEquals(s0, trace[0][0], 1e-3);
        assertEquals(0f, trace[1][1]);
    }
}
