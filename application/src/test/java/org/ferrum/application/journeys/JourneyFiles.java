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

    private JourneyFiles() {
    }

    static Path journeysDir() {
        Path dir = Path.of(System.getProperty("ferrum.journeys.dir", "target/journeys"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
