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

import org.junit.jupiter.api.Test;

/** {@link ExponentialConvolution} against closed forms, on uniform and nonuniform grids, small and large k. */
class ExponentialConvolutionTest {

    /** For c(t) = t (exactly linear between samples) the recursion is exact: F = t/k − (1 − e^{−kt})/k². */
    @Test
    void aRampIsConvolvedExactlyOnAnyGrid() {
        double[][] grids = {{0, 0.5, 1, 1.5, 2, 2.5, 3}, {0, 0.1, 0.15, 0.7, 1.9, 2.0, 4.5}};
        for (double[] t : grids) {
            ExponentialConvolution conv = new ExponentialConvolution(t);
            double[] c = t.clone();
            double[] f = new double[t.length];
            double[] df = new double[t.length];
            for (double k : new double[] {0, 1e-7, 0.01, 0.3, 2, 40, 700}) {
                conv.convolve(c, k, f, df);
                for (int i = 0; i < t.length; i++) {
                    double exact = k == 0 ? t[i] * t[i] / 2 : t[i] / k - (1 - Math.exp(-k * t[i])) / (k * k);
                    if (k > 0 && k * t[i] < 1e-3) {
                        exact = t[i] * t[i] / 2 - k * t[i] * t[i] * t[i] / 6;
                    }
                    assertEquals(exact, f[i], 1e-12 * Math.max(1, Math.abs(exact)), "k " + k + " t " + t[i]);
                    // ∂F/∂k = −∫ τ (t−τ) e^{−k(t−τ)} dτ: compare with a central difference
                    double h = Math.max(1e-6, 1e-6 * k);
                    double fp = ramp(t[i], k + h);
                    double fm = ramp(t[i], k - h);
                    double fd = (fp - fm) / (2 * h);
                    assertEquals(fd, df[i], 1e-6 * Math.max(1, Math.abs(fd)), "dF/dk at k " + k + " t " + t[i]);
                }
            }
        }
    }

    private static double ramp(double t, double k) {
        if (Math.abs(k * t) < 1e-4) {
            return t * t / 2 - k * t * t * t / 6 + k * k * t * t * t * t / 24;
        }
        return t / k - (1 - Math.exp(-k * t)) / (k * k);
    }

    /** A smooth curve: second-order convergence to the closed form as the grid is refined. */
    @Test
    void aSmoothCurveConvergesAtSecondOrder() {
        double k = 1.3;
        double a = 0.4;
        double end = 5;
        double previous = Double.NaN;
        for (int n : new int[] {21, 41, 81}) {
            double[] t = new double[n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = end * i / (n - 1);
                c[i] = Math.exp(-a * t[i]);
            }
            double[] f = new double[n];
            new ExponentialConvolution(t).convolve(c, k, f, null);
            double exact = (Math.exp(-a * end) - Math.exp(-k * end)) / (k - a);
            double err = Math.abs(f[n - 1] - exact);
            if (!Double.isNaN(previous)) {
                double order = Math.log(previous / err) / Math.log(2);
                assertTrue(order > 1.9 && order < 2.1, "order " + order);
            }
            previous = err;
        }
    }
}
