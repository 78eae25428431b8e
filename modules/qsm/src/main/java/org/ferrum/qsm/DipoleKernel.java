package org.ferrum.qsm;

import org.ferrum.core.fft.SpatialFrequencies;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The unit dipole kernel in k-space, the one place Ferrum knows it:
 * <pre>
 *   D(k) = 1/3 − (k·b̂)² / |k|²,     D(0) = 0
 * </pre>
 * where b̂ is the unit B0 direction along the grid's index axes and k the spatial frequency of each FFT
 * sample ({@link SpatialFrequencies}). The relative field perturbation of a susceptibility distribution χ
 * (both in ppm) is then δ = F⁻¹[D · F[χ]] (Salomir et al., Concepts Magn Reson B 2003; Marques &amp;
 * Bowtell, Concepts Magn Reson B 2005), the Lorentz sphere correction included (the 1/3). D is real and
 * even in k, so the forward model maps real χ to real δ.
 *
 * <p>Why D(0) = 0: the mean field over the grid is not measurable (it is absorbed by the scanner's
 * frequency adjustment and the choice of χ reference), so the model assigns it no value; inversions
 * therefore return χ with an arbitrary mean, fixed afterwards by {@link SusceptibilityReference}.
 *
 * <p>Why the continuous kernel sampled on the grid (not the discrete-Green's-function variant): it is
 * the form used by TKD, MEDI, FANSI and QSM.rs, so results compare with theirs; the analytic-field tests
 * quantify its accuracy for spheres and cylinders.
 */
public final class DipoleKernel {

    private DipoleKernel() {
    }

    /**
     * D(k) on the FFT grid of {@code grid}, in the order of {@link org.ferrum.core.fft.FourierTransform}.
     *
     * @param b0VoxelAxes B0 direction along the index axes (normalised here)
     * @throws IllegalArgumentException if the direction is zero or not finite
     */
    public static float[] of(VoxelGrid grid, double[] b0VoxelAxes) {
        double[] b = unit(b0VoxelAxes);
        double[] fx = SpatialFrequencies.along(grid.nx(), grid.dx());
        double[] fy = SpatialFrequencies.along(grid.ny(), grid.dy());
        double[] fz = SpatialFrequencies.along(grid.nz(), grid.dz());
        float[] d = new float[grid.size()];
        int nx = grid.nx(), ny = grid.ny();
        ParallelLoop.forEachChunk(grid.nz(), (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    int row = nx * (j + ny * k);
                    for (int i = 0; i < nx; i++) {
                        double k2 = fx[i] * fx[i] + fy[j] * fy[j] + fz[k] * fz[k];
                        if (k2 == 0) {
                            d[row + i] = 0;
                        } else {
                            double kb = fx[i] * b[0] + fy[j] * b[1] + fz[k] * b[2];
                            d[row + i] = (float) (1.0 / 3.0 - kb * kb / k2);
                        }
                    }
                }
            }
        });
        return d;
    }

    /**
     * The discrete dipole kernel: the continuous kernel's derivatives replaced by the finite differences of
     * {@link FiniteDifferences} (Milovic et al., "A new discrete dipole kernel for quantitative susceptibility
     * mapping", Magn Reson Imaging 2018, for B0 along an axis; here for any b̂ through the forward-difference
     * directional derivative b̂·∇⁺):
     * <pre>
     *   D<sub>d</sub>(k) = 1/3 − |Σ<sub>i</sub> b<sub>i</sub> g<sub>i</sub>|² / Σ<sub>i</sub> |g<sub>i</sub>|²,   g<sub>i</sub> = (e<sup>iθ<sub>i</sub></sup> − 1) / Δ<sub>i</sub>,   θ<sub>i</sub> = 2π f<sub>i</sub> Δ<sub>i</sub>,     D<sub>d</sub>(0) = 0
     * </pre>
     * (g<sub>i</sub> the eigenvalue of the periodic forward difference along axis i; the denominator is −L(k) of
     * {@link FiniteDifferences#laplacianKernel}). It is real, even in k and periodic in θ, hence continuous across
     * the k-space edge for every b̂, unlike {@link #of} when b̂ is oblique to the grid; it equals {@link #of} to
     * second order at low k. Not used by default: an alternative for comparisons and inversions that ask for it.
     *
     * @param b0VoxelAxes B0 direction along the index axes (normalised here)
     */
    public static float[] ofDiscrete(VoxelGrid grid, double[] b0VoxelAxes) {
        double[] b = unit(b0VoxelAxes);
        double[][] cos = new double[3][], sin = new double[3][];
        int[] n = grid.sizes();
        double[] spacing = grid.spacing();
        for (int axis = 0; axis < 3; axis++) {
            double[] f = SpatialFrequencies.along(n[axis], spacing[axis]);
            cos[axis] = new double[n[axis]];
            sin[axis] = new double[n[axis]];
            for (int u = 0; u < n[axis]; u++) {
                double theta = 2 * Math.PI * f[u] * spacing[axis];
                cos[axis][u] = Math.cos(theta);
                sin[axis][u] = Math.sin(theta);
            }
        }
        double ix = 1 / grid.dx(), iy = 1 / grid.dy(), iz = 1 / grid.dz();
        float[] d = new float[grid.size()];
        int nx = grid.nx(), ny = grid.ny();
        ParallelLoop.forEachChunk(grid.nz(), (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    int row = nx * (j + ny * k);
                    for (int i = 0; i < nx; i++) {
                        double cx = cos[0][i] - 1, cy = cos[1][j] - 1, cz = cos[2][k] - 1;
                        double norm = -2 * (cx * ix * ix + cy * iy * iy + cz * iz * iz); // Σ |g_i|²
                        if (norm == 0) {
                            d[row + i] = 0;
                        } else {
                            double re = b[0] * cx * ix + b[1] * cy * iy + b[2] * cz * iz;
                            double im = b[0] * sin[0][i] * ix + b[1] * sin[1][j] * iy + b[2] * sin[2][k] * iz;
                            d[row + i] = (float) (1.0 / 3.0 - (re * re + im * im) / norm);
                        }
                    }
                }
            }
        });
        return d;
    }

    /** The unit vector along {@code v}. */
    static double[] unit(double[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException("B0 direction needs 3 components");
        }
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("B0 direction must be a finite non-zero vector");
        }
        return new double[]{v[0] / n, v[1] / n, v[2] / n};
    }
}
