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
package org.ferrum.qsm.mask;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.unwrap.EchoCombination;
import org.ferrum.qsm.unwrap.EdgeWeights;

/**
 * The part of a brain mask whose field can be trusted, from the unwrapped multi-echo phase: the second pass of QSMxT's
 * two-pass idea (Stewart et al., "QSMxT: Robust masking and artifact reduction for quantitative susceptibility mapping",
 * Magn Reson Med 87:1289–1300, 2022: a mask of reliable phase separated from the unreliable voxels) with ROMEO's
 * phase-quality measure (Dymerska et al., Magn Reson Med 85:2294–2308, 2021) and the echo-fit residual.
 *
 * <p>Contract, for a mask M, unwrapped phases φ<sub>e</sub> (rad) and magnitudes m<sub>e</sub> at echo times
 * TE<sub>e</sub>. A voxel of M is flagged unreliable (flags may combine):
 * <ul>
 * <li>{@link #NON_FINITE}: some φ<sub>e</sub> or m<sub>e</sub> is NaN or infinite;</li>
 * <li>{@link #RESIDUAL} (≥ 3 echoes): the misfit of the linear phase evolution φ<sub>e</sub> ≈ φ<sub>0</sub> + 2π f
 * TE<sub>e</sub> is larger than noise explains. The fit is weighted by m<sub>e</sub>² ({@link EchoCombination}, with
 * offset), the inverse variance of phase noise σ/m<sub>e</sub> (Conturo &amp; Smith, MRM 1990), so that
 * S = Σ<sub>e</sub> m<sub>e</sub>² r<sub>e</sub>² / σ² follows χ² with k = E − 2 degrees of freedom where the model holds.
 * σ² is estimated from the mask itself as median(Σ m<sub>e</sub>² r<sub>e</sub>²) / median(χ²<sub>k</sub>) (median of
 * χ²<sub>k</sub> ≈ k (1 − 2/(9k))³, Wilson–Hilferty), which holds while most of the mask is tissue; the voxel is flagged
 * if z = (S/k)<sup>½</sup> &gt; {@code maxNormalisedResidual}: a wrap left in one echo, flow, fat, or a field that is not
 * linear in TE. (Pure noise, in bone and air, fits as well as noise does; the magnitude rule catches it.)</li>
 * <li>{@link #PHASE_QUALITY}: ROMEO's voxel quality of the first echo (with the second echo's gradient coherence; the
 * mean over the voxel's edges inside M of phase coherence × gradient coherence, {@link EdgeWeights}, magnitude terms
 * left out so that tissue edges such as vessels are not penalised) is below {@code minPhaseQuality}: the phase does not
 * vary smoothly and consistently between neighbours and echoes;</li>
 * <li>{@link #LOW_MAGNITUDE}: the root-sum-of-squares magnitude is below {@code minMagnitudeFraction} × its median over
 * M: little signal, so phase noise σ/m is large (bone, air, signal voids).</li>
 * </ul>
 * The reliable mask is M without flagged voxels, opened by a ball of one largest voxel spacing (drops specks and
 * one-voxel bridges), its largest 6-connected component, with the holes of at most {@code maxHoleMm3} filled (isolated
 * flagged voxels inside tissue; larger unreliable regions stay out, since the field there cannot be trusted).
 */
public final class ReliabilityMask {

    /** Flag: a non-finite phase or magnitude. */
    public static final int NON_FINITE = 1;
    /** Flag: echo-fit residual above the limit. */
    public static final int RESIDUAL = 2;
    /** Flag: ROMEO-style phase quality below the limit. */
    public static final int PHASE_QUALITY = 4;
    /** Flag: magnitude below the limit. */
    public static final int LOW_MAGNITUDE = 8;

    /**
     * @param maxNormalisedResidual limit of the noise-normalised echo-fit residual z (noise alone: z ≈ 1)
     * @param minPhaseQuality      ROMEO-style quality limit in [0, 1]
     * @param minMagnitudeFraction magnitude limit as a fraction of the median over the mask
     * @param maxHoleMm3           enclosed holes up to this volume are filled, mm³
     */
    public record Params(
            double maxNormalisedResidual, double minPhaseQuality, double minMagnitudeFraction, double maxHoleMm3) {
        public Params {
            if (!(maxNormalisedResidual > 0)
                    || !(minPhaseQuality >= 0 && minPhaseQuality < 1)
                    || !(minMagnitudeFraction >= 0 && minMagnitudeFraction < 1)
                    || !(maxHoleMm3 >= 0)) {
                throw new IllegalArgumentException("reliability limits out of range: " + this);
            }
        }

        /**
         * The defaults, chosen by measurement on the head phantom (see the operator's documentation): residual z 3 (for
         * k = 2, noise exceeds 3 once in e⁹ ≈ 8000 voxels), quality 0.5, magnitude 0.25 × the median over the mask,
         * holes up to 250 mm³ (a ball of about 4 mm radius) filled.
         */
        public static final Params DEFAULTS = new Params(3, 0.5, 0.25, 250);
    }

    /**
     * @param mask     the reliable mask
     * @param flags    per voxel the OR of the flags (0 outside M and for reliable voxels)
     * @param residual echo-fit residual (weighted RMS), rad (0 outside M)
     * @param normalisedResidual z, the residual in units of what noise explains (0 outside M; NaN with &lt; 3 echoes)
     * @param quality  ROMEO-style voxel quality (0 outside M)
     * @param noiseSigma σ, the magnitude noise estimated from the fit residuals (NaN with &lt; 3 echoes)
     */
    public record Result(
            boolean[] mask,
            byte[] flags,
            float[] residual,
            float[] normalisedResidual,
            float[] quality,
            double noiseSigma) {
        /** Voxels of M with any flag. */
        public int unreliable() {
            int n = 0;
            for (byte f : flags) {
                n += f != 0 ? 1 : 0;
            }
            return n;
        }

        /** Voxels of M carrying {@code flag}. */
        public int flagged(int flag) {
            int n = 0;
            for (byte f : flags) {
                n += (f & flag) != 0 ? 1 : 0;
            }
            return n;
        }
    }

    private ReliabilityMask() {}

    /**
     * @param phase     unwrapped phase per echo, rad
     * @param magnitude magnitude per echo
     * @param echoTimes echo times, s
     * @param mask      the brain mask M
     */
    public static Result compute(
            float[][] phase,
            float[][] magnitude,
            double[] echoTimes,
            boolean[] mask,
            VoxelGrid grid,
            Params settings,
            Cancellation cancellation) {
        Objects.requireNonNull(settings, "settings");
        int echoes = phase.length;
        if (echoes == 0 || magnitude.length != echoes || echoTimes.length != echoes) {
            throw new IllegalArgumentException("need one phase, one magnitude and one echo time per echo");
        }
        int n = grid.size();
        byte[] flags = new byte[n];
        float[][] p = new float[echoes][];
        float[][] m = new float[echoes][];
        for (int e = 0; e < echoes; e++) {
            p[e] = phase[e].clone();
            m[e] = magnitude[e].clone();
        }
        for (int v = 0; v < n; v++) {
            if (!mask[v]) {
                continue;
            }
            for (int e = 0; e < echoes; e++) {
                if (!Float.isFinite(p[e][v]) || !Float.isFinite(m[e][v])) {
                    flags[v] |= NON_FINITE;
                    p[e][v] = 0; // keep the fits and neighbours of other voxels finite
                    m[e][v] = 0;
                }
            }
        }
        float[] residual = EchoCombination.fit(
                        p, m, echoTimes, mask, grid, EchoCombination.Weighting.MAGNITUDE, true, cancellation)
                .residual();
        cancellation.throwIfCancelled("reliability mask");
        float[] quality = echoes >= 2
                ? EdgeWeights.of(p[0], p[1], echoTimes[0] / echoTimes[1], null, mask, grid, cancellation)
                        .quality()
                : EdgeWeights.of(p[0], null, 1, null, mask, grid, cancellation).quality();
        float[] rss = MagnitudeMask.rootSumOfSquares(m);
        int inside = Morphology.count(mask);
        float[] inMask = new float[inside];
        float[] weightedSquares = new float[inside];
        int dof = echoes - 2;
        for (int v = 0, q = 0; v < n; v++) {
            if (mask[v]) {
                inMask[q] = rss[v];
                weightedSquares[q++] = residual[v] * residual[v] * rss[v] * rss[v]; // Σ m² r² = RMS² · Σ m²
            }
        }
        double magnitudeLimit = settings.minMagnitudeFraction() * MagnitudeMask.percentile(inMask, 50);
        double noiseVariance = Double.NaN;
        float[] z = new float[n];
        if (dof >= 1) {
            double medianChiSquare = dof * Math.pow(1 - 2.0 / (9 * dof), 3);
            noiseVariance = MagnitudeMask.percentile(weightedSquares, 50) / medianChiSquare;
            for (int v = 0; v < n; v++) {
                z[v] = mask[v]
                        ? (float) Math.sqrt(residual[v] * residual[v] * rss[v] * rss[v] / (dof * noiseVariance))
                        : 0;
            }
        } else {
            Arrays.fill(z, Float.NaN);
        }
        boolean[] reliable = new boolean[n];
        for (int v = 0; v < n; v++) {
            if (!mask[v]) {
                residual[v] = 0;
                quality[v] = 0;
                continue;
            }
            if (dof >= 1 && !(z[v] <= settings.maxNormalisedResidual())) {
                flags[v] |= RESIDUAL;
            }
            if (!(quality[v] >= settings.minPhaseQuality())) {
                flags[v] |= PHASE_QUALITY;
            }
            if (!(rss[v] >= magnitudeLimit)) {
                flags[v] |= LOW_MAGNITUDE;
            }
            reliable[v] = flags[v] == 0;
        }
        double spacing = Math.max(grid.dx(), Math.max(grid.dy(), grid.dz()));
        boolean[] r = Morphology.open(reliable, grid, spacing, cancellation);
        r = Morphology.largestComponent(r, grid, cancellation);
        r = fillSmallHoles(r, grid, settings.maxHoleMm3(), cancellation);
        return new Result(r, flags, residual, z, quality, Math.sqrt(noiseVariance));
    }

    /** The mask with its enclosed holes of at most {@code maxMm3} (6-connected pieces of background) filled. */
    static boolean[] fillSmallHoles(boolean[] mask, VoxelGrid grid, double maxMm3, Cancellation cancellation) {
        boolean[] filled = Morphology.fillHoles(mask, grid, cancellation);
        boolean[] out = mask.clone();
        long maxVoxels = (long) Math.floor(maxMm3 / (grid.dx() * grid.dy() * grid.dz()));
        boolean[] seen = new boolean[mask.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] piece = new int[mask.length];
        int nx = grid.nx();
        int nxy = nx * grid.ny();
        for (int s = 0; s < mask.length; s++) {
            if (!filled[s] || mask[s] || seen[s]) {
                continue;
            }
            int size = 0;
            seen[s] = true;
            queue.add(s);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                piece[size++] = v;
                int i = v % nx;
                int j = (v / nx) % grid.ny();
                int k = v / nxy;
                int[] neighbours = {
                    i > 0 ? v - 1 : -1,
                    i + 1 < nx ? v + 1 : -1,
                    j > 0 ? v - nx : -1,
                    j + 1 < grid.ny() ? v + nx : -1,
                    k > 0 ? v - nxy : -1,
                    k + 1 < grid.nz() ? v + nxy : -1
                };
                for (int u : neighbours) {
                    if (u >= 0 && filled[u] && !mask[u] && !seen[u]) {
                        seen[u] = true;
                        queue.add(u);
                    }
                }
            }
            if (size <= maxVoxels) {
                for (int q = 0; q < size; q++) {
                    out[piece[q]] = true;
                }
            }
        }
        return out;
    }
}
