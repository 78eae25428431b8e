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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ferrum.study.DemoCohort;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;
import org.openide.util.NbPreferences;

/**
 * The study database the application works on: the embedded H2 database in the user directory
 * ({@code <userdir>/ferrum/study}) unless a JDBC URL is set — system property {@code ferrum.study.url} (with
 * {@code ferrum.study.user}, {@code ferrum.study.password}) or the same keys in this module's preferences, e.g. a
 * PostgreSQL server. An empty database gets the synthetic demo cohort, clearly labelled, so a first start opens onto
 * something to look at.
 */
public final class StudyWorkspace {

    private static final Logger LOG = Logger.getLogger(StudyWorkspace.class.getName());
    private static StudyDatabase database;
    private static boolean demoJustLoaded;
    private static String failure;

    private StudyWorkspace() {}

    /** The open database, opened (and seeded with the demo cohort when empty) on first use; null if it cannot open. */
    public static synchronized StudyDatabase database() {
        if (database == null && failure == null) {
            try {
                String url = setting("ferrum.study.url");
                database = url == null || url.isBlank()
                        ? StudyDatabase.embedded(folder())
                        : StudyDatabase.open(url, setting("ferrum.study.user"), setting("ferrum.study.password"));
                demoJustLoaded = DemoCohort.generate().loadInto(database);
                LOG.log(Level.INFO, "study database {0} (schema {1}){2}", new Object[] {
                    database.url(), database.schemaVersion(), demoJustLoaded ? "; demo cohort loaded" : ""
                });
            } catch (StudyException | RuntimeException e) {
                failure = e.getMessage();
                LOG.log(Level.WARNING, "cannot open the study database: {0}", e.getMessage());
            }
        }
        return database;
    }

    /** The study's folder in the user directory: the embedded database and the saved runs live there. */
    public static Path folder() {
        return userDirectory().resolve("ferrum").resolve("study");
    }

    /** Why the database could not be opened, or null. */
    public static synchronized String failure() {
        return failure;
    }

    /** True if this start found the database empty and loaded the demo cohort into it. */
    public static synchronized boolean demoJustLoaded() {
        return demoJustLoaded;
    }

    /** Closes the database (at shutdown). */
    public static synchronized void close() {
        if (database != null) {
            try {
                database.close();
            } catch (StudyException e) {
                LOG.log(Level.WARNING, "closing the study database: {0}", e.getMessage());
            }
            database = null;
        }
    }

    private static String setting(String key) {
        String v = System.getProperty(key);
        return v != null ? v : NbPreferences.forModule(StudyWorkspace.class).get(key, null);
    }

    private static Path userDirectory() {
        String dir = System.getProperty("netbeans.user");
        return Path.of(dir != null ? dir : System.getProperty("user.home"), dir != null ? "" : ".ferrum");
    }
}
