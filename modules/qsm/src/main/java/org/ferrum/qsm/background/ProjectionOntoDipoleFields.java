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

import java.util.Locale;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;

/**
 * Background field removal by projection onto dipole fields (PDF; Liu et al., NMR Biomed 2011).
 *
 * <p>Contract of {@link #apply}: with M the mask, M̄ its complement in the (padded) grid, D the dipole
 * convolution ({@link DipoleKernel}, B0 along the given voxel axes) and W a non-negative weight (uniform if
 * none, else scaled to mean square 1 over M),
 * <pre>
 *   χ_b = argmin<sub>χ = M̄χ</sub> ‖W M (δ − D χ)‖²,   i.e.  M̄ D M W² M D M̄ χ_b = M̄ D M W² δ
 * </pre>
 * solved from χ = 0 by conjugate gradients in the least-squares arrangement ({@link LeastSquaresConjugateGradient},
 * CGLS: the data residual W M (δ − D χ) is updated itself, not through the normal equations, and the iterate with the
 * smallest data residual is returned, recomputed; see there for the stopping rules);
 * δ<sub>b</sub> = D χ<sub>b</sub> on M (background), δ<sub>l</sub> = M(δ − δ<sub>b</sub>) (local), output mask M.
 * Why it works: a field made by sources outside M is (approximately) orthogonal, in the weighted inner
 * product on M, to one made by sources inside, so the least-squares fit with outside sources takes the
 * background and leaves the local field (Liu et al. 2011, Eq. 4–6). Sources are only found inside the grid,
 * so callers zero-pad the field and mask first (the operator does) to give them room outside the object.
 * The number of iterations acts as the regulariser, as in the paper.
 *
 * <p>{@link BackgroundFieldSplit#relativeResidual()} is the normal-equation residual ‖M̄DMW²(δ − Dχ)‖ / ‖M̄DMW²δ‖ the
 * tolerance applies to; {@link BackgroundFieldSplit#convergence()} carries the data residual ‖W M (δ − D χ<sub>b</sub>)‖ /
 * ‖W M δ‖ (the weighted fraction of the field the background does not explain) and whether the solve converged.
 * Why PDF could fail silently before: CG on the formed normal equations, stopped only by its own recurrence residual,
 * reported nothing when the cap was reached far from the tolerance — as on a mask that includes scalp and skull
 * (issue 13), where the field of sources inside the mask cannot be fitted by sources outside it and 100 iterations
 * ended at a normal residual of 0.14 with a "local" field of 1.4 ppm in the brain (true maximum 0.18 ppm).
 */
public final class ProjectionOntoDipoleFields implements BackgroundFieldRemoval {

    /**
     * The parameters of PDF.
     *
     * @param maxIterations iteration cap (it also acts as the regulariser), ≥ 1
     * @param tolerance     relative residual of the normal equations at which the solve stops, &gt; 0
     * @param padding       zero voxels added on each side of every axis before the fit, then up to a fast FFT size
     *                      (room for background sources; the family method {@link #apply(TotalField, Cancellation,
     *                      SolverProgress)} pads and crops back), ≥ 0
     */
    public record Params(int maxIterations, double tolerance, int padding) {
        /** 100 iterations, tolerance 10⁻³, 16 voxels of padding. */
        public static final Params DEFAULTS = new Params(100, 1e-3, 16);
    }

    private final int maxIterations;
    private final double tolerance;
    private final int padding;

    /** PDF without padding in {@link #apply(TotalField, Cancellation, SolverProgress)} beyond the fast FFT size. */
    public ProjectionOntoDipoleFields(int maxIterations, double tolerance) {
        this(new Params(maxIterations, tolerance, 0));
    }

    public ProjectionOntoDipoleFields(Params p) {
        if (p.maxIterations() < 1 || !(p.tolerance() > 0) || p.padding() < 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "PDF needs iterations ≥ 1, tolerance > 0 and padding ≥ 0; got %d, %g, %d",
                    p.maxIterations(),
                    p.tolerance(),
                    p.padding()));
        }
        this.maxIterations = p.maxIterations();
        this.tolerance = p.tolerance();
        this.padding = p.padding();
    }

    @Override
    public String name() {
        return "PDF";
    }

    @Override
    public Budget budget() {
        return new Budget(maxIterations, tolerance);
    }

    @Override
    public String solver() {
        return "PDF (data residual ‖WM(δ − Dχ_b)‖/‖WMδ‖)";
    }

    @Override
    public boolean needsB0Direction() {
        return true;
    }

    /** The zero padding of the family method on {@code grid}: {@code padding} voxels per side, then a fast FFT size. */
    public ZeroPadding padding(VoxelGrid grid) {
        long[] n = grid.dimensions();
        return ZeroPadding.centred(n, new long[] {
            ZeroPadding.fastSize(n[0] + 2L * padding),
            ZeroPadding.fastSize(n[1] + 2L * padding),
            ZeroPadding.fastSize(n[2] + 2L * padding)
        });
    }

    /** The split of {@code input}, fitted on the grid zero-padded by {@link #padding(VoxelGrid)} and cropped back. */
    @Override
    public BackgroundFieldSplit apply(TotalField input, Cancellation cancellation, SolverProgress progress) {
        ZeroPadding pad = padding(input.grid());
        long[] m = pad.paddedSize();
        VoxelGrid g = input.grid();
        VoxelGrid padded = new VoxelGrid((int) m[0], (int) m[1], (int) m[2], g.dx(), g.dy(), g.dz());
        BackgroundFieldSplit split = apply(
                pad.pad(input.field()),
                pad.pad(input.mask()),
                input.weights() == null ? null : pad.pad(input.weights()),
                padded,
                input.b0VoxelAxes(),
                cancellation,
                progress);
        return new BackgroundFieldSplit(
                pad.crop(split.localField()),
                pad.crop(split.backgroundField()),
                input.mask(),
                split.iterations(),
                split.relativeResidual(),
                split.convergence());
    }

    /**
     * Splits {@code field} (ppm) into local and background parts.
     *
     * @param weights     W per voxel (e.g. magnitude, or 1/noise σ), or null for uniform weights
     * @param b0VoxelAxes B0 direction along the grid's index axes
     * @throws IllegalArgumentException if the mask is empty or fills the grid (no room for background sources),
     *                                  or the weights are zero everywhere in the mask
     */
    public BackgroundFieldSplit apply(
            float[] field,
            boolean[] mask,
            float[] weights,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation) {
        return apply(field, mask, weights, grid, b0VoxelAxes, cancellation, SolverProgress.NONE);
    }

    /** As {@link #apply(float[], boolean[], float[], VoxelGrid, double[], Cancellation)}, telling {@code progress} of every iteration. */
    public BackgroundFieldSplit apply(
            float[] field,
            boolean[] mask,
            float[] weights,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            SolverProgress progress) {
        int n = grid.size();
        int inside = BackgroundFieldSplit.count(mask);
        if (inside == 0) {
            throw new IllegalArgumentException("the mask is empty");
        }
        if (inside == n) {
            throw new IllegalArgumentException("the mask fills the whole grid: PDF needs room outside it for background"
                    + " sources (pad the field)");
        }
        float[] w = squaredWeights(weights, mask);
        for (int v = 0; v < n; v++) {
            w[v] = (float) Math.sqrt(w[v]); // W, mean square 1 over M, 0 outside
        }
        float[] d = DipoleKernel.of(grid, b0VoxelAxes);
        float[] spectrum = new float[FourierFilter.spectrumLength(grid)];
        float[] tmp = new float[n];
        // A χ = W M D M̄ χ and Aᵀ s = M̄ D M W s (D real and even: self-adjoint)
        ConjugateGradient.LinearOperator forward = (x, out) -> {
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    tmp[v] = mask[v] ? 0f : x[v];
                }
            });
            FourierFilter.apply(tmp, d, grid, out, spectrum);
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    out[v] *= w[v]; // w is 0 outside M
                }
            });
        };
        ConjugateGradient.LinearOperator adjoint = (s, out) -> {
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    tmp[v] = w[v] * s[v];
                }
            });
            FourierFilter.apply(tmp, d, grid, out, spectrum);
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    if (mask[v]) {
                        out[v] = 0f;
                    }
                }
            });
        };
        float[] data = new float[n];
        for (int v = 0; v < n; v++) {
            data[v] = mask[v] ? w[v] * field[v] : 0f;
        }
        float[] chi = new float[n];
        LeastSquaresConjugateGradient.Outcome o = LeastSquaresConjugateGradient.solve(
                forward, adjoint, data, chi, maxIterations, tolerance, cancellation, progress);
        float[] background = FourierFilter.apply(chi, d, grid);
        float[] local = new float[n];
        for (int v = 0; v < n; v++) {
            if (mask[v]) {
                local[v] = field[v] - background[v];
            } else {
                background[v] = 0f;
            }
        }
        return new BackgroundFieldSplit(
                local, background, mask.clone(), o.convergence().iterations(), o.normalResidual(), o.convergence());
    }

    /** W² on M (mean 1 over M), 0 outside. */
    private static float[] squaredWeights(float[] weights, boolean[] mask) {
        float[] w2 = new float[mask.length];
        double sum = 0;
        int count = 0;
        for (int v = 0; v < mask.length; v++) {
            if (mask[v]) {
                double w = weights == null ? 1 : weights[v];
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException(
                            "weight " + w + " at voxel " + v + " inside the mask; weights must be" + " finite and ≥ 0");
                }
                w2[v] = (float) (w * w);
                sum += w * w;
                count++;
            }
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the weights are zero everywhere in the mask");
        }
        float scale = (float) (count / sum);
        for (int v = 0; v < w2.length; v++) {
            w2[v] *= scale;
        }
        return w2;
    }
}
