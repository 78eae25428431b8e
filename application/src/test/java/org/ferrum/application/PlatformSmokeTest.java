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

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import org.junit.jupiter.api.Test;

/**
 * Runs the NbModuleSuite smoke test {@link FerrumModulesInPlatform} against the assembled application and
 * reports each of its failures. Runs in the {@code integration-test} phase, after
 * {@code application/target/ferrum} is built (surefire passes its clusters as {@code all.clusters}).
 */
class PlatformSmokeTest {

    @Test
    void applicationBootsWithEveryFerrumModuleAndNoSevereLog() {
        TestResult result = new TestResult();
        FerrumModulesInPlatform.suite().run(result);

        StringWriter problems = new StringWriter();
        PrintWriter out = new PrintWriter(problems);
        for (TestFailure f : Collections.list(result.failures())) {
            out.println("FAILED " + f.failedTest() + ": " + f.trace());
        }
        for (TestFailure f : Collections.list(result.errors())) {
            out.println("ERROR " + f.failedTest() + ": " + f.trace());
        }
        out.flush();
        assertTrue(
                result.runCount() >= 2,
                "the platform suite ran " + result.runCount() + " tests; it did not boot?\n" + problems);
        assertEquals(0, result.failureCount() + result.errorCount(), problems.toString());
    }

    @Test
    void noTestLibraryOrJavaFxIsShipped() throws IOException {
        Path app = Path.of(System.getProperty("ferrum.app.dir", "target/ferrum"));
        assertTrue(Files.isRegularFile(app.resolve("bin/ferrum")), "no launcher in " + app.toAbsolutePath());
        List<String> offending;
        try (Stream<Path> files = Files.walk(app)) {
            offending = files.map(p -> app.relativize(p).toString())
                    .filter(name -> {
                        String n = name.toLowerCase(Locale.ROOT);
                        return (n.endsWith(".jar") || n.endsWith(".xml"))
                                && (n.contains("junit")
                                        || n.contains("testng")
                                        || n.contains("hamcrest")
                                        || n.contains("javafx")
                                        || n.contains("nbjunit")
                                        || n.contains("jemmy"));
                    })
                    .toList();
        }
        assertTrue(offending.isEmpty(), "test libraries or JavaFX shipped in the application: " + offending);
    }
}
