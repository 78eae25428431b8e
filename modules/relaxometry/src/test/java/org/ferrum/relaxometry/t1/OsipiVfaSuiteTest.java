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
package org.ferrum.relaxometry.t1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openide.util.Lookup;

/** The OSIPI VFA T1 suites on the suite's files in testdata and on our own file in the prostate format. */
class OsipiVfaSuiteTest {

    @Test
    void everyCaseOfTheT1FilesInTestdataPasses() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(TestData.path("osipi", "dce"), "t1_*.csv")) {
            d.forEach(files::add);
        }
        assertTrue(files.size() >= 2, "t1_brain_data.csv and t1_quiba_data.csv expected, found " + files);
        List<ConformanceSuite> suites = List.copyOf(Lookup.getDefault().lookupAll(ConformanceSuite.class));
        StringBuilder table = new StringBuilder();
        for (Path path : files) {
            ConformanceFile file = ConformanceFile.of(path);
            List<ConformanceSuite> accepting =
                    suites.stream().filter(s -> s.accepts(file)).toList();
            assertEquals(1, accepting.size(), path + " must be taken by exactly one suite: " + accepting);
            ConformanceReport report = accepting.get(0).run(file, Cancellation.NEVER);
            assertTrue(report.allPassed(), describe(report));
            double worstRelative = 0;
            for (ConformanceCase c : report.cases()) {
                if (c.judged()) {
                    // The suite's atol (0.05 1/ms for QIBA) passes anything there: judge the relative error alone as
                    // well.
                    worstRelative = Math.max(worstRelative, c.error() / Math.abs(c.reference()));
                }
            }
            assertTrue(worstRelative < OsipiVfaSuite.RTOL, path + ": worst relative R1 error " + worstRelative);
            table.append(String.format(
                    Locale.ROOT,
                    "%n  %s: %d/%d passed, worst error/tolerance %.3f, worst |R1 − ref|/ref %.2e; %s",
                    path.getFileName(),
                    report.passed(),
                    report.cases().size(),
                    report.worst().orElseThrow().errorOverTolerance(),
                    worstRelative,
                    report.notes()));
        }
        System.out.println("[OsipiVfaSuiteTest]" + table);
    }

    @Test
    void unitsAreDetectedFromValues() throws IOException {
        ConformanceReport brain = new OsipiVfaSuite()
                .run(ConformanceFile.of(TestData.path("osipi", "dce", "t1_brain_data.csv")), Cancellation.NEVER);
        ConformanceReport qiba = new OsipiVfaSuite()
                .run(ConformanceFile.of(TestData.path("osipi", "dce", "t1_quiba_data.csv")), Cancellation.NEVER);
        assertTrue(
                brain.notes().stream().anyMatch(n -> n.startsWith("R1 read in 1/s")),
                brain.notes().toString());
        assertTrue(
                qiba.notes().stream().anyMatch(n -> n.startsWith("R1 read in 1/ms")),
                qiba.notes().toString());
        assertEquals("R1 (1/ms)", qiba.cases().get(0).quantity());
    }

    @Test
    void prostateFormatJudgesEveryFitTheFileCarries() throws Exception {
        Path sample = resource("t1_vfa_b1_sample.csv");
        ConformanceFile file = ConformanceFile.of(sample);
        assertTrue(new OsipiVfaB1Suite().accepts(file));
        assertFalse(new OsipiVfaSuite().accepts(file));
        ConformanceReport report = new OsipiVfaB1Suite().run(file, Cancellation.NEVER);
        assertEquals(6 * 4, report.cases().size());
        assertTrue(report.allPassed(), describe(report));
        for (String q :
                List.of("T1 linear (ms)", "T1 nonlinear (ms)", "T1 linear B1cor (ms)", "T1 nonlinear B1cor (ms)")) {
            assertEquals(
                    6,
                    report.cases().stream().filter(c -> c.quantity().equals(q)).count(),
                    q);
        }
        // Much closer than the suite's 5 %: both sides fit the same noisy signals.
        for (ConformanceCase c : report.cases()) {
            assertTrue(c.error() / c.reference() < 2e-3, c.toString());
        }
        assertTrue(
                report.notes().contains("TR read in ms (a TR > 1)"),
                report.notes().toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("B1 read as % of nominal")));

        ConformanceReport two =
                new OsipiVfaB1Suite().run(ConformanceFile.of(resource("t1_vfa_b1_two_fits.csv")), Cancellation.NEVER);
        assertEquals(6 * 2, two.cases().size());
        assertTrue(two.allPassed(), describe(two));
        assertTrue(two.notes().stream().anyMatch(n -> n.contains("not judged: T1 linear, T1 linear B1cor")));
    }

    @Test
    void b1CorrectionMattersInTheProstateFormat(@TempDir Path dir) throws Exception {
        // Swap the B1-corrected reference into the uncorrected column: a fit that ignored B1 would now fail.
        List<String> lines = Files.readAllLines(resource("t1_vfa_b1_two_fits.csv"));
        List<String> swapped = new ArrayList<>();
        swapped.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            swapped.add(String.join(",", c[0], c[1], c[2], c[3], c[4], c[6], c[6]));
        }
        Path f = dir.resolve("swapped.csv");
        Files.write(f, swapped);
        ConformanceReport report = new OsipiVfaB1Suite().run(ConformanceFile.of(f), Cancellation.NEVER);
        assertFalse(report.allPassed(), "B1 is 87.5–112 % in the file: uncorrected T1 must miss the corrected one");
    }

    @Test
    void malformedRowIsRefusedNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "label,FA,TR,s,R1,s0\nv1,2 5 12,0.005 0.005 0.005,100 200 x,1,1000\n");
        IOException e = assertThrows(
                IOException.class, () -> new OsipiVfaSuite().run(ConformanceFile.of(f), Cancellation.NEVER));
        assertTrue(e.getMessage().contains("bad.csv, line 2") && e.getMessage().contains("'x'"), e.getMessage());
        Files.writeString(f, "label,FA,TR,s,R1,s0\nv1,2 5 12,0.005 0.005,100 200 300,1,1000\n");
        e = assertThrows(IOException.class, () -> new OsipiVfaSuite().run(ConformanceFile.of(f), Cancellation.NEVER));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("must match"), e.getMessage());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(OsipiVfaSuiteTest.class.getResource(name).toURI());
    }

    private static String describe(ConformanceReport report) {
        StringBuilder b = new StringBuilder(report.file() + " " + report.notes());
        for (ConformanceCase c : report.cases()) {
            if (!c.passed()) {
                b.append(String.format(
                        Locale.ROOT,
                        "%n  FAIL %s %s: ref %g, measured %g",
                        c.label(),
                        c.quantity(),
                        c.reference(),
                        c.measured()));
            }
        }
        return b.toString();
    }
}
