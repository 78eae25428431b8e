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
 * Conjugate gradients for the least-squares problem min ‖b − A x‖ from x = 0, in the CGLS arrangement (Hestenes &amp;
 * Stiefel 1952; Björck, Numerical Methods for Least Squares Problems, 1996, §7.4): mathematically CG on the normal
 * equations AᵀA x = Aᵀb, but it updates the data residual s = b − A x itself and forms r = Aᵀs from it, instead of
 * updating r through AᵀA. In float arithmetic this keeps s (the quantity the fit is about) accurate: CG on the formed
 * normal equations squares the condition number inside its recurrences, and on ill-conditioned problems its iterates
 * can drift while the recurrence still reports a falling residual. Same cost: one A and one Aᵀ per iteration.
 *
 * <p>Contract of {@link #solve}: in exact arithmetic ‖s<sub>k</sub>‖ decreases monotonically (x<sub>k</sub> minimises
 * ‖b − A x‖ over the k-th Krylov space). It stops when
 * <ul>
 * <li>‖r<sub>k</sub>‖ ≤ tolerance·‖Aᵀb‖ (the normal-equation tolerance: converged),</li>
 * <li>‖s‖ fell by less than {@value #STALL_FRACTION} of itself over the last {@value #STALL_WINDOW} iterations (the
 * fit cannot improve further: converged, "data residual stalled"),</li>
 * <li>‖s<sub>k</sub>‖ exceeded the best ‖s‖ seen by the factor 1 + {@value #GROWTH_MARGIN} (impossible in exact
 * arithmetic, so rounding has broken the recurrences: not converged, "residual grew"), or</li>
 * <li>the iteration cap was reached (not converged).</li>
 * </ul>
 * x is the iterate of smallest ‖s‖ seen, and the relative data residual ‖b − A x‖ / ‖b‖ reported is recomputed from
 * it (one more A), so a recurrence that drifted cannot hide. Inner products in double, fixed chunk order.
 */
final class LeastSquaresConjugateGradient {

    static final int STALL_WINDOW = 10;
    static final double STALL_FRACTION = 1e-3;
    static final double GROWTH_MARGIN = 1e-3;

    /**
     * @param convergence    iterations, the relative data residual ‖b − A x‖/‖b‖ of the returned x, and how it ended
     * @param normalResidual ‖Aᵀ(b − A x)‖ / ‖Aᵀb‖ at the returned iterate (from the recurrence)
     */
    record Outcome(Convergence convergence, double normalResidual) {}

    private LeastSquaresConjugateGradient() {}

    /**
     * Minimises ‖b − A x‖ into {@code x} (overwritten; the start is x = 0).
     *
     * @param a        y = A x, writing every element of y
     * @param adjoint  x = Aᵀ y, writing every element of x
     * @param progress told of ‖r‖/‖Aᵀb‖ after every iteration
     */
    static Outcome solve(
            ConjugateGradient.LinearOperator a,
            ConjugateGradient.LinearOperator adjoint,
            float[] b,
            float[] x,
            int maxIterations,
            double tolerance,
            Cancellation cancellation,
            SolverProgress progress) {
        int n = b.length;
        java.util.Arrays.fill(x, 0f);
        double bNorm = Math.sqrt(ConjugateGradient.dot(b, b, cancellation));
        if (bNorm == 0) {
            return new Outcome(new Convergence(0, maxIterations, 0, 0, true, "zero data"), 0);
        }
        float[] s = b.clone();
        float[] r = new float[n];
        adjoint.apply(s, r);
        double gamma = ConjugateGradient.dot(r, r, cancellation);
        double r0 = Math.sqrt(gamma);
        if (r0 == 0) {
            return new Outcome(new Convergence(0, maxIterations, 1, 0, true, "data orthogonal to the model"), 0);
        }
        float[] p = r.clone();
        float[] q = new float[n];
        float[] best = new float[n];
        double[] history = new double[maxIterations + 1];
        history[0] = 1;
        double bestData = 1, bestNormal = 1, normal = 1;
        int bestIteration = 0, it = 0;
        String stop = "iteration cap";
        boolean converged = false;
        while (it < maxIterations) {
            cancellation.throwIfCancelled("PDF conjugate gradients");
            a.apply(p, q);
            double qq = ConjugateGradient.dot(q, q, cancellation);
            if (!(qq > 0)) {
                stop = "no descent direction left";
                converged = true; // p in the null space of A: the fit cannot change any more
                break;
            }
            float alpha = (float) (gamma / qq);
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int i = (int) from; i < to; i++) {
                    x[i] += alpha * p[i];
                    s[i] -= alpha * q[i];
                }
            });
            it++;
            double data = Math.sqrt(ConjugateGradient.dot(s, s, cancellation)) / bNorm;
            history[it] = data;
            adjoint.apply(s, r);
            double gammaNext = ConjugateGradient.dot(r, r, cancellation);
            normal = Math.sqrt(gammaNext) / r0;
            progress.iteration(it, normal);
            if (!(data <= bestData * (1 + GROWTH_MARGIN))) {
                stop = "residual grew";
                break;
            }
            if (data <= bestData) {
                bestData = data;
                bestNormal = normal;
                bestIteration = it;
                System.arraycopy(x, 0, best, 0, n);
            }
            if (normal <= tolerance) {
                stop = "tolerance reached";
                converged = true;
                break;
            }
            if (it >= STALL_WINDOW && history[it - STALL_WINDOW] - data < STALL_FRACTION * data) {
                stop = "data residual stalled";
                converged = true;
                break;
            }
            float beta = (float) (gammaNext / gamma);
            gamma = gammaNext;
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                for (int i = (int) from; i < to; i++) {
                    p[i] = r[i] + beta * p[i];
                }
            });
        }
        if (bestIteration < it) {
            System.arraycopy(best, 0, x, 0, n);
        }
        // the data residual of the returned x, recomputed: the recurrence's s drifts from b − A x in float
        a.apply(x, q);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = b[i] - (double) q[i];
            sum += e * e;
        }
        double trueData = Math.sqrt(sum) / bNorm;
        return new Outcome(new Convergence(it, maxIterations, trueData, bestIteration, converged, stop), bestNormal);
    }
}
