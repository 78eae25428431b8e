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
package org.ferrum.qsm.background;

import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;

/**
 * A numerical head for background removal tests: an ellipsoidal "brain" mask with χ sources inside it (the
 * local field), plus a background field from an air-like sphere (Δχ = 9 ppm) beside the brain and a linear
 * gradient (harmonic everywhere). Fields from χ are made with the one dipole kernel, B0 along z unless given.
 */
final class BackgroundPhantom {

    static final double[] B0 = {0, 0, 1};

    final double[] b0;

    final VoxelGrid grid;
    final boolean[] brain;
    final float[] local;
    final float[] background;
    final float[] total;

    /** Brain of semi-axes (ax, ay, az) voxels centred in the grid; air sphere of radius 6 voxels below-left of it. */
    BackgroundPhantom(VoxelGrid grid, double ax, double ay, double az, boolean withAir, double gradientPpmPerMm) {
        this(grid, ax, ay, az, withAir, gradientPpmPerMm, B0);
    }

    /** As above with B0 along {@code b0} (voxel axes). */
    BackgroundPhantom(
            VoxelGrid grid, double ax, double ay, double az, boolean withAir, double gradientPpmPerMm, double[] b0) {
        this.grid = grid;
        this.b0 = b0.clone();
        int n = grid.size();
        double cx = grid.nx() / 2.0, cy = grid.ny() / 2.0, cz = grid.nz() / 2.0;
        brain = new boolean[n];
        float[] chiIn = new float[n];
        float[] chiOut = new float[n];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int v = grid.index(i, j, k);
                    double x = i - cx, y = j - cy, z = k - cz;
                    brain[v] = sq(x / ax) + sq(y / ay) + sq(z / az) <= 1;
                    // local sources: two "nuclei" (paramagnetic), one "vessel-like" diamagnetic blob, a cortex-like
                    // shell
                    if (sq(x - 6) + sq(y - 3) + sq(z) <= 16) {
                        chiIn[v] += 0.15f;
                    }
                    if (sq(x + 7) + sq(y + 2) + sq(z - 3) <= 9) {
                        chiIn[v] += 0.10f;
                    }
                    if (sq(x / 3) + sq(y / 8) + sq((z + 4) / 3) <= 1) {
                        chiIn[v] -= 0.08f;
                    }
                    // air sphere beside the brain, in front of and below it (sinus-like), outside the mask
                    double ox = x, oy = y - (ay + 9), oz = z + az * 0.5;
                    if (withAir && sq(ox) + sq(oy) + sq(oz) <= 36) {
                        chiOut[v] = 9f;
                    }
                }
            }
        }
        for (int v = 0; v < n; v++) {
            if (!brain[v]) {
                chiIn[v] = 0;
            } else {
                chiOut[v] = 0;
            }
        }
        float[] d = DipoleKernel.of(grid, b0);
        local = FourierFilter.apply(chiIn, d, grid);
        background = FourierFilter.apply(chiOut, d, grid);
        total = new float[n];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int v = grid.index(i, j, k);
                    // linear gradient: harmonic, like a shim residual
                    background[v] += (float) (gradientPpmPerMm
                            * ((i - cx) * grid.dx() + 0.5 * (j - cy) * grid.dy() - 0.7 * (k - cz) * grid.dz()));
                    total[v] = local[v] + background[v];
                }
            }
        }
    }

    /** RMS of (estimate − truth) over m after removing the mean of each, over the RMS of the mean-free truth. */
    static double relativeError(float[] estimate, float[] truth, boolean[] m) {
        double me = 0, mt = 0;
        int c = 0;
        for (int v = 0; v < m.length; v++) {
            if (m[v]) {
                me += estimate[v];
                mt += truth[v];
                c++;
            }
        }
        me /= c;
        mt /= c;
        double err = 0, ref = 0;
        for (int v = 0; v < m.length; v++) {
            if (m[v]) {
                double t = truth[v] - mt;
                double e = estimate[v] - me - t;
                err += e * e;
                ref += t * t;
            }
        }
        return Math.sqrt(err / ref);
    }

    /** RMS over m of a − mean. */
    static double rms(float[] a, boolean[] m) {
        double s = 0, s2 = 0;
        int c = 0;
        for (int v = 0; v < m.length; v++) {
            if (m[v]) {
                s += a[v];
                s2 += a[v] * (double) a[v];
                c++;
            }
        }
        double mean = s / c;
        return Math.sqrt(Math.max(0, s2 / c - mean * mean));
    }

    private static double sq(double x) {
        return x * x;
    }
}
