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
package org.ferrum.relaxometry.fatwater;

import org.ferrum.core.VoxelGrid;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.MeasurementNoise;

/**
 * An independent liver phantom for the fat–water field map at high iron, made differently from {@link AbdomenSlab}:
 * a grid of liver regions, R2* levels (rows) crossed with PDFF levels (columns), each region a block of
 * {@code REGION}×{@code REGION} voxels, inside a rounded-square body with muscle around the liver, a ring of
 * subcutaneous fat (PDFF 90 %, R2* 40 /s) and an air-filled "lung" right above the liver (no signal). The
 * highest-R2* row is the one next to the lung, where the field varies most.
 *
 * <p>Field (Hz): a smooth part ±{@code smoothHz} (left–right gradient plus a cosine in y) and, below the lung, a sharp
 * part {@code stepHz}·e<sup>−d/1 voxel</sup> with d the distance from the lung's lower edge, which dephases within
 * the voxels next to the lung. The signal is simulated on a grid {@code sub}× finer in-plane (sample positions at
 * sub-voxel centres, each with its own tissue and field) and the complex signals are averaged into each voxel, so that
 * voxels next to the lung and at the body edge see intra-voxel dephasing and partial volume; the reconstruction never
 * sees the fine grid. Receive phase varies smoothly. Complex Gaussian noise (σ = 100/SNR per channel, total proton
 * density 100) is added to the averaged signal.
 *
 * <p>Truth per voxel: the nominal PDFF and R2* of the tissue at the voxel centre, the region index (−1 outside the
 * liver regions), the voxel-mean field, and whether the voxel lies within two voxels of the lung (its R2* is raised
 * by dephasing, so R2* is scored without those voxels).
 */
final class IronFatPhantom {

    static final int REGION = 6;
    private static final int MUSCLE = 3;
    private static final int SUBCUTANEOUS = 2;
    private static final int LUNG = 5;
    private static final int MARGIN = 2;

    final VoxelGrid grid;
    final double[] te;
    final double[] r2Levels;
    final double[] pdffLevels;
    final float[][] re;
    final float[][] im;
    final float[] pdff;
    final float[] r2;
    final float[] field;
    final int[] region;
    final boolean[] nearLung;
    final boolean[] body;

    /**
     * @param te         echo times, s
     * @param b0         field strength, T
     * @param r2Levels   R2* per region row (1/s); row 0 borders the lung
     * @param pdffLevels PDFF per region column (%)
     * @param smoothHz   amplitude of the smooth field, Hz
     * @param stepHz     the sharp field next to the lung, Hz
     * @param snr        100/σ
     * @param sub        sub-samples per voxel and in-plane axis (≥ 1)
     * @param nz         slices
     * @param seed       noise seed
     */
    IronFatPhantom(
            double[] te,
            double b0,
            double[] r2Levels,
            double[] pdffLevels,
            double smoothHz,
            double stepHz,
            double snr,
            int sub,
            int nz,
            long seed) {
        this.te = te;
        this.r2Levels = r2Levels;
        this.pdffLevels = pdffLevels;
        int liverX = pdffLevels.length * REGION;
        int liverY = r2Levels.length * REGION;
        int x0 = MARGIN + SUBCUTANEOUS + MUSCLE;
        int y0 = MARGIN + SUBCUTANEOUS + LUNG + 1;
        int nx = x0 + liverX + MUSCLE + SUBCUTANEOUS + MARGIN;
        int ny = y0 + liverY + MUSCLE + SUBCUTANEOUS + MARGIN;
        grid = new VoxelGrid(nx, ny, nz, 3, 3, 6);
        int n = grid.size();
        re = new float[te.length][n];
        im = new float[te.length][n];
        pdff = new float[n];
        r2 = new float[n];
        field = new float[n];
        region = new int[n];
        nearLung = new boolean[n];
        body = new boolean[n];
        double[] c = FatSpectrum.byId("liver-6peak").complexFactor(te, b0);
        MeasurementNoise noise = new MeasurementNoise(100 / snr, seed);
        double lungBottom = y0 - 1; // the lung occupies rows [y0 - 1 - LUNG, y0 - 1), one row of diaphragm below it
        double[] acc = new double[2 * te.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int v = grid.index(x, y, z);
                    java.util.Arrays.fill(acc, 0);
                    double fieldSum = 0;
                    for (int sy = 0; sy < sub; sy++) {
                        for (int sx = 0; sx < sub; sx++) {
                            double px = x + (sx + 0.5) / sub;
                            double py = y + (sy + 0.5) / sub;
                            Tissue t = tissue(px, py, nx, ny, x0, y0, lungBottom);
                            double psi = fieldAt(px, py, z, nx, ny, smoothHz, stepHz, lungBottom);
                            fieldSum += psi;
                            if (t.rho == 0) {
                                continue;
                            }
                            double phase = 0.5 + 0.8 * Math.sin(2 * Math.PI * py / ny) + 0.3 * px / nx;
                            double w = t.rho * (1 - t.pdff / 100);
                            double f = t.rho * t.pdff / 100;
                            double[] s = ChemicalShiftSignal.evaluate(
                                    new double[] {w * Math.cos(phase), w * Math.sin(phase)},
                                    new double[] {f * Math.cos(phase), f * Math.sin(phase)},
                                    psi,
                                    t.r2,
                                    te,
                                    c);
                            for (int k = 0; k < s.length; k++) {
                                acc[k] += s[k] / (sub * sub);
                            }
                        }
                    }
                    Tissue centre = tissue(x + 0.5, y + 0.5, nx, ny, x0, y0, lungBottom);
                    pdff[v] = (float) centre.pdff;
                    r2[v] = (float) centre.r2;
                    region[v] = centre.region;
                    body[v] = centre.rho > 0;
                    field[v] = (float) (fieldSum / (sub * sub));
                    nearLung[v] = y + 0.5 - lungBottom < 2.5;
                    noise.addTo(acc);
                    for (int e = 0; e < te.length; e++) {
                        re[e][v] = (float) acc[2 * e];
                        im[e][v] = (float) acc[2 * e + 1];
                    }
                }
            }
        }
    }

    private record Tissue(double rho, double pdff, double r2, int region) {}

    private Tissue tissue(double px, double py, int nx, int ny, int x0, int y0, double lungBottom) {
        double ex = (px - nx / 2.0) / (nx / 2.0 - MARGIN);
        double ey = (py - ny / 2.0) / (ny / 2.0 - MARGIN);
        double rr = Math.pow(Math.pow(Math.abs(ex), 4) + Math.pow(Math.abs(ey), 4), 0.25);
        if (rr > 1) {
            return new Tissue(0, 0, 0, -1);
        }
        if (py >= lungBottom - LUNG && py < lungBottom && px >= x0 && px < nx - x0) {
            return new Tissue(0, 0, 0, -1); // lung: air
        }
        double sx = (nx / 2.0 - MARGIN - SUBCUTANEOUS) / (nx / 2.0 - MARGIN);
        double sy = (ny / 2.0 - MARGIN - SUBCUTANEOUS) / (ny / 2.0 - MARGIN);
        double inner = Math.pow(Math.pow(Math.abs(ex) / sx, 4) + Math.pow(Math.abs(ey) / sy, 4), 0.25);
        if (inner > 1) {
            return new Tissue(100, 90, 40, -1);
        }
        int cx = (int) Math.floor((px - x0) / REGION);
        int cy = (int) Math.floor((py - y0) / REGION);
        if (px >= x0 && py >= y0 && cx < pdffLevels.length && cy < r2Levels.length) {
            return new Tissue(100, pdffLevels[cx], r2Levels[cy], cy * pdffLevels.length + cx);
        }
        return new Tissue(100, 0, 35, -1); // muscle and other soft tissue
    }

    private static double fieldAt(
            double px, double py, int z, int nx, int ny, double smoothHz, double stepHz, double lungBottom) {
        double smooth =
                smoothHz * (0.7 * (px - nx / 2.0) / (nx / 2.0) + 0.3 * Math.cos(2 * Math.PI * py / ny + 0.2 * z));
        double d = py - lungBottom;
        return smooth + (d >= 0 ? stepHz * Math.exp(-d) : stepHz);
    }

    /** Echo times TE1 + n·ΔTE in seconds. */
    static double[] echoes(int count, double te1Ms, double spacingMs) {
        double[] t = new double[count];
        for (int e = 0; e < count; e++) {
            t[e] = (te1Ms + e * spacingMs) * 1e-3;
        }
        return t;
    }
}
