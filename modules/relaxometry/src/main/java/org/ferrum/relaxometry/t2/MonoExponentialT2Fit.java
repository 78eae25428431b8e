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
import org.ferrum.relaxometry.r2star.LogLinearFit;

/**
 * Mono-exponential T2 of a multi-echo spin echo: S(TE) = M0·e^{−TE/T2}, optionally seen through the Rician noise
 * floor, m(TE) = √(M0² e^{−2TE/T2} + 2σ²) ({@link RicianNoiseFloor}), fitted by bounded Levenberg–Marquardt
 * ({@link LevenbergMarquardt}, analytic Jacobian) to the echoes from {@code firstEcho} on.
 *
 * <p>Why skip the first echo (the default {@code firstEcho} = 2): with refocusing angles below 180° the first echo of a
 * CPMG train has no stimulated-echo contribution and lies below the curve through the later ones (the odd–even echo
 * pattern); dropping it is the common practice for mono-exponential fits (e.g. Milford D et al., Mono-exponential fitting
 * in T2-relaxometry, PLoS One 2015;10:e0145255). It does not remove the bias of the later echoes: at B1 ≠ 1 the
 * stimulated echoes slow the apparent decay and T2 comes out too long; {@link EpgT2Fit} models them.
 *
 * <p>Start: the weighted log-linear fit of the same echoes ({@link LogLinearFit}); T2 is bounded to
 * [{@code t2MinMs}, {@code t2MaxMs}], M0 to ≥ 0. M0 is the curve extrapolated to TE = 0.
 */
public final class MonoExponentialT2Fit implements T2Fit {

    /**
     * The settings as users give them (parameters of {@code relax.t2.mono}); declared once here.
     *
     * @param firstEcho  the first echo used (1-based)
     * @param noiseFloor model the Rician noise floor with σ
     * @param noiseSigma σ per channel in the magnitude's unit; 0 = estimate it from the background
     * @param t2MinMs    lower bound of T2, ms
     * @param t2MaxMs    upper bound of T2, ms
     */
    public record Params(int firstEcho, boolean noiseFloor, double noiseSigma, double t2MinMs, double t2MaxMs) {

        /** Skip the first echo, noise floor with σ estimated, T2 in [1, 2000] ms. */
        public static final Params DEFAULTS = new Params(2, true, 0, 1, 2000);

        public Params {
            if (firstEcho < 1) {
                throw new IllegalArgumentException("first echo must be >= 1, got " + firstEcho);
            }
            if (!(noiseSigma >= 0) || !Double.isFinite(noiseSigma)) {
                throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + noiseSigma);
            }
            if (!(t2MinMs > 0 && t2MinMs < t2MaxMs)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT, "T2 range [%g, %g] ms must be positive and increasing", t2MinMs, t2MaxMs));
            }
        }
    }

    private final int echoes;
    private final int first;
    private final int used;
    private final double[] te;
    private final double floor;
    private final double[] lower;
    private final double[] upper;
    private final LogLinearFit start;
    private final LevenbergMarquardt solver;
    private final Model model;
    private final double[] data;
    private final double[] startPoint = new double[2];
    private final double[] logLinear = new double[2];

    /**
     * @param echoTimes echo times of every acquired echo, s
     * @param params    the settings ({@link Params#noiseSigma} is not read: σ is given resolved)
     * @param sigma     σ per channel for the noise floor (used when {@link Params#noiseFloor}), ≥ 0
     * @throws IllegalArgumentException if fewer than 2 echoes remain from the first echo on
     */
    public MonoExponentialT2Fit(double[] echoTimes, Params params, double sigma) {
        double[] all = EchoTimes.ofSeconds(echoTimes).toSeconds();
        echoes = all.length;
        first = params.firstEcho() - 1;
        used = echoes - first;
        if (used < 2) {
            throw new IllegalArgumentException("a mono-exponential fit needs 2 echoes from echo " + params.firstEcho()
                    + " on, but only " + echoes + " were acquired");
        }
        te = java.util.Arrays.copyOfRange(all, first, echoes);
        floor = params.noiseFloor() ? RicianNoiseFloor.floor(sigma) : 0;
        lower = new double[] {0, params.t2MinMs() * 1e-3};
        upper = new double[] {Double.POSITIVE_INFINITY, params.t2MaxMs() * 1e-3};
        start = new LogLinearFit(te);
        solver = new LevenbergMarquardt(2, used);
        model = new Model();
        data = new double[used];
    }

    @Override
    public int echoes() {
        return echoes;
    }

    @Override
    public FitStatus fit(double[] signal, double[] out) {
        System.arraycopy(signal, first, data, 0, used);
        for (double d : data) {
            if (!Double.isFinite(d)) {
                return T2Fit.unusable(out, FitStatus.FAILED);
            }
        }
        if (start.fit(data, used, logLinear) && logLinear[1] > 0 && Double.isFinite(logLinear[0])) {
            startPoint[0] = logLinear[0];
            startPoint[1] = 1 / logLinear[1];
        } else {
            startPoint[0] = Math.max(data[0], 0) * Math.exp(te[0] / (te[used - 1] - te[0]));
            startPoint[1] = te[used - 1] - te[0];
        }
        FitStatus status =
                solver.fit(model, data, null, startPoint, lower, upper, LevenbergMarquardt.Settings.DEFAULTS);
        if (!status.usable()) {
            return T2Fit.unusable(out, status);
        }
        double m0 = solver.parameter(0);
        if (!(m0 > 0)) {
            return T2Fit.unusable(out, FitStatus.FAILED); // no signal: T2 is undetermined
        }
        out[0] = m0;
        out[1] = solver.parameter(1) * 1e3;
        out[2] = Double.NaN;
        out[3] = 100 * Math.sqrt(solver.cost() / used) / m0;
        return status;
    }

    /** m_n(M0, T2) with the analytic Jacobian. */
    private final class Model implements FitModel {

        @Override
        public int parameterCount() {
            return 2;
        }

        @Override
        public int sampleCount() {
            return used;
        }

        @Override
        public void evaluate(double[] p, double[] y, double[] jacobian) {
            double m0 = p[0];
            double t2 = p[1];
            for (int n = 0; n < used; n++) {
                double e = Math.exp(-te[n] / t2);
                double a = m0 * e;
                double m = RicianNoiseFloor.magnitude(a, floor);
                y[n] = m;
                if (jacobian != null) {
                    double slope = RicianNoiseFloor.slope(a, m, floor);
                    jacobian[2 * n] = slope * e;
                    jacobian[2 * n + 1] = slope * a * te[n] / (t2 * t2);
                }
            }
        }
    }
}
