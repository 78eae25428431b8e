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
package org.ferrum.qsm.mask;

import java.util.function.IntFunction;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Runs a 1-D transform in place on every line of a volume along one index axis, in parallel: the shared loop of the
 * separable filters of this package (distance transform, Gaussian smoothing).
 *
 * <p>Why batches: a line along axis 1 or 2 is strided in memory (by n<sub>x</sub> or n<sub>x</sub>n<sub>y</sub>), so
 * gathering one line at a time touches one float per cache line. Lines that are neighbours along x are neighbours in
 * memory, so they are gathered {@value #BATCH} at a time: each read then uses a whole run of consecutive floats.
 */
final class AxisLines {

    /** A 1-D transform of one line of a fixed length, held in {@code a[offset … offset + length)}. */
    interface LineTransform {
        void apply(double[] a, int offset);
    }

    static final int BATCH = 32;

    private AxisLines() {}

    /**
     * Replaces every line of {@code data} along {@code axis} by its transform; {@code transforms} makes one transform (with
     * its own scratch space) per parallel chunk, given the line length. Lines of length 1 are left as they are.
     */
    static void transform(
            float[] data, VoxelGrid grid, int axis, Cancellation cancellation, IntFunction<LineTransform> transforms) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        int length = grid.sizes()[axis];
        if (length == 1) {
            return;
        }
        if (axis == 0) {
            ParallelLoop.forEachChunk((long) ny * nz, 0, cancellation, (from, to) -> {
                LineTransform t = transforms.apply(length);
                double[] line = new double[length];
                for (int l = (int) from; l < to; l++) {
                    int start = l * nx;
                    for (int q = 0; q < length; q++) {
                        line[q] = data[start + q];
                    }
                    t.apply(line, 0);
                    for (int q = 0; q < length; q++) {
                        data[start + q] = (float) line[q];
                    }
                }
            });
            return;
        }
        int stride = axis == 1 ? nx : nx * ny;
        int rows = axis == 1 ? nz : ny; // the lines of one row start at consecutive x
        int rowStride = axis == 1 ? nx * ny : nx;
        int batches = (nx + BATCH - 1) / BATCH;
        ParallelLoop.forEachChunk((long) rows * batches, 0, cancellation, (from, to) -> {
            LineTransform t = transforms.apply(length);
            double[] buffer = new double[BATCH * length];
            for (int u = (int) from; u < to; u++) {
                int x0 = u % batches * BATCH;
                int width = Math.min(BATCH, nx - x0);
                int s0 = u / batches * rowStride + x0;
                for (int q = 0; q < length; q++) {
                    int base = s0 + q * stride;
                    for (int b = 0; b < width; b++) {
                        buffer[b * length + q] = data[base + b];
                    }
                }
                for (int b = 0; b < width; b++) {
                    t.apply(buffer, b * length);
                }
                for (int q = 0; q < length; q++) {
                    int base = s0 + q * stride;
                    for (int b = 0; b < width; b++) {
                        data[base + b] = (float) buffer[b * length + q];
                    }
                }
            }
        });
    }
}
