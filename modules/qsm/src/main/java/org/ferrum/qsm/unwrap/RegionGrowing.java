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

/**
 * Quality-guided spatial unwrapping of one frame by region growing over a maximum-weight spanning tree, the
 * core of ROMEO (Dymerska et al., MRM 85:2294, 2021, §2.1), with a bucket priority queue as in Prim's algorithm
 * on integer weights.
 *
 * <p>Contract of {@link #unwrap}: a voxel of the mask is unwrapped once, when the best-weighted edge joining it
 * to an already unwrapped voxel is taken: φ<sub>u</sub> ← φ<sub>u</sub> + 2π·round((Φ<sub>v</sub> −
 * φ<sub>u</sub>)/2π), Φ<sub>v</sub> the neighbour's unwrapped value, i.e. the unwrapped difference along a tree
 * edge is the wrapped one, |ΔΦ| ≤ π. Growth starts at the voxel of highest quality; when a connected part of
 * the mask is done, it restarts at the best voxel not yet reached (each part is a "region" with its own 2π
 * ambiguity). With {@code centreRegions}, each region is then shifted by a whole number of turns so that its
 * mean lies in [−π, π] (a global correction: the choice that is right when the mean true phase is small, e.g.
 * after removing the phase offset). Voxels outside the mask keep the input value. The result differs from the
 * input by whole multiples of 2π in every voxel.
 *
 * <p>Cost: O(N) (each edge is queued at most once, 256 buckets), sequential.
 */
public final class RegionGrowing {

    private static final int BUCKETS = 256;

    private RegionGrowing() {}

    /** The outcome: unwrapped phase and the number of regions grown. */
    public record Result(float[] unwrapped, int regions) {}

    /**
     * Unwraps {@code phase} within {@code mask} along the edges of {@code weights}.
     *
     * @param phase wrapped phase, rad (not modified)
     * @param mask  voxels to unwrap, or null for all
     */
    public static Result unwrap(
            float[] phase,
            EdgeWeights weights,
            boolean[] mask,
            float[] quality,
            boolean centreRegions,
            Cancellation cancellation) {
        VoxelGrid grid = weights.grid();
        int n = grid.size();
        int[] step = {1, grid.nx(), grid.nx() * grid.ny()};
        float[] out = phase.clone();
        int[] region = new int[n]; // 0 = not reached, else region number from 1
        int[] seeds = seedOrder(quality, mask);
        BucketQueue queue = new BucketQueue(BUCKETS);
        int regions = 0;
        long work = 0;
        for (int seed : seeds) {
            if (region[seed] != 0) {
                continue;
            }
            regions++;
            region[seed] = regions;
            pushEdges(seed, weights, region, queue, step);
            while (!queue.isEmpty()) {
                int edge = queue.pop();
                int v = edge / EdgeWeights.DIRECTIONS;
                int u = v + step[edge - v * EdgeWeights.DIRECTIONS];
                int from, to;
                if (region[v] != 0 && region[u] == 0) {
                    from = v;
                    to = u;
                } else if (region[u] != 0 && region[v] == 0) {
                    from = u;
                    to = v;
                } else {
                    continue;
                }
                out[to] = PhaseWraps.plusTurns(phase[to], PhaseWraps.turnsBetween(phase[to], out[from]));
                region[to] = regions;
                pushEdges(to, weights, region, queue, step);
                if ((++work & 0xFFFF) == 0) {
                    cancellation.throwIfCancelled("region-growing unwrapping");
                }
            }
        }
        if (centreRegions && regions > 0) {
            centre(out, phase, region, regions);
        }
        return new Result(out, regions);
    }

    /**
     * Queues the edges from a newly reached voxel to its neighbours not reached yet. Forward edges are stored at
     * v, backward ones at the neighbour; edges that would cross the grid boundary have weight 0 (see
     * {@link EdgeWeights}), so only indices below 0 or beyond the grid need a check, no (i, j, k) arithmetic.
     */
    private static void pushEdges(int v, EdgeWeights weights, int[] region, BucketQueue queue, int[] step) {
        for (int d = 0; d < EdgeWeights.DIRECTIONS; d++) {
            int forward = v * EdgeWeights.DIRECTIONS + d;
            int q = weights.quantised(forward);
            if (q != 0 && region[v + step[d]] == 0) {
                queue.push(forward, q);
            }
            int back = v - step[d];
            if (back >= 0) {
                int edge = back * EdgeWeights.DIRECTIONS + d;
                q = weights.quantised(edge);
                if (q != 0 && region[back] == 0) {
                    queue.push(edge, q);
                }
            }
        }
    }

    /** Mask voxels by quality, best first (a counting sort on 256 levels). */
    private static int[] seedOrder(float[] quality, boolean[] mask) {
        int n = quality.length;
        int[] count = new int[BUCKETS + 1];
        int total = 0;
        for (int v = 0; v < n; v++) {
            if (mask == null || mask[v]) {
                count[level(quality[v]) + 1]++;
                total++;
            }
        }
        for (int b = 1; b <= BUCKETS; b++) {
            count[b] += count[b - 1];
        }
        int[] order = new int[total];
        for (int v = 0; v < n; v++) {
            if (mask == null || mask[v]) {
                order[total - 1 - count[level(quality[v])]++] = v;
            }
        }
        return order;
    }

    private static int level(float q) {
        return (int) Math.max(0, Math.min(BUCKETS - 1, Math.round(q * (BUCKETS - 1))));
    }

    /** Shifts each region by whole turns so that its mean lies in [−π, π]. */
    private static void centre(float[] out, float[] phase, int[] region, int regions) {
        double[] sum = new double[regions + 1];
        long[] count = new long[regions + 1];
        for (int v = 0; v < out.length; v++) {
            if (region[v] != 0) {
                sum[region[v]] += out[v];
                count[region[v]]++;
            }
        }
        int[] shift = new int[regions + 1];
        for (int r = 1; r <= regions; r++) {
            shift[r] = -(int) Math.round(sum[r] / count[r] / PhaseWraps.TWO_PI);
        }
        for (int v = 0; v < out.length; v++) {
            int r = region[v];
            if (r != 0 && shift[r] != 0) {
                int turns = PhaseWraps.turnsBetween(phase[v], out[v]) + shift[r];
                out[v] = PhaseWraps.plusTurns(phase[v], turns);
            }
        }
    }

    /** A max-priority queue of edge ids on integer priorities 1..255: one LIFO stack per priority. */
    private static final class BucketQueue {
        private final int[][] stacks;
        private final int[] sizes;
        private int top;
        private long size;

        BucketQueue(int buckets) {
            stacks = new int[buckets][];
            sizes = new int[buckets];
            for (int b = 0; b < buckets; b++) {
                stacks[b] = new int[16];
            }
        }

        void push(int edge, int priority) {
            int[] s = stacks[priority];
            if (sizes[priority] == s.length) {
                s = java.util.Arrays.copyOf(s, s.length * 2);
                stacks[priority] = s;
            }
            s[sizes[priority]++] = edge;
            if (priority > top) {
                top = priority;
            }
            size++;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int pop() {
            while (sizes[top] == 0) {
                top--;
            }
            size--;
            return stacks[top][--sizes[top]];
        }
    }
}
