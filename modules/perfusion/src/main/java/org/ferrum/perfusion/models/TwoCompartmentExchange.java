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
 * The two-compartment exchange model (2CXM; Brix et al., MRM 2004; Sourbron &amp; Buckley, MRM 2011 and NMR Biomed
 * 2013). Plasma (vp) and interstitium (ve) exchange with permeability–surface area product PS; plasma flow Fp feeds the
 * plasma. With F = Fp/100 (1/min):
 *
 * <pre>
 *   C(t) = F·[A·(C_p ⊗ e^{−αt}) + (1 − A)·(C_p ⊗ e^{−βt})],
 *   α, β = (K ± √(K² − 4P))/2,  K = (F + PS)/vp + PS/ve,  P = F·PS/(vp·ve),  A = (α − κ)/(α − β),  κ = PS/vp + PS/ve.
 * </pre>
 *
 * (Derived here from the compartments' Laplace transform; it equals Sourbron &amp; Buckley's form.) β is taken as P/α,
 * which keeps its digits when PS is small. The Jacobian follows by the chain rule through K, P and κ.
 *
 * <p>Bounds (the OSIPI suite's where they are defined): vp 0.001–1 (start 0.01), ve 0.001–1 (0.2), Fp 0.1–200
 * ml/100 ml/min (20), PS 0–5 1/min (0.6); vp, ve and Fp keep a small positive floor because the rates divide by them.
 * Starts: the suite's values, three derived from the extended-Tofts linear estimate (Ktrans = E·Fp with Fp = 10, 30,
 * 80) and a grid ve × Fp × PS = {0.1, 0.3} × {5, 20, 60} × {0.05, 0.3} with vp from that estimate; the fit refines
 * the best few of them.
 */
public final class TwoCompartmentExchange implements TracerKineticModel {

    static final KineticParameter VP =
            new KineticParameter("vp", "v_p", PhysicalUnit.DIMENSIONLESS, 1e-3, 1, 0.01, "plasma volume fraction vp");
    static final KineticParameter VE = Tofts.VE;
    static final KineticParameter FP = new KineticParameter(
            "fp", "F_p", PhysicalUnit.ML_PER_100ML_PER_MINUTE, 0.1, 200, 20, "plasma flow Fp, ml/100 ml/min");
    static final KineticParameter PS = new KineticParameter(
            "ps", "PS", PhysicalUnit.PER_MINUTE, 0, 5, 0.6, "permeability-surface area product PS, 1/min");

    private static final double[] DERIVED_FLOWS = {10, 30, 80};
    private static final double[] GRID_VE = {0.1, 0.3};
    private static final double[] GRID_FP = {5, 20, 60};
    private static final double[] GRID_PS = {0.05, 0.3};

    @Override
    public String name() {
        return "2cxm";
    }

    @Override
    public String displayName() {
        return "Two-compartment exchange (2CXM)";
    }

    @Override
    public List<KineticParameter> parameters() {
        return List.of(VP, VE, FP, PS);
    }

    @Override
    public void evaluate(
            double[] theta, double[] cp, ModelWorkspace work, double[] out, double[] jacobian, int stride) {
        double vp = theta[0];
        double ve = theta[1];
        double f = theta[2] / 100;
        double ps = theta[3];
        double k = (f + ps) / vp + ps / ve;
        double p = f * ps / (vp * ve);
        double kappa = ps / vp + ps / ve;
        double s = Math.sqrt(Math.max(k * k - 4 * p, 0));
        double alpha = (k + s) / 2;
        double beta = alpha > 0 ? p / alpha : 0;
        double a = s > 0 ? (alpha - kappa) / s : 1;
        boolean withJ = jacobian != null;
        work.convolution.convolve(cp, alpha, work.f1, withJ ? work.df1 : null);
        work.convolution.convolve(cp, beta, work.f2, withJ ? work.df2 : null);
        double[] fa = work.f1;
        double[] fb = work.f2;
        int n = work.n;
        for (int i = 0; i < n; i++) {
            out[i] = f * (a * fa[i] + (1 - a) * fb[i]);
        }
        if (!withJ) {
            return;
        }
        double[] dfa = work.df1;
        double[] dfb = work.df2;
        double vv = vp * ve;
        for (int j = 0; j < 4; j++) {
            double dK;
            double dP;
            double dKappa;
            double dF = 0;
            switch (j) {
                case 0 -> {
                    dK = -(f + ps) / (vp * vp);
                    dP = -p / vp;
                    dKappa = -ps / (vp * vp);
                }
                case 1 -> {
                    dK = -ps / (ve * ve);
                    dP = -p / ve;
                    dKappa = -ps / (ve * ve);
                }
                case 2 -> {
                    dK = 0.01 / vp;
                    dP = 0.01 * ps / vv;
                    dKappa = 0;
                    dF = 0.01;
                }
                default -> {
                    dK = 1 / vp + 1 / ve;
                    dP = f / vv;
                    dKappa = 1 / vp + 1 / ve;
                }
            }
            double dS = s > 0 ? (k * dK - 2 * dP) / s : 0;
            double dAlpha = (dK + dS) / 2;
            double dBeta = alpha > 0 ? (dP - beta * dAlpha) / alpha : 0;
            double dA = s > 0 ? ((dAlpha - dKappa) * s - (alpha - kappa) * dS) / (s * s) : 0;
            for (int i = 0; i < n; i++) {
                jacobian[i * stride + j] = dF * (a * fa[i] + (1 - a) * fb[i])
                        + f * (dA * (fa[i] - fb[i]) + a * dfa[i] * dAlpha + (1 - a) * dfb[i] * dBeta);
            }
        }
    }

    @Override
    public int startCount() {
        return 1 + DERIVED_FLOWS.length + GRID_VE.length * GRID_FP.length * GRID_PS.length;
    }

    @Override
    public void start(int s, double[] tissue, double[] cp, ModelWorkspace work, double[] theta) {
        if (s == 0) {
            TracerKineticModel.super.start(0, tissue, cp, work, theta);
            return;
        }
        double[] et = work.coefficients.clone();
        Tofts.murase(tissue, cp, work, et, true);
        double vp = VP.clamp(et[2]);
        if (s <= DERIVED_FLOWS.length) {
            double fp = DERIVED_FLOWS[s - 1];
            double f = fp / 100;
            double ktrans = Math.min(et[0], 0.9 * f);
            theta[0] = vp;
            theta[1] = VE.clamp(et[1]);
            theta[2] = fp;
            theta[3] = PS.clamp(ktrans * f / (f - ktrans));
            return;
        }
        int g = s - 1 - DERIVED_FLOWS.length;
        theta[0] = vp;
        theta[1] = GRID_VE[g % GRID_VE.length];
        theta[2] = GRID_FP[(g / GRID_VE.length) % GRID_FP.length];
        theta[3] = GRID_PS[g / (GRID_VE.length * GRID_FP.length)];
    }
}
