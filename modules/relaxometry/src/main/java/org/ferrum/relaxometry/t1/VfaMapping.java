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

import java.util.Arrays;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Voxelwise variable-flip-angle T1 mapping with {@link VfaFit}: the apparent (one-compartment) T1 and M0 of every voxel
 * and, where a PDFF map is given, the water T1 of the water–fat model. Arrays are flat frames (x fastest), one per flip
 * angle.
 *
 * <p>Outputs per voxel: T1 in s, M0 in the signal's unit, RMS residual in % of the mean signal, {@link FitStatus} code;
 * water T1 and its status. Voxels outside the mask are 0 with status {@link FitStatus#NOT_FITTED}; voxels whose fit is
 * not usable are NaN with the fit's status. Without PDFF, water T1 and its status are copies of the apparent ones (no
 * fat assumed). With PDFF, voxels whose PDFF exceeds {@link Params#maxPdff()} are not fitted for water (too little water
 * signal to tell its T1).
 */
public final class VfaMapping {

    /**
     * Parameters.
     *
     * @param method {@link VfaFit.Method#id()}: nonlinear or despot1 (for the apparent T1; water T1 is always nonlinear)
     * @param fatT1 fat T1 in s for the water–fat model; 0 = measure it in a fat region, or else take
     *     {@link FatT1#literature} for the field strength
     * @param t1Min smallest T1 reported, s
     * @param t1Max largest T1 reported, s
     * @param maxPdff largest PDFF (%) at which water T1 is fitted
     */
    public record Params(String method, double fatT1, double t1Min, double t1Max, double maxPdff) {
        public static final Params DEFAULTS = new Params(VfaFit.Method.NONLINEAR.id(), 0.0, 0.005, 10.0, 90.0);
    }

    /** The maps (each of the grid's size). */
    public record Result(float[] t1, float[] m0, float[] rms, float[] status, float[] t1Water, float[] statusWater) {

        /** Voxels whose status is {@code s}. */
        public int count(FitStatus s) {
            return count(status, s);
        }

        /** Voxels whose water-fit status is {@code s}. */
        public int countWater(FitStatus s) {
            return count(statusWater, s);
        }

        private static int count(float[] status, FitStatus s) {
            int c = 0;
            for (float v : status) {
                c += v == s.code() ? 1 : 0;
            }
            return c;
        }
    }

    private VfaMapping() {}

    /**
     * The apparent T1 map.
     *
     * @param signal one frame per flip angle
     * @param flipAnglesDegrees nominal flip angles
     * @param repetitionTime TR, s
     * @param kappa relative flip angle (ratio) per voxel, or null for 1 everywhere
     * @param mask voxels to fit, or null for all
     */
    public static Result map(
            float[][] signal,
            double[] flipAnglesDegrees,
            double repetitionTime,
            float[] kappa,
            boolean[] mask,
            Params params,
            Cancellation cancellation) {
        int n = flipAnglesDegrees.length;
        int size = signal[0].length;
        VfaFit.Method method = VfaFit.Method.byId(params.method());
        float[] t1 = new float[size];
        float[] m0 = new float[size];
        float[] rms = new float[size];
        float[] status = new float[size];
        ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
            VfaFit fit = new VfaFit(flipAnglesDegrees, repetitionTime, params.t1Min(), params.t1Max());
            double[] s = new double[n];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    status[v] = FitStatus.NOT_FITTED.code();
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    s[i] = signal[i][v];
                }
                FitStatus st = fit.fit(s, kappa == null ? 1.0 : kappa[v], method);
                status[v] = st.code();
                t1[v] = (float) (1 / fit.r1());
                m0[v] = (float) fit.m0();
                rms[v] = (float) fit.rms();
            }
        });
        return new Result(t1, m0, rms, status, t1.clone(), status.clone());
    }

    /**
     * Fits water T1 where {@code pdff} (%) is given, into {@code result}'s water maps, starting from the apparent T1.
     *
     * @param fatT1 fat T1, s
     */
    public static void water(
            float[][] signal,
            double[] flipAnglesDegrees,
            double repetitionTime,
            float[] kappa,
            float[] pdff,
            boolean[] mask,
            double fatT1,
            Params params,
            Result result,
            Cancellation cancellation) {
        int n = flipAnglesDegrees.length;
        int size = signal[0].length;
        double r1Fat = 1 / fatT1;
        ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
            VfaFit fit = new VfaFit(flipAnglesDegrees, repetitionTime, params.t1Min(), params.t1Max());
            double[] s = new double[n];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    continue;
                }
                double f = pdff[v];
                FitStatus st;
                if (!Double.isFinite(f)) {
                    st = FitStatus.FAILED;
                } else if (f > params.maxPdff()) {
                    st = FitStatus.NOT_FITTED;
                } else {
                    for (int i = 0; i < n; i++) {
                        s[i] = signal[i][v];
                    }
                    double apparent = result.t1()[v];
                    double start = apparent > 0 && Double.isFinite(apparent) ? 1 / apparent : 1.0;
                    st = fit.fitWater(s, kappa == null ? 1.0 : kappa[v], Math.max(0, f) / 100.0, r1Fat, start);
                }
                result.statusWater()[v] = st.code();
                result.t1Water()[v] = st.usable() ? (float) (1 / fit.r1()) : Float.NaN;
            }
        });
    }

    /** The median of the usable apparent T1 values (s) in {@code region}; NaN when there are none. */
    public static double medianT1(Result result, boolean[] region) {
        float[] v = new float[region.length];
        int c = 0;
        for (int i = 0; i < region.length; i++) {
            if (region[i] && FitStatus.ofCode((int) result.status()[i]).usable() && Float.isFinite(result.t1()[i])) {
                v[c++] = result.t1()[i];
            }
        }
        if (c == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, c);
        return c % 2 == 1 ? v[c / 2] : 0.5 * (v[c / 2 - 1] + v[c / 2]);
    }
}
