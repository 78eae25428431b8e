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

import java.time.LocalDate;
import java.util.Objects;

/**
 * One quantitative MRI parameter of one lesion at one visit.
 *
 * <p>The unit is the symbol as written in the study (e.g. "1/min" for Ktrans, "10⁻³ mm²/s" for ADC): tumour qMRI
 * parameters go beyond {@link org.ferrum.core.PhysicalUnit}, and a percent change is unit-free anyway; the unit only
 * labels axes and CSV headers.
 *
 * @param lesion     lesion label
 * @param date       visit date
 * @param parameter  parameter name, e.g. "ADC", "Ktrans", "R2*"
 * @param value      measured value (finite)
 * @param unit       unit symbol of {@code value}
 */
public record TumourObservation(String lesion, LocalDate date, String parameter, double value, String unit) {

    public TumourObservation {
        Objects.requireNonNull(lesion, "lesion");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("lesion " + lesion + ", " + parameter + " on " + date
                    + ": the value must be a" + " number, got " + value);
        }
    }
}
