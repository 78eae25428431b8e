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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netbeans.junit.NbTestCase;

/**
 * Base of every journey: a JUnit 3 test case that {@link Journeys#run} boots inside the assembled application with its
 * windows (NbModuleSuite, {@code gui(true)}). Each test method is one journey through the real windows; it ends with
 * {@link #endState} (a screenshot of how it ended). A failing journey leaves {@code CLASS-METHOD-FAILED.png} and the
 * showing windows' component tree ({@code …-FAILED.txt}) in {@code application/target/journeys/}.
 */
public abstract class JourneyCase extends NbTestCase {

    protected JourneyCase(String name) {
        super(name);
    }

    @Override
    protected void setUp() throws Exception {
        Gui.init();
        Gui.waitForMainWindow();
        // Xvfb has no window manager to maximise the main window: give it the whole screen, as a user would
        Gui.onEdt(() -> {
            Gui.mainWindow()
                    .setBounds(java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                            .getMaximumWindowBounds());
            Gui.mainWindow().validate();
            return null;
        });
    }

    @Override
    protected void runTest() throws Throwable {
        try {
            super.runTest();
        } catch (Throwable t) {
            String base = getClass().getSimpleName() + "-" + getName() + "-FAILED";
            Gui.screenshot(base);
            try {
                Files.writeString(Gui.journeysDir().resolve(base + ".txt"), Gui.dumpWindows(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
    }

    /** Screenshot of the journey's end state: {@code target/journeys/CLASS-NAME.png}. */
    protected Path endState(String name) {
        return Gui.screenshot(getClass().getSimpleName() + "-" + name);
    }

    /** The running application's user directory (fresh for each journey class). */
    protected static Path userDir() {
        return Path.of(System.getProperty("netbeans.user"));
    }

    /** The running application's log, {@code USERDIR/var/log/messages.log}. */
    protected static Path messagesLog() {
        return userDir().resolve("var/log/messages.log");
    }

    /** {@code testdata/} of the source tree. */
    protected static Path testdata() {
        return Path.of(System.getProperty("ferrum.testdata", "../testdata"))
                .toAbsolutePath()
                .normalize();
    }
}
