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

/**
 * A person in the study (table {@code subjects}).
 *
 * @param id        database key; null before insertion
 * @param code      pseudonymous study code, unique (never a name or hospital number)
 * @param sex       "F", "M" or "U" (unknown), or null
 * @param birthYear year of birth (1900–2100), or null; the year only, to keep the record pseudonymous
 * @param weightKg  body weight in kg (&gt; 0) at enrolment, or null; per-visit weights live in {@link Visit}
 * @param diagnosis e.g. "thalassaemia major", "sickle cell disease", "spinal metastasis"
 * @param notes     free text
 * @param dialysisStartDate the first dialysis, or null (not on dialysis, or not recorded); dialysis vintage at a visit
 *                          is the time from this date to the visit
 */
public record Subject(
        Long id,
        String code,
        String sex,
        Integer birthYear,
        Double weightKg,
        String diagnosis,
        String notes,
        java.time.LocalDate dialysisStartDate) {

    /** A subject without a dialysis start date (as before schema version 4). */
    public Subject(
            Long id, String code, String sex, Integer birthYear, Double weightKg, String diagnosis, String notes) {
        this(id, code, sex, birthYear, weightKg, diagnosis, notes, null);
    }

    public Subject withId(Long newId) {
        return new Subject(newId, code, sex, birthYear, weightKg, diagnosis, notes, dialysisStartDate);
    }
}
