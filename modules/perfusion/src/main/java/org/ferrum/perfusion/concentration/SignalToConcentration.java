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
package org.ferrum.perfusion.concentration;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.relaxometry.t1.SpgrSignal;

/**
 * Contrast-agent concentration from a dynamic SPGR signal: the signal is inverted for R1 with the baseline T1 and the
 * M0 that the baseline implies, and C(t) = (R1(t) − R1₀) / r1.
 *
 * <p>Per voxel: S₀ is the mean signal of frames {@code baselineStart … baselineStart + baselineFrames − 1} (0-based);
 * with R1₀ = 1/T1₀ (from a T1 map or one fixed value), M0 = S₀ / g(α, TR, R1₀), g the SPGR signal per unit M0
 * ({@link SpgrSignal}); then R1(t) = g⁻¹(S(t)/M0) in closed form. This assumes fast water exchange, TE ≪ T2*, ideal
 * spoiling and a linear ΔR1 = r1 C (e.g. Tofts PS, Quantitative MRI of the Brain, 2003; the OSIPI DCE-DSC-MRI code
 * collection's signal-to-concentration reference uses the same inversion).
 *
 * <p><b>Water and fat</b> (bone marrow, 40–60 % fat): with a proton-density fat fraction f &gt; 0 and the fat T1, the
 * voxel is two compartments without exchange, S = M0 [(1 − f) g(R1w) + f g(R1f)]. Only water takes up a gadolinium
 * agent, so only R1w changes: M0 = S₀ / [(1 − f) g(R1w₀) + f g(R1f)] and R1w(t) = {@link SpgrSignal#waterR1}. T1₀ is
 * then the <em>water</em> T1 (e.g. {@code t1_water} of a water–fat VFA fit). The result is the concentration in the
 * water (non-fat) compartment, ΔR1w / r1, so kinetic parameters fitted to it (Ktrans, ve, vp) refer to the non-fat
 * tissue; multiply by (1 − f) for a per-voxel value. Treating such a voxel as one compartment underestimates ΔR1 (the
 * unchanging fat signal dilutes the enhancement) and Ktrans and ve with it.
 *
 * <p>Concentrations below zero are kept as computed (not clamped: clamping noise biases fits upwards); {@link Report}
 * counts them. Where no R1 ≥ 0 gives the signal (S ≤ 0, S at or above the R1 → ∞ limit M0 sin α, a baseline ≤ 0 or
 * T1 ≤ 0), the result is NaN and counted.
 */
public final class SignalToConcentration {

    /**
     * @param baselineStart first baseline frame, 0-based (the OSIPI reference skips frame 0: start 1)
     * @param baselineFrames number of baseline frames averaged for S₀ (≥ 1)
     * @param fatT1 T1 of fat in s, used with a fat fraction (≈ 0.3–0.4 s in marrow and subcutaneous fat at 1.5–3 T; a
     *     measured value for the protocol is better)
     */
    public record Params(int baselineStart, int baselineFrames, double fatT1) {

        public static final Params DEFAULTS = new Params(0, 5, 0.38);

        public Params {
            if (baselineStart < 0 || baselineFrames < 1) {
                throw new IllegalArgumentException(
                        "baseline: start " + baselineStart + " must be ≥ 0 and frames " + baselineFrames + " ≥ 1");
            }
            if (!(fatT1 > 0) || !Double.isFinite(fatT1)) {
                throw new IllegalArgumentException("fat T1 must be positive, got " + fatT1 + " s");
            }
        }

        public Params withBaseline(int start, int frames) {
            return new Params(start, frames, fatT1);
        }
    }

    /**
     * What the conversion met.
     *
     * @param negativeSamples voxel-frames after the baseline with C &lt; −1e-6 mM
     * @param netNegative per voxel: true where the mean C over the frames after the baseline is below zero by more
     *     than three times the standard deviation of C over the baseline frames (and by more than 1e-6 mM): not noise,
     *     but a wrong T1, baseline or relaxivity, or a signal drop (e.g. T2* in a large vessel); null if none
     * @param netNegativeVoxels how many such voxels
     * @param undefinedSamples voxel-frames with NaN (no R1 gives the signal, or baseline/T1 unusable)
     * @param firstUndefinedVoxel flat index of the first voxel with an undefined sample, −1 if none
     */
    public record Report(
            long negativeSamples,
            boolean[] netNegative,
            int netNegativeVoxels,
            long undefinedSamples,
            int firstUndefinedVoxel) {}

    /** Concentrations (frames × voxels, mM) and the {@link Report}. */
    public record Result(float[][] concentration, Report report) {}

    /**
     * A fat-free voxel-independent conversion of one curve (for tests and reference suites).
     *
     * @param signal the signal at each frame
     * @param t1 baseline T1 in s
     * @param flipAngle degrees
     * @param repetitionTime s
     * @param r1 relaxivity 1/s/mM
     */
    public static double[] curve(
            double[] signal, double t1, double flipAngle, double repetitionTime, double r1, Params params) {
        requireBaseline(signal.length, params);
        double[] c = new double[signal.length];
        double alpha = Math.toRadians(flipAngle);
        double s0 = baseline(signal, params);
        double r10 = 1 / t1;
        double m0 = SpgrSignal.m0(s0, alpha, repetitionTime, r10);
        for (int t = 0; t < signal.length; t++) {
            c[t] = (SpgrSignal.r1(signal[t], m0, alpha, repetitionTime) - r10) / r1;
        }
        return c;
    }

    /** Mean concentrations above −1e-6 mM never count as net negative (rounding of a flat curve). */
    static final double NEGATIVE_FLOOR = 1e-6;

    private SignalToConcentration() {}

    /**
     * Converts every voxel (inside {@code mask} when given; NaN outside).
     *
     * @param signal frames × voxels
     * @param t1Map baseline T1 in s per voxel, or null to use {@code t1Fixed} everywhere
     * @param t1Fixed baseline T1 in s where there is no map
     * @param pdff proton-density fat fraction in % per voxel, or null for fat-free voxels
     * @param mask voxels to convert, or null for all
     * @param flipAngle degrees
     * @param repetitionTime s
     * @param r1 relaxivity in 1/s/mM
     */
    public static Result apply(
            float[][] signal,
            float[] t1Map,
            double t1Fixed,
            float[] pdff,
            boolean[] mask,
            double flipAngle,
            double repetitionTime,
            double r1,
            Params params,
            Cancellation cancellation) {
        return apply(signal, t1Map, t1Fixed, pdff, null, mask, flipAngle, repetitionTime, r1, params, cancellation);
    }

    /**
     * As {@link #apply(float[][], float[], double, float[], boolean[], double, double, double, Params, Cancellation)},
     * with the flip angle per voxel: nominal × {@code b1} (relative transmit field, 1 = nominal; null for 1
     * everywhere). The baseline T1 should come from a B1-corrected T1 map as well.
     */
    public static Result apply(
            float[][] signal,
            float[] t1Map,
            double t1Fixed,
            float[] pdff,
            float[] b1,
            boolean[] mask,
            double flipAngle,
            double repetitionTime,
            double r1,
            Params params,
            Cancellation cancellation) {
        int frames = signal.length;
        requireBaseline(frames, params);
        int voxels = signal[0].length;
        if (!(r1 > 0) || !(repetitionTime > 0) || !(flipAngle > 0)) {
            throw new IllegalArgumentException(
                    "r1, TR and flip angle must be positive: " + r1 + ", " + repetitionTime + ", " + flipAngle);
        }
        double nominal = Math.toRadians(flipAngle);
        double r1Fat = 1 / params.fatT1();
        float[][] out = new float[frames][voxels];
        int from = params.baselineStart();
        int to = from + params.baselineFrames();
        int post = frames - to;
        boolean[] netNegative = new boolean[voxels];
        int[] negatives = new int[voxels];
        int[] undefined = new int[voxels];
        ParallelLoop.forEachChunk(voxels, cancellation, (a, b) -> {
            for (int n = (int) a; n < b; n++) {
                if (mask != null && !mask[n]) {
                    for (int t = 0; t < frames; t++) {
                        out[t][n] = Float.NaN;
                    }
                    continue;
                }
                double s0 = 0;
                for (int t = from; t < to; t++) {
                    s0 += signal[t][n];
                }
                s0 /= to - from;
                double t1 = t1Map == null ? t1Fixed : t1Map[n];
                double f = pdff == null ? 0 : Math.max(0, pdff[n] / 100.0);
                double alpha = b1 == null ? nominal : nominal * b1[n];
                boolean usable = s0 > 0
                        && t1 > 0
                        && Double.isFinite(t1)
                        && f < 1
                        && Double.isFinite(f)
                        && alpha > 0
                        && alpha < Math.PI;
                double gFat = f > 0 && usable ? SpgrSignal.perUnitM0(alpha, repetitionTime, r1Fat) : 0;
                double r10 = usable ? 1 / t1 : Double.NaN;
                double m0 = Double.NaN;
                if (usable) {
                    double g0 = (1 - f) * SpgrSignal.perUnitM0(alpha, repetitionTime, r10) + f * gFat;
                    m0 = s0 / g0;
                }
                double sum = 0;
                double baseSum = 0;
                double baseSquares = 0;
                for (int t = 0; t < frames; t++) {
                    double r1t;
                    if (!usable) {
                        r1t = Double.NaN;
                    } else if (f > 0) {
                        r1t = SpgrSignal.waterR1(signal[t][n], m0, alpha, repetitionTime, r1Fat, f);
                    } else {
                        r1t = SpgrSignal.r1(signal[t][n], m0, alpha, repetitionTime);
                    }
                    double c = (r1t - r10) / r1;
                    out[t][n] = (float) c;
                    if (Double.isNaN(c)) {
                        undefined[n]++;
                    } else if (t >= from && t < to) {
                        baseSum += c;
                        baseSquares += c * c;
                    } else if (t >= to) {
                        sum += c;
                        if (c < -NEGATIVE_FLOOR) {
                            negatives[n]++;
                        }
                    }
                }
                int nb = to - from;
                double baseMean = baseSum / nb;
                double baseSd =
                        nb > 1 ? Math.sqrt(Math.max(0, (baseSquares - nb * baseMean * baseMean) / (nb - 1))) : 0;
                netNegative[n] = post > 0 && usable && sum / post < -Math.max(NEGATIVE_FLOOR, 3 * baseSd);
            }
        });
        long negativeSamples = 0;
        long undefinedSamples = 0;
        int netNegativeVoxels = 0;
        int firstUndefined = -1;
        for (int n = 0; n < voxels; n++) {
            negativeSamples += negatives[n];
            undefinedSamples += undefined[n];
            netNegativeVoxels += netNegative[n] ? 1 : 0;
            if (firstUndefined < 0 && undefined[n] > 0) {
                firstUndefined = n;
            }
        }
        return new Result(
                out,
                new Report(
                        negativeSamples,
                        netNegativeVoxels > 0 ? netNegative : null,
                        netNegativeVoxels,
                        undefinedSamples,
                        firstUndefined));
    }

    private static double baseline(double[] signal, Params params) {
        double s = 0;
        for (int t = params.baselineStart(); t < params.baselineStart() + params.baselineFrames(); t++) {
            s += signal[t];
        }
        return s / params.baselineFrames();
    }

    private static void requireBaseline(int frames, Params params) {
        if (params.baselineStart() + params.baselineFrames() > frames) {
            throw new IllegalArgumentException("the baseline (frames " + params.baselineStart() + "–"
                    + (params.baselineStart() + params.baselineFrames() - 1) + ") does not fit in " + frames
                    + " frames");
        }
    }
}
