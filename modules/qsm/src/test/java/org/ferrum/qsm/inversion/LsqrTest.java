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
package org.ferrum.qsm.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * LSQR against small dense least-squares problems solved exactly in double precision: by the normal equations
 * (AᵀA + λ²I)x = Aᵀb for full column rank, and x = Aᵀ(AAᵀ)⁻¹b (the minimum-norm solution) for an underdetermined
 * system.
 */
class LsqrTest {

    private static double[][] random(int m, int n, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[m][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return a;
    }

    private static float[] randomVector(int m, long seed) {
        Random r = new Random(seed);
        float[] b = new float[m];
        for (int i = 0; i < m; i++) {
            b[i] = (float) r.nextGaussian();
        }
        return b;
    }

    private static Lsqr.LinearMap forward(double[][] a) {
        return (x, out) -> {
            for (int i = 0; i < a.length; i++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    s += a[i][j] * x[j];
                }
                out[i] = (float) s;
            }
        };
    }

    private static Lsqr.LinearMap adjoint(double[][] a) {
        return (y, out) -> {
            for (int j = 0; j < out.length; j++) {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                    s += a[i][j] * y[i];
                }
                out[j] = (float) s;
            }
        };
    }

    /** Solves the symmetric positive definite system S x = r by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] s, double[] r) {
        int n = r.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(s[i], 0, a[i], 0, n);
            a[i][n] = r[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
                    p = i;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int i = c + 1; i < n; i++) {
                double f = a[i][c] / a[c][c];
                for (int j = c; j <= n; j++) {
                    a[i][j] -= f * a[c][j];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s2 = a[i][n];
            for (int j = i + 1; j < n; j++) {
                s2 -= a[i][j] * x[j];
            }
            x[i] = s2 / a[i][i];
        }
        return x;
    }

    /** (AᵀA + λ²I)⁻¹Aᵀb. */
    private static double[] normalEquations(double[][] a, float[] b, double lambda) {
        int m = a.length, n = a[0].length;
        double[][] s = new double[n][n];
        double[] r = new double[n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < m; i++) {
                    s[j][k] += a[i][j] * a[i][k];
                }
            }
            s[j][j] += lambda * lambda;
            for (int i = 0; i < m; i++) {
                r[j] += a[i][j] * b[i];
            }
        }
        return solve(s, r);
    }

    private static void assertClose(double[] expected, float[] actual, double relative) {
        double diff = 0, norm = 0;
        for (int j = 0; j < expected.length; j++) {
            diff += Math.pow(expected[j] - actual[j], 2);
            norm += expected[j] * expected[j];
        }
        assertTrue(Math.sqrt(diff / norm) < relative, "relative error " + Math.sqrt(diff / norm));
    }

    @Test
    void overdeterminedInconsistentSystemGivesTheLeastSquaresSolution() {
        double[][] a = random(30, 8, 1);
        float[] b = randomVector(30, 2); // random b: not in the range of A, so the residual stays large
        float[] x = new float[8];
        List<Double> residuals = new ArrayList<>();
        Lsqr.Result r = new Lsqr(100, 1e-6, 1e-6, 0, 0)
                .solve(forward(a), adjoint(a), b, x, Cancellation.NEVER, (it, res, step) -> residuals.add(res));
        assertClose(normalEquations(a, b, 0), x, 1e-4);
        assertEquals(Lsqr.Stop.NORMAL_RESIDUAL, r.stop(), "an inconsistent system stops on ‖Aᵀr‖ (S2)");
        assertTrue(r.iterations() <= 12, "n = 8 unknowns: converges in about n iterations, took " + r.iterations());
        assertEquals(r.iterations(), residuals.size());
        for (int i = 1; i < residuals.size(); i++) {
            assertTrue(residuals.get(i) <= residuals.get(i - 1) * (1 + 1e-6), "‖r‖ is non-increasing: " + residuals);
        }
        // the reported residual against an independent computation
        float[] ax = new float[30];
        forward(a).apply(x, ax);
        double rr = 0;
        for (int i = 0; i < 30; i++) {
            rr += Math.pow(b[i] - ax[i], 2);
        }
        assertEquals(Math.sqrt(rr), r.residualNorm(), 1e-4 * Math.sqrt(rr));
    }

    @Test
    void consistentSystemStopsOnTheResidual() {
        double[][] a = random(20, 6, 3);
        float[] truth = randomVector(6, 4);
        float[] b = new float[20];
        forward(a).apply(truth, b);
        float[] x = new float[6];
        Lsqr.Result r = Lsqr.withTolerance(1e-5, 100)
                .solve(forward(a), adjoint(a), b, x, Cancellation.NEVER, Lsqr.Listener.NONE);
        assertEquals(Lsqr.Stop.RESIDUAL, r.stop());
        double[] expected = new double[6];
        for (int j = 0; j < 6; j++) {
            expected[j] = truth[j];
        }
        assertClose(expected, x, 1e-4);
    }

    @Test
    void dampingSolvesTheRegularisedNormalEquations() {
        double[][] a = random(25, 10, 5);
        float[] b = randomVector(25, 6);
        for (double lambda : new double[] {0.5, 3}) {
            float[] x = new float[10];
            new Lsqr(200, 1e-7, 1e-7, 0, lambda)
                    .solve(forward(a), adjoint(a), b, x, Cancellation.NEVER, Lsqr.Listener.NONE);
            assertClose(normalEquations(a, b, lambda), x, 1e-4);
        }
    }

    @Test
    void underdeterminedSystemGivesTheMinimumNormSolution() {
        double[][] a = random(5, 12, 7);
        float[] b = randomVector(5, 8);
        float[] x = new float[12];
        x[3] = 42; // ignored: LSQR starts from 0
        Lsqr.withTolerance(1e-6, 100).solve(forward(a), adjoint(a), b, x, Cancellation.NEVER, Lsqr.Listener.NONE);
        // x = Aᵀ(AAᵀ)⁻¹b
        double[][] aat = new double[5][5];
        double[] bd = new double[5];
        for (int i = 0; i < 5; i++) {
            bd[i] = b[i];
            for (int k = 0; k < 5; k++) {
                for (int j = 0; j < 12; j++) {
                    aat[i][k] += a[i][j] * a[k][j];
                }
            }
        }
        double[] y = solve(aat, bd);
        double[] expected = new double[12];
        for (int j = 0; j < 12; j++) {
            for (int i = 0; i < 5; i++) {
                expected[j] += a[i][j] * y[i];
            }
        }
        assertClose(expected, x, 1e-4);
    }

    @Test
    void zeroRightHandSideIterationLimitAndCancellation() {
        double[][] a = random(30, 8, 9);
        float[] x = new float[8];
        Lsqr.Result zero = Lsqr.withTolerance(1e-3, 10)
                .solve(forward(a), adjoint(a), new float[30], x, Cancellation.NEVER, Lsqr.Listener.NONE);
        assertEquals(Lsqr.Stop.ZERO_RIGHT_HAND_SIDE, zero.stop());
        assertEquals(0, zero.iterations());

        Lsqr.Result limited = new Lsqr(2, 1e-9, 1e-9, 0, 0)
                .solve(forward(a), adjoint(a), randomVector(30, 10), x, Cancellation.NEVER, Lsqr.Listener.NONE);
        assertEquals(Lsqr.Stop.ITERATION_LIMIT, limited.stop());
        assertEquals(2, limited.iterations());
        assertTrue(limited.relativeStep() > 0);

        AtomicInteger seen = new AtomicInteger();
        assertThrows(CancellationException.class, () -> new Lsqr(50, 0, 0, 0, 0)
                .solve(
                        forward(a),
                        adjoint(a),
                        randomVector(30, 11),
                        new float[8],
                        () -> seen.get() >= 3,
                        (it, res, step) -> seen.set(it)));
        assertEquals(3, seen.get());

        assertThrows(IllegalArgumentException.class, () -> new Lsqr(0, 1e-3, 1e-3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Lsqr(5, -1, 1e-3, 0, 0));
    }
}
