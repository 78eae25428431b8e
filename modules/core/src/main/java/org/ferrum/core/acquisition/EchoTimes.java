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
package org.ferrum.core.acquisition;

import java.util.Arrays;
import java.util.Locale;

/**
 * The echo times of a multi-echo acquisition, in seconds, in acquisition order.
 *
 * <p>Contract: at least one echo; every TE finite and &gt; 0; strictly increasing (the order of the
 * echo dimension of the data). Spacing may be uneven. Immutable.
 */
public final class EchoTimes {

    /**
     * Longest echo time taken as seconds. Gradient and spin echoes of relaxometry and QSM end well
     * below 1 s, while the same protocols written in ms start at ≈ 1 (a six-echo liver R2* series,
     * 1.2 … 7.2 ms); a lower bound such as 10 s would accept those numbers as seconds.
     */
    private static final double MAX_PLAUSIBLE_SECONDS = 1.0;

    private final double[] seconds;

    private EchoTimes(double[] seconds) {
        this.seconds = seconds;
    }

    /**
     * @throws IllegalArgumentException if empty, not finite and positive, or not strictly increasing
     */
    public static EchoTimes ofSeconds(double... seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("at least one echo time is needed");
        }
        for (int e = 0; e < seconds.length; e++) {
            double te = seconds[e];
            if (!(te > 0) || !Double.isFinite(te)) {
                throw new IllegalArgumentException(
                        "echo time " + (e + 1) + " must be a positive number of seconds, got " + te);
            }
            if (te > MAX_PLAUSIBLE_SECONDS) {
                throw new IllegalArgumentException(
                        "echo time " + (e + 1) + " = " + te + " s is implausible: echo times are in seconds, not ms");
            }
            if (e > 0 && te <= seconds[e - 1]) {
                throw new IllegalArgumentException("echo times must increase strictly: TE" + e + " = " + seconds[e - 1]
                        + " s, TE" + (e + 1) + " = " + te + " s");
            }
        }
        return new EchoTimes(seconds.clone());
    }

    /** Echo times given in milliseconds. */
    public static EchoTimes ofMilliseconds(double... milliseconds) {
        return ofSeconds(Arrays.stream(milliseconds).map(ms -> ms * 1e-3).toArray());
    }

    public int count() {
        return seconds.length;
    }

    /** TE of echo {@code e} (zero-based) in seconds. */
    public double seconds(int e) {
        return seconds[e];
    }

    /** All echo times in seconds (a copy). */
    public double[] toSeconds() {
        return seconds.clone();
    }

    /** True if consecutive spacings differ by at most {@code relativeTolerance} of the mean spacing. */
    public boolean isUniform(double relativeTolerance) {
        if (seconds.length < 3) {
            return true;
        }
        double mean = (seconds[seconds.length - 1] - seconds[0]) / (seconds.length - 1);
        for (int e = 1; e < seconds.length; e++) {
            if (Math.abs(seconds[e] - seconds[e - 1] - mean) > relativeTolerance * mean) {
                return false;
            }
        }
        return true;
    }

    /** Echo spacing ΔTE in seconds for uniform echoes (NaN for a single echo). */
    public double spacing() {
        if (seconds.length < 2) {
            return Double.NaN;
        }
        if (!isUniform(1e-3)) {
            throw new IllegalStateException("echo times are not evenly spaced: " + this);
        }
        return (seconds[seconds.length - 1] - seconds[0]) / (seconds.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EchoTimes t && Arrays.equals(seconds, t.seconds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(seconds);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TE [");
        for (int e = 0; e < seconds.length; e++) {
            sb.append(e == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", seconds[e] * 1e3));
        }
        return sb.append("] ms").toString();
    }
}
