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

import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.fit.LevenbergMarquardt;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The apparent diffusion coefficient: the mono-exponential S(b) = S0·e^{−b·ADC} fitted voxel by voxel to the trace
 * image at chosen b-values (Le Bihan D et al., MR imaging of intravoxel incoherent motions, Radiology
 * 1986;161:401–407; the ADC of the trace image is the mean diffusivity, see {@link TraceImage}).
 *
 * <p>Methods: {@value #LOG_LINEAR} — ln S regressed on b, weighted by S² (closed form; samples with S ≤ 0 left out);
 * {@value #NLLS} — bounded Levenberg–Marquardt ({@link LevenbergMarquardt}) of {@link MonoExponentialModel} from the
 * log-linear start, with the Rician noise floor √(S0²e^{−2b·ADC} + 2σ²) when σ &gt; 0 (as the R2* fit does). Without
 * the floor, high b-values whose signal has sunk to the noise floor (≈ 1.25σ) flatten the decay and bias ADC low.
 *
 * <p>Contract of {@link #fit}: S0 ≥ 0 and ADC in [0, {@value #ADC_MAX}] mm²/s (NLLS bounds); a voxel whose fit did not
 * reach a minimum ({@link FitStatus#usable()} false) gets NaN in every map and its status says why; never a silent
 * number. Fit quality is the RMS residual in % of S0.
 */
public final class AdcFit {

    public static final String LOG_LINEAR = "loglinear";
    public static final String NLLS = "nlls";
    public static final List<String> METHODS = List.of(NLLS, LOG_LINEAR);

    /** Upper bound of the NLLS ADC in mm²/s (free water at 37 °C is ≈ 0.003). */
    public static final double ADC_MAX = 0.1;

    /** Without a chosen set, b-values up to this (s/mm²) are used: above it non-Gaussian diffusion (kurtosis) bends the decay. */
    public static final double DEFAULT_B_MAX = 1000;

    /**
     * The ADC operator's parameters.
     *
     * @param bValues which b-values to use, comma-separated in s/mm² ("0,50,400,800"); empty = all ≤ {@value #DEFAULT_B_MAX}
     * @param method {@value #NLLS} or {@value #LOG_LINEAR}
     * @param noiseFloor NLLS only: fit the Rician noise floor
     * @param noiseSigma σ per channel (signal unit); 0 = estimate it from the background
     */
    public record Params(String bValues, String method, boolean noiseFloor, double noiseSigma) {
        public static final Params DEFAULTS = new Params("", NLLS, true, 0);
    }

    private static final LevenbergMarquardt.Settings SETTINGS = new LevenbergMarquardt.Settings(100, 1e-7, 1e-3);

    /**
     * The maps.
     *
     * @param adc ADC in mm²/s (NaN where not usable)
     * @param s0 S0 in the signal's unit
     * @param status {@link FitStatus} code per voxel
     * @param quality RMS residual, % of S0
     * @param adcSe standard error of ADC in mm²/s (NLLS; NaN for log-linear)
     */
    public record Result(float[] adc, float[] s0, float[] status, float[] quality, float[] adcSe) {}

    private final double[] b;
    private final boolean nlls;
    private final double sigma;

    /**
     * @param bValues the b-values fitted (s/mm², at least two distinct)
     * @param method {@value #NLLS} or {@value #LOG_LINEAR}
     * @param noiseSigma σ per channel for the NLLS noise floor, 0 for none
     */
    public AdcFit(double[] bValues, String method, double noiseSigma) {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", got " + method);
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : bValues) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (bValues.length < 2 || !(hi > lo)) {
            throw new IllegalArgumentException("an ADC needs at least two distinct b-values");
        }
        this.b = bValues.clone();
        this.nlls = method.equals(NLLS);
        this.sigma = noiseSigma;
    }

    /**
     * The groups of {@code groups} that {@code spec} names ("0,50,400,800"), or all with b ≤ {@value #DEFAULT_B_MAX}
     * for an empty spec.
     *
     * @throws IllegalArgumentException naming a b-value that is not in the series, or fewer than two chosen
     */
    public static int[] select(BValueGroups groups, String spec) {
        List<Integer> chosen = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            for (int g = 0; g < groups.size(); g++) {
                if (groups.bValue(g) <= DEFAULT_B_MAX * (1 + BValueGroups.RELATIVE_TOLERANCE)) {
                    chosen.add(g);
                }
            }
        } else {
            for (String part : spec.split("[,;\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                double want;
                try {
                    want = Double.parseDouble(part);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + part + "' is not a number (s/mm²)");
                }
                int g = groups.find(want);
                if (g < 0) {
                    throw new IllegalArgumentException(
                            "b = " + part + " s/mm² is not in the series (it has " + groups.describe() + " s/mm²)");
                }
                if (!chosen.contains(g)) {
                    chosen.add(g);
                }
            }
        }
        if (chosen.size() < 2) {
            throw new IllegalArgumentException("an ADC needs at least two distinct b-values; chosen "
                    + chosen.stream()
                            .map(g -> BValueGroups.format(groups.bValue(g)))
                            .toList() + " of "
                    + groups.describe() + " s/mm²");
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** A fitter for one thread: holds the solver and its work arrays. */
    public final class Voxel {
        private final int[] all;
        private final MonoExponentialModel model = new MonoExponentialModel(b, sigma);
        private final LevenbergMarquardt lm = new LevenbergMarquardt(2, b.length);
        private final double[] start = new double[2];
        private final double[] lower = {0, 0};
        private final double[] upper = {Double.POSITIVE_INFINITY, ADC_MAX};

        Voxel() {
            all = new int[b.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
        }

        /**
         * Fits one voxel.
         *
         * @param signal one value per b-value of this fit
         * @param out receives {S0, ADC (mm²/s), SE of ADC, RMS residual in % of S0}; NaN where not usable
         */
        public FitStatus fit(double[] signal, double[] out) {
            boolean ok = MonoExponentialModel.logLinear(b, signal, all, start);
            FitStatus status;
            double s0, adc, se, sse;
            if (!nlls) {
                if (!ok) {
                    return fail(out);
                }
                s0 = start[0];
                adc = start[1];
                se = Double.NaN;
                sse = 0;
                for (int i = 0; i < b.length; i++) {
                    double r = signal[i] - s0 * Math.exp(-b[i] * adc);
                    sse += r * r;
                }
                status = FitStatus.CONVERGED;
            } else {
                if (!ok) {
                    double max = 0;
                    for (double s : signal) {
                        max = Math.max(max, s);
                    }
                    if (!(max > 0)) {
                        return fail(out);
                    }
                    start[0] = max;
                    start[1] = 1e-3;
                }
                status = lm.fit(model, signal, null, start, lower, upper, SETTINGS);
                if (!status.usable()) {
                    fail(out);
                    return status;
                }
                s0 = lm.parameter(0);
                adc = lm.parameter(1);
                se = lm.standardErrors()[1];
                sse = lm.cost();
            }
            out[0] = s0;
            out[1] = adc;
            out[2] = se;
            out[3] = s0 > 0 ? 100 * Math.sqrt(sse / b.length) / s0 : Double.NaN;
            return status;
        }

        private FitStatus fail(double[] out) {
            out[0] = out[1] = out[2] = out[3] = Double.NaN;
            return FitStatus.FAILED;
        }
    }

    /** A new fitter for one thread. */
    public Voxel voxel() {
        return new Voxel();
    }

    /**
     * Fits every voxel in the mask.
     *
     * @param frames the trace image at this fit's b-values, one flat frame each (same order as the b-values)
     * @param mask voxels to fit, or null for all
     */
    public Result map(float[][] frames, boolean[] mask, Cancellation cancellation) {
        int size = frames[0].length;
        float[] adc = new float[size], s0 = new float[size], status = new float[size], quality = new float[size];
        float[] se = new float[size];
        ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
            Voxel fitter = voxel();
            double[] signal = new double[b.length];
            double[] out = new double[4];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    adc[v] = s0[v] = quality[v] = se[v] = Float.NaN;
                    status[v] = FitStatus.NOT_FITTED.code();
                    continue;
                }
                for (int i = 0; i < b.length; i++) {
                    signal[i] = frames[i][v];
                }
                FitStatus st = fitter.fit(signal, out);
                status[v] = st.code();
                s0[v] = (float) out[0];
                adc[v] = (float) out[1];
                se[v] = (float) out[2];
                quality[v] = (float) out[3];
            }
        });
        return new Result(adc, s0, status, quality, se);
    }
}
