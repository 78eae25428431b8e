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
package org.ferrum.qsm.background;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.Convergence;
import org.junit.jupiter.api.Test;

/**
 * The convergence guards of the shared solvers (issue 13: no solver returns a result whose residual grew; a solver that
 * does not converge says so), on problems whose least-squares solution is known in closed form.
 */
class SolverConvergenceTest {

    /** A diagonal operator with entries spanning 10⁻¹…1 and one zero (inconsistent data). */
    private static final int N = 4000;

    private static final float[] DIAGONAL = new float[N];
    private static final float[] DATA = new float[N];

    static {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < N; i++) {
            DIAGONAL[i] = (float) Math.pow(10, -1.0 * i / (N - 1));
            DATA[i] = (float) random.nextGaussian();
        }
        // a zero row: the part of the data no x can explain, so the least-squares residual is known and > 0
        DIAGONAL[N / 2] = 0f;
    }

    private static ConjugateGradient.LinearOperator diagonal(float sign) {
        return (x, out) -> {
            for (int i = 0; i < x.length; i++) {
                out[i] = sign * DIAGONAL[i] * x[i];
            }
        };
    }

    /** min ‖b − A x‖ / ‖b‖ in double: only the zero row's datum remains. */
    private static double optimalResidual() {
        double all = 0;
        for (float b : DATA) {
            all += b * (double) b;
        }
        return Math.abs(DATA[N / 2]) / Math.sqrt(all);
    }

    @Test
    void leastSquaresConjugateGradientsReachTheOptimumAndNeverReturnAWorseIterate() {
        float[] x = new float[N];
        List<Double> normal = new ArrayList<>();
        LeastSquaresConjugateGradient.Outcome o = LeastSquaresConjugateGradient.solve(
                diagonal(1), diagonal(1), DATA, x, 500, 1e-5, Cancellation.NEVER, (it, r) -> normal.add(r));
        Convergence c = o.convergence();
        System.out.println(
                "CGLS on a diagonal least-squares problem: " + c.summary("CGLS") + "; optimum " + optimalResidual());
        assertTrue(c.converged(), c.summary("CGLS"));
        assertEquals(
                optimalResidual(), c.finalResidual(), 1e-3 * optimalResidual() + 1e-6, "the least-squares residual");
        assertTrue(c.finalResidual() <= 1, "never worse than x = 0");
        assertFalse(normal.isEmpty());
    }

    @Test
    void aWrongAdjointMakesTheResidualGrowAndTheStartIsReturnedWithAClearVerdict() {
        // Aᵀ of the wrong sign: every step goes uphill, which CGLS cannot do in exact arithmetic with a true adjoint
        float[] x = new float[N];
        LeastSquaresConjugateGradient.Outcome o = LeastSquaresConjugateGradient.solve(
                diagonal(1), diagonal(-1), DATA, x, 50, 1e-5, Cancellation.NEVER, SolverProgress.NONE);
        Convergence c = o.convergence();
        assertFalse(c.converged(), c.summary("CGLS"));
        assertEquals("residual grew", c.stop());
        assertEquals(0, c.bestIteration());
        assertEquals(1.0, c.finalResidual(), 1e-6, "the start x = 0 is returned");
        assertArrayEquals(new float[N], x);
        String warning = c.warning("background", "qsm.background.pdf", "PDF");
        assertTrue(warning.startsWith("warning: node 'background' (qsm.background.pdf): PDF "), warning);
        assertTrue(warning.contains("the best iterate (iteration 0) is returned"), warning);
    }

    @Test
    void anIterationCapFarFromTheToleranceIsNotConvergence() {
        float[] x = new float[N];
        Convergence c = LeastSquaresConjugateGradient.solve(
                        diagonal(1), diagonal(1), DATA, x, 2, 1e-6, Cancellation.NEVER, SolverProgress.NONE)
                .convergence();
        assertFalse(c.converged());
        assertEquals("iteration cap", c.stop());
        assertEquals(2, c.iterations());
        assertTrue(c.finalResidual() < 1, "two steps still improve on x = 0: " + c.finalResidual());
        String w = c.warning("background", "qsm.background.pdf", "PDF");
        assertTrue(w.contains("did not converge (iteration cap after 2 of 2 iterations"), w);
    }

    @Test
    void conjugateGradientsReportTheirTrueResidualAndTheirVerdict() {
        // SPD diagonal, consistent system: converges; with a cap of 2 it does not and says so
        float[] spd = new float[N];
        for (int i = 0; i < N; i++) {
            spd[i] = 1f + 100f * i / N;
        }
        ConjugateGradient.LinearOperator a = (x, out) -> {
            for (int i = 0; i < x.length; i++) {
                out[i] = spd[i] * x[i];
            }
        };
        float[] x = new float[N];
        ConjugateGradient.Outcome ok =
                ConjugateGradient.solve(a, null, DATA, x, 500, 1e-5, Cancellation.NEVER, SolverProgress.NONE);
        assertTrue(ok.convergence().converged(), ok.convergence().summary("CG"));
        assertTrue(ok.relativeResidual() <= 1e-4, "true residual " + ok.relativeResidual());
        for (int i = 0; i < N; i += 97) {
            assertEquals(DATA[i] / spd[i], x[i], 1e-3 * Math.abs(DATA[i] / spd[i]) + 1e-5);
        }
        float[] y = new float[N];
        ConjugateGradient.Outcome capped =
                ConjugateGradient.solve(a, null, DATA, y, 2, 1e-5, Cancellation.NEVER, SolverProgress.NONE);
        assertFalse(capped.convergence().converged());
        assertTrue(capped.convergence().needsWarning());
        assertTrue(capped.relativeResidual() < 1);
    }

    @Test
    void conjugateGradientsStopWhenAnIndefiniteOperatorMakesTheResidualExplode() {
        // not positive definite: CG's recurrences are meaningless; it must stop, not return a blown-up x
        ConjugateGradient.LinearOperator a = (x, out) -> {
            for (int i = 0; i < x.length; i++) {
                out[i] = (i % 2 == 0 ? 1f : -0.999f) * x[i];
            }
        };
        float[] x = new float[N];
        ConjugateGradient.Outcome o =
                ConjugateGradient.solve(a, null, DATA, x, 200, 1e-6, Cancellation.NEVER, SolverProgress.NONE);
        Convergence c = o.convergence();
        System.out.println("CG on an indefinite operator: " + c.summary("CG"));
        assertFalse(c.converged(), c.summary("CG"));
        assertTrue(c.needsWarning());
        assertTrue(
                Double.isFinite(o.relativeResidual()) && o.relativeResidual() <= 10,
                "returned residual " + o.relativeResidual());
    }

    @Test
    void pdfOnAnAnalyticBackgroundConvergesAndItsResidualIsBelowTheStart() {
        VoxelGrid grid = new VoxelGrid(48, 48, 48, 1, 1, 1);
        BackgroundPhantom phantom = new BackgroundPhantom(grid, 18, 15, 13, true, 0.002);
        BackgroundFieldSplit s = new ProjectionOntoDipoleFields(100, 1e-3)
                .apply(phantom.total, phantom.brain, null, grid, BackgroundPhantom.B0, Cancellation.NEVER);
        Convergence c = s.convergence();
        System.out.println("PDF on the analytic background phantom: " + c.summary("PDF"));
        assertTrue(c.converged(), c.summary("PDF"));
        assertTrue(c.finalResidual() < 0.2, "the background explains most of the field: " + c.finalResidual());
        assertTrue(s.relativeResidual() <= 1e-2, "normal-equation residual " + s.relativeResidual());

        BackgroundFieldSplit capped = new ProjectionOntoDipoleFields(2, 1e-3)
                .apply(phantom.total, phantom.brain, null, grid, BackgroundPhantom.B0, Cancellation.NEVER);
        assertFalse(capped.convergence().converged());
        assertTrue(
                capped.convergence().finalResidual() > c.finalResidual()
                        && capped.convergence().finalResidual() < 1,
                "2 iterations improve on nothing but less than convergence: "
                        + capped.convergence().finalResidual());
    }
}
