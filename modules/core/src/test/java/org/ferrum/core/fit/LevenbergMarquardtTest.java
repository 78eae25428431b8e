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
package org.ferrum.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LevenbergMarquardtTest {

    /** y = a e^{−b t} + c on given times. */
    private static final class Biexp implements FitModel {
        final double[] t;

        Biexp(double[] t) {
            this.t = t;
        }

        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public int sampleCount() {
            return t.length;
        }

        @Override
        public void evaluate(double[] p, double[] y, double[] jac) {
            for (int i = 0; i < t.length; i++) {
                double e = Math.exp(-p[1] * t[i]);
                y[i] = p[0] * e + p[2];
                if (jac != null) {
                    jac[i * 3] = e;
                    jac[i * 3 + 1] = -p[0] * t[i] * e;
                    jac[i * 3 + 2] = 1;
                }
            }
        }
    }

    private static double[] times(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.1 * i;
        }
        return t;
    }

    @Test
    void recoversExactParametersFromFarStarts() {
        double[] t = times(40);
        Biexp model = new Biexp(t);
        double[] truth = {3.0, 1.7, 0.4};
        double[] data = new double[t.length];
        model.evaluate(truth, data, null);
        LevenbergMarquardt lm = new LevenbergMarquardt(3, t.length);
        for (double[] start : new double[][] {{1, 0.1, 0}, {10, 8, -2}, {0.5, 3, 1}}) {
            FitStatus s = lm.fit(model, data, start, null, null);
            assertEquals(FitStatus.CONVERGED, s);
            assertEquals(3.0, lm.parameter(0), 1e-6);
            assertEquals(1.7, lm.parameter(1), 1e-6);
            assertEquals(0.4, lm.parameter(2), 1e-6);
        }
    }

    @Test
    void standardErrorsMatchTheScatterOfRepeatedNoisyFits() {
        double[] t = times(30);
        Biexp model = new Biexp(t);
        double[] truth = {2.0, 1.2, 0.3};
        double[] clean = new double[t.length];
        model.evaluate(truth, clean, null);
        LevenbergMarquardt lm = new LevenbergMarquardt(3, t.length);
        Random rnd = new Random(7);
        int runs = 2000;
        double sum = 0;
        double sum2 = 0;
        double meanSe = 0;
        double[] data = new double[t.length];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < t.length; i++) {
                data[i] = clean[i] + 0.02 * rnd.nextGaussian();
            }
            lm.fit(model, data, new double[] {1, 1, 0}, null, null);
            double b = lm.parameter(1);
            sum += b;
            sum2 += b * b;
            meanSe += lm.standardErrors()[1];
        }
        double sd = Math.sqrt(sum2 / runs - (sum / runs) * (sum / runs));
        meanSe /= runs;
        // The Jacobian's SE is the asymptotic SD of the estimate: within 10 % of the scatter over 2000 fits.
        assertEquals(sd, meanSe, 0.1 * sd);
    }

    @Test
    void staysInsideBoundsAndStopsOnTheActiveBound() {
        double[] t = times(40);
        Biexp model = new Biexp(t);
        double[] data = new double[t.length];
        model.evaluate(new double[] {3.0, 1.7, -0.5}, data, null);
        LevenbergMarquardt lm = new LevenbergMarquardt(3, t.length);
        FitStatus s = lm.fit(
                model,
                data,
                null,
                new double[] {1, 1, 0.2},
                new double[] {0, 0, 0},
                new double[] {10, 10, 10},
                LevenbergMarquardt.Settings.DEFAULTS);
        assertTrue(s.usable(), s.toString());
        assertEquals(0.0, lm.parameter(2), 0.0, "offset held on its lower bound");
        assertTrue(lm.parameter(0) > 0 && lm.parameter(1) > 0);
    }

    @Test
    void nonFiniteDataFailsAndIterationLimitIsReported() {
        double[] t = times(10);
        Biexp model = new Biexp(t);
        double[] data = new double[t.length];
        model.evaluate(new double[] {1, 1, 0}, data, null);
        LevenbergMarquardt lm = new LevenbergMarquardt(3, t.length);
        data[3] = Double.NaN;
        assertEquals(FitStatus.FAILED, lm.fit(model, data, new double[] {1, 1, 0}, null, null));
        model.evaluate(new double[] {5, 3, 1}, data, null);
        FitStatus s = lm.fit(
                model,
                data,
                null,
                new double[] {0.1, 0.01, 0},
                null,
                null,
                new LevenbergMarquardt.Settings(2, 1e-12, 1e-3));
        assertEquals(FitStatus.MAX_ITERATIONS, s);
        assertEquals(2, lm.evaluations());
    }

    @Test
    void informationCriteriaPreferTheTrueSmallerModel() {
        // Same SSE, more parameters → higher AIC; AICc adds the small-sample penalty.
        assertTrue(InformationCriteria.aic(30, 4, 1.0) > InformationCriteria.aic(30, 3, 1.0));
        assertEquals(
                InformationCriteria.aic(30, 3, 1.0) + 2.0 * 3 * 4 / 26, InformationCriteria.aicc(30, 3, 1.0), 1e-12);
        assertTrue(Double.isNaN(InformationCriteria.aicc(4, 3, 1.0)));
    }
}
