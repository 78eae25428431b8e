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
package org.ferrum.perfusion.phantom;

import java.util.function.DoubleUnaryOperator;

/**
 * Extended Tofts tissue curves for the phantom, computed independently of any fitting code: the convolution integral
 * is evaluated on a fine time grid by its exact recursion and each step's integral by 5-point Gauss–Legendre
 * quadrature, then averaged over each acquisition frame.
 *
 * <p>Model (Tofts PS, Brix G, Buckley DL, et al. Estimating kinetic parameters from dynamic contrast-enhanced
 * T1-weighted MRI of a diffusable tracer: standardized quantities and symbols. J Magn Reson Imaging 1999;10:223–232):
 * <pre>  Ct(t) = vp Cp(t) + Ktrans ∫₀ᵗ Cp(u) exp(−kep (t − u)) du,   kep = Ktrans / ve</pre>
 * The integral I(t) obeys I(t + h) = e^{−kep h} I(t) + ∫_t^{t+h} Cp(u) e^{−kep (t+h−u)} du exactly; the step integral
 * of the smooth Parker curve is taken with 5 Gauss–Legendre nodes, whose error at h = 0.05 s (a 68th of the narrowest
 * Gaussian's width) is far below 10⁻⁹ mM. The only discontinuity of Cp, at the injection time, is put on a grid node.
 *
 * <p>Units: time in minutes inside (Ktrans, kep in 1/min), concentrations in mM.
 */
public final class ToftsCurves {

    /** Gauss–Legendre nodes on [−1, 1] (5 points). */
    private static final double[] NODE = {
        -0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640
    };

    private static final double[] WEIGHT = {
        0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891
    };

    private final DoubleUnaryOperator plasma;
    private final double stepMinutes;
    private final int steps;

    /**
     * @param plasma      Cp(t), mM, t in minutes from the grid's origin (0 for t &lt; the injection time, which must
     *                    be a multiple of the step)
     * @param stepSeconds fine time step, s
     * @param endSeconds  the grid's end, s
     */
    public ToftsCurves(DoubleUnaryOperator plasma, double stepSeconds, double endSeconds) {
        this.plasma = plasma;
        this.stepMinutes = stepSeconds / 60;
        this.steps = (int) Math.ceil(endSeconds / stepSeconds - 1e-9);
    }

    /** Cp at the fine grid's nodes t_k = k h, k = 0..steps. */
    public double[] plasmaOnGrid() {
        double[] cp = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            cp[k] = plasma.applyAsDouble(k * stepMinutes);
        }
        return cp;
    }

    /** ∫₀^{t_k} Cp(u) e^{−kep (t_k − u)} du (mM·min) at the fine grid's nodes. */
    public double[] convolution(double kepPerMinute) {
        double[] out = new double[steps + 1];
        double h = stepMinutes;
        double decay = Math.exp(-kepPerMinute * h);
        double integral = 0;
        for (int k = 0; k < steps; k++) {
            double t0 = k * h;
            double end = t0 + h;
            double step = 0;
            for (int q = 0; q < NODE.length; q++) {
                double u = t0 + 0.5 * h * (NODE[q] + 1);
                step += WEIGHT[q] * plasma.applyAsDouble(u) * Math.exp(-kepPerMinute * (end - u));
            }
            integral = decay * integral + 0.5 * h * step;
            out[k + 1] = integral;
        }
        return out;
    }

    /** Extended Tofts Ct at the fine grid's nodes, mM. */
    public double[] tissue(double ktransPerMinute, double ve, double vp) {
        double[] cp = plasmaOnGrid();
        double[] ct = new double[cp.length];
        double[] conv = ktransPerMinute > 0 ? convolution(ktransPerMinute / ve) : new double[cp.length];
        for (int k = 0; k < ct.length; k++) {
            ct[k] = vp * cp[k] + ktransPerMinute * conv[k];
        }
        return ct;
    }

    /**
     * The mean of a fine-grid curve over each frame [start, start + duration) (trapezoid rule on the fine nodes; start
     * and duration multiples of the step).
     */
    public double[] frameMeans(double[] fine, double[] frameStartSeconds, double frameDurationSeconds) {
        double h = stepMinutes * 60;
        int per = (int) Math.round(frameDurationSeconds / h);
        double[] out = new double[frameStartSeconds.length];
        for (int f = 0; f < out.length; f++) {
            int k0 = (int) Math.round(frameStartSeconds[f] / h);
            double sum = 0.5 * (fine[k0] + fine[k0 + per]);
            for (int k = k0 + 1; k < k0 + per; k++) {
                sum += fine[k];
            }
            out[f] = sum / per;
        }
        return out;
    }

    /** ∫ over [from, from + duration] s of a fine-grid curve, in (its unit)·s (trapezoid rule). */
    public double integralSeconds(double[] fine, double fromSeconds, double durationSeconds) {
        double h = stepMinutes * 60;
        int k0 = (int) Math.round(fromSeconds / h);
        int per = (int) Math.round(durationSeconds / h);
        double sum = 0.5 * (fine[k0] + fine[k0 + per]);
        for (int k = k0 + 1; k < k0 + per; k++) {
            sum += fine[k];
        }
        return sum * h;
    }
}
