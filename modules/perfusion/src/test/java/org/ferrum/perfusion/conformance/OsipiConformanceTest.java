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
package org.ferrum.perfusion.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

class OsipiConformanceTest {

    private static final Path DCE = TestData.path("osipi", "dce");

    private static ConformanceReport run(ConformanceSuite suite, String file) throws IOException {
        ConformanceFile f = ConformanceFile.of(DCE.resolve(file));
        assertTrue(suite.accepts(f), suite.name() + " accepts " + file);
        return suite.run(f, Cancellation.NEVER);
    }

    @Test
    void signalToConcentrationEveryCasePasses() throws IOException {
        ConformanceReport r = run(new SignalToConcentrationSuite(), "SI2Conc_data.csv");
        assertEquals(5, r.cases().size());
        assertTrue(r.allPassed(), () -> describe(r));
        System.out.println("SI2Conc: " + describe(r));
    }

    @Test
    void parkerAifEveryCasePasses() throws IOException {
        ConformanceReport r = run(new ParkerAifSuite(), "ParkerAIF_ref.csv");
        assertEquals(11, r.cases().size());
        assertTrue(r.allPassed(), () -> describe(r));
        System.out.println("ParkerAIF_ref: " + describe(r));
        ConformanceReport p = run(new ParkerAifSuite(), "ParkerAIF.csv");
        assertEquals(10, p.cases().size());
        assertTrue(p.allPassed(), () -> describe(p));
    }

    /** Every file of testdata/osipi/dce that one of this module's suites (found through Lookup) accepts passes. */
    @Test
    void registeredSuitesPassOnTheFolder() throws IOException {
        List<ConformanceSuite> ours = new ArrayList<>();
        for (ConformanceSuite s : Lookup.getDefault().lookupAll(ConformanceSuite.class)) {
            if (s instanceof SignalToConcentrationSuite || s instanceof ParkerAifSuite) {
                ours.add(s);
            }
        }
        assertEquals(2, ours.size(), "both suites registered");
        int files = 0;
        try (Stream<Path> list = Files.list(DCE)) {
            for (Path p : list.sorted().toList()) {
                ConformanceFile f = ConformanceFile.of(p);
                for (ConformanceSuite s : ours) {
                    if (s.accepts(f)) {
                        files++;
                        ConformanceReport r = s.run(f, Cancellation.NEVER);
                        assertTrue(r.allPassed(), () -> p.getFileName() + ": " + describe(r));
                    }
                }
            }
        }
        assertEquals(3, files, "SI2Conc_data, ParkerAIF, ParkerAIF_ref");
    }

    @Test
    void othersNotAccepted() throws IOException {
        ConformanceFile tofts = ConformanceFile.of(DCE.resolve("dce_DRO_data_tofts.csv"));
        assertFalse(new SignalToConcentrationSuite().accepts(tofts));
        assertFalse(new ParkerAifSuite().accepts(tofts));
    }

    private static String describe(ConformanceReport r) {
        StringBuilder b = new StringBuilder(r.passed() + "/" + r.cases().size() + " passed;");
        for (ConformanceCase c : r.cases()) {
            b.append(String.format(
                    " %s err %.2e (%.3f of tol, %s)", c.label(), c.error(), c.errorOverTolerance(), c.note()));
        }
        return b.toString();
    }
}
