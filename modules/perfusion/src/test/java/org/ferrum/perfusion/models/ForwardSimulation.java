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
 * An independent forward simulation for the tests: an analytic AIF C_p(s) = Σ A_i·s·e^{−μ_i s} (s = t − t₀ in
 * minutes, 0 before t₀; a fast bolus and a slow washout) whose convolution with e^{−kt} is known in closed form, and
 * for the two-compartment models the compartment ODEs integrated by RK4 on a 0.01 s step (no convolution, no
 * α/β formula). Nothing here shares code or discretisation with the fitted models.
 */
public final class ForwardSimulation {

    static final double ONSET = 20; // s
    static final double[] A = {60, 1.0}; // mM/min
    static final double[] MU = {10, 0.5}; // 1/min

    private ForwardSimulation() {}

    /** C_p(t), t in s. */
    public static double cp(double t) {
        double s = (t - ONSET) / 60;
        if (s <= 0) {
            return 0;
        }
        double c = 0;
        for (int i = 0; i < A.length; i++) {
            c += A[i] * s * Math.exp(-MU[i] * s);
        }
        return c;
    }

    /** (C_p ⊗ e^{−k·})(t) in mM·min, closed form: Σ A_i·e^{−ks}(1 − e^{−ds}(1 + ds))/d², d = μ_i − k. */
    public static double conv(double t, double k) {
        double s = (t - ONSET) / 60;
        if (s <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < A.length; i++) {
            double d = MU[i] - k;
            double term;
            if (Math.abs(d * s) < 1e-4) {
                term = s * s / 2 * (1 - 2 * d * s / 3);
            } else {
                term = (1 - Math.exp(-d * s) * (1 + d * s)) / (d * d);
            }
            sum += A[i] * Math.exp(-k * s) * term;
        }
        return sum;
    }

    public static double tofts(double t, double ktrans, double ve) {
        return ktrans * conv(t, ktrans / ve);
    }

    public static double extendedTofts(double t, double ktrans, double ve, double vp) {
        return vp * cp(t) + tofts(t, ktrans, ve);
    }

    public static double patlak(double t, double ktrans, double vp) {
        return vp * cp(t) + ktrans * conv(t, 0);
    }

    /**
     * 2CXM (ve finite) or 2CUM (ve = ∞) by RK4 on the compartments, t in s: vp·dc_p/dt = F(C_a − c_p) + PS(c_e − c_p),
     * ve·dc_e/dt = PS(c_p − c_e), C = vp·c_p + ve·c_e (for 2CUM the interstitium only accumulates PS·c_p).
     */
    static double[] compartments(double[] times, double vp, double ve, double fp, double ps) {
        double f = fp / 100;
        boolean uptake = Double.isInfinite(ve);
        double h = 0.01 / 60; // min
        double[] out = new double[times.length];
        double cpl = 0; // plasma
        double ce = 0; // interstitial amount per tissue volume (ve·c_e)
        double tm = 0;
        int next = 0;
        while (next < times.length && times[next] <= 0) {
            next++;
        }
        double end = times[times.length - 1] / 60;
        while (tm < end - 1e-12) {
            double[] k1 = rates(tm, cpl, ce, vp, ve, f, ps, uptake);
            double[] k2 = rates(tm + h / 2, cpl + h / 2 * k1[0], ce + h / 2 * k1[1], vp, ve, f, ps, uptake);
            double[] k3 = rates(tm + h / 2, cpl + h / 2 * k2[0], ce + h / 2 * k2[1], vp, ve, f, ps, uptake);
            double[] k4 = rates(tm + h, cpl + h * k3[0], ce + h * k3[1], vp, ve, f, ps, uptake);
            double ncp = cpl + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            double nce = ce + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            double nt = tm + h;
            while (next < times.length && times[next] / 60 <= nt + 1e-12) {
                double w = (times[next] / 60 - tm) / h; // linear between RK steps (h ≪ frames)
                out[next] = vp * (cpl + w * (ncp - cpl)) + ce + w * (nce - ce);
                next++;
            }
            cpl = ncp;
            ce = nce;
            tm = nt;
        }
        return out;
    }

    private static double[] rates(
            double tm, double cpl, double ce, double vp, double ve, double f, double ps, boolean uptake) {
        double ca = cp(tm * 60);
        double back = uptake ? 0 : ce / ve;
        double dcp = (f * (ca - cpl) + ps * (back - cpl)) / vp;
        double dce = ps * (cpl - back);
        return new double[] {dcp, dce};
    }
}
