package org.ferrum.qsm;

import org.ferrum.core.fft.FourierTransform;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Filtering of real volumes by real k-space kernels, through the one FFT path
 * ({@link FourierTransform}): the building block of the dipole forward model, the Laplacian, spherical
 * mean value filters and the closed-form inversions.
 *
 * <p>Contract of {@link #apply}: for a real array x on {@code grid} and a real kernel K in FFT order,
 * returns Re F⁻¹[K · F[x]], i.e. the circular convolution of x with the inverse transform of K. When K is
 * even in k (K(k) = K(−k), true of every kernel built from the dipole, Laplacian and SMV kernels) the
 * result is real already and taking the real part discards only rounding.
 *
 * <p>Spectra are interleaved complex {@code float[]} of length 2N, the storage
 * {@link FourierTransform#forward(float[], int, int, int)} transforms in place.
 */
public final class FourierFilter {

    private FourierFilter() {
    }

    /** F[x] for a real array x on the grid (a new interleaved complex array). */
    public static float[] spectrum(float[] real, VoxelGrid grid) {
        requireLength(real, grid.size(), "real array");
        float[] c = new float[2 * grid.size()];
        ParallelLoop.forEachChunk(real.length, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                c[2 * n] = real[n];
            }
        });
        FourierTransform.forward(c, grid.nx(), grid.ny(), grid.nz());
        return c;
    }

    /**
     * Re F⁻¹[s] into {@code out} (length N); the spectrum is transformed in place and is garbage afterwards.
     */
    public static void realPartOfInverse(float[] spectrum, VoxelGrid grid, float[] out) {
        requireLength(spectrum, 2 * grid.size(), "spectrum");
        requireLength(out, grid.size(), "output");
        FourierTransform.inverse(spectrum, grid.nx(), grid.ny(), grid.nz());
        ParallelLoop.forEachChunk(out.length, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                out[n] = spectrum[2 * n];
            }
        });
    }

    /** Multiplies an interleaved spectrum by a real kernel, sample by sample, in place. */
    public static void multiply(float[] spectrum, float[] kernel) {
        requireLength(spectrum, 2 * kernel.length, "spectrum");
        ParallelLoop.forEachChunk(kernel.length, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                float k = kernel[n];
                spectrum[2 * n] *= k;
                spectrum[2 * n + 1] *= k;
            }
        });
    }

    /** Re F⁻¹[K · F[x]] as a new array (see the class contract). */
    public static float[] apply(float[] real, float[] kernel, VoxelGrid grid) {
        float[] out = new float[grid.size()];
        apply(real, kernel, grid, out);
        return out;
    }

    /** Re F⁻¹[K · F[x]] into {@code out}, which may be {@code real} itself. */
    public static void apply(float[] real, float[] kernel, VoxelGrid grid, float[] out) {
        requireLength(kernel, grid.size(), "kernel");
        float[] s = spectrum(real, grid);
        multiply(s, kernel);
        realPartOfInverse(s, grid, out);
    }

    private static void requireLength(float[] a, int expected, String what) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " has " + a.length + " elements, the grid needs " + expected);
        }
    }
}
