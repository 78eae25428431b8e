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
package org.ferrum.charts;

import java.util.List;
import java.util.Objects;

/**
 * A range of a clinical quantity with its meaning and the publication it comes from, drawn as a background band.
 *
 * @param lower   lower bound (inclusive), in {@code unit}; {@code 0} or {@code -Infinity} for open below
 * @param upper   upper bound (exclusive), in {@code unit}; {@code +Infinity} for open above
 * @param unit    unit symbol
 * @param label   what the range means, as shown in the chart
 * @param source  the reference the bounds come from
 */
public record ClinicalBand(double lower, double upper, String unit, String label, String source) {

    /** Olivieri NF &amp; Brittenham GM, "Iron-chelating therapy and the treatment of thalassemia", Blood 1997;89:739–761. */
    public static final String OLIVIERI_BRITTENHAM_1997 =
            "Olivieri NF & Brittenham GM, Blood 1997;89:739-761 (LIC thresholds, mg Fe/g dry weight)";

    public ClinicalBand {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        if (!(lower < upper)) {
            throw new IllegalArgumentException("a band needs lower < upper, got [" + lower + ", " + upper + ")");
        }
    }

    /** Whether {@code value} lies in [lower, upper). */
    public boolean contains(double value) {
        return value >= lower && value < upper;
    }

    /**
     * The LIC thresholds for transfusional iron overload, mg Fe/g dry weight (Olivieri &amp; Brittenham 1997, from
     * biopsy LIC): up to 3.2, the upper range seen in heterozygotes for hereditary haemochromatosis, who stay free of
     * complications; 3.2–7, the range aimed at in chelated thalassaemia; 7–15, increased risk of iron-induced
     * complications; above 15, greatly increased risk of cardiac disease and early death. (Normal LIC is below about
     * 1.8 mg/g dw.)
     */
    public static List<ClinicalBand> licThresholds() {
        String mg = "mg Fe/g dw";
        return List.of(
                new ClinicalBand(0, 3.2, mg, "< 3.2 low", OLIVIERI_BRITTENHAM_1997),
                new ClinicalBand(3.2, 7, mg, "3.2–7 chelation target", OLIVIERI_BRITTENHAM_1997),
                new ClinicalBand(7, 15, mg, "7–15 increased risk", OLIVIERI_BRITTENHAM_1997),
                new ClinicalBand(15, Double.POSITIVE_INFINITY, mg, "≥ 15 high cardiac risk", OLIVIERI_BRITTENHAM_1997));
    }
}
