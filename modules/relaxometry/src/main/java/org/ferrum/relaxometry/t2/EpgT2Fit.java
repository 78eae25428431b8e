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
package org.ferrum.relaxometry.t2;

import java.util.Locale;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.fit.FitModel;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.fit.LevenbergMarquardt;
import org.ferrum.relaxometry.RicianNoiseFloor;
import org.ferrum.relaxometry.r2star.BackgroundNoise;
import org.ferrum.relaxometry.r2star.LogLinearFit;

/**
 * Stimulated-echo-corrected T2 by the extended phase graph (Lebel RM, Wilman AH, Transverse relaxometry with
 * stimulated echo compensation, MRM 2010;64:1005–1014): the magnitudes of a CPMG train are fitted with
 * m_n = |M0·s_n(T2, B1)| ({@link CpmgEchoTrain}: ideal 90° excitation, refocusing angle B1·α_nominal, T1 fixed, no slice
 * profile), or √((M0·s_n)² + 2σ²) with the Rician noise floor ({@link RicianNoiseFloor}), for M0, T2 and B1 by bounded
 * Levenberg–Marquardt ({@link LevenbergMarquardt}) with the analytic Jacobian (forward-mode derivatives of the EPG
 * recurrence).
 *
 * <p>Echo times must be TE_n = n·ESP (evenly spaced, the first at one spacing, within 1 %). T1 is fixed
 * ({@link Params#t1Ms}, default 1000 ms): it enters only through the decay of the longitudinal (stimulated-echo)
 * pathways between pulses, and the fitted T2 changes by well under 1 % between T1 = 0.5 s and 3 s
 * ({@code EpgT2FitTest}).
 *
 * <p>Start: T2 from the weighted log-linear fit of the echoes from the second on that lie above twice the mean noise
 * magnitude 2σ√(π/2) (at least two), then the best of a small grid (T2 × {0.5, 0.75, 1.1}, six B1 values from {@code b1Min} to just below 180°/α_nominal) by the cost with M0 solved in closed
 * form; the grid keeps the fit off the exact 180° point, where ∂s/∂B1 = 0 by symmetry. Bounds: M0 ≥ 0, T2 in
 * [{@code t2MinMs}, {@code t2MaxMs}], B1 in [{@code b1Min}, {@code b1Max}].
 *
 * <p>B1 is reported on the branch with α ≤ 180°: refocusing angles α and 360° − α give identical trains
 * ({@link CpmgEchoTrain}), so B1 = 1.2 at a nominal 180° is reported as 0.8. With a nominal angle below 180° (e.g. 160°)
 * B1 up to 180°/α_nominal is identified uniquely.
 */
public final class EpgT2Fit implements T2Fit {

    /**
     * The settings as users give them (parameters of {@code relax.t2.epg}); declared once here.
     *
     * @param firstEcho       the first echo fitted (1-based); the EPG models echo 1 too, so the default uses all
     * @param noiseFloor      model the Rician noise floor with σ
     * @param noiseSigma      σ per channel in the magnitude's unit; 0 = estimate it from the background
     * @param refocusingAngle nominal refocusing angle, degrees
     * @param t1Ms            fixed T1, ms
     * @param b1Min           lower bound of B1
     * @param b1Max           upper bound of B1
     * @param t2MinMs         lower bound of T2, ms
     * @param t2MaxMs         upper bound of T2, ms
     */
    public record Params(
            int firstEcho,
            boolean noiseFloor,
            double noiseSigma,
            double refocusingAngle,
            double t1Ms,
            double b1Min,
            double b1Max,
            double t2MinMs,
            double t2MaxMs) {

        /** All echoes, noise floor with σ estimated, 180°, T1 = 1 s, B1 in [0.5, 1.5], T2 in [1, 2000] ms. */
        public static final Params DEFAULTS = new Params(1, true, 0, 180, 1000, 0.5, 1.5, 1, 2000);

        public Params {
            if (firstEcho < 1) {
                throw new IllegalArgumentException("first echo must be >= 1, got " + firstEcho);
            }
            if (!(noiseSigma >= 0) || !Double.isFinite(noiseSigma)) {
                throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + noiseSigma);
            }
            if (!(refocusingAngle > 0 && refocusingAngle <= 180)) {
                throw new IllegalArgumentException(
                        "refocusing angle must be in (0, 180] degrees, got " + refocusingAngle);
            }
            if (!(t1Ms > 0)) {
                throw new IllegalArgumentException("T1 must be > 0 ms, got " + t1Ms);
            }
            if (!(b1Min > 0 && b1Min < b1Max)) {
                throw new IllegalArgumentException(
                        String.format(Locale.ROOT, "B1 range [%g, %g] must be positive and increasing", b1Min, b1Max));
            }
            if (!(t2MinMs > 0 && t2MinMs < t2MaxMs)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT, "T2 range [%g, %g] ms must be positive and increasing", t2MinMs, t2MaxMs));
            }
        }
    }

    /** The fewest echoes the fit accepts (three parameters). */
    public static final int MINIMUM_ECHOES = 3;

    /**
     * Stopping rules: a relative tolerance of 10⁻⁷ (T2 and B1 far below their noise), at most 400 evaluations (where
     * B1 nears the fold at 180° the cost is flat along B1 and the steps are short).
     */
    static final LevenbergMarquardt.Settings SETTINGS = new LevenbergMarquardt.Settings(400, 1e-7, 1e-3);

    private static final double[] T2_GRID = {0.5, 0.75, 1.1};
    private static final int B1_GRID = 6;

    private final int echoes;
    private final int first;
    private final int used;
    private final double floor;
    private final double truncation;
    private final double[] lower;
    private final double[] upper;
    private final double foldLimit; // B1 at α = 180°
    private final double[] b1Grid = new double[B1_GRID];
    private final CpmgEchoTrain train;
    private final LogLinearFit start;
    private final double[] startTimes;
    private final LevenbergMarquardt solver;
    private final Model model;
    private final double[] data;
    private final double[] dataUsed;
    private final double[] startData;
    private final double[] s;
    private final double[] dT2;
    private final double[] dB1;
    private final double[] startPoint = new double[3];
    private final double[] logLinear = new double[2];

    /**
     * @param echoTimes echo times of every acquired echo, s: n·ESP
     * @param params    the settings ({@link Params#noiseSigma} is not read: σ is given resolved)
     * @param sigma     σ per channel for the noise floor (used when {@link Params#noiseFloor}), ≥ 0
     * @throws IllegalArgumentException naming the echo times if they are not n·ESP, or too few echoes remain
     */
    public EpgT2Fit(double[] echoTimes, Params params, double sigma) {
        EchoTimes times = EchoTimes.ofSeconds(echoTimes);
        double[] te = times.toSeconds();
        echoes = te.length;
        first = params.firstEcho() - 1;
        used = echoes - first;
        if (echoes < MINIMUM_ECHOES || used < MINIMUM_ECHOES) {
            throw new IllegalArgumentException("the EPG fit needs at least " + MINIMUM_ECHOES + " echoes from echo "
                    + params.firstEcho() + " on; " + echoes + " were acquired (" + times + ")");
        }
        double spacing = echoSpacing(te);
        floor = params.noiseFloor() ? RicianNoiseFloor.floor(sigma) : 0;
        truncation = 2 * BackgroundNoise.noiseFloorMean(sigma);
        lower = new double[] {0, params.t2MinMs() * 1e-3, params.b1Min()};
        upper = new double[] {Double.POSITIVE_INFINITY, params.t2MaxMs() * 1e-3, params.b1Max()};
        foldLimit = 180 / params.refocusingAngle();
        double top = Math.min(params.b1Max(), 0.98 * foldLimit);
        double bottom = Math.min(params.b1Min(), top);
        for (int i = 0; i < B1_GRID; i++) {
            b1Grid[i] = bottom + (top - bottom) * i / (B1_GRID - 1);
        }
        train = new CpmgEchoTrain(echoes, spacing, params.t1Ms() * 1e-3, params.refocusingAngle());
        int startFrom = Math.max(first, 1);
        startTimes = java.util.Arrays.copyOfRange(te, startFrom, echoes);
        start = startTimes.length >= 2 ? new LogLinearFit(startTimes) : null;
        solver = new LevenbergMarquardt(3, used);
        model = new Model();
        data = new double[echoes];
        dataUsed = new double[used];
        startData = new double[startTimes.length];
        s = new double[echoes];
        dT2 = new double[echoes];
        dB1 = new double[echoes];
    }

    /**
     * The echo spacing of echo times TE_n = n·ESP.
     *
     * @throws IllegalArgumentException naming the echo times if they are not evenly spaced from one spacing on
     */
    public static double echoSpacing(double[] te) {
        EchoTimes times = EchoTimes.ofSeconds(te);
        double spacing = te.length >= 2 ? (te[te.length - 1] - te[0]) / (te.length - 1) : te[0];
        if ((te.length >= 2 && !times.isUniform(0.01)) || Math.abs(te[0] - spacing) > 0.01 * spacing) {
            throw new IllegalArgumentException("the EPG model needs echo times n·ESP (evenly spaced, the first at one"
                    + " spacing), got " + times);
        }
        return spacing;
    }

    @Override
    public int echoes() {
        return echoes;
    }

    @Override
    public FitStatus fit(double[] signal, double[] out) {
        for (int n = 0; n < echoes; n++) {
            if (!Double.isFinite(signal[n])) {
                return T2Fit.unusable(out, FitStatus.FAILED);
            }
            data[n] = signal[n];
        }
        if (!startingPoint()) {
            return T2Fit.unusable(out, FitStatus.FAILED);
        }
        System.arraycopy(data, first, dataUsed, 0, used);
        FitStatus status = solver.fit(model, dataUsed, null, startPoint, lower, upper, SETTINGS);
        if (!status.usable()) {
            return T2Fit.unusable(out, status);
        }
        double m0 = solver.parameter(0);
        if (!(m0 > 0)) {
            return T2Fit.unusable(out, FitStatus.FAILED); // no signal: T2 is undetermined
        }
        double b1 = solver.parameter(2);
        out[0] = m0;
        out[1] = solver.parameter(1) * 1e3;
        out[2] = b1 > foldLimit ? 2 * foldLimit - b1 : b1;
        out[3] = 100 * Math.sqrt(solver.cost() / used) / m0;
        return status;
    }

    /** Log-linear T2, then the best grid point (M0 in closed form); false if nothing is finite. */
    private boolean startingPoint() {
        double t2 = Double.NaN;
        if (start != null) {
            System.arraycopy(data, echoes - startTimes.length, startData, 0, startTimes.length);
        }
        int k = 0; // the leading echoes above twice the mean noise magnitude: the floor would flatten the start
        while (k < startTimes.length && !(startData[k] < truncation)) {
            k++;
        }
        if (start != null && start.fit(startData, Math.max(k, 2), logLinear) && logLinear[1] > 0) {
            t2 = 1 / logLinear[1];
        }
        if (!(t2 > 0) || !Double.isFinite(t2)) {
            t2 = 0.05;
        }
        t2 = Math.min(Math.max(t2, lower[1]), upper[1]);
        double best = Double.POSITIVE_INFINITY;
        for (double factor : T2_GRID) {
            double t = Math.min(Math.max(t2 * factor, lower[1]), upper[1]);
            for (double b1 : b1Grid) {
                train.compute(t, b1, s, null, null);
                double sd = 0;
                double ss = 0;
                double dd = 0;
                for (int n = first; n < echoes; n++) {
                    double m = Math.abs(s[n]);
                    sd += m * data[n];
                    ss += m * m;
                    dd += data[n] * data[n];
                }
                double cost = dd - (ss > 0 ? sd * sd / ss : 0);
                if (cost < best && ss > 0) {
                    best = cost;
                    startPoint[0] = Math.max(sd / ss, 0);
                    startPoint[1] = t;
                    startPoint[2] = b1;
                }
            }
        }
        return Double.isFinite(best);
    }

    /** m_n(M0, T2, B1) for the used echoes, with the analytic Jacobian. */
    private final class Model implements FitModel {

        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public int sampleCount() {
            return used;
        }

        @Override
        public void evaluate(double[] p, double[] y, double[] jacobian) {
            double m0 = p[0];
            train.compute(p[1], p[2], s, jacobian == null ? null : dT2, jacobian == null ? null : dB1);
            for (int i = 0; i < used; i++) {
                int n = first + i;
                double a = m0 * s[n];
                double m = RicianNoiseFloor.magnitude(a, floor);
                y[i] = m;
                if (jacobian != null) {
                    double slope = RicianNoiseFloor.slope(a, m, floor);
                    jacobian[3 * i] = slope * s[n];
                    jacobian[3 * i + 1] = slope * m0 * dT2[n];
                    jacobian[3 * i + 2] = slope * m0 * dB1[n];
                }
            }
        }
    }
}
