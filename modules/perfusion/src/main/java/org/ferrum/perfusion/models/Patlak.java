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

import java.util.List;
import org.ferrum.core.PhysicalUnit;

/**
 * The Patlak model (Patlak, Blasberg &amp; Fenstermacher, J Cereb Blood Flow Metab 1983; Sourbron &amp; Buckley, NMR
 * Biomed 2013): C(t) = vp·C_p(t) + Ktrans·∫₀ᵗ C_p dτ, irreversible uptake (no backflux). Ktrans here is Patlak's
 * K_i (the OSIPI suite's column {@code ps}).
 *
 * <p>The model is linear in its parameters: the start is its exact unconstrained least-squares solution, clamped.
 */
public final class Patlak implements TracerKineticModel {

    static final KineticParameter KTRANS = new KineticParameter(
            "ktrans", "Ktrans", PhysicalUnit.PER_MINUTE, 0, 5, 0.6, "Patlak uptake rate Ktrans (K_i), 1/min");

    @Override
    public String name() {
        return "patlak";
    }

    @Override
    public String displayName() {
        return "Patlak";
    }

    @Override
    public List<KineticParameter> parameters() {
        return List.of(KTRANS, Tofts.VP);
    }

    @Override
    public void evaluate(
            double[] theta, double[] cp, ModelWorkspace work, double[] out, double[] jacobian, int stride) {
        double[] integral = work.f1;
        work.runningIntegral(cp, integral);
        int n = work.n;
        for (int i = 0; i < n; i++) {
            out[i] = theta[0] * integral[i] + theta[1] * cp[i];
        }
        if (jacobian != null) {
            for (int i = 0; i < n; i++) {
                jacobian[i * stride] = integral[i];
                jacobian[i * stride + 1] = cp[i];
            }
        }
    }

    @Override
    public void start(int s, double[] tissue, double[] cp, ModelWorkspace work, double[] theta) {
        work.runningIntegral(cp, work.integral);
        double[][] cols = work.columns;
        cols[0] = work.integral;
        cols[1] = cp;
        double[] x = work.coefficients;
        double sse = work.leastSquares(tissue, cols, 2, x);
        theta[0] = Double.isFinite(sse) ? KTRANS.clamp(x[0]) : KTRANS.start();
        theta[1] = Double.isFinite(sse) ? Tofts.VP.clamp(x[1]) : Tofts.VP.start();
    }
}
