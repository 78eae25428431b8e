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

import java.util.concurrent.atomic.DoubleAdder;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * LSQR: a Krylov solver for linear least squares with a matrix given only through its products, after Paige &amp;
 * Saunders, "LSQR: An algorithm for sparse linear equations and sparse least squares", ACM TOMS 8:43–71, 1982.
 *
 * <p>Contract: for a linear map A: ℝⁿ → ℝᵐ given as {@code forward} (x ↦ Ax) and {@code adjoint} (y ↦ Aᵀy), a
 * right-hand side b ∈ ℝᵐ and a damping λ ≥ 0, {@link #solve} returns an approximation of
 * <pre>
 *   x* = argmin ‖Ax − b‖² + λ²‖x‖²      (the minimum-norm one if several minimise)
 * </pre>
 * starting from x₀ = 0. Mathematically it is conjugate gradients on the normal equations (AᵀA + λ²I)x = Aᵀb, but
 * through the Golub–Kahan bidiagonalisation (paper §3–4), which never forms AᵀA and is more stable. Iterate k lies
 * in the Krylov space span{Aᵀb, (AᵀA)Aᵀb, …}: components of x* along small singular values of A enter last, which
 * is why stopping early regularises ill-posed problems (the property iLSQR relies on, see {@link IterativeLsqr}).
 *
 * <p>Stopping (paper §6, rules S1–S3), with the running estimates of ‖r‖ (r = b − Ax, augmented by λx when damped),
 * ‖Aᵀr‖ (minus λ²x when damped), ‖A‖ (Frobenius norm of the bidiagonal so far) and cond(A) of the paper's §5:
 * <ul>
 * <li>S1 {@link Stop#RESIDUAL}: ‖r‖ ≤ btol·‖b‖ + atol·‖A‖·‖x‖ (the system is compatible to the data's accuracy);</li>
 * <li>S2 {@link Stop#NORMAL_RESIDUAL}: ‖Aᵀr‖ ≤ atol·‖A‖·‖r‖ (a least-squares solution to the accuracy of A);</li>
 * <li>S3 {@link Stop#CONDITION}: cond(A) ≥ conlim (further iterations would amplify errors; 0 disables it);</li>
 * <li>{@link Stop#ITERATION_LIMIT} after {@code maxIterations}.</li>
 * </ul>
 * ‖x‖ is computed exactly each iteration (one extra reduction, cheaper than the paper's recurrence to reason about).
 *
 * <p>Precision: vectors are {@code float} (the volumes of QSM are large), all scalars and reductions are
 * {@code double}. Memory: 2m + 3n floats besides the caller's b and x; nothing is allocated per iteration.
 */
public final class Lsqr {

    /** A linear map applied to {@code in}, written into {@code out} (overwritten; never aliased with {@code in}). */
    @FunctionalInterface
    public interface LinearMap {
        void apply(float[] in, float[] out);
    }

    /** Why the iteration stopped. */
    public enum Stop {
        /** b = 0: x = 0 is exact. */
        ZERO_RIGHT_HAND_SIDE,
        /** S1: the residual is small relative to ‖b‖ and ‖A‖‖x‖. */
        RESIDUAL,
        /** S2: the normal-equation residual ‖Aᵀr‖ is small relative to ‖A‖‖r‖ (includes Aᵀb = 0, x = 0). */
        NORMAL_RESIDUAL,
        /** S3: the condition estimate reached the limit. */
        CONDITION,
        /** The iteration limit. */
        ITERATION_LIMIT
    }

    /**
     * Receives one report per iteration, on the solving thread.
     */
    @FunctionalInterface
    public interface Listener {
        /** Ignores every report. */
        Listener NONE = (iteration, residualNorm, relativeStep) -> {};

        /**
         * @param iteration    iterations done (1-based)
         * @param residualNorm the estimate of ‖r‖ after it
         * @param relativeStep ‖x<sub>k</sub> − x<sub>k−1</sub>‖ / ‖x<sub>k</sub>‖
         */
        void iterationDone(int iteration, double residualNorm, double relativeStep);
    }

    /**
     * The outcome of a solve (x itself is in the caller's array).
     *
     * @param iterations         iterations run
     * @param stop               why it stopped
     * @param residualNorm       estimate of ‖r‖ (augmented by λx when damped)
     * @param normalResidualNorm estimate of ‖Aᵀr − λ²x‖
     * @param solutionNorm       ‖x‖
     * @param operatorNorm       estimate of ‖A‖ (Frobenius norm of the bidiagonal, grows with k; a lower bound on ‖A‖<sub>F</sub>)
     * @param condition          estimate of cond(A)
     * @param relativeStep       ‖x<sub>k</sub> − x<sub>k−1</sub>‖ / ‖x<sub>k</sub>‖ of the last iteration (0 if none)
     */
    public record Result(
            int iterations,
            Stop stop,
            double residualNorm,
            double normalResidualNorm,
            double solutionNorm,
            double operatorNorm,
            double condition,
            double relativeStep) {}

    private final int maxIterations;
    private final double atol;
    private final double btol;
    private final double conditionLimit;
    private final double damping;
    private final boolean operatorTermInS1;

    /**
     * @param maxIterations  ≥ 1
     * @param atol           relative accuracy of A (S1, S2), ≥ 0
     * @param btol           relative accuracy of b (S1), ≥ 0
     * @param conditionLimit S3 limit on cond(A), ≥ 0 (0: no limit)
     * @param damping        λ ≥ 0
     */
    public Lsqr(int maxIterations, double atol, double btol, double conditionLimit, double damping) {
        this(maxIterations, atol, btol, conditionLimit, damping, true);
    }

    private Lsqr(
            int maxIterations,
            double atol,
            double btol,
            double conditionLimit,
            double damping,
            boolean operatorTermInS1) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("LSQR needs ≥ 1 iteration, got " + maxIterations);
        }
        if (!(atol >= 0) || !(btol >= 0) || !(conditionLimit >= 0) || !(damping >= 0) || Double.isInfinite(damping)) {
            throw new IllegalArgumentException("LSQR tolerances, condition limit and damping must be ≥ 0, got atol = "
                    + atol + ", btol = " + btol + ", conlim = " + conditionLimit + ", damping = " + damping);
        }
        this.maxIterations = maxIterations;
        this.atol = atol;
        this.btol = btol;
        this.conditionLimit = conditionLimit;
        this.damping = damping;
        this.operatorTermInS1 = operatorTermInS1;
    }

    /**
     * Undamped LSQR with the stopping rule of the common {@code lsqr(A, b, tol, maxit)} interface (MATLAB's, which the
     * QSM literature used): S1 reduced to ‖r‖ ≤ tol·‖b‖ (without the atol·‖A‖·‖x‖ term, which for ill-posed problems
     * with a large ‖x‖ stops far too early), S2 with atol = tol, no condition limit.
     */
    public static Lsqr withTolerance(double tolerance, int maxIterations) {
        return new Lsqr(maxIterations, tolerance, tolerance, 0, 0, false);
    }

    /**
     * Solves (see the class contract).
     *
     * @param forward      x ↦ Ax, from n to m values
     * @param adjoint      y ↦ Aᵀy, from m to n values
     * @param b            the right-hand side (m values; unchanged)
     * @param x            receives the solution (n values; its content on entry is ignored)
     * @param cancellation polled every iteration and inside the vector loops
     * @param listener     called after every iteration
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public Result solve(
            LinearMap forward, LinearMap adjoint, float[] b, float[] x, Cancellation cancellation, Listener listener) {
        int m = b.length, n = x.length;
        float[] u = b.clone();
        float[] v = new float[n];
        float[] w = new float[n];
        float[] tmpM = new float[m];
        float[] tmpN = new float[n];
        java.util.Arrays.fill(x, 0f);

        // Golub–Kahan start: β₁u₁ = b, α₁v₁ = Aᵀu₁ (paper eq. 3.1)
        double beta = norm(u, cancellation);
        double bnorm = beta;
        if (beta == 0) {
            return new Result(0, Stop.ZERO_RIGHT_HAND_SIDE, 0, 0, 0, 0, 0, 0);
        }
        scale(u, 1 / beta, cancellation);
        adjoint.apply(u, v);
        double alpha = norm(v, cancellation);
        if (alpha == 0) {
            // Aᵀb = 0: x = 0 already satisfies the normal equations
            return new Result(0, Stop.NORMAL_RESIDUAL, bnorm, 0, 0, 0, 0, 0);
        }
        scale(v, 1 / alpha, cancellation);
        System.arraycopy(v, 0, w, 0, n);

        double rhobar = alpha, phibar = beta;
        double anormSq = 0, ddnorm = 0, res2 = 0;
        double rnorm = beta, arnorm = alpha * beta, xnorm = 0, acond = 0, relativeStep = 0;
        double damp = damping;
        Stop stop = Stop.ITERATION_LIMIT;
        int iteration = 0;
        DoubleAdder xx = new DoubleAdder();
        while (iteration < maxIterations) {
            cancellation.throwIfCancelled("LSQR");
            // bidiagonalisation (eq. 3.2): β u ← A v − α u,  α v ← Aᵀu − β v
            forward.apply(v, tmpM);
            beta = combineAndNorm(tmpM, u, alpha, cancellation);
            anormSq += alpha * alpha + beta * beta + damp * damp;
            if (beta > 0) {
                scale(u, 1 / beta, cancellation);
                adjoint.apply(u, tmpN);
                alpha = combineAndNorm(tmpN, v, beta, cancellation);
                if (alpha > 0) {
                    scale(v, 1 / alpha, cancellation);
                }
            }
            // eliminate the damping term (§4.2), then the subdiagonal β (eq. 4.6–4.8) by plane rotations
            double rhobar1 = Math.hypot(rhobar, damp);
            double cs1 = rhobar / rhobar1, sn1 = damp / rhobar1;
            double psi = sn1 * phibar;
            phibar = cs1 * phibar;
            double rho = Math.hypot(rhobar1, beta);
            double cs = rhobar1 / rho, sn = beta / rho;
            double theta = sn * alpha;
            rhobar = -cs * alpha;
            double phi = cs * phibar;
            phibar = sn * phibar;
            double tau = sn * phi;

            // x ← x + (φ/ρ) w,  w ← v − (θ/ρ) w  (eq. 4.12)
            double wNormSq = dot(w, w, cancellation);
            ddnorm += wNormSq / (rho * rho);
            float t1 = (float) (phi / rho), t2 = (float) (-theta / rho);
            xx.reset();
            float[] vv = v;
            ParallelLoop.forEachChunk(n, cancellation, (from, to) -> {
                double acc = 0;
                for (int i = (int) from; i < to; i++) {
                    float xi = x[i] + t1 * w[i];
                    x[i] = xi;
                    w[i] = vv[i] + t2 * w[i];
                    acc += xi * (double) xi;
                }
                xx.add(acc);
            });
            iteration++;
            xnorm = Math.sqrt(xx.sum());
            relativeStep = xnorm > 0 ? Math.abs(phi / rho) * Math.sqrt(wNormSq) / xnorm : 0;

            // estimates of §5 and the tests S1–S3 of §6
            double anorm = Math.sqrt(anormSq);
            acond = anorm * Math.sqrt(ddnorm);
            res2 += psi * psi;
            rnorm = Math.sqrt(phibar * phibar + res2);
            arnorm = alpha * Math.abs(tau);
            listener.iterationDone(iteration, rnorm, relativeStep);
            double test1 = rnorm / bnorm;
            double test2 = rnorm > 0 && anorm > 0 ? arnorm / (anorm * rnorm) : 0;
            double rtol = btol + (operatorTermInS1 ? atol * anorm * xnorm / bnorm : 0);
            if (test1 <= rtol) {
                stop = Stop.RESIDUAL;
                break;
            }
            if (test2 <= atol) {
                stop = Stop.NORMAL_RESIDUAL;
                break;
            }
            if (conditionLimit > 0 && acond >= conditionLimit) {
                stop = Stop.CONDITION;
                break;
            }
            if (alpha == 0 || beta == 0) {
                // the Krylov space is exhausted: x is the exact least-squares solution
                stop = Stop.NORMAL_RESIDUAL;
                break;
            }
        }
        return new Result(iteration, stop, rnorm, arnorm, xnorm, Math.sqrt(anormSq), acond, relativeStep);
    }

    /** target ← fresh − c·target; returns ‖target‖. */
    private static double combineAndNorm(float[] fresh, float[] target, double c, Cancellation cancellation) {
        float cf = (float) c;
        DoubleAdder s = new DoubleAdder();
        ParallelLoop.forEachChunk(target.length, cancellation, (from, to) -> {
            double acc = 0;
            for (int i = (int) from; i < to; i++) {
                float t = fresh[i] - cf * target[i];
                target[i] = t;
                acc += t * (double) t;
            }
            s.add(acc);
        });
        return Math.sqrt(s.sum());
    }

    private static void scale(float[] a, double c, Cancellation cancellation) {
        float cf = (float) c;
        ParallelLoop.forEachChunk(a.length, cancellation, (from, to) -> {
            for (int i = (int) from; i < to; i++) {
                a[i] *= cf;
            }
        });
    }

    private static double norm(float[] a, Cancellation cancellation) {
        return Math.sqrt(dot(a, a, cancellation));
    }

    static double dot(float[] a, float[] b, Cancellation cancellation) {
        DoubleAdder s = new DoubleAdder();
        ParallelLoop.forEachChunk(a.length, cancellation, (from, to) -> {
            double acc = 0;
            for (int i = (int) from; i < to; i++) {
                acc += a[i] * (double) b[i];
            }
            s.add(acc);
        });
        return s.sum();
    }
}
