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
package org.ferrum.pipeline.editor;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where the results of a cohort run go as its tasks finish, found through Lookup
 * ({@code @ServiceProvider(service = CohortResultsStore.class)}): the study browser registers one that saves each task
 * folder into the application's study database. "Run on cohort…" starts the batch with {@code --no-study} (the
 * application's embedded database is open in this process, and an embedded H2 file takes one process at a time) and
 * hands every task reported {@code done} or {@code reused} to the first store installed.
 */
public interface CohortResultsStore {

    /**
     * Saves one finished task, all or nothing. Called off the event thread, once per finished task and run; saving a
     * task that is already in the store changes nothing and says so.
     *
     * @param subject    BIDS subject label
     * @param visit      BIDS session label, or "" without sessions
     * @param date       the visit's date as the manifest gives it, or null
     * @param taskFolder the task's published folder ({@code derivatives/ferrum/sub-S[/ses-V]})
     * @return what happened, for the run's window (e.g. "saved 12 rows to DEMO01, visit 01")
     * @throws Exception with a message naming what was refused; nothing was saved
     */
    String saveTask(String subject, String visit, LocalDate date, Path taskFolder) throws Exception;

    /** Shows what was saved: refreshes (and opens) the study browser. Called on the event thread when a run ends. */
    void showSaved();
}
