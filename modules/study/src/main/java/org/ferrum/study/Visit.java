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

/**
 * One imaging visit of a subject (table {@code visits}): one scan session. At most one per subject, date and session
 * label, so a pre- and a post-dialysis scan on the same day are two visits ({@link #PRE_DIALYSIS},
 * {@link #POST_DIALYSIS}); a day's only scan has the empty label.
 *
 * @param id             database key; null before insertion
 * @param subjectId      the {@link Subject}
 * @param visitDate      the day of the scan
 * @param weightKg       body weight in kg on that day (&gt; 0), or null
 * @param sessionLabel   which scan of the day: "" (the day's only scan; null is read as ""), {@value #PRE_DIALYSIS},
 *                       {@value #POST_DIALYSIS}, or another label of at most 32 characters
 * @param fieldStrengthT the scanner's main field B0 in tesla (0 &lt; B0 ≤ 20), or null if not recorded: R2* grows with
 *                       B0, χ does not, so R2* from visits at different field strengths is not comparable
 */
public record Visit(
        Long id, long subjectId, LocalDate visitDate, Double weightKg, String sessionLabel, Double fieldStrengthT) {

    /** Session label of a scan before the day's dialysis session. */
    public static final String PRE_DIALYSIS = "pre-dialysis";

    /** Session label of a scan after the day's dialysis session. */
    public static final String POST_DIALYSIS = "post-dialysis";

    public Visit {
        sessionLabel = sessionLabel == null ? "" : sessionLabel.strip();
    }

    /** A day's only scan, field strength not recorded (as before schema version 4). */
    public Visit(Long id, long subjectId, LocalDate visitDate, Double weightKg) {
        this(id, subjectId, visitDate, weightKg, "", null);
    }

    /** "2025-03-01" or "2025-03-01 pre-dialysis". */
    public String describe() {
        return sessionLabel.isEmpty() ? visitDate.toString() : visitDate + " " + sessionLabel;
    }
}
