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
package org.ferrum.study.ui;

import java.nio.file.Path;
import java.time.LocalDate;
import org.ferrum.pipeline.editor.CohortResultsStore;
import org.ferrum.study.CohortResults;
import org.ferrum.study.StudyDatabase;
import org.openide.util.lookup.ServiceProvider;

/**
 * The pipeline editor's "Run on cohort…" saves each finished task here: into the application's own study database
 * ({@link StudyWorkspace}) with {@link CohortResults#saveTask}, one transaction per task, as the batch reports it done
 * or reused. The batch itself runs with {@code --no-study}: the embedded H2 database is open in this process.
 */
@ServiceProvider(service = CohortResultsStore.class)
public final class StudyCohortResultsStore implements CohortResultsStore {

    @Override
    public String saveTask(String subject, String visit, LocalDate date, Path taskFolder) throws Exception {
        StudyDatabase db = StudyWorkspace.database();
        if (db == null) {
            throw new IllegalStateException("the study database is not available: " + StudyWorkspace.failure());
        }
        CohortResults.Saved saved = CohortResults.saveTask(db, subject, visit, date, taskFolder);
        String where = subject + (visit.isEmpty() ? "" : ", visit " + visit);
        return saved.alreadySaved()
                ? "already in the study (" + where + ")"
                : "saved " + saved.rows() + (saved.rows() == 1 ? " row" : " rows") + " to " + where;
    }

    @Override
    public void showSaved() {
        StudyBrowserTopComponent.showBrowser();
        StudyBrowserTopComponent.reloadOpen();
    }
}
