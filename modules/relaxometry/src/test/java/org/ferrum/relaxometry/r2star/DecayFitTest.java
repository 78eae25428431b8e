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
package org.ferrum.relaxometry.r2star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fits on exact noiseless decays, against the analytic answers. */
class DecayFitTest {

    private static final double[] TE = R2StarSimulation.echoTimes(); // 1.1 : 1.1 : 13.2 ms
    private static final double[] UNEVEN = {0.0012, 0.0031, 0.0049, 0.0071, 0.0090};
    private static final double S0 = 850;

    private static double[] decay(double[] te, double s0, double r2star) {
        double[] s = new double[te.length];
        for (int n = 0; n < te.length; n++) {
            s[n] = s0 * Math.exp(-r2star * te[n]);
        }
        return s;
    }

    private static void assertRecovers(DecayFit fit, double[] te, double r2star, double tolerance) {
        double[] out = new double[2];
        assertTrue(fit.fit(decay(te, S0, r2star), te.length, out), "fit failed at " + r2star);
        assertEquals(r2star, out[1], tolerance * r2star, "R2* at " + r2star);
        assertEquals(S0, out[0], tolerance * S0, "S0 at " + r2star);
    }

    @Test
    void logLinearAndNllsRecoverExactDecays() {
        for (double r : new double[] {20, 50, 200, 600, 1000, 2000}) {
            assertRecovers(new LogLinearFit(TE), TE, r, 1e-10);
            assertRecovers(new LevenbergMarquardtFit(TE, new LogLinearFit(TE), 0), TE, r, 1e-8);
            assertRecovers(new LogLinearFit(UNEVEN), UNEVEN, r, 1e-10);
            assertRecovers(new LevenbergMarquardtFit(UNEVEN, new LogLinearFit(UNEVEN), 0), UNEVEN, r, 1e-8);
        }
    }

    @Test
    void nllsFromAPoorStartStillConverges() {
        // ARLO's slightly biased start, and a start that fails (no positive echoes for log-linear is impossible here,
        // so use a start fit that always fails): the fallback start S0 = s_0, R2* = 1/(TE_last − TE_0)
        DecayFit failing = new DecayFit() {
            @Override
            public int minimumEchoes() {
                return 2;
            }

            @Override
            public boolean fit(double[] signal, int echoes, double[] result) {
                return false;
            }
        };
        for (double r : new double[] {50, 600, 1000}) {
            assertRecovers(new LevenbergMarquardtFit(TE, new ArloFit(TE), 0), TE, r, 1e-6);
            assertRecovers(new LevenbergMarquardtFit(TE, failing, 0), TE, r, 1e-6);
        }
    }

    @Test
    void nllsWithNoiseFloorRecoversTheFloorModel() {
        double sigma = 25;
        for (double r : new double[] {50, 600, 1000}) {
            double[] s = decay(TE, S0, r);
            for (int n = 0; n < s.length; n++) {
                s[n] = Math.sqrt(s[n] * s[n] + 2 * sigma * sigma); // the model's curve, exactly
            }
            double[] out = new double[2];
            assertTrue(new LevenbergMarquardtFit(TE, new LogLinearFit(TE), sigma).fit(s, TE.length, out));
            assertEquals(r, out[1], 1e-6 * r, "R2* at " + r);
            assertEquals(S0, out[0], 1e-6 * S0, "S0 at " + r);
        }
    }

    @Test
    void arloGivesSimpsonsApparentT2StarOnExactDecays() {
        double dte = 1.1e-3;
        // hand-computed values of the documented bias, R_app = 3(1 − q²)/(ΔTE (1 + 4q + q²)), q = e^{−R ΔTE}
        double[][] expected = {{50, 49.99999746}, {200, 199.99741211}, {600, 599.39947344}, {1000, 992.95529383}};
        for (double[] row : expected) {
            double r = row[0];
            double q = Math.exp(-r * dte);
            double apparent = 3 * (1 - q * q) / (dte * (1 + 4 * q + q * q));
            assertEquals(row[1], apparent, 1e-6, "formula at " + r);
            double[] out = new double[2];
            assertTrue(new ArloFit(TE).fit(decay(TE, S0, r), TE.length, out));
            assertEquals(apparent, out[1], 1e-9 * r, "ARLO R2* at " + r);
            // S0 by least squares at the apparent R2*: within 1 % (exact at the true R2*)
            assertEquals(S0, out[0], 0.01 * S0, "ARLO S0 at " + r);
        }
        double[] out = new double[2];
        assertTrue(new ArloFit(TE).fit(decay(TE, S0, 50), TE.length, out));
        assertEquals(S0, out[0], 1e-4 * S0, "ARLO S0 where the discretisation bias is negligible");
    }

    @Test
    void arloRefusesUnevenEchoesNamingThemAndTheAlternatives() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ArloFit(UNEVEN));
        assertTrue(e.getMessage().contains("1.2") && e.getMessage().contains("9"), e.getMessage());
        assertTrue(e.getMessage().contains("loglinear") && e.getMessage().contains("nlls"), e.getMessage());
        IllegalArgumentException two =
                assertThrows(IllegalArgumentException.class, () -> new ArloFit(new double[] {0.001, 0.002}));
        assertTrue(two.getMessage().contains("at least 3"), two.getMessage());
    }

    @Test
    void fitsFailWithoutSignal() {
        double[] zero = new double[TE.length];
        double[] out = new double[2];
        assertFalse(new LogLinearFit(TE).fit(zero, TE.length, out));
        assertFalse(new ArloFit(TE).fit(zero, TE.length, out));
        double[] one = zero.clone();
        one[0] = 100; // a single positive echo does not determine a slope
        assertFalse(new LogLinearFit(TE).fit(one, TE.length, out));
    }

    @Test
    void logLinearWeightsTheEchoesBySignalSquared() {
        // Three echoes at 1, 2, 3 ms with signals 100, 50, 10: the weighted regression of ln s on t with weights
        // s² = 10⁴, 2500, 100 written out in centred form: R2* = −Σw(t − t̄)(y − ȳ)/Σw(t − t̄)², ln S0 = ȳ + R2*·t̄.
        double[] te = {0.001, 0.002, 0.003};
        double[] s = {100, 50, 10};
        double w1 = 1e4, w2 = 2500, w3 = 100;
        double y1 = Math.log(100), y2 = Math.log(50), y3 = Math.log(10);
        double sw = w1 + w2 + w3; // 12600
        double tBar = (w1 * 0.001 + w2 * 0.002 + w3 * 0.003) / sw; // weighted mean TE
        double yBar = (w1 * y1 + w2 * y2 + w3 * y3) / sw;
        double stt = w1 * sq(0.001 - tBar) + w2 * sq(0.002 - tBar) + w3 * sq(0.003 - tBar);
        double sty = w1 * (0.001 - tBar) * (y1 - yBar)
                + w2 * (0.002 - tBar) * (y2 - yBar)
                + w3 * (0.003 - tBar) * (y3 - yBar);
        double[] out = new double[2];
        assertTrue(new LogLinearFit(te).fit(s, 3, out));
        assertEquals(-sty / stt, out[1], 1e-9);
        assertEquals(Math.exp(yBar - sty / stt * tBar), out[0], 1e-9);
        // unweighted this would be (ln 100 − ln 10)/2 ms = 1151 1/s; the weights pull it towards the strong echoes' 693
        assertTrue(out[1] < 800, "weighted slope " + out[1]);
    }

    private static double sq(double x) {
        return x * x;
    }
}
