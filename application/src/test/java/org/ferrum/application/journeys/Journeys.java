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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.logging.Level;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import org.junit.jupiter.api.Assumptions;
import org.netbeans.junit.NbModuleSuite;

/**
 * Boots the assembled application (every cluster of {@code application/target/ferrum}, every module enabled, the window
 * system shown) with a fresh user directory and runs the named journeys of one {@link JourneyCase} inside it, then
 * reports their failures to JUnit 5. Any SEVERE log record, and any logged exception, fails the journey too.
 *
 * <p>Needs a display: surefire's execution {@code gui-journeys} runs the test JVM through
 * {@code src/test/xvfb/bin/java}, which starts a private Xvfb. Without one the journeys are skipped (and say so),
 * unless {@code FERRUM_JOURNEYS_REQUIRED=1} (set by {@code .ci/run}), where they fail.
 */
final class Journeys {

    private Journeys() {}

    /**
     * A journey in an application started before (its demo workspace already seen: {@code ferrum.noDemo}, so no demo
     * window opens over the windows the journey works in).
     */
    static void run(Class<? extends JourneyCase> journey, String... methods) {
        System.setProperty("ferrum.noDemo", "true");
        boot(journey, methods);
    }

    /** A journey that starts where a new user starts: a fresh user directory and the first start's demo workspace. */
    static void runFirstStart(Class<? extends JourneyCase> journey, String... methods) {
        System.clearProperty("ferrum.noDemo");
        boot(journey, methods);
    }

    private static void boot(Class<? extends JourneyCase> journey, String... methods) {
        requireDisplay();
        // screenshots of an earlier run of this journey class would mislead
        try (java.util.stream.Stream<Path> old = java.nio.file.Files.list(JourneyFiles.journeysDir())) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(journey.getSimpleName() + "-"))
                    .toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a user directory of this journey class's own, kept for reading: target/journeys/work/CLASS/userdir0
        System.setProperty(
                "nbjunit.workdir",
                JourneyFiles.journeysDir()
                        .resolve("work")
                        .resolve(journey.getSimpleName())
                        .toString());
        long start = System.nanoTime();
        TestResult result = new TestResult();
        NbModuleSuite.emptyConfiguration()
                .addTest(journey, methods)
                .clusters(".*")
                .enableModules(".*")
                .gui(true)
                .failOnMessage(Level.SEVERE)
                .failOnException(Level.INFO)
                .suite()
                .run(result);
        System.out.printf(
                "journey %s %s: %.1f s%n",
                journey.getSimpleName(), String.join(",", methods), (System.nanoTime() - start) / 1e9);

        StringWriter problems = new StringWriter();
        PrintWriter out = new PrintWriter(problems);
        for (TestFailure f : Collections.list(result.failures())) {
            out.println("FAILED " + f.failedTest() + ": " + f.trace());
        }
        for (TestFailure f : Collections.list(result.errors())) {
            out.println("ERROR " + f.failedTest() + ": " + f.trace());
        }
        out.println("screenshots: " + JourneyFiles.journeysDir().toAbsolutePath());
        out.flush();
        if (result.runCount() != methods.length) {
            fail("the application ran " + result.runCount() + " of " + methods.length + " journeys; did it boot?\n"
                    + problems);
        }
        assertEquals(0, result.failureCount() + result.errorCount(), problems.toString());
    }

    private static void requireDisplay() {
        // -Dtest=SomeJourneyTest also selects the class in the smoke-test execution, which has no display: skip it
        // there
        Assumptions.assumeTrue(
                System.getProperty("ferrum.journeys.dir") != null,
                "GUI journeys run in surefire's gui-journeys execution only");
        if (!GraphicsEnvironment.isHeadless()) {
            return;
        }
        String why = "no display for the GUI journeys: "
                + System.getenv()
                        .getOrDefault(
                                "FERRUM_JOURNEYS_NO_XVFB",
                                "DISPLAY is not set and the test JVM was not started through src/test/xvfb/bin/java")
                + (Boolean.getBoolean("java.awt.headless") ? " (java.awt.headless=true)" : "");
        if ("1".equals(System.getenv("FERRUM_JOURNEYS_REQUIRED"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    /** Where the journey classes' user directories are kept. */
    static Path workDir() {
        return JourneyFiles.journeysDir().resolve("work");
    }
}
