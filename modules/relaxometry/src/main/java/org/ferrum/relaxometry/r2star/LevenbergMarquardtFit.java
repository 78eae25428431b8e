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
package org.ferrum.relaxometry.r2star;

import org.ferrum.core.acquisition.EchoTimes;

/**
 * Nonlinear least squares by Levenberg–Marquardt (Levenberg 1944; Marquardt DW, J Soc Ind Appl Math
 * 1963;11:431–441) of the mono-exponential decay, optionally with a noise-floor model.
 *
 * <p>Contract: minimises Σ_n (s_n − m(TE_n))² over (S0, R2*), starting from another {@link DecayFit} (log-linear or
 * ARLO), where
 * <pre>  m(t) = S0 e^{−R2* t}                          (plain model, σ = 0)
 *   m(t) = √(S0² e^{−2 R2* t} + 2σ²)              (noise-floor model, σ &gt; 0)</pre>
 * The noise-floor model is the root mean square of a Rician magnitude, E[M²] = A² + 2σ² for signal A and noise σ per
 * channel (Gudbjartsson H, Patz S, MRM 1995;34:910–914); using it as the fitted curve keeps late echoes that sit on the
 * floor from flattening the decay (plain exponential fits underestimate high R2* because of that floor, and an offset
 * or noise term is needed: Ghugre NR et al., Improved R2* measurements in myocardial iron overload, JMRI
 * 2006;23:9–16). It is the
 * RMS, not the mean (the mean of pure noise is σ√(π/2) ≈ 1.25σ, the model's floor √2σ ≈ 1.41σ), which leaves a small
 * bias where many echoes lie on the floor; see {@code R2STAR.md}.
 *
 * <p>Algorithm: the 2×2 normal equations (JᵀJ + λ·diag(JᵀJ)) δ = Jᵀr (Marquardt's scaling, so S0 in a.u. and R2* in
 * 1/s need no common units); a step is accepted when it lowers the cost (then λ ← λ/3), else λ ← 10λ. It stops when
 * the accepted step changes S0 and R2* by less than 10⁻⁸ relative (R2* absolute below 10⁻⁸·1 s⁻¹), after
 * {@value #MAX_ITERATIONS} evaluations, or when λ exceeds 10¹² (no descent left). With evenly spaced echoes e^{−R2* TE_n}
 * is formed by the recurrence e_{n+1} = e_n·e^{−R2* ΔTE} (two exponentials per evaluation instead of one per echo).
 * If the start fit fails, the start is S0 = s_0 (the first echo) and R2* = 1/(TE_last − TE_0) (a decay by e over the
 * echo train). S0 is returned as |S0| (the floor model depends on S0² only).
 */
public final class LevenbergMarquardtFit implements DecayFit {

    /** Most model evaluations per voxel. */
    public static final int MAX_ITERATIONS = 100;

    private static final double STEP_TOLERANCE = 1e-8;
    private static final double MAX_DAMPING = 1e12;

    /**
     * The method {@code nlls}: starts from {@link DecayFit.Settings#start} (log-linear when null) and models the noise
     * floor when {@link DecayFit.Settings#noiseSigma} &gt; 0.
     */
    public static final DecayFit.Method METHOD = new DecayFit.Method(
            "nlls",
            2,
            true,
            "Levenberg–Marquardt, optionally with the Rician noise floor",
            (te, settings) -> new LevenbergMarquardtFit(
                    te,
                    (settings.start() == null ? LogLinearFit.METHOD : settings.start()).create(te, settings),
                    settings.noiseSigma()));

    private final double[] te;
    private final boolean even;
    private final double spacing;
    private final DecayFit start;
    private final double floor; // 2σ²

    /**
     * @param echoTimes  TE per echo in seconds, increasing
     * @param start      the fit that gives the starting point (same echo times)
     * @param noiseSigma σ per channel in the signal's unit for the noise-floor model, or 0 for the plain model
     */
    public LevenbergMarquardtFit(double[] echoTimes, DecayFit start, double noiseSigma) {
        EchoTimes times = EchoTimes.ofSeconds(echoTimes);
        if (!(noiseSigma >= 0) || !Double.isFinite(noiseSigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + noiseSigma);
        }
        this.te = times.toSeconds();
        this.even = te.length >= 2 && times.isUniform(1e-9);
        this.spacing = te.length >= 2 ? te[1] - te[0] : 0;
        this.start = start;
        this.floor = 2 * noiseSigma * noiseSigma;
    }

    /** Whether the noise-floor model is fitted (σ &gt; 0). */
    public boolean hasNoiseFloor() {
        return floor > 0;
    }

    @Override
    public int minimumEchoes() {
        return 2;
    }

    @Override
    public boolean fit(double[] signal, int echoes, double[] result) {
        if (echoes < 2) {
            return false;
        }
        double s0;
        double r;
        if (start.fit(signal, echoes, result) && Double.isFinite(result[0]) && Double.isFinite(result[1])) {
            s0 = result[0];
            r = result[1];
        } else {
            s0 = signal[0];
            r = 1 / (te[echoes - 1] - te[0]);
        }
        double cost = Double.POSITIVE_INFINITY;
        double a11 = 0, a12 = 0, a22 = 0, g1 = 0, g2 = 0;
        double lambda = 1e-3;
        double ts0 = s0;
        double tr = r;
        boolean converged = false;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            // evaluate cost, JᵀJ and Jᵀr at the trial point (ts0, tr)
            double c = 0, b11 = 0, b12 = 0, b22 = 0, h1 = 0, h2 = 0;
            double e = Math.exp(-tr * te[0]);
            double q = even ? Math.exp(-tr * spacing) : 0;
            for (int n = 0; n < echoes; n++) {
                if (n > 0) {
                    e = even ? e * q : Math.exp(-tr * te[n]);
                }
                double j1;
                double j2;
                double m;
                if (floor > 0) {
                    double e2 = e * e;
                    m = Math.sqrt(ts0 * ts0 * e2 + floor);
                    j1 = ts0 * e2 / m;
                    j2 = -te[n] * ts0 * j1;
                } else {
                    m = ts0 * e;
                    j1 = e;
                    j2 = -te[n] * m;
                }
                double res = signal[n] - m;
                c += res * res;
                b11 += j1 * j1;
                b12 += j1 * j2;
                b22 += j2 * j2;
                h1 += j1 * res;
                h2 += j2 * res;
            }
            if (c < cost) { // accept (the first evaluation always is, if finite)
                s0 = ts0;
                r = tr;
                cost = c;
                a11 = b11;
                a12 = b12;
                a22 = b22;
                g1 = h1;
                g2 = h2;
                lambda = Math.max(lambda / 3, 1e-12);
                if (converged) {
                    break;
                }
            } else {
                if (it == 0) {
                    return false; // not even the start point has a finite cost
                }
                if (converged) {
                    break; // a negligible step that no longer lowers the cost: at the minimum
                }
                lambda *= 10;
                if (lambda > MAX_DAMPING) {
                    break;
                }
            }
            double d11 = a11 * (1 + lambda);
            double d22 = a22 * (1 + lambda);
            double det = d11 * d22 - a12 * a12;
            if (!(det > 0)) {
                break;
            }
            double ds0 = (g1 * d22 - a12 * g2) / det;
            double dr = (d11 * g2 - a12 * g1) / det;
            ts0 = s0 + ds0;
            tr = r + dr;
            converged = Math.abs(ds0) <= STEP_TOLERANCE * Math.abs(s0)
                    && Math.abs(dr) <= STEP_TOLERANCE * Math.max(Math.abs(r), 1);
        }
        result[0] = Math.abs(s0);
        result[1] = r;
        return Double.isFinite(cost) && Double.isFinite(s0) && Double.isFinite(r);
    }
}
