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

import java.util.Arrays;
import java.util.Locale;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Background field removal by the Laplacian boundary value method (LBV; Zhou et al., NMR Biomed 2014).
 *
 * <p>Contract of {@link #apply}: with M the mask, its interior I = voxels of M whose six face neighbours are all
 * in M, and its boundary layer B = M \ I, the background field b solves the discrete Dirichlet problem
 * <pre>
 *   (∇²b)(x) = Σ<sub>d</sub> (b(x + e<sub>d</sub>) − 2b(x) + b(x − e<sub>d</sub>)) / Δ<sub>d</sub>² = 0   for x ∈ I,     b = δ on B
 * </pre>
 * (the 7-point Laplacian, 1/mm²): b is the harmonic function that matches the field on the mask's boundary,
 * and since background fields are harmonic inside the mask while local fields are not, δ − b is the local field
 * (Zhou et al. 2014, Eq. 3–5). Outputs: local δ − b and background b on I minus {@code peel} further layers
 * (the output mask); 0 elsewhere. The returned residual is ‖g − A b<sub>I</sub>‖ / ‖g‖ of the interior system.
 *
 * <p>Solver: conjugate gradients preconditioned by one geometric multigrid V-cycle (vertex-centred coarsening by
 * 2, trilinear prolongation P, restriction Pᵀ/8, re-discretised 7-point operators on the coarse grids with
 * homogeneous Dirichlet conditions outside the coarse interior, red–black Gauss–Seidel smoothing, forward before
 * and backward after the coarse correction so the preconditioner is symmetric). Multigrid makes the cost per
 * digit of accuracy independent of the grid size; CG makes the coarse irregular domains harmless. Zhou et al.
 * use full multigrid on the same equations; this is our own arrangement of it.
 */
public final class LaplacianBoundaryValue implements BackgroundFieldRemoval {

    /**
     * The parameters of LBV.
     *
     * @param tolerance     relative residual at which the solver stops, &gt; 0
     * @param maxIterations iteration cap (each iteration is one V-cycle), ≥ 1
     * @param peel          layers removed from the interior after the solve, ≥ 0
     */
    public record Params(double tolerance, int maxIterations, int peel) {
        /** Tolerance 10⁻⁶, at most 100 V-cycles, no peeling. */
        public static final Params DEFAULTS = new Params(1e-6, 100, 0);
    }

    private static final int SMOOTHING_SWEEPS = 2;
    private static final int COARSEST_SWEEPS = 40;
    private static final int COARSEST_UNKNOWNS = 512;

    private final double tolerance;
    private final int maxIterations;
    private final int peel;

    /**
     * @param peel layers removed from the interior after the solve (where the boundary condition is least
     *             trustworthy), ≥ 0
     */
    public LaplacianBoundaryValue(double tolerance, int maxIterations, int peel) {
        if (!(tolerance > 0) || maxIterations < 1 || peel < 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "LBV needs tolerance > 0, iterations ≥ 1, peel ≥ 0; got %g, %d, %d",
                    tolerance,
                    maxIterations,
                    peel));
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.peel = peel;
    }

    public LaplacianBoundaryValue(Params p) {
        this(p.tolerance(), p.maxIterations(), p.peel());
    }

    @Override
    public String name() {
        return "LBV";
    }

    @Override
    public Budget budget() {
        return new Budget(maxIterations, tolerance);
    }

    @Override
    public String solver() {
        return "LBV (multigrid-preconditioned CG, ‖g − Ab‖/‖g‖)";
    }

    @Override
    public BackgroundFieldSplit apply(TotalField input, Cancellation cancellation, SolverProgress progress) {
        return apply(input.field(), input.mask(), input.grid(), cancellation, progress);
    }

    /**
     * Splits {@code field} (ppm) into local and background parts.
     *
     * @throws IllegalArgumentException if the mask is empty or has no interior voxel left (after peeling)
     */
    public BackgroundFieldSplit apply(float[] field, boolean[] mask, VoxelGrid grid, Cancellation cancellation) {
        return apply(field, mask, grid, cancellation, SolverProgress.NONE);
    }

    /** As {@link #apply(float[], boolean[], VoxelGrid, Cancellation)}, telling {@code progress} of every iteration. */
    public BackgroundFieldSplit apply(
            float[] field, boolean[] mask, VoxelGrid grid, Cancellation cancellation, SolverProgress progress) {
        int n = grid.size();
        if (BackgroundFieldSplit.count(mask) == 0) {
            throw new IllegalArgumentException("the mask is empty");
        }
        boolean[] interior = erodeFaces(mask, grid);
        if (BackgroundFieldSplit.count(interior) == 0) {
            throw new IllegalArgumentException("the mask has no interior voxel (every mask voxel touches the outside),"
                    + " so there is nothing to solve for");
        }
        Level fine = new Level(
                grid.nx(),
                grid.ny(),
                grid.nz(),
                1 / (grid.dx() * grid.dx()),
                1 / (grid.dy() * grid.dy()),
                1 / (grid.dz() * grid.dz()),
                interior,
                true);
        // right-hand side: the known boundary values moved across, g = Σ w_d δ(neighbour in B)
        float[] g = new float[n];
        int nx = grid.nx(), nxy = grid.nx() * grid.ny();
        ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
            for (int p = (int) from; p < to; p++) {
                if (interior[p]) {
                    double s = 0;
                    s += known(p - 1, field, mask, interior) * fine.wx + known(p + 1, field, mask, interior) * fine.wx;
                    s += known(p - nx, field, mask, interior) * fine.wy
                            + known(p + nx, field, mask, interior) * fine.wy;
                    s += known(p - nxy, field, mask, interior) * fine.wz
                            + known(p + nxy, field, mask, interior) * fine.wz;
                    g[p] = (float) s;
                }
            }
        });
        float[] b = new float[n];
        ConjugateGradient.Outcome o = ConjugateGradient.solve(
                (x, out) -> fine.apply(x, out, cancellation),
                (r, z) -> fine.vCycle(r, z, cancellation),
                g,
                b,
                maxIterations,
                tolerance,
                cancellation,
                progress);

        boolean[] out = interior;
        for (int layer = 0; layer < peel; layer++) {
            out = erodeFaces(out, grid);
        }
        if (BackgroundFieldSplit.count(out) == 0) {
            throw new IllegalArgumentException("peeling " + peel + " layers leaves no voxel of the mask");
        }
        float[] local = new float[n];
        float[] background = new float[n];
        for (int p = 0; p < n; p++) {
            if (out[p]) {
                background[p] = b[p];
                local[p] = field[p] - b[p];
            }
        }
        return new BackgroundFieldSplit(local, background, out, o.iterations(), o.relativeResidual(), o.convergence());
    }

    private static float known(int q, float[] field, boolean[] mask, boolean[] interior) {
        return mask[q] && !interior[q] ? field[q] : 0f;
    }

    /** Voxels of {@code mask} whose six face neighbours are in it (grid faces count as outside). */
    static boolean[] erodeFaces(boolean[] mask, VoxelGrid grid) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz(), nxy = nx * ny;
        boolean[] out = new boolean[mask.length];
        for (int k = 1; k < nz - 1; k++) {
            for (int j = 1; j < ny - 1; j++) {
                for (int i = 1; i < nx - 1; i++) {
                    int p = i + nx * (j + ny * k);
                    out[p] = mask[p]
                            && mask[p - 1]
                            && mask[p + 1]
                            && mask[p - nx]
                            && mask[p + nx]
                            && mask[p - nxy]
                            && mask[p + nxy];
                }
            }
        }
        return out;
    }

    /**
     * One grid of the multigrid hierarchy: the operator A u = Σ<sub>d</sub> w<sub>d</sub>(2u − u(+e<sub>d</sub>) −
     * u(−e<sub>d</sub>)) on its {@code inside} points (u taken as 0 elsewhere); inside points never lie on the grid's
     * faces, so neighbours are always in range.
     */
    private static final class Level {
        final int nx, ny, nz, nxy;
        final float wx, wy, wz, diagonal;
        final boolean[] inside;
        final int unknowns;
        final Level coarser;
        final float[] u, f, r; // u, f: work arrays of the coarse levels (the finest uses the caller's); r: residual

        Level(int nx, int ny, int nz, double wx, double wy, double wz, boolean[] inside, boolean finest) {
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            this.nxy = nx * ny;
            this.wx = (float) wx;
            this.wy = (float) wy;
            this.wz = (float) wz;
            this.diagonal = (float) (2 * (wx + wy + wz));
            this.inside = inside;
            this.unknowns = BackgroundFieldSplit.count(inside);
            int n = inside.length;
            this.coarser = unknowns > COARSEST_UNKNOWNS && Math.min(nx, Math.min(ny, nz)) >= 5 ? coarsen() : null;
            this.r = coarser == null ? null : new float[n];
            this.u = finest ? null : new float[n];
            this.f = finest ? null : new float[n];
        }

        /** The next coarser grid: point c ↔ fine point 2c, inside where that fine point is inside. */
        private Level coarsen() {
            int cx = nx / 2 + 1, cy = ny / 2 + 1, cz = nz / 2 + 1;
            boolean[] c = new boolean[cx * cy * cz];
            int count = 0;
            for (int k = 1; k < cz - 1; k++) {
                for (int j = 1; j < cy - 1; j++) {
                    for (int i = 1; i < cx - 1; i++) {
                        if (2 * i < nx && 2 * j < ny && 2 * k < nz && inside[2 * i + nx * (2 * j + ny * 2 * k)]) {
                            c[i + cx * (j + cy * k)] = true;
                            count++;
                        }
                    }
                }
            }
            return count == 0 ? null : new Level(cx, cy, cz, wx / 4.0, wy / 4.0, wz / 4.0, c, false);
        }

        void apply(float[] x, float[] out, Cancellation cancellation) {
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                for (int k = (int) from; k < to; k++) {
                    for (int p = k * nxy, end = p + nxy; p < end; p++) {
                        out[p] = inside[p]
                                ? diagonal * x[p]
                                        - wx * (x[p - 1] + x[p + 1])
                                        - wy * (x[p - nx] + x[p + nx])
                                        - wz * (x[p - nxy] + x[p + nxy])
                                : 0f;
                    }
                }
            });
        }

        /** z ≈ A⁻¹ r by one symmetric V-cycle from z = 0. */
        void vCycle(float[] rhs, float[] z, Cancellation cancellation) {
            Arrays.fill(z, 0f);
            if (coarser == null) {
                for (int s = 0; s < COARSEST_SWEEPS; s++) {
                    sweep(z, rhs, 0, cancellation);
                    sweep(z, rhs, 1, cancellation);
                }
                for (int s = 0; s < COARSEST_SWEEPS; s++) {
                    sweep(z, rhs, 1, cancellation);
                    sweep(z, rhs, 0, cancellation);
                }
                return;
            }
            for (int s = 0; s < SMOOTHING_SWEEPS; s++) {
                sweep(z, rhs, 0, cancellation);
                sweep(z, rhs, 1, cancellation);
            }
            float[] res = r;
            apply(z, res, cancellation);
            for (int p = 0; p < res.length; p++) {
                res[p] = inside[p] ? rhs[p] - res[p] : 0f;
            }
            restrict(res, coarser.f, cancellation);
            coarser.vCycle(coarser.f, coarser.u, cancellation);
            prolongAdd(coarser.u, z, cancellation);
            for (int s = 0; s < SMOOTHING_SWEEPS; s++) {
                sweep(z, rhs, 1, cancellation);
                sweep(z, rhs, 0, cancellation);
            }
        }

        /** Gauss–Seidel on the points of one colour ((i + j + k) mod 2); each depends only on the other colour. */
        private void sweep(float[] x, float[] rhs, int colour, Cancellation cancellation) {
            float inv = 1f / diagonal;
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                for (int k = (int) from; k < to; k++) {
                    for (int j = 0; j < ny; j++) {
                        int row = nx * (j + ny * k);
                        for (int i = (j + k + colour) & 1; i < nx; i += 2) {
                            int p = row + i;
                            if (inside[p]) {
                                x[p] = (rhs[p]
                                                + wx * (x[p - 1] + x[p + 1])
                                                + wy * (x[p - nx] + x[p + nx])
                                                + wz * (x[p - nxy] + x[p + nxy]))
                                        * inv;
                            }
                        }
                    }
                }
            });
        }

        /** coarse f(c) = (1/8) Σ<sub>o∈{−1,0,1}³</sub> Π<sub>d</sub>(o<sub>d</sub> = 0 ? 1 : ½) r(2c + o), i.e. Pᵀr / 8. */
        private void restrict(float[] fine, float[] coarse, Cancellation cancellation) {
            Level c = coarser;
            ParallelLoop.forEachChunk(c.nz, 1, cancellation, (from, to) -> {
                for (int k = (int) from; k < to; k++) {
                    for (int j = 0; j < c.ny; j++) {
                        for (int i = 0; i < c.nx; i++) {
                            int q = i + c.nx * (j + c.ny * k);
                            if (!c.inside[q]) {
                                coarse[q] = 0f;
                                continue;
                            }
                            int centre = 2 * i + nx * (2 * j + ny * 2 * k);
                            double s = 0;
                            for (int dk = -1; dk <= 1; dk++) {
                                double wk = dk == 0 ? 1 : 0.5;
                                for (int dj = -1; dj <= 1; dj++) {
                                    double wjk = wk * (dj == 0 ? 1 : 0.5);
                                    int base = centre + nx * dj + nxy * dk;
                                    s += wjk * (0.5 * fine[base - 1] + fine[base] + 0.5 * fine[base + 1]);
                                }
                            }
                            coarse[q] = (float) (s / 8);
                        }
                    }
                }
            });
        }

        /** fine u(p) += Σ<sub>c</sub> P(p, c) coarse u(c) on the fine inside points (trilinear interpolation). */
        private void prolongAdd(float[] coarse, float[] fine, Cancellation cancellation) {
            Level c = coarser;
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                for (int k = (int) from; k < to; k++) {
                    int k0 = k >> 1, k1 = (k + 1) >> 1;
                    for (int j = 0; j < ny; j++) {
                        int j0 = j >> 1, j1 = (j + 1) >> 1;
                        for (int i = 0; i < nx; i++) {
                            int p = i + nx * (j + ny * k);
                            if (!inside[p]) {
                                continue;
                            }
                            int i0 = i >> 1, i1 = (i + 1) >> 1;
                            // for an even index both neighbours are the same coarse point, each weighted ½
                            float v = 0.125f
                                    * (coarse[c.index(i0, j0, k0)]
                                            + coarse[c.index(i1, j0, k0)]
                                            + coarse[c.index(i0, j1, k0)]
                                            + coarse[c.index(i1, j1, k0)]
                                            + coarse[c.index(i0, j0, k1)]
                                            + coarse[c.index(i1, j0, k1)]
                                            + coarse[c.index(i0, j1, k1)]
                                            + coarse[c.index(i1, j1, k1)]);
                            fine[p] += v;
                        }
                    }
                }
            });
        }

        private int index(int i, int j, int k) {
            return i + nx * (j + ny * k);
        }
    }
}
