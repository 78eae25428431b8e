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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Journey 5: LIC_QSM against LIC_R2* in the comparison workspace. The liver pipeline runs headless first, as a user would
 * run it ({@code bin/ferrum --nogui --run testdata/pipelines/liver-hqsm.json --out DIR}); the journey then opens its two
 * LIC maps in the windows.
 */
class CompareLicJourneyTest {

    @Test
    void compareLicQsmWithLicR2star() throws Exception {
        Path out = JourneyFiles.journeysDir().resolve("liver-hqsm-run").toAbsolutePath();
        // only where the journey can run (Journeys.run skips it, saying why, in the smoke-test execution or without a
        // display)
        if (System.getProperty("ferrum.journeys.dir") != null && !java.awt.GraphicsEnvironment.isHeadless()) {
            runHeadless(out);
        }
        System.setProperty(CompareLicJourney.RUN_FOLDER, out.toString());
        Journeys.run(CompareLicJourney.class, "testCompareLicQsmWithLicR2star");
    }

    private static void runHeadless(Path out) throws Exception {
        Path app =
                Path.of(System.getProperty("ferrum.app.dir", "target/ferrum")).toAbsolutePath();
        Path testdata = Path.of(System.getProperty("ferrum.testdata", "../testdata"))
                .toAbsolutePath()
                .normalize();
        Path work = Files.createDirectories(JourneyFiles.journeysDir().resolve("work/CompareLicJourney-headless"));
        Path userdir = work.resolve("userdir");
        ProcessBuilder pb = new ProcessBuilder(
                        app.resolve("bin/ferrum").toString(),
                        "--nogui",
                        "--userdir",
                        userdir.toString(),
                        "--run",
                        testdata.resolve(JourneyNames.LIVER_PIPELINE).toString(),
                        "--out",
                        out.toString(),
                        "--overwrite")
                .directory(work.toFile());
        pb.environment().remove("DISPLAY");
        Path log = work.resolve("run.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "the headless liver-hqsm run did not finish within 10 min:\n" + text);
        assertEquals(0, p.exitValue(), "the headless liver-hqsm run failed:\n" + text);
        System.out.printf(
                "journey CompareLicJourney: headless liver-hqsm run %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
