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
package org.ferrum.batch.manifest;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of cohort work: one pipeline run for one subject at one visit (a BIDS session, or a manifest row).
 *
 * @param subject the BIDS subject label without {@code sub-} (letters and digits only, BIDS "label" rule)
 * @param visit   the BIDS session label without {@code ses-}, or {@code ""} for a dataset without sessions
 * @param date    the visit's date (CSV column {@code date}, BIDS {@code sessions.tsv} {@code acq_time}, or the
 *                session's sidecars' {@code AcquisitionDateTime}), or null if the manifest does not say
 * @param inputs  pipeline input name → value, paths absolute; every input of the pipeline that the manifest or a
 *                {@code --input} binds (unbound inputs keep the pipeline's defaults)
 */
public record CohortTask(String subject, String visit, LocalDate date, Map<String, String> inputs)
        implements Serializable {

    public CohortTask {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(visit, "visit");
        inputs = Map.copyOf(inputs);
    }

    /** {@code sub-S_ses-V}, or {@code sub-S} without a session: the BIDS prefix of this task's files and its id. */
    public String id() {
        return visit.isEmpty() ? "sub-" + subject : "sub-" + subject + "_ses-" + visit;
    }
}
