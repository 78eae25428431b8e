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
package org.ferrum.diffusion;

import org.ferrum.core.fit.FitModel;

/**
 * The mono-exponential diffusion signal S(b) = S0·e^{−b·D}, optionally seen through the Rician noise floor.
 *
 * <p>Contract: parameters p = (S0 [signal unit], D [mm²/s]) at the b-values given (s/mm²); the model value is
 * <pre>  m(b) = S0 e^{−bD}                       (σ = 0)
 *   m(b) = √(S0² e^{−2bD} + 2σ²)             (σ &gt; 0)</pre>
 * The second is the root mean square of a Rician magnitude, E[M²] = A² + 2σ² (Gudbjartsson H, Patz S, MRM
 * 1995;34:910–914), the same noise-floor model as the R2* fit ({@code LevenbergMarquardtFit} in relaxometry):
 * high b-values whose signal has sunk to the floor then no longer pull D down. Used by {@link AdcFit} and by the
 * first step of the segmented {@link IvimFit}. One instance per thread.
 */
public final class MonoExponentialModel implements FitModel {

    private final double[] b;
    private final double floor;

    /**
     * @param bValues the b-values in s/mm²
     * @param noiseSigma σ per channel in the signal's unit, or 0 for the plain model
     */
    public MonoExponentialModel(double[] bValues, double noiseSigma) {
        this.b = bValues.clone();
        this.floor = 2 * noiseSigma * noiseSigma;
    }

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public int sampleCount() {
        return b.length;
    }

    @Override
    public void evaluate(double[] p, double[] y, double[] jacobian) {
        double s0 = p[0];
        double d = p[1];
        for (int i = 0; i < b.length; i++) {
            double e = Math.exp(-b[i] * d);
            double s = s0 * e;
            double scale = 1;
            if (floor > 0) {
                double m = Math.sqrt(s * s + floor);
                scale = s / m;
                y[i] = m;
            } else {
                y[i] = s;
            }
            if (jacobian != null) {
                jacobian[2 * i] = scale * e;
                jacobian[2 * i + 1] = -scale * b[i] * s;
            }
        }
    }

    /**
     * The weighted log-linear estimate: ln S regressed on b with weights S² (the variance of ln S is ≈ σ²/S²), over
     * the samples with S &gt; 0. Writes (S0, D) into {@code out}; false (out untouched) when fewer than two samples
     * are positive or their b-values are all equal.
     */
    public static boolean logLinear(double[] b, double[] signal, int[] use, double[] out) {
        double sw = 0, sb = 0, sy = 0, sbb = 0, sby = 0;
        int n = 0;
        for (int k = 0; k < use.length; k++) {
            int i = use[k];
            double s = signal[i];
            if (!(s > 0)) {
                continue;
            }
            double w = s * s;
            double y = Math.log(s);
            sw += w;
            sb += w * b[i];
            sy += w * y;
            sbb += w * b[i] * b[i];
            sby += w * b[i] * y;
            n++;
        }
        double det = sw * sbb - sb * sb;
        if (n < 2 || !(det > 1e-12 * sw * sbb)) {
            return false;
        }
        double slope = (sw * sby - sb * sy) / det;
        double intercept = (sy - slope * sb) / sw;
        out[0] = Math.exp(intercept);
        out[1] = -slope;
        return Double.isFinite(out[0]) && Double.isFinite(out[1]);
    }
}
