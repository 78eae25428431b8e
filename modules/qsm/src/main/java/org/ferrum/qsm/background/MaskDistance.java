package org.ferrum.qsm.background;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.VoxelGrid;

/**
 * Exact Euclidean distance (in mm, on the grid's spacing) from each voxel to the nearest voxel outside a
 * mask, voxels beyond the grid's faces counting as outside.
 *
 * <p>Contract of {@link #squaredToOutside}: element n is min over voxels q outside the mask (or beyond the
 * grid) of |p<sub>n</sub> − q|² in mm², 0 for voxels outside. So the discrete sphere of radius r around a
 * voxel lies in the mask exactly when {@code !SphericalMeanValue.inside(d², r)}, which is how the SHARP family
 * erodes masks: one exact pass serves every radius of V-SHARP, and no FFT rounding decides a boundary voxel.
 *
 * <p>How: the separable lower-envelope-of-parabolas transform of Felzenszwalb &amp; Huttenlocher (Theory of
 * Computing 2012), one pass per axis, O(N).
 */
public final class MaskDistance {

    private MaskDistance() {
    }

    /** Squared distances (mm²) to the nearest voxel outside {@code mask}. */
    public static double[] squaredToOutside(boolean[] mask, VoxelGrid grid, Cancellation cancellation) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        double[] d = new double[grid.size()];
        for (int n = 0; n < d.length; n++) {
            d[n] = mask[n] ? Double.POSITIVE_INFINITY : 0;
        }
        // Along x: rows (j, k)
        ParallelLoop.forEachChunk((long) ny * nz, 0, cancellation, (from, to) -> {
            Line line = new Line(nx);
            for (long r = from; r < to; r++) {
                line.transform(d, (int) r * nx, 1, nx, grid.dx());
            }
        });
        ParallelLoop.forEachChunk((long) nx * nz, 0, cancellation, (from, to) -> {
            Line line = new Line(ny);
            for (long r = from; r < to; r++) {
                int i = (int) (r % nx), k = (int) (r / nx);
                line.transform(d, i + nx * ny * k, nx, ny, grid.dy());
            }
        });
        ParallelLoop.forEachChunk((long) nx * ny, 0, cancellation, (from, to) -> {
            Line line = new Line(nz);
            for (long r = from; r < to; r++) {
                line.transform(d, (int) r, nx * ny, nz, grid.dz());
            }
        });
        return d;
    }

    /** Work arrays of the 1-D transform along one line of n voxels with sentinels (outside) at −1 and n. */
    private static final class Line {
        private final double[] f;
        private final double[] z;
        private final int[] v;

        Line(int n) {
            f = new double[n + 2];
            z = new double[n + 3];
            v = new int[n + 2];
        }

        /** d[start + stride·i] ← min over q of (h(i − q))² + d[q], q over the line and the two sentinels. */
        void transform(double[] d, int start, int stride, int n, double h) {
            // positions q = −1 … n stored at index q + 1; the sentinels are outside voxels (value 0)
            f[0] = 0;
            f[n + 1] = 0;
            for (int i = 0; i < n; i++) {
                f[i + 1] = d[start + stride * i];
            }
            int m = n + 2;
            int k = 0;
            v[0] = 0;
            z[0] = Double.NEGATIVE_INFINITY;
            z[1] = Double.POSITIVE_INFINITY;
            for (int q = 1; q < m; q++) {
                if (f[q] == Double.POSITIVE_INFINITY) {
                    continue; // an inside voxel with no distance yet contributes no parabola
                }
                double s;
                while (true) {
                    int p = v[k];
                    // intersection of the parabolas rooted at p and q, in units of the index
                    s = ((f[q] / (h * h) + (double) q * q) - (f[p] / (h * h) + (double) p * p)) / (2.0 * (q - p));
                    if (s <= z[k]) {
                        k--;
                    } else {
                        break;
                    }
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            k = 0;
            for (int q = 1; q <= n; q++) {
                while (z[k + 1] < q) {
                    k++;
                }
                double dq = h * (q - v[k]);
                d[start + stride * (q - 1)] = dq * dq + f[v[k]];
            }
        }
    }
}
