package org.ferrum.qsm.unwrap;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.VoxelGrid;

/**
 * Approximate Gaussian smoothing by three passes of a moving box average along each axis (the central limit
 * theorem: three boxes of width w have variance 3(w² − 1)/12), in O(N) whatever the width. Used to smooth the
 * complex phase offset of {@link RomeoUnwrapping} as MCPC-3D-S does (Eckstein et al., MRM 79:2996, 2018).
 *
 * <p>Contract of {@link #smooth}: each pass replaces x[i] by the mean of x over [i − r, i + r] ∩ [0, n − 1]
 * along the axis (the window is clipped at the grid edge and the mean taken over the voxels present), with
 * r chosen per axis so that the three passes' standard deviation is nearest to σ (mm). Voxels with zero weight
 * simply contribute zeros: callers smooth weighted sums (e.g. m·e^{iφ}) whose phase is what matters.
 */
final class BoxSmoothing {

    private BoxSmoothing() {
    }

    /** Box radius r (voxels) so that three passes give a standard deviation near σ/spacing voxels. */
    static int radius(double sigmaMm, double spacingMm) {
        double sigma = sigmaMm / spacingMm;
        double width = Math.sqrt(4 * sigma * sigma + 1);
        return (int) Math.max(0, Math.round((width - 1) / 2));
    }

    /** Smooths {@code values} in place. */
    static void smooth(float[] values, VoxelGrid grid, double sigmaMm, Cancellation cancellation) {
        int[] sizes = grid.sizes();
        double[] spacing = grid.spacing();
        int[] stride = {1, grid.nx(), grid.nx() * grid.ny()};
        for (int axis = 0; axis < 3; axis++) {
            int r = radius(sigmaMm, spacing[axis]);
            if (r == 0 || sizes[axis] == 1) {
                continue;
            }
            int len = sizes[axis];
            int s = stride[axis];
            int lines = values.length / len;
            int a = axis;
            ParallelLoop.forEachChunk(lines, 0, cancellation, (from, to) -> {
                double[] line = new double[len];
                double[] prefix = new double[len + 1];
                for (int l = (int) from; l < to; l++) {
                    int start = lineStart(l, a, sizes);
                    for (int pass = 0; pass < 3; pass++) {
                        for (int i = 0; i < len; i++) {
                            line[i] = values[start + i * s];
                        }
                        for (int i = 0; i < len; i++) {
                            prefix[i + 1] = prefix[i] + line[i];
                        }
                        for (int i = 0; i < len; i++) {
                            int lo = Math.max(0, i - r), hi = Math.min(len - 1, i + r);
                            values[start + i * s] = (float) ((prefix[hi + 1] - prefix[lo]) / (hi - lo + 1));
                        }
                    }
                }
            });
        }
    }

    /** Index of the first voxel of line l along {@code axis} (lines enumerate the other two axes). */
    private static int lineStart(int l, int axis, int[] sizes) {
        int nx = sizes[0], ny = sizes[1];
        return switch (axis) {
            case 0 -> l * nx;
            case 1 -> (l % nx) + nx * ny * (l / nx);
            default -> l;
        };
    }
}
