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

import java.util.Arrays;
import org.ferrum.core.fit.FitModel;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.fit.InformationCriteria;
import org.ferrum.core.fit.LevenbergMarquardt;
import org.ferrum.perfusion.ArterialInputFunction;

/**
 * Fits one {@link TracerKineticModel} to tissue curves, one curve at a time, with the AIF optionally delayed by a
 * fitted δ (C_p(t − δ), linear interpolation of the AIF; δ &gt; 0 when the tissue enhances later than the AIF).
 *
 * <p>Steps per curve: every start of {@link TracerKineticModel#start} is evaluated and the best {@value #REFINED} are
 * refined by bounded Levenberg–Marquardt; the lowest cost wins. With {@code fitDelay}, the model is first fitted so
 * (best start only) at each δ of a grid over [min, max] with step 1 s (or the frame interval if shorter), since the
 * cost has a kink wherever a frame time minus δ crosses an AIF sample and may have local minima there; from the best
 * grid point all parameters and δ are refined together, δ's derivative being the model applied to ∂C_p(t − δ)/∂δ
 * (exact for the discrete model, because every member is linear in C_p). Standard errors come from the Jacobian at the solution (σ² = SSE/(n − k)); AICc uses k = the
 * fitted parameters including δ.
 *
 * <p>Not thread-safe: one instance per thread (no allocation per curve after construction, except in multi-start
 * models' starts).
 */
public final class KineticFit {

    /** Starts refined by Levenberg–Marquardt per curve. */
    static final int REFINED = 3;

    /**
     * Settings of the fit.
     *
     * @param fitDelay fit the AIF delay δ
     * @param minDelay lower bound of δ, s
     * @param maxDelay upper bound of δ, s
     * @param solver stopping rules of Levenberg–Marquardt
     */
    public record Settings(boolean fitDelay, double minDelay, double maxDelay, LevenbergMarquardt.Settings solver) {

        public static final Settings DEFAULTS =
                new Settings(false, -10, 10, new LevenbergMarquardt.Settings(200, 1e-8, 1e-3));

        public Settings {
            if (!(minDelay <= 0 && maxDelay >= 0 && minDelay < maxDelay)) {
                throw new IllegalArgumentException(
                        "the delay range must contain 0, got " + minDelay + " … " + maxDelay + " s");
            }
        }

        /** The same with the delay fitted or not. */
        public Settings withFitDelay(boolean fit) {
            return new Settings(fit, minDelay, maxDelay, solver);
        }
    }

    private final TracerKineticModel model;
    private final Settings settings;
    private final double[] frameTimes;
    private final double[] aifTimes;
    private final double[] aifValues;
    private final ModelWorkspace work;
    private final int n;
    private final int m;
    private final int k;
    private final LevenbergMarquardt solver;
    private final double[] cp;
    private final double[] dcp;
    private final double[] scratch;
    private final double[] lower;
    private final double[] upper;
    private final double[] best;
    private final double[] bestSe;
    private final double[] startCosts;
    private final double[][] starts;
    private final Adapter free;
    private final Adapter fixed;
    private final LevenbergMarquardt fixedSolver;
    private final double[] scanBest;
    private double shiftedFor = Double.NaN;
    private double fixedDelay;

    private FitStatus status = FitStatus.NOT_FITTED;
    private double sse = Double.NaN;

    /**
     * @param frameTimes frame times of the tissue curves, s
     * @param aif the arterial input function (plasma, mM), on the same clock
     * @throws IllegalArgumentException naming the problem when the AIF does not cover the frames, or there are too few
     *     frames for the model (fewer than its parameters + 2)
     */
    public KineticFit(TracerKineticModel model, double[] frameTimes, ArterialInputFunction aif, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.frameTimes = frameTimes.clone();
        n = frameTimes.length;
        m = model.parameterCount();
        k = m + (settings.fitDelay() ? 1 : 0);
        if (n < k + 2) {
            throw new IllegalArgumentException(
                    "the " + model.displayName() + " model" + (settings.fitDelay() ? " with delay" : "")
                            + " needs at least " + (k + 2) + " frames, the series has " + n);
        }
        checkCoverage(frameTimes, aif);
        aifTimes = aif.times();
        aifValues = aif.plasmaConcentration();
        work = new ModelWorkspace(frameTimes);
        solver = new LevenbergMarquardt(k, n);
        fixedSolver = settings.fitDelay() ? new LevenbergMarquardt(m, n) : solver;
        scanBest = new double[k];
        cp = new double[n];
        dcp = new double[n];
        scratch = new double[n];
        lower = new double[k];
        upper = new double[k];
        best = new double[k];
        bestSe = new double[k];
        startCosts = new double[model.startCount()];
        starts = new double[model.startCount()][k];
        for (int j = 0; j < m; j++) {
            lower[j] = model.parameters().get(j).lower();
            upper[j] = model.parameters().get(j).upper();
        }
        if (settings.fitDelay()) {
            lower[m] = settings.minDelay();
            upper[m] = settings.maxDelay();
        }
        free = new Adapter(k, settings.fitDelay());
        fixed = new Adapter(m, false);
    }

    /** The model as a {@link FitModel}: with δ as its last parameter ({@code delayFree}) or at {@link #fixedDelay}. */
    private final class Adapter implements FitModel {
        private final int count;
        private final boolean delayFree;

        Adapter(int count, boolean delayFree) {
            this.count = count;
            this.delayFree = delayFree;
        }

        @Override
        public int parameterCount() {
            return count;
        }

        @Override
        public int sampleCount() {
            return n;
        }

        @Override
        public void evaluate(double[] p, double[] y, double[] jacobian) {
            shift(delayFree ? p[m] : fixedDelay);
            model.evaluate(p, cp, work, y, jacobian, count);
            if (jacobian != null && delayFree) {
                model.evaluate(p, dcp, work, scratch, null, 0);
                for (int i = 0; i < n; i++) {
                    jacobian[i * count + m] = scratch[i];
                }
            }
        }
    }

    /**
     * Refuses an AIF that does not reach back to the first frame or on to the last (half a frame's slack).
     *
     * @throws IllegalArgumentException saying which end is short
     */
    public static void checkCoverage(double[] frameTimes, ArterialInputFunction aif) {
        double[] at = aif.times();
        int n = frameTimes.length;
        double firstStep = n > 1 ? frameTimes[1] - frameTimes[0] : 0;
        double lastStep = n > 1 ? frameTimes[n - 1] - frameTimes[n - 2] : 0;
        if (at[0] > frameTimes[0] + 0.5 * firstStep + 1e-9) {
            throw new IllegalArgumentException("the AIF starts at " + at[0] + " s, after the first frame at "
                    + frameTimes[0] + " s: it must cover the whole series");
        }
        if (at[at.length - 1] < frameTimes[n - 1] - 0.5 * lastStep - 1e-9) {
            throw new IllegalArgumentException("the AIF ends at " + at[at.length - 1] + " s, before the last frame at "
                    + frameTimes[n - 1] + " s: it must cover the whole series");
        }
    }

    /** C_p(t_i − δ) and ∂/∂δ at every frame, by linear interpolation (constant beyond the AIF's ends). */
    private void shift(double delay) {
        if (delay == shiftedFor) {
            return;
        }
        int j = 0;
        int last = aifTimes.length - 1;
        for (int i = 0; i < n; i++) {
            double t = frameTimes[i] - delay;
            if (t <= aifTimes[0]) {
                cp[i] = aifValues[0];
                dcp[i] = 0;
                continue;
            }
            if (t >= aifTimes[last]) {
                cp[i] = aifValues[last];
                dcp[i] = 0;
                continue;
            }
            while (j < last - 1 && aifTimes[j + 1] <= t) {
                j++;
            }
            while (j > 0 && aifTimes[j] > t) {
                j--;
            }
            double slope = (aifValues[j + 1] - aifValues[j]) / (aifTimes[j + 1] - aifTimes[j]);
            cp[i] = aifValues[j] + slope * (t - aifTimes[j]);
            dcp[i] = -slope;
        }
        shiftedFor = delay;
    }

    /** The model. */
    public TracerKineticModel model() {
        return model;
    }

    /** Number of fitted parameters (the model's, plus one for the delay when fitted). */
    public int fittedParameterCount() {
        return k;
    }

    /**
     * Fits one tissue curve (mM at the frame times). Results: {@link #parameters()}, {@link #standardErrors()},
     * {@link #status()}, {@link #sse()}, {@link #rms()}, {@link #aicc()}.
     */
    public FitStatus fit(double[] tissue) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(tissue[i])) {
                Arrays.fill(best, Double.NaN);
                Arrays.fill(bestSe, Double.NaN);
                sse = Double.NaN;
                return status = FitStatus.FAILED;
            }
        }
        if (!settings.fitDelay()) {
            fixedDelay = 0;
            fitAtFixedDelay(tissue, REFINED, solver);
            return status;
        }
        // δ: the best of a grid of fits at fixed delays, then all parameters together from there.
        double scanCost = Double.POSITIVE_INFINITY;
        double step = scanStep();
        int steps = (int) Math.floor((settings.maxDelay() - settings.minDelay()) / step + 1e-9);
        for (int q = 0; q <= steps; q++) {
            fixedDelay = settings.minDelay() + q * step;
            fitAtFixedDelay(tissue, 1, fixedSolver);
            if (sse < scanCost) {
                scanCost = sse;
                System.arraycopy(best, 0, scanBest, 0, m);
                scanBest[m] = fixedDelay;
            }
        }
        Arrays.fill(best, Double.NaN);
        Arrays.fill(bestSe, Double.NaN);
        if (!Double.isFinite(scanCost)) {
            sse = Double.NaN;
            return status = FitStatus.FAILED;
        }
        status = solver.fit(free, tissue, null, scanBest, lower, upper, settings.solver());
        if (status == FitStatus.FAILED) {
            sse = Double.NaN;
            return status;
        }
        sse = solver.cost();
        System.arraycopy(solver.parameters(), 0, best, 0, k);
        System.arraycopy(solver.standardErrors(), 0, bestSe, 0, k);
        return status;
    }

    /** The delay grid's step: 1 s, or the shortest frame interval if shorter (at least 0.1 s). */
    private double scanStep() {
        double shortest = Double.POSITIVE_INFINITY;
        for (int i = 1; i < n; i++) {
            shortest = Math.min(shortest, frameTimes[i] - frameTimes[i - 1]);
        }
        return Math.max(0.1, Math.min(1.0, shortest));
    }

    /** Multi-start fit of the model's parameters at {@link #fixedDelay}, refining the best {@code refined} starts. */
    private void fitAtFixedDelay(double[] tissue, int refined, LevenbergMarquardt lm) {
        shift(fixedDelay);
        int count = model.startCount();
        for (int s = 0; s < count; s++) {
            double[] st = starts[s];
            model.start(s, tissue, cp, work, st);
            if (count > 1) {
                model.evaluate(st, cp, work, scratch, null, 0);
                double c = 0;
                for (int i = 0; i < n; i++) {
                    double r = tissue[i] - scratch[i];
                    c += r * r;
                }
                startCosts[s] = Double.isFinite(c) ? c : Double.POSITIVE_INFINITY;
            }
        }
        sse = Double.POSITIVE_INFINITY;
        status = FitStatus.FAILED;
        Arrays.fill(best, Double.NaN);
        Arrays.fill(bestSe, Double.NaN);
        Adapter adapter = settings.fitDelay() ? fixed : free;
        int tries = Math.min(refined, count);
        for (int r = 0; r < tries; r++) {
            int s = r;
            if (count > 1) { // the r-th lowest start cost; taken ones are NaN
                s = -1;
                for (int q = 0; q < count; q++) {
                    if (!Double.isNaN(startCosts[q]) && (s < 0 || startCosts[q] < startCosts[s])) {
                        s = q;
                    }
                }
                if (s < 0) {
                    break;
                }
                startCosts[s] = Double.NaN;
            }
            FitStatus st = lm.fit(adapter, tissue, null, starts[s], lower, upper, settings.solver());
            if (st != FitStatus.FAILED && lm.cost() < sse) {
                sse = lm.cost();
                status = st;
                System.arraycopy(lm.parameters(), 0, best, 0, m);
                System.arraycopy(lm.standardErrors(), 0, bestSe, 0, m);
            }
        }
        if (!Double.isFinite(sse)) {
            sse = Double.NaN;
        }
    }

    /** The fitted parameters of the last curve (model's order, then δ in s when fitted); this fit's array. */
    public double[] parameters() {
        return best;
    }

    /** Their standard errors (NaN where undefined); this fit's array. */
    public double[] standardErrors() {
        return bestSe;
    }

    /** The fitted delay δ in s (0 when not fitted). */
    public double delay() {
        return settings.fitDelay() ? best[m] : 0;
    }

    public FitStatus status() {
        return status;
    }

    /** Residual sum of squares, mM². */
    public double sse() {
        return sse;
    }

    /** Root-mean-square residual, mM. */
    public double rms() {
        return Math.sqrt(sse / n);
    }

    /** AICc of the last fit (k = fitted parameters including δ). */
    public double aicc() {
        return InformationCriteria.aicc(n, k, sse);
    }

    /** The model curve at given parameters (model's order, then δ when fitted) into {@code out}. */
    public void curve(double[] parameters, double[] out) {
        (settings.fitDelay() ? free : fixed).evaluate(parameters, out, null);
    }
}
