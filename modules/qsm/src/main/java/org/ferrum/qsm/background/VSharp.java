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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.qsm.mask.Morphology;

/**
 * Background field removal by SHARP with variable kernel radius (V-SHARP).
 *
 * <p>Contract of {@link #apply}: with radii r<sub>1</sub> &gt; r<sub>2</sub> &gt; … &gt; r<sub>m</sub> from
 * {@link #radii}, M the input mask, δ the field (zeroed outside M), S<sub>r</sub> the spherical mean value filter
 * ({@link SphericalMeanValue}) and M<sub>r</sub> the voxels whose r-sphere lies in M ({@link org.ferrum.qsm.mask.Morphology#squaredDistanceTo(boolean[], boolean, VoxelGrid, boolean, org.ferrum.core.parallel.Cancellation) exact distance}):
 * <pre>
 *   h(x)  = [(1 − S<sub>r(x)</sub>) ⊛ δ](x),   r(x) the largest r<sub>i</sub> with x ∈ M<sub>r<sub>i</sub></sub>
 *   δ_l   = M<sub>r<sub>m</sub></sub> · F⁻¹[ T(k) · F[h] ],   T = 1/(1 − S<sub>r<sub>1</sub></sub>) where |1 − S<sub>r<sub>1</sub></sub>| ≥ t, else 0
 *   δ_b   = M<sub>r<sub>m</sub></sub> · (δ − δ_l)
 * </pre>
 * and the output mask is M<sub>r<sub>m</sub></sub>. SHARP (Schweser et al., NeuroImage 2011) is the case of one
 * radius; the variable radius, which keeps large kernels (good low-frequency conditioning) in the middle of the
 * brain and small ones near its edge (little erosion), and the deconvolution with the largest kernel are from
 * Li et al. (NeuroImage 2011) and Wu et al. (MRM 2012). The truncation t is the TSVD threshold of SHARP.
 */
public final class VSharp implements BackgroundFieldRemoval {

    /**
     * The parameters of V-SHARP.
     *
     * @param maxRadiusMm largest radius (mm)
     * @param minRadiusMm smallest radius (mm), or 0 for the largest voxel spacing
     * @param stepMm      radius step (mm), or 0 for the largest voxel spacing (one voxel)
     * @param threshold   truncation t in (0, 1)
     */
    public record Params(double maxRadiusMm, double minRadiusMm, double stepMm, double threshold) {
        /**
         * 6 mm down to one voxel in steps of one voxel, threshold 0.05 (Schweser et al. 2011's). Wu et al. 2012 use radii up
         * to about 12 mm at 1 mm voxels, Li et al. 2011 up to 25; measured on the numerical head (1.5 mm, 3 T, straight and
         * 20° oblique, two noise seeds; modules/qsm README, BackgroundRemovalValidationTest), 6 mm gave a local-field NRMSE
         * of 71–74 % against 100–102 % for 12 mm in every case, and χ after TV 66–72 % against 86 % (issue 13), so 6 mm it is.
         */
        public static final Params DEFAULTS = new Params(6, 0, 0, 0.05);
    }

    private final double maxRadiusMm;
    private final double minRadiusMm;
    private final double stepMm;
    private final double threshold;

    /**
     * @param maxRadiusMm largest radius (mm)
     * @param minRadiusMm smallest radius (mm), or 0 for the largest voxel spacing
     * @param stepMm      radius step (mm), or 0 for the largest voxel spacing (one voxel)
     * @param threshold   truncation t in (0, 1)
     */
    public VSharp(double maxRadiusMm, double minRadiusMm, double stepMm, double threshold) {
        if (!(maxRadiusMm > 0) || !(minRadiusMm >= 0) || !(stepMm >= 0) || !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "V-SHARP needs radii > 0, step ≥ 0 and threshold in (0, 1); got max %g, min %g, step %g, threshold %g",
                    maxRadiusMm,
                    minRadiusMm,
                    stepMm,
                    threshold));
        }
        this.maxRadiusMm = maxRadiusMm;
        this.minRadiusMm = minRadiusMm;
        this.stepMm = stepMm;
        this.threshold = threshold;
    }

    public VSharp(Params p) {
        this(p.maxRadiusMm(), p.minRadiusMm(), p.stepMm(), p.threshold());
    }

    /** V-SHARP with the defaults, {@link Params#DEFAULTS}. */
    public static VSharp withDefaults() {
        return new VSharp(Params.DEFAULTS);
    }

    @Override
    public String name() {
        return "V-SHARP";
    }

    @Override
    public BackgroundFieldSplit apply(TotalField input, Cancellation cancellation, SolverProgress progress) {
        return apply(input.field(), input.mask(), input.grid(), cancellation);
    }

    /**
     * The radii used on a grid, largest first: max, max − step, … down to the smallest radius (included), with
     * radii that give the same discrete sphere as a larger one dropped.
     *
     * @throws IllegalArgumentException if the smallest radius exceeds the largest
     */
    public double[] radii(VoxelGrid grid) {
        double voxel = Math.max(grid.dx(), Math.max(grid.dy(), grid.dz()));
        double min = minRadiusMm > 0 ? minRadiusMm : voxel;
        double step = stepMm > 0 ? stepMm : voxel;
        if (min > maxRadiusMm + 1e-9) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "smallest V-SHARP radius %s mm exceeds the largest %s mm",
                    SphericalMeanValue.mm(min),
                    SphericalMeanValue.mm(maxRadiusMm)));
        }
        List<Double> radii = new ArrayList<>();
        int lastCount = -1;
        for (double r = maxRadiusMm; r > min - 1e-9; r -= step) {
            int c = SphericalMeanValue.voxelCount(grid, r);
            if (c != lastCount) {
                radii.add(r);
                lastCount = c;
            }
        }
        if (Math.abs(radii.get(radii.size() - 1) - min) > 1e-9) {
            int c = SphericalMeanValue.voxelCount(grid, min);
            if (c != lastCount) {
                radii.add(min);
            } else {
                radii.set(radii.size() - 1, min); // same sphere: report it under the smallest radius
            }
        }
        return radii.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Splits {@code field} (ppm) into local and background parts.
     *
     * @throws IllegalArgumentException if the mask is empty or eroded to nothing by the smallest radius (the
     *                                  message names the radius), or a sphere does not fit in the grid
     */
    public BackgroundFieldSplit apply(float[] field, boolean[] mask, VoxelGrid grid, Cancellation cancellation) {
        int n = grid.size();
        if (BackgroundFieldSplit.count(mask) == 0) {
            throw new IllegalArgumentException("the mask is empty");
        }
        double[] radii = radii(grid);
        float[] d2 = Morphology.squaredDistanceTo(mask, false, grid, true, cancellation);
        // which radius each voxel uses: index into radii, or −1 if even the smallest sphere leaves the mask
        int[] which = new int[n];
        boolean[] out = new boolean[n];
        int[] users = new int[radii.length];
        for (int v = 0; v < n; v++) {
            which[v] = -1;
            for (int i = 0; i < radii.length; i++) {
                if (mask[v] && !SphericalMeanValue.inside(d2[v], radii[i])) {
                    which[v] = i;
                    users[i]++;
                    out[v] = true;
                    break;
                }
            }
        }
        if (BackgroundFieldSplit.count(out) == 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the mask is eroded to nothing by the smallest V-SHARP radius %s mm: no voxel has its whole sphere"
                            + " inside the mask",
                    SphericalMeanValue.mm(radii[radii.length - 1])));
        }
        float[] masked = new float[n];
        for (int v = 0; v < n; v++) {
            masked[v] = mask[v] ? field[v] : 0f;
        }
        float[] fieldSpectrum = FourierFilter.spectrum(masked, grid);
        float[] highPassed = new float[n];
        float[] filtered = new float[n];
        float[] largest = null;
        for (int i = 0; i < radii.length; i++) {
            cancellation.throwIfCancelled("V-SHARP");
            if (users[i] == 0 && i != 0) {
                continue;
            }
            float[] hp = SphericalMeanValue.highPassKernel(grid, radii[i]);
            if (i == 0) {
                largest = hp;
            }
            if (users[i] == 0) {
                continue;
            }
            float[] s = fieldSpectrum.clone();
            FourierFilter.multiply(s, hp, grid);
            FourierFilter.realPartOfInverse(s, grid, filtered);
            int radius = i;
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    if (which[v] == radius) {
                        highPassed[v] = filtered[v];
                    }
                }
            });
        }
        // truncated inverse of the largest kernel's high-pass (TSVD, Schweser et al. 2011)
        float[] inverse = largest;
        for (int k = 0; k < inverse.length; k++) {
            inverse[k] = Math.abs(inverse[k]) >= threshold ? 1f / inverse[k] : 0f;
        }
        float[] local = FourierFilter.apply(highPassed, inverse, grid);
        float[] background = new float[n];
        for (int v = 0; v < n; v++) {
            if (out[v]) {
                background[v] = field[v] - local[v];
            } else {
                local[v] = 0f;
            }
        }
        return new BackgroundFieldSplit(local, background, out, 0, 0);
    }
}
