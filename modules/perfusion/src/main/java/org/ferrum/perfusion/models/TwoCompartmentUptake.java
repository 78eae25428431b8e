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

/**
 * The two-compartment uptake model (2CUM; Sourbron et al., MRM 2009; Sourbron &amp; Buckley, NMR Biomed 2013): plasma
 * flow Fp into a plasma compartment vp from which tracer leaves into an interstitium with PS and does not return.
 * With F = Fp/100 (1/min), E = PS/(F + PS) and k = (F + PS)/vp:
 *
 * <pre>
 *   C(t) = F·(1 − E)·(C_p ⊗ e^{−kt})(t) + F·E·∫₀ᵗ C_p dτ.
 * </pre>
 *
 * Bounds: vp 0.001–1 (start 0.01), Fp 0.1–200 ml/100 ml/min (20), PS 0–5 1/min (0.6). Starts: those, and a grid
 * Fp × PS = {5, 20, 60} × {0.02, 0.2} with vp from the Patlak estimate; the fit refines the best few.
 */
public final class TwoCompartmentUptake implements TracerKineticModel {

    private static final double[] GRID_FP = {5, 20, 60};
    private static final double[] GRID_PS = {0.02, 0.2};

    @Override
    public String name() {
        return "2cum";
    }

    @Override
    public String displayName() {
        return "Two-compartment uptake (2CUM)";
    }

    @Override
    public List<KineticParameter> parameters() {
        return List.of(TwoCompartmentExchange.VP, TwoCompartmentExchange.FP, TwoCompartmentExchange.PS);
    }

    @Override
    public void evaluate(
            double[] theta, double[] cp, ModelWorkspace work, double[] out, double[] jacobian, int stride) {
        double vp = theta[0];
        double f = theta[1] / 100;
        double ps = theta[2];
        double sum = f + ps;
        double k = sum / vp;
        double a = f * f / sum;
        double b = f * ps / sum;
        boolean withJ = jacobian != null;
        double[] conv = work.f1;
        double[] dconv = work.df1;
        double[] integral = work.f2;
        work.convolution.convolve(cp, k, conv, withJ ? dconv : null);
        work.runningIntegral(cp, integral);
        int n = work.n;
        for (int i = 0; i < n; i++) {
            out[i] = a * conv[i] + b * integral[i];
        }
        if (!withJ) {
            return;
        }
        double s2 = sum * sum;
        double daDf = f * (f + 2 * ps) / s2;
        double dbDf = ps * ps / s2;
        double daDps = -f * f / s2;
        double dbDps = f * f / s2;
        for (int i = 0; i < n; i++) {
            double dk = a * dconv[i];
            jacobian[i * stride] = dk * (-k / vp);
            jacobian[i * stride + 1] = 0.01 * (daDf * conv[i] + dk / vp + dbDf * integral[i]);
            jacobian[i * stride + 2] = daDps * conv[i] + dk / vp + dbDps * integral[i];
        }
    }

    @Override
    public int startCount() {
        return 1 + GRID_FP.length * GRID_PS.length;
    }

    @Override
    public void start(int s, double[] tissue, double[] cp, ModelWorkspace work, double[] theta) {
        if (s == 0) {
            TracerKineticModel.super.start(0, tissue, cp, work, theta);
            return;
        }
        double[] patlak = new double[2];
        new Patlak().start(0, tissue, cp, work, patlak);
        int g = s - 1;
        theta[0] = TwoCompartmentExchange.VP.clamp(patlak[1]);
        theta[1] = GRID_FP[g % GRID_FP.length];
        theta[2] = GRID_PS[g / GRID_FP.length];
    }
}
