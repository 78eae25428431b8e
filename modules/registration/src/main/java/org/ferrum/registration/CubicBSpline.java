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
package org.ferrum.registration;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Cubic B-spline interpolation on a voxel grid (Unser, "Splines: a perfect fit for signal and image processing", IEEE
 * Signal Processing Magazine 16(6), 1999; Unser, Aldroubi and Eden, IEEE Trans Signal Process 41(2), 1993): the
 * samples are first turned into B-spline coefficients by the recursive filter with pole z = √3 − 2 (a causal and an
 * anticausal first-order pass per axis, gain 6), so that the spline passes exactly through every sample; the value at
 * a point is then the sum of 4×4×4 coefficients weighted by the cubic B-spline β³. Boundaries are mirror-symmetric
 * (whole-sample symmetry: s[−k] = s[k]).
 */
public final class CubicBSpline {

    private static final double POLE = Math.sqrt(3) - 2;

    private CubicBSpline() {}

    /** The interpolating coefficients of {@code samples} on {@code grid} (a new array; x fastest). */
    public static float[] coefficients(float[] samples, VoxelGrid grid, Cancellation cancellation) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        float[] c = samples.clone();
        // along x: lines (j, k); along y: lines (i, k); along z: lines (i, j)
        filterAxis(c, nx, 1, ny * nz, (line) -> (long) line * nx, cancellation);
        filterAxis(c, ny, nx, nx * nz, (line) -> (long) (line % nx) + (long) (line / nx) * nx * ny, cancellation);
        filterAxis(c, nz, (long) nx * ny, nx * ny, (line) -> line, cancellation);
        return c;
    }

    private interface LineStart {
        long start(int line);
    }

    private static void filterAxis(
            float[] c, int n, long stride, int lines, LineStart start, Cancellation cancellation) {
        if (n < 2) {
            return;
        }
        ParallelLoop.forEachChunk(lines, cancellation, (from, to) -> {
            double[] line = new double[n];
            for (int l = (int) from; l < to; l++) {
                long s0 = start.start(l);
                for (int k = 0; k < n; k++) {
                    line[k] = c[(int) (s0 + k * stride)];
                }
                filterLine(line);
                for (int k = 0; k < n; k++) {
                    c[(int) (s0 + k * stride)] = (float) line[k];
                }
            }
        });
    }

    /** In place: samples → coefficients of one line (n ≥ 2), mirror boundaries. */
    static void filterLine(double[] s) {
        int n = s.length;
        double z = POLE;
        double gain = (1 - z) * (1 - 1 / z);
        for (int k = 0; k < n; k++) {
            s[k] *= gain;
        }
        // causal initial value: Σ z^k s[k] over the mirrored signal, truncated where z^k < 1e-10
        int horizon = Math.min(n, (int) Math.ceil(Math.log(1e-10) / Math.log(Math.abs(z))));
        double sum;
        if (horizon < n) {
            double zk = z;
            sum = s[0];
            for (int k = 1; k < horizon; k++) {
                sum += zk * s[k];
                zk *= z;
            }
        } else {
            // exact for whole-sample symmetry of period 2n − 2
            double zk = z, iz = 1 / z, z2n = Math.pow(z, n - 1), zn2 = z2n * z2n * iz;
            sum = s[0] + z2n * s[n - 1];
            for (int k = 1; k < n - 1; k++) {
                sum += (zk + zn2) * s[k];
                zk *= z;
                zn2 *= iz;
            }
            sum /= 1 - z2n * z2n;
        }
        s[0] = sum;
        for (int k = 1; k < n; k++) {
            s[k] += z * s[k - 1];
        }
        s[n - 1] = (z / (z * z - 1)) * (s[n - 1] + z * s[n - 2]);
        for (int k = n - 2; k >= 0; k--) {
            s[k] = z * (s[k + 1] - s[k]);
        }
    }

    /** The cubic B-spline weights of the four coefficients at floor(x) − 1 … floor(x) + 2, t = x − floor(x). */
    static void weights(double t, double[] w) {
        double t2 = t * t, t3 = t2 * t, u = 1 - t;
        w[0] = u * u * u / 6;
        w[1] = (4 - 6 * t2 + 3 * t3) / 6;
        w[2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6;
        w[3] = t3 / 6;
    }

    /** Whole-sample mirror of index k into [0, n). */
    static int mirror(int k, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        k = Math.floorMod(k, period);
        return k < n ? k : period - k;
    }

    /** The spline with coefficients {@code c} at the continuous voxel index (x, y, z). */
    public static double value(
            float[] c, VoxelGrid grid, double x, double y, double z, double[] wx, double[] wy, double[] wz) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int ix = (int) Math.floor(x), iy = (int) Math.floor(y), iz = (int) Math.floor(z);
        weights(x - ix, wx);
        weights(y - iy, wy);
        weights(z - iz, wz);
        double sum = 0;
        for (int dz = 0; dz < 4; dz++) {
            int kz = mirror(iz - 1 + dz, nz);
            double sy = 0;
            for (int dy = 0; dy < 4; dy++) {
                int ky = mirror(iy - 1 + dy, ny);
                int row = nx * (ky + ny * kz);
                double sx = 0;
                for (int dx = 0; dx < 4; dx++) {
                    sx += wx[dx] * c[row + mirror(ix - 1 + dx, nx)];
                }
                sy += wy[dy] * sx;
            }
            sum += wz[dz] * sy;
        }
        return sum;
    }
}
