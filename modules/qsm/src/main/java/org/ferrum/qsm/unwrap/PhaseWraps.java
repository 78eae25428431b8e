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
package org.ferrum.qsm.unwrap;

/**
 * Small arithmetic of phase wraps shared by the unwrappers. Every unwrapper in this package decides an
 * integer number of turns k per voxel and returns φ + 2πk, never a re-computed phase, so that its result
 * differs from the wrapped input by whole multiples of 2π (to float rounding) by construction.
 */
public final class PhaseWraps {

    /** 2π. */
    public static final double TWO_PI = 2 * Math.PI;

    /** Samples per turn of the sine table: linear interpolation error ≤ (2π/N)²/8 ≈ 2.9·10⁻⁷, below float resolution of 1. */
    private static final int TABLE_SIZE = 4096;
    /** sin at k·2π/N for k = 0 … N (one extra sample so interpolation never wraps the index). */
    private static final float[] SINE = new float[TABLE_SIZE + 1];

    static {
        for (int k = 0; k <= TABLE_SIZE; k++) {
            SINE[k] = (float) Math.sin(TWO_PI * k / TABLE_SIZE);
        }
    }

    private PhaseWraps() {}

    /**
     * sin φ and cos φ of every voxel by table look-up with linear interpolation (error &lt; 3·10⁻⁷, i.e. float
     * precision): the unwrappers need both for millions of voxels, where {@link Math#sin} dominated the run time.
     * Any finite φ is accepted (it is reduced modulo 2π first).
     */
    public static void sinCos(
            float[] phase, float[] sin, float[] cos, org.ferrum.core.parallel.Cancellation cancellation) {
        double scale = TABLE_SIZE / TWO_PI;
        int quarter = TABLE_SIZE / 4;
        org.ferrum.core.parallel.ParallelLoop.forEachChunk(phase.length, 0, cancellation, (from, to) -> {
            for (int v = (int) from; v < to; v++) {
                double t = phase[v] * scale;
                t -= TABLE_SIZE * Math.floor(t / TABLE_SIZE); // [0, N)
                int k = (int) t;
                if (k >= TABLE_SIZE) { // t rounded up to N
                    k = 0;
                    t = 0;
                }
                float f = (float) (t - k);
                sin[v] = SINE[k] + f * (SINE[k + 1] - SINE[k]);
                // cos φ = sin(φ + π/2): the same table a quarter turn on
                int c = k + quarter;
                if (c >= TABLE_SIZE) {
                    c -= TABLE_SIZE;
                }
                cos[v] = SINE[c] + f * (SINE[c + 1] - SINE[c]);
            }
        });
    }

    /** x wrapped into [−π, π). */
    public static double wrap(double x) {
        return x - TWO_PI * Math.floor((x + Math.PI) / TWO_PI);
    }

    /** The whole number of turns k for which φ + 2πk is nearest to {@code target}: round((target − φ)/2π). */
    public static int turnsBetween(double phase, double target) {
        return (int) Math.round((target - phase) / TWO_PI);
    }

    /** φ + 2πk, computed in double and rounded once to float. */
    public static float plusTurns(double phase, int turns) {
        return (float) (phase + TWO_PI * turns);
    }
}
