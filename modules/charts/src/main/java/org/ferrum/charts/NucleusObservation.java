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
import java.util.Map;
import java.util.Objects;

/**
 * One nucleus value of one subject at one scan, for the brain-iron charts: χ (referenced as the chart says) or R2*,
 * with the scan's session label, its field strength and the subject's covariates at the scan.
 *
 * @param subject        subject code
 * @param date           scan date
 * @param session        session label: "" (the day's only scan), "pre-dialysis", "post-dialysis", …
 * @param value          the nucleus value in the chart's unit (finite)
 * @param fieldStrengthT the scanner's B0 in tesla, NaN if not recorded
 * @param covariates     covariate name → value at the scan (NaN: not known), e.g. "ferritin [µg/l]" → 540
 */
public record NucleusObservation(
        String subject,
        LocalDate date,
        String session,
        double value,
        double fieldStrengthT,
        Map<String, Double> covariates) {

    /** Session labels of a scan before and after the day's dialysis (as {@code org.ferrum.study.Visit} spells them). */
    public static final String PRE_DIALYSIS = "pre-dialysis", POST_DIALYSIS = "post-dialysis";

    public NucleusObservation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(date, "date");
        session = session == null ? "" : session;
        covariates = Map.copyOf(covariates);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("subject " + subject + ", scan " + date + " " + session
                    + ": the value must be a number, got " + value);
        }
    }
}
