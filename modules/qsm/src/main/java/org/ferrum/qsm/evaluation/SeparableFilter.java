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
package org.ferrum.qsm.evaluation;

import org.ferrum.core.parallel.ParallelLoop;

/**
 * Convolution of a 3-D volume (x fastest) with a 1-D kernel along one axis, the building block of the separable
 * filters of {@link QsmMetrics} (Gaussian windows, the Laplacian of Gaussian, box sums).
 *
 * <p>Contract: out(p) = Σ<sub>t</sub> kernel[t] · in(p + (t − h)·e<sub>axis</sub>), h = (length − 1)/2 (odd length,
 * centred), with in = 0 outside the volume (zero boundary: the maps evaluated are zero outside their mask anyway).
 * {@code in} and {@code out} must be different arrays.
 */
final class SeparableFilter {

    private SeparableFilter() {}

    static double[] along(double[] in, int nx, int ny, int nz, int axis, double[] kernel) {
        if (kernel.length % 2 != 1) {
            throw new IllegalArgumentException("kernel length must be odd, got " + kernel.length);
        }
        double[] out = new double[in.length];
        int h = kernel.length / 2;
        int[] n = {nx, ny, nz};
        int len = n[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        // one line per (the other two indices); lines grouped by z-slice (or y for axis 2) for the parallel loop
        int outer = axis == 2 ? ny : nz;
        ParallelLoop.forEachChunk(outer, (from, to) -> {
            for (int o = (int) from; o < to; o++) {
                int inner = axis == 0 ? ny : nx;
                for (int q = 0; q < inner; q++) {
                    int start = axis == 0 ? nx * (q + ny * o) : axis == 1 ? q + nx * ny * o : q + nx * o;
                    for (int i = 0; i < len; i++) {
                        double sum = 0;
                        int lo = Math.max(0, h - i), hi = Math.min(kernel.length, len + h - i);
                        for (int t = lo; t < hi; t++) {
                            sum += kernel[t] * in[start + (i + t - h) * stride];
                        }
                        out[start + i * stride] = sum;
                    }
                }
            }
        });
        return out;
    }

    /** The same kernel along x, y and z in turn. */
    static double[] isotropic(double[] in, int nx, int ny, int nz, double[] kernel) {
        return along(along(along(in, nx, ny, nz, 0, kernel), nx, ny, nz, 1, kernel), nx, ny, nz, 2, kernel);
    }

    /** Samples of exp(−x²/2σ²) at x = −h…h, normalised to sum 1. */
    static double[] gaussian(int h, double sigma) {
        double[] g = new double[2 * h + 1];
        double sum = 0;
        for (int t = -h; t <= h; t++) {
            g[t + h] = Math.exp(-t * t / (2 * sigma * sigma));
            sum += g[t + h];
        }
        for (int t = 0; t < g.length; t++) {
            g[t] /= sum;
        }
        return g;
    }
}
