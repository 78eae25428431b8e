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

import java.util.Locale;
import org.ferrum.perfusion.ArterialInputFunction;

/** Samples a {@link PopulationAif} on a series' frame times, with the bolus arrival given or found from data. */
public final class PopulationAifs {

    /** Step (s) of the fine grid on which the model's own onset is found. */
    static final double MODEL_STEP = 0.05;

    private PopulationAifs() {}

    /**
     * C_p(t) = model.plasma(t − arrival, Hct) at each frame time.
     *
     * @param times frame times in s
     * @param arrival time (s, series clock) of the model's origin
     */
    public static ArterialInputFunction sample(
            PopulationAif model, double[] times, double arrival, double haematocrit) {
        BloodPlasma.requireHaematocrit(haematocrit);
        double[] cp = new double[times.length];
        for (int t = 0; t < times.length; t++) {
            cp[t] = model.plasma(times[t] - arrival, haematocrit);
        }
        String source = String.format(
                Locale.ROOT,
                "%s population AIF (%s), origin at %.3f s%s",
                model.id(),
                model.citation(),
                arrival,
                model.wholeBlood() ? String.format(Locale.ROOT, ", plasma with Hct %.3g", haematocrit) : "");
        return new ArterialInputFunction(times, cp, source);
    }

    /** The model's own onset (s after its origin) by {@link BolusArrival}'s rule, on a fine grid over 0–120 s. */
    public static double modelOnset(PopulationAif model, double fraction) {
        int n = (int) Math.round(120 / MODEL_STEP) + 1;
        double[] t = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MODEL_STEP;
            c[i] = model.concentration(t[i]);
        }
        return BolusArrival.onset(t, c, 1, fraction);
    }

    /**
     * The arrival (model origin on the series clock) that puts the model's onset at the onset of {@code curve}: onset
     * of the data − onset of the model, both by {@link BolusArrival} with the same fraction.
     *
     * @return NaN if the curve shows no bolus
     */
    public static double arrivalFrom(
            PopulationAif model, double[] times, double[] curve, int baselineFrames, double fraction) {
        double data = BolusArrival.onset(times, curve, baselineFrames, fraction);
        return data - modelOnset(model, fraction);
    }
}
