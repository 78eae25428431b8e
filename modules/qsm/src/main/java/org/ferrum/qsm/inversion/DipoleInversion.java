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

/**
 * The dipole-inversion family: susceptibility χ from a field δ, the inverse of the forward model δ = D ∗ χ with D the
 * unit dipole field along B0 ({@link org.ferrum.qsm.DipoleKernel}, D(k) = 1/3 − (k·b̂)²/|k|² in k-space).
 *
 * <p>Contract of {@link #invert}:
 * <ul>
 * <li>input: {@link Field#field() δ} in ppm on {@link Field#grid() grid} (x fastest; spacing in mm), valid inside
 *     {@link Field#mask() mask} M and 0 outside it (the caller zeroes it; every member reads δ only inside M, or, for
 *     the total-field members {@link SingleStepSharp} and {@link TotalFieldInversion}, δ is the total field and the
 *     background is handled by the method); the unit direction {@link Field#b0VoxelAxes() b̂} of B0 along the grid's
 *     index axes; optionally a {@link Field#magnitude() magnitude} (edge and data weights of MEDI, TFI, iLSQR) and a
 *     {@link Field#dataWeight() data weight} W ≥ 0 (1/σ of the field, mean square 1 in M) for the members with a
 *     weighted data term. A member refuses (IllegalArgumentException) an input it cannot honour: a missing magnitude
 *     it needs, a data weight it has no weighted form for, a mask it erodes to nothing.</li>
 * <li>output: {@link InversionResult#chi() χ} in ppm on the same grid with an arbitrary offset (the mean of χ is
 *     not measurable: D(0) = 0; the caller references it, {@link org.ferrum.qsm.SusceptibilityReference}); only its
 *     values inside M are meaningful, the caller sets χ = 0 outside M; with the residual ‖M(Dχ − δ)‖/‖Mδ‖ and how
 *     the solver ended ({@link InversionResult#convergence()}).</li>
 * <li>The grid is periodic: the caller zero-pads δ (and M) so the convolution's wrap-around stays off the data.</li>
 * <li>{@code progress} is told after every iteration of an iterative member, on the calling thread; cancellation
 *     ends the run in {@link java.util.concurrent.CancellationException}.</li>
 * </ul>
 * A member is a class with its parameters as one record ({@code Params} with {@code DEFAULTS}) and this method; its
 * pipeline operator extends {@code org.ferrum.qsm.ops.DipoleInversionOperator}.
 */
public interface DipoleInversion {

    /** The method's short name for logs and progress (e.g. "TKD", "TV-ADMM"). */
    String name();

    /** χ from {@code input} as the class contract says. */
    InversionResult invert(Field input, Cancellation cancellation, InversionProgress progress);

    /**
     * The input of an inversion (arrays on {@code grid}, x fastest; not copied: a member must not write to them).
     *
     * @param field       δ in ppm, 0 outside the mask
     * @param mask        M, where δ is valid
     * @param grid        the (padded) inversion grid
     * @param b0VoxelAxes unit B0 direction along the grid's index axes
     * @param magnitude   a magnitude image, or null
     * @param dataWeight  W ≥ 0 (1/σ, mean square 1 in M), or null for the member's own (uniform or from the magnitude)
     */
    record Field(
            float[] field,
            boolean[] mask,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            float[] magnitude,
            float[] dataWeight) {

        /** A field without magnitude or data weight. */
        public Field(float[] field, boolean[] mask, VoxelGrid grid, double[] b0VoxelAxes) {
            this(field, mask, grid, b0VoxelAxes, null, null);
        }

        /** This input with {@code magnitude} (null: none). */
        public Field withMagnitude(float[] magnitude) {
            return new Field(field, mask, grid, b0VoxelAxes, magnitude, dataWeight);
        }

        /** This input with the data weight W (null: none). */
        public Field withDataWeight(float[] weight) {
            return new Field(field, mask, grid, b0VoxelAxes, magnitude, weight);
        }

        /** The magnitude, refusing its absence for {@code method}, which needs one. */
        public float[] requireMagnitude(String method) {
            if (magnitude == null) {
                throw new IllegalArgumentException(method + " needs a magnitude image");
            }
            return magnitude;
        }

        /** Refuses a data weight for {@code method}, which has no weighted data term. */
        public void requireNoDataWeight(String method) {
            if (dataWeight != null) {
                throw new IllegalArgumentException(method + " has no weighted data term; give no data weight");
            }
        }
    }
}
