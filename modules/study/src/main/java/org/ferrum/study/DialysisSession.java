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
import java.util.List;

/**
 * One dialysis session of a subject (table {@code dialysis_sessions}, schema version 4), with the intravenous iron
 * given during it — what the cumulative IV iron dose at a visit adds up.
 *
 * @param id                database key; null before insertion
 * @param subjectId         the {@link Subject}
 * @param sessionDate       the day
 * @param modality          one of {@link #MODALITIES}
 * @param durationMin       duration in minutes (0 &lt; d ≤ 1440), or null
 * @param ivIronMg          intravenous iron given, mg of elemental iron (≥ 0; 0 when none was given)
 * @param ivIronProduct     e.g. "iron sucrose", "ferric carboxymaltose", or null
 * @param ultrafiltrationMl fluid removed, mL (≥ 0), or null
 */
public record DialysisSession(
        Long id,
        long subjectId,
        LocalDate sessionDate,
        String modality,
        Double durationMin,
        double ivIronMg,
        String ivIronProduct,
        Double ultrafiltrationMl) {

    /** The modalities the database accepts. */
    public static final List<String> MODALITIES =
            List.of("haemodialysis", "haemodiafiltration", "haemofiltration", "peritoneal dialysis");
}
