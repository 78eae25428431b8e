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
package org.ferrum.perfusion.aif;

/**
 * The bolus arrival (onset) time of a concentration curve: the first time the curve rises above its baseline by a
 * fraction of its peak enhancement, linearly interpolated between the samples around it.
 *
 * <p>Rule: b = mean of the first {@code baselineFrames} samples; peak p = max of the curve; onset = the first time
 * C(t) ≥ b + {@code fraction}·(p − b), after which the curve is linearly interpolated back to the sample before. A
 * threshold on a fraction of the peak (default 10 %) is robust to noise at the cost of a small, curve-shape-dependent
 * lag; {@link PopulationAifs} applies the same rule to the model curve, so the lag cancels when a model is aligned with
 * data.
 */
public final class BolusArrival {

    public static final double DEFAULT_FRACTION = 0.1;

    private BolusArrival() {}

    /** The onset time (in the unit of {@code times}), or NaN if the curve never rises above its baseline. */
    public static double onset(double[] times, double[] curve, int baselineFrames, double fraction) {
        if (times.length != curve.length || curve.length < 2) {
            throw new IllegalArgumentException("need ≥ 2 samples with one time each");
        }
        int nb = Math.max(1, Math.min(baselineFrames, curve.length - 1));
        double b = 0;
        for (int t = 0; t < nb; t++) {
            b += curve[t];
        }
        b /= nb;
        double peak = Double.NEGATIVE_INFINITY;
        for (double c : curve) {
            peak = Math.max(peak, c);
        }
        if (!(peak > b)) {
            return Double.NaN;
        }
        double level = b + fraction * (peak - b);
        for (int t = 1; t < curve.length; t++) {
            if (curve[t] >= level) {
                double c0 = curve[t - 1];
                if (c0 >= level) {
                    return times[t - 1];
                }
                double w = (level - c0) / (curve[t] - c0);
                return times[t - 1] + w * (times[t] - times[t - 1]);
            }
        }
        return Double.NaN;
    }
}
