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
import java.util.Map;
import java.util.ServiceLoader;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case of the OSIPI model files in {@code testdata/osipi/dce} passes with the suite's tolerances, and so do the
 * files made here in the same formats for what our copy lacks (extended Tofts, 2CUM, delayed tissue).
 */
class OsipiKineticModelSuiteTest {

    /**
     * Runs the suite on a file. With {@code delayFitTolerated}, a failing case is accepted only if it is a failure of
     * the data, not of the fit: the fit's residual is below the residual at the true parameters and delay (the noise
     * makes a wrong answer fit better), and at most one case per file.
     */
    private static ConformanceReport run(Path path, boolean delayFitTolerated) throws Exception {
        ConformanceFile file = ConformanceFile.of(path);
        OsipiKineticModelSuite suite = new OsipiKineticModelSuite();
        assertTrue(suite.accepts(file), path + " not recognised");
        ConformanceReport report = suite.run(file, Cancellation.NEVER);
        List<String> failures = new ArrayList<>();
        for (ConformanceCase c : report.cases()) {
            if (!c.passed()) {
                failures.add(String.format(
                        Locale.ROOT,
                        "%s %s: ref %.4g, fit %.4g (tol %.3g)",
                        c.label(),
                        c.quantity(),
                        c.reference(),
                        c.measured(),
                        c.tolerance()));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d/%d cases pass; worst %s%n",
                path.getFileName(),
                report.passed(),
                report.cases().size(),
                report.worst()
                        .map(c -> String.format(
                                Locale.ROOT,
                                "%s %s %.2f of tolerance",
                                c.label(),
                                c.quantity(),
                                c.errorOverTolerance()))
                        .orElse("-"));
        if (delayFitTolerated && failures.size() <= 2) {
            for (ConformanceCase c : report.cases()) {
                if (!c.passed()) {
                    assertTrue(fitBeatsTruth(path, c.label()), c.label() + " fails and the truth fits better");
                }
            }
            long labels = report.cases().stream()
                    .filter(c -> !c.passed())
                    .map(ConformanceCase::label)
                    .distinct()
                    .count();
            assertTrue(labels <= 1, labels + " failing cases");
            return report;
        }
        assertTrue(
                failures.isEmpty(),
                path.getFileName() + ":\n" + String.join("\n", failures) + "\nnotes " + report.notes());
        return report;
    }

    /** Whether the delay fit of case {@code label} has a lower residual than the true parameters with the true delay. */
    private static boolean fitBeatsTruth(Path path, String label) throws Exception {
        ConformanceFile file = ConformanceFile.of(path);
        TracerKineticModel model =
                KineticModels.named(OsipiKineticModelSuite.format(file)).orElseThrow();
        for (Map<String, String> row : OsipiKineticModelSuite.rows(file)) {
            if (!row.get("label").equals(label)) {
                continue;
            }
            boolean tofts = model.name().contains("tofts");
            double[] t = OsipiKineticModelSuite.numbers(row.get("t"));
            double[] y = OsipiKineticModelSuite.numbers(row.get(tofts ? "c" : "c_t"));
            double[] a = OsipiKineticModelSuite.numbers(row.get(tofts ? "ca" : "cp_aif"));
            KineticFit fit = new KineticFit(
                    model, t, new ArterialInputFunction(t, a, label), KineticFit.Settings.DEFAULTS.withFitDelay(true));
            fit.fit(y);
            int m = model.parameterCount();
            double[] truth = new double[m + 1];
            for (int j = 0; j < m; j++) {
                String name = model.parameters().get(j).name();
                truth[j] = Double.parseDouble(row.get(name.equals("ktrans") ? (tofts ? "ktrans" : "ps") : name));
            }
            truth[m] = Double.parseDouble(row.get(tofts ? "arterialdelay" : "arterial_delay"));
            double[] curve = new double[t.length];
            fit.curve(truth, curve);
            double sse = 0;
            for (int i = 0; i < t.length; i++) {
                sse += (y[i] - curve[i]) * (y[i] - curve[i]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %s: fit SSE %.6g < SSE at the truth %.6g: the data prefer the fit%n",
                    label,
                    fit.sse(),
                    sse);
            return fit.sse() < sse;
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dce_DRO_data_tofts.csv", "patlak_sd_0.02_delay_0.csv", "2cxm_sd_0.001_delay_0.csv"})
    void osipiFilesPass(String name) throws Exception {
        ConformanceReport report = run(TestData.path("osipi", "dce", name), false);
        assertTrue(report.allPassed());
    }

    /** Files made by {@code osipi/make_files.py} (test resources): an independent forward simulation, see there. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "dce_DRO_data_extended_tofts.csv",
                "dce_DRO_data_extended_tofts_delay_5.csv",
                "2cum_sd_0.0025_delay_0.csv",
                "2cum_sd_0.0025_delay_5.csv",
                "patlak_sd_0.02_delay_5.csv",
                "2cxm_sd_0.001_delay_5.csv"
            })
    void madeUpFilesInTheSuitesFormatsPass(String name) throws Exception {
        Path path = Path.of(
                OsipiKineticModelSuiteTest.class.getResource("osipi/" + name).toURI());
        ConformanceReport report = run(path, name.contains("delay_5"));
        if (name.contains("delay_5")) {
            assertTrue(report.cases().stream().anyMatch(c -> c.quantity().equals("delay")), "delay judged");
        }
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
