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
package org.ferrum.diffusion.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openide.util.Lookup;

class OsipiIvimSuiteTest {

    @TempDir
    Path tmp;

    @Test
    void everyCaseOfOurCopyPasses() throws IOException {
        Path file = TestData.path("osipi", "ivim", "generic.json");
        OsipiIvimSuite suite = new OsipiIvimSuite();
        ConformanceFile cf = ConformanceFile.of(file);
        assertTrue(suite.accepts(cf));
        ConformanceReport report = suite.run(cf, Cancellation.NEVER);
        StringBuilder table = new StringBuilder();
        for (ConformanceCase c : report.cases()) {
            table.append(String.format(
                    java.util.Locale.ROOT,
                    "%-22s %-22s ref %.5g got %.5g  err/tol %.2f %s %s%n",
                    c.label(),
                    c.quantity(),
                    c.reference(),
                    c.measured(),
                    c.errorOverTolerance(),
                    c.passed() ? "ok" : "FAIL",
                    c.note()));
        }
        System.out.print(table);
        // 14 tissues × (f, D, D*, 3 full-fit values) plus the relative D of bone marrow and spinal cord
        assertEquals(14 * 6 + 2, report.cases().size(), table.toString());
        assertTrue(report.allPassed(), table.toString());
        assertTrue(report.cases().stream()
                .anyMatch(c -> c.label().equals("Bone Marrow") && c.quantity().startsWith("D relative") && c.judged()));
    }

    @Test
    void isFoundThroughLookupAndRecognisesContentNotNames() throws IOException {
        assertTrue(Lookup.getDefault().lookupAll(ConformanceSuite.class).stream()
                .anyMatch(s -> s instanceof OsipiIvimSuite));
        // another b-value set, another file name: simulated bi-exponential signals
        double[] b = {0, 10, 20, 40, 80, 150, 300, 500, 700, 900};
        StringBuilder json = new StringBuilder("{\n");
        double[][] tissues = {{0.0012, 0.25, 0.04}, {0.0020, 0.10, 0.06}};
        for (int t = 0; t < tissues.length; t++) {
            json.append("\"tissue ")
                    .append(t)
                    .append("\": {\"noise\": 0, \"D\": ")
                    .append(tissues[t][0]);
            json.append(", \"f\": ").append(tissues[t][1]).append(", \"Dp\": ").append(tissues[t][2]);
            json.append(", \"data\": [");
            for (int i = 0; i < b.length; i++) {
                double s = (1 - tissues[t][1]) * Math.exp(-b[i] * tissues[t][0])
                        + tissues[t][1] * Math.exp(-b[i] * tissues[t][2]);
                json.append(i == 0 ? "" : ", ").append(s);
            }
            json.append("]},\n");
        }
        json.append("\"config\": {\"bvalues\": ")
                .append(java.util.Arrays.toString(b))
                .append("}}\n");
        Path other = tmp.resolve("whatever.txt");
        Files.writeString(other, json);
        OsipiIvimSuite suite = new OsipiIvimSuite();
        ConformanceReport r = suite.run(ConformanceFile.of(other), Cancellation.NEVER);
        assertTrue(suite.accepts(ConformanceFile.of(other)));
        assertTrue(r.allPassed());
        // noise-free: the segmented fit is close (its only error is the perfusion left above the threshold)
        for (ConformanceCase c : r.cases()) {
            if (c.quantity().equals("D (mm²/s)")) {
                assertEquals(c.reference(), c.measured(), 0.08 * c.reference(), c.label());
            }
        }
        // a JSON file of another kind, and a CSV, are not ours
        Path dce = tmp.resolve("generic.json");
        Files.writeString(dce, "{\"cases\": [{\"t\": [0, 1], \"ktrans\": 0.1}]}");
        assertFalse(suite.accepts(ConformanceFile.of(dce)));
        Path csv = tmp.resolve("ivim.csv");
        Files.writeString(csv, "label,D,f,Dp,data\n");
        assertFalse(suite.accepts(ConformanceFile.of(csv)));
    }

    @Test
    void aFileWithoutItsBValuesOrWithAShortDataArrayIsNamed() throws IOException {
        Path f = tmp.resolve("broken.json");
        Files.writeString(f, "{\"liver\": {\"noise\": 0, \"D\": 0.001, \"f\": 0.1, \"Dp\": 0.05, \"data\": [1, 0.9]}}");
        OsipiIvimSuite suite = new OsipiIvimSuite();
        assertTrue(suite.accepts(ConformanceFile.of(f)));
        IOException e = assertThrows(IOException.class, () -> suite.run(ConformanceFile.of(f), Cancellation.NEVER));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("config.bvalues"), e.getMessage());
        Files.writeString(
                f,
                "{\"liver\": {\"noise\": 0, \"D\": 0.001, \"f\": 0.1, \"Dp\": 0.05, \"data\": [1, 0.9]},"
                        + " \"config\": {\"bvalues\": [0, 100, 500, 800]}}");
        e = assertThrows(IOException.class, () -> suite.run(ConformanceFile.of(f), Cancellation.NEVER));
        assertTrue(e.getMessage().contains("\"liver\"") && e.getMessage().contains("4"), e.getMessage());
    }
}
