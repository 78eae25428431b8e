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
package org.ferrum.study;

import java.time.LocalDate;
import java.util.Locale;
import org.ferrum.liver.iron.Chelator;

/**
 * A chelation regimen (table {@code chelation}): one drug at one daily dose from a start date to an end date.
 *
 * @param id                database key; null before insertion
 * @param subjectId         the {@link Subject}
 * @param drug              "deferoxamine", "deferasirox" or "deferiprone" ({@link #chelator()})
 * @param doseMgPerKgPerDay daily dose in mg per kg body weight (≥ 0)
 * @param startDate         first day
 * @param endDate           last day (≥ start), or null while ongoing
 */
public record Chelation(
        Long id, long subjectId, String drug, double doseMgPerKgPerDay, LocalDate startDate, LocalDate endDate) {

    /** The drug as the liver module knows it. */
    public Chelator chelator() {
        return Chelator.valueOf(drug.toUpperCase(Locale.ROOT));
    }

    /** The database spelling of a drug. */
    public static String drugName(Chelator chelator) {
        return chelator.name().toLowerCase(Locale.ROOT);
    }
}
