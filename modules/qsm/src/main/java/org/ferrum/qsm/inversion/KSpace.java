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
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;

/** The few steps the inversions share: the kernel with size checks, the masked field, the data residual. */
final class KSpace {

    private KSpace() {}

    /**
     * A closed-form inversion χ = F⁻¹[F·F[δ]] for a k-space filter F, with its data residual: one forward transform
     * serves both χ and the model field Dχ = F⁻¹[D·F·F[δ]] (3 real FFTs instead of 4). {@code kernel} (D) is
     * overwritten.
     */
    static InversionResult closedForm(
            float[] data, float[] filter, float[] kernel, boolean[] mask, VoxelGrid grid, Cancellation cancellation) {
        float[] spectrum = FourierFilter.spectrum(data, grid);
        float[] modelSpectrum = spectrum.clone();
        FourierFilter.multiply(spectrum, filter, grid);
        float[] chi = new float[grid.size()];
        FourierFilter.realPartOfInverse(spectrum, grid, chi);
        cancellation.throwIfCancelled("dipole inversion");
        ParallelLoop.forEachChunk(kernel.length, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                kernel[n] *= filter[n];
            }
        });
        FourierFilter.multiply(modelSpectrum, kernel, grid);
        float[] model = new float[grid.size()];
        FourierFilter.realPartOfInverse(modelSpectrum, grid, model);
        return new InversionResult(chi, 1, 0, relativeResidual(model, data, mask));
    }

    /** ‖M(Dχ − δ)‖ / ‖Mδ‖, the data consistency every result reports (0/0 gives 0). */
    static double relativeResidual(float[] chi, float[] field, boolean[] mask, float[] kernel, VoxelGrid grid) {
        return relativeResidual(FourierFilter.apply(chi, kernel, grid), field, mask);
    }

    /** ‖M(model − δ)‖ / ‖Mδ‖ for a model field Dχ already computed. */
    static double relativeResidual(float[] model, float[] field, boolean[] mask) {
        double r = 0, f = 0;
        for (int n = 0; n < model.length; n++) {
            if (mask[n]) {
                double d = model[n] - field[n];
                r += d * d;
                f += field[n] * (double) field[n];
            }
        }
        return f == 0 ? 0 : Math.sqrt(r / f);
    }

    /** The kernel for {@code b0}, checking the field and mask sizes against the grid. */
    static float[] kernel(VoxelGrid grid, double[] b0VoxelAxes, float[] field, boolean[] mask) {
        if (field.length != grid.size() || (mask != null && mask.length != grid.size())) {
            throw new IllegalArgumentException("field (" + field.length + ") and mask ("
                    + (mask == null ? "-" : mask.length) + ") must have the grid's " + grid.size() + " voxels");
        }
        return DipoleKernel.of(grid, b0VoxelAxes);
    }

    /** δ·M: the field with zeros outside the mask, the data the unmasked closed-form models see. */
    static float[] masked(float[] field, boolean[] mask) {
        float[] f = new float[field.length];
        for (int n = 0; n < f.length; n++) {
            f[n] = mask[n] ? field[n] : 0f;
        }
        return f;
    }
}
