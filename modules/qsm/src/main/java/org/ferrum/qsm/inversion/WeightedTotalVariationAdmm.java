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
package org.ferrum.qsm.inversion;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.FiniteDifferences;
import org.ferrum.qsm.FourierFilter;

/**
 * Total-variation regularised dipole inversion with a <em>weighted</em> linear data term, by ADMM: the variant of
 * {@link TotalVariationAdmm} for a per-voxel data weight W (e.g. 1/σ of the field), which no longer makes the
 * χ-update diagonal in k-space.
 *
 * <p>Contract (Milovic et al., MRM 80:814, 2018, FANSI, "weighted linear" form): χ approximately minimises
 * <pre>
 *   ½‖W(Dχ − δ)‖² + λ‖∇χ‖₁        (anisotropic ℓ1, ∇ the periodic forward difference, 1/mm)
 * </pre>
 * with W ≥ 0 given on the whole grid (0 where there is no data). Splits z = ∇χ (penalty ρ) and v = Dχ (penalty μ),
 * scaled duals u, s:
 * <pre>
 *   χ ← F⁻¹[ (μ·D·F[v − s] + ρ·F[∇ᵀ(z − u)]) / (μD² + ρ|∇|²) ]     (χ̂(0) = 0)
 *   z ← soft(∇χ + u, λ/ρ),            u ← u + ∇χ − z
 *   v ← (W²δ + μ(Dχ + s)) / (W² + μ), s ← s + Dχ − v                (voxel by voxel)
 * </pre>
 * Four real FFTs per iteration (two forward for the χ-update's right-hand side, two inverse for χ and Dχ), twice
 * {@link TotalVariationAdmm}'s. Stops after {@code maxIterations} or when the relative χ change falls below
 * {@code tolerance}, as TV-ADMM. With W = 1 everywhere the minimiser is TV-ADMM's. μ = 1 ({@link Params#DEFAULTS}) is FANSI's
 * default for weights of mean square ≈ 1.
 */
public final class WeightedTotalVariationAdmm implements DipoleInversion {

    /**
     * The parameters of the weighted TV-ADMM: TV-ADMM's and μ.
     *
     * @param tv TV-ADMM's λ, ρ (0: 100·λ), iteration limit and tolerance
     * @param mu μ &gt; 0, data-split penalty
     */
    public record Params(TotalVariationAdmm.Params tv, double mu) {
        /** TV-ADMM's defaults and μ = 1. */
        public static final Params DEFAULTS = new Params(TotalVariationAdmm.Params.DEFAULTS, 1.0);
    }

    private final double lambda;
    private final double rho;
    private final double mu;
    private final int maxIterations;
    private final double tolerance;

    /**
     * @param lambda λ &gt; 0, TV weight
     * @param rho    ρ &gt; 0, gradient penalty
     * @param mu     μ &gt; 0, data-split penalty
     */
    public WeightedTotalVariationAdmm(double lambda, double rho, double mu, int maxIterations, double tolerance) {
        for (double p : new double[] {lambda, rho, mu}) {
            if (!(p > 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException(
                        "TV λ, ρ and μ must be positive numbers, got λ = " + lambda + ", ρ = " + rho + ", μ = " + mu);
            }
        }
        if (maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException(
                    "need ≥ 1 iteration and a tolerance ≥ 0, got " + maxIterations + ", " + tolerance);
        }
        this.lambda = lambda;
        this.rho = rho;
        this.mu = mu;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    public WeightedTotalVariationAdmm(Params params) {
        this(
                params.tv().lambda(),
                params.tv().resolvedRho(),
                params.mu(),
                params.tv().maxIterations(),
                params.tv().tolerance());
    }

    @Override
    public String name() {
        return "TV-ADMM (weighted)";
    }

    /** χ from {@code input}; its data weight W is required. */
    @Override
    public InversionResult invert(Field input, Cancellation cancellation, InversionProgress progress) {
        if (input.dataWeight() == null) {
            throw new IllegalArgumentException(name() + " needs a data weight");
        }
        return invert(
                input.field(),
                input.mask(),
                input.dataWeight(),
                input.grid(),
                input.b0VoxelAxes(),
                cancellation,
                progress);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT, "TV-ADMM, weighted data term, with λ = %g, ρ = %g, μ = %g", lambda, rho, mu);
    }

    /**
     * χ from the local field.
     *
     * @param field  δ in ppm on {@code grid} (used where W &gt; 0)
     * @param mask   M, for the reported residual ‖M(Dχ − δ)‖/‖Mδ‖
     * @param weight W ≥ 0 on the whole grid
     */
    public InversionResult invert(
            float[] field,
            boolean[] mask,
            float[] weight,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            InversionProgress progress) {
        float[] d = KSpace.kernel(grid, b0VoxelAxes, field, mask);
        return solve(KSpace.masked(field, mask), mask, weight, d, grid, cancellation, progress);
    }

    /**
     * The ADMM of the class contract for any real, even k-space operator A in place of D: χ approximately minimises
     * ½‖W(Aχ − b)‖² + λ‖∇χ‖₁.
     *
     * @param data         b on the whole grid (read where W &gt; 0)
     * @param residualMask the region of the reported residual ‖M(Aχ − b)‖/‖Mb‖
     * @param kernel       A(k) in FFT order (as {@link org.ferrum.qsm.DipoleKernel})
     */
    InversionResult solve(
            float[] data,
            boolean[] residualMask,
            float[] weight,
            float[] kernel,
            VoxelGrid grid,
            Cancellation cancellation,
            InversionProgress progress) {
        return solve(
                new float[][] {data},
                residualMask,
                new float[][] {weight},
                new float[][] {kernel},
                grid,
                cancellation,
                progress);
    }

    /**
     * The same ADMM with a sum of J data terms, Σ<sub>j</sub> ½‖W<sub>j</sub>(A<sub>j</sub>χ − b<sub>j</sub>)‖² + λ‖∇χ‖₁, each
     * with its own split v<sub>j</sub> = A<sub>j</sub>χ (penalty μ) and scaled dual s<sub>j</sub>:
     * <pre>
     *   χ ← F⁻¹[ (μ Σ A<sub>j</sub>·F[v<sub>j</sub> − s<sub>j</sub>] + ρ·F[∇ᵀ(z − u)]) / (μ Σ A<sub>j</sub>² + ρ|∇|²) ]
     * </pre>
     * 2J + 2 real FFTs per iteration. {@link SingleStepSharp} uses it with A<sub>j</sub> = (1 − S<sub>r<sub>j</sub></sub>)·D, one
     * term per sphere radius. The reported residual is over all terms: ‖Σ M W<sub>j</sub>(A<sub>j</sub>χ − b<sub>j</sub>)‖
     * relative to ‖Σ M W<sub>j</sub> b<sub>j</sub>‖ with 0/1 weights (for terms with disjoint supports, as there).
     */
    InversionResult solve(
            float[][] data,
            boolean[] residualMask,
            float[][] weight,
            float[][] kernel,
            VoxelGrid grid,
            Cancellation cancellation,
            InversionProgress progress) {
        int terms = data.length;
        int size = grid.size();
        float[][] w2 = new float[terms][];
        float[][] b = new float[terms][];
        for (int j = 0; j < terms; j++) {
            if (weight[j].length != size || data[j].length != size || kernel[j].length != size) {
                throw new IllegalArgumentException("data, weight and kernel must have the grid's " + size + " voxels");
            }
            b[j] = data[j].clone();
            w2[j] = new float[size];
            for (int n = 0; n < size; n++) {
                float w = weight[j][n];
                if (!(w >= 0) || Float.isInfinite(w)) {
                    throw new IllegalArgumentException(
                            "weight " + w + " at voxel " + n + "; weights must be finite and ≥ 0");
                }
                w2[j][n] = w * w;
                if (w2[j][n] == 0) {
                    b[j][n] = 0f; // no data there: b is never read
                }
            }
        }
        // k-space constants: ρ/(μΣA² + ρ|∇|²) and μA_j/(μΣA² + ρ|∇|²)
        float[] rhoOverDenominator = FiniteDifferences.gradientNormKernel(grid);
        float[][] muAOverDenominator = new float[terms][size];
        float r = (float) rho, m = (float) mu;
        ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                float den = r * rhoOverDenominator[n];
                for (int j = 0; j < terms; j++) {
                    den += m * kernel[j][n] * kernel[j][n];
                }
                float inv = den > 0 ? 1f / den : 0f;
                for (int j = 0; j < terms; j++) {
                    muAOverDenominator[j][n] = m * kernel[j][n] * inv;
                }
                rhoOverDenominator[n] = r * inv;
            }
        });

        int spectrumLength = FourierFilter.spectrumLength(grid);
        float[] spectrum = new float[spectrumLength];
        float[] chiSpectrum = new float[spectrumLength];
        float[] termSpectrum = new float[spectrumLength];
        float[] chi = new float[size];
        float[] next = new float[size];
        float[] work = new float[size];
        float[] modelField = new float[size];
        float[][] vMinusS = new float[terms][];
        float[][] s = new float[terms][size];
        for (int j = 0; j < terms; j++) {
            vMinusS[j] = b[j].clone(); // v = b, s = 0 to start
        }
        float[] gx = new float[size], gy = new float[size], gz = new float[size];
        float[] ux = new float[size], uy = new float[size], uz = new float[size];
        float kappa = (float) (lambda / rho);

        int iteration = 0;
        double change = Double.NaN;
        while (iteration < maxIterations) {
            cancellation.throwIfCancelled("weighted TV dipole inversion");
            // χ-update: every right-hand-side term to k-space, the diagonal solve, back
            FiniteDifferences.negativeDivergence(gx, gy, gz, grid, work, cancellation);
            FourierFilter.spectrumOverwriting(work, grid, chiSpectrum);
            FourierFilter.multiply(chiSpectrum, rhoOverDenominator, grid);
            for (int j = 0; j < terms; j++) {
                System.arraycopy(vMinusS[j], 0, work, 0, size);
                FourierFilter.spectrumOverwriting(work, grid, spectrum);
                FourierFilter.multiplyAndAdd(spectrum, muAOverDenominator[j], chiSpectrum, grid);
                System.arraycopy(spectrum, 0, chiSpectrum, 0, spectrumLength);
            }
            System.arraycopy(chiSpectrum, 0, spectrum, 0, spectrumLength);
            FourierFilter.realPartOfInverse(spectrum, grid, next);

            change = TotalVariationAdmm.relativeChange(next, chi, size, cancellation);
            float[] previous = chi;
            chi = next;
            next = previous;

            // per term: A_j χ, then the v- and s-updates fused, leaving v − s for the next χ-update
            for (int j = 0; j < terms; j++) {
                System.arraycopy(chiSpectrum, 0, termSpectrum, 0, spectrumLength);
                FourierFilter.multiply(termSpectrum, kernel[j], grid);
                FourierFilter.realPartOfInverse(termSpectrum, grid, modelField);
                float[] wj = w2[j], bj = b[j], sj = s[j], vj = vMinusS[j];
                ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                    for (int n = (int) from; n < to; n++) {
                        float t = modelField[n] + sj[n];
                        float v = (wj[n] * bj[n] + m * t) / (wj[n] + m);
                        sj[n] = t - v;
                        vj[n] = v - sj[n];
                    }
                });
            }
            // z- and u-updates fused, leaving z − u in g
            FiniteDifferences.gradient(chi, grid, gx, gy, gz, cancellation);
            TotalVariationAdmm.shrink(gx, gy, gz, ux, uy, uz, kappa, size, cancellation);
            iteration++;
            progress.iterationDone(iteration, maxIterations, change);
            if (change < tolerance) {
                break;
            }
        }
        return TotalVariationAdmm.result(
                chi, iteration, maxIterations, change, tolerance, residual(chi, b, w2, kernel, residualMask, grid));
    }

    /** ‖M(Aχ − b)‖/‖Mb‖ over the voxels where each term has data (W &gt; 0). */
    private static double residual(
            float[] chi, float[][] b, float[][] w2, float[][] kernel, boolean[] mask, VoxelGrid grid) {
        if (b.length == 1) {
            return KSpace.relativeResidual(chi, b[0], mask, kernel[0], grid);
        }
        double r = 0, f = 0;
        for (int j = 0; j < b.length; j++) {
            float[] model = FourierFilter.apply(chi, kernel[j], grid);
            for (int n = 0; n < model.length; n++) {
                if (mask[n] && w2[j][n] > 0) {
                    double d = model[n] - b[j][n];
                    r += d * d;
                    f += b[j][n] * (double) b[j][n];
                }
            }
        }
        return f == 0 ? 0 : Math.sqrt(r / f);
    }
}
