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
package org.ferrum.relaxometry.fatwater;

import java.util.Arrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.relaxometry.FatSpectrum;

/**
 * Fat–water separation of complex multi-echo gradient-echo data: water and fat amplitudes, proton-density fat fraction,
 * confounder-corrected R2* and the field map, by a T2*-IDEAL fit with a multi-peak fat spectrum and a common R2*
 * (Yu H et al., MRM 2008;60:1122–1134; Hernando D et al., MRM 2008;59:571–580), started from a field map that is
 * robust against fat–water swaps.
 *
 * <p>Method ({@link Method#REGION_GROWING}, the default):
 * <ol>
 * <li>Low resolution: the complex signal is summed over blocks of f×f×f<sub>z</sub> voxels (f<sub>z</sub> chosen so the
 * block is about as deep as wide in mm), which raises the SNR by up to √(block) and cuts the number of grid searches by
 * the block size; the field varies little over a block.</li>
 * <li>Every low-resolution voxel's residual R(ψ, R2*) (see {@link WaterFatProjection}) is searched on the ψ × R2* grid
 * and its local minima in ψ are kept as {@link FieldCandidates}.</li>
 * <li>{@link RegionGrowingFieldMap} picks one candidate per voxel so that the field is smooth (region growing from
 * several seeds, the cheapest total residual kept, then smoothing sweeps; its Javadoc says why).</li>
 * <li>The chosen field is smoothed (3×3×3 signal-weighted mean), extended into voxels without signal, and
 * interpolated (trilinear) to full resolution.</li>
 * <li>Every full-resolution voxel scans ψ within ± a sixth of the main fat shift around the smooth field (5 points)
 * and refines (ψ, R2*) by Gauss–Newton with the amplitudes eliminated, ψ kept within that sixth of the fat shift of the
 * smooth field: the start lies in the right basin and the refinement may not leave it, so it cannot swap, even where
 * fast decay leaves too few echoes above the noise to pin the field down.</li>
 * <li>The noise SD σ (given, or from the residuals: {@code estimateNoiseSd}) and every voxel's Cramér–Rao variance
 * of ψ ({@link WaterFatProjection.Workspace#fieldVariancePerNoiseVariance}).</li>
 * <li>Where that variance exceeds a tenth of what the neighbours can tell ({@code NeighbourFieldPrior}: a weighted
 * plane through the 5×5×3 neighbours' fields), a maximum a posteriori re-fit with that prior, in the basin re-centred
 * on it. Without it, at R2* ≈ 1000 /s (1.5 T) a voxel's field scatters by tens of Hz and the PDFF with it.</li>
 * </ol>
 * {@link Method#PER_VOXEL_MINIMUM} skips 1–4 and starts every voxel from its own deepest grid minimum: the naive
 * estimate, kept for comparison (it swaps where the two minima are close, and aliases the field by 1/ΔTE).
 *
 * <p>Outputs (contract): in the mask, water = |ρ<sub>W</sub>| and fat = |ρ<sub>F</sub>| (signal units, at TE = 0),
 * R2* (1/s), the field ψ (Hz: the water off-resonance, phase growing as +2πψt), and the PDFF in percent by magnitude
 * discrimination (Liu CY, McKenzie CA, Yu H, Brittain JH, Reeder SB, MRM 2007;58:354–364): with s = |ρ<sub>W</sub> +
 * ρ<sub>F</sub>|, PDFF = 100·|ρ<sub>F</sub>|/s where fat dominates and 100·(1 − |ρ<sub>W</sub>|/s) where water dominates.
 * The plain ratio |F|/(|W|+|F|) is biased upward at low fat because |F| of a fat-free voxel is the magnitude of noise
 * (a Rician floor); the discriminated estimator puts the noise-free dominant species in the numerator, so its noise
 * averages out; values are limited to [0, 100] % ({@link #fatFraction} says why and what it costs).
 * Outside the mask every output is 0.
 */
public final class FatWaterSeparation {

    /** How the field map's starting values are found. */
    public enum Method {
        /** Low-resolution candidates, region growing, smoothing (swap-robust). */
        REGION_GROWING,
        /** Each voxel's own deepest minimum (naive; for comparison). */
        PER_VOXEL_MINIMUM
    }

    /**
     * Settings.
     *
     * @param method       field-map method
     * @param fieldRangeHz largest |ψ| searched for uneven echoes (Hz); even echoes search one period 1/ΔTE
     * @param fieldSteps   ψ grid points
     * @param r2Min        smallest R2*, 1/s
     * @param r2Max        largest R2*, 1/s
     * @param r2Steps      R2* grid points
     * @param coarseFactor in-plane block size of the low-resolution grid (1 = full resolution)
     * @param seeds        region-growing seeds tried
     * @param iterations   Gauss–Newton iterations per voxel
     * @param noiseSd      noise SD per real/imaginary channel (signal units) for the field map's SD; 0 = estimate it
     *                     from the fit residuals (see {@link #estimateNoiseSd})
     */
    public record Options(
            Method method,
            double fieldRangeHz,
            int fieldSteps,
            double r2Min,
            double r2Max,
            int r2Steps,
            int coarseFactor,
            int seeds,
            int iterations,
            double noiseSd) {

        /** Without a known noise SD (estimated from the residuals). */
        public Options(
                Method method,
                double fieldRangeHz,
                int fieldSteps,
                double r2Min,
                double r2Max,
                int r2Steps,
                int coarseFactor,
                int seeds,
                int iterations) {
            this(method, fieldRangeHz, fieldSteps, r2Min, r2Max, r2Steps, coarseFactor, seeds, iterations, 0);
        }

        /**
         * The defaults: region growing, ±1000 Hz for uneven echoes, 64 ψ steps, R2* 0–2000 /s in 21 steps (up to LIC ≈ 50
         * mg/g at 1.5 T by Wood's calibration), 4×4 blocks, 4 seeds, 8 iterations, noise SD estimated. The operator's
         * parameters take their defaults from here.
         */
        public static final Options DEFAULTS = new Options(Method.REGION_GROWING, 1000, 64, 0, 2000, 21, 4, 4, 8, 0);

        public Options withMethod(Method m) {
            return new Options(
                    m, fieldRangeHz, fieldSteps, r2Min, r2Max, r2Steps, coarseFactor, seeds, iterations, noiseSd);
        }

        public Options withCoarseFactor(int f) {
            return new Options(method, fieldRangeHz, fieldSteps, r2Min, r2Max, r2Steps, f, seeds, iterations, noiseSd);
        }

        public Options withNoiseSd(double sd) {
            return new Options(
                    method, fieldRangeHz, fieldSteps, r2Min, r2Max, r2Steps, coarseFactor, seeds, iterations, sd);
        }
    }

    /**
     * The maps, each x fastest on the input grid, 0 outside the mask.
     *
     * @param water      |ρ_W|, signal units
     * @param fat        |ρ_F|, signal units
     * @param pdff       proton-density fat fraction, %
     * @param r2star     R2*, 1/s
     * @param fieldHz    ψ, Hz
     * @param mask       the voxels fitted
     * @param coarseGrid the low-resolution grid of the field-map stage (the input grid for the naive method)
     * @param seedsTried region-growing seeds tried (0 for the naive method)
     * @param fieldSdHz  Cramér–Rao SD of ψ per voxel, Hz (σ·√[(JᵀJ)⁻¹]<sub>ψψ</sub>, water, fat and R2* unknown;
     *                   see {@link WaterFatProjection.Workspace#fieldVariancePerNoiseVariance}); capped at 1/ΔTE (even
     *                   echoes) or twice the search range where the data carry no information on the field; NaN if
     *                   σ cannot be estimated (3 echoes and no noise SD given); 0 outside the mask
     * @param noiseSd    the noise SD per channel used for it (given or estimated)
     */
    public record Result(
            float[] water,
            float[] fat,
            float[] pdff,
            float[] r2star,
            float[] fieldHz,
            boolean[] mask,
            VoxelGrid coarseGrid,
            int seedsTried,
            float[] fieldSdHz,
            double noiseSd) {}

    /** In-plane and through-plane half-width (voxels) of the neighbourhood whose fits form a voxel's field prior. */
    static final int PRIOR_RADIUS = 2;

    static final int PRIOR_RADIUS_Z = 1;
    /**
     * How much the field may differ between a voxel and its neighbours within that box, Hz: body fields vary by tens
     * of Hz over centimetres, a few Hz per voxel, and more right next to air (lungs), where the data term then wins
     * for all but the fastest-decaying voxels.
     */
    static final double PRIOR_TAU_HZ = 5;
    /** Passes with the neighbour prior (each rebuilds the prior from the previous pass). */
    static final int PRIOR_ROUNDS = 1;
    /**
     * The prior pass refits a voxel only where its own field variance exceeds the prior's (its data say less about the
     * field than its neighbours do). At 0.1 the prior also reached well-determined voxels: on the 5.5 mm simulated
     * abdomen (liver-hqsm.json's sample), where the field bends more per voxel than the plane prior allows, it biased
     * the liver's field and LIC_QSM fell from 6.8 to 6.2 of 8 mg/g; at 1.0 it is 6.8 again and the high-iron phantom
     * (HighIronFatWaterTest) still passes.
     */
    static final double PRIOR_MIN_VARIANCE_RATIO = 1.0;

    private FatWaterSeparation() {}

    /**
     * Separates water and fat.
     *
     * @param re           real part per echo, [echo][voxel]
     * @param im           imaginary part per echo
     * @param mask         voxels to fit
     * @param grid         the grid
     * @param echoTimes    TE per echo in s (≥ 3)
     * @param spectrum     fat spectrum
     * @param b0Tesla      field strength
     * @param options      settings
     * @param cancellation polled between chunks
     */
    public static Result separate(
            float[][] re,
            float[][] im,
            boolean[] mask,
            VoxelGrid grid,
            double[] echoTimes,
            FatSpectrum spectrum,
            double b0Tesla,
            Options options,
            Cancellation cancellation) {
        WaterFatProjection model = new WaterFatProjection(
                echoTimes,
                spectrum,
                b0Tesla,
                options.fieldRangeHz(),
                options.fieldSteps(),
                options.r2Min(),
                options.r2Max(),
                options.r2Steps());
        int size = grid.size();
        float[] field0 = new float[size];
        float[] r20 = new float[size];
        VoxelGrid coarse = grid;
        int seedsTried = 0;
        boolean naive = options.method() == Method.PER_VOXEL_MINIMUM;
        if (!naive) {
            Blocks blocks = new Blocks(grid, options.coarseFactor());
            coarse = blocks.coarse;
            float[][] cre = new float[re.length][];
            float[][] cim = new float[re.length][];
            boolean[] cmask = blocks.sum(re, im, mask, cre, cim);
            FieldCandidates candidates = FieldCandidates.search(model, cre, cim, cmask, 4, cancellation);
            double period = model.isPeriodic() ? model.period() : Double.NaN;
            RegionGrowingFieldMap.Decision d = new RegionGrowingFieldMap(
                            candidates, coarse, period, model.mainFatShift())
                    .decide(options.seeds(), cancellation);
            seedsTried = d.seedsTried();
            double[] w = new double[coarse.size()];
            for (int v = 0; v < w.length; v++) {
                w[v] = Double.isNaN(d.fieldHz()[v]) ? 0 : Math.sqrt(candidates.energy(v));
            }
            double[] smoothField = blocks.smoothAndFill(d.fieldHz(), w);
            double[] smoothR2 = blocks.smoothAndFill(d.r2star(), w);
            blocks.upsample(smoothField, field0);
            blocks.upsample(smoothR2, r20);
        }
        float[] water = new float[size];
        float[] fat = new float[size];
        float[] pdff = new float[size];
        float[] r2 = new float[size];
        float[] field = new float[size];
        float[] residual = new float[size];
        float[] fieldVariance = new float[size];
        double[] gridField = model.fieldGrid();
        int iterations = options.iterations();
        double h = model.maxFieldStep() / 2;
        ParallelLoop.forEachChunk(size, 0, cancellation, (from, to) -> {
            WaterFatProjection.Workspace ws = model.workspace();
            double[] res = new double[gridField.length];
            double[] resR2 = new double[gridField.length];
            for (int v = (int) from; v < to; v++) {
                if (!mask[v]) {
                    continue;
                }
                ws.load(re, im, v);
                if (!(ws.energy() > 0)) {
                    continue;
                }
                double psi;
                double rStart;
                double centre;
                if (naive) {
                    ws.gridSearch(res, resR2);
                    int best = 0;
                    for (int j = 1; j < res.length; j++) {
                        if (res[j] < res[best]) {
                            best = j;
                        }
                    }
                    psi = gridField[best];
                    rStart = resR2[best];
                    centre = psi;
                } else {
                    // a short scan around the smooth field: the refinement then starts near the bottom of the basin
                    rStart = r20[v];
                    psi = field0[v];
                    centre = field0[v];
                    double bestCost = Double.POSITIVE_INFINITY;
                    for (int j = -2; j <= 2; j++) {
                        double p = field0[v] + j * h;
                        double c = ws.project(p, rStart);
                        if (c < bestCost) {
                            bestCost = c;
                            psi = p;
                        }
                    }
                }
                ws.refine(psi, rStart, centre, iterations);
                double wm = Math.hypot(ws.wRe, ws.wIm);
                double fm = Math.hypot(ws.fRe, ws.fIm);
                water[v] = (float) wm;
                fat[v] = (float) fm;
                r2[v] = (float) ws.r2star;
                field[v] = (float) ws.field;
                pdff[v] = (float) fatFraction(ws.wRe, ws.wIm, ws.fRe, ws.fIm);
                residual[v] = (float) ws.residual;
                fieldVariance[v] = (float) ws.fieldVariancePerNoiseVariance();
            }
        });
        double sigma = options.noiseSd() > 0 ? options.noiseSd() : estimateNoiseSd(residual, mask, re.length);
        if (sigma > 0) {
            // further passes where the voxel's own field is poorly determined: the neighbours' fits as a prior (MAP),
            // the prior rebuilt from the previous pass's fields (each voxel's own data variance, so that no prior is
            // counted twice): poorly determined fields are skewed towards the fat shift, and a single pass would
            // inherit that skew from equally poor neighbours
            float[] variance = new float[size];
            for (int v = 0; v < size; v++) {
                variance[v] = (float) (sigma * sigma * fieldVariance[v]);
            }
            float[] basin = naive ? field.clone() : field0;
            for (int round = 0; round < PRIOR_ROUNDS; round++) {
                NeighbourFieldPrior prior = new NeighbourFieldPrior(
                        grid, field, variance, mask, PRIOR_RADIUS, PRIOR_RADIUS_Z, PRIOR_TAU_HZ);
                float[] previous = field.clone();
                ParallelLoop.forEachChunk(size, 0, cancellation, (from, to) -> {
                    WaterFatProjection.Workspace ws = model.workspace();
                    for (int v = (int) from; v < to; v++) {
                        // the prior changes the variance by < 10 % where the data's own variance is < 1/10 of the
                        // prior's
                        if (!mask[v]
                                || !(variance[v] > PRIOR_MIN_VARIANCE_RATIO * prior.variance[v])
                                || !Float.isFinite(prior.variance[v])) {
                            continue;
                        }
                        ws.load(re, im, v);
                        if (!(ws.energy() > 0)) {
                            continue;
                        }
                        // the basin re-centred on the prior mean: the first pass's centre (the smoothed region-growing
                        // map) may sit off the truth by a good part of the basin's half-width where the voxels' own
                        // minima scatter by tens of Hz, and a basin edge near the truth clips and biases the fit
                        double centre =
                                Math.abs(prior.mean[v] - basin[v]) < model.maxFieldStep() ? prior.mean[v] : basin[v];
                        ws.refine(
                                prior.mean[v],
                                r2[v],
                                centre,
                                iterations,
                                prior.mean[v],
                                sigma * sigma / prior.variance[v]);
                        water[v] = (float) Math.hypot(ws.wRe, ws.wIm);
                        fat[v] = (float) Math.hypot(ws.fRe, ws.fIm);
                        r2[v] = (float) ws.r2star;
                        field[v] = (float) ws.field;
                        pdff[v] = (float) fatFraction(ws.wRe, ws.wIm, ws.fRe, ws.fIm);
                        // reported: the sampling variance (what repeated scans show), per unit σ² like the first pass
                        fieldVariance[v] = (float) (ws.fieldSamplingVariance(
                                        sigma * sigma, prior.variance[v] - PRIOR_TAU_HZ * PRIOR_TAU_HZ)
                                / (sigma * sigma));
                        variance[v] = (float) (sigma * sigma * ws.fieldVariancePerNoiseVariance(false));
                    }
                });
            }
        }
        float[] fieldSd = new float[size];
        // an SD beyond the field's ambiguity interval means "not determined": capped there, so maps stay finite
        double cap = model.isPeriodic() ? model.period() : 2 * options.fieldRangeHz();
        for (int v = 0; v < size; v++) {
            if (mask[v]) {
                fieldSd[v] = (float) Math.min(cap, sigma * Math.sqrt(fieldVariance[v]));
            }
        }
        return new Result(water, fat, pdff, r2, field, mask.clone(), coarse, seedsTried, fieldSd, sigma);
    }

    /**
     * The noise SD per real/imaginary channel from the fit residuals: a voxel's residual R is σ²·χ² with 2N − 6
     * degrees of freedom (2N real data, 6 real parameters) where the model holds, so σ² = median(R) / median(χ²<sub>k</sub>)
     * with median(χ²<sub>k</sub>) ≈ k(1 − 2/(9k))³ (Wilson–Hilferty). The median resists the minority of voxels the model
     * misfits (partial volume, dephasing at edges), which would inflate a mean. 0 if no voxel was fitted.
     */
    static double estimateNoiseSd(float[] residual, boolean[] mask, int echoes) {
        int n = 0;
        for (int v = 0; v < mask.length; v++) {
            n += mask[v] && residual[v] > 0 ? 1 : 0;
        }
        if (n == 0) {
            return 0;
        }
        float[] r = new float[n];
        int i = 0;
        for (int v = 0; v < mask.length; v++) {
            if (mask[v] && residual[v] > 0) {
                r[i++] = residual[v];
            }
        }
        Arrays.sort(r);
        double k = 2.0 * echoes - 6;
        if (k < 1) {
            return Double.NaN; // 3 echoes fit exactly: no residual degrees of freedom to estimate σ from
        }
        double chiMedian = k * Math.pow(1 - 2 / (9 * k), 3);
        return Math.sqrt(r[n / 2] / chiMedian);
    }

    /**
     * PDFF in percent by magnitude discrimination (Liu et al. 2007, see the class comment), limited to [0, 100];
     * 0 if W + F = 0.
     *
     * <p>Why the limits. Liu's estimator divides by s = |ρ<sub>W</sub> + ρ<sub>F</sub>|, which equals |W| + |F| only
     * when water and fat share their phase at TE = 0, as they do in one voxel. When the fitted amplitudes are out of
     * phase, s &lt; max(|W|, |F|), so the fat-dominant branch |F|/s exceeds 100 % and the water-dominant branch
     * 1 − |W|/s falls below 0: this is how 102–104 % was reported in swapped high-iron livers (the wrong field leaves
     * W and F partly cancelling), and noise does the same at low fat. A fraction outside [0, 100] % has no meaning,
     * so it is limited. The price: where per-voxel noise is large (R2* near 1000 /s at 1.5 T) and the truth is near
     * 0 or 100 %, the limited values bias an ROI mean away from the limit by about 0.4 × the per-voxel SD (the mean of
     * a half-normal); FATWATER.md quotes it.
     */
    public static double fatFraction(double wRe, double wIm, double fRe, double fIm) {
        double w = Math.hypot(wRe, wIm);
        double f = Math.hypot(fRe, fIm);
        double s = Math.hypot(wRe + fRe, wIm + fIm);
        if (!(s > 0)) {
            return 0;
        }
        double pdff = f > w ? 100 * f / s : 100 * (1 - w / s);
        return Math.max(0, Math.min(100, pdff));
    }

    /**
     * A signal mask: voxels whose root-sum-of-squares magnitude over the echoes exceeds {@code fraction} of the 99th
     * percentile (a robust maximum that ignores a few bright outliers).
     */
    public static boolean[] signalMask(float[][] re, float[][] im, double fraction) {
        int size = re[0].length;
        float[] rss = new float[size];
        for (int v = 0; v < size; v++) {
            double s = 0;
            for (int e = 0; e < re.length; e++) {
                s += re[e][v] * (double) re[e][v] + im[e][v] * (double) im[e][v];
            }
            rss[v] = (float) Math.sqrt(s);
        }
        float[] sorted = rss.clone();
        Arrays.sort(sorted);
        double threshold = fraction * sorted[Math.min(size - 1, (int) (0.99 * size))];
        boolean[] mask = new boolean[size];
        for (int v = 0; v < size; v++) {
            mask[v] = rss[v] > threshold;
        }
        return mask;
    }

    /** The low-resolution grid of blocks, with block sums, smoothing and trilinear interpolation back. */
    static final class Blocks {
        final VoxelGrid fine;
        final VoxelGrid coarse;
        final int fx;
        final int fy;
        final int fz;

        Blocks(VoxelGrid fine, int factor) {
            this.fine = fine;
            int f = Math.max(1, factor);
            fx = Math.min(f, fine.nx());
            fy = Math.min(f, fine.ny());
            fz = (int) Math.max(1, Math.min(fine.nz(), Math.round(f * fine.dx() / fine.dz())));
            coarse = new VoxelGrid(
                    ceilDiv(fine.nx(), fx),
                    ceilDiv(fine.ny(), fy),
                    ceilDiv(fine.nz(), fz),
                    fine.dx() * fx,
                    fine.dy() * fy,
                    fine.dz() * fz);
        }

        private static int ceilDiv(int a, int b) {
            return (a + b - 1) / b;
        }

        /** Sums the masked complex signal per block; returns the blocks holding a masked voxel. */
        boolean[] sum(float[][] re, float[][] im, boolean[] mask, float[][] cre, float[][] cim) {
            int n = coarse.size();
            boolean[] cmask = new boolean[n];
            for (int e = 0; e < re.length; e++) {
                cre[e] = new float[n];
                cim[e] = new float[n];
            }
            for (int z = 0; z < fine.nz(); z++) {
                for (int y = 0; y < fine.ny(); y++) {
                    for (int x = 0; x < fine.nx(); x++) {
                        int v = fine.index(x, y, z);
                        if (!mask[v]) {
                            continue;
                        }
                        int c = coarse.index(x / fx, y / fy, z / fz);
                        cmask[c] = true;
                        for (int e = 0; e < re.length; e++) {
                            cre[e][c] += re[e][v];
                            cim[e][c] += im[e][v];
                        }
                    }
                }
            }
            return cmask;
        }

        /**
         * A 3×3×3 weighted mean of the values with weight > 0, then voxels without weight filled layer by layer with
         * the mean of their filled neighbours (so interpolation near the mask's edge uses plausible values).
         */
        double[] smoothAndFill(double[] values, double[] weight) {
            int n = coarse.size();
            int[] around = new int[27];
            double[] out = new double[n];
            boolean[] known = new boolean[n];
            for (int v = 0; v < n; v++) {
                if (weight[v] > 0) {
                    double s = 0;
                    double w = 0;
                    int count = Neighbourhood.of(coarse, v, around);
                    for (int i = 0; i < count; i++) {
                        int u = around[i];
                        if (weight[u] > 0) {
                            s += weight[u] * values[u];
                            w += weight[u];
                        }
                    }
                    out[v] = s / w;
                    known[v] = true;
                }
            }
            boolean any = false;
            for (boolean k : known) {
                any |= k;
            }
            if (!any) {
                return out;
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                boolean[] next = known.clone();
                for (int v = 0; v < n; v++) {
                    if (known[v]) {
                        continue;
                    }
                    double s = 0;
                    int c = 0;
                    int count = Neighbourhood.of(coarse, v, around);
                    for (int i = 0; i < count; i++) {
                        int u = around[i];
                        if (known[u]) {
                            s += out[u];
                            c++;
                        }
                    }
                    if (c > 0) {
                        out[v] = s / c;
                        next[v] = true;
                        changed = true;
                    }
                }
                known = next;
            }
            return out;
        }

        /** Trilinear interpolation from block centres to voxel centres (clamped at the edges). */
        void upsample(double[] values, float[] out) {
            for (int z = 0; z < fine.nz(); z++) {
                double cz = clamp((z + 0.5) / fz - 0.5, coarse.nz() - 1);
                int z0 = (int) Math.floor(cz);
                int z1 = Math.min(z0 + 1, coarse.nz() - 1);
                double tz = cz - z0;
                for (int y = 0; y < fine.ny(); y++) {
                    double cy = clamp((y + 0.5) / fy - 0.5, coarse.ny() - 1);
                    int y0 = (int) Math.floor(cy);
                    int y1 = Math.min(y0 + 1, coarse.ny() - 1);
                    double ty = cy - y0;
                    for (int x = 0; x < fine.nx(); x++) {
                        double cx = clamp((x + 0.5) / fx - 0.5, coarse.nx() - 1);
                        int x0 = (int) Math.floor(cx);
                        int x1 = Math.min(x0 + 1, coarse.nx() - 1);
                        double tx = cx - x0;
                        double c00 = lerp(values[coarse.index(x0, y0, z0)], values[coarse.index(x1, y0, z0)], tx);
                        double c10 = lerp(values[coarse.index(x0, y1, z0)], values[coarse.index(x1, y1, z0)], tx);
                        double c01 = lerp(values[coarse.index(x0, y0, z1)], values[coarse.index(x1, y0, z1)], tx);
                        double c11 = lerp(values[coarse.index(x0, y1, z1)], values[coarse.index(x1, y1, z1)], tx);
                        out[fine.index(x, y, z)] = (float) lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
                    }
                }
            }
        }

        private static double clamp(double c, int max) {
            return Math.max(0, Math.min(max, c));
        }

        private static double lerp(double a, double b, double t) {
            return a + (b - a) * t;
        }
    }
}
