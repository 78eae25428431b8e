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
package org.ferrum.perfusion.models;

/**
 * The convolution F(t) = ∫₀ᵗ c(τ)·e^{−k(t−τ)} dτ of a curve c sampled at (possibly nonuniform) times t₀ &lt; t₁ &lt; … and
 * taken as linear between samples (zero before t₀), evaluated exactly at the sample times, with its derivative ∂F/∂k.
 *
 * <p>Method: the exact recursion for piecewise-linear input (Flouri, Lesbats &amp; Sourbron, "Tracer-kinetic model-driven
 * motion correction with application to renal DCE-MRI", MRM 2016, appendix; also the OSIPI code collection's
 * exponential convolution). With Δ = t_{i+1} − t_i, u = t_{i+1} − τ and c linear on the interval,
 *
 * <pre>
 *   F_{i+1} = e^{−kΔ}·F_i + c_{i+1}·(E₀ − E₁/Δ) + c_i·E₁/Δ,       E_n = ∫₀^Δ uⁿ e^{−ku} du,
 *   ∂F_{i+1}/∂k = e^{−kΔ}·(∂F_i/∂k − Δ·F_i) − c_{i+1}·(E₁ − E₂/Δ) − c_i·E₂/Δ     (∂E_n/∂k = −E_{n+1}).
 * </pre>
 *
 * E_n is taken in closed form for kΔ ≥ 0.5 and from its power series Δ^{n+1}·Σ_j (−kΔ)^j/(j!(n+j+1)) below, so k = 0
 * (the running integral) and small k lose no digits. On a uniform grid the four weights are computed once per call
 * (one exponential per convolution); on a nonuniform one, once per interval.
 *
 * <p>Times are in the unit of 1/k (the models use minutes). One instance per thread: it has no per-call allocation.
 */
public final class ExponentialConvolution {

    private static final double SERIES_BELOW = 0.5;
    private static final int SERIES_TERMS = 18;
    private static final double[] INVERSE = new double[SERIES_TERMS + 3];

    static {
        for (int j = 0; j < INVERSE.length; j++) {
            INVERSE[j] = 1.0 / (j + 1);
        }
    }

    private final double[] times;
    private final double[] steps;
    private final boolean uniform;
    private final int n;

    /** @param times sample times, strictly increasing (the unit of 1/k) */
    public ExponentialConvolution(double[] times) {
        if (times.length < 2) {
            throw new IllegalArgumentException("a convolution needs at least 2 samples, got " + times.length);
        }
        this.times = times.clone();
        n = times.length;
        steps = new double[n - 1];
        boolean same = true;
        for (int i = 0; i < n - 1; i++) {
            steps[i] = times[i + 1] - times[i];
            if (!(steps[i] > 0)) {
                throw new IllegalArgumentException(
                        "times must increase: sample " + (i + 1) + " at " + times[i + 1] + " is not after " + times[i]);
            }
            same &= Math.abs(steps[i] - steps[0]) <= 1e-9 * steps[0];
        }
        uniform = same;
    }

    /** The sample times (a copy). */
    public double[] times() {
        return times.clone();
    }

    /** Number of samples. */
    public int size() {
        return n;
    }

    /** Whether the samples are equally spaced (one exponential per convolution). */
    public boolean uniform() {
        return uniform;
    }

    /**
     * F = c ⊗ e^{−kt} at the sample times and, when {@code dfdk} is not null, ∂F/∂k.
     *
     * @param c the input at the sample times (linear between them, 0 before the first)
     * @param k the rate, ≥ 0
     * @param f out: F (length ≥ size)
     * @param dfdk out: ∂F/∂k, or null
     */
    public void convolve(double[] c, double k, double[] f, double[] dfdk) {
        f[0] = 0;
        if (dfdk != null) {
            dfdk[0] = 0;
        }
        double decay = 0;
        double wNext = 0;
        double wPrev = 0;
        double dNext = 0;
        double dPrev = 0;
        if (uniform) {
            double d = steps[0];
            weights(k, d);
            decay = wDecay;
            wNext = wN;
            wPrev = wP;
            dNext = dN;
            dPrev = dP;
        }
        double fi = 0;
        double gi = 0;
        for (int i = 0; i < n - 1; i++) {
            double d = steps[i];
            if (!uniform) {
                weights(k, d);
                decay = wDecay;
                wNext = wN;
                wPrev = wP;
                dNext = dN;
                dPrev = dP;
            }
            double f1 = decay * fi + c[i + 1] * wNext + c[i] * wPrev;
            if (dfdk != null) {
                gi = decay * (gi - d * fi) - c[i + 1] * dNext - c[i] * dPrev;
                dfdk[i + 1] = gi;
            }
            fi = f1;
            f[i + 1] = f1;
        }
    }

    private double wDecay;
    private double wN;
    private double wP;
    private double dN;
    private double dP;

    /** Sets the recursion's weights for rate k over an interval d (fields, so that nothing is allocated). */
    private void weights(double k, double d) {
        double x = k * d;
        double e0;
        double e1;
        double e2;
        double decay = Math.exp(-x);
        if (x < SERIES_BELOW) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double term = 1; // (−x)^j / j!
            for (int j = 0; j < SERIES_TERMS && Math.abs(term) > 1e-18; j++) {
                s0 += term * INVERSE[j];
                s1 += term * INVERSE[j + 1];
                s2 += term * INVERSE[j + 2];
                term *= -x * INVERSE[j];
            }
            e0 = d * s0;
            e1 = d * d * s1;
            e2 = d * d * d * s2;
        } else {
            double k2 = k * k;
            e0 = (1 - decay) / k;
            e1 = (1 - decay * (1 + x)) / k2;
            e2 = (2 - decay * (2 + 2 * x + x * x)) / (k2 * k);
        }
        wDecay = decay;
        wN = e0 - e1 / d;
        wP = e1 / d;
        dN = e1 - e2 / d;
        dP = e2 / d;
    }
}
