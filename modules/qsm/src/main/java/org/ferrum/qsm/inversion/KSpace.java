package org.ferrum.qsm.inversion;

import org.ferrum.core.fft.FourierTransform;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.qsm.VoxelGrid;

/**
 * The few k-space and vector steps the inversions share. Why it exists beside {@link FourierFilter}: the
 * iterative solvers transform into a preallocated spectrum every iteration, and FourierFilter's
 * {@code spectrum} allocates a new 2N array per call; {@link #spectrumInto} is the same operation into a
 * caller's buffer (the array is complex interleaved data by then, which may go to {@link FourierTransform}
 * directly).
 */
final class KSpace {

    private KSpace() {
    }

    /** F[x] of a real array into the interleaved buffer {@code spectrum} (length 2N). */
    static void spectrumInto(float[] real, float[] spectrum, VoxelGrid grid, Cancellation cancellation) {
        ParallelLoop.forEachChunk(real.length, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                spectrum[2 * n] = real[n];
                spectrum[2 * n + 1] = 0f;
            }
        });
        FourierTransform.forward(spectrum, grid.nx(), grid.ny(), grid.nz());
    }

    /**
     * Re F⁻¹[D·F[x]] into {@code out} with the preallocated spectrum buffer: the dipole forward model
     * (Salomir 2003; Marques &amp; Bowtell 2005) as 2 FFTs and no allocation.
     */
    static void convolve(float[] x, float[] kernel, float[] spectrum, VoxelGrid grid, float[] out, Cancellation cancellation) {
        spectrumInto(x, spectrum, grid, cancellation);
        FourierFilter.multiply(spectrum, kernel);
        FourierFilter.realPartOfInverse(spectrum, grid, out);
    }

    /** ‖M(Dχ − δ)‖ / ‖Mδ‖, the data consistency every result reports (0/0 gives 0). */
    static double relativeResidual(float[] chi, float[] field, boolean[] mask, float[] kernel, VoxelGrid grid) {
        float[] model = FourierFilter.apply(chi, kernel, grid);
        double r = 0, f = 0;
        for (int n = 0; n < model.length; n++) {
            if (mask[n]) {
                double d = model[n] - field[n];
                r += d * d;
                f += field[n] * (double) field[n];
            }
        }
        return f == 0 ? 0 : Math.sqrt(r / f);
    }

    /** The kernel for {@code b0}, checking the field and mask sizes against the grid. */
    static float[] kernel(VoxelGrid grid, double[] b0VoxelAxes, float[] field, boolean[] mask) {
        if (field.length != grid.size() || (mask != null && mask.length != grid.size())) {
            throw new IllegalArgumentException("field (" + field.length + ") and mask (" + (mask == null ? "-" : mask.length)
                    + ") must have the grid's " + grid.size() + " voxels");
        }
        return DipoleKernel.of(grid, b0VoxelAxes);
    }

    /** δ·M: the field with zeros outside the mask, the data the unmasked closed-form models see. */
    static float[] masked(float[] field, boolean[] mask) {
        float[] f = new float[field.length];
        for (int n = 0; n < f.length; n++) {
            f[n] = mask[n] ? field[n] : 0f;
        }
        return f;
    }
}
