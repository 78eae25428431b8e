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

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.FourierFilter;

/**
 * The spherical mean value (SMV) filter of the SHARP family: the mean of a field over a sphere of radius r
 * mm around each voxel, as a k-space kernel for {@link FourierFilter}.
 *
 * <p>Contract: the sphere of radius r is the set of voxel offsets o = (i, j, k) with
 * (iΔ<sub>x</sub>)² + (jΔ<sub>y</sub>)² + (kΔ<sub>z</sub>)² ≤ r² (see {@link #inside}); s is its indicator divided by
 * its voxel count, placed around index 0 with periodic wrap; {@link #kernel} returns S(k) = Re F[s] in FFT order.
 * S(0) = 1, S is real and even, so {@code FourierFilter.apply(x, S)} is the sphere mean of x (circular
 * convolution), and 1 − S the SHARP high-pass.
 *
 * <p>Why it removes background fields: a background field is harmonic inside the mask (its sources lie
 * outside), and a harmonic function equals its mean over any sphere inside its domain (the mean value
 * property), so δ − s⊛δ keeps only the local field wherever the sphere stays inside the mask (Schweser et al.,
 * NeuroImage 2011, Eq. 6–8; Li et al., NeuroImage 2011). The symmetric discrete sphere keeps the property
 * exactly for fields linear in the coordinates, and for quadratic harmonic fields on isotropic grids.
 */
public final class SphericalMeanValue {

    /** Slack on r² (mm²), so offsets exactly on the sphere count as inside despite rounding. */
    private static final double SLACK_MM2 = 1e-6;

    private SphericalMeanValue() {}

    /** True if an offset at squared distance {@code distanceSquaredMm2} lies in the sphere of radius r. */
    public static boolean inside(double distanceSquaredMm2, double radiusMm) {
        return distanceSquaredMm2 <= radiusMm * radiusMm + SLACK_MM2;
    }

    /** Number of voxels in the discrete sphere of radius r on the grid's spacing. */
    public static int voxelCount(VoxelGrid grid, double radiusMm) {
        int[] half = halfWidths(grid, radiusMm);
        int count = 0;
        for (int k = -half[2]; k <= half[2]; k++) {
            for (int j = -half[1]; j <= half[1]; j++) {
                for (int i = -half[0]; i <= half[0]; i++) {
                    count += inside(squared(grid, i, j, k), radiusMm) ? 1 : 0;
                }
            }
        }
        return count;
    }

    /**
     * S(k), the spectrum of the normalised sphere of radius r, in FFT order.
     *
     * @throws IllegalArgumentException if r is not positive or the sphere does not fit in the grid (it would
     *                                  overlap itself through the periodic wrap)
     */
    public static float[] kernel(VoxelGrid grid, double radiusMm) {
        requireFits(grid, radiusMm);
        int[] half = halfWidths(grid, radiusMm);
        int[] n = grid.sizes();
        float[] s = new float[grid.size()];
        int count = voxelCount(grid, radiusMm);
        float weight = 1f / count;
        for (int k = -half[2]; k <= half[2]; k++) {
            for (int j = -half[1]; j <= half[1]; j++) {
                for (int i = -half[0]; i <= half[0]; i++) {
                    if (inside(squared(grid, i, j, k), radiusMm)) {
                        s[grid.index(Math.floorMod(i, n[0]), Math.floorMod(j, n[1]), Math.floorMod(k, n[2]))] = weight;
                    }
                }
            }
        }
        return FourierFilter.kernelOf(s, grid); // s is even, so its spectrum is real
    }

    /**
     * Checks that the sphere of radius r fits in the grid without overlapping itself through the periodic wrap.
     *
     * @throws IllegalArgumentException naming the radius, the axis and the sizes if it does not, or if r ≤ 0
     */
    public static void requireFits(VoxelGrid grid, double radiusMm) {
        int[] half = halfWidths(grid, radiusMm);
        int[] n = grid.sizes();
        for (int d = 0; d < 3; d++) {
            if (2 * half[d] + 1 > n[d]) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "a sphere of radius %s mm spans %d voxels along axis %d but the grid has only %d",
                        mm(radiusMm),
                        2 * half[d] + 1,
                        d,
                        n[d]));
            }
        }
    }

    /** The high-pass 1 − S(k) of SHARP, in FFT order. */
    public static float[] highPassKernel(VoxelGrid grid, double radiusMm) {
        float[] s = kernel(grid, radiusMm);
        for (int m = 0; m < s.length; m++) {
            s[m] = 1f - s[m];
        }
        return s;
    }

    /** A length for messages: 3 significant digits, no trailing zeros (e.g. "5", "1.5", "0.938"). */
    static String mm(double value) {
        return new BigDecimal(value)
                .round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static double squared(VoxelGrid g, int i, int j, int k) {
        double x = i * g.dx(), y = j * g.dy(), z = k * g.dz();
        return x * x + y * y + z * z;
    }

    private static int[] halfWidths(VoxelGrid grid, double radiusMm) {
        if (!(radiusMm > 0) || Double.isInfinite(radiusMm)) {
            throw new IllegalArgumentException("sphere radius must be a positive number of mm, got " + radiusMm);
        }
        double[] s = grid.spacing();
        return new int[] {
            (int) Math.floor(radiusMm / s[0] + 1e-9),
            (int) Math.floor(radiusMm / s[1] + 1e-9),
            (int) Math.floor(radiusMm / s[2] + 1e-9)
        };
    }
}
