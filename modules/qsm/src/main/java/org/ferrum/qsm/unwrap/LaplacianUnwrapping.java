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

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.CosineTransform;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.FiniteDifferences;
import org.ferrum.qsm.FourierFilter;

/**
 * Laplacian-based phase unwrapping (Schofield &amp; Zhu, Opt Lett 28:1194, 2003), one 3-D frame at a time.
 *
 * <p>Contract of {@link #unwrap}: for a wrapped phase φ (rad) on a grid,
 * <pre>
 *   φ_L = ∇⁻² [ cos φ · ∇² sin φ − sin φ · ∇² cos φ ]
 * </pre>
 * where ∇² is the 7-point stencil of {@link FiniteDifferences#laplacian} with the chosen {@link Boundary} and ∇⁻² its
 * exact inverse with the same boundary, the k = 0 (constant) term set to 0 (so φ_L has zero mean over the grid). The bracket equals ∇²φ of the true phase wherever that phase is smooth (the identity
 * ∇²φ = cos φ ∇² sin φ − sin φ ∇² cos φ holds for the continuous Laplacian and is insensitive to 2π jumps),
 * so φ_L is the true phase up to a harmonic part and the discretisation error: NOT the true phase and NOT
 * congruent with φ (φ_L − φ is no multiple of 2π). This is what the background-field path wants (the
 * harmonic part is removed there anyway), so {@link #unwrap} returns it as is.
 *
 * <p>Contract of {@link #congruent}: φ_C = φ + 2π·round((φ_L − φ) / 2π), which differs from the wrapped
 * input by whole multiples of 2π in every voxel (the "congruence" step, cf. Schofield &amp; Zhu §3 and the
 * congruent variants in SEPIA/STI Suite), and equals the true phase wherever |φ_L − φ_true| &lt; π.
 *
 * <p>Boundaries ({@link Boundary}): by default {@link Boundary#REFLECTING}, the exact Neumann solution. Both ∇²
 * in the bracket and ∇⁻² then use the half-sample even reflection at the faces (φ[−1] = φ[0], φ[n] = φ[n − 1]), and
 * ∇⁻² is diagonal in the DCT-II basis ({@link CosineTransform}): with that reflection the 7-point Laplacian has the
 * eigenvalues λ_k = Σ_d (2cos(π k_d / n_d) − 2)/Δ_d², k_d = 0 … n_d − 1, so
 * <pre>
 *   ∇⁻² r = IDCT[ DCT[r] / λ_k ],   with the k = 0 term set to 0 (zero mean over the grid)
 * </pre>
 * (the DCT solution of the Poisson equation with Neumann boundaries of Ghiglia &amp; Romero, JOSA A 11:107, 1994).
 * It equals the periodic FFT solution on the even 2n extension of the grid, without the 8-fold grid and without a
 * seam where the phase of opposite faces differs. {@link Boundary#PERIODIC} uses the periodic 7-point Laplacian of
 * {@link FiniteDifferences#laplacianKernel} and its inverse through {@link FourierFilter} on the grid as is: a
 * non-periodic phase then meets itself in a seam at the faces. The phase is used over the whole grid, no mask.
 *
 * <p>As a member of the {@link PhaseUnwrapping} family (an instance with its {@link Params}): every echo on its own,
 * the mask and magnitude unused (the result covers the whole grid); {@link PhaseUnwrapping#congruent() congruent}
 * only with {@link Params#congruent}.
 */
public final class LaplacianUnwrapping implements PhaseUnwrapping {

    /** How the grid's faces are treated by both Laplacians (see the class contract). */
    public enum Boundary {
        /** Half-sample even reflection (Neumann), solved exactly by the DCT: the default. */
        REFLECTING,
        /** The FFT's wrap-around: opposite faces are neighbours. */
        PERIODIC
    }

    /**
     * The settings.
     *
     * @param congruent make the result congruent with the input ({@link #congruent(float[], float[])}); else φ_L as is
     * @param boundary  how both Laplacians treat the grid's faces
     */
    public record Params(boolean congruent, Boundary boundary) {
        public Params {
            java.util.Objects.requireNonNull(boundary, "boundary");
        }

        /** φ_L as is, reflecting boundaries. */
        public static final Params DEFAULTS = new Params(false, Boundary.REFLECTING);
    }

    /** The unwrapped echoes; one region (the whole grid). */
    public record Result(float[][] unwrapped) implements PhaseUnwrapping.Result {
        @Override
        public int regions() {
            return 1;
        }
    }

    private final Params params;

    /** The family member with these settings. */
    public LaplacianUnwrapping(Params params) {
        this.params = java.util.Objects.requireNonNull(params, "params");
    }

    public Params params() {
        return params;
    }

    @Override
    public boolean congruent() {
        return params.congruent();
    }

    /** Every echo by {@link #unwrap(float[], VoxelGrid, Boundary, Cancellation)}, congruent if the params say so. */
    @Override
    public Result unwrap(Input input, Cancellation cancellation, BiConsumer<Double, String> progress) {
        int echoes = input.echoes();
        float[][] out = new float[echoes][];
        for (int e = 0; e < echoes; e++) {
            progress.accept((double) e / echoes, "unwrapping echo " + (e + 1) + " of " + echoes);
            float[] laplacian = unwrap(input.wrapped()[e], input.grid(), params.boundary(), cancellation);
            out[e] = params.congruent() ? congruent(input.wrapped()[e], laplacian) : laplacian;
        }
        return new Result(out);
    }

    /**
     * The Laplacian-unwrapped phase φ_L of one wrapped frame with {@link Boundary#REFLECTING} boundaries (see the
     * class contract).
     *
     * @param wrapped phase in rad, x fastest, length {@code grid.size()}, finite
     * @return a new array, rad
     */
    public static float[] unwrap(float[] wrapped, VoxelGrid grid, Cancellation cancellation) {
        return unwrap(wrapped, grid, Boundary.REFLECTING, cancellation);
    }

    /** As {@link #unwrap(float[], VoxelGrid, Cancellation)} with a chosen boundary. */
    public static float[] unwrap(float[] wrapped, VoxelGrid grid, Boundary boundary, Cancellation cancellation) {
        if (wrapped.length != grid.size()) {
            throw new IllegalArgumentException("phase has " + wrapped.length + " voxels, the grid " + grid.size());
        }
        boolean periodic = boundary == Boundary.PERIODIC;
        float[] rhs = laplacianOfPhase(wrapped, grid, periodic, cancellation);
        return periodic ? poisson(rhs, grid, cancellation) : poissonReflecting(rhs, grid, cancellation);
    }

    /** cos φ·∇² sin φ − sin φ·∇² cos φ (the identity of Schofield &amp; Zhu), periodic or reflecting at the faces. */
    private static float[] laplacianOfPhase(
            float[] wrapped, VoxelGrid grid, boolean periodic, Cancellation cancellation) {
        int n = wrapped.length;
        float[] sin = new float[n], cos = new float[n];
        PhaseWraps.sinCos(wrapped, sin, cos, cancellation);
        float[] lapSin = new float[n], lapCos = new float[n];
        FiniteDifferences.laplacian(sin, grid, periodic, lapSin, cancellation);
        FiniteDifferences.laplacian(cos, grid, periodic, lapCos, cancellation);
        cancellation.throwIfCancelled("Laplacian unwrapping");
        float[] rhs = lapSin;
        ParallelLoop.forEachChunk(n, 0, cancellation, (from, to) -> {
            for (int v = (int) from; v < to; v++) {
                rhs[v] = cos[v] * lapSin[v] - sin[v] * lapCos[v];
            }
        });
        return rhs;
    }

    /** The last grid's inverse Laplacian kernel: the echoes of one series share it. */
    private static final AtomicReference<Map.Entry<VoxelGrid, float[]>> INVERSE_KERNEL = new AtomicReference<>();

    /** ∇⁻² of {@code rhs} on the periodic grid (k = 0 set to 0), into a new array. */
    private static float[] poisson(float[] rhs, VoxelGrid grid, Cancellation cancellation) {
        cancellation.throwIfCancelled("Laplacian unwrapping");
        Map.Entry<VoxelGrid, float[]> cached = INVERSE_KERNEL.get();
        float[] inverse;
        if (cached != null && cached.getKey().equals(grid)) {
            inverse = cached.getValue();
        } else {
            inverse = inverseKernel(FiniteDifferences.laplacianKernel(grid));
            INVERSE_KERNEL.set(Map.entry(grid, inverse));
        }
        return FourierFilter.apply(rhs, inverse, grid);
    }

    /**
     * ∇⁻² of {@code rhs} with half-sample reflecting boundaries: IDCT[DCT[rhs]/λ_k], λ_0 → 0 (see the class contract),
     * into a new array.
     */
    private static float[] poissonReflecting(float[] rhs, VoxelGrid grid, Cancellation cancellation) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        float[] c = CosineTransform.forward(rhs, nx, ny, nz, cancellation);
        double[] lx = eigenvalues(nx, grid.dx()), ly = eigenvalues(ny, grid.dy()), lz = eigenvalues(nz, grid.dz());
        ParallelLoop.forEachChunk(nz, 0, cancellation, (from, to) -> {
            for (int k3 = (int) from; k3 < to; k3++) {
                for (int k2 = 0; k2 < ny; k2++) {
                    double lyz = ly[k2] + lz[k3];
                    int row = nx * (k2 + ny * k3);
                    for (int k1 = 0; k1 < nx; k1++) {
                        double lambda = lx[k1] + lyz;
                        // λ = 0 only at k = 0 (every term is ≤ 0 and vanishes only at k_d = 0): the mean is not
                        // recoverable
                        c[row + k1] = lambda == 0 ? 0f : (float) (c[row + k1] / lambda);
                    }
                }
            }
        });
        return CosineTransform.inverse(c, nx, ny, nz, cancellation);
    }

    /** (2cos(πk/n) − 2)/Δ², k = 0 … n − 1: the reflecting 3-point second difference on DCT-II basis function k. */
    private static double[] eigenvalues(int n, double spacing) {
        double[] l = new double[n];
        for (int k = 1; k < n; k++) {
            l[k] = (2 * Math.cos(Math.PI * k / n) - 2) / (spacing * spacing);
        }
        return l;
    }

    /**
     * φ + 2π·round((φ_L − φ)/2π) per voxel: the congruent result (see the class contract).
     *
     * @param wrapped   φ, rad
     * @param laplacian φ_L from {@link #unwrap}, rad
     * @return a new array, rad
     */
    public static float[] congruent(float[] wrapped, float[] laplacian) {
        if (wrapped.length != laplacian.length) {
            throw new IllegalArgumentException(
                    "arrays differ in length: " + wrapped.length + " vs " + laplacian.length);
        }
        float[] out = new float[wrapped.length];
        for (int v = 0; v < out.length; v++) {
            out[v] = PhaseWraps.plusTurns(wrapped[v], PhaseWraps.turnsBetween(wrapped[v], laplacian[v]));
        }
        return out;
    }

    /** 1/L(k), with 0 where L(k) = 0 (only k = 0 for the 7-point Laplacian): the DC term is not recoverable. */
    private static float[] inverseKernel(float[] laplacian) {
        float[] inv = new float[laplacian.length];
        for (int k = 0; k < inv.length; k++) {
            inv[k] = laplacian[k] == 0 ? 0f : 1f / laplacian[k];
        }
        return inv;
    }
}
