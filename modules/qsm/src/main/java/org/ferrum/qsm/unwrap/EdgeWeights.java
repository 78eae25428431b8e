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
 * Reliability weights of the edges between 6-neighbours, the priority of quality-guided region growing,
 * after the weights of ROMEO (Dymerska et al., MRM 85:2294, 2021, §2.2) in our own formulation.
 *
 * <p>Edge (v, d) joins voxel v = (i, j, k) to its forward neighbour u = v + e<sub>d</sub> along axis d; there are
 * no edges across the grid boundary (unwrapping is not periodic). An edge exists only when both voxels are in
 * the mask. Its weight is the product, each factor in [0, 1]:
 * <ul>
 * <li>phase coherence c<sub>φ</sub> = 1 − |W(φ<sub>u</sub> − φ<sub>v</sub>)|/π, W wrapping into [−π, π): a
 *     small wrapped difference is likely the true difference;</li>
 * <li>phase-gradient coherence (when a second echo φ' with echo-time ratio r = TE/TE' is given)
 *     c<sub>g</sub> = max(0, 1 − |W(φ<sub>u</sub> − φ<sub>v</sub>) − r·W(φ'<sub>u</sub> − φ'<sub>v</sub>)|): the phase
 *     grows linearly with TE, so the two echoes' gradients agree after scaling, except across noise or wraps
 *     that one echo does not see;</li>
 * <li>magnitude coherence c<sub>m</sub> = (min(m<sub>u</sub>, m<sub>v</sub>)/max(m<sub>u</sub>, m<sub>v</sub>))²: a
 *     magnitude edge (vessel, tissue border) often carries a phase discontinuity;</li>
 * <li>magnitude weight w<sub>m</sub> = 0.1 + 0.9·min(1, min(m<sub>u</sub>, m<sub>v</sub>)/m<sub>ref</sub>), with
 *     m<sub>ref</sub> half the 95th percentile of the magnitude in the mask: phase noise grows as 1/m.</li>
 * </ul>
 * Without magnitude c<sub>m</sub> = w<sub>m</sub> = 1. The weight w is stored quantised as q = 1 + round(254·w) in
 * an unsigned byte (0 = no edge), so that the growth can use a 256-bucket priority queue.
 *
 * <p>The voxel quality map is the mean weight w of the edges touching a voxel (up to 6), 0 for voxels with no
 * edge; it is dimensionless in [0, 1] (ROMEO's voxel quality).
 */
public final class EdgeWeights {

    /** Number of edge directions per voxel (+x, +y, +z). */
    public static final int DIRECTIONS = 3;

    private final VoxelGrid grid;
    private final byte[] weights;

    private EdgeWeights(VoxelGrid grid, byte[] weights) {
        this.grid = grid;
        this.weights = weights;
    }

    /**
     * The edge weights of a phase frame.
     *
     * @param phase       wrapped phase φ, rad
     * @param second      a second echo's phase φ' for gradient coherence, or null
     * @param ratio       TE of {@code phase} over TE of {@code second} (ignored without a second echo)
     * @param magnitude   magnitude m (any unit), or null
     * @param mask        voxels to unwrap, or null for all
     */
    public static EdgeWeights of(
            float[] phase,
            float[] second,
            double ratio,
            float[] magnitude,
            boolean[] mask,
            VoxelGrid grid,
            Cancellation cancellation) {
        int n = grid.size();
        if ((long) n * DIRECTIONS > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid " + grid + " has too many edges for region growing");
        }
        double reference = magnitude == null ? 1 : 0.5 * percentile(magnitude, mask, 0.95);
        double inverseReference = reference > 0 ? 1 / reference : 0;
        byte[] w = new byte[n * DIRECTIONS];
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int[] step = {1, nx, nx * ny};
        ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int v = grid.index(i, j, k);
                        if (mask != null && !mask[v]) {
                            continue;
                        }
                        for (int d = 0; d < DIRECTIONS; d++) {
                            boolean inside = d == 0 ? i + 1 < nx : d == 1 ? j + 1 < ny : k + 1 < nz;
                            if (!inside) {
                                continue;
                            }
                            int u = v + step[d];
                            if (mask != null && !mask[u]) {
                                continue;
                            }
                            double weight = weight(phase, second, ratio, magnitude, inverseReference, v, u);
                            w[v * DIRECTIONS + d] = (byte) (1 + Math.round(254 * weight));
                        }
                    }
                }
            }
        });
        return new EdgeWeights(grid, w);
    }

    private static double weight(
            float[] phase, float[] second, double ratio, float[] magnitude, double inverseReference, int v, int u) {
        double d1 = PhaseWraps.wrap(phase[u] - phase[v]);
        double w = 1 - Math.abs(d1) / Math.PI;
        if (second != null) {
            double d2 = PhaseWraps.wrap(second[u] - second[v]);
            w *= Math.max(0, 1 - Math.abs(d1 - ratio * d2));
        }
        if (magnitude != null) {
            double a = Math.abs(magnitude[u]), b = Math.abs(magnitude[v]);
            double lo = Math.min(a, b), hi = Math.max(a, b);
            double coherence = hi > 0 ? (lo / hi) * (lo / hi) : 0;
            w *= coherence * (0.1 + 0.9 * Math.min(1, lo * inverseReference));
        }
        return Math.max(0, Math.min(1, w));
    }

    /**
     * The q-th quantile of |m| over the mask (or everything), to 1/4096 of the range: from a histogram, since
     * sorting millions of voxels would cost more than the whole unwrapping.
     */
    static double percentile(float[] values, boolean[] mask, double q) {
        double max = 0;
        long count = 0;
        for (int v = 0; v < values.length; v++) {
            if ((mask == null || mask[v]) && Float.isFinite(values[v])) {
                max = Math.max(max, Math.abs(values[v]));
                count++;
            }
        }
        if (count == 0 || max == 0) {
            return 0;
        }
        int bins = 4096;
        long[] histogram = new long[bins];
        double scale = bins / max;
        for (int v = 0; v < values.length; v++) {
            if ((mask == null || mask[v]) && Float.isFinite(values[v])) {
                histogram[(int) Math.min(bins - 1, Math.abs(values[v]) * scale)]++;
            }
        }
        long target = (long) Math.ceil(q * count);
        long seen = 0;
        for (int b = 0; b < bins; b++) {
            seen += histogram[b];
            if (seen >= target) {
                return (b + 1) / scale;
            }
        }
        return max;
    }

    public VoxelGrid grid() {
        return grid;
    }

    /** Quantised weight 1..255 of edge (v, d), 0 if there is no edge. */
    public int quantised(int voxel, int direction) {
        return weights[voxel * DIRECTIONS + direction] & 0xFF;
    }

    /** Quantised weight of edge id e = v·3 + d. */
    int quantised(int edge) {
        return weights[edge] & 0xFF;
    }

    /** The voxel quality map (see the class contract), dimensionless in [0, 1]. */
    public float[] quality() {
        int n = grid.size();
        int[] step = {1, grid.nx(), grid.nx() * grid.ny()};
        float[] sum = new float[n];
        byte[] count = new byte[n];
        for (int v = 0; v < n; v++) {
            for (int d = 0; d < DIRECTIONS; d++) {
                int q = weights[v * DIRECTIONS + d] & 0xFF;
                if (q != 0) {
                    float w = (q - 1) / 254f;
                    int u = v + step[d];
                    sum[v] += w;
                    sum[u] += w;
                    count[v]++;
                    count[u]++;
                }
            }
        }
        for (int v = 0; v < n; v++) {
            sum[v] = count[v] == 0 ? 0f : sum[v] / count[v];
        }
        return sum;
    }
}
