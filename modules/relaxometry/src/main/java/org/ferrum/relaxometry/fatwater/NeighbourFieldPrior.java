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

/**
 * A prior for each voxel's field from its neighbours' fits: where fast decay leaves two or three echoes above the
 * noise, a voxel's own field is barely determined (its Cramér–Rao SD reaches tens of Hz at R2* ≈ 1000 /s at 1.5 T),
 * while the field itself is smooth over a few voxels; the neighbours then decide.
 *
 * <p>Contract. For voxel v with neighbours u in a box of half-widths (r, r, r<sub>z</sub>) voxels, v excluded (so the
 * voxel's own noise is not counted twice), each with fitted field ψ<sub>u</sub> and variance σ<sub>u</sub>², the prior
 * mean ψ̄<sub>v</sub> is the weighted least-squares plane ψ ≈ a + b·x + c·y + d·z through the neighbours, evaluated at
 * v, with weights w<sub>u</sub> = 1/(σ̃<sub>u</sub>² + τ²), σ̃<sub>u</sub>² the geometric mean of σ² over u's 3×3×3
 * neighbours (why a plane and why smoothed variances: see the constructor); the prior variance is
 * p<sub>v</sub> = eᵀ(XᵀWX)⁻¹e + τ², the plane's prediction variance at v plus τ² (e = (1, x<sub>v</sub>, y<sub>v</sub>,
 * z<sub>v</sub>)). τ (Hz) is
 * how much the true field may differ between a voxel and its neighbours (smoothness): it keeps precise neighbours from
 * being trusted beyond the field's own variation. Voxels without fitted neighbours get an infinite variance (no prior).
 * Neighbours with non-finite ψ or σ are skipped.
 */
final class NeighbourFieldPrior {

    final float[] mean;
    final float[] variance;

    /**
     * @param grid     the grid
     * @param field    fitted ψ per voxel, Hz
     * @param variance fitted Var(ψ) per voxel, Hz² (+∞ or NaN: no information)
     * @param fitted   voxels with a fit
     * @param radius   in-plane half-width of the box, voxels
     * @param radiusZ  through-plane half-width, voxels
     * @param tauHz    field variation allowed between neighbours, Hz
     */
    NeighbourFieldPrior(
            VoxelGrid grid, float[] field, float[] variance, boolean[] fitted, int radius, int radiusZ, double tauHz) {
        int n = grid.size();
        double tau2 = tauHz * tauHz;
        // The weights use each voxel's variance smoothed over its 3×3×3 neighbours (geometric mean): a voxel's own
        // Cramér–Rao variance, evaluated at its own noisy fit, correlates with its field error (a fit that wandered
        // towards the other species or a lower R2* also looks more precise), and weighting by it biases the mean by
        // several Hz where the fields scatter by tens of Hz.
        double[] logVar = new double[n];
        double[] count = new double[n];
        for (int v = 0; v < n; v++) {
            if (fitted[v] && Float.isFinite(field[v]) && Float.isFinite(variance[v]) && variance[v] > 0) {
                logVar[v] = Math.log(variance[v]);
                count[v] = 1;
            }
        }
        double[] sumLog = boxSum(grid, logVar, 1, 1);
        double[] sumCount = boxSum(grid, count, 1, 1);
        double[] w = new double[n];
        for (int v = 0; v < n; v++) {
            if (count[v] > 0) {
                w[v] = 1 / (Math.exp(sumLog[v] / sumCount[v]) + tau2);
            }
        }
        // weighted moments for a local plane fit ψ ≈ a + b·x + c·y + d·z (coordinates in voxels, relative to the grid
        // centre): a plain weighted mean is biased by the field's gradient wherever the precise neighbours lie on one
        // side (a high-iron region next to muscle), by several Hz at 5 Hz/voxel
        double cx = (grid.nx() - 1) / 2.0;
        double cy = (grid.ny() - 1) / 2.0;
        double cz = (grid.nz() - 1) / 2.0;
        double[][] m = new double[14][n];
        for (int z = 0; z < grid.nz(); z++) {
            for (int y = 0; y < grid.ny(); y++) {
                for (int x = 0; x < grid.nx(); x++) {
                    int v = grid.index(x, y, z);
                    double wv = w[v];
                    if (wv == 0) {
                        continue;
                    }
                    double[] c = {1, x - cx, y - cy, z - cz};
                    int k = 0;
                    for (int i = 0; i < 4; i++) {
                        for (int j = i; j < 4; j++) {
                            m[k++][v] = wv * c[i] * c[j];
                        }
                    }
                    for (int i = 0; i < 4; i++) {
                        m[k++][v] = wv * c[i] * field[v];
                    }
                }
            }
        }
        double[][] sums = new double[14][];
        for (int k = 0; k < 14; k++) {
            sums[k] = boxSum(grid, m[k], radius, radiusZ);
        }
        this.mean = new float[n];
        this.variance = new float[n];
        double[][] a = new double[4][4];
        double[] b = new double[4];
        for (int z = 0; z < grid.nz(); z++) {
            for (int y = 0; y < grid.ny(); y++) {
                for (int x = 0; x < grid.nx(); x++) {
                    int v = grid.index(x, y, z);
                    // leave the voxel itself out
                    int k = 0;
                    for (int i = 0; i < 4; i++) {
                        for (int j = i; j < 4; j++) {
                            a[i][j] = sums[k][v] - m[k][v];
                            a[j][i] = a[i][j];
                            k++;
                        }
                    }
                    for (int i = 0; i < 4; i++) {
                        b[i] = sums[k][v] - m[k][v];
                        k++;
                    }
                    double total = a[0][0];
                    if (!(total > 1e-9 * sums[0][v]) || !(total > 0)) {
                        this.variance[v] = Float.POSITIVE_INFINITY;
                        continue;
                    }
                    double[] c = {1, x - cx, y - cy, z - cz};
                    double[] coef = solveRidge(a, b, c);
                    if (coef == null) {
                        this.variance[v] = Float.POSITIVE_INFINITY;
                        continue;
                    }
                    mean[v] = (float) coef[0];
                    this.variance[v] = (float) (coef[1] + tau2);
                }
            }
        }
    }

    /**
     * Solves (A + ridge) β = b for the plane's coefficients and returns {cᵀβ, cᵀ(A + ridge)⁻¹c}: the prediction at the
     * voxel's coordinates c and its variance. A small ridge on the slopes keeps a plane with no spread in one direction
     * (one slice, a line of voxels) solvable: that slope then stays 0. Null if singular.
     */
    private static double[] solveRidge(double[][] a, double[] b, double[] c) {
        double[][] g = new double[4][5];
        double[][] h = new double[4][5];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                g[i][j] = a[i][j];
                h[i][j] = a[i][j];
            }
            if (i > 0) {
                g[i][i] += 1e-6 * a[0][0];
                h[i][i] += 1e-6 * a[0][0];
            }
            g[i][4] = b[i];
            h[i][4] = c[i];
        }
        double[] beta = gauss(g);
        double[] y = gauss(h);
        if (beta == null || y == null) {
            return null;
        }
        double prediction = 0;
        double var = 0;
        for (int i = 0; i < 4; i++) {
            prediction += c[i] * beta[i];
            var += c[i] * y[i];
        }
        return new double[] {prediction, Math.max(var, 0)};
    }

    /** Gaussian elimination with partial pivoting on an augmented 4×5 matrix; null if singular. */
    private static double[] gauss(double[][] g) {
        for (int col = 0; col < 4; col++) {
            int p = col;
            for (int r = col + 1; r < 4; r++) {
                if (Math.abs(g[r][col]) > Math.abs(g[p][col])) {
                    p = r;
                }
            }
            double[] t = g[col];
            g[col] = g[p];
            g[p] = t;
            if (!(Math.abs(g[col][col]) > 0)) {
                return null;
            }
            for (int r = col + 1; r < 4; r++) {
                double f = g[r][col] / g[col][col];
                for (int k = col; k < 5; k++) {
                    g[r][k] -= f * g[col][k];
                }
            }
        }
        double[] x = new double[4];
        for (int r = 3; r >= 0; r--) {
            double s = g[r][4];
            for (int k = r + 1; k < 4; k++) {
                s -= g[r][k] * x[k];
            }
            x[r] = s / g[r][r];
        }
        return x;
    }

    /** Sum over the box of half-widths (r, r, rz), clipped at the grid's edges: separable running sums. */
    static double[] boxSum(VoxelGrid g, double[] a, int r, int rz) {
        double[] x = runX(a, g, r);
        double[] y = runY(x, g, r);
        return runZ(y, g, rz);
    }

    private static double[] runX(double[] a, VoxelGrid g, int r) {
        double[] out = new double[a.length];
        for (int line = 0; line < g.ny() * g.nz(); line++) {
            accumulate(a, out, line * g.nx(), 1, g.nx(), r);
        }
        return out;
    }

    private static double[] runY(double[] a, VoxelGrid g, int r) {
        double[] out = new double[a.length];
        int nx = g.nx();
        int ny = g.ny();
        for (int z = 0; z < g.nz(); z++) {
            for (int x = 0; x < nx; x++) {
                accumulate(a, out, z * nx * ny + x, nx, ny, r);
            }
        }
        return out;
    }

    private static double[] runZ(double[] a, VoxelGrid g, int r) {
        double[] out = new double[a.length];
        int plane = g.nx() * g.ny();
        for (int p = 0; p < plane; p++) {
            accumulate(a, out, p, plane, g.nz(), r);
        }
        return out;
    }

    /** out[i] = Σ a[j] for |j − i| ≤ r along one line (base + k·stride, k < len). */
    private static void accumulate(double[] a, double[] out, int base, int stride, int len, int r) {
        double s = 0;
        for (int k = 0; k < Math.min(r, len); k++) {
            s += a[base + k * stride];
        }
        for (int k = 0; k < len; k++) {
            int add = k + r;
            if (add < len) {
                s += a[base + add * stride];
            }
            int drop = k - r - 1;
            if (drop >= 0) {
                s -= a[base + drop * stride];
            }
            out[base + k * stride] = s;
        }
    }
}
