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

/**
 * Closed-form L2-regularised dipole inversion (Tikhonov).
 *
 * <p>Contract (Bilgic et al., MRM 72:1444, 2014, "closed-form L2"; also SEPIA's closed-form L2), with D the
 * dipole kernel and δ the field in ppm zeroed outside the mask: χ minimises
 * ½‖Dχ − δ‖² + ½λ‖Γχ‖² over the whole (periodic) grid, i.e.
 * <pre>
 *   χ = F⁻¹[ D · F[δ] / (D² + λ·G) ],     G = 1 (Γ = identity)   or   G = |∇|²(k) (Γ = ∇, gradient)
 * </pre>
 * where |∇|²(k) are the eigenvalues of ∇ᵀ∇ ({@link FiniteDifferences#gradientNormKernel}, 1/mm²). At k = 0
 * the numerator vanishes (D(0) = 0) and χ̂(0) is set to 0.
 *
 * <p>Defaults, calibrated on a 0.1 ppm sphere (radius 9 mm, 1 mm voxels; see ClosedFormTikhonovTest):
 * identity λ = {@value #DEFAULT_LAMBDA_IDENTITY} (dimensionless; D² + λ reaches the TKD-like gain
 * 1/(2√λ) = 5 at the cone), gradient λ = {@value #DEFAULT_LAMBDA_GRADIENT} mm² (penalises the high
 * frequencies of the cone, which is where the streaks live, and leaves the low ones nearly untouched,
 * so it underestimates less than the identity form at equal streaking).
 */
public final class ClosedFormTikhonov implements DipoleInversion {

    /** What Γ penalises. */
    public enum Regularisation {
        /** Γ = I: the energy of χ. */
        IDENTITY,
        /** Γ = ∇: the energy of χ's gradient. */
        GRADIENT
    }

    public static final double DEFAULT_LAMBDA_IDENTITY = 0.01;
    public static final double DEFAULT_LAMBDA_GRADIENT = 0.02;

    /**
     * The parameters of the closed-form Tikhonov inversion.
     *
     * @param regularisation Γ
     * @param lambda         λ ≥ 0; 0 stands for the regularisation's default ({@link #defaultLambda})
     */
    public record Params(Regularisation regularisation, double lambda) {
        /** Gradient regularisation with its default λ. */
        public static final Params DEFAULTS = new Params(Regularisation.GRADIENT, 0);

        /** λ with 0 resolved to the regularisation's default. */
        public double resolvedLambda() {
            return lambda == 0 ? defaultLambda(regularisation) : lambda;
        }
    }

    private final Regularisation regularisation;
    private final double lambda;

    /**
     * @param regularisation Γ
     * @param lambda         λ &gt; 0 (dimensionless for {@link Regularisation#IDENTITY}, mm² for {@link Regularisation#GRADIENT})
     */
    public ClosedFormTikhonov(Regularisation regularisation, double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("Tikhonov λ must be a positive number, got " + lambda);
        }
        this.regularisation = java.util.Objects.requireNonNull(regularisation, "regularisation");
        this.lambda = lambda;
    }

    public ClosedFormTikhonov(Params params) {
        this(params.regularisation(), params.resolvedLambda());
    }

    @Override
    public String name() {
        return "Tikhonov";
    }

    @Override
    public InversionResult invert(Field input, Cancellation cancellation, InversionProgress progress) {
        input.requireNoDataWeight(name());
        return invert(input.field(), input.mask(), input.grid(), input.b0VoxelAxes(), cancellation);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "Tikhonov with %s regularisation, λ = %g",
                regularisation.name().toLowerCase(java.util.Locale.ROOT),
                lambda);
    }

    /** The default λ of a regularisation. */
    public static double defaultLambda(Regularisation regularisation) {
        return regularisation == Regularisation.IDENTITY ? DEFAULT_LAMBDA_IDENTITY : DEFAULT_LAMBDA_GRADIENT;
    }

    /**
     * χ from the local field.
     *
     * @param field       δ in ppm on {@code grid}
     * @param mask        M; the field is used only inside it
     * @param b0VoxelAxes B0 direction along the index axes
     */
    public InversionResult invert(
            float[] field, boolean[] mask, VoxelGrid grid, double[] b0VoxelAxes, Cancellation cancellation) {
        float[] d = KSpace.kernel(grid, b0VoxelAxes, field, mask);
        float[] g = regularisation == Regularisation.GRADIENT ? FiniteDifferences.gradientNormKernel(grid) : null;
        float[] filter = new float[d.length];
        ParallelLoop.forEachChunk(d.length, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                double dn = d[n];
                double denominator = dn * dn + lambda * (g == null ? 1.0 : g[n]);
                filter[n] = denominator > 0 ? (float) (dn / denominator) : 0f;
            }
        });
        float[] data = KSpace.masked(field, mask);
        return KSpace.closedForm(data, filter, d, mask, grid, cancellation);
    }
}
