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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;

/**
 * A field map that does not swap water and fat: among each voxel's {@link FieldCandidates} it chooses the one
 * consistent with the smooth field of its already-decided neighbours, growing from unambiguous seeds.
 *
 * <p>Why this method. The residual of a voxel has a second, nearly as deep minimum one fat shift away (exactly as
 * deep for pure water or pure fat with a single-peak spectrum), so the voxel alone cannot decide; the field, however,
 * varies slowly in space while a swap jumps by the fat shift (≈ 217 Hz at 1.5 T, 434 Hz at 3 T). Region growing
 * (Yu H, Reeder SB, Shimakawa A, Brittain JH, Pelc NJ, MRM 2005;54:1032–1039) uses exactly that: it visits voxels
 * from strong to weak signal (quality-guided, as in phase unwrapping), predicts each voxel's field as the
 * signal-weighted mean of its decided 26-neighbours and takes the candidate closest to the prediction, also choosing
 * the alias ψ + m/ΔTE for evenly spaced echoes, which unwraps the field. Graph cuts (Hernando D et al., MRM
 * 2010;63:79–90) optimise a similar energy globally and are more robust in thin structures, but need a max-flow
 * solver and many more evaluations; on the low-resolution grid this runs on, region growing costs milliseconds.
 *
 * <p>The known weakness of region growing is a wrong seed, which swaps its whole region. It is countered twice: the
 * growth is repeated from several seeds (the voxels with the clearest residual gap and strong signal, spread over the
 * volume) and the result with the lowest total residual Σ<sub>v</sub> R<sub>v</sub>(chosen ψ) is kept: a consistently
 * swapped map still fits voxels of mixed fat and water worse, so it costs more. Then two sweeps re-choose every voxel's
 * candidate against the mean of all its neighbours (a few iterated-conditional-modes steps with a hard smoothness
 * prior), which removes isolated errors made early in the growth when few neighbours were known. Finally, with even
 * echoes, the map is shifted by a whole number of periods so that its signal-weighted mean lies within ±1/(2ΔTE): the
 * scanner's centre frequency is set on water, so the mean field is near zero.
 *
 * <p>Contract: {@link #decide} returns, per voxel of the candidates' grid, the chosen ψ in Hz (NaN for voxels without
 * candidates) and the chosen candidate's R2*; every decided voxel's ψ equals one of its candidates up to a whole
 * number of periods.
 */
public final class RegionGrowingFieldMap {

    /** Weight of the residual difference (relative to ‖s‖²) against the distance to the prediction (in fat shifts). */
    private static final double RESIDUAL_WEIGHT = 1.0;

    private final FieldCandidates candidates;
    private final VoxelGrid grid;
    private final double period;
    private final double fatShiftHz;
    private final double[] weight;
    private final int[] around = new int[27];
    /** The chosen field where it is the neighbours' prediction rather than a candidate (choice == PREDICTED). */
    private final double[] predictedR2;

    private final double[] predictedResidual;
    /** Choice index meaning "the neighbours' prediction, evaluated on the voxel's residual profile". */
    private static final int PREDICTED = Integer.MAX_VALUE;

    /**
     * @param candidates the candidates on {@code grid}
     * @param grid       the (low-resolution) grid
     * @param period     1/ΔTE in Hz for even echoes, NaN otherwise
     * @param fatShiftHz |frequency| of the main fat peak at this field strength, Hz
     */
    public RegionGrowingFieldMap(FieldCandidates candidates, VoxelGrid grid, double period, double fatShiftHz) {
        this.candidates = candidates;
        this.grid = grid;
        this.period = period;
        this.fatShiftHz = fatShiftHz;
        this.weight = new double[grid.size()];
        this.predictedR2 = new double[grid.size()];
        this.predictedResidual = new double[grid.size()];
        for (int v = 0; v < weight.length; v++) {
            weight[v] = candidates.count(v) > 0 ? Math.sqrt(candidates.energy(v)) : 0;
        }
    }

    /** The decided field (Hz, NaN where undecided) and R2* (1/s) per voxel, and the seeds tried. */
    public record Decision(double[] fieldHz, double[] r2star, int seedsTried, double totalResidual) {}

    /**
     * Grows from up to {@code seeds} seeds and keeps the cheapest map.
     *
     * @param seeds        number of seeds to try (≥ 1)
     * @param cancellation polled between growths
     */
    public Decision decide(int seeds, Cancellation cancellation) {
        Integer[] order = rankedVoxels();
        if (order.length == 0) {
            double[] nan = new double[grid.size()];
            Arrays.fill(nan, Double.NaN);
            return new Decision(nan, new double[grid.size()], 0, 0);
        }
        List<Integer> seedList = spreadSeeds(order, seeds);
        int[] best = null;
        double[] bestField = null;
        double bestCost = Double.POSITIVE_INFINITY;
        double[] bestPredictedR2 = predictedR2;
        for (int seed : seedList) {
            cancellation.throwIfCancelled("field-map region growing");
            int[] choice = new int[grid.size()];
            double[] field = new double[grid.size()];
            grow(seed, order, choice, field);
            double cost = 0;
            for (int v = 0; v < field.length; v++) {
                if (choice[v] >= 0) {
                    cost += residualOf(v, choice[v]);
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = choice;
                bestField = field;
                bestPredictedR2 = predictedR2.clone();
            }
        }
        System.arraycopy(bestPredictedR2, 0, predictedR2, 0, predictedR2.length);
        for (int sweep = 0; sweep < 2; sweep++) {
            rechoose(best, bestField);
        }
        if (!Double.isNaN(period)) {
            double sum = 0;
            double w = 0;
            for (int v = 0; v < bestField.length; v++) {
                if (best[v] >= 0) {
                    sum += weight[v] * bestField[v];
                    w += weight[v];
                }
            }
            double shift = -Math.rint(sum / w / period) * period;
            for (int v = 0; v < bestField.length; v++) {
                bestField[v] += shift;
            }
        }
        double[] r2 = new double[grid.size()];
        for (int v = 0; v < bestField.length; v++) {
            if (best[v] < 0) {
                bestField[v] = Double.NaN;
            } else {
                r2[v] = best[v] == PREDICTED ? predictedR2[v] : candidates.r2star(v, best[v]);
            }
        }
        return new Decision(bestField, r2, seedList.size(), bestCost);
    }

    /** Voxels with candidates, most reliable first: clear residual gap and strong signal. */
    private Integer[] rankedVoxels() {
        List<Integer> list = new ArrayList<>();
        for (int v = 0; v < grid.size(); v++) {
            if (candidates.count(v) > 0) {
                list.add(v);
            }
        }
        Integer[] order = list.toArray(new Integer[0]);
        Arrays.sort(order, Comparator.comparingDouble((Integer v) -> -candidates.gap(v) * weight[v]));
        return order;
    }

    /** The best-ranked voxels at least a quarter of the grid's extent apart. */
    private List<Integer> spreadSeeds(Integer[] order, int seeds) {
        int spread = Math.max(2, Math.max(grid.nx(), Math.max(grid.ny(), grid.nz())) / 4);
        List<Integer> picked = new ArrayList<>();
        for (int v : order) {
            if (picked.size() >= seeds) {
                break;
            }
            boolean far = true;
            for (int p : picked) {
                if (chebyshev(v, p) < spread) {
                    far = false;
                    break;
                }
            }
            if (far) {
                picked.add(v);
            }
        }
        return picked;
    }

    private int chebyshev(int a, int b) {
        int ax = a % grid.nx();
        int ay = (a / grid.nx()) % grid.ny();
        int az = a / (grid.nx() * grid.ny());
        int bx = b % grid.nx();
        int by = (b / grid.nx()) % grid.ny();
        int bz = b / (grid.nx() * grid.ny());
        return Math.max(Math.abs(ax - bx), Math.max(Math.abs(ay - by), Math.abs(az - bz)));
    }

    /** Quality-guided growth from {@code seed}; disconnected parts start again from their best-ranked voxel. */
    private void grow(int seed, Integer[] order, int[] choice, double[] field) {
        Arrays.fill(choice, -1);
        boolean[] queued = new boolean[grid.size()];
        PriorityQueue<Integer> front = new PriorityQueue<>(Comparator.comparingDouble((Integer v) -> -weight[v]));
        int next = 0;
        int start = seed;
        while (true) {
            choice[start] = 0;
            field[start] = candidates.field(start, 0);
            queued[start] = true;
            pushNeighbours(start, choice, queued, front);
            while (!front.isEmpty()) {
                int v = front.poll();
                double prediction = neighbourMean(v, choice, field);
                choose(v, prediction, choice, field);
                pushNeighbours(v, choice, queued, front);
            }
            while (next < order.length && choice[order[next]] >= 0) {
                next++;
            }
            if (next == order.length) {
                return;
            }
            start = order[next];
        }
    }

    private void pushNeighbours(int v, int[] choice, boolean[] queued, PriorityQueue<Integer> front) {
        int n = Neighbourhood.of(grid, v, around);
        for (int i = 0; i < n; i++) {
            int u = around[i];
            if (!queued[u] && choice[u] < 0 && candidates.count(u) > 0) {
                queued[u] = true;
                front.add(u);
            }
        }
    }

    /** Signal-weighted mean field of the decided 26-neighbours ; NaN if none. */
    private double neighbourMean(int v, int[] choice, double[] field) {
        int n = Neighbourhood.of(grid, v, around);
        double sum = 0;
        double w = 0;
        for (int i = 0; i < n; i++) {
            int u = around[i];
            if (u != v && choice[u] >= 0) {
                sum += weight[u] * field[u];
                w += weight[u];
            }
        }
        return w > 0 ? sum / w : Double.NaN;
    }

    /**
     * Takes the candidate (and alias) of v closest to the prediction, the residual breaking near-ties. Where no
     * candidate lies within a third of the main fat shift of the prediction (the voxel's residual is too flat there
     * to have a minimum, typically because fast decay leaves two or three echoes above the noise), the prediction
     * itself competes, with the voxel's residual profile evaluated at it: the neighbours decide where the voxel
     * cannot, and the voxel overrules them only if the prediction fits it clearly worse than a candidate.
     */
    private void choose(int v, double prediction, int[] choice, double[] field) {
        if (Double.isNaN(prediction)) {
            choice[v] = 0;
            field[v] = candidates.field(v, 0);
            return;
        }
        double bestCost = Double.POSITIVE_INFINITY;
        double e = candidates.energy(v);
        double r0 = candidates.residual(v, 0);
        double nearest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < candidates.count(v); k++) {
            double psi = candidates.field(v, k);
            if (!Double.isNaN(period)) {
                psi += Math.rint((prediction - psi) / period) * period;
            }
            nearest = Math.min(nearest, Math.abs(psi - prediction));
            double cost =
                    Math.abs(psi - prediction) / fatShiftHz + RESIDUAL_WEIGHT * (candidates.residual(v, k) - r0) / e;
            if (cost < bestCost) {
                bestCost = cost;
                choice[v] = k;
                field[v] = psi;
            }
        }
        if (nearest > fatShiftHz / 3) {
            double r = candidates.profile(v, prediction);
            double cost = RESIDUAL_WEIGHT * (r - r0) / e;
            if (cost < bestCost) {
                choice[v] = PREDICTED;
                field[v] = prediction;
                predictedR2[v] = candidates.probedR2();
                predictedResidual[v] = r;
            }
        }
    }

    private double residualOf(int v, int k) {
        return k == PREDICTED ? predictedResidual[v] : candidates.residual(v, k);
    }

    private void rechoose(int[] choice, double[] field) {
        for (int v = 0; v < choice.length; v++) {
            if (choice[v] >= 0) {
                double prediction = neighbourMean(v, choice, field);
                if (!Double.isNaN(prediction)) {
                    choose(v, prediction, choice, field);
                }
            }
        }
    }
}
