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
import java.util.List;

/** A small synthetic cohort for chart tests (made-up numbers, not patients). */
final class Cohort {

    private Cohort() {}

    static final LocalDate START = LocalDate.of(2024, 1, 15);

    /** Five visits of one subject: LIC falling under chelation; R2* missing at the fourth visit. */
    static List<LicObservation> licVisits() {
        return List.of(
                new LicObservation(START, 12.4, 11.8),
                new LicObservation(START.plusMonths(6), 9.1, 9.6),
                new LicObservation(START.plusMonths(12), 6.3, 5.9),
                new LicObservation(START.plusMonths(18), 4.2, Double.NaN),
                new LicObservation(START.plusMonths(24), 2.6, 3.0));
    }

    /** Two fitted dose groups (the first is the hand-computed 1, 2, 3, 4 → 2, 4, 5, 8) and one single-subject group. */
    static List<IronBalancePoint> ironBalance() {
        return List.of(
                new IronBalancePoint("s01", 2, 1, "DFX 20 mg/kg/day"),
                new IronBalancePoint("s02", 4, 2, "DFX 20 mg/kg/day"),
                new IronBalancePoint("s03", 5, 3, "DFX 20 mg/kg/day"),
                new IronBalancePoint("s04", 8, 4, "DFX 20 mg/kg/day"),
                new IronBalancePoint("s05", -4, 0.2, "DFX 30 mg/kg/day"),
                new IronBalancePoint("s06", -2.5, 0.3, "DFX 30 mg/kg/day"),
                new IronBalancePoint("s07", -1.8, 0.45, "DFX 30 mg/kg/day"),
                new IronBalancePoint("s08", 1.1, 0.5, "DFO 40 mg/kg/day"));
    }

    static List<TumourObservation> tumour() {
        String u = "10⁻³ mm²/s";
        return List.of(
                new TumourObservation("liver met 1", START, "ADC", 1.00, u),
                new TumourObservation("liver met 1", START.plusDays(42), "ADC", 1.08, u),
                new TumourObservation("liver met 1", START.plusDays(84), "ADC", 1.31, u),
                new TumourObservation("liver met 2", START, "ADC", 0.90, u),
                new TumourObservation("liver met 2", START.plusDays(42), "ADC", 0.88, u),
                new TumourObservation("liver met 2", START.plusDays(84), "ADC", 0.86, u));
    }
}
