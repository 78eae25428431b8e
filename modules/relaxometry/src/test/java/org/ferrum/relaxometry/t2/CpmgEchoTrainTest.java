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
package org.ferrum.relaxometry.t2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpmgEchoTrainTest {

    @ParameterizedTest(name = "T2 {0} ms, B1 {1}, ESP {2} ms, T1 {3} ms")
    @CsvSource({
        "20, 0.7, 10, 1000",
        "50, 0.8, 7.5, 1000",
        "80, 0.9, 10, 800",
        "120, 1.0, 12, 1500",
        "200, 1.2, 10, 1000",
        "60, 0.6, 5, 3000",
        "200, 0.75, 15, 500"
    })
    void agreesWithAnIsochromatBlochSimulation(double t2Ms, double b1, double espMs, double t1Ms) {
        int echoes = 32;
        CpmgEchoTrain epg = new CpmgEchoTrain(echoes, espMs * 1e-3, t1Ms * 1e-3, 180);
        double[] s = new double[echoes];
        epg.compute(t2Ms * 1e-3, b1, s, null, null);
        double[] bloch = IsochromatCpmg.simulate(echoes, espMs * 1e-3, t1Ms * 1e-3, t2Ms * 1e-3, 180 * b1, 90, 1000);
        double worst = 0;
        for (int n = 0; n < echoes; n++) {
            worst = Math.max(worst, Math.abs(Math.abs(s[n]) - bloch[n])); // the simulation gives magnitudes
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "EPG vs isochromats T2 %.0f B1 %.2f ESP %.1f T1 %.0f: max |diff| %.2e (M0 = 1)%n",
                t2Ms,
                b1,
                espMs,
                t1Ms,
                worst);
        assertTrue(worst < 1e-3, "max |EPG − Bloch| = " + worst);
    }

    @Test
    void withoutT1RegrowthTheTwoAgreeToRounding() {
        int echoes = 24;
        CpmgEchoTrain epg = new CpmgEchoTrain(echoes, 0.01, Double.POSITIVE_INFINITY, 180);
        double[] s = new double[echoes];
        epg.compute(0.06, 0.83, s, null, null);
        double[] bloch = IsochromatCpmg.simulate(echoes, 0.01, Double.POSITIVE_INFINITY, 0.06, 180 * 0.83, 90, 500);
        for (int n = 0; n < echoes; n++) {
            assertEquals(bloch[n], Math.abs(s[n]), 1e-12, "echo " + (n + 1));
        }
    }

    @Test
    void perfectRefocusingGivesThePureExponential() {
        CpmgEchoTrain epg = new CpmgEchoTrain(16, 0.012, 1.0, 180);
        double[] s = new double[16];
        epg.compute(0.07, 1.0, s, null, null);
        for (int n = 0; n < 16; n++) {
            assertEquals(Math.exp(-(n + 1) * 0.012 / 0.07), s[n], 1e-14);
        }
    }

    @Test
    void refocusingAnglesMirroredAbout180GiveTheSameTrain() {
        CpmgEchoTrain epg = new CpmgEchoTrain(20, 0.01, 1.0, 180);
        double[] a = new double[20];
        double[] b = new double[20];
        epg.compute(0.05, 0.8, a, null, null);
        epg.compute(0.05, 1.2, b, null, null);
        for (int n = 0; n < 20; n++) {
            assertEquals(a[n], b[n], 1e-13);
        }
        // and with little T2 decay an imperfect angle raises echo 2 above echo 1 (the stimulated echo joins it)
        epg.compute(2.0, 0.8, a, null, null);
        assertTrue(a[1] > a[0], "echo 2 above echo 1 at 144°: " + a[0] + ", " + a[1]);
    }

    @Test
    void analyticDerivativesMatchCentralDifferences() {
        int echoes = 18;
        CpmgEchoTrain epg = new CpmgEchoTrain(echoes, 0.009, 1.2, 165);
        double t2 = 0.045;
        double b1 = 0.87;
        double[] s = new double[echoes];
        double[] dt = new double[echoes];
        double[] db = new double[echoes];
        epg.compute(t2, b1, s, dt, db);
        double[] p = new double[echoes];
        double[] m = new double[echoes];
        double h = 1e-6;
        epg.compute(t2 + h, b1, p, null, null);
        epg.compute(t2 - h, b1, m, null, null);
        for (int n = 0; n < echoes; n++) {
            assertEquals((p[n] - m[n]) / (2 * h), dt[n], 1e-6 * Math.max(1, Math.abs(dt[n])), "dS/dT2 echo " + n);
        }
        epg.compute(t2, b1 + h, p, null, null);
        epg.compute(t2, b1 - h, m, null, null);
        for (int n = 0; n < echoes; n++) {
            assertEquals((p[n] - m[n]) / (2 * h), db[n], 1e-7, "dS/dB1 echo " + n);
        }
    }
}
