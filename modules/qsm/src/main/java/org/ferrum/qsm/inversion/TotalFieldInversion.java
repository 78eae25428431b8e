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
 * Total field inversion (TFI): susceptibility from the total field in one step, the background sources estimated
 * together with the tissue's instead of being removed first.
 *
 * <p>Contract (Liu Z, Kee Y, Zhou D, Wang Y, Spincemaille P, MRM 2017;78:303–315, with the linear data term): χ on the
 * whole (padded) grid, inside and outside the mask M, approximately minimises
 * <pre>
 *   ‖M<sub>G</sub>∇χ‖₁ + λ/2·‖W(Dχ − f)‖²
 * </pre>
 * with f the total field (ppm) known only in M (W = 0 outside, the magnitude normalised to mean 1 inside), M<sub>G</sub>
 * MEDI's morphology mask and D the dipole kernel, solved for y with χ = P·y, P = 1 in M and {@code backgroundPreconditioner}
 * outside (the right preconditioner of TFI: background sources, far larger than tissue contrasts, are reached in few
 * conjugate-gradient steps when P is large there). The solver is {@link MorphologyEnabledDipoleInversion}'s (lagged
 * diffusivity and conjugate gradients) with that preconditioner, so the two share one implementation.
 *
 * <p>Why for the abdomen: two-step methods (PDF, LBV, SHARP) remove every field that sources outside the mask could have
 * made, and around the liver that includes much of the liver's own field: the lung bases, bowel gas and the air around
 * the body lie next to it, and a large organ of uniform χ makes almost no field inside itself (an ellipsoid's
 * internal field is uniform), so its χ shows mainly in the field around it. On Ferrum's simulated abdomen (1.5 T, true
 * right-lobe χ 2.40 ppm relative to water, referenced to subcutaneous fat) PDF + TV-ADMM recovers about a third of it,
 * TFI about 85 % (modules/liver README, measured figures).
 */
public final class TotalFieldInversion implements DipoleInversion {

    /**
     * The parameters of TFI.
     *
     * @param solver                   MEDI's λ, edge percentage, iterations and tolerances
     * @param backgroundPreconditioner P outside the mask, &gt; 0 (1: no preconditioning)
     */
    public record Params(MorphologyEnabledDipoleInversion.Params solver, double backgroundPreconditioner) {
        /**
         * λ 1000, MEDI's 30 % edges, 15 outer iterations to 0.01, 300 CG steps to 0.003, no preconditioning (P = 1 did as
         * well as 3 and better than 30 on the simulated abdomen).
         */
        public static final Params DEFAULTS = new Params(
                new MorphologyEnabledDipoleInversion.Params(
                        1000, MorphologyEnabledDipoleInversion.Params.DEFAULTS.edgePercent(), 15, 0.01, 300, 0.003),
                1);
    }

    private final MorphologyEnabledDipoleInversion solver;
    private final double backgroundPreconditioner;

    /**
     * @param solver                   λ, edge percentage, iterations and tolerances
     * @param backgroundPreconditioner P outside the mask, &gt; 0 (1: no preconditioning)
     */
    public TotalFieldInversion(MorphologyEnabledDipoleInversion solver, double backgroundPreconditioner) {
        if (!(backgroundPreconditioner > 0) || Double.isInfinite(backgroundPreconditioner)) {
            throw new IllegalArgumentException(
                    "the background preconditioner must be a positive number, got " + backgroundPreconditioner);
        }
        this.solver = solver;
        this.backgroundPreconditioner = backgroundPreconditioner;
    }

    public TotalFieldInversion(Params params) {
        this(new MorphologyEnabledDipoleInversion(params.solver()), params.backgroundPreconditioner());
    }

    @Override
    public String name() {
        return "TFI";
    }

    /** χ from the total field of {@code input}: its magnitude is required, its data weight optional. */
    @Override
    public InversionResult invert(Field input, Cancellation cancellation, InversionProgress progress) {
        return invert(
                input.field(),
                input.mask(),
                input.requireMagnitude(name()),
                input.dataWeight(),
                input.grid(),
                input.b0VoxelAxes(),
                cancellation,
                progress);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "TFI with %s, preconditioner %g outside the mask",
                solver,
                backgroundPreconditioner);
    }

    /**
     * χ (ppm) on the whole grid from the total field.
     *
     * @param totalField f in ppm; used only inside {@code mask}
     * @param mask       where the field is known (signal), χ is estimated everywhere
     * @param magnitude  for W and M<sub>G</sub>
     */
    public InversionResult invert(
            float[] totalField,
            boolean[] mask,
            float[] magnitude,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            InversionProgress progress) {
        return invert(totalField, mask, magnitude, null, grid, b0VoxelAxes, cancellation, progress);
    }

    /** As above with the data weight W given (e.g. 1/σ of the field), {@code null} for the normalised magnitude. */
    public InversionResult invert(
            float[] totalField,
            boolean[] mask,
            float[] magnitude,
            float[] dataWeight,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            InversionProgress progress) {
        float[] p = new float[grid.size()];
        float outside = (float) backgroundPreconditioner;
        for (int n = 0; n < p.length; n++) {
            p[n] = mask[n] ? 1f : outside;
        }
        return solver.invert(totalField, mask, magnitude, dataWeight, p, grid, b0VoxelAxes, cancellation, progress);
    }
}
