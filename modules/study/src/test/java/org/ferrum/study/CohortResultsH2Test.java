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

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link CohortResultsContract} on embedded H2 files (the batch runner's default study database). */
class CohortResultsH2Test extends CohortResultsContract {

    @TempDir
    Path databases;

    private int next;

    @Override
    String freshDatabase() {
        return StudyDatabase.durable(StudyDatabase.embeddedUrl(databases.resolve("db" + next++)));
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "";
    }
}
