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
 * The standard Tofts model (Tofts &amp; Kermode, MRM 1991; Tofts et al., JMRI 1999):
 * C(t) = Ktrans·(C_p ⊗ e^{−kep·t})(t), kep = Ktrans/ve.
 *
 * <p>Start: the linearised form C = Ktrans·∫C_p − kep·∫C (Murase, MRM 2004) solved by least squares, clamped into
 * the bounds; the fixed starts where that fails. ve's lower bound is 0.001 rather than the suite's 0 because
 * kep = Ktrans/ve is undefined at 0.
 */
public final class Tofts implements TracerKineticModel {

    static final KineticParameter KTRANS = new KineticParameter(
            "ktrans", "Ktrans", PhysicalUnit.PER_MINUTE, 0, 5, 0.6, "volume transfer constant Ktrans, 1/min");
    static final KineticParameter VE = new KineticParameter(
            "ve", "v_e", PhysicalUnit.DIMENSIONLESS, 1e-3, 1, 0.2, "extravascular extracellular volume fraction ve");
    static final KineticParameter VP =
            new KineticParameter("vp", "v_p", PhysicalUnit.DIMENSIONLESS, 0, 1, 0.01, "plasma volume fraction vp");
    static final KineticParameter KEP = new KineticParameter(
            "kep", "k_ep", PhysicalUnit.PER_MINUTE, 0, 5000, 3, "rate constant kep = Ktrans/ve, 1/min");

    @Override
    public String name() {
        return "tofts";
    }

    @Override
    public String displayName() {
        return "Tofts";
    }

    @Override
    public List<KineticParameter> parameters() {
        return List.of(KTRANS, VE);
    }

    @Override
    public void evaluate(
            double[] theta, double[] cp, ModelWorkspace work, double[] out, double[] jacobian, int stride) {
        toftsTerm(theta[0], theta[1], cp, work, out, jacobian, stride);
    }

    /** out = Ktrans·(C_p ⊗ e^{−kep t}); Jacobian columns 0 (Ktrans) and 1 (ve). */
    static void toftsTerm(
            double ktrans, double ve, double[] cp, ModelWorkspace work, double[] out, double[] jacobian, int stride) {
        double kep = ktrans / ve;
        double[] f = work.f1;
        double[] df = work.df1;
        work.convolution.convolve(cp, kep, f, jacobian == null ? null : df);
        int n = work.n;
        for (int i = 0; i < n; i++) {
            out[i] = ktrans * f[i];
        }
        if (jacobian != null) {
            double dkDk = 1 / ve;
            double dkDv = -kep / ve;
            for (int i = 0; i < n; i++) {
                jacobian[i * stride] = f[i] + ktrans * df[i] * dkDk;
                jacobian[i * stride + 1] = ktrans * df[i] * dkDv;
            }
        }
    }

    @Override
    public void start(int s, double[] tissue, double[] cp, ModelWorkspace work, double[] theta) {
        murase(tissue, cp, work, theta, false);
    }

    /**
     * Murase's linear least squares: C = (Ktrans + kep·vp)·∫C_p − kep·∫C (+ vp·C_p) into theta = {Ktrans, ve(, vp)},
     * clamped; the fixed starts if kep ≤ 0 or the system is degenerate.
     */
    static void murase(double[] tissue, double[] cp, ModelWorkspace work, double[] theta, boolean withVp) {
        work.runningIntegral(cp, work.integral);
        work.runningIntegral(tissue, work.integralTissue);
        double[][] cols = work.columns;
        cols[0] = work.integral;
        cols[1] = work.integralTissue;
        cols[2] = cp;
        double[] x = work.coefficients;
        double sse = work.leastSquares(tissue, cols, withVp ? 3 : 2, x);
        double kep = -x[1];
        double vp = withVp ? x[2] : 0;
        double ktrans = x[0] - kep * vp;
        double ve = ktrans / kep;
        if (Double.isFinite(sse) && kep > 0 && ktrans > 0 && Double.isFinite(ve)) {
            theta[0] = KTRANS.clamp(ktrans);
            theta[1] = VE.clamp(ve);
        } else {
            theta[0] = KTRANS.start();
            theta[1] = VE.start();
        }
        if (withVp) {
            theta[2] = Double.isFinite(sse) ? VP.clamp(vp) : VP.start();
        }
    }

    @Override
    public List<KineticParameter> derived() {
        return List.of(KEP);
    }

    @Override
    public void derive(double[] theta, double[] out) {
        out[0] = theta[0] / theta[1];
    }
}
