package org.ferrum.relaxometry.fatwater;

import org.ferrum.core.VoxelGrid;

/**
 * A prior for each voxel's field from its neighbours' fits: where fast decay leaves two or three echoes above the
 * noise, a voxel's own field is barely determined (its Cramér–Rao SD reaches tens of Hz at R2* ≈ 1000 /s at 1.5 T),
 * while the field itself is smooth over a few voxels; the neighbours then decide.
 *
 * <p>Contract. For voxel v with neighbours u in a box of half-widths (r, r, r<sub>z</sub>) voxels, v excluded (so the
 * voxel's own noise is not counted twice), each with fitted field ψ<sub>u</sub> and variance σ<sub>u</sub>², the prior
 * mean is the inverse-variance weighted mean ψ̄<sub>v</sub> = Σ w<sub>u</sub>ψ<sub>u</sub> / Σ w<sub>u</sub> with
 * w<sub>u</sub> = 1/(σ<sub>u</sub>² + τ²), and the prior variance is p<sub>v</sub> = 1/Σ w<sub>u</sub> + τ². τ (Hz) is
 * how much the true field may differ between a voxel and its neighbours (smoothness): it keeps precise neighbours from
 * being trusted beyond the field's own variation. Voxels without fitted neighbours get an infinite variance (no prior).
 * Neighbours with non-finite ψ or σ are skipped.
 */
final class NeighbourFieldPrior {

    final float[] mean;
    final float[] variance;

    /**
     * @param grid     the grid
     * @param field    fitted ψ per voxel, Hz
     * @param variance fitted Var(ψ) per voxel, Hz² (+∞ or NaN: no information)
     * @param fitted   voxels with a fit
     * @param radius   in-plane half-width of the box, voxels
     * @param radiusZ  through-plane half-width, voxels
     * @param tauHz    field variation allowed between neighbours, Hz
     */
    NeighbourFieldPrior(VoxelGrid grid, float[] field, float[] variance, boolean[] fitted, int radius, int radiusZ,
            double tauHz) {
        int n = grid.size();
        double tau2 = tauHz * tauHz;
        double[] w = new double[n];
        double[] wf = new double[n];
        for (int v = 0; v < n; v++) {
            if (fitted[v] && Float.isFinite(field[v]) && Float.isFinite(variance[v])) {
                w[v] = 1 / (variance[v] + tau2);
                wf[v] = w[v] * field[v];
            }
        }
        double[] sw = boxSum(grid, w, radius, radiusZ);
        double[] swf = boxSum(grid, wf, radius, radiusZ);
        this.mean = new float[n];
        this.variance = new float[n];
        for (int v = 0; v < n; v++) {
            double total = sw[v] - w[v];
            // relative floor: the box sum minus the voxel's own weight loses precision when that weight dominates
            if (total > 1e-9 * sw[v] && total > 0) {
                mean[v] = (float) ((swf[v] - wf[v]) / total);
                this.variance[v] = (float) (1 / total + tau2);
            } else {
                this.variance[v] = Float.POSITIVE_INFINITY;
            }
        }
    }

    /** Sum over the box of half-widths (r, r, rz), clipped at the grid's edges: separable running sums. */
    static double[] boxSum(VoxelGrid g, double[] a, int r, int rz) {
        double[] x = runX(a, g, r);
        double[] y = runY(x, g, r);
        return runZ(y, g, rz);
    }

    private static double[] runX(double[] a, VoxelGrid g, int r) {
        double[] out = new double[a.length];
        for (int line = 0; line < g.ny() * g.nz(); line++) {
            accumulate(a, out, line * g.nx(), 1, g.nx(), r);
        }
        return out;
    }

    private static double[] runY(double[] a, VoxelGrid g, int r) {
        double[] out = new double[a.length];
        int nx = g.nx();
        int ny = g.ny();
        for (int z = 0; z < g.nz(); z++) {
            for (int x = 0; x < nx; x++) {
                accumulate(a, out, z * nx * ny + x, nx, ny, r);
            }
        }
        return out;
    }

    private static double[] runZ(double[] a, VoxelGrid g, int r) {
        double[] out = new double[a.length];
        int plane = g.nx() * g.ny();
        for (int p = 0; p < plane; p++) {
            accumulate(a, out, p, plane, g.nz(), r);
        }
        return out;
    }

    /** out[i] = Σ a[j] for |j − i| ≤ r along one line (base + k·stride, k < len). */
    private static void accumulate(double[] a, double[] out, int base, int stride, int len, int r) {
        double s = 0;
        for (int k = 0; k < Math.min(r, len); k++) {
            s += a[base + k * stride];
        }
        for (int k = 0; k < len; k++) {
            int add = k + r;
            if (add < len) {
                s += a[base + add * stride];
            }
            int drop = k - r - 1;
            if (drop >= 0) {
                s -= a[base + drop * stride];
            }
            out[base + k * stride] = s;
        }
    }
}
