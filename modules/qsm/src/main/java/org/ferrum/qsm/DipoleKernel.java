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
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The unit dipole kernel in k-space, the one place Ferrum knows it:
 * <pre>
 *   D(k) = 1/3 − (k·b̂)² / |k|²,     D(0) = 0
 * </pre>
 * where b̂ is the unit B0 direction along the grid's index axes and k the spatial frequency of each FFT
 * sample ({@link SpatialFrequencies}). The relative field perturbation of a susceptibility distribution χ
 * (both in ppm) is then δ = F⁻¹[D · F[χ]] (Salomir et al., Concepts Magn Reson B 2003; Marques &amp;
 * Bowtell, Concepts Magn Reson B 2005), the Lorentz sphere correction included (the 1/3). D is real and
 * even in k, so the forward model maps real χ to real δ.
 *
 * <p>Why D(0) = 0: the mean field over the grid is not measurable (it is absorbed by the scanner's
 * frequency adjustment and the choice of χ reference), so the model assigns it no value; inversions
 * therefore return χ with an arbitrary mean, fixed afterwards by {@link SusceptibilityReference}.
 *
 * <p>Why the continuous kernel sampled on the grid (not the discrete-Green's-function variant): it is
 * the form used by TKD, MEDI, FANSI and QSM.rs, so results compare with theirs; the analytic-field tests
 * quantify its accuracy for spheres and cylinders.
 */
public final class DipoleKernel {

    private DipoleKernel() {}

    /**
     * D(k) on the FFT grid of {@code grid}, in the order of {@link org.ferrum.core.fft.FourierTransform}.
     *
     * @param b0VoxelAxes B0 direction along the index axes (normalised here)
     * @throws IllegalArgumentException if the direction is zero or not finite
     */
    public static float[] of(VoxelGrid grid, double[] b0VoxelAxes) {
        double[] b = unit(b0VoxelAxes);
        double[] fx = SpatialFrequencies.along(grid.nx(), grid.dx());
        double[] fy = SpatialFrequencies.along(grid.ny(), grid.dy());
        double[] fz = SpatialFrequencies.along(grid.nz(), grid.dz());
        float[] d = new float[grid.size()];
        int nx = grid.nx(), ny = grid.ny();
        ParallelLoop.forEachChunk(grid.nz(), (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    int row = nx * (j + ny * k);
                    for (int i = 0; i < nx; i++) {
                        double k2 = fx[i] * fx[i] + fy[j] * fy[j] + fz[k] * fz[k];
                        if (k2 == 0) {
                            d[row + i] = 0;
                        } else {
                            double kb = fx[i] * b[0] + fy[j] * b[1] + fz[k] * b[2];
                            d[row + i] = (float) (1.0 / 3.0 - kb * kb / k2);
                        }
                    }
                }
            }
        });
        return d;
    }

    /** The unit vector along {@code v}. */
    static double[] unit(double[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException("B0 direction needs 3 components");
        }
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("B0 direction must be a finite non-zero vector");
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
