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

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The model-free initial area under the concentration curve, IAUC_T = ∫_{t₀}^{t₀+T} C(t) dt (mM·s), with C linear
 * between frames (exact for that interpolation, partial intervals included) and t₀ the bolus arrival (Evelhoch, JMRI
 * 1999; IAUC60 and IAUC90 for T = 60 s and 90 s). The window must lie within the series.
 *
 * <p>Bolus arrival ({@link #bolusArrival}): the first time, before the peak, at which the curve rises above its
 * baseline by 10 % of the peak's height over it, interpolated between frames; the baseline is the mean of the frames
 * before the first quarter of the time to peak (at least the first frame).
 */
public final class Iauc {

    /**
     * @param duration the window T, s (IAUC60: 60, IAUC90: 90)
     */
    public record Params(double duration) {

        public static final Params DEFAULTS = new Params(60);

        public Params {
            if (!(duration > 0)) {
                throw new IllegalArgumentException("duration must be > 0 s, got " + duration);
            }
        }
    }

    private static final double ARRIVAL_FRACTION = 0.1;

    private Iauc() {}

    /** Bolus arrival time of a curve (s), as in the class comment. */
    public static double bolusArrival(double[] times, double[] c) {
        int peak = 0;
        for (int i = 1; i < c.length; i++) {
            if (c[i] > c[peak]) {
                peak = i;
            }
        }
        int baseEnd = Math.max(1, (int) (0.25 * peak));
        double base = 0;
        for (int i = 0; i < baseEnd; i++) {
            base += c[i];
        }
        base /= baseEnd;
        double level = base + ARRIVAL_FRACTION * (c[peak] - base);
        for (int i = 1; i <= peak; i++) {
            if (c[i] >= level && c[i - 1] < level) {
                return times[i - 1] + (level - c[i - 1]) / (c[i] - c[i - 1]) * (times[i] - times[i - 1]);
            }
        }
        return times[0];
    }

    /** ∫_from^to of the curve linear between samples (from ≤ to, both within the sample times). */
    public static double area(double[] times, double[] c, double from, double to) {
        double sum = 0;
        for (int i = 0; i < times.length - 1; i++) {
            double a = Math.max(from, times[i]);
            double b = Math.min(to, times[i + 1]);
            if (b <= a) {
                continue;
            }
            double slope = (c[i + 1] - c[i]) / (times[i + 1] - times[i]);
            double ca = c[i] + slope * (a - times[i]);
            double cb = c[i] + slope * (b - times[i]);
            sum += 0.5 * (ca + cb) * (b - a);
        }
        return sum;
    }

    /**
     * IAUC of every voxel in the mask (0 elsewhere), from {@code onset} for {@code params.duration()}.
     *
     * @param frames concentration, mM, frame-major ({@code frames[t·voxels + v]})
     * @throws IllegalArgumentException if the window [onset, onset + T] is not within the frame times
     */
    public static float[] map(
            float[] frames,
            int voxels,
            double[] times,
            boolean[] mask,
            double onset,
            Params params,
            Cancellation cancellation) {
        int n = times.length;
        double end = onset + params.duration();
        if (onset < times[0] - 1e-9 || end > times[n - 1] + 1e-9) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "the IAUC window %.1f … %.1f s is not within the series (%.1f … %.1f s)",
                    onset,
                    end,
                    times[0],
                    times[n - 1]));
        }
        float[] out = new float[voxels];
        ParallelLoop.forEachChunk(voxels, cancellation, (from, to) -> {
            double[] c = new double[n];
            for (int v = (int) from; v < to; v++) {
                if (mask != null && !mask[v]) {
                    continue;
                }
                for (int t = 0; t < n; t++) {
                    c[t] = frames[t * voxels + v];
                }
                out[v] = (float) area(times, c, onset, end);
            }
        });
        return out;
    }
}
