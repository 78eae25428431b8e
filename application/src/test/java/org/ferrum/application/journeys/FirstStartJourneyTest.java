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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journey 1: first start with a fresh user directory, with its windows (under Xvfb) and headless. */
class FirstStartJourneyTest {

    @Test
    void firstStartWithItsWindows() {
        Journeys.runFirstStart(FirstStartJourney.class, "testFirstStart");
    }

    /** {@code bin/ferrum --nogui --list-operators} with a fresh user directory: exit 0, the list, no SEVERE, no exception. */
    @Test
    void headlessListOfOperatorsExitsZeroAndLogsNoProblem(@TempDir Path tmp) throws Exception {
        Path app = Path.of(System.getProperty("ferrum.app.dir", "target/ferrum"));
        Path userdir = tmp.resolve("fresh userdir");
        ProcessBuilder pb = new ProcessBuilder(
                        app.resolve("bin/ferrum").toAbsolutePath().toString(),
                        "--nogui",
                        "--userdir",
                        userdir.toString(),
                        "--list-operators")
                .directory(tmp.toFile());
        pb.environment().remove("DISPLAY");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "--list-operators did not finish within 180 s");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String report = "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        assertEquals(0, p.exitValue(), report);
        assertTrue(stdout.matches("(?s).*\\b\\d+ operators\\s*"), "the list ends with its count\n" + report);
        assertFalse((stdout + stderr).contains("SEVERE"), report);
        assertFalse((stdout + stderr).matches("(?s).*(Exception|\\tat ).*"), "an exception was printed\n" + report);
        Path log = userdir.resolve("var/log/messages.log");
        if (Files.exists(log)) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(text.contains("SEVERE") || text.contains("Exception"), log + ":\n" + text);
        }
    }
}
