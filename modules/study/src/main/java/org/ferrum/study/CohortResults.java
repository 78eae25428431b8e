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

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Saves the results of one cohort task (one subject at one visit, run by {@code modules/batch}) into the study
 * database in one transaction: the subject and visit (found by subject code and session label, created if missing),
 * the run ({@link PipelineRun}), its maps and measurement tables, read back from the task's folder
 * ({@code derivatives/ferrum/sub-S/ses-V/} with its {@code provenance.json}). All or nothing; saving the same run
 * again changes nothing.
 *
 * <p>(API fixed by the lead for issue 19; the body is written by helper {@code studydb}.)
 */
public final class CohortResults {

    /**
     * What {@link #saveTask} did.
     *
     * @param subjectId    the subject's key
     * @param visitId      the visit's key
     * @param rows         rows inserted (0 when already saved)
     * @param alreadySaved true if this run (its run id) was saved to the visit before: nothing was written
     */
    public record Saved(long subjectId, long visitId, int rows, boolean alreadySaved) {}

    private CohortResults() {}

    /**
     * Saves one task folder.
     *
     * @param subject    BIDS subject label (the subject's code in the study)
     * @param visit      BIDS session label (the visit's session label), or "" for a dataset without sessions
     * @param date       the visit date, or null: then an existing visit with this session label is used, and without
     *                   one the task is refused ({@link StudyException} naming the missing date)
     * @param taskFolder the task's output folder as the batch runner publishes it
     * @throws StudyException if the database refuses (nothing is written)
     * @throws IOException    if the folder's provenance or tables cannot be read (nothing is written)
     */
    public static Saved saveTask(StudyDatabase db, String subject, String visit, LocalDate date, Path taskFolder)
            throws StudyException, IOException {
        throw new UnsupportedOperationException("being written by helper 'studydb'");
    }
}
