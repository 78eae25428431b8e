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
 * ARLO, auto-regression on linear operations (Pei M, Nguyen TD, Thimmappa ND, et al. Algorithm for fast
 * monoexponential fitting based on Auto-Regression on Linear Operations (ARLO) of data. MRM 2015;73:843–850): a
 * closed-form R2* from the integral of the decay over consecutive echo triples.
 *
 * <p>Contract: for echoes evenly spaced by ΔTE, the exact identity ∫_{TE_i}^{TE_{i+2}} S dt = T2*·(s_i − s_{i+2})
 * holds for S = S0 e^{−t/T2*}; the integral is approximated by Simpson's rule, S_i = (ΔTE/3)(s_i + 4s_{i+1} + s_{i+2}),
 * and with δ_i = s_i − s_{i+2} (i = 0 … N−3) the estimate is
 * <pre>  T2* = (Σ S_i² + (ΔTE/3) Σ S_i δ_i) / ((ΔTE/3) Σ δ_i² + Σ S_i δ_i),     R2* = 1/T2*</pre>
 * which minimises Σ (T2*·δ_i − S_i)² / (T2* + ΔTE/3)², the squared error of predicting each triple's third echo
 * from the first two by the recursion S_i = T2*·δ_i solved for s_{i+2} (our derivation of Pei et al.'s estimator).
 * S0 then follows from linear least squares with R2* fixed: S0 = Σ s_n e^{−R2* TE_n} / Σ e^{−2 R2* TE_n}. Needs ≥ 3 echoes.
 *
 * <p>Known discretisation bias: Simpson's rule is not exact for an exponential, so even noiseless data give the
 * apparent T2*_app = (ΔTE/3)(1 + 4q + q²)/(1 − q²), q = e^{−R2*·ΔTE} (every triple gives the same ratio S_i/δ_i),
 * i.e. R2* too low by 5·10⁻⁶ % at 50 s⁻¹, 0.001 % at 200 s⁻¹, 0.10 % at 600 s⁻¹ and 0.70 % at 1000 s⁻¹ for
 * ΔTE = 1.1 ms (for small R2*·ΔTE the relative error is about −(R2*·ΔTE)⁴/180). It is not corrected here.
 *
 * <p>Unevenly spaced echoes are REFUSED (constructor throws), not refitted by another method: Simpson's weights
 * 1-4-1 assume equal spacing, and a silent fallback would hide which method made the map; use
 * {@link LogLinearFit} or {@link LevenbergMarquardtFit} for such data. Spacing counts as even when consecutive gaps
 * differ by at most 0.1 % of the mean gap ({@link EchoTimes#isUniform}).
 */
public final class ArloFit implements DecayFit {

    /** Relative tolerance of the even-spacing test (as {@link EchoTimes#spacing()} uses). */
    public static final double SPACING_TOLERANCE = 1e-3;

    /** The method {@code arlo}: at least 3 evenly spaced echoes. */
    public static final DecayFit.Method METHOD = new DecayFit.Method(
            "arlo",
            3,
            false,
            "ARLO (Pei et al., MRM 2015), at least 3 evenly spaced echoes",
            (te, settings) -> new ArloFit(te));

    private final double[] te;
    private final double third;

    /**
     * @param echoTimes TE per echo in seconds, increasing and evenly spaced, at least 3
     * @throws IllegalArgumentException naming the echo times if they are fewer than 3 or unevenly spaced
     */
    public ArloFit(double[] echoTimes) {
        EchoTimes times = EchoTimes.ofSeconds(echoTimes);
        if (times.count() < 3) {
            throw new IllegalArgumentException("ARLO needs at least 3 evenly spaced echoes, got " + times.count() + " ("
                    + times + "); use loglinear or nlls");
        }
        if (!times.isUniform(SPACING_TOLERANCE)) {
            throw new IllegalArgumentException("ARLO needs evenly spaced echoes (Simpson's rule), but " + times
                    + " are unevenly spaced; use loglinear or nlls for these echo times");
        }
        this.te = times.toSeconds();
        this.third = times.spacing() / 3;
    }

    @Override
    public int minimumEchoes() {
        return 3;
    }

    @Override
    public boolean fit(double[] signal, int echoes, double[] result) {
        if (echoes < 3) {
            return false;
        }
        double ss = 0, sd = 0, dd = 0;
        double a = signal[0];
        double b = signal[1];
        for (int i = 2; i < echoes; i++) {
            double c = signal[i];
            double integral = third * (a + 4 * b + c);
            double delta = a - c;
            ss += integral * integral;
            sd += integral * delta;
            dd += delta * delta;
            a = b;
            b = c;
        }
        double numerator = ss + third * sd; // ∝ T2*
        double denominator = third * dd + sd;
        if (!(numerator > 0) || !Double.isFinite(denominator)) {
            return false;
        }
        double r2star = denominator / numerator;
        double se = 0, ee = 0;
        double e = Math.exp(-r2star * te[0]);
        double q = Math.exp(-r2star * 3 * third); // e^{−R2* ΔTE}: the echoes are evenly spaced, so no exp per echo
        for (int n = 0; n < echoes; n++) {
            se += signal[n] * e;
            ee += e * e;
            e *= q;
        }
        result[0] = se / ee;
        result[1] = r2star;
        return Double.isFinite(result[0]) && Double.isFinite(r2star) && ee > 0;
    }
}
