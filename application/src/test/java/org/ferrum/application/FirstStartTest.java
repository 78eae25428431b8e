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
package org.ferrum.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 1: the assembled application's first start (fresh user directory, GUI under Xvfb at 1600×1000) logs
 * no SEVERE and no exception in {@code <userdir>/var/log/messages.log} and opens the demo's χ | R2* | LIC | PDFF
 * comparison; a headless command prints neither. (Before the fix of the study window's JFreeChart dependency every
 * start logged a SEVERE NoClassDefFoundError and the comparison never opened.)
 */
class FirstStartTest {

    @TempDir
    Path tmp;

    /** The message DemoWorkspace.openComparison logs when the comparison is open. */
    static final String OPENED = "first start: opened the comparison";

    static List<String> problems(String log) {
        return log.lines()
                .filter(l -> l.contains("SEVERE") || l.contains("Exception") || l.contains("Error:"))
                .toList();
    }

    @Test
    void firstStartUnderXvfbLogsNoSevereAndOpensTheComparison() throws Exception {
        assumeTrue(LauncherIsolationTest.onPath("xvfb-run"), "xvfb-run is not installed");
        Path userdir = tmp.resolve("userdir");
        Path log = userdir.resolve("var/log/messages.log");
        ProcessBuilder pb = new ProcessBuilder(
                        "xvfb-run",
                        "-a",
                        "-s",
                        "-screen 0 1600x1000x24",
                        LauncherIsolationTest.launcher().toString(),
                        "--userdir",
                        userdir.toString(),
                        "--nosplash")
                .directory(tmp.toFile());
        pb.environment()
                .put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        pb.redirectOutput(tmp.resolve("gui.out").toFile())
                .redirectError(tmp.resolve("gui.err").toFile());
        Process app = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            String text = "";
            while (System.nanoTime() < deadline && app.isAlive()) {
                text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                if (text.contains(OPENED)) {
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(3000); // anything logged right after the comparison opened counts too
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            assertTrue(
                    text.contains(OPENED),
                    "the comparison did not open within 300 s; messages.log:\n" + text + "\nstderr:\n"
                            + Files.readString(tmp.resolve("gui.err")));
            assertEquals(List.of(), problems(text), "messages.log of a first start");
        } finally {
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void headlessCommandPrintsNoSevereAndExitsZero() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        LauncherIsolationTest.launcher().toString(), "--nogui", "--list-operators")
                .directory(tmp.toFile());
        pb.environment().remove("DISPLAY");
        pb.redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("err"));
        assertEquals(0, p.exitValue(), err);
        assertEquals(List.of(), problems(err + Files.readString(tmp.resolve("out"))));
    }
}
