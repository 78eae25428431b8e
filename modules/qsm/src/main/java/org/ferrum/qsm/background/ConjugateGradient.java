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

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.Convergence;

/**
 * The (preconditioned) conjugate gradient method for A x = b with A symmetric positive (semi-)definite,
 * the solver shared by RESHARP, PDF and LBV (Hestenes &amp; Stiefel, J Res NBS 1952; the preconditioned form as in
 * Golub &amp; Van Loan, Matrix Computations, §11.5).
 *
 * <p>Contract of {@link #solve}: starting from the given x, iterates until ‖b − A x‖ ≤ tolerance · ‖b‖ or
 * {@code maxIterations} steps were taken, and returns the steps taken and the final relative residual
 * ‖b − A x‖ / ‖b‖ (0 when b = 0, x then set to 0). Vectors are {@code float[]}; inner products are summed
 * in double, in a fixed chunk order, so results do not depend on the thread count. {@code progress} hears of every
 * iteration on the calling thread.
 */
final class ConjugateGradient {

    /** y = A x for a symmetric operator; must write every element of {@code out}. */
    @FunctionalInterface
    interface LinearOperator {
        void apply(float[] x, float[] out);
    }

    /**
     * Steps taken, the relative residual ‖b − A x‖ / ‖b‖ of the returned x (recomputed from it, not the recurrence's),
     * and how the solve ended.
     */
    record Outcome(int iterations, double relativeResidual, Convergence convergence) {}

    private static final int CHUNK = 1 << 14;
    /**
     * The recurrence residual may exceed the best one seen by this factor before the solve is called divergent and
     * stopped. CG's residual 2-norm is not monotone (it minimises the A-norm of the error), so brief rises are normal;
     * a rise by 10× only happens when rounding has broken the recurrences (or A is not positive definite).
     */
    private static final double DIVERGENCE_FACTOR = 10;

    /** The smallest true relative residual float arithmetic can be expected to confirm. */
    private static final double FLOAT_RESIDUAL_FLOOR = 1e-4;

    private ConjugateGradient() {}

    /**
     * Solves A x = b in place of x.
     *
     * <p>Guards (issue 13, a solver that does not converge says so): the solve stops when the residual exceeds
     * {@value #DIVERGENCE_FACTOR}× the best seen or is not finite (and then returns the iterate of that best residual),
     * or when the curvature pᵀAp is not positive; the returned x's residual is recomputed as b − A x (one more
     * application of A) so the figure reported is the true one. {@link Outcome#convergence()} says whether the
     * tolerance was met and confirmed by that true residual.
     *
     * @param preconditioner z = M⁻¹ r with M symmetric positive definite, or null for plain CG
     */
    static Outcome solve(
            LinearOperator a,
            LinearOperator preconditioner,
            float[] b,
            float[] x,
            int maxIterations,
            double tolerance,
            Cancellation cancellation,
            SolverProgress progress) {
        int n = b.length;
        double bNorm = Math.sqrt(dot(b, b, cancellation));
        if (bNorm == 0) {
            java.util.Arrays.fill(x, 0f);
            return new Outcome(0, 0, new Convergence(0, maxIterations, 0, 0, true, "zero right-hand side"));
        }
        float[] r = new float[n];
        float[] q = new float[n];
        a.apply(x, q);
        ParallelLoop.forEachChunk(n, CHUNK, cancellation, (from, to) -> {
            for (int i = (int) from; i < to; i++) {
                r[i] = b[i] - q[i];
            }
        });
        float[] z = preconditioner == null ? r : new float[n];
        if (preconditioner != null) {
            preconditioner.apply(r, z);
        }
        float[] p = z.clone();
        double rz = dot(r, z, cancellation);
        double residual = Math.sqrt(dot(r, r, cancellation)) / bNorm;
        double bestResidual = residual;
        float[] best = null; // a copy of x at bestIteration, made only once x has moved away from it
        int bestIteration = 0;
        int it = 0;
        String stop = "iteration cap";
        while (it < maxIterations && residual > tolerance) {
            cancellation.throwIfCancelled("conjugate gradient solver");
            a.apply(p, q);
            double pq = dot(p, q, cancellation);
            if (!(pq > 0)) {
                stop = "no descent direction left"; // p in the null space of a semi-definite A
                break;
            }
            if (bestIteration == it) {
                // x is about to leave the best iterate so far: keep it (one copy per iteration, cheap beside A)
                if (best == null) {
                    best = new float[n];
                }
                System.arraycopy(x, 0, best, 0, n);
            }
            float alpha = (float) (rz / pq);
            ParallelLoop.forEachChunk(n, CHUNK, cancellation, (from, to) -> {
                for (int i = (int) from; i < to; i++) {
                    x[i] += alpha * p[i];
                    r[i] -= alpha * q[i];
                }
            });
            it++;
            residual = Math.sqrt(dot(r, r, cancellation)) / bNorm;
            progress.iteration(it, residual);
            if (residual <= bestResidual) {
                bestResidual = residual;
                bestIteration = it;
            } else if (!(residual <= DIVERGENCE_FACTOR * bestResidual)) {
                stop = "residual grew";
                break;
            }
            if (residual <= tolerance) {
                stop = "tolerance reached";
                break;
            }
            if (preconditioner != null) {
                preconditioner.apply(r, z);
            }
            double rzNext = dot(r, z, cancellation);
            float beta = (float) (rzNext / rz);
            rz = rzNext;
            ParallelLoop.forEachChunk(n, CHUNK, cancellation, (from, to) -> {
                for (int i = (int) from; i < to; i++) {
                    p[i] = z[i] + beta * p[i];
                }
            });
        }
        if (stop.equals("residual grew") && best != null) {
            // only then: the residual norm of CG is not monotone (it minimises the error's A-norm), so an ordinary
            // last iterate with a slightly larger residual than an earlier one is still the better one
            System.arraycopy(best, 0, x, 0, n);
        } else {
            bestIteration = it;
        }
        // the true residual of the returned x: the recurrence drifts from it in float arithmetic
        a.apply(x, q);
        double trueResidual = Math.sqrt(residualNormSq(b, q, cancellation)) / bNorm;
        // converged: the recurrence met the tolerance and the true residual confirms it up to float rounding of A x
        boolean converged = bestResidual <= tolerance && trueResidual <= Math.max(10 * tolerance, FLOAT_RESIDUAL_FLOOR);
        if (stop.equals("iteration cap") && bestResidual <= tolerance) {
            stop = "tolerance reached";
        }
        return new Outcome(
                it,
                trueResidual,
                new Convergence(it, maxIterations, trueResidual, Math.min(bestIteration, it), converged, stop));
    }

    /** ‖b − q‖² in double, chunk by chunk in a fixed order. */
    private static double residualNormSq(float[] b, float[] q, Cancellation cancellation) {
        int n = b.length;
        double[] partial = new double[(n + CHUNK - 1) / CHUNK];
        ParallelLoop.forEachChunk(n, CHUNK, cancellation, (from, to) -> {
            double s = 0;
            for (int i = (int) from; i < to; i++) {
                double d = b[i] - (double) q[i];
                s += d * d;
            }
            partial[(int) (from / CHUNK)] = s;
        });
        double s = 0;
        for (double v : partial) {
            s += v;
        }
        return s;
    }

    /** Σ a·b in double, chunk by chunk in a fixed order. */
    static double dot(float[] a, float[] b, Cancellation cancellation) {
        int n = a.length;
        double[] partial = new double[(n + CHUNK - 1) / CHUNK];
        ParallelLoop.forEachChunk(n, CHUNK, cancellation, (from, to) -> {
            double s = 0;
            for (int i = (int) from; i < to; i++) {
                s += a[i] * (double) b[i];
            }
            partial[(int) (from / CHUNK)] = s;
        });
        double s = 0;
        for (double v : partial) {
            s += v;
        }
        return s;
    }
}
