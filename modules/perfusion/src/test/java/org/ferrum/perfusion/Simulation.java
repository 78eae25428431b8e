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
package org.ferrum.perfusion;

import org.ferrum.perfusion.aif.PopulationAif;

/**
 * Independent simulations for the tests: the Ernst SPGR signal written out here (not through SpgrSignal), the Parker
 * plasma curve integrated into a Tofts tissue curve on a fine grid by the exact exponential-kernel recursion.
 */
public final class Simulation {

    private Simulation() {}

    /** Ernst: M0 sin α (1 − e^(−TR R1)) / (1 − cos α e^(−TR R1)), α in degrees. */
    public static double spgr(double m0, double flipDeg, double tr, double r1) {
        double a = Math.toRadians(flipDeg);
        double e = Math.exp(-tr * r1);
        return m0 * Math.sin(a) * (1 - e) / (1 - Math.cos(a) * e);
    }

    /** Water + fat SPGR, PD fat fraction f. */
    public static double spgrWaterFat(double m0, double flipDeg, double tr, double r1w, double r1f, double f) {
        return (1 - f) * spgr(m0, flipDeg, tr, r1w) + f * spgr(m0, flipDeg, tr, r1f);
    }

    /** Parker plasma C_p at t (s) with the origin at {@code arrival} and Hct. */
    public static double plasma(double t, double arrival, double hct) {
        return PopulationAif.PARKER_2006.concentration(t - arrival) / (1 - hct);
    }

    /**
     * Tofts tissue curve C_t(t) = Ktrans ∫ C_p(u) e^(−kep (t − u)) du at {@code times}, integrated with step {@code dt}
     * (s) on a fine grid with C_p piecewise linear (exact for that interpolant).
     *
     * @param ktrans 1/min
     * @param ve fraction
     */
    public static double[] tofts(double[] times, double ktrans, double ve, double arrival, double hct, double dt) {
        double k = ktrans / 60;
        double kep = k / ve;
        double end = times[times.length - 1];
        int n = (int) Math.ceil(end / dt) + 1;
        double[] grid = new double[n];
        double c = 0;
        double e = Math.exp(-kep * dt);
        double prev = plasma(0, arrival, hct);
        for (int i = 1; i < n; i++) {
            double cur = plasma(i * dt, arrival, hct);
            // exact for linear C_p on [0, dt]: ∫ (p0 + (p1−p0)s/dt) e^{−kep(dt−s)} ds
            double w1 = (1 - e) / kep;
            double w2 = (dt - w1) / (kep * dt);
            c = c * e + k * (prev * (w1 - w2) + cur * w2);
            grid[i] = c;
            prev = cur;
        }
        double[] out = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            double x = times[j] / dt;
            int i = Math.min((int) Math.floor(x), n - 2);
            double w = x - i;
            out[j] = grid[i] * (1 - w) + grid[i + 1] * w;
        }
        return out;
    }

    /**
     * Linear least-squares Tofts fit (Murase K, Magn Reson Med 2004;51:858–862): C(t) = Ktrans ∫C_p − kep ∫C, trapezoid
     * integrals on the frame grid. Returns {Ktrans (1/min), ve}.
     */
    public static double[] linearTofts(double[] times, double[] cp, double[] ct) {
        int n = times.length;
        double[] icp = new double[n];
        double[] ict = new double[n];
        for (int i = 1; i < n; i++) {
            double h = times[i] - times[i - 1];
            icp[i] = icp[i - 1] + h * (cp[i] + cp[i - 1]) / 2;
            ict[i] = ict[i - 1] + h * (ct[i] + ct[i - 1]) / 2;
        }
        double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
        for (int i = 0; i < n; i++) {
            double x1 = icp[i];
            double x2 = -ict[i];
            a11 += x1 * x1;
            a12 += x1 * x2;
            a22 += x2 * x2;
            b1 += x1 * ct[i];
            b2 += x2 * ct[i];
        }
        double det = a11 * a22 - a12 * a12;
        double k = (a22 * b1 - a12 * b2) / det;
        double kep = (a11 * b2 - a12 * b1) / det;
        return new double[] {k * 60, k / kep};
    }
}
