package org.ferrum.qsm.background;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

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

    /** Steps taken and the final ‖b − A x‖ / ‖b‖. */
    record Outcome(int iterations, double relativeResidual) {
    }

    private static final int CHUNK = 1 << 14;

    private ConjugateGradient() {
    }

    /**
     * Solves A x = b in place of x.
     *
     * @param preconditioner z = M⁻¹ r with M symmetric positive definite, or null for plain CG
     */
    static Outcome solve(LinearOperator a, LinearOperator preconditioner, float[] b, float[] x, int maxIterations,
            double tolerance, Cancellation cancellation, SolverProgress progress) {
        int n = b.length;
        double bNorm = Math.sqrt(dot(b, b, cancellation));
        if (bNorm == 0) {
            java.util.Arrays.fill(x, 0f);
            return new Outcome(0, 0);
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
        int it = 0;
        while (it < maxIterations && residual > tolerance) {
            cancellation.throwIfCancelled("conjugate gradient solver");
            a.apply(p, q);
            double pq = dot(p, q, cancellation);
            if (!(pq > 0)) {
                break; // p is in the null space of a semi-definite A: x cannot improve along it
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
            if (residual <= tolerance) {
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
        return new Outcome(it, residual);
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
