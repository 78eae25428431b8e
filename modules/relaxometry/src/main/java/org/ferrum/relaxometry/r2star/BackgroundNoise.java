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
package org.ferrum.relaxometry.r2star;

import org.ferrum.core.VoxelGrid;

/**
 * The noise level σ of magnitude images, estimated from signal-free background.
 *
 * <p>Contract of {@link #sigmaFromCorners}: the grid's eight corner blocks (each ⌈n/8⌉ voxels along every axis, at
 * least one) of the first echo are candidate background; voxels inside the mask and non-finite values are left out.
 * The block with the lowest mean magnitude is background (the low-signal corner: a corner of a body or liver
 * acquisition may still hold tissue, the darkest one rarely does, and this works whether the mask is a whole-body
 * mask or a small liver region); the other blocks whose mean is at most max({@value #POOLING}, 1 + 4·0.523/√n) times
 * the lowest (n its voxel count) are pooled with it (a Rayleigh mean of n samples scatters by 0.523·mean/√n, so
 * noise-only blocks pass and tissue, many σ brighter, does not; the minimum alone would bias σ low for small blocks). Background magnitude of one channel is Rayleigh distributed with mean σ√(π/2)
 * (Gudbjartsson H, Patz S, MRM 1995;34:910–914; Henkelman RM, Med Phys 1985;12:232–233), so
 * σ = mean / √(π/2). For root-sum-of-squares multi-coil magnitudes the background follows a noncentral χ with a
 * higher mean (growing with the number of coils), so this σ is then only an effective value; give
 * {@code noise_sigma} explicitly for such data when the noise floor matters. Returns 0 where the
 * background is exactly zero (scanners that zero-fill outside the body) and NaN where no corner voxel is available.
 */
public final class BackgroundNoise {

    /** Corners whose mean is at most this multiple of the darkest one's are pooled with it as background. */
    public static final double POOLING = 1.5;

    /** SD over mean of a Rayleigh magnitude: √(4/π − 1). */
    private static final double RAYLEIGH_CV = Math.sqrt(4 / Math.PI - 1);

    /** Mean of a Rayleigh magnitude per unit σ: √(π/2). */
    public static final double RAYLEIGH_MEAN_PER_SIGMA = Math.sqrt(Math.PI / 2);

    private BackgroundNoise() {}

    /** The mean magnitude of pure noise, σ√(π/2): the level a decay flattens onto. */
    public static double noiseFloorMean(double sigma) {
        return sigma * RAYLEIGH_MEAN_PER_SIGMA;
    }

    /**
     * σ from the darkest corner block of the first echo (see the class contract).
     *
     * @param firstEcho magnitude of the first echo, x fastest
     * @param mask      voxels to leave out (the object), or null
     */
    public static double sigmaFromCorners(float[] firstEcho, boolean[] mask, VoxelGrid grid) {
        int bx = blockSize(grid.nx());
        int by = blockSize(grid.ny());
        int bz = blockSize(grid.nz());
        double[] sums = new double[8];
        long[] counts = new long[8];
        double lowest = Double.NaN;
        long lowestCount = 0;
        for (int corner = 0; corner < 8; corner++) {
            int x0 = (corner & 1) == 0 ? 0 : grid.nx() - bx;
            int y0 = (corner & 2) == 0 ? 0 : grid.ny() - by;
            int z0 = (corner & 4) == 0 ? 0 : grid.nz() - bz;
            for (int k = z0; k < z0 + bz; k++) {
                for (int j = y0; j < y0 + by; j++) {
                    for (int i = x0; i < x0 + bx; i++) {
                        int v = grid.index(i, j, k);
                        float m = firstEcho[v];
                        if ((mask == null || !mask[v]) && Float.isFinite(m)) {
                            sums[corner] += Math.abs(m);
                            counts[corner]++;
                        }
                    }
                }
            }
            if (counts[corner] > 0 && !(sums[corner] / counts[corner] >= lowest)) {
                lowest = sums[corner] / counts[corner];
                lowestCount = counts[corner];
            }
        }
        // pool every corner that looks like noise too, so that small blocks do not bias σ low by taking the minimum of
        // eight noisy means: within POOLING × the lowest, or within 4 standard errors of a Rayleigh mean of that size
        double limit = lowest * Math.max(POOLING, 1 + 4 * RAYLEIGH_CV / Math.sqrt(Math.max(1, lowestCount)));
        double sum = 0;
        long count = 0;
        for (int corner = 0; corner < 8; corner++) {
            if (counts[corner] > 0 && sums[corner] / counts[corner] <= limit) {
                sum += sums[corner];
                count += counts[corner];
            }
        }
        double best = count > 0 ? sum / count : lowest;
        return best / RAYLEIGH_MEAN_PER_SIGMA;
    }

    private static int blockSize(int n) {
        return Math.max(1, (n + 7) / 8);
    }
}
