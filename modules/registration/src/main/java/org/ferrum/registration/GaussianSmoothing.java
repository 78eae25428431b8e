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
package org.ferrum.registration;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Separable Gaussian smoothing of a frame, with the sampled kernel normalised to sum 1 and truncated at 3σ, borders
 * replicated (the edge voxel continues outwards). The smoothing step of a multi-resolution pyramid: before keeping every
 * f-th voxel, σ = f/2 voxels removes most of what the coarser grid cannot hold (ITK's default pyramid schedule).
 */
public final class GaussianSmoothing {

    private GaussianSmoothing() {}

    /** A smoothed copy of {@code values} with σ (in voxels) per axis; σ ≤ 0 leaves that axis alone. */
    public static float[] smooth(float[] values, VoxelGrid grid, double[] sigmaVoxels, Cancellation cancellation) {
        float[] out = values.clone();
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        axis(out, nx, 1, ny * nz, line -> (long) line * nx, sigmaVoxels[0], cancellation);
        axis(
                out,
                ny,
                nx,
                nx * nz,
                line -> (long) (line % nx) + (long) (line / nx) * nx * ny,
                sigmaVoxels[1],
                cancellation);
        axis(out, nz, (long) nx * ny, nx * ny, line -> line, sigmaVoxels[2], cancellation);
        return out;
    }

    private interface LineStart {
        long start(int line);
    }

    private static void axis(
            float[] c, int n, long stride, int lines, LineStart start, double sigma, Cancellation cancellation) {
        if (!(sigma > 0) || n < 2) {
            return;
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * r + 1];
        double sum = 0;
        for (int q = -r; q <= r; q++) {
            kernel[q + r] = Math.exp(-0.5 * q * q / (sigma * sigma));
            sum += kernel[q + r];
        }
        for (int q = 0; q < kernel.length; q++) {
            kernel[q] /= sum;
        }
        ParallelLoop.forEachChunk(lines, cancellation, (from, to) -> {
            double[] line = new double[n];
            for (int l = (int) from; l < to; l++) {
                long s0 = start.start(l);
                for (int k = 0; k < n; k++) {
                    line[k] = c[(int) (s0 + k * stride)];
                }
                for (int k = 0; k < n; k++) {
                    double v = 0;
                    for (int q = -r; q <= r; q++) {
                        int kk = k + q;
                        v += kernel[q + r] * line[kk < 0 ? 0 : kk >= n ? n - 1 : kk];
                    }
                    c[(int) (s0 + k * stride)] = (float) v;
                }
            }
        });
    }
}
