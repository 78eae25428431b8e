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
package org.ferrum.qsm.unwrap;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Approximate Gaussian smoothing by three passes of a moving box average along each axis (the central limit
 * theorem: three boxes of width w have variance 3(w² − 1)/12), in O(N) whatever the width. Used to smooth the
 * complex phase offset of {@link RomeoUnwrapping} as MCPC-3D-S does (Eckstein et al., MRM 79:2996, 2018).
 *
 * <p>Contract of {@link #smooth}: each pass replaces x[i] by the mean of x over [i − r, i + r] ∩ [0, n − 1]
 * along the axis (the window is clipped at the grid edge and the mean taken over the voxels present), with
 * r chosen per axis so that the three passes' standard deviation is nearest to σ (mm). Voxels with zero weight
 * simply contribute zeros: callers smooth weighted sums (e.g. m·e^{iφ}) whose phase is what matters.
 */
final class BoxSmoothing {

    private BoxSmoothing() {}

    /** Box radius r (voxels) so that three passes give a standard deviation near σ/spacing voxels. */
    static int radius(double sigmaMm, double spacingMm) {
        double sigma = sigmaMm / spacingMm;
        double width = Math.sqrt(4 * sigma * sigma + 1);
        return (int) Math.max(0, Math.round((width - 1) / 2));
    }

    /** Smooths {@code values} in place. */
    static void smooth(float[] values, VoxelGrid grid, double sigmaMm, Cancellation cancellation) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int rx = radius(sigmaMm, grid.dx()), ry = radius(sigmaMm, grid.dy()), rz = radius(sigmaMm, grid.dz());
        if (rx > 0 && nx > 1) {
            // x: one contiguous line per (j, k)
            ParallelLoop.forEachChunk((long) ny * nz, 0, cancellation, (from, to) -> {
                Lines lines = new Lines(nx, 1);
                for (int l = (int) from; l < to; l++) {
                    lines.smooth(values, l * nx, 1, rx);
                }
            });
        }
        // y and z: whole rows of x at a time, so that memory is read row by row, not with a stride of a slice
        if (ry > 0 && ny > 1) {
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                Lines lines = new Lines(ny, nx);
                for (int k = (int) from; k < to; k++) {
                    lines.smooth(values, nx * ny * k, nx, ry);
                }
            });
        }
        if (rz > 0 && nz > 1) {
            ParallelLoop.forEachChunk(ny, 1, cancellation, (from, to) -> {
                Lines lines = new Lines(nz, nx);
                for (int j = (int) from; j < to; j++) {
                    lines.smooth(values, nx * j, nx * ny, rz);
                }
            });
        }
    }

    /**
     * A bundle of {@code width} parallel lines of {@code length} samples: sample i of line c is at
     * start + i·stride + c. Three box passes along the lines, with prefix sums in double.
     */
    private static final class Lines {
        private final int length;
        private final int width;
        private final double[] block;
        private final double[] prefix;

        Lines(int length, int width) {
            this.length = length;
            this.width = width;
            this.block = new double[length * width];
            this.prefix = new double[(length + 1) * width];
        }

        void smooth(float[] values, int start, int stride, int r) {
            for (int i = 0; i < length; i++) {
                int row = start + i * stride;
                for (int c = 0; c < width; c++) {
                    block[i * width + c] = values[row + c];
                }
            }
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < length; i++) {
                    for (int c = 0; c < width; c++) {
                        prefix[(i + 1) * width + c] = prefix[i * width + c] + block[i * width + c];
                    }
                }
                for (int i = 0; i < length; i++) {
                    int lo = Math.max(0, i - r), hi = Math.min(length - 1, i + r);
                    double inverse = 1.0 / (hi - lo + 1);
                    for (int c = 0; c < width; c++) {
                        block[i * width + c] = (prefix[(hi + 1) * width + c] - prefix[lo * width + c]) * inverse;
                    }
                }
            }
            for (int i = 0; i < length; i++) {
                int row = start + i * stride;
                for (int c = 0; c < width; c++) {
                    values[row + c] = (float) block[i * width + c];
                }
            }
        }
    }
}
