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
package org.ferrum.liver.phantom;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;

/**
 * The field perturbation of a susceptibility distribution given as a function of position, computed on a grid
 * {@code factor} times finer per axis than an acquisition grid, so that a reconstruction on the acquisition grid does
 * not invert the operator that made its data (the "inverse crime"), and so that the signal can be averaged over
 * sub-voxels with their own field (intra-voxel dephasing).
 *
 * <p>Contract: the acquisition grid has n<sub>x</sub> × n<sub>y</sub> × n<sub>z</sub> voxels of d<sub>x</sub> × d<sub>y</sub> ×
 * d<sub>z</sub> mm centred on the origin (voxel i at (i − (n−1)/2)·d). Its voxel i is split into {@code factor} sub-voxels
 * per axis; sub-voxel s of voxel i is centred at {@link #coordinate}. The fine grid of sub-voxels is padded (centred)
 * to the fast FFT size ≥ {@code padXY}·f·n in x and y and ≥ {@code padZ}·f·n in z, with the source function sampled
 * everywhere on the padded grid (it decides what lies beyond the field of view). Each fine voxel's source is the mean
 * of 2 × 2 × 2 samples of the function (partial volume on the fine grid). The field in ppm is
 * δ = F⁻¹[D·F[χ − χ<sub>surround</sub>]] with D = 1/3 − (k·b̂)²/|k|² on the fine grid, B0 along z (the continuous
 * Fourier-domain dipole response including the Lorentz sphere: inside a uniformly magnetised sphere δ = 0, outside it
 * δ = Δχ/3·(a/r)³·(3cos²θ − 1); Salomir R et al., Concepts Magn Reson B 2003;19:26–34; Marques JP, Bowtell R,
 * Concepts Magn Reson B 2005;25:65–78). The source must vanish far from the field of view (χ given relative to what
 * surrounds the body), because the FFT makes the padded grid periodic.
 */
final class FineGridField {

    /** χ minus the susceptibility of what surrounds the object (ppm), at a position in mm. */
    @FunctionalInterface
    interface Source {
        double chiPpm(double x, double y, double z);
    }

    private final int factor;
    private final int fx, fy, fz;
    private final float[] ppm;

    private FineGridField(int factor, int fx, int fy, int fz, float[] ppm) {
        this.factor = factor;
        this.fx = fx;
        this.fy = fy;
        this.fz = fz;
        this.ppm = ppm;
    }

    /**
     * Computes the field of {@code source} on the fine grid of an acquisition grid.
     *
     * @param factor sub-voxels per acquisition voxel and axis, ≥ 1
     */
    static FineGridField compute(Source source, VoxelGrid acquisition, int factor, double padXY, double padZ) {
        if (factor < 1) {
            throw new IllegalArgumentException("the fine grid needs at least 1 sub-voxel per axis, got " + factor);
        }
        int fx = factor * acquisition.nx(), fy = factor * acquisition.ny(), fz = factor * acquisition.nz();
        int px = (int) ZeroPadding.fastSize((long) Math.ceil(padXY * fx));
        int py = (int) ZeroPadding.fastSize((long) Math.ceil(padXY * fy));
        int pz = (int) ZeroPadding.fastSize((long) Math.ceil(padZ * fz));
        double ddx = acquisition.dx() / factor, ddy = acquisition.dy() / factor, ddz = acquisition.dz() / factor;
        VoxelGrid padded = new VoxelGrid(px, py, pz, ddx, ddy, ddz);
        int ox = (px - fx) / 2, oy = (py - fy) / 2, oz = (pz - fz) / 2;
        float[] chi = new float[padded.size()];
        int nx = acquisition.nx(), ny = acquisition.ny(), nz = acquisition.nz();
        ParallelLoop.forEachChunk(pz, 1, Cancellation.NEVER, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < py; j++) {
                    for (int i = 0; i < px; i++) {
                        double sum = 0;
                        for (int c = 0; c < 8; c++) {
                            // 2 × 2 × 2 samples at ±1/4 of the fine voxel
                            double x =
                                    fineCoordinate(i - ox, nx, acquisition.dx(), factor) + ((c & 1) - 0.5) * 0.5 * ddx;
                            double y = fineCoordinate(j - oy, ny, acquisition.dy(), factor)
                                    + (((c >> 1) & 1) - 0.5) * 0.5 * ddy;
                            double z = fineCoordinate(k - oz, nz, acquisition.dz(), factor)
                                    + (((c >> 2) & 1) - 0.5) * 0.5 * ddz;
                            sum += source.chiPpm(x, y, z);
                        }
                        chi[padded.index(i, j, k)] = (float) (sum / 8);
                    }
                }
            }
        });
        float[] delta = FourierFilter.apply(chi, DipoleKernel.of(padded, new double[] {0, 0, 1}), padded);
        float[] inside = new float[fx * fy * fz];
        for (int k = 0; k < fz; k++) {
            for (int j = 0; j < fy; j++) {
                System.arraycopy(delta, padded.index(ox, j + oy, k + oz), inside, fx * (j + fy * k), fx);
            }
        }
        return new FineGridField(factor, fx, fy, fz, inside);
    }

    /** Sub-voxels per acquisition voxel and axis. */
    int factor() {
        return factor;
    }

    /** δ in ppm at sub-voxel (sx, sy, sz) of acquisition voxel (i, j, k). */
    double ppm(int i, int j, int k, int sx, int sy, int sz) {
        return ppm[(i * factor + sx) + fx * ((j * factor + sy) + fy * (k * factor + sz))];
    }

    /** The mean of δ over the sub-voxels of acquisition voxel (i, j, k), ppm. */
    double voxelMeanPpm(int i, int j, int k) {
        double s = 0;
        for (int sz = 0; sz < factor; sz++) {
            for (int sy = 0; sy < factor; sy++) {
                for (int sx = 0; sx < factor; sx++) {
                    s += ppm(i, j, k, sx, sy, sz);
                }
            }
        }
        return s / ((double) factor * factor * factor);
    }

    /** Position (mm) of the centre of sub-voxel s (0 … factor−1) of voxel i on an axis of n voxels of d mm. */
    static double coordinate(int i, int s, int n, double d, int factor) {
        return fineCoordinate(i * factor + s, n, d, factor);
    }

    /** Position (mm) of fine voxel {@code fine} (0 = first sub-voxel of voxel 0; may be negative in the padding). */
    private static double fineCoordinate(int fine, int n, double d, int factor) {
        return ((fine + 0.5) / factor - 0.5 - 0.5 * (n - 1)) * d;
    }

    int fineSizeX() {
        return fx;
    }

    int fineSizeY() {
        return fy;
    }

    int fineSizeZ() {
        return fz;
    }
}
