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
package org.ferrum.application.journeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the journeys write: {@code application/target/journeys} (surefire passes it as {@code ferrum.journeys.dir}).
 * Apart from {@link Gui} so that the JUnit 5 side ({@link Journeys}) never loads Jemmy classes: those belong to the
 * booted application (the Jemmy module), not to the test runner's class loader.
 */
final class JourneyFiles {

    private JourneyFiles() {}

    static Path journeysDir() {
        Path dir = Path.of(System.getProperty("ferrum.journeys.dir", "target/journeys"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
