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
import java.util.Locale;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;

/**
 * A coarse grid of b<sub>x</sub>×b<sub>y</sub>×b<sub>z</sub> blocks of a fine grid, and the two resamplings a dipole
 * inversion on it needs: the data (field, weight, mask) averaged down, χ interpolated back.
 *
 * <p>Contract.
 * <ul>
 * <li><b>Grid and geometry.</b> Coarse voxel (I, J, K) is the block of fine voxels i ∈ [b<sub>x</sub>I,
 * b<sub>x</sub>I + b<sub>x</sub>) (likewise j, k); the coarse grid has ⌈n/b⌉ voxels per axis and b times the spacing.
 * {@link #coarseGeometry(Geometry)} maps coarse index I to the fine index b·I + (b − 1)/2, the centre of the block, so
 * the coarse grid covers the same patient space (an exact affine: columns × b, origin moved by half a block less half a
 * voxel). A last, partial block (n not divisible by b) has the same nominal centre as a full one; its data are the
 * mean over the fine voxels that exist.</li>
 * <li><b>What is averaged</b> ({@link #average}). With w<sub>i</sub> = W<sub>i</sub>² (W the fine data weight, e.g. the
 * magnitude, which TFI normalises to mean 1) over the block's fine voxels in the mask: the coarse field is the
 * w-weighted mean of the field, f<sub>B</sub> = Σw<sub>i</sub>f<sub>i</sub>/Σw<sub>i</sub> (the plain mean of the mask
 * voxels if all w are 0), and the coarse weight is W<sub>B</sub> = √(Σw<sub>i</sub>/|B|), |B| the full block's voxel
 * count. Why: if the model field Dχ is constant over a block, Σ<sub>i∈B</sub>w<sub>i</sub>(Dχ − f<sub>i</sub>)² =
 * |B|·W<sub>B</sub>²(Dχ − f<sub>B</sub>)² + const, so the coarse weighted least-squares data term equals the fine one
 * (per voxel volume; the TV term scales the same way, so λ keeps its meaning). The field is a total field already
 * unwrapped (ppm), so the mean is arithmetic, not of complex phasors. A block is in the coarse mask if more than half of
 * its full block volume is in the fine mask (a partial edge block counts its missing voxels as outside).</li>
 * <li><b>How χ returns</b> ({@link #toFine}): at each fine voxel centre (coarse index coordinate (i + ½)/b − ½) the
 * trilinear interpolation of χ over the 8 nearest coarse voxels <i>that are in the coarse mask</i>, the weights
 * renormalised (so χ of the background sources TFI places outside the mask — air, several ppm — never leaks into tissue
 * at the body's edge or the lung bases); where none of the 8 is in the coarse mask, the value of the block that
 * contains the voxel. 0 outside the fine mask. Within the mask away from its edge this is plain trilinear
 * interpolation; coordinates beyond the outermost coarse centres are clamped to them.</li>
 * </ul>
 *
 * <p>Why this is valid for liver iron: LIC from χ is reported as a regional median over liver ROIs of many
 * centimetres, so χ is needed at the scale of the ROI, not of the acquisition voxel; the TFI chain was validated on the
 * simulated abdomen at 5.5 × 5.5 × 7.5 mm (modules/liver README) and a dipole inversion on block averages is the
 * inversion of data acquired at the block size (apart from intra-block dephasing, which the fine fat–water fit has
 * already resolved). Not valid where χ must be resolved at the fine voxel size (vessels, small lesions, brain nuclei).
 */
public final class BlockAverageGrid {

    private final VoxelGrid fine;
    private final VoxelGrid coarse;
    private final int bx, by, bz;

    /** The blocks of {@code fine} with factors b ≥ 1 per axis. */
    public BlockAverageGrid(VoxelGrid fine, int bx, int by, int bz) {
        if (bx < 1 || by < 1 || bz < 1) {
            throw new IllegalArgumentException("block factors must be ≥ 1, got " + bx + "×" + by + "×" + bz);
        }
        this.fine = fine;
        this.bx = bx;
        this.by = by;
        this.bz = bz;
        this.coarse = new VoxelGrid(
                ceilDiv(fine.nx(), bx),
                ceilDiv(fine.ny(), by),
                ceilDiv(fine.nz(), bz),
                fine.dx() * bx,
                fine.dy() * by,
                fine.dz() * bz);
    }

    /**
     * Block factors that bring each spacing as close to {@code targetMm} as possible without exceeding it:
     * b = max(1, ⌊target/spacing⌋) per axis (e.g. 1.375 × 1.375 × 3.75 mm and 5.5 mm → 4 × 4 × 1).
     */
    public static int[] automaticFactors(VoxelGrid fine, double targetMm) {
        if (!(targetMm > 0) || Double.isInfinite(targetMm)) {
            throw new IllegalArgumentException("target voxel size must be a positive number of mm, got " + targetMm);
        }
        double[] s = fine.spacing();
        int[] b = new int[3];
        for (int a = 0; a < 3; a++) {
            b[a] = Math.max(1, (int) Math.floor(targetMm / s[a] + 1e-9));
        }
        return b;
    }

    public VoxelGrid fine() {
        return fine;
    }

    public VoxelGrid coarse() {
        return coarse;
    }

    public int[] factors() {
        return new int[] {bx, by, bz};
    }

    /** True if every factor is 1 (the coarse grid is the fine one). */
    public boolean isIdentity() {
        return bx == 1 && by == 1 && bz == 1;
    }

    /** The coarse grid's geometry: voxel (I, J, K) at the centre of its block (see the class contract). */
    public Geometry coarseGeometry(Geometry fineGeometry) {
        double[] a = fineGeometry.affine();
        int[] b = {bx, by, bz};
        double[] centre = fineGeometry.toPatient((bx - 1) / 2.0, (by - 1) / 2.0, (bz - 1) / 2.0);
        double[] m = a.clone();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r * 4 + c] = a[r * 4 + c] * b[c];
            }
            m[r * 4 + 3] = centre[r];
        }
        return Geometry.ofAffine(m);
    }

    /** The averaged data on the coarse grid (see the class contract). */
    public record Averaged(float[] field, float[] weight, boolean[] mask) {}

    /**
     * Block averages of the field, weighted by W², and of W² itself; the coarse mask by majority.
     *
     * @param field  fine field (ppm), read only inside {@code mask}
     * @param weight fine data weight W ≥ 0 (e.g. the magnitude); {@code null} = 1 in the mask
     * @param mask   where the field is known
     */
    public Averaged average(float[] field, float[] weight, boolean[] mask) {
        int n = fine.size();
        if (field.length != n || mask.length != n || weight != null && weight.length != n) {
            throw new IllegalArgumentException("arrays must have the fine grid's " + n + " voxels");
        }
        int size = coarse.size();
        double[] wf = new double[size], ww = new double[size], plain = new double[size];
        int[] count = new int[size];
        for (int k = 0; k < fine.nz(); k++) {
            int kc = k / bz;
            for (int j = 0; j < fine.ny(); j++) {
                int rowC = coarse.nx() * (j / by + coarse.ny() * kc);
                int row = fine.nx() * (j + fine.ny() * k);
                for (int i = 0; i < fine.nx(); i++) {
                    int f = row + i;
                    if (!mask[f]) {
                        continue;
                    }
                    int c = rowC + i / bx;
                    double w = weight == null ? 1 : Math.max(0, weight[f]);
                    w *= w;
                    wf[c] += w * field[f];
                    ww[c] += w;
                    plain[c] += field[f];
                    count[c]++;
                }
            }
        }
        double blockVolume = (double) bx * by * bz;
        float[] cf = new float[size], cw = new float[size];
        boolean[] cm = new boolean[size];
        for (int c = 0; c < size; c++) {
            if (count[c] == 0) {
                continue;
            }
            cf[c] = (float) (ww[c] > 0 ? wf[c] / ww[c] : plain[c] / count[c]);
            cw[c] = (float) Math.sqrt(ww[c] / blockVolume);
            cm[c] = 2 * count[c] > blockVolume;
        }
        return new Averaged(cf, cw, cm);
    }

    /**
     * The block mean of any fine array over the blocks' existing voxels (e.g. a magnitude for display).
     */
    public float[] mean(float[] values) {
        int size = coarse.size();
        double[] sum = new double[size];
        int[] count = new int[size];
        for (int k = 0; k < fine.nz(); k++) {
            for (int j = 0; j < fine.ny(); j++) {
                int rowC = coarse.nx() * (j / by + coarse.ny() * (k / bz));
                int row = fine.nx() * (j + fine.ny() * k);
                for (int i = 0; i < fine.nx(); i++) {
                    sum[rowC + i / bx] += values[row + i];
                    count[rowC + i / bx]++;
                }
            }
        }
        float[] out = new float[size];
        for (int c = 0; c < size; c++) {
            out[c] = (float) (sum[c] / count[c]);
        }
        return out;
    }

    /**
     * χ on the fine grid from χ on the coarse grid: masked trilinear interpolation (class contract), 0 outside
     * {@code fineMask}.
     */
    public float[] toFine(float[] coarseChi, boolean[] coarseMask, boolean[] fineMask) {
        if (coarseChi.length != coarse.size() || coarseMask.length != coarse.size() || fineMask.length != fine.size()) {
            throw new IllegalArgumentException("array sizes do not match the grids " + coarse + " and " + fine);
        }
        float[] out = new float[fine.size()];
        int[] i0 = new int[fine.nx()], j0 = new int[fine.ny()], k0 = new int[fine.nz()];
        double[] tx = new double[fine.nx()], ty = new double[fine.ny()], tz = new double[fine.nz()];
        axis(fine.nx(), bx, coarse.nx(), i0, tx);
        axis(fine.ny(), by, coarse.ny(), j0, ty);
        axis(fine.nz(), bz, coarse.nz(), k0, tz);
        int cnx = coarse.nx(), cny = coarse.ny(), cnz = coarse.nz();
        for (int k = 0; k < fine.nz(); k++) {
            for (int j = 0; j < fine.ny(); j++) {
                for (int i = 0; i < fine.nx(); i++) {
                    int f = fine.index(i, j, k);
                    if (!fineMask[f]) {
                        continue;
                    }
                    double sum = 0, wsum = 0;
                    for (int dk = 0; dk < 2; dk++) {
                        int kc = Math.min(k0[k] + dk, cnz - 1);
                        double wk = dk == 0 ? 1 - tz[k] : tz[k];
                        for (int dj = 0; dj < 2; dj++) {
                            int jc = Math.min(j0[j] + dj, cny - 1);
                            double wj = wk * (dj == 0 ? 1 - ty[j] : ty[j]);
                            for (int di = 0; di < 2; di++) {
                                int ic = Math.min(i0[i] + di, cnx - 1);
                                double w = wj * (di == 0 ? 1 - tx[i] : tx[i]);
                                int c = ic + cnx * (jc + cny * kc);
                                if (w > 0 && coarseMask[c]) {
                                    sum += w * coarseChi[c];
                                    wsum += w;
                                }
                            }
                        }
                    }
                    out[f] = wsum > 0 ? (float) (sum / wsum) : coarseChi[i / bx + cnx * (j / by + cny * (k / bz))];
                }
            }
        }
        return out;
    }

    /** Per fine index along one axis: the lower coarse neighbour and the fraction towards the upper one (clamped). */
    private static void axis(int n, int b, int nc, int[] lower, double[] t) {
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / b - 0.5; // coarse index coordinate of the fine centre
            x = Math.max(0, Math.min(nc - 1, x));
            int l = Math.min((int) Math.floor(x), Math.max(0, nc - 2));
            lower[i] = l;
            t[i] = nc == 1 ? 0 : x - l;
        }
    }

    private static int ceilDiv(int n, int b) {
        return (n + b - 1) / b;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "blocks of %d×%d×%d: %s → %s", bx, by, bz, fine, coarse);
    }

    /** Explicit factors: "b" (all axes) or "bx,by,bz" (also "bx×by×bz" or "bxXbyXbz"); each ≥ 1. */
    public static int[] parseFactors(String text) {
        String[] parts = text.trim().split("\\s*[,x×X]\\s*");
        int[] b = new int[3];
        if (parts.length == 1) {
            Arrays.fill(b, Integer.parseInt(parts[0]));
        } else if (parts.length == 3) {
            for (int a = 0; a < 3; a++) {
                b[a] = Integer.parseInt(parts[a]);
            }
        } else {
            throw new NumberFormatException("block factors must be one integer or three: " + text);
        }
        for (int v : b) {
            if (v < 1) {
                throw new NumberFormatException("block factors must be ≥ 1: " + text);
            }
        }
        return b;
    }
}
