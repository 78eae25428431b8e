package org.ferrum.qsm.inversion;

import org.ferrum.core.fft.FourierTransform;
import org.ferrum.qsm.VoxelGrid;

/**
 * The k-space kernel of the spherical mean value (SMV) filter: S(k) = Re F[s], s the indicator of the voxel offsets
 * within r mm of the origin (periodic wrap) divided by their count, so S(0) = 1 and F⁻¹[S·F[x]] is the mean of x over
 * a sphere around each voxel. S is real and even (s is symmetric), as {@link org.ferrum.qsm.FourierFilter} expects.
 *
 * <p>Package-private stop-gap for the smoothing step of {@link IterativeLsqr}: the background-removal work (branch
 * qsm-background) has the same filter as {@code org.ferrum.qsm.background.SphericalMeanValue#kernel}; once both are
 * merged this class should delegate to (or be replaced by) that one.
 */
final class SphereMeanKernel {

    private SphereMeanKernel() {
    }

    /** S(k) in FFT order for a sphere of radius {@code radiusMm} (at least the centre voxel). */
    static float[] of(VoxelGrid grid, double radiusMm) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int hx = Math.min((int) Math.floor(radiusMm / grid.dx()), (nx - 1) / 2);
        int hy = Math.min((int) Math.floor(radiusMm / grid.dy()), (ny - 1) / 2);
        int hz = Math.min((int) Math.floor(radiusMm / grid.dz()), (nz - 1) / 2);
        double r2 = radiusMm * radiusMm + 1e-9; // offsets exactly on the sphere count as inside despite rounding
        float[] c = new float[2 * grid.size()];
        int count = 0;
        for (int k = -hz; k <= hz; k++) {
            for (int j = -hy; j <= hy; j++) {
                for (int i = -hx; i <= hx; i++) {
                    double x = i * grid.dx(), y = j * grid.dy(), z = k * grid.dz();
                    if (x * x + y * y + z * z <= r2) {
                        c[2 * grid.index(Math.floorMod(i, nx), Math.floorMod(j, ny), Math.floorMod(k, nz))] = 1f;
                        count++;
                    }
                }
            }
        }
        float inv = 1f / count;
        for (int n = 0; n < grid.size(); n++) {
            c[2 * n] *= inv;
        }
        FourierTransform.forward(c, nx, ny, nz);
        float[] s = new float[grid.size()];
        for (int n = 0; n < s.length; n++) {
            s[n] = c[2 * n]; // the imaginary part is rounding only: s is symmetric
        }
        return s;
    }
}
