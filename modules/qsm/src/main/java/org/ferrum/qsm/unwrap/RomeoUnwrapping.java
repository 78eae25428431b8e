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
package org.ferrum.qsm.unwrap;

import java.util.function.BiConsumer;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Multi-echo phase unwrapping in the spirit of ROMEO (Dymerska et al., "Phase unwrapping with a rapid
 * opensource minimum spanning tree algorithm (ROMEO)", MRM 85:2294, 2021): one template echo is unwrapped
 * spatially by quality-guided region growing ({@link EdgeWeights}, {@link RegionGrowing}), the other echoes
 * temporally from it.
 *
 * <p>Contract of {@link #unwrap}, for echoes e = 1..E with wrapped phase φ<sub>e</sub>, magnitude m<sub>e</sub>
 * and echo times TE<sub>e</sub>, template echo t, mask M:
 * <ol>
 * <li>Phase offset (if {@link Params#offsetCorrection} and E ≥ 2), after MCPC-3D-S (Eckstein et al., MRM
 *     79:2996, 2018): Δφ = W(φ<sub>2</sub> − φ<sub>1</sub>) is unwrapped spatially (centred, see
 *     {@link RegionGrowing}), φ<sub>0</sub> = φ<sub>1</sub> − Δφ·TE<sub>1</sub>/(TE<sub>2</sub> − TE<sub>1</sub>), and
 *     φ<sub>0</sub> ← arg S[m<sub>1</sub>e<sup>iφ<sub>0</sub></sup>] with S a ≈Gaussian smoothing of standard
 *     deviation {@link Params#offsetSmoothingMm} inside M ({@link BoxSmoothing}). Otherwise φ<sub>0</sub> = 0.
 *     ψ<sub>e</sub> = W(φ<sub>e</sub> − φ<sub>0</sub>) then follows φ<sub>e</sub> ≈ ω·TE<sub>e</sub> with no offset.</li>
 * <li>ψ<sub>t</sub> is unwrapped spatially to Ψ<sub>t</sub> within M, with edge weights from ψ<sub>t</sub>, the
 *     phase-gradient coherence with a neighbouring echo (t+1, else t−1, if any) and m<sub>t</sub>; each connected
 *     region is centred (mean in [−π, π]).</li>
 * <li>Temporal unwrapping, e ≠ t: Ψ<sub>e</sub> = ψ<sub>e</sub> + 2π·round((Ψ<sub>t</sub>·TE<sub>e</sub>/TE<sub>t</sub> −
 *     ψ<sub>e</sub>)/2π), the linear evolution of phase with TE predicting each echo from the template.</li>
 * <li>Result φ<sub>e</sub><sup>u</sup> = φ<sub>e</sub> + 2π·round((Ψ<sub>e</sub> + φ<sub>0</sub> − φ<sub>e</sub>)/2π) in
 *     M, i.e. the offset is added back and the result differs from the input by whole multiples of 2π; outside M
 *     the input is returned unchanged (still wrapped). φ<sub>0</sub> (0 outside M) is reported.</li>
 * </ol>
 * The quality map is {@link EdgeWeights#quality()} of the template's weights (dimensionless, [0, 1], 0 outside M).
 *
 * <p>Why the offset matters: temporal unwrapping scales the template phase by TE<sub>e</sub>/TE<sub>t</sub>,
 * which scales a non-zero offset too; an offset of 1 rad and TE ratio 4 already mispredicts by 3 rad.
 *
 * <p>As a member of the {@link PhaseUnwrapping} family (an instance with its {@link Params}): congruent; outside the
 * mask the input is returned unchanged.
 */
public final class RomeoUnwrapping implements PhaseUnwrapping {

    private final Params params;

    /** The family member with these settings. */
    public RomeoUnwrapping(Params params) {
        this.params = java.util.Objects.requireNonNull(params, "params");
    }

    public Params params() {
        return params;
    }

    @Override
    public boolean congruent() {
        return true;
    }

    @Override
    public Result unwrap(Input input, Cancellation cancellation, BiConsumer<Double, String> progress) {
        progress.accept(0.0, "unwrapping " + input.echoes() + " echo(es)");
        return unwrap(
                input.wrapped(),
                input.magnitude(),
                input.echoTimes(),
                input.mask(),
                input.grid(),
                params,
                cancellation);
    }

    /**
     * Settings.
     *
     * @param templateEcho      zero-based echo unwrapped spatially
     * @param offsetCorrection  estimate and remove the phase offset φ0 before unwrapping (needs ≥ 2 echoes)
     * @param offsetSmoothingMm standard deviation (mm) of the offset smoothing; 0 for none
     */
    public record Params(int templateEcho, boolean offsetCorrection, double offsetSmoothingMm) {
        public Params {
            if (templateEcho < 0) {
                throw new IllegalArgumentException("template echo must be ≥ 0, got " + templateEcho);
            }
            if (!(offsetSmoothingMm >= 0) || Double.isInfinite(offsetSmoothingMm)) {
                throw new IllegalArgumentException("offset smoothing must be ≥ 0 mm, got " + offsetSmoothingMm);
            }
        }

        /** Template echo 1, offset correction on, 5 mm smoothing. */
        public static final Params DEFAULTS = new Params(0, true, 5);
    }

    /**
     * The outcome.
     *
     * @param unwrapped one array per echo, rad
     * @param quality   voxel quality of the template, [0, 1]
     * @param offset    the removed phase offset φ0, rad (all 0 without offset correction)
     * @param regions   number of separately grown regions of the template (1 for a connected mask)
     */
    public record Result(float[][] unwrapped, float[] quality, float[] offset, int regions)
            implements PhaseUnwrapping.Result {}

    /**
     * Unwraps all echoes (see the class contract).
     *
     * @param phase      wrapped phase per echo, rad, finite inside the mask
     * @param magnitude  magnitude per echo, or null
     * @param echoTimes  TE per echo, s, increasing
     * @param mask       voxels to unwrap, or null for all
     */
    public static Result unwrap(
            float[][] phase,
            float[][] magnitude,
            double[] echoTimes,
            boolean[] mask,
            VoxelGrid grid,
            Params options,
            Cancellation cancellation) {
        int echoes = phase.length;
        if (echoes == 0 || echoTimes.length != echoes || (magnitude != null && magnitude.length != echoes)) {
            throw new IllegalArgumentException(
                    "need the same number (≥ 1) of phase frames, magnitude frames and echo times");
        }
        int t = options.templateEcho();
        if (t >= echoes) {
            throw new IllegalArgumentException("template echo " + (t + 1) + " but there are " + echoes + " echoes");
        }
        int n = grid.size();
        float[] offset = new float[n];
        if (options.offsetCorrection() && echoes >= 2) {
            offset = phaseOffset(
                    phase[0],
                    phase[1],
                    magnitude == null ? null : magnitude[0],
                    echoTimes[0],
                    echoTimes[1],
                    mask,
                    grid,
                    options.offsetSmoothingMm(),
                    cancellation);
        }
        float[][] corrected = new float[echoes][];
        for (int e = 0; e < echoes; e++) {
            corrected[e] = subtractWrapped(phase[e], offset, mask);
        }
        int s = echoes == 1 ? -1 : t + 1 < echoes ? t + 1 : t - 1;
        EdgeWeights weights = EdgeWeights.of(
                corrected[t],
                s < 0 ? null : corrected[s],
                s < 0 ? 1 : echoTimes[t] / echoTimes[s],
                magnitude == null ? null : magnitude[t],
                mask,
                grid,
                cancellation);
        float[] quality = weights.quality();
        RegionGrowing.Result template = RegionGrowing.unwrap(corrected[t], weights, mask, quality, true, cancellation);
        float[] templatePhase = template.unwrapped();

        float[][] out = new float[echoes][];
        float[] off = offset;
        for (int e = 0; e < echoes; e++) {
            float[] wrapped = phase[e];
            float[] psi = corrected[e];
            double ratio = echoTimes[e] / echoTimes[t];
            boolean isTemplate = e == t;
            float[] result = new float[n];
            ParallelLoop.forEachChunk(n, 0, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    if (mask != null && !mask[v]) {
                        result[v] = wrapped[v];
                        continue;
                    }
                    double unwrappedPsi = isTemplate
                            ? templatePhase[v]
                            : psi[v] + PhaseWraps.TWO_PI * PhaseWraps.turnsBetween(psi[v], templatePhase[v] * ratio);
                    result[v] = PhaseWraps.plusTurns(
                            wrapped[v], PhaseWraps.turnsBetween(wrapped[v], unwrappedPsi + off[v]));
                }
            });
            out[e] = result;
        }
        if (mask != null) {
            for (int v = 0; v < n; v++) {
                if (!mask[v]) {
                    quality[v] = 0;
                }
            }
        }
        return new Result(out, quality, offset, template.regions());
    }

    /**
     * The phase offset φ0 at TE = 0 from the first two echoes (MCPC-3D-S, step 1 of the class contract), rad in
     * [−π, π), 0 outside the mask.
     */
    public static float[] phaseOffset(
            float[] phase1,
            float[] phase2,
            float[] magnitude1,
            double te1,
            double te2,
            boolean[] mask,
            VoxelGrid grid,
            double smoothingMm,
            Cancellation cancellation) {
        int n = grid.size();
        float[] difference = new float[n];
        for (int v = 0; v < n; v++) {
            difference[v] = (float) PhaseWraps.wrap(phase2[v] - phase1[v]);
        }
        // Δφ = ω(TE2 − TE1) is smoother than either echo (no offset) but may still wrap: unwrap it as ROMEO does.
        EdgeWeights weights = EdgeWeights.of(difference, null, 1, magnitude1, mask, grid, cancellation);
        float[] unwrapped = RegionGrowing.unwrap(difference, weights, mask, weights.quality(), true, cancellation)
                .unwrapped();
        double scale = te1 / (te2 - te1);
        float[] re = new float[n];
        float[] im = new float[n];
        float[] raw = new float[n];
        for (int v = 0; v < n; v++) {
            if (mask != null && !mask[v]) {
                continue;
            }
            raw[v] = (float) PhaseWraps.wrap(phase1[v] - unwrapped[v] * scale);
            double m = magnitude1 == null ? 1 : Math.abs(magnitude1[v]);
            re[v] = (float) (m * Math.cos(raw[v]));
            im[v] = (float) (m * Math.sin(raw[v]));
        }
        if (smoothingMm > 0) {
            // Smooth e^{iφ0}, not φ0: the offset itself wraps, its complex exponential does not.
            BoxSmoothing.smooth(re, grid, smoothingMm, cancellation);
            BoxSmoothing.smooth(im, grid, smoothingMm, cancellation);
            for (int v = 0; v < n; v++) {
                if ((mask == null || mask[v]) && (re[v] != 0 || im[v] != 0)) {
                    raw[v] = (float) Math.atan2(im[v], re[v]);
                }
            }
        }
        return raw;
    }

    /** W(φ − φ0) inside the mask, φ outside. */
    private static float[] subtractWrapped(float[] phase, float[] offset, boolean[] mask) {
        float[] out = new float[phase.length];
        for (int v = 0; v < out.length; v++) {
            out[v] = mask != null && !mask[v] ? phase[v] : (float) PhaseWraps.wrap(phase[v] - offset[v]);
        }
        return out;
    }
}
