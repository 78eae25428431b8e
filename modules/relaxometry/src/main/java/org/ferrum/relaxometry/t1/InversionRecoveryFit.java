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
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * T1 from magnitude inversion-recovery images by reduced-dimension nonlinear least squares with polarity restoration
 * (RD-NLS-PR: Barral JK, Gudmundson E, Stikov N, Etezadi-Amoli M, Stoica P, Nishimura DG, Magn Reson Med
 * 2010;64:1057–1067).
 *
 * <p>Model (long TR): S(TI) = a + b·exp(−TI/T1), with a ≈ M0 and b ≈ −(1 + inversion efficiency)·M0 (b = −2a for a
 * perfect inversion). Magnitude images lose the sign of the points before the null; with TIs sorted, the null lies
 * next to the smallest magnitude, so the points up to it are negated, and then the points before it only; each
 * restored curve is fitted and the one with the smaller residual is kept. Each fit: for T1 on a log grid from t1Min
 * to t1Max (a and b by linear least squares: the reduced dimension), then {@link LevenbergMarquardt} on (a, b, R1) from
 * the best grid point.
 *
 * <p>Results per voxel: T1 (s), a (the signal's unit), RMS residual in % of the largest magnitude, and a {@link
 * FitStatus} code (2 also when T1 ends at t1Min or t1Max; 3 when fewer than 3 TIs or no signal).
 */
public final class InversionRecoveryFit {

    private static final int GRID = 60;
    private static final LevenbergMarquardt.Settings SETTINGS = new LevenbergMarquardt.Settings(200, 1e-9, 1e-3);

    private final double[] ti;
    private final int n;
    private final double r1Min;
    private final double r1Max;
    private final LevenbergMarquardt solver;
    private final Model model;
    private final double[] signed;
    private final double[] start = new double[3];
    private final double[] lower;
    private final double[] upper;
    private final double[] best = new double[3];

    private double t1;
    private double a;
    private double rms;
    private FitStatus status = FitStatus.NOT_FITTED;

    /**
     * @param inversionTimes TIs in s, strictly increasing, at least 3
     */
    public InversionRecoveryFit(double[] inversionTimes, double t1Min, double t1Max) {
        if (inversionTimes.length < 3) {
            throw new IllegalArgumentException(
                    "inversion recovery needs at least 3 inversion times, got " + inversionTimes.length);
        }
        for (int i = 0; i < inversionTimes.length; i++) {
            if (!(inversionTimes[i] >= 0) || (i > 0 && !(inversionTimes[i] > inversionTimes[i - 1]))) {
                throw new IllegalArgumentException("inversion times must be ≥ 0 s and strictly increasing");
            }
        }
        ti = inversionTimes.clone();
        n = ti.length;
        r1Min = 1 / t1Max;
        r1Max = 1 / t1Min;
        solver = new LevenbergMarquardt(3, n);
        model = new Model(ti);
        signed = new double[n];
        lower = new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, r1Min};
        upper = new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, r1Max};
    }

    /** Fits one voxel's magnitudes (one per TI). */
    public FitStatus fit(double[] magnitude) {
        int nullAt = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(magnitude[i])) {
                return fail(FitStatus.FAILED);
            }
            if (Math.abs(magnitude[i]) < Math.abs(magnitude[nullAt])) {
                nullAt = i;
            }
            max = Math.max(max, Math.abs(magnitude[i]));
        }
        if (!(max > 0)) {
            return fail(FitStatus.FAILED);
        }
        double bestCost = Double.POSITIVE_INFINITY;
        FitStatus bestStatus = FitStatus.FAILED;
        // Candidates: points 0 … nullAt negated, and points 0 … nullAt − 1 negated.
        for (int flipped = nullAt + 1; flipped >= nullAt; flipped--) {
            for (int i = 0; i < n; i++) {
                signed[i] = i < flipped ? -Math.abs(magnitude[i]) : Math.abs(magnitude[i]);
            }
            gridStart();
            FitStatus s = solver.fit(model, signed, null, start, lower, upper, SETTINGS);
            if (s != FitStatus.FAILED && solver.cost() < bestCost) {
                bestCost = solver.cost();
                bestStatus = s;
                System.arraycopy(solver.parameters(), 0, best, 0, 3);
            }
        }
        if (!bestStatus.usable()) {
            return fail(bestStatus);
        }
        a = best[0];
        t1 = 1 / best[2];
        rms = 100 * Math.sqrt(bestCost / n) / max;
        boolean atLimit = best[2] <= r1Min * (1 + 1e-9) || best[2] >= r1Max * (1 - 1e-9);
        status = atLimit ? FitStatus.STALLED : bestStatus;
        return status;
    }

    /** The best (a, b, R1) on a log grid of T1, a and b by linear least squares. */
    private void gridStart() {
        double bestCost = Double.POSITIVE_INFINITY;
        double ratio = Math.log(r1Max / r1Min);
        for (int g = 0; g < GRID; g++) {
            double r1 = r1Min * Math.exp(ratio * g / (GRID - 1));
            double sx = 0, sxx = 0, sy = 0, sxy = 0, syy = 0;
            for (int i = 0; i < n; i++) {
                double x = Math.exp(-ti[i] * r1);
                sx += x;
                sxx += x * x;
                sy += signed[i];
                sxy += x * signed[i];
                syy += signed[i] * signed[i];
            }
            double det = n * sxx - sx * sx;
            if (!(det > 1e-300)) {
                continue;
            }
            double b = (n * sxy - sx * sy) / det;
            double a0 = (sy - b * sx) / n;
            double cost = syy - a0 * sy - b * sxy; // residual sum of squares at the linear optimum
            if (cost < bestCost) {
                bestCost = cost;
                start[0] = a0;
                start[1] = b;
                start[2] = r1;
            }
        }
    }

    private FitStatus fail(FitStatus s) {
        t1 = Double.NaN;
        a = Double.NaN;
        rms = Double.NaN;
        status = s;
        return s;
    }

    public FitStatus status() {
        return status;
    }

    /** T1, s. */
    public double t1() {
        return t1;
    }

    /** a, the recovered signal at TI → ∞ (≈ M0 for a long TR), the signal's unit. */
    public double a() {
        return a;
    }

    /** RMS residual, % of the largest magnitude. */
    public double rms() {
        return rms;
    }

    /**
     * Maps every voxel: {@code frames[i]} holds TI i. Returns {t1 (s), a, rms (%), status}; voxels outside {@code
     * mask} (null: all) are 0 with status {@link FitStatus#NOT_FITTED}.
     */
    public static float[][] map(
            float[][] frames,
            double[] inversionTimes,
            double t1Min,
            double t1Max,
            boolean[] mask,
            Cancellation cancellation) {
        int size = frames[0].length;
        int n = inversionTimes.length;
        float[][] out = new float[4][size];
        ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
            InversionRecoveryFit fit = new InversionRecoveryFit(inversionTimes, t1Min, t1Max);
            double[] s = new double[n];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    out[3][v] = FitStatus.NOT_FITTED.code();
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    s[i] = frames[i][v];
                }
                FitStatus st = fit.fit(s);
                out[0][v] = (float) fit.t1();
                out[1][v] = (float) fit.a();
                out[2][v] = (float) fit.rms();
                out[3][v] = st.code();
            }
        });
        return out;
    }

    /** a + b e^{−R1·TI} with its Jacobian in (a, b, R1). */
    private static final class Model implements FitModel {
        private final double[] ti;

        Model(double[] ti) {
            this.ti = ti;
        }

        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public int sampleCount() {
            return ti.length;
        }

        @Override
        public void evaluate(double[] p, double[] y, double[] jacobian) {
            for (int i = 0; i < ti.length; i++) {
                double e = Math.exp(-p[2] * ti[i]);
                y[i] = p[0] + p[1] * e;
                if (jacobian != null) {
                    jacobian[3 * i] = 1;
                    jacobian[3 * i + 1] = e;
                    jacobian[3 * i + 2] = -p[1] * ti[i] * e;
                }
            }
        }
    }
}
