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
package org.ferrum.batch;

import java.io.IOException;
import java.nio.file.Path;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.study.CohortResults;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;

/**
 * Where the driver saves each finished task's results (issue 19, contract 4): one call per task, one transaction
 * per call, on the driver only (executors never open the database).
 */
public interface StudySink extends AutoCloseable {

    /**
     * Saves one published task folder.
     *
     * @return rows written (0 when the run was saved before)
     * @throws Exception with the reason, if nothing was saved
     */
    int save(CohortTask task, Path folder) throws Exception;

    @Override
    void close() throws Exception;

    /** No database ({@code --no-study}). */
    StudySink NONE = new StudySink() {
        @Override
        public int save(CohortTask task, Path folder) {
            return 0;
        }

        @Override
        public void close() {}
    };

    /** True for {@link #NONE}: no saved/not-saved events are written. */
    default boolean saves() {
        return this != NONE;
    }

    /** A study database through {@link CohortResults#saveTask}. */
    static StudySink of(StudyDatabase db) {
        return new StudySink() {
            @Override
            public int save(CohortTask task, Path folder) throws StudyException, IOException {
                return CohortResults.saveTask(db, task.subject(), task.visit(), task.date(), folder)
                        .rows();
            }

            @Override
            public void close() throws StudyException {
                db.close();
            }
        };
    }
}
