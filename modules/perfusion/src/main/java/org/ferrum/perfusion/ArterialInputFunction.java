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
package org.ferrum.perfusion;

import java.util.Arrays;
import java.util.Objects;

/**
 * An arterial input function: the contrast-agent concentration in blood plasma, C_p(t), at given times.
 *
 * @param times sample times in s, strictly increasing, on the DCE series' clock (frame times)
 * @param plasmaConcentration C_p at each time, mM (plasma, not whole blood: C_p = C_b / (1 − Hct))
 * @param source where it comes from, for provenance and tables (e.g. "Parker 2006 population AIF, Hct 0.42")
 */
public record ArterialInputFunction(double[] times, double[] plasmaConcentration, String source) {

    public ArterialInputFunction {
        times = times.clone();
        plasmaConcentration = plasmaConcentration.clone();
        Objects.requireNonNull(source, "source");
        if (times.length != plasmaConcentration.length) {
            throw new IllegalArgumentException(
                    times.length + " times but " + plasmaConcentration.length + " concentrations");
        }
        if (times.length < 2) {
            throw new IllegalArgumentException("an arterial input function needs at least 2 samples");
        }
        for (int t = 1; t < times.length; t++) {
            if (!(times[t] > times[t - 1])) {
                throw new IllegalArgumentException("AIF times must increase: sample " + t + " at " + times[t]
                        + " s is not after " + times[t - 1] + " s");
            }
        }
    }

    /** Sample times in s (a copy). */
    @Override
    public double[] times() {
        return times.clone();
    }

    /** C_p in mM (a copy). */
    @Override
    public double[] plasmaConcentration() {
        return plasmaConcentration.clone();
    }

    /** Number of samples. */
    public int size() {
        return times.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArterialInputFunction a
                && Arrays.equals(a.times, times)
                && Arrays.equals(a.plasmaConcentration, plasmaConcentration)
                && a.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(times), Arrays.hashCode(plasmaConcentration), source);
    }

    @Override
    public String toString() {
        return "ArterialInputFunction[" + times.length + " samples, " + source + "]";
    }
}
