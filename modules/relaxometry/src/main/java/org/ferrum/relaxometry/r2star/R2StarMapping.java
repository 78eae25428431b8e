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
package org.ferrum.relaxometry.r2star;

import java.util.Locale;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * R2* mapping of a multi-echo magnitude volume: one {@link DecayFit} per voxel, with echo truncation, a clamped R2*
 * range, a goodness-of-fit value and a status flag.
 *
 * <p>Contract of {@link #fitVoxel} (and of {@link #map}, which applies it to every voxel of the mask in parallel):
 * <ol>
 * <li>Echoes used: the leading echoes up to (not including) the first whose magnitude is below
 * {@code truncationMultiple} × σ√(π/2), the mean magnitude of pure noise ({@link BackgroundNoise#noiseFloorMean});
 * at most {@code maxEchoes} (0: no cap); never fewer than the fit's minimum (2, ARLO 3), so a voxel that is all noise
 * still gets a (flagged, see goodness) estimate. A truncation multiple of 0 keeps every echo. The idea is the data
 * truncation of cardiac and liver T2* analysis (drop the late echoes near the noise floor; He T et al., MRM 2008, and
 * Pei et al., MRM 2015;73:843–850, who truncate likewise before ARLO).</li>
 * <li>The fit returns S0 and R2*; R2* outside [{@code r2starMin}, {@code r2starMax}] is clamped to the bound and
 * flagged {@link #CLAMPED_LOW} / {@link #CLAMPED_HIGH}; a failed fit gives NaN S0, R2* and goodness and
 * {@link #FAILED}.</li>
 * <li>Goodness: the RMS residual of the used echoes against the fitted curve (with the noise floor where the fit
 * models it), as a percentage of S0: 100·√(Σ_n (s_n − m(TE_n))² / N) / S0. It is 0 for a perfect fit and ≈ 100/SNR
 * for a right model with noise σ (e.g. 2 % at SNR 50); larger values mean model failure (fat, motion, a second
 * compartment) or noise-only voxels. Computed from the clamped R2* and the fitted S0.</li>
 * </ol>
 * Outside the mask every output is 0.
 */
public final class R2StarMapping {

    /** Status: fitted R2* within range. */
    public static final byte FITTED = 0;
    /** Status: R2* was below the range and set to its lower bound. */
    public static final byte CLAMPED_LOW = 1;
    /** Status: R2* was above the range and set to its upper bound. */
    public static final byte CLAMPED_HIGH = 2;
    /** Status: the fit failed (NaN outputs). */
    public static final byte FAILED = 3;

    /** Voxels per parallel chunk: large enough to amortise the scheduling, small enough for prompt cancel. */
    private static final int CHUNK = 4096;

    private final double[] te;
    private final boolean even;
    private final double spacing;
    private final DecayFit fit;
    private final double noiseSigma;
    private final boolean floorModelled;
    private final double truncationLevel;
    private final int maxEchoes;
    private final double r2starMin;
    private final double r2starMax;

    /**
     * The settings of an R2* map as users give them (the parameters of the operator {@code relax.r2star}, which takes
     * their defaults from {@link #DEFAULTS}); declared once here.
     *
     * @param method     the fit, a name in {@link DecayFits#ALL}
     * @param noiseFloor for a method that refines a start (nlls): model the Rician noise floor with σ
     * @param noiseSigma σ per channel in the magnitude's unit; 0 = estimate it ({@link BackgroundNoise#sigmaFromCorners})
     * @param truncation truncate below this multiple of the noise floor σ√(π/2), 0 for none
     * @param maxEchoes  at most this many leading echoes, 0 for all
     * @param nllsStart  the start of a refining method, a name in {@link DecayFits#starters()}
     * @param r2starMin  lower end of the R2* range, 1/s
     * @param r2starMax  upper end of the R2* range, 1/s
     */
    public record Params(
            String method,
            boolean noiseFloor,
            double noiseSigma,
            double truncation,
            int maxEchoes,
            String nllsStart,
            double r2starMin,
            double r2starMax) {

        /** nlls with the noise floor from a log-linear start, σ estimated, truncation at 2, all echoes, [1, 3000] 1/s. */
        public static final Params DEFAULTS =
                new Params(LevenbergMarquardtFit.METHOD.name(), true, 0, 2, 0, LogLinearFit.METHOD.name(), 1, 3000);
    }

    /**
     * The maps of {@link #map}; every array has one value per voxel.
     *
     * @param r2star     R2*, 1/s
     * @param s0         S0, the magnitude's unit
     * @param goodness   RMS residual, % of S0
     * @param echoesUsed echoes the fit used
     * @param status     {@link #FITTED}, {@link #CLAMPED_LOW}, {@link #CLAMPED_HIGH} or {@link #FAILED}
     */
    public record Result(float[] r2star, float[] s0, float[] goodness, float[] echoesUsed, byte[] status) {

        /** Number of voxels with {@code flag}. */
        public int count(byte flag) {
            int n = 0;
            for (byte b : status) {
                n += b == flag ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * @param echoTimes          TE per echo in seconds (the ones {@code fit} was built with)
     * @param fit                the per-voxel fit
     * @param noiseSigma         σ per channel (for truncation and the goodness of a noise-floor fit), ≥ 0
     * @param truncationMultiple truncate below this multiple of the noise floor σ√(π/2), 0 for no truncation
     * @param maxEchoes          at most this many echoes, 0 for all
     * @param r2starMin          lower end of the R2* range, 1/s
     * @param r2starMax          upper end of the R2* range, 1/s
     */
    public R2StarMapping(
            double[] echoTimes,
            DecayFit fit,
            double noiseSigma,
            double truncationMultiple,
            int maxEchoes,
            double r2starMin,
            double r2starMax) {
        if (!(noiseSigma >= 0) || !(truncationMultiple >= 0) || maxEchoes < 0 || !(r2starMin <= r2starMax)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "invalid R2* mapping settings: sigma %g, " + "truncation %g, max echoes %d, range [%g, %g]",
                    noiseSigma,
                    truncationMultiple,
                    maxEchoes,
                    r2starMin,
                    r2starMax));
        }
        if (truncationMultiple > 0 && noiseSigma == 0) {
            throw new IllegalArgumentException("echo truncation needs the noise sigma (> 0)");
        }
        EchoTimes times = EchoTimes.ofSeconds(echoTimes);
        this.te = times.toSeconds();
        this.even = te.length >= 2 && times.isUniform(1e-9);
        this.spacing = te.length >= 2 ? te[1] - te[0] : 0;
        this.fit = fit;
        this.noiseSigma = noiseSigma;
        this.floorModelled = fit instanceof LevenbergMarquardtFit lm && lm.hasNoiseFloor();
        this.truncationLevel = truncationMultiple * BackgroundNoise.noiseFloorMean(noiseSigma);
        this.maxEchoes = maxEchoes == 0 ? te.length : Math.min(maxEchoes, te.length);
        this.r2starMin = r2starMin;
        this.r2starMax = r2starMax;
        if (this.maxEchoes < fit.minimumEchoes()) {
            throw new IllegalArgumentException("the fit needs at least " + fit.minimumEchoes() + " echoes, but only "
                    + this.maxEchoes + " are allowed (" + te.length + " acquired)");
        }
    }

    /** The number of leading echoes to fit (see the class contract, item 1). */
    public int echoesToUse(double[] signal) {
        int n = 0;
        while (n < maxEchoes && !(signal[n] < truncationLevel)) {
            n++;
        }
        return Math.max(n, fit.minimumEchoes());
    }

    /**
     * Fits one voxel.
     *
     * @param signal magnitudes per echo
     * @param out    receives {S0, R2* (1/s), goodness (%), echoes used}
     * @return the status
     */
    public byte fitVoxel(double[] signal, double[] out) {
        int echoes = echoesToUse(signal);
        out[3] = echoes;
        if (!fit.fit(signal, echoes, out) || !(out[0] > 0)) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            return FAILED;
        }
        byte status = FITTED;
        if (out[1] < r2starMin) {
            out[1] = r2starMin;
            status = CLAMPED_LOW;
        } else if (out[1] > r2starMax) {
            out[1] = r2starMax;
            status = CLAMPED_HIGH;
        }
        double s0 = out[0];
        double r = out[1];
        double floor = floorModelled ? 2 * noiseSigma * noiseSigma : 0;
        double ss = 0;
        double e = s0 * Math.exp(-r * te[0]);
        double q = even ? Math.exp(-r * spacing) : 0;
        for (int n = 0; n < echoes; n++) {
            if (n > 0) {
                e = even ? e * q : s0 * Math.exp(-r * te[n]); // the recurrence saves an exp per echo
            }
            double m = floor > 0 ? Math.sqrt(e * e + floor) : e;
            double res = signal[n] - m;
            ss += res * res;
        }
        out[2] = 100 * Math.sqrt(ss / echoes) / s0;
        return status;
    }

    /**
     * Maps every voxel of the mask (see the class contract), in parallel.
     *
     * @param magnitude    magnitude per echo, x fastest (one array per echo time)
     * @param mask         voxels to fit, or null for all
     * @param cancellation polled between chunks of voxels
     */
    public Result map(float[][] magnitude, boolean[] mask, VoxelGrid grid, Cancellation cancellation) {
        if (magnitude.length != te.length) {
            throw new IllegalArgumentException(magnitude.length + " magnitude frames for " + te.length + " echo times");
        }
        int size = grid.size();
        float[] r2 = new float[size];
        float[] s0 = new float[size];
        float[] goodness = new float[size];
        float[] used = new float[size];
        byte[] status = new byte[size];
        int echoes = te.length;
        ParallelLoop.forEachChunk(size, CHUNK, cancellation, (from, to) -> {
            double[] signal = new double[echoes];
            double[] out = new double[4];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    continue;
                }
                for (int e = 0; e < echoes; e++) {
                    signal[e] = magnitude[e][v];
                }
                status[v] = fitVoxel(signal, out);
                s0[v] = (float) out[0];
                r2[v] = (float) out[1];
                goodness[v] = (float) out[2];
                used[v] = (float) out[3];
            }
        });
        return new Result(r2, s0, goodness, used, status);
    }
}
