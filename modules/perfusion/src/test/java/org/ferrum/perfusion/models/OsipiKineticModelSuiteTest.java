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
package org.ferrum.perfusion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every case of the OSIPI model files in {@code testdata/osipi/dce} passes with the suite's tolerances, and so do the
 * files made here in the same formats for what our copy lacks (extended Tofts, 2CUM, delayed tissue).
 */
class OsipiKineticModelSuiteTest {

    private static ConformanceReport run(Path path) throws Exception {
        ConformanceFile file = ConformanceFile.of(path);
        OsipiKineticModelSuite suite = new OsipiKineticModelSuite();
        assertTrue(suite.accepts(file), path + " not recognised");
        ConformanceReport report = suite.run(file, Cancellation.NEVER);
        List<String> failures = new ArrayList<>();
        for (ConformanceCase c : report.cases()) {
            if (!c.passed()) {
                failures.add(String.format(Locale.ROOT, "%s %s: ref %.4g, fit %.4g (tol %.3g)", c.label(), c.quantity(),
                        c.reference(), c.measured(), c.tolerance()));
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d/%d cases pass; worst %s%n", path.getFileName(), report.passed(),
                report.cases().size(), report.worst().map(c -> String.format(Locale.ROOT, "%s %s %.2f of tolerance",
                        c.label(), c.quantity(), c.errorOverTolerance())).orElse("-"));
        assertTrue(failures.isEmpty(), path.getFileName() + ":\n" + String.join("\n", failures) + "\nnotes " + report.notes());
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dce_DRO_data_tofts.csv", "patlak_sd_0.02_delay_0.csv", "2cxm_sd_0.001_delay_0.csv"})
    void osipiFilesPass(String name) throws Exception {
        ConformanceReport report = run(TestData.path("osipi", "dce", name));
        assertTrue(report.allPassed());
    }

    @Test
    void otherFilesAreNotAccepted() throws Exception {
        OsipiKineticModelSuite suite = new OsipiKineticModelSuite();
        for (String name : new String[] {"ParkerAIF.csv", "SI2Conc_data.csv", "t1_brain_data.csv"}) {
            assertTrue(!suite.accepts(ConformanceFile.of(TestData.path("osipi", "dce", name))), name);
        }
    }

    @Test
    void registeredAsAConformanceSuite() {
        boolean found = false;
        for (ConformanceSuite s : ServiceLoader.load(ConformanceSuite.class)) {
            found |= s instanceof OsipiKineticModelSuite;
        }
        assertTrue(found);
        assertEquals("OSIPI DCE: pharmacokinetic models", new OsipiKineticModelSuite().name());
    }
}
