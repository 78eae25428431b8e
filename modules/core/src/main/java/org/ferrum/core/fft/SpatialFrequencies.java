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
package org.ferrum.core.fft;

import java.util.Arrays;
import org.ferrum.core.Geometry;

/**
 * The spatial frequency, in cycles per millimetre, that each index of a {@link FourierTransform}
 * output stands for: the one place that knows the FFT's frequency order.
 *
 * <p>Contract: for an axis of n samples spaced Δ mm apart, index i stands for
 * <pre>
 *   f_i = i / (n·Δ)          for 0 ≤ i ≤ ⌊(n − 1)/2⌋
 *   f_i = (i − n) / (n·Δ)    otherwise
 * </pre>
 * (the DFT is n-periodic in i, so index i and i − n are the same frequency; the choice puts zero at
 * index 0 and, for even n, the Nyquist frequency −1/(2Δ) at index n/2, as NumPy's {@code fftfreq}).
 * Multiply by 2π for angular frequency; the dipole kernel 1/3 − (k·b̂)²/|k|² is independent of this
 * scale.
 *
 * <p>For a volume the frequencies run along its index axes, with Δ the voxel sizes of its
 * {@link Geometry}; they are the Cartesian components of the wave vector in the frame of the index axes
 * when those axes are orthogonal (true of every MR acquisition grid, oblique or not). Express B0 in
 * the same frame with {@link Geometry#directionInVoxelAxes}.
 */
public final class SpatialFrequencies {

    private SpatialFrequencies() {}

    /**
     * The frequencies f_0 … f_{n−1} (1/mm) of an n-point FFT over samples {@code voxelSizeMm} apart.
     *
     * @throws IllegalArgumentException if {@code n < 1} or the voxel size is not a positive finite number
     */
    public static double[] along(int n, double voxelSizeMm) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be ≥ 1, got " + n);
        }
        if (!(voxelSizeMm > 0) || Double.isInfinite(voxelSizeMm)) {
            throw new IllegalArgumentException("voxel size must be a positive number of mm, got " + voxelSizeMm);
        }
        double[] f = new double[n];
        double extent = n * voxelSizeMm;
        int lastPositive = (n - 1) / 2;
        for (int i = 0; i < n; i++) {
            f[i] = (i <= lastPositive ? i : i - n) / extent;
        }
        return f;
    }

    /**
     * The frequencies along the three index axes of a grid of {@code size} voxels placed by
     * {@code geometry}: {@code result[d][i]} for index i along axis d. Only the first three sizes are
     * used, so a 4-D volume's {@code dimensions()} can be passed as they are.
     */
    public static double[][] of(Geometry geometry, long... size) {
        if (size.length < 3) {
            throw new IllegalArgumentException("a grid size needs 3 entries, got " + Arrays.toString(size));
        }
        double[] voxel = geometry.voxelSize();
        double[][] f = new double[3][];
        for (int d = 0; d < 3; d++) {
            f[d] = along(Math.toIntExact(size[d]), voxel[d]);
        }
        return f;
    }
}
