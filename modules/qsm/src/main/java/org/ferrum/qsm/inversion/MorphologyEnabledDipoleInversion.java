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

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.Convergence;
import org.ferrum.qsm.FiniteDifferences;
import org.ferrum.qsm.FourierFilter;

/**
 * Morphology-enabled dipole inversion (MEDI), linear data term.
 *
 * <p>Contract (Liu et al., MRM 66:777, 2011 and MRM 67:137, 2012; de Rochefort et al., MRM 63:194, 2010): χ
 * (ppm) approximately minimises
 * <pre>
 *   ‖M<sub>G</sub>∇χ‖₁ + λ/2·‖W(Dχ − δ)‖²
 * </pre>
 * with ∇ the periodic forward difference (1/mm), D the dipole kernel, δ the field in ppm, and
 * <ul>
 * <li>W the data weight: the magnitude inside the mask normalised to mean 1 there, 0 outside (so the data
 * term is the masked one; strong-signal voxels, whose phase is less noisy, count more);</li>
 * <li>M<sub>G</sub> the morphology mask: 0 at voxels whose magnitude-gradient norm is among the top
 * {@code edgePercent} % of the mask's voxels (edges: there χ may jump, so they are not penalised), 1 elsewhere.</li>
 * </ul>
 * Solved as in MEDI by lagged diffusivity (a Gauss–Newton step of the smoothed ℓ1 term |g| ≈ √(g² + ε)):
 * each outer iteration freezes P = diag(1/√((M<sub>G</sub>∂<sub>d</sub>χ)² + ε)) and solves
 * <pre>
 *   (∇ᵀM<sub>G</sub>PM<sub>G</sub>∇ + λDW²D) χ = λDW²δ
 * </pre>
 * by conjugate gradients (warm-started from the previous χ, 4 FFTs per CG step) to a relative residual
 * {@code cgTolerance}; it stops after {@code maxIterations} outer iterations or when the relative χ change falls
 * below {@code tolerance}. The ℓ1 norm is the anisotropic one (per axis), as MEDI's. ε = 10⁻⁶ (ppm/mm)²:
 * gradients below 10⁻³ ppm/mm count as flat. The nonlinear data term (|e^{iDχ} − e^{iδ}|) is not implemented.
 *
 * <p>λ in our units: MEDI works with χ and δ in radians of phase (χ<sub>MEDI</sub> = s·χ<sub>ppm</sub>,
 * s = 2π·ΔTE·γB0·10⁻⁶ rad/ppm); substituting, its objective is s·[‖M<sub>G</sub>∇χ‖₁ + (λ<sub>MEDI</sub>·s)/2·‖W(Dχ − δ)‖²],
 * so λ = λ<sub>MEDI</sub>·s. MEDI's default λ<sub>MEDI</sub> = 1000 at 3 T with ΔTE ≈ 4–5 ms (s ≈ 3–4 rad/ppm)
 * corresponds to λ ≈ 3000–4000 ppm⁻¹·mm⁻¹ here. The default 2000 ({@link Params#DEFAULTS}) is of that order, is the
 * reciprocal of TV-ADMM's default (the same problem with W = 1, M<sub>G</sub> = 1, up to the factor λ), and on the
 * 0.1 ppm sphere (MorphologyEnabledDipoleInversionTest) recovers Δχ within 1 % in 2 outer iterations.
 */
public final class MorphologyEnabledDipoleInversion implements DipoleInversion {

    /**
     * The parameters of MEDI (and of {@link TotalFieldInversion}, which runs on MEDI's solver).
     *
     * @param lambda          λ &gt; 0, data weight (ppm⁻¹·mm⁻¹)
     * @param edgePercent     percentage of mask voxels with the strongest magnitude gradient not TV-penalised, in [0, 100]
     * @param maxIterations   outer (lagged diffusivity) iteration limit, ≥ 1
     * @param tolerance       ≥ 0, on the relative χ change of an outer iteration
     * @param cgMaxIterations conjugate-gradient steps per outer iteration at most, ≥ 1
     * @param cgTolerance     &gt; 0, relative residual at which the conjugate gradients stop
     */
    public record Params(
            double lambda,
            double edgePercent,
            int maxIterations,
            double tolerance,
            int cgMaxIterations,
            double cgTolerance) {
        /** λ 2000, 30 % edges, 10 outer iterations to 0.1, 100 CG steps to 0.01. */
        public static final Params DEFAULTS = new Params(2000, 30, 10, 0.1, 100, 0.01);

        /** These parameters with another λ. */
        public Params withLambda(double newLambda) {
            return new Params(newLambda, edgePercent, maxIterations, tolerance, cgMaxIterations, cgTolerance);
        }
    }

    private static final float EPSILON = 1e-6f;
    /**
     * An outer iterate whose data residual exceeds the best one's by this factor ends the solve (the best is returned):
     * lagged diffusivity changes the data residual little between iterations once χ has formed, so such a jump means
     * the inner solve broke down.
     */
    private static final double GROWTH_LIMIT = 1.5;
    /** CG's residual may exceed the best seen by this factor (in norm) before the inner solve is stopped as broken. */
    private static final double CG_DIVERGENCE_FACTOR = 10;

    private final double lambda;
    private final double edgePercent;
    private final int maxIterations;
    private final double tolerance;
    private final int cgMaxIterations;
    private final double cgTolerance;

    public MorphologyEnabledDipoleInversion(
            double lambda,
            double edgePercent,
            int maxIterations,
            double tolerance,
            int cgMaxIterations,
            double cgTolerance) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("MEDI λ must be a positive number, got " + lambda);
        }
        if (!(edgePercent >= 0 && edgePercent <= 100)) {
            throw new IllegalArgumentException("edge percentage must lie in [0, 100], got " + edgePercent);
        }
        if (maxIterations < 1 || cgMaxIterations < 1 || !(tolerance >= 0) || !(cgTolerance > 0)) {
            throw new IllegalArgumentException("iterations must be ≥ 1 and tolerances positive");
        }
        this.lambda = lambda;
        this.edgePercent = edgePercent;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.cgMaxIterations = cgMaxIterations;
        this.cgTolerance = cgTolerance;
    }

    public MorphologyEnabledDipoleInversion(Params p) {
        this(p.lambda(), p.edgePercent(), p.maxIterations(), p.tolerance(), p.cgMaxIterations(), p.cgTolerance());
    }

    /** The defaults with another λ. */
    public static MorphologyEnabledDipoleInversion withLambda(double lambda) {
        return new MorphologyEnabledDipoleInversion(Params.DEFAULTS.withLambda(lambda));
    }

    @Override
    public String name() {
        return "MEDI";
    }

    /** χ from {@code input}: its magnitude is required, its data weight optional (else the normalised magnitude). */
    @Override
    public InversionResult invert(Field input, Cancellation cancellation, InversionProgress progress) {
        return invert(
                input.field(),
                input.mask(),
                input.requireMagnitude(name()),
                input.dataWeight(),
                null,
                input.grid(),
                input.b0VoxelAxes(),
                cancellation,
                progress);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "MEDI with λ = %g, %.0f %% edges", lambda, edgePercent);
    }

    /**
     * χ from the local field.
     *
     * @param field       δ in ppm on {@code grid}
     * @param mask        M; the field is used only inside it
     * @param magnitude   magnitude image (any scale, ≥ 0) for W and M<sub>G</sub>
     * @param b0VoxelAxes B0 direction along the index axes
     * @param progress    called after every outer iteration, on this thread
     */
    public InversionResult invert(
            float[] field,
            boolean[] mask,
            float[] magnitude,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            InversionProgress progress) {
        return invert(field, mask, magnitude, null, grid, b0VoxelAxes, cancellation, progress);
    }

    /**
     * As {@link #invert(float[], boolean[], float[], VoxelGrid, double[], Cancellation, InversionProgress)} with a
     * right preconditioner: χ = P·y with P = diag({@code preconditioner}) (positive; {@code null} = identity), the
     * normal equations solved for y,
     * <pre>
     *   P(∇ᵀM<sub>G</sub>QM<sub>G</sub>∇ + λDW²D)P y = λPDW²δ,
     * </pre>
     * Q the lagged-diffusivity weights of the current χ. The minimiser is the same; what changes is which components
     * conjugate gradients reach first: a large P where χ is expected to be large (outside the mask, for total field
     * inversion) lets the few iterations explain the background field there instead of smearing it into the mask
     * (Liu Z et al., MRM 2017;78:303–315).
     */
    public InversionResult invert(
            float[] field,
            boolean[] mask,
            float[] magnitude,
            float[] preconditioner,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            InversionProgress progress) {
        return invert(field, mask, magnitude, null, preconditioner, grid, b0VoxelAxes, cancellation, progress);
    }

    /**
     * As {@link #invert(float[], boolean[], float[], float[], VoxelGrid, double[], Cancellation, InversionProgress)} with
     * the data weight W given ({@code dataWeight}, ≥ 0, e.g. 1/σ of the field; used inside the mask only) instead of
     * the normalised magnitude; {@code null} = {@link #dataWeight}(magnitude). The magnitude still gives M<sub>G</sub>.
     */
    public InversionResult invert(
            float[] field,
            boolean[] mask,
            float[] magnitude,
            float[] dataWeight,
            float[] preconditioner,
            VoxelGrid grid,
            double[] b0VoxelAxes,
            Cancellation cancellation,
            InversionProgress progress) {
        float[] d = KSpace.kernel(grid, b0VoxelAxes, field, mask);
        float[] pc = preconditioner;
        if (pc != null && pc.length != grid.size()) {
            throw new IllegalArgumentException("preconditioner has " + pc.length + " voxels, the grid " + grid.size());
        }
        int size = grid.size();
        if (magnitude.length != size) {
            throw new IllegalArgumentException("magnitude has " + magnitude.length + " voxels, the grid " + size);
        }
        if (dataWeight != null && dataWeight.length != size) {
            throw new IllegalArgumentException("data weight has " + dataWeight.length + " voxels, the grid " + size);
        }
        float[] w2 = dataWeight == null ? dataWeight(magnitude, mask) : dataWeight.clone();
        for (int n = 0; n < size; n++) {
            w2[n] = mask[n] ? w2[n] * w2[n] : 0f;
        }
        float[] edgeFree = morphologyMask(magnitude, mask, grid, edgePercent, cancellation);

        float[] spectrum = new float[FourierFilter.spectrumLength(grid)];
        float[] b = new float[size];
        float lam = (float) lambda;
        for (int n = 0; n < size; n++) {
            b[n] = mask[n] ? lam * w2[n] * field[n] : 0f;
        }
        FourierFilter.apply(b, d, grid, b, spectrum);
        if (pc != null) {
            for (int n = 0; n < size; n++) {
                b[n] *= pc[n];
            }
        }

        float[] chi = new float[size];
        float[] y = pc == null ? chi : new float[size];
        float[] previous = new float[size];
        float[] px = new float[size], py = new float[size], pz = new float[size];
        Workspace ws = new Workspace(size);
        int iteration = 0;
        double change = Double.NaN;
        // data residual ‖M(Dχ − δ)‖/‖Mδ‖ per outer iteration (1 at χ = 0), the best iterate kept (issue 13)
        double residual = 1, bestResidual = 1, bestChange = Double.NaN;
        int bestIteration = 0;
        float[] best = new float[size];
        boolean converged = false;
        String stop = "iteration cap";
        while (iteration < maxIterations) {
            cancellation.throwIfCancelled("MEDI dipole inversion");
            // lagged diffusivity weights M_G·P from the current χ
            FiniteDifferences.gradient(chi, grid, px, py, pz, cancellation);
            ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                for (int n = (int) from; n < to; n++) {
                    float m = edgeFree[n];
                    px[n] = m / (float) Math.sqrt(m * px[n] * px[n] + EPSILON);
                    py[n] = m / (float) Math.sqrt(m * py[n] * py[n] + EPSILON);
                    pz[n] = m / (float) Math.sqrt(m * pz[n] * pz[n] + EPSILON);
                }
            });
            System.arraycopy(chi, 0, previous, 0, size);
            Operator a = (yIn, out) -> {
                float[] x = yIn;
                if (pc != null) {
                    x = ws.scaled;
                    float[] scaled = x;
                    ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                        for (int n = (int) from; n < to; n++) {
                            scaled[n] = pc[n] * yIn[n];
                        }
                    });
                }
                FiniteDifferences.gradient(x, grid, ws.gx, ws.gy, ws.gz, cancellation);
                ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                    for (int n = (int) from; n < to; n++) {
                        ws.gx[n] *= px[n];
                        ws.gy[n] *= py[n];
                        ws.gz[n] *= pz[n];
                    }
                });
                FiniteDifferences.negativeDivergence(ws.gx, ws.gy, ws.gz, grid, out, cancellation);
                FourierFilter.apply(x, d, grid, ws.tmp, spectrum);
                ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                    for (int n = (int) from; n < to; n++) {
                        ws.tmp[n] *= lam * w2[n];
                    }
                });
                FourierFilter.apply(ws.tmp, d, grid, ws.tmp, spectrum);
                ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                    for (int n = (int) from; n < to; n++) {
                        out[n] += ws.tmp[n];
                    }
                });
                if (pc != null) {
                    ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                        for (int n = (int) from; n < to; n++) {
                            out[n] *= pc[n];
                        }
                    });
                }
            };
            int steps = conjugateGradients(a, b, y, ws, cancellation);
            ws.cgIterations += steps;
            ws.cgCapped += steps >= cgMaxIterations ? 1 : 0;
            if (pc != null) {
                for (int n = 0; n < size; n++) {
                    chi[n] = pc[n] * y[n];
                }
            }
            // with a preconditioner (TFI) χ outside the mask holds the background sources (air: ppm, P-fold larger than
            // tissue contrasts) and would dominate ‖χ‖, so the change is measured where the tissue is, in M
            change = pc == null
                    ? Math.sqrt(distanceSq(chi, previous) / Math.max(dot(chi, chi), Double.MIN_NORMAL))
                    : relativeChangeIn(mask, chi, previous);
            iteration++;
            residual = KSpace.relativeResidual(chi, field, mask, d, grid);
            progress.iterationDone(iteration, maxIterations, change);
            if (residual <= bestResidual || bestIteration == 0 && residual <= 1) {
                bestResidual = residual;
                bestIteration = iteration;
                bestChange = change;
                System.arraycopy(chi, 0, best, 0, size);
            } else if (!(residual <= 1) || !(residual <= GROWTH_LIMIT * bestResidual)) {
                // worse than χ = 0, not finite, or far worse than an earlier iterate: the solve has broken down
                stop = "residual grew";
                break;
            }
            if (change < tolerance) {
                converged = true;
                stop = "χ change below tolerance";
                break;
            }
        }
        if (bestIteration != iteration) {
            System.arraycopy(best, 0, chi, 0, size);
            residual = bestIteration == 0 ? 1 : bestResidual;
            change = bestChange;
        }
        if (ws.cgCapped > 0) {
            stop += String.format(
                    java.util.Locale.ROOT,
                    "; CG reached its cap of %d in %d of %d outer iterations",
                    cgMaxIterations,
                    ws.cgCapped,
                    iteration);
        }
        return new InversionResult(
                chi,
                iteration,
                change,
                residual,
                new Convergence(
                        iteration,
                        maxIterations,
                        residual,
                        bestIteration,
                        converged && bestIteration == iteration,
                        stop));
    }

    /** W: the magnitude in the mask normalised to mean 1 there, 0 outside (all 1 in the mask if the magnitude is 0 there). */
    public static float[] dataWeight(float[] magnitude, boolean[] mask) {
        double sum = 0;
        int count = 0;
        for (int n = 0; n < mask.length; n++) {
            if (mask[n]) {
                sum += Math.max(0, magnitude[n]);
                count++;
            }
        }
        float[] w = new float[mask.length];
        double mean = count == 0 ? 0 : sum / count;
        for (int n = 0; n < mask.length; n++) {
            w[n] = !mask[n] ? 0f : mean > 0 ? (float) (Math.max(0, magnitude[n]) / mean) : 1f;
        }
        return w;
    }

    /**
     * M<sub>G</sub> as 0/1 floats: 0 where the magnitude-gradient norm of a mask voxel is in the top {@code edgePercent} %
     * of the mask's voxels (ties at the threshold count as edges), 1 elsewhere. The magnitude is masked first so that
     * the mask's own border also counts as an edge, as in MEDI.
     */
    public static float[] morphologyMask(
            float[] magnitude, boolean[] mask, VoxelGrid grid, double edgePercent, Cancellation cancellation) {
        int size = grid.size();
        float[] m = new float[size];
        for (int n = 0; n < size; n++) {
            m[n] = mask[n] ? magnitude[n] : 0f;
        }
        float[] gx = new float[size], gy = new float[size], gz = new float[size];
        FiniteDifferences.gradient(m, grid, gx, gy, gz, cancellation);
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        float[] norms = new float[count];
        float[] norm = m; // reused
        for (int n = 0, c = 0; n < size; n++) {
            norm[n] = (float) Math.sqrt(gx[n] * gx[n] + gy[n] * gy[n] + gz[n] * gz[n]);
            if (mask[n]) {
                norms[c++] = norm[n];
            }
        }
        Arrays.sort(norms);
        int edges = (int) Math.round(count * edgePercent / 100.0);
        float threshold = edges == 0 || count == 0 ? Float.POSITIVE_INFINITY : norms[count - edges];
        float[] mg = new float[size];
        for (int n = 0; n < size; n++) {
            mg[n] = mask[n] && norm[n] >= threshold && norm[n] > 0 ? 0f : 1f;
        }
        return mg;
    }

    /** Conjugate gradients on A x = b from the given x; returns the iterations taken. */
    private int conjugateGradients(Operator a, float[] b, float[] x, Workspace ws, Cancellation cancellation) {
        int size = x.length;
        float[] r = ws.r, p = ws.p, ap = ws.ap;
        a.apply(x, ap);
        for (int n = 0; n < size; n++) {
            r[n] = b[n] - ap[n];
            p[n] = r[n];
        }
        double bNorm = Math.sqrt(dot(b, b));
        double rr = dot(r, r);
        if (bNorm == 0) {
            return 0;
        }
        int it = 0;
        double bestRr = rr;
        int bestIt = 0;
        boolean diverged = false;
        while (it < cgMaxIterations && Math.sqrt(rr) > cgTolerance * bNorm) {
            cancellation.throwIfCancelled("MEDI conjugate gradients");
            a.apply(p, ap);
            double pap = dot(p, ap);
            if (!(pap > 0)) {
                break; // the operator is semi-definite; a zero curvature direction means nothing is left to gain
            }
            if (bestIt == it) {
                System.arraycopy(x, 0, ws.best, 0, size); // x is about to leave the best iterate so far
            }
            float alpha = (float) (rr / pap);
            ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                for (int n = (int) from; n < to; n++) {
                    x[n] += alpha * p[n];
                    r[n] -= alpha * ap[n];
                }
            });
            double rrNew = dot(r, r);
            if (rrNew <= bestRr) {
                bestRr = rrNew;
                bestIt = it + 1;
            } else if (!(rrNew <= CG_DIVERGENCE_FACTOR * CG_DIVERGENCE_FACTOR * bestRr)) {
                it++;
                diverged = true;
                break; // rounding has broken the recurrences (or the operator is not positive definite)
            }
            float beta = (float) (rrNew / rr);
            rr = rrNew;
            ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                for (int n = (int) from; n < to; n++) {
                    p[n] = r[n] + beta * p[n];
                }
            });
            it++;
        }
        if (diverged) {
            // only then: CG's residual norm is not monotone (it minimises the error's A-norm), so an ordinary last
            // iterate with a slightly larger residual than an earlier one is still the better one
            System.arraycopy(ws.best, 0, x, 0, size);
        }
        return it;
    }

    static double dot(float[] a, float[] b) {
        DoubleAdder s = new DoubleAdder();
        ParallelLoop.forEachChunk(a.length, (from, to) -> {
            double acc = 0;
            for (int n = (int) from; n < to; n++) {
                acc += a[n] * (double) b[n];
            }
            s.add(acc);
        });
        return s.sum();
    }

    /** ‖M(a − b)‖ / ‖M a‖. */
    private static double relativeChangeIn(boolean[] mask, float[] a, float[] b) {
        double d = 0, n = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i]) {
                double e = a[i] - (double) b[i];
                d += e * e;
                n += a[i] * (double) a[i];
            }
        }
        return Math.sqrt(d / Math.max(n, Double.MIN_NORMAL));
    }

    private static double distanceSq(float[] a, float[] b) {
        DoubleAdder s = new DoubleAdder();
        ParallelLoop.forEachChunk(a.length, (from, to) -> {
            double acc = 0;
            for (int n = (int) from; n < to; n++) {
                double diff = a[n] - (double) b[n];
                acc += diff * diff;
            }
            s.add(acc);
        });
        return s.sum();
    }

    /** The linear operator of one outer iteration. */
    private interface Operator {
        void apply(float[] x, float[] out);
    }

    /** Preallocated arrays of the CG solver and the operator. */
    private static final class Workspace {
        final float[] r, p, ap, gx, gy, gz, tmp, scaled, best;
        int cgIterations;
        int cgCapped;

        Workspace(int size) {
            scaled = new float[size];
            best = new float[size];
            r = new float[size];
            p = new float[size];
            ap = new float[size];
            gx = new float[size];
            gy = new float[size];
            gz = new float[size];
            tmp = new float[size];
        }
    }
}
