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
package org.ferrum.qsm.swi;

import java.util.Objects;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.FourierTransform;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Susceptibility-weighted imaging (Haacke, Xu, Cheng, Reichenbach, "Susceptibility weighted imaging (SWI)", Magn Reson
 * Med 52:612–618, 2004; Reichenbach et al., Radiology 204:272–277, 1997): the magnitude of one echo darkened where the
 * high-pass filtered phase says there is paramagnetic (venous) tissue.
 *
 * <p>Contract, for the complex signal s(x) = m(x) e<sup>iφ(x)</sup> of one echo:
 * <ol>
 * <li>Homodyne high-pass: s<sub>L</sub> = F⁻¹[H · F[s]], with H the separable Hann window
 * H(u) = Π<sub>axes</sub> ½(1 + cos(2πu<sub>a</sub>/w<sub>a</sub>)) for |u<sub>a</sub>| &lt; w<sub>a</sub>/2, else 0, on the
 * signed frequency index u<sub>a</sub>; w<sub>a</sub> = min(filter size, n<sub>a</sub>) samples in-plane (axes 0, 1) and, in
 * 3-D mode, along axis 2 (in 2-D mode each slice is filtered on its own, as in Haacke 2004).
 * φ<sub>HP</sub> = arg(s · conj(s<sub>L</sub>)) ∈ (−π, π] (= arg(s / s<sub>L</sub>)): dividing by a low-pass copy removes the
 * slowly varying background phase (and phase wraps on its scale) without unwrapping; 0 where s<sub>L</sub> = 0.</li>
 * <li>Negative phase mask (for right-handed systems, where veins have negative phase; {@code phaseSign} = −1 flips it
 * for data in the other convention): with ψ = phaseSign · φ<sub>HP</sub>, f = 1 + ψ/π for ψ &lt; 0, else 1; f ∈ [0, 1].</li>
 * <li>SWI = m · f<sup>p</sup> with p = {@code power} (4 in Haacke 2004: the best contrast-to-noise for veins).</li>
 * </ol>
 * Non-finite magnitude or phase values are taken as 0. The FFT is the one path of the project
 * ({@link FourierTransform} on interleaved complex arrays); a 2-D transform of every slice is the same call with
 * n<sub>z</sub> = 1 over n<sub>z</sub> consecutive frames.
 */
public final class SusceptibilityWeightedImaging {

    /**
     * @param filterSize width w of the Hann window in k-space samples (≥ 1; clipped to the grid size)
     * @param threeD     filter along axis 2 too (else slice by slice)
     * @param power      exponent p of the phase mask (≥ 0)
     * @param phaseSign  +1 for veins with negative phase (right-handed convention), −1 for the opposite
     */
    public record Params(int filterSize, boolean threeD, double power, int phaseSign) {
        public Params {
            if (filterSize < 1) {
                throw new IllegalArgumentException("filter size must be ≥ 1 k-space sample, got " + filterSize);
            }
            if (!(power >= 0) || Double.isInfinite(power)) {
                throw new IllegalArgumentException("power must be a finite number ≥ 0, got " + power);
            }
            if (phaseSign != 1 && phaseSign != -1) {
                throw new IllegalArgumentException("phase sign must be +1 or −1, got " + phaseSign);
            }
        }

        /** Haacke 2004 defaults: 2-D filter of 32 samples, p = 4, negative-phase veins. */
        public static final Params DEFAULTS = new Params(32, false, 4, 1);
    }

    /**
     * @param swi           m · f<sup>p</sup>, in the magnitude's units
     * @param phaseMask     f, dimensionless in [0, 1]
     * @param highPassPhase φ<sub>HP</sub> in radians
     */
    public record Result(float[] swi, float[] phaseMask, float[] highPassPhase) {}

    private SusceptibilityWeightedImaging() {}

    /** SWI of one echo (see the class contract); phase in radians, wrapped or not. */
    public static Result compute(
            float[] magnitude, float[] phase, VoxelGrid grid, Params settings, Cancellation cancellation) {
        Objects.requireNonNull(settings, "settings");
        int size = grid.size();
        if (magnitude.length != size || phase.length != size) {
            throw new IllegalArgumentException("magnitude (" + magnitude.length + ") and phase (" + phase.length
                    + ") must both have the grid's " + size + " voxels");
        }
        float[] signal = new float[2 * size];
        ParallelLoop.forEachChunk(size, 0, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                float m = Float.isFinite(magnitude[n]) ? magnitude[n] : 0f;
                float p = Float.isFinite(phase[n]) ? phase[n] : 0f;
                signal[2 * n] = (float) (m * Math.cos(p));
                signal[2 * n + 1] = (float) (m * Math.sin(p));
            }
        });
        float[] lowPass = lowPass(signal, grid, settings.filterSize(), settings.threeD(), cancellation);
        float[] hp = new float[size];
        float[] f = new float[size];
        float[] swi = new float[size];
        double sign = settings.phaseSign();
        double power = settings.power();
        ParallelLoop.forEachChunk(size, 0, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                double re = signal[2 * n];
                double im = signal[2 * n + 1];
                double lre = lowPass[2 * n];
                double lim = lowPass[2 * n + 1];
                // s · conj(s_L): its argument is φ − φ_L, computed without dividing by a possibly tiny |s_L|
                double pr = re * lre + im * lim;
                double pi = im * lre - re * lim;
                double phi = pr == 0 && pi == 0 ? 0 : Math.atan2(pi, pr);
                double psi = sign * phi;
                double mask = psi < 0 ? 1 + psi / Math.PI : 1;
                hp[n] = (float) phi;
                f[n] = (float) mask;
                float m = Float.isFinite(magnitude[n]) ? magnitude[n] : 0f;
                swi[n] = (float) (m * Math.pow(mask, power));
            }
        });
        return new Result(swi, f, hp);
    }

    /** F⁻¹[H · F[s]] of an interleaved complex array (a new array; see the class contract for H). */
    public static float[] lowPass(
            float[] signal, VoxelGrid grid, int filterSize, boolean threeD, Cancellation cancellation) {
        if (signal.length != 2 * grid.size()) {
            throw new IllegalArgumentException(
                    "complex signal has " + signal.length + " floats, the grid needs " + 2 * grid.size());
        }
        float[] k = signal.clone();
        int nz = threeD ? grid.nz() : 1; // nz = 1: the slices are consecutive 2-D frames
        FourierTransform.forward(k, grid.nx(), grid.ny(), nz);
        cancellation.throwIfCancelled("SWI low-pass filter");
        double[] hx = hann(grid.nx(), filterSize);
        double[] hy = hann(grid.ny(), filterSize);
        double[] hz = threeD ? hann(grid.nz(), filterSize) : null;
        int nx = grid.nx();
        int ny = grid.ny();
        ParallelLoop.forEachChunk(grid.size(), 0, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                int i = n % nx;
                int j = n / nx % ny;
                double w = hx[i] * hy[j] * (hz == null ? 1 : hz[n / (nx * ny)]);
                k[2 * n] *= (float) w;
                k[2 * n + 1] *= (float) w;
            }
        });
        FourierTransform.inverse(k, grid.nx(), grid.ny(), nz);
        return k;
    }

    /**
     * The Hann window of width w = min(width, n) on the n frequency indices of one axis in FFT order:
     * ½(1 + cos(2πu/w)) for signed index |u| &lt; w/2, else 0.
     */
    static double[] hann(int n, int width) {
        double w = Math.min(width, n);
        double[] h = new double[n];
        for (int q = 0; q < n; q++) {
            int u = q <= n / 2 ? q : q - n;
            h[q] = Math.abs(u) < w / 2 || u == 0 ? 0.5 * (1 + Math.cos(2 * Math.PI * u / w)) : 0;
        }
        return h;
    }
}
