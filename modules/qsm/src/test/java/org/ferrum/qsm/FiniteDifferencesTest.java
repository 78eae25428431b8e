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
package org.ferrum.qsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class FiniteDifferencesTest {

    private static final VoxelGrid GRID = new VoxelGrid(12, 10, 8, 1.0, 0.7, 2.0);

    @Test
    void negativeDivergenceIsTheAdjointOfTheGradient() {
        Random r = new Random(1);
        int n = GRID.size();
        float[] x = random(r, n), gx = random(r, n), gy = random(r, n), gz = random(r, n);
        float[] ax = new float[n], ay = new float[n], az = new float[n], div = new float[n];
        FiniteDifferences.gradient(x, GRID, ax, ay, az, Cancellation.NEVER);
        FiniteDifferences.negativeDivergence(gx, gy, gz, GRID, div, Cancellation.NEVER);
        double lhs = dot(ax, gx) + dot(ay, gy) + dot(az, gz);
        double rhs = dot(x, div);
        assertEquals(lhs, rhs, 1e-4 * Math.abs(lhs));
    }

    @Test
    void laplacianKernelIsTheSpectrumOfMinusGradientAdjointGradient() {
        Random r = new Random(2);
        int n = GRID.size();
        float[] x = random(r, n);
        float[] gx = new float[n], gy = new float[n], gz = new float[n], imageSpace = new float[n];
        FiniteDifferences.gradient(x, GRID, gx, gy, gz, Cancellation.NEVER);
        FiniteDifferences.negativeDivergence(gx, gy, gz, GRID, imageSpace, Cancellation.NEVER);
        float[] kSpace = FourierFilter.apply(x, FiniteDifferences.gradientNormKernel(GRID), GRID);
        for (int i = 0; i < n; i++) {
            assertEquals(imageSpace[i], kSpace[i], 1e-3, "voxel " + i);
        }
    }

    @Test
    void halfAndFullSpectraFilterAlike() {
        // x size 12 takes the half-spectrum route, 11 the full one; the 7-point Laplacian must agree with its
        // image-space form on both
        for (VoxelGrid g : new VoxelGrid[] {new VoxelGrid(12, 5, 4, 1, 1, 1), new VoxelGrid(11, 5, 4, 1, 1, 1)}) {
            float[] x = random(new Random(3), g.size());
            float[] lap = FourierFilter.apply(x, FiniteDifferences.laplacianKernel(g), g);
            for (int k = 0; k < g.nz(); k++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int i = 0; i < g.nx(); i++) {
                        double expected = x[g.index((i + 1) % g.nx(), j, k)]
                                + x[g.index((i + g.nx() - 1) % g.nx(), j, k)]
                                + x[g.index(i, (j + 1) % g.ny(), k)]
                                + x[g.index(i, (j + g.ny() - 1) % g.ny(), k)]
                                + x[g.index(i, j, (k + 1) % g.nz())]
                                + x[g.index(i, j, (k + g.nz() - 1) % g.nz())]
                                - 6 * x[g.index(i, j, k)];
                        assertEquals(expected, lap[g.index(i, j, k)], 1e-4, g + " at " + i + "," + j + "," + k);
                    }
                }
            }
        }
    }

    @Test
    void reflectingLaplacianIsThePeriodicOneOfTheMirroredExtension() {
        VoxelGrid g = new VoxelGrid(7, 5, 4, 1.0, 0.8, 2.0);
        VoxelGrid e = new VoxelGrid(14, 10, 8, 1.0, 0.8, 2.0);
        float[] x = random(new Random(4), g.size());
        float[] ext = new float[e.size()];
        for (int k = 0; k < e.nz(); k++) {
            for (int j = 0; j < e.ny(); j++) {
                for (int i = 0; i < e.nx(); i++) {
                    ext[e.index(i, j, k)] = x[g.index(mirror(i, 7), mirror(j, 5), mirror(k, 4))];
                }
            }
        }
        float[] reflecting = new float[g.size()], periodic = new float[e.size()];
        FiniteDifferences.laplacian(x, g, false, reflecting, Cancellation.NEVER);
        FiniteDifferences.laplacian(ext, e, periodic, Cancellation.NEVER);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    assertEquals(periodic[e.index(i, j, k)], reflecting[g.index(i, j, k)], 1e-5, i + "," + j + "," + k);
                }
            }
        }
    }

    /** Half-sample even reflection of index p onto [0, n): the 2n-periodic extension. */
    private static int mirror(int p, int n) {
        return p < n ? p : 2 * n - 1 - p;
    }

    @Test
    void dipoleKernelHasItsAnalyticValuesAlongAndAcrossB0() {
        VoxelGrid g = new VoxelGrid(8, 8, 8, 1, 1, 1);
        float[] d = DipoleKernel.of(g, new double[] {0, 0, 2});
        assertEquals(0, d[0]);
        assertEquals(-2.0 / 3.0, d[g.index(0, 0, 1)], 1e-6); // k ∥ B0
        assertEquals(1.0 / 3.0, d[g.index(1, 0, 0)], 1e-6); // k ⊥ B0
        assertEquals(1.0 / 3.0 - 0.5, d[g.index(0, 1, 1)], 1e-6); // 45°
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }
}
