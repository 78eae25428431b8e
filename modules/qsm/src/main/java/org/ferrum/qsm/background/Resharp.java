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
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.qsm.mask.Morphology;

/**
 * Background field removal by regularisation-enabled SHARP (RESHARP; Sun &amp; Wilman, MRM 2014).
 *
 * <p>Contract of {@link #apply}: with C = 1 − S<sub>r</sub> the SHARP high-pass ({@link SphericalMeanValue}), δ the
 * field zeroed outside the mask M, and M<sub>r</sub> the voxels whose r-sphere lies in M,
 * <pre>
 *   δ_l = argmin<sub>x</sub> ‖M<sub>r</sub> C (δ − x)‖² + λ‖x‖²,   i.e.  (C M<sub>r</sub> C + λ) x = C M<sub>r</sub> C δ
 * </pre>
 * solved by conjugate gradients from x = 0 ({@link ConjugateGradient}); the outputs are M<sub>r</sub>x (local),
 * M<sub>r</sub>(δ − x) (background) and the mask M<sub>r</sub>. The Tikhonov term replaces SHARP's truncated
 * deconvolution: it damps the k-space zeros of C smoothly instead of cutting them off, which is what reduces
 * SHARP's low-frequency artefacts (Sun &amp; Wilman 2014, Eq. 3–4).
 */
public final class Resharp implements BackgroundFieldRemoval {

    /**
     * The parameters of RESHARP.
     *
     * @param radiusMm      sphere radius (mm), &gt; 0
     * @param lambda        Tikhonov weight λ &gt; 0
     * @param maxIterations conjugate-gradient iteration limit, ≥ 1
     * @param tolerance     relative residual of the normal equations at which CG stops, &gt; 0
     */
    public record Params(double radiusMm, double lambda, int maxIterations, double tolerance) {
        /**
         * Radius 4 mm, λ 10⁻³, at most 200 iterations to 10⁻⁴. Sun &amp; Wilman 2014 tune λ per data set with an L-curve,
         * which users should do too (smaller λ: less smoothing of the local field, more background left); on Ferrum's
         * numerical head (HeadPhantomValidationTest) the whole chain with 10⁻³ gives a χ NRMSE of 47 % against 55 % with
         * QSM.jl's 10⁻², whose local field is over-smoothed (deep grey nuclei 40–60 % low).
         */
        public static final Params DEFAULTS = new Params(4, 1e-3, 200, 1e-4);
    }

    private final double radiusMm;
    private final double lambda;
    private final int maxIterations;
    private final double tolerance;

    public Resharp(double radiusMm, double lambda, int maxIterations, double tolerance) {
        if (!(radiusMm > 0) || !(lambda > 0) || maxIterations < 1 || !(tolerance > 0)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "RESHARP needs radius > 0, λ > 0, iterations ≥ 1, tolerance > 0; got %g, %g, %d, %g",
                    radiusMm,
                    lambda,
                    maxIterations,
                    tolerance));
        }
        this.radiusMm = radiusMm;
        this.lambda = lambda;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    public Resharp(Params p) {
        this(p.radiusMm(), p.lambda(), p.maxIterations(), p.tolerance());
    }

    @Override
    public String name() {
        return "RESHARP";
    }

    @Override
    public Budget budget() {
        return new Budget(maxIterations, tolerance);
    }

    @Override
    public String solver() {
        return "RESHARP (CG on the normal equations)";
    }

    @Override
    public BackgroundFieldSplit apply(TotalField input, Cancellation cancellation, SolverProgress progress) {
        return apply(input.field(), input.mask(), input.grid(), cancellation, progress);
    }

    /**
     * Splits {@code field} (ppm) into local and background parts.
     *
     * @throws IllegalArgumentException if the mask is empty or eroded to nothing by the radius
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
        boolean[] eroded = erode(mask, grid, radiusMm, cancellation);
        float[] c = SphericalMeanValue.highPassKernel(grid, radiusMm);
        float[] delta = new float[n];
        for (int v = 0; v < n; v++) {
            delta[v] = mask[v] ? field[v] : 0f;
        }
        float[] tmp = new float[n];
        ConjugateGradient.LinearOperator cmc = (x, out) -> {
            FourierFilter.apply(x, c, grid, tmp);
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    if (!eroded[v]) {
                        tmp[v] = 0f;
                    }
                }
            });
            FourierFilter.apply(tmp, c, grid, out);
        };
        float[] rhs = new float[n];
        cmc.apply(delta, rhs);
        ConjugateGradient.LinearOperator normal = (x, out) -> {
            cmc.apply(x, out);
            float l = (float) lambda;
            for (int v = 0; v < n; v++) {
                out[v] += l * x[v];
            }
        };
        float[] x = new float[n];
        ConjugateGradient.Outcome o =
                ConjugateGradient.solve(normal, null, rhs, x, maxIterations, tolerance, cancellation, progress);
        float[] background = new float[n];
        for (int v = 0; v < n; v++) {
            if (eroded[v]) {
                background[v] = field[v] - x[v];
            } else {
                x[v] = 0f;
            }
        }
        return new BackgroundFieldSplit(x, background, eroded, o.iterations(), o.relativeResidual(), o.convergence());
    }

    /** The voxels of {@code mask} whose sphere of radius r lies in it. */
    static boolean[] erode(boolean[] mask, VoxelGrid grid, double radiusMm, Cancellation cancellation) {
        float[] d2 = Morphology.squaredDistanceTo(mask, false, grid, true, cancellation);
        boolean[] out = new boolean[mask.length];
        int count = 0;
        for (int v = 0; v < mask.length; v++) {
            out[v] = mask[v] && !SphericalMeanValue.inside(d2[v], radiusMm);
            count += out[v] ? 1 : 0;
        }
        if (count == 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the mask is eroded to nothing by the radius %s mm: no voxel has its whole sphere inside the mask",
                    SphericalMeanValue.mm(radiusMm)));
        }
        return out;
    }
}
