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
 * One visit's liver iron concentration of one subject, by both methods.
 *
 * @param date       visit date
 * @param licQsm     LIC from QSM, mg Fe/g dry weight (NaN if not measured)
 * @param licR2star  LIC from R2*, mg Fe/g dry weight (NaN if not measured)
 */
public record LicObservation(LocalDate date, double licQsm, double licR2star) {

    public LicObservation {
        Objects.requireNonNull(date, "date");
    }
}
