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

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Combination of unwrapped multi-echo phase into one field map by a weighted least-squares fit of the phase
 * evolution, voxel by voxel:
 * <pre>
 *   φ_n(x) = φ0(x) + 2π·f(x)·TE_n,      minimise  Σ_n w_n (φ_n − φ0 − 2π f TE_n)²
 * </pre>
 * with f the frequency offset (Hz) and φ0 the phase at TE = 0 (rad).
 *
 * <p>Weights ({@link Weighting}): {@code MAGNITUDE_TE}: w<sub>n</sub> = (m<sub>n</sub>·TE<sub>n</sub>)², the inverse
 * variance of the frequency estimate of echo n, since the phase noise is σ<sub>φ</sub> ≈ σ/m<sub>n</sub> and
 * f<sub>n</sub> = φ<sub>n</sub>/(2π TE<sub>n</sub>) (the optimum weighting of Wu et al., MRM 67:137, 2012, and the
 * weighting suggested by Milovic's linearLSQR, "magnitude or magnitude·TE"); it favours late echoes, which carry
 * the most phase per unit noise. {@code MAGNITUDE}: w<sub>n</sub> = m<sub>n</sub>², the reciprocal of the phase
 * variance (Conturo &amp; Smith, MRM 15:420, 1990), the weights of QSM.jl's {@code fit_echo_linear}; for a phase
 * regression with noise σ/m<sub>n</sub> these are the best linear unbiased weights ((m·TE)² is optimal when
 * averaging per-echo frequencies φ<sub>n</sub>/(2π TE<sub>n</sub>) instead, which is why it over-weights late echoes
 * here). A voxel whose magnitudes are all 0 falls back to uniform weights. {@code UNIFORM}: w<sub>n</sub> = 1
 * (ordinary least squares).
 *
 * <p>Contract of {@link #fit}: with offset ({@code fitOffset}, needs ≥ 2 echoes) the closed-form weighted linear
 * regression of φ on 2π·TE: f = Σw(TE − T̄)(φ − Φ̄) / (2π Σw(TE − T̄)²), φ0 = Φ̄ − 2π f T̄ (T̄, Φ̄ the weighted
 * means); through the origin (φ0 = 0, after the offset was removed, e.g. by {@link RomeoUnwrapping}):
 * f = Σ w φ TE / (2π Σ w TE²). A single echo always gives f = φ/(2π TE), φ0 = 0. The residual map is the
 * weighted RMS misfit sqrt(Σ w r² / Σ w) in rad (0 when the fit has as many parameters as echoes), a noise and
 * model-failure indicator. Outside the mask all outputs are 0. Echo times may be unevenly spaced.
 */
public final class EchoCombination {

    /** Echo weights of the fit. */
    public enum Weighting {
        /** w = (m·TE)². */
        MAGNITUDE_TE,
        /** w = m², the inverse phase variance. */
        MAGNITUDE,
        /** w = 1. */
        UNIFORM
    }

    private EchoCombination() {}

    /**
     * The fit's settings.
     *
     * @param weighting echo weights
     * @param fitOffset fit the phase offset φ0 too (else a line through the origin)
     */
    public record Params(Weighting weighting, boolean fitOffset) {
        public Params {
            java.util.Objects.requireNonNull(weighting, "weighting");
        }

        /** Weights (m·TE)², offset fitted. */
        public static final Params DEFAULTS = new Params(Weighting.MAGNITUDE_TE, true);
    }

    /**
     * The fit's maps.
     *
     * @param frequencyHz f, Hz
     * @param offset      φ0, rad
     * @param residual    weighted RMS residual, rad
     */
    public record Result(float[] frequencyHz, float[] offset, float[] residual) {}

    /**
     * Fits every voxel (see the class contract).
     *
     * @param phase     unwrapped phase per echo, rad
     * @param magnitude magnitude per echo (needed for {@code MAGNITUDE_TE}, ignored otherwise)
     * @param echoTimes TE per echo, s
     * @param mask      voxels to fit, or null for all
     */
    public static Result fit(
            float[][] phase,
            float[][] magnitude,
            double[] echoTimes,
            boolean[] mask,
            VoxelGrid grid,
            Weighting weighting,
            boolean fitOffset,
            Cancellation cancellation) {
        int echoes = phase.length;
        if (echoes == 0 || echoTimes.length != echoes) {
            throw new IllegalArgumentException(
                    "need ≥ 1 echo and one echo time per phase frame, got " + echoes + " and " + echoTimes.length);
        }
        if (weighting != Weighting.UNIFORM && (magnitude == null || magnitude.length != echoes)) {
            throw new IllegalArgumentException(weighting + " weighting needs one magnitude frame per echo");
        }
        int n = grid.size();
        boolean withOffset = fitOffset && echoes >= 2;
        float[] f = new float[n];
        float[] offset = new float[n];
        float[] residual = new float[n];
        double twoPi = PhaseWraps.TWO_PI;
        ParallelLoop.forEachChunk(n, 0, cancellation, (from, to) -> {
            double[] w = new double[echoes];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    continue;
                }
                double sw = weights(magnitude, echoTimes, weighting, v, w);
                double freq, phi0;
                if (withOffset) {
                    double meanT = 0, meanP = 0;
                    for (int e = 0; e < echoes; e++) {
                        meanT += w[e] * echoTimes[e];
                        meanP += w[e] * phase[e][v];
                    }
                    meanT /= sw;
                    meanP /= sw;
                    double stp = 0, stt = 0;
                    for (int e = 0; e < echoes; e++) {
                        double dt = echoTimes[e] - meanT;
                        stp += w[e] * dt * (phase[e][v] - meanP);
                        stt += w[e] * dt * dt;
                    }
                    if (stt > 0) {
                        freq = stp / (twoPi * stt);
                        phi0 = meanP - twoPi * freq * meanT;
                    } else { // all weight on one echo: no slope information beyond the origin fit
                        freq = throughOrigin(phase, echoTimes, w, v) / twoPi;
                        phi0 = 0;
                    }
                } else {
                    freq = throughOrigin(phase, echoTimes, w, v) / twoPi;
                    phi0 = 0;
                }
                double sr = 0;
                for (int e = 0; e < echoes; e++) {
                    double r = phase[e][v] - phi0 - twoPi * freq * echoTimes[e];
                    sr += w[e] * r * r;
                }
                f[v] = (float) freq;
                offset[v] = (float) phi0;
                residual[v] = (float) Math.sqrt(sr / sw);
            }
        });
        return new Result(f, offset, residual);
    }

    /**
     * The standard deviation of the fitted frequency f (Hz) in every voxel of {@code mask} (NaN outside), for complex
     * Gaussian noise of SD {@code sigma} per channel (real and imaginary part), propagated through the fit of
     * {@link #fit} with the same weights.
     *
     * <p>Contract: the phase noise of echo n is σ<sub>φ,n</sub> = σ/m<sub>n</sub> (the high-SNR limit of the phase of
     * a complex Gaussian signal, Gudbjartsson &amp; Patz, MRM 34:910, 1995; Conturo &amp; Smith, MRM 15:420, 1990),
     * capped at π/√3, the SD of a uniformly distributed phase, where m<sub>n</sub> ≲ 2σ. The fitted f is linear in the
     * phases, f = Σ c<sub>n</sub> φ<sub>n</sub>, so with independent echoes Var(f) = Σ c<sub>n</sub>² σ<sub>φ,n</sub>²:
     * <pre>
     *   with offset:          c_n = w_n (TE_n − T̄) / (2π Σ w (TE − T̄)²)      (T̄ the weighted mean TE)
     *   through the origin:   c_n = w_n TE_n / (2π Σ w TE²)
     *   one echo:             c_1 = 1 / (2π TE_1)
     * </pre>
     * The weights are taken as given (from the measured magnitudes), not as random: at SNR ≥ 5 per echo this
     * matches the spread of f over noise realisations within a few % (EchoCombinationNoiseTest, Monte Carlo).
     * An echo of zero magnitude that carries weight contributes the uniform-phase variance π²/3.
     *
     * @param magnitude per echo (also the weights' source unless {@code UNIFORM})
     * @param sigma     complex noise SD per channel, in the magnitude's units, ≥ 0
     */
    public static float[] frequencySd(
            float[][] magnitude,
            double[] echoTimes,
            boolean[] mask,
            VoxelGrid grid,
            Weighting weighting,
            boolean fitOffset,
            double sigma,
            Cancellation cancellation) {
        int echoes = echoTimes.length;
        if (magnitude == null || magnitude.length != echoes) {
            throw new IllegalArgumentException("the noise of the fit needs one magnitude frame per echo");
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise σ must be a finite number ≥ 0, got " + sigma);
        }
        int n = grid.size();
        boolean withOffset = fitOffset && echoes >= 2;
        float[] sd = new float[n];
        double twoPi = PhaseWraps.TWO_PI;
        double maxPhaseVariance = Math.PI * Math.PI / 3;
        ParallelLoop.forEachChunk(n, 0, cancellation, (from, to) -> {
            double[] w = new double[echoes];
            double[] c = new double[echoes];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    sd[v] = Float.NaN;
                    continue;
                }
                double sw = weights(magnitude, echoTimes, weighting, v, w);
                double stt = 0, meanT = 0;
                if (withOffset) {
                    for (int e = 0; e < echoes; e++) {
                        meanT += w[e] * echoTimes[e];
                    }
                    meanT /= sw;
                    for (int e = 0; e < echoes; e++) {
                        stt += w[e] * square(echoTimes[e] - meanT);
                    }
                }
                if (withOffset && stt > 0) {
                    for (int e = 0; e < echoes; e++) {
                        c[e] = w[e] * (echoTimes[e] - meanT) / (twoPi * stt);
                    }
                } else { // through the origin, as fit() does when the offset cannot be fitted
                    double den = 0;
                    for (int e = 0; e < echoes; e++) {
                        den += w[e] * echoTimes[e] * echoTimes[e];
                    }
                    for (int e = 0; e < echoes; e++) {
                        c[e] = w[e] * echoTimes[e] / (twoPi * den);
                    }
                }
                double var = 0;
                for (int e = 0; e < echoes; e++) {
                    if (c[e] != 0) {
                        double m = magnitude[e][v];
                        double phaseVar = m > 0 ? Math.min(square(sigma / m), maxPhaseVariance) : maxPhaseVariance;
                        var += c[e] * c[e] * (sigma > 0 ? phaseVar : 0);
                    }
                }
                sd[v] = (float) Math.sqrt(var);
            }
        });
        return sd;
    }

    /** The weights of voxel v into {@code w}; returns their sum (uniform when the magnitudes give none). */
    private static double weights(float[][] magnitude, double[] echoTimes, Weighting weighting, int v, double[] w) {
        int echoes = echoTimes.length;
        double sw = 0;
        for (int e = 0; e < echoes; e++) {
            w[e] = switch (weighting) {
                case UNIFORM -> 1;
                case MAGNITUDE -> square(magnitude[e][v]);
                case MAGNITUDE_TE -> square(magnitude[e][v] * echoTimes[e]);
            };
            sw += w[e];
        }
        if (!(sw > 0) || !Double.isFinite(sw)) {
            java.util.Arrays.fill(w, 1); // no signal to weight by: fall back to uniform
            sw = echoes;
        }
        return sw;
    }

    /** Σ w φ TE / Σ w TE², the slope of φ against TE through the origin (rad/s). */
    private static double throughOrigin(float[][] phase, double[] echoTimes, double[] w, int v) {
        double num = 0, den = 0;
        for (int e = 0; e < echoTimes.length; e++) {
            num += w[e] * phase[e][v] * echoTimes[e];
            den += w[e] * echoTimes[e] * echoTimes[e];
        }
        return num / den;
    }

    private static double square(double x) {
        return x * x;
    }
}
