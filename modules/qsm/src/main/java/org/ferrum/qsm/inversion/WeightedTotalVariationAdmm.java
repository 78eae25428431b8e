package org.ferrum.qsm.inversion;

import java.util.concurrent.atomic.DoubleAdder;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.FiniteDifferences;
import org.ferrum.qsm.FourierFilter;

/**
 * Total-variation regularised dipole inversion with a <em>weighted</em> linear data term, by ADMM: the variant of
 * {@link TotalVariationAdmm} for a per-voxel data weight W (e.g. 1/σ of the field), which no longer makes the
 * χ-update diagonal in k-space.
 *
 * <p>Contract (Milovic et al., MRM 80:814, 2018, FANSI, "weighted linear" form): χ approximately minimises
 * <pre>
 *   ½‖W(Dχ − δ)‖² + λ‖∇χ‖₁        (anisotropic ℓ1, ∇ the periodic forward difference, 1/mm)
 * </pre>
 * with W ≥ 0 given on the whole grid (0 where there is no data). Splits z = ∇χ (penalty ρ) and v = Dχ (penalty μ),
 * scaled duals u, s:
 * <pre>
 *   χ ← F⁻¹[ (μ·D·F[v − s] + ρ·F[∇ᵀ(z − u)]) / (μD² + ρ|∇|²) ]     (χ̂(0) = 0)
 *   z ← soft(∇χ + u, λ/ρ),            u ← u + ∇χ − z
 *   v ← (W²δ + μ(Dχ + s)) / (W² + μ), s ← s + Dχ − v                (voxel by voxel)
 * </pre>
 * Four real FFTs per iteration (two forward for the χ-update's right-hand side, two inverse for χ and Dχ), twice
 * {@link TotalVariationAdmm}'s. Stops after {@code maxIterations} or when the relative χ change falls below
 * {@code tolerance}, as TV-ADMM. With W = 1 everywhere the minimiser is TV-ADMM's. μ = {@value #DEFAULT_MU} is FANSI's
 * default for weights of mean square ≈ 1.
 */
public final class WeightedTotalVariationAdmm {

    public static final double DEFAULT_MU = 1.0;

    private final double lambda;
    private final double rho;
    private final double mu;
    private final int maxIterations;
    private final double tolerance;

    /**
     * @param lambda λ &gt; 0, TV weight
     * @param rho    ρ &gt; 0, gradient penalty
     * @param mu     μ &gt; 0, data-split penalty
     */
    public WeightedTotalVariationAdmm(double lambda, double rho, double mu, int maxIterations, double tolerance) {
        for (double p : new double[]{lambda, rho, mu}) {
            if (!(p > 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("TV λ, ρ and μ must be positive numbers, got λ = " + lambda + ", ρ = " + rho
                        + ", μ = " + mu);
            }
        }
        if (maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("need ≥ 1 iteration and a tolerance ≥ 0, got " + maxIterations + ", " + tolerance);
        }
        this.lambda = lambda;
        this.rho = rho;
        this.mu = mu;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /**
     * χ from the local field.
     *
     * @param field  δ in ppm on {@code grid} (used where W &gt; 0)
     * @param mask   M, for the reported residual ‖M(Dχ − δ)‖/‖Mδ‖
     * @param weight W ≥ 0 on the whole grid
     */
    public InversionResult invert(float[] field, boolean[] mask, float[] weight, VoxelGrid grid, double[] b0VoxelAxes,
            Cancellation cancellation, InversionProgress progress) {
        float[] d = KSpace.kernel(grid, b0VoxelAxes, field, mask);
        int size = grid.size();
        if (weight.length != size) {
            throw new IllegalArgumentException("weight has " + weight.length + " voxels, the grid " + size);
        }
        float[] data = KSpace.masked(field, mask);
        float[] w2 = new float[size];
        for (int n = 0; n < size; n++) {
            float w = weight[n];
            if (!(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("weight " + w + " at voxel " + n + "; weights must be finite and ≥ 0");
            }
            w2[n] = w * w;
            if (w2[n] == 0) {
                data[n] = 0f; // no data there: δ is never read
            }
        }
        // k-space constants: ρ/(μD² + ρ|∇|²) and μD/(μD² + ρ|∇|²)
        float[] rhoOverDenominator = FiniteDifferences.gradientNormKernel(grid);
        float[] muDOverDenominator = new float[size];
        float r = (float) rho, m = (float) mu;
        ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                float den = m * d[n] * d[n] + r * rhoOverDenominator[n];
                float inv = den > 0 ? 1f / den : 0f;
                muDOverDenominator[n] = m * d[n] * inv;
                rhoOverDenominator[n] = r * inv;
            }
        });

        int spectrumLength = FourierFilter.spectrumLength(grid);
        float[] spectrum = new float[spectrumLength];
        float[] dataSpectrum = new float[spectrumLength];
        float[] chi = new float[size];
        float[] next = new float[size];
        float[] work = new float[size];
        float[] modelField = new float[size];
        float[] vMinusS = data.clone(); // v = δ, s = 0 to start
        float[] s = new float[size];
        float[] gx = new float[size], gy = new float[size], gz = new float[size];
        float[] ux = new float[size], uy = new float[size], uz = new float[size];
        float kappa = (float) (lambda / rho);
        DoubleAdder changeSq = new DoubleAdder(), normSq = new DoubleAdder();

        int iteration = 0;
        double change = Double.NaN;
        while (iteration < maxIterations) {
            cancellation.throwIfCancelled("weighted TV dipole inversion");
            // χ-update: both right-hand-side terms to k-space, the diagonal solve, back
            System.arraycopy(vMinusS, 0, work, 0, size);
            FourierFilter.spectrumOverwriting(work, grid, dataSpectrum);
            FourierFilter.multiply(dataSpectrum, muDOverDenominator, grid);
            FiniteDifferences.negativeDivergence(gx, gy, gz, grid, work, cancellation);
            FourierFilter.spectrumOverwriting(work, grid, spectrum);
            FourierFilter.multiplyAndAdd(spectrum, rhoOverDenominator, dataSpectrum, grid);
            System.arraycopy(spectrum, 0, dataSpectrum, 0, spectrumLength);
            FourierFilter.realPartOfInverse(spectrum, grid, next);
            FourierFilter.multiply(dataSpectrum, d, grid);
            FourierFilter.realPartOfInverse(dataSpectrum, grid, modelField);

            changeSq.reset();
            normSq.reset();
            float[] previous = chi;
            float[] current = next;
            ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                double c = 0, q = 0;
                for (int n = (int) from; n < to; n++) {
                    double diff = current[n] - previous[n];
                    c += diff * diff;
                    q += current[n] * (double) current[n];
                }
                changeSq.add(c);
                normSq.add(q);
            });
            chi = current;
            next = previous;
            change = normSq.sum() > 0 ? Math.sqrt(changeSq.sum() / normSq.sum()) : 0;

            // v- and s-updates fused, leaving v − s for the next χ-update
            ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                for (int n = (int) from; n < to; n++) {
                    float t = modelField[n] + s[n];
                    float v = (w2[n] * data[n] + m * t) / (w2[n] + m);
                    s[n] = t - v;
                    vMinusS[n] = v - s[n];
                }
            });
            // z- and u-updates fused, leaving z − u in g
            FiniteDifferences.gradient(chi, grid, gx, gy, gz, cancellation);
            ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                for (int n = (int) from; n < to; n++) {
                    gx[n] = shrink(gx, ux, n, kappa);
                    gy[n] = shrink(gy, uy, n, kappa);
                    gz[n] = shrink(gz, uz, n, kappa);
                }
            });
            iteration++;
            progress.iterationDone(iteration, maxIterations, change);
            if (change < tolerance) {
                break;
            }
        }
        return new InversionResult(chi, iteration, change, KSpace.relativeResidual(chi, KSpace.masked(field, mask), mask, d, grid));
    }

    /** With g = ∇χ + u: z = soft(g, κ) and u ← g − z; returns z − u. */
    private static float shrink(float[] gradient, float[] u, int n, float kappa) {
        float g = gradient[n] + u[n];
        float z = g > kappa ? g - kappa : (g < -kappa ? g + kappa : 0f);
        u[n] = g - z;
        return z - u[n];
    }
}
