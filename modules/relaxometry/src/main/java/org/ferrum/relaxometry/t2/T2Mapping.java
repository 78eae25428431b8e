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

import java.util.function.Supplier;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * T2 mapping of a multi-echo spin-echo volume: one {@link T2Fit} per voxel of the mask, in parallel chunks (one fit
 * instance per chunk, so the fits' work arrays are never shared).
 *
 * <p>Contract of {@link #map}: for every voxel v inside the mask (all voxels without one) the echo magnitudes
 * magnitude[e][v] are fitted; the result holds M0, T2 (ms), B1 and the fit quality (% of M0) of usable fits, NaN for
 * fits that are not usable, and the {@link FitStatus} code per voxel. Outside the mask the maps are 0 and the status is
 * {@link FitStatus#NOT_FITTED}.
 */
public final class T2Mapping {

    /** Voxels per parallel chunk: a chunk of EPG fits takes some milliseconds, so cancellation stays prompt. */
    private static final int CHUNK = 1024;

    private T2Mapping() {}

    /**
     * The maps; one value per voxel.
     *
     * @param t2Ms    T2, ms
     * @param m0      M0, the magnitude's unit
     * @param b1      relative refocusing angle (NaN inside the mask for fits that do not estimate it)
     * @param quality RMS residual, % of M0
     * @param status  {@link FitStatus#code()} per voxel
     */
    public record Result(float[] t2Ms, float[] m0, float[] b1, float[] quality, byte[] status) {

        /** Number of voxels with {@code s}. */
        public int count(FitStatus s) {
            int n = 0;
            for (byte b : status) {
                n += b == s.code() ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Fits every voxel of the mask.
     *
     * @param magnitude    magnitude per echo (one flat array per echo, x fastest)
     * @param mask         voxels to fit, or null for all
     * @param fits         makes a fit for the echoes (called once per chunk)
     * @param cancellation polled between chunks
     */
    public static Result map(float[][] magnitude, boolean[] mask, Supplier<T2Fit> fits, Cancellation cancellation) {
        int echoes = magnitude.length;
        int size = magnitude[0].length;
        float[] t2 = new float[size];
        float[] m0 = new float[size];
        float[] b1 = new float[size];
        float[] quality = new float[size];
        byte[] status = new byte[size];
        java.util.Arrays.fill(status, (byte) FitStatus.NOT_FITTED.code());
        ParallelLoop.forEachChunk(size, CHUNK, cancellation, (from, to) -> {
            T2Fit fit = null;
            double[] signal = new double[echoes];
            double[] out = new double[4];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    continue;
                }
                if (fit == null) {
                    fit = fits.get();
                    if (fit.echoes() != echoes) {
                        throw new IllegalArgumentException(
                                "the fit was made for " + fit.echoes() + " echoes, the data have " + echoes);
                    }
                }
                for (int e = 0; e < echoes; e++) {
                    signal[e] = magnitude[e][v];
                }
                FitStatus s = fit.fit(signal, out);
                status[v] = (byte) s.code();
                m0[v] = (float) out[0];
                t2[v] = (float) out[1];
                b1[v] = (float) out[2];
                quality[v] = (float) out[3];
            }
        });
        return new Result(t2, m0, b1, quality, status);
    }
}
