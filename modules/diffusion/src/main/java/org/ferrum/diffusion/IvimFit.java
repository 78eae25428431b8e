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
package org.ferrum.diffusion;

import java.util.List;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.fit.LevenbergMarquardt;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * IVIM parameters D, f and D* ({@link BiExponentialModel}) fitted voxel by voxel to the trace image.
 *
 * <p>Methods:
 * <ul>
 * <li>{@value #SEGMENTED} (default): at b ≥ the threshold the perfusion term has decayed (e^{−b·D*} ≈ 0 for D* ≫ D), so
 *     (1) D and the intercept S_int come from the mono-exponential {@link MonoExponentialModel} fitted to those
 *     b-values (Levenberg–Marquardt from the weighted log-linear start, with the noise floor when σ &gt; 0); (2) f = 1 −
 *     S_int / S(b_min), clamped into the f bounds, S0 = S(b_min); (3) D* is fitted alone ({@link PseudoDiffusionModel})
 *     to all b-values with S0, f and D held, from the best of a few starting values. This is the segmented approach
 *     compared by Gurney-Champion OJ et al., PLoS One 2018;13:e0194590, and the "segmented" fits of the OSIPI IVIM
 *     code collection; the threshold 200 s/mm² follows Wurnig MC et al., NMR Biomed 2015;28:1421–1430 (~200 s/mm² in
 *     most organs).</li>
 * <li>{@value #FULL}: the four parameters (S0, f, D, D*) by bounded Levenberg–Marquardt over all b-values, started
 *     from the segmented result.</li>
 * </ul>
 *
 * <p>Contract: needs at least two distinct b-values at or above the threshold and, for D*, at least one below it. The
 * reference signal S(b_min) is the signal at the lowest b; without b = 0 the perfusion signal already lost at b_min,
 * f·(1 − e^{−b_min·D*}), is missing from f, which is then underestimated (the operator warns). Bounds apply to both
 * methods (D and D* are fitted inside them, f is clamped). A voxel whose fit did not reach a minimum gets NaN in every
 * map and its {@link FitStatus} (the worse of the steps) says why; where f is at its lower bound 0 D* has no meaning
 * and is NaN. Standard errors are the Jacobian ones of the step that fitted each parameter (segmented: SE(f) =
 * SE(S_int)/S(b_min), the reference's own noise ignored). Fit quality is the RMS residual of the final model over
 * all b-values in % of S0. Units: D, D* in mm²/s, f a fraction in [0, 1], S0 in the signal's unit.
 */
public final class IvimFit {

    public static final String SEGMENTED = "segmented";
    public static final String FULL = "full";
    public static final List<String> METHODS = List.of(SEGMENTED, FULL);

    /** D* starting values of the segmented fit's last step (mm²/s); the one with the lowest cost is refined. */
    private static final double[] DSTAR_STARTS = {0.01, 0.03, 0.1};

    private static final LevenbergMarquardt.Settings SETTINGS = new LevenbergMarquardt.Settings(100, 1e-7, 1e-3);

    /**
     * Method, threshold, noise and bounds.
     *
     * @param method {@value #SEGMENTED} or {@value #FULL}
     * @param bThreshold b (s/mm²) from which the segmented fit takes D from the mono-exponential
     * @param noiseFloor fit the Rician noise floor (σ from {@code noiseSigma}, or estimated by the operator)
     * @param noiseSigma σ per channel in the signal's unit; 0 = estimate from the background
     * @param dMin lower bound of D (mm²/s)
     * @param dMax upper bound of D
     * @param fMin lower bound of f
     * @param fMax upper bound of f
     * @param dStarMin lower bound of D* (mm²/s)
     * @param dStarMax upper bound of D*
     */
    public record Params(
            String method,
            double bThreshold,
            boolean noiseFloor,
            double noiseSigma,
            double dMin,
            double dMax,
            double fMin,
            double fMax,
            double dStarMin,
            double dStarMax) {

        public static final Params DEFAULTS = new Params(SEGMENTED, 200, true, 0, 0, 0.005, 0, 1, 0.005, 0.2);

        public Params {
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("method must be one of " + METHODS + ", got " + method);
            }
            check("D", dMin, dMax);
            check("f", fMin, fMax);
            check("D*", dStarMin, dStarMax);
            if (fMin < 0 || fMax > 1) {
                throw new IllegalArgumentException("f bounds must lie in [0, 1], got [" + fMin + ", " + fMax + "]");
            }
        }

        private static void check(String name, double lo, double hi) {
            if (!(lo >= 0) || !(hi > lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException(
                        name + " bounds must satisfy 0 ≤ min < max < ∞, got [" + lo + ", " + hi + "]");
            }
        }

        /** The same parameters with another method. */
        public Params withMethod(String m) {
            return new Params(m, bThreshold, noiseFloor, noiseSigma, dMin, dMax, fMin, fMax, dStarMin, dStarMax);
        }
    }

    /**
     * The maps (NaN where not usable).
     *
     * @param d D in mm²/s
     * @param f perfusion fraction
     * @param dStar D* in mm²/s
     * @param s0 S0 in the signal's unit
     * @param status {@link FitStatus} code per voxel
     * @param quality RMS residual, % of S0
     * @param dSe standard error of D
     * @param fSe standard error of f
     * @param dStarSe standard error of D*
     */
    public record Result(
            float[] d,
            float[] f,
            float[] dStar,
            float[] s0,
            float[] status,
            float[] quality,
            float[] dSe,
            float[] fSe,
            float[] dStarSe) {}

    /** Per-voxel output layout of {@link Voxel#fit}. */
    public static final int S0 = 0, F = 1, D = 2, DSTAR = 3, SE_F = 4, SE_D = 5, SE_DSTAR = 6, QUALITY = 7, OUTPUTS = 8;

    private final double[] b;
    private final Params params;
    private final double sigma;
    private final int[] high;
    private final double[] dStarStarts;
    private final double[][] startDecays;

    /**
     * @param bValues the distinct b-values (s/mm², ascending)
     * @param params method, threshold and bounds
     * @param noiseSigma σ per channel for the noise floor, 0 for none (the caller decides, from params.noiseFloor)
     * @throws IllegalArgumentException if fewer than two b-values are at or above the threshold or none below it
     */
    public IvimFit(double[] bValues, Params params, double noiseSigma) {
        this.b = bValues.clone();
        for (int i = 1; i < b.length; i++) {
            if (!(b[i] > b[i - 1])) {
                throw new IllegalArgumentException("b-values must be distinct and ascending");
            }
        }
        this.params = params;
        this.sigma = noiseSigma;
        int n = 0;
        for (double x : b) {
            n += x >= params.bThreshold() ? 1 : 0;
        }
        if (n < 2 || n == b.length) {
            throw new IllegalArgumentException("IVIM needs at least two b-values at or above the threshold "
                    + BValueGroups.format(params.bThreshold()) + " s/mm² (for D) and at least one below it (for f and"
                    + " D*); the series has " + describe(b) + " s/mm²");
        }
        dStarStarts = new double[DSTAR_STARTS.length];
        startDecays = new double[DSTAR_STARTS.length][b.length];
        for (int k = 0; k < DSTAR_STARTS.length; k++) {
            dStarStarts[k] = Math.min(params.dStarMax(), Math.max(params.dStarMin(), DSTAR_STARTS[k]));
            for (int i = 0; i < b.length; i++) {
                startDecays[k][i] = Math.exp(-b[i] * dStarStarts[k]);
            }
        }
        high = new int[n];
        for (int i = 0, k = 0; i < b.length; i++) {
            if (b[i] >= params.bThreshold()) {
                high[k++] = i;
            }
        }
    }

    private static String describe(double[] b) {
        StringBuilder s = new StringBuilder();
        for (double x : b) {
            s.append(s.length() == 0 ? "" : ", ").append(BValueGroups.format(x));
        }
        return s.toString();
    }

    public Params params() {
        return params;
    }

    /** A fitter for one thread: holds the solvers and their work arrays (nothing is allocated per voxel). */
    public final class Voxel {
        private final double[] highB = new double[high.length];
        private final double[] highSignal = new double[high.length];
        private final int[] highAll = new int[high.length];
        private final MonoExponentialModel mono;
        private final LevenbergMarquardt lmMono = new LevenbergMarquardt(2, high.length);
        private final PseudoDiffusionModel pseudo = new PseudoDiffusionModel(b, sigma);
        private final LevenbergMarquardt lmPseudo = new LevenbergMarquardt(1, b.length);
        private final BiExponentialModel bi = new BiExponentialModel(b, sigma);
        private final LevenbergMarquardt lmFull = new LevenbergMarquardt(4, b.length);
        private final double[] start = new double[4];
        private final double[] monoLower, monoUpper, dsLower, dsUpper, fullLower, fullUpper;

        Voxel() {
            for (int k = 0; k < high.length; k++) {
                highB[k] = b[high[k]];
                highAll[k] = k;
            }
            mono = new MonoExponentialModel(highB, sigma);
            monoLower = new double[] {0, params.dMin()};
            monoUpper = new double[] {Double.POSITIVE_INFINITY, params.dMax()};
            dsLower = new double[] {params.dStarMin()};
            dsUpper = new double[] {params.dStarMax()};
            fullLower = new double[] {0, params.fMin(), params.dMin(), params.dStarMin()};
            fullUpper = new double[] {Double.POSITIVE_INFINITY, params.fMax(), params.dMax(), params.dStarMax()};
        }

        /**
         * Fits one voxel.
         *
         * @param signal one value per b-value (this fit's order)
         * @param out receives the {@value #OUTPUTS} values at {@link #S0}, {@link #F}, {@link #D}, {@link #DSTAR},
         *     {@link #SE_F}, {@link #SE_D}, {@link #SE_DSTAR}, {@link #QUALITY}; all NaN when the status is not usable
         * @return the worse status of the steps
         */
        public FitStatus fit(double[] signal, double[] out) {
            FitStatus status = segmented(signal, out);
            if (status.usable() && params.method().equals(FULL)) {
                status = full(signal, out);
            }
            if (!status.usable()) {
                java.util.Arrays.fill(out, 0, OUTPUTS, Double.NaN);
            }
            return status;
        }

        private FitStatus segmented(double[] signal, double[] out) {
            double ref = signal[0];
            if (!(ref > 0) || !Double.isFinite(ref)) {
                return FitStatus.FAILED;
            }
            for (int k = 0; k < high.length; k++) {
                highSignal[k] = signal[high[k]];
            }
            if (!MonoExponentialModel.logLinear(highB, highSignal, highAll, start)) {
                start[0] = ref;
                start[1] = 1e-3;
            }
            FitStatus s1 = lmMono.fit(mono, highSignal, null, start, monoLower, monoUpper, SETTINGS);
            if (!s1.usable()) {
                return s1;
            }
            double sInt = lmMono.parameter(0);
            double d = lmMono.parameter(1);
            double f = Math.min(params.fMax(), Math.max(params.fMin(), 1 - sInt / ref));
            out[S0] = ref;
            out[F] = f;
            out[D] = d;
            out[SE_D] = lmMono.standardErrors()[1];
            out[SE_F] = lmMono.standardErrors()[0] / ref;
            if (!(f > 0)) {
                // no pseudo-diffusion compartment: D* undefined, the model is S0·e^{−bD}
                double sse = 0;
                for (int i = 0; i < b.length; i++) {
                    double m = ref * Math.exp(-b[i] * d);
                    double r = signal[i] - (sigma > 0 ? Math.sqrt(m * m + 2 * sigma * sigma) : m);
                    sse += r * r;
                }
                out[DSTAR] = Double.NaN;
                out[SE_DSTAR] = Double.NaN;
                out[QUALITY] = 100 * Math.sqrt(sse / b.length) / ref;
                return s1;
            }
            pseudo.hold(ref, f, d);
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < dStarStarts.length; k++) {
                double c = pseudo.cost(startDecays[k], signal);
                if (c < best) {
                    best = c;
                    out[DSTAR] = dStarStarts[k];
                }
            }
            start[0] = out[DSTAR];
            FitStatus s3 = lmPseudo.fit(pseudo, signal, null, start, dsLower, dsUpper, SETTINGS);
            out[DSTAR] = lmPseudo.parameter(0);
            out[SE_DSTAR] = lmPseudo.standardErrors()[0];
            out[QUALITY] = 100 * Math.sqrt(lmPseudo.cost() / b.length) / ref;
            return worse(s1, s3);
        }

        private FitStatus full(double[] signal, double[] out) {
            start[0] = out[S0];
            start[1] = out[F];
            start[2] = out[D];
            start[3] = Double.isNaN(out[DSTAR]) ? 0.02 : out[DSTAR];
            FitStatus s = lmFull.fit(bi, signal, null, start, fullLower, fullUpper, SETTINGS);
            if (!s.usable()) {
                return s;
            }
            double[] p = lmFull.parameters();
            double[] se = lmFull.standardErrors();
            out[S0] = p[0];
            out[F] = p[1];
            out[D] = p[2];
            out[DSTAR] = p[1] > 0 ? p[3] : Double.NaN;
            out[SE_F] = se[1];
            out[SE_D] = se[2];
            out[SE_DSTAR] = p[1] > 0 ? se[3] : Double.NaN;
            out[QUALITY] = p[0] > 0 ? 100 * Math.sqrt(lmFull.cost() / b.length) / p[0] : Double.NaN;
            return s;
        }
    }

    /** The worse of two statuses (failed, then iteration limit, then stalled, then converged). */
    static FitStatus worse(FitStatus a, FitStatus c) {
        return rank(a) >= rank(c) ? a : c;
    }

    private static int rank(FitStatus s) {
        return switch (s) {
            case CONVERGED -> 0;
            case STALLED -> 1;
            case MAX_ITERATIONS -> 2;
            case FAILED -> 3;
            case NOT_FITTED -> 4;
        };
    }

    /** A new fitter for one thread. */
    public Voxel voxel() {
        return new Voxel();
    }

    /**
     * Fits every voxel in the mask.
     *
     * @param frames the trace image, one flat frame per b-value (this fit's order)
     * @param mask voxels to fit, or null for all
     */
    public Result map(float[][] frames, boolean[] mask, Cancellation cancellation) {
        int size = frames[0].length;
        float[][] maps = new float[9][size];
        ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
            Voxel fitter = voxel();
            double[] signal = new double[b.length];
            double[] out = new double[OUTPUTS];
            for (int v = (int) from; v < to; v++) {
                FitStatus st;
                if (mask != null && !mask[v]) {
                    java.util.Arrays.fill(out, Double.NaN);
                    st = FitStatus.NOT_FITTED;
                } else {
                    for (int i = 0; i < b.length; i++) {
                        signal[i] = frames[i][v];
                    }
                    st = fitter.fit(signal, out);
                }
                maps[0][v] = (float) out[D];
                maps[1][v] = (float) out[F];
                maps[2][v] = (float) out[DSTAR];
                maps[3][v] = (float) out[S0];
                maps[4][v] = st.code();
                maps[5][v] = (float) out[QUALITY];
                maps[6][v] = (float) out[SE_D];
                maps[7][v] = (float) out[SE_F];
                maps[8][v] = (float) out[SE_DSTAR];
            }
        });
        return new Result(maps[0], maps[1], maps[2], maps[3], maps[4], maps[5], maps[6], maps[7], maps[8]);
    }
}
