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

import java.util.Locale;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.qsm.background.SphericalMeanValue;
import org.ferrum.qsm.mask.Morphology;

/**
 * Single-step QSM: susceptibility straight from the <em>total</em> field, background removal and dipole inversion in
 * one total-variation regularised problem.
 *
 * <p>Contract (Chatnuntawech et al., "Single-step quantitative susceptibility mapping with variational penalties",
 * NMR Biomed 30:e3570, 2017): with S the normalised sphere of radius r ({@link SphericalMeanValue}), H = 1 − S its
 * high-pass, D the dipole kernel, M the mask and M<sub>r</sub> = {v ∈ M : the sphere of radius r around v lies in M},
 * χ approximately minimises
 * <pre>
 *   ½‖M<sub>r</sub>(H D χ − H δ)‖² + λ‖∇χ‖₁
 * </pre>
 * over the whole grid, with δ the total field in ppm (zero outside M). Why it removes the background: a background
 * field has its sources outside M, so it is harmonic in M and H annihilates it at every voxel of M<sub>r</sub> (the mean
 * value property); the data term therefore sees only the local sources, and no ill-posed SHARP deconvolution (V-SHARP's
 * thresholded 1/H) is needed — TV fills in what H suppresses, low spatial frequencies, jointly with the dipole
 * kernel's cone. A small radius (one to two voxels: H is then a scaled discrete Laplacian) erodes M least, which is
 * what a brain with air next to it needs. Solved by {@link WeightedTotalVariationAdmm} with A = H·D and W = M<sub>r</sub>
 * (4 real FFTs per iteration).
 */
public final class SingleStepSharp implements DipoleInversion {

    /*
     * Defaults chosen on the physical whole head (HeadPhantom SUBVOXEL_COMPLEX, 5 echoes, from the wrapped phase through
     * Ferrum's own mask, ROMEO and echo fit; 1.5 and 2 mm, 3 T 20° and 0°, 1.5 T, SNR 40–100, seeds 1–6; QsmParameterSweep,
     * modules/qsm README): spheres 8 and 4 mm, λ 3·10⁻⁴. One 6 mm sphere left the outer 6 mm of the brain without data
     * (χ NRMSE 60–68 %); adding a 2 mm sphere (a scaled Laplacian) let in the corrupted field next to the sinuses (75–83 %);
     * λ 2·10⁻⁴ was 1–4 points better at 1.5 mm and SNR 100 but fell apart on noisier or coarser data (2 mm: 70 % against
     * 52 % at SNR 80, 98 % against 84 % at 1.5 T SNR 40), λ 4·10⁻⁴ smoothed the nuclei more.
     */
    /**
     * The parameters of single-step QSM.
     *
     * @param radiusMm      r &gt; 0, the (largest) sphere of the high-pass
     * @param minRadiusMm   0 for one sphere; else the smallest of the spheres r, r/2, r/4, … ≥ it (see {@link #radii})
     * @param tv            the ADMM's λ, ρ (0: 100·λ), iteration limit and tolerance, and μ
     */
    public record Params(double radiusMm, double minRadiusMm, WeightedTotalVariationAdmm.Params tv) {
        /**
         * Spheres 8 and 4 mm (see above), λ 3·10⁻⁴, ρ = 100·λ, μ 1, at most 200 iterations to a relative χ change of
         * 5·10⁻³ (with these defaults the change falls below it after 40–80 iterations on the whole head, and going on to
         * 200 iterations changed χ NRMSE by less than 3 points, measured at 2 mm, at 2J + 2 FFTs each).
         */
        public static final Params DEFAULTS = new Params(
                8,
                4,
                new WeightedTotalVariationAdmm.Params(
                        new TotalVariationAdmm.Params(3e-4, 0, 200, 5e-3),
                        WeightedTotalVariationAdmm.Params.DEFAULTS.mu()));
    }

    private final double radiusMm;
    private final double minRadiusMm;
    private final WeightedTotalVariationAdmm admm;

    /**
     * @param radiusMm    r &gt; 0, the (largest) sphere of the high-pass
     * @param minRadiusMm 0 for one sphere; else the smallest of the spheres r, r/2, r/4, … ≥ it (see {@link #radii})
     * @param lambda      λ &gt; 0, TV weight
     * @param rho         ρ &gt; 0, gradient penalty
     * @param mu          μ &gt; 0, data-split penalty
     */
    public SingleStepSharp(
            double radiusMm,
            double minRadiusMm,
            double lambda,
            double rho,
            double mu,
            int maxIterations,
            double tolerance) {
        if (!(radiusMm > 0) || Double.isInfinite(radiusMm) || !(minRadiusMm >= 0) || minRadiusMm > radiusMm) {
            throw new IllegalArgumentException(
                    "the sphere radii must be positive numbers of mm with the smallest ≤ the largest," + " got "
                            + radiusMm + " and " + minRadiusMm);
        }
        this.radiusMm = radiusMm;
        this.minRadiusMm = minRadiusMm;
        this.admm = new WeightedTotalVariationAdmm(lambda, rho, mu, maxIterations, tolerance);
    }

    public SingleStepSharp(Params p) {
        this(
                p.radiusMm(),
                p.minRadiusMm(),
                p.tv().tv().lambda(),
                p.tv().tv().resolvedRho(),
                p.tv().mu(),
                p.tv().tv().maxIterations(),
                p.tv().tv().tolerance());
    }

    @Override
    public String name() {
        return "single-step QSM";
    }

    /** χ from the total field of {@code input}, with its data weight if given (else 1). */
    @Override
    public InversionResult invert(Field input, Cancellation cancellation, InversionProgress progress) {
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
                java.util.Locale.ROOT,
                "single-step QSM: sphere %g mm (down to %g mm), %s",
                radiusMm,
                minRadiusMm,
                admm);
    }

    /**
     * Coarse grids: the smallest sphere spans at least this many voxels (of the largest spacing), the largest at least
     * {@link #MIN_VOXELS_LARGEST}. A sphere of about one voxel is a scaled Laplacian, which lets in the field next to the
     * mask's edge that partial volume and dephasing corrupt: on the 3 mm whole head the 4 mm sphere (the 6 neighbours)
     * gave χ NRMSE 134 % and the globus pallidus −24 ppb.
     */
    public static final double MIN_VOXELS_SMALLEST = 2;

    public static final double MIN_VOXELS_LARGEST = 4;

    /**
     * The spheres used, largest first (each radius first raised to its least size in voxels, above): r alone, or (multi-radius form, as V-SHARP's varying radius, Wu et al., MRM 67:137,
     * 2012) r, r/2, r/4, … while above the smallest, then the smallest, dropping radii whose discrete sphere equals a
     * larger one's. Each voxel of M takes the largest sphere that lies inside M, so the data term reaches closer to the
     * mask's edge with the small spheres while the interior keeps the large one's better-conditioned high-pass.
     */
    public double[] radii(VoxelGrid grid) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        int last = -1;
        double voxel = Math.max(grid.dx(), Math.max(grid.dy(), grid.dz()));
        double largest = Math.max(radiusMm, MIN_VOXELS_LARGEST * voxel);
        double min = Math.min(largest, Math.max(minRadiusMm > 0 ? minRadiusMm : largest, MIN_VOXELS_SMALLEST * voxel));
        for (double r = largest; r > min + 1e-9; r /= 2) {
            int c = SphericalMeanValue.voxelCount(grid, r);
            if (c != last) {
                out.add(r);
                last = c;
            }
        }
        int c = SphericalMeanValue.voxelCount(grid, min);
        if (c != last) {
            out.add(min);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Which sphere each voxel's data term uses: an index into {@link #radii}, or −1 outside M or where even the smallest
     * sphere leaves M.
     */
    public int[] sphereOf(boolean[] mask, VoxelGrid grid, Cancellation cancellation) {
        double[] radii = radii(grid);
        float[] d2 = Morphology.squaredDistanceTo(mask, false, grid, true, cancellation);
        int[] out = new int[mask.length];
        for (int v = 0; v < mask.length; v++) {
            out[v] = -1;
            if (mask[v]) {
                for (int i = 0; i < radii.length; i++) {
                    if (!SphericalMeanValue.inside(d2[v], radii[i])) {
                        out[v] = i;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * χ (ppm) from the total field.
     *
     * @param totalField δ in ppm on {@code grid} (read inside {@code mask})
     * @param mask       M, the region with a trustworthy field (the brain)
     * @param weight     optional per-voxel data weight (e.g. 1/σ of the field, scaled to mean square ≈ 1 over M), or null
     *                   for 1
     * @throws IllegalArgumentException if no voxel of M has even the smallest sphere inside M (the message names the
     *                                  radius) or a sphere does not fit in the grid
     */
    public InversionResult invert(
            float[] totalField,
            boolean[] mask,
            float[] weight,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            InversionProgress progress) {
        float[] d = KSpace.kernel(grid, b0VoxelAxes, totalField, mask);
        double[] radii = radii(grid);
        int[] sphere = sphereOf(mask, grid, cancellation);
        int size = grid.size();
        boolean[] inner = new boolean[size];
        long count = 0;
        for (int v = 0; v < size; v++) {
            inner[v] = sphere[v] >= 0;
            count += inner[v] ? 1 : 0;
        }
        if (count == 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the mask is eroded to nothing by the single-step sphere of radius %s mm: no voxel has its whole sphere"
                            + " inside the mask",
                    radii[radii.length - 1]));
        }
        float[] masked = KSpace.masked(totalField, mask);
        float[] fieldSpectrum = FourierFilter.spectrum(masked, grid);
        float[][] data = new float[radii.length][];
        float[][] weights = new float[radii.length][size];
        float[][] kernels = new float[radii.length][];
        for (int j = 0; j < radii.length; j++) {
            float[] highPass = SphericalMeanValue.highPassKernel(grid, radii[j]);
            float[] spectrum = fieldSpectrum.clone();
            FourierFilter.multiply(spectrum, highPass, grid);
            data[j] = new float[size];
            FourierFilter.realPartOfInverse(spectrum, grid, data[j]);
            for (int v = 0; v < size; v++) {
                if (sphere[v] == j) {
                    weights[j][v] = weight == null ? 1f : weight[v];
                }
                highPass[v] *= d[v];
            }
            kernels[j] = highPass;
        }
        return admm.solve(data, inner, weights, kernels, grid, cancellation, progress);
    }
}
