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

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.SpatialFrequencies;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Discrete derivatives on a {@link VoxelGrid} with periodic boundaries, matching the FFT's periodic model
 * so that image-space and k-space forms of the same operator agree exactly.
 *
 * <p>Contracts (Δ<sub>d</sub> the spacing in mm, e<sub>d</sub> the unit step along axis d, indices modulo
 * the size):
 * <ul>
 * <li>{@link #gradient}: forward differences (∇x)<sub>d</sub>[n] = (x[n + e<sub>d</sub>] − x[n]) / Δ<sub>d</sub>;</li>
 * <li>{@link #negativeDivergence}: its adjoint ∇ᵀ, i.e. Σ<sub>d</sub> (g<sub>d</sub>[n − e<sub>d</sub>] − g<sub>d</sub>[n]) / Δ<sub>d</sub>,
 *     so that ⟨∇x, g⟩ = ⟨x, ∇ᵀg⟩;</li>
 * <li>{@link #laplacianKernel}: the eigenvalues of the 7-point Laplacian −∇ᵀ∇ in k-space,
 *     L(k) = Σ<sub>d</sub> (2 cos(2π f<sub>d</sub> Δ<sub>d</sub>) − 2) / Δ<sub>d</sub>², so F[−∇ᵀ∇x] = L · F[x];</li>
 * <li>{@link #gradientNormKernel}: the eigenvalues of ∇ᵀ∇, i.e. −L(k) ≥ 0.</li>
 * </ul>
 * Units: 1/mm per derivative.
 */
public final class FiniteDifferences {

    private FiniteDifferences() {}

    /**
     * Forward-difference gradient of x into gx, gy, gz (each length N).
     */
    public static void gradient(
            float[] x, VoxelGrid grid, float[] gx, float[] gy, float[] gz, Cancellation cancellation) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        float ix = (float) (1 / grid.dx()), iy = (float) (1 / grid.dy()), iz = (float) (1 / grid.dz());
        ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                int kp = k + 1 == nz ? 0 : k + 1;
                for (int j = 0; j < ny; j++) {
                    int jp = j + 1 == ny ? 0 : j + 1;
                    int row = nx * (j + ny * k);
                    int rowY = nx * (jp + ny * k);
                    int rowZ = nx * (j + ny * kp);
                    for (int i = 0; i < nx; i++) {
                        int n = row + i;
                        float v = x[n];
                        gx[n] = ((i + 1 == nx ? x[row] : x[n + 1]) - v) * ix;
                        gy[n] = (x[rowY + i] - v) * iy;
                        gz[n] = (x[rowZ + i] - v) * iz;
                    }
                }
            }
        });
    }

    /**
     * The adjoint of {@link #gradient}, ∇ᵀg, into out (length N).
     */
    public static void negativeDivergence(
            float[] gx, float[] gy, float[] gz, VoxelGrid grid, float[] out, Cancellation cancellation) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        float ix = (float) (1 / grid.dx()), iy = (float) (1 / grid.dy()), iz = (float) (1 / grid.dz());
        ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                int km = k == 0 ? nz - 1 : k - 1;
                for (int j = 0; j < ny; j++) {
                    int jm = j == 0 ? ny - 1 : j - 1;
                    int row = nx * (j + ny * k);
                    int rowY = nx * (jm + ny * k);
                    int rowZ = nx * (j + ny * km);
                    for (int i = 0; i < nx; i++) {
                        int n = row + i;
                        float prevX = i == 0 ? gx[row + nx - 1] : gx[n - 1];
                        out[n] = (prevX - gx[n]) * ix + (gy[rowY + i] - gy[n]) * iy + (gz[rowZ + i] - gz[n]) * iz;
                    }
                }
            }
        });
    }

    /**
     * The 7-point Laplacian −∇ᵀ∇x in image space into out (length N, not x itself): per voxel
     * Σ<sub>d</sub> (x[n + e<sub>d</sub>] − 2x[n] + x[n − e<sub>d</sub>]) / Δ<sub>d</sub>², periodic; equal to filtering
     * with {@link #laplacianKernel} at a fraction of the cost.
     */
    public static void laplacian(float[] x, VoxelGrid grid, float[] out, Cancellation cancellation) {
        laplacian(x, grid, true, out, cancellation);
    }

    /**
     * The 7-point Laplacian as {@link #laplacian(float[], VoxelGrid, float[], Cancellation)}, with either periodic
     * boundaries or, for {@code periodic == false}, reflecting ones (the neighbour beyond a face is the voxel itself,
     * the half-sample even reflection x[−1] = x[0], x[n] = x[n − 1]: Neumann boundaries). The reflecting form equals
     * the periodic stencil applied to the even (mirrored) extension of x, restricted to x's voxels.
     */
    public static void laplacian(float[] x, VoxelGrid grid, boolean periodic, float[] out, Cancellation cancellation) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        float ix = (float) (1 / (grid.dx() * grid.dx())),
                iy = (float) (1 / (grid.dy() * grid.dy())),
                iz = (float) (1 / (grid.dz() * grid.dz()));
        ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                int kp = k + 1 == nz ? (periodic ? 0 : k) : k + 1, km = k == 0 ? (periodic ? nz - 1 : 0) : k - 1;
                for (int j = 0; j < ny; j++) {
                    int jp = j + 1 == ny ? (periodic ? 0 : j) : j + 1, jm = j == 0 ? (periodic ? ny - 1 : 0) : j - 1;
                    int row = nx * (j + ny * k);
                    int rowYp = nx * (jp + ny * k), rowYm = nx * (jm + ny * k);
                    int rowZp = nx * (j + ny * kp), rowZm = nx * (j + ny * km);
                    int first = row, last = row + nx - 1;
                    for (int i = 0; i < nx; i++) {
                        int n = row + i;
                        float v2 = 2 * x[n];
                        float xp = i + 1 == nx ? x[periodic ? first : last] : x[n + 1];
                        float xm = i == 0 ? x[periodic ? last : first] : x[n - 1];
                        out[n] = (xp - v2 + xm) * ix
                                + (x[rowYp + i] - v2 + x[rowYm + i]) * iy
                                + (x[rowZp + i] - v2 + x[rowZm + i]) * iz;
                    }
                }
            }
        });
    }

    /** L(k) of the 7-point Laplacian (≤ 0), in FFT order, 1/mm². */
    public static float[] laplacianKernel(VoxelGrid grid) {
        double[][] c = new double[3][];
        int[] n = grid.sizes();
        double[] s = grid.spacing();
        for (int d = 0; d < 3; d++) {
            double[] f = SpatialFrequencies.along(n[d], s[d]);
            c[d] = new double[n[d]];
            for (int i = 0; i < n[d]; i++) {
                c[d][i] = (2 * Math.cos(2 * Math.PI * f[i] * s[d]) - 2) / (s[d] * s[d]);
            }
        }
        float[] l = new float[grid.size()];
        int nx = n[0], ny = n[1];
        ParallelLoop.forEachChunk(n[2], (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    int row = nx * (j + ny * k);
                    double yz = c[1][j] + c[2][k];
                    for (int i = 0; i < nx; i++) {
                        l[row + i] = (float) (c[0][i] + yz);
                    }
                }
            }
        });
        return l;
    }

    /** Eigenvalues of ∇ᵀ∇ (= −L(k) ≥ 0), in FFT order, 1/mm². */
    public static float[] gradientNormKernel(VoxelGrid grid) {
        float[] l = laplacianKernel(grid);
        for (int n = 0; n < l.length; n++) {
            l[n] = -l[n];
        }
        return l;
    }
}
