package org.ferrum.qsm.inversion;

import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.qsm.VoxelGrid;

/** The few steps the inversions share: the kernel with size checks, the masked field, the data residual. */
final class KSpace {

    private KSpace() {
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
