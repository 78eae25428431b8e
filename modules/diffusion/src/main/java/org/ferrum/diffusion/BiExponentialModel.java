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
 * The intravoxel incoherent motion (IVIM) signal, bi-exponential in b (Le Bihan D et al., Separation of diffusion and
 * perfusion in intravoxel incoherent motion MR imaging, Radiology 1988;168:497–505):
 * <pre>  S(b) = S0 [(1 − f) e^{−bD} + f e^{−bD*}]</pre>
 * with D the tissue diffusion coefficient and D* the pseudo-diffusion coefficient of the perfusing blood (both mm²/s),
 * f the perfusion fraction, b in s/mm². With σ &gt; 0 the model is seen through the Rician noise floor as
 * √(S² + 2σ²), as in {@link MonoExponentialModel}.
 *
 * <p>Contract: parameters p = (S0, f, D, D*); the Jacobian is ∂S/∂S0 = (1−f)e^{−bD} + f e^{−bD*}, ∂S/∂f = S0(e^{−bD*} −
 * e^{−bD}), ∂S/∂D = −b S0 (1−f) e^{−bD}, ∂S/∂D* = −b S0 f e^{−bD*} (times S/√(S² + 2σ²) with the floor). One instance
 * per thread.
 */
public final class BiExponentialModel implements FitModel {

    private final double[] b;
    private final double floor;

    /**
     * @param bValues the b-values in s/mm²
     * @param noiseSigma σ per channel in the signal's unit, or 0 for the plain model
     */
    public BiExponentialModel(double[] bValues, double noiseSigma) {
        this.b = bValues.clone();
        this.floor = 2 * noiseSigma * noiseSigma;
    }

    /** S(b) without noise. */
    public static double signal(double b, double s0, double f, double d, double dStar) {
        return s0 * ((1 - f) * Math.exp(-b * d) + f * Math.exp(-b * dStar));
    }

    @Override
    public int parameterCount() {
        return 4;
    }

    @Override
    public int sampleCount() {
        return b.length;
    }

    @Override
    public void evaluate(double[] p, double[] y, double[] jacobian) {
        double s0 = p[0];
        double f = p[1];
        double d = p[2];
        double ds = p[3];
        for (int i = 0; i < b.length; i++) {
            double e1 = Math.exp(-b[i] * d);
            double e2 = Math.exp(-b[i] * ds);
            double shape = (1 - f) * e1 + f * e2;
            double s = s0 * shape;
            double scale = 1;
            if (floor > 0) {
                double m = Math.sqrt(s * s + floor);
                scale = s / m;
                y[i] = m;
            } else {
                y[i] = s;
            }
            if (jacobian != null) {
                int r = 4 * i;
                jacobian[r] = scale * shape;
                jacobian[r + 1] = scale * s0 * (e2 - e1);
                jacobian[r + 2] = -scale * b[i] * s0 * (1 - f) * e1;
                jacobian[r + 3] = -scale * b[i] * s0 * f * e2;
            }
        }
    }
}
