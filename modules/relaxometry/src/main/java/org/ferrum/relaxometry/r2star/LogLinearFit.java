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
 * Weighted log-linear least squares: the straight line ln S(t) = ln S0 − R2*·t fitted to ln|S(TE_n)|.
 *
 * <p>Contract: minimises Σ_n w_n (ln s_n − ln S0 + R2*·TE_n)² over ln S0 and R2* with weights w_n = s_n², in closed
 * form (the weighted regression slope and intercept). Echoes with s_n ≤ 0 (or NaN) carry no weight. Needs two echoes
 * with positive signal; exact (to rounding) on noiseless mono-exponential data.
 *
 * <p>Why the weights s²: taking the logarithm turns additive noise of SD σ into var(ln s) ≈ σ²/s² (first-order error
 * propagation), so late, weak echoes are far noisier after the transform; the inverse-variance weights are s²/σ², and
 * σ cancels. Unweighted log-linear fits are the textbook example of this bias (Bevington &amp; Robinson, Data
 * Reduction and Error Analysis, ch. 6; for R2*: Pei M et al., MRM 2015;73:843–850, who compare it with ARLO and
 * NLLS). The weights do not remove the Rician noise floor: where late echoes sit on it, the slope is too shallow and
 * R2* too low, which echo truncation ({@link R2StarMapping}) limits.
 */
public final class LogLinearFit implements DecayFit {

    /** The method {@code loglinear}: weighted, any echo times. */
    public static final DecayFit.Method METHOD = new DecayFit.Method(
            "loglinear",
            2,
            false,
            "weighted log-linear least squares (weights S²), any echo times",
            (te, settings) -> new LogLinearFit(te));

    private final double[] te;

    /** @param echoTimes TE per echo in seconds, increasing */
    public LogLinearFit(double[] echoTimes) {
        this.te = EchoTimes.ofSeconds(echoTimes).toSeconds(); // validates: positive, increasing, seconds
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
        double sw = 0, swt = 0, swy = 0, swtt = 0, swty = 0;
        int used = 0;
        for (int n = 0; n < echoes; n++) {
            double s = signal[n];
            if (!(s > 0)) {
                continue;
            }
            double w = s * s;
            double y = Math.log(s);
            double t = te[n];
            sw += w;
            swt += w * t;
            swy += w * y;
            swtt += w * t * t;
            swty += w * t * y;
            used++;
        }
        double det = sw * swtt - swt * swt;
        if (used < 2 || !(det > 0)) {
            return false;
        }
        double slope = (sw * swty - swt * swy) / det;
        double intercept = (swy - slope * swt) / sw;
        result[0] = Math.exp(intercept);
        result[1] = -slope;
        return Double.isFinite(result[0]) && Double.isFinite(result[1]);
    }
}
