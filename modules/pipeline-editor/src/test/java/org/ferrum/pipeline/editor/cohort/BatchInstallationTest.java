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
package org.ferrum.pipeline.editor.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where "Run on cohort…" finds ferrum-batch: in the installation laid out as the application's build lays it out
 * ({@code platform/}, {@code ferrum/}, {@code ferrum/batch/bin/ferrum-batch}), from {@code netbeans.home} or from
 * {@code netbeans.dirs}; and what it says when it is not there.
 */
class BatchInstallationTest {

    @TempDir
    Path installation;

    private final String home = System.getProperty("netbeans.home");
    private final String dirs = System.getProperty("netbeans.dirs");
    private final String launcher = System.getProperty(BatchInstallation.LAUNCHER_PROPERTY);

    @AfterEach
    void restore() {
        set("netbeans.home", home);
        set("netbeans.dirs", dirs);
        set(BatchInstallation.LAUNCHER_PROPERTY, launcher);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void missingLauncherIsSaidWithWhereItWasLookedFor() throws Exception {
        Files.createDirectories(installation.resolve("platform"));
        System.clearProperty(BatchInstallation.LAUNCHER_PROPERTY);
        System.clearProperty("netbeans.dirs");
        System.setProperty("netbeans.home", installation.resolve("platform").toString());
        assertEquals(Optional.empty(), BatchInstallation.launcher());
        String said = BatchInstallation.missing();
        assertTrue(
                said.contains(
                        installation.resolve("ferrum/batch/bin/ferrum-batch").toString()),
                said);
        assertTrue(said.contains("mvn package"), said);
    }

    @Test
    void theInstallationsOwnCopyIsFoundFromEitherProperty() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "an executable script");
        Path bin = Files.createDirectories(installation.resolve("ferrum/batch/bin"));
        Path script = Files.writeString(bin.resolve("ferrum-batch"), "#!/bin/sh\nexit 0\n");
        assertTrue(script.toFile().setExecutable(true));
        Files.createDirectories(installation.resolve("platform"));
        System.clearProperty(BatchInstallation.LAUNCHER_PROPERTY);

        System.setProperty("netbeans.home", installation.resolve("platform").toString());
        System.clearProperty("netbeans.dirs");
        assertEquals(Optional.of(script), BatchInstallation.launcher());

        System.clearProperty("netbeans.home");
        System.setProperty(
                "netbeans.dirs", installation.resolve("ferrum") + File.pathSeparator + installation.resolve("extra"));
        assertEquals(Optional.of(script), BatchInstallation.launcher());
    }
}
