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
package org.ferrum.relaxometry.t1;

import org.ferrum.core.fit.FitModel;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.fit.LevenbergMarquardt;

/**
 * Fits the SPGR signal ({@link SpgrSignal}) to the signals of one voxel at n ≥ 2 flip angles: M0 and R1 of one
 * compartment, or M0 and the water R1 of a water–fat voxel of known fat fraction and fat R1.
 *
 * <p><b>DESPOT1</b> (linear; Gupta RK, J Magn Reson 1977;25:231–235; Deoni SCL, Rutt BK, Peters TM, Magn Reson Med
 * 2003;49:515–526): the SPGR equation rearranges to S/sin α = E1 · S/tan α + M0 (1 − E1), a line in (x, y) = (S/tan α,
 * S/sin α) with slope E1 = exp(−TR·R1) and intercept M0 (1 − E1); fitted by unweighted least squares. The fit is
 * {@link FitStatus#FAILED} when the slope is not in (0, 1) or the intercept is not positive (no T1 gives such signals).
 *
 * <p><b>Nonlinear</b>: bounded Levenberg–Marquardt ({@link LevenbergMarquardt}) on (M0, R1) of S(α) = M0 g(α, R1),
 * unweighted (Gaussian noise of one SD at every angle), started from DESPOT1 (or, when that fails, from R1 = 1/s and
 * the M0 that matches the largest signal). This is the fit the OSIPI T1 reference values were made with.
 *
 * <p><b>Water and fat</b>: S(α) = M0 [(1 − f) g(α, R1w) + f g(α, R1f)] with f the proton-density fat fraction and R1f
 * the fat R1 held fixed, fitted for (M0, R1w) by the same Levenberg–Marquardt. Vertebral marrow is 40–60 % fat, and only
 * water takes up gadolinium; the one-compartment fit returns the apparent R1 of the mixture, which lies between the
 * water and fat values.
 *
 * <p><b>B1</b>: every flip angle is the nominal one times the voxel's relative flip angle κ (actual/nominal).
 *
 * <p>Goodness of fit: the RMS residual over the angles as a percentage of the mean signal. R1 is kept in [r1Min,
 * r1Max]; a fit that ends on one of these limits keeps the limit and is reported {@link FitStatus#STALLED} (code 2).
 *
 * <p>Not thread-safe: one instance per thread; no allocation per voxel.
 */
public final class VfaFit {

    /** The linear or the nonlinear fit. */
    public enum Method {
        NONLINEAR("nonlinear"),
        DESPOT1("despot1");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        /** The name used as a parameter value. */
        public String id() {
            return id;
        }

        /** The method named {@code id} (as {@link #id()}). */
        public static Method byId(String id) {
            for (Method m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no VFA fit method '" + id + "' (nonlinear, despot1)");
        }
    }

    private static final LevenbergMarquardt.Settings SETTINGS = new LevenbergMarquardt.Settings(100, 1e-8, 1e-3);

    private final int n;
    private final double[] nominal;
    private final double repetitionTime;
    private final double r1Min;
    private final double r1Max;
    private final Spgr model;
    private final LevenbergMarquardt solver;
    private final double[] data;
    private final double[] start = new double[2];
    private final double[] lower;
    private final double[] upper;
    private final double[] pair = new double[2];
    private final double[] waterGrid = new double[WATER_GRID];
    private double preparedKappa = Double.NaN;

    private double m0;
    private double r1;
    private double rms;
    private FitStatus status = FitStatus.NOT_FITTED;

    /**
     * @param flipAnglesDegrees nominal flip angles, degrees (n ≥ 2)
     * @param repetitionTime TR, s
     * @param t1Min smallest T1 reported, s
     * @param t1Max largest T1 reported, s
     */
    public VfaFit(double[] flipAnglesDegrees, double repetitionTime, double t1Min, double t1Max) {
        if (flipAnglesDegrees.length < 2) {
            throw new IllegalArgumentException("VFA T1 needs at least 2 flip angles, got " + flipAnglesDegrees.length);
        }
        if (!(repetitionTime > 0)) {
            throw new IllegalArgumentException("TR must be > 0 s, got " + repetitionTime);
        }
        if (!(t1Min > 0 && t1Max > t1Min)) {
            throw new IllegalArgumentException("T1 range must satisfy 0 < min < max, got " + t1Min + " … " + t1Max);
        }
        n = flipAnglesDegrees.length;
        nominal = new double[n];
        for (int i = 0; i < n; i++) {
            nominal[i] = Math.toRadians(flipAnglesDegrees[i]);
        }
        this.repetitionTime = repetitionTime;
        r1Min = 1 / t1Max;
        r1Max = 1 / t1Min;
        model = new Spgr(n, repetitionTime);
        solver = new LevenbergMarquardt(2, n);
        data = new double[n];
        for (int g = 0; g < WATER_GRID; g++) {
            waterGrid[g] = r1Min * Math.pow(r1Max / r1Min, (g + 0.5) / WATER_GRID);
        }
        lower = new double[] {0, r1Min};
        upper = new double[] {Double.POSITIVE_INFINITY, r1Max};
    }

    /** The number of flip angles. */
    public int angles() {
        return n;
    }

    /**
     * Fits one compartment to {@code signal} (n values at the nominal angles) with relative flip angle {@code kappa}.
     *
     * @return the status (also {@link #status()}); {@link #r1()}, {@link #m0()} and {@link #rms()} hold the result
     *     where the status is usable, NaN otherwise
     */
    public FitStatus fit(double[] signal, double kappa, Method method) {
        if (!prepare(signal, kappa, 0, 0)) {
            return fail();
        }
        boolean linear = despot1();
        if (method == Method.DESPOT1) {
            if (!linear) {
                return fail();
            }
            clampLinear();
            return finish(FitStatus.CONVERGED);
        }
        startAt(linear ? r1 : 1.0);
        return nonlinear();
    }

    /**
     * Fits the water R1 (and the total M0) of a voxel with fat fraction {@code fatFraction} in [0, 1) whose fat has R1
     * {@code r1Fat}, starting from R1 = {@code r1Start} (e.g. the apparent R1).
     */
    public FitStatus fitWater(double[] signal, double kappa, double fatFraction, double r1Fat, double r1Start) {
        if (!(fatFraction >= 0 && fatFraction < 1) || !(r1Fat > 0) || !prepare(signal, kappa, fatFraction, r1Fat)) {
            return fail();
        }
        // The apparent R1 can be far from the water R1 (by a factor 2 in marrow): start from the best of it and a
        // coarse log grid over the T1 range, each with its least-squares M0.
        double bestCost = startAt(Double.isFinite(r1Start) ? r1Start : 1.0);
        double m0Best = start[0];
        double r1Best = start[1];
        for (int g = 0; g < WATER_GRID; g++) {
            double cost = startAt(waterGrid[g]);
            if (cost < bestCost) {
                bestCost = cost;
                m0Best = start[0];
                r1Best = start[1];
            }
        }
        start[0] = m0Best;
        start[1] = r1Best;
        return nonlinear();
    }

    private static final int WATER_GRID = 12;

    public FitStatus status() {
        return status;
    }

    /** R1, 1/s. */
    public double r1() {
        return r1;
    }

    /** M0, the signal's unit. */
    public double m0() {
        return m0;
    }

    /** RMS residual, % of the mean signal. */
    public double rms() {
        return rms;
    }

    private boolean prepare(double[] signal, double kappa, double fatFraction, double r1Fat) {
        if (!(kappa > 0) || !Double.isFinite(kappa)) {
            return false;
        }
        boolean any = false;
        for (int i = 0; i < n; i++) {
            double s = signal[i];
            if (!Double.isFinite(s) || s < 0) {
                return false;
            }
            any |= s > 0;
            data[i] = s;
        }
        if (kappa != preparedKappa) { // the angles' sines and cosines, once per distinct κ (once in all without B1)
            for (int i = 0; i < n; i++) {
                double a = nominal[i] * kappa;
                model.sin[i] = Math.sin(a);
                model.cos[i] = Math.cos(a);
            }
            preparedKappa = kappa;
        }
        model.fatFraction = fatFraction;
        model.fatPerUnitM0(r1Fat);
        return any;
    }

    /** DESPOT1 into m0, r1; false when the line gives no physical T1. */
    private boolean despot1() {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double y = data[i] / model.sin[i];
            double x = y * model.cos[i];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double det = n * sxx - sx * sx;
        if (!(Math.abs(det) > 1e-300)) {
            return false;
        }
        double slope = (n * sxy - sx * sy) / det;
        double intercept = (sy - slope * sx) / n;
        if (!(slope > 0 && slope < 1 && intercept > 0)) {
            return false;
        }
        r1 = -Math.log(slope) / repetitionTime;
        m0 = intercept / (1 - slope);
        return Double.isFinite(r1) && Double.isFinite(m0);
    }

    private void clampLinear() {
        r1 = Math.min(Math.max(r1, r1Min), r1Max);
    }

    /**
     * Start at R1 (clamped into the range) and the M0 that fits the data best there, Σ S·m / Σ m² (m the model per unit
     * M0); returns the residual sum of squares there.
     */
    private double startAt(double r1Start) {
        double r = Math.min(Math.max(r1Start, r1Min), r1Max);
        pair[0] = 1;
        pair[1] = r;
        model.evaluate(pair, model.work, null);
        double sm = 0, mm = 0;
        for (int i = 0; i < n; i++) {
            sm += data[i] * model.work[i];
            mm += model.work[i] * model.work[i];
        }
        start[0] = mm > 0 && sm > 0 ? sm / mm : 1;
        start[1] = r;
        double cost = 0;
        for (int i = 0; i < n; i++) {
            double d = data[i] - start[0] * model.work[i];
            cost += d * d;
        }
        return cost;
    }

    private FitStatus nonlinear() {
        FitStatus s = solver.fit(model, data, null, start, lower, upper, SETTINGS);
        if (!s.usable()) {
            return fail(s);
        }
        m0 = solver.parameter(0);
        r1 = solver.parameter(1);
        return finish(s);
    }

    private FitStatus finish(FitStatus s) {
        pair[0] = m0;
        pair[1] = r1;
        model.evaluate(pair, model.work, null);
        double ss = 0, mean = 0;
        for (int i = 0; i < n; i++) {
            double r = data[i] - model.work[i];
            ss += r * r;
            mean += data[i];
        }
        mean /= n;
        rms = mean > 0 ? 100 * Math.sqrt(ss / n) / mean : Double.NaN;
        if (s == FitStatus.CONVERGED && (r1 <= r1Min * (1 + 1e-9) || r1 >= r1Max * (1 - 1e-9))) {
            s = FitStatus.STALLED;
        }
        status = s;
        return s;
    }

    private FitStatus fail() {
        return fail(FitStatus.FAILED);
    }

    private FitStatus fail(FitStatus s) {
        m0 = Double.NaN;
        r1 = Double.NaN;
        rms = Double.NaN;
        status = s;
        return s;
    }

    /** S = M0 [(1 − f) g(α, R1) + f g(α, R1f)] with its Jacobian in (M0, R1); f = 0 for one compartment. */
    private static final class Spgr implements FitModel {
        final double[] sin;
        final double[] cos;
        final double[] fat;
        final double[] work;
        final double tr;
        double fatFraction;
        double r1Fat;

        Spgr(int n, double tr) {
            sin = new double[n];
            cos = new double[n];
            fat = new double[n];
            work = new double[n];
            this.tr = tr;
        }

        void fatPerUnitM0(double r1f) {
            r1Fat = r1f;
            if (fatFraction > 0) {
                double e = Math.exp(-tr * r1f);
                for (int i = 0; i < sin.length; i++) {
                    fat[i] = SpgrSignal.perUnitM0OfE1(sin[i], cos[i], e);
                }
            }
        }

        @Override
        public int parameterCount() {
            return 2;
        }

        @Override
        public int sampleCount() {
            return sin.length;
        }

        @Override
        public void evaluate(double[] p, double[] y, double[] jacobian) {
            double m = p[0];
            double e = Math.exp(-tr * p[1]);
            double w = 1 - fatFraction;
            for (int i = 0; i < sin.length; i++) {
                double g = SpgrSignal.perUnitM0OfE1(sin[i], cos[i], e);
                double mix = w * g + (fatFraction > 0 ? fatFraction * fat[i] : 0);
                y[i] = m * mix;
                if (jacobian != null) {
                    jacobian[2 * i] = mix;
                    jacobian[2 * i + 1] = m * w * SpgrSignal.derivativeR1OfE1(sin[i], cos[i], e, tr);
                }
            }
        }
    }
}
