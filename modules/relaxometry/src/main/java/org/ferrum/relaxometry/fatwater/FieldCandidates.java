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

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The local minima in ψ of the projected water–fat residual of every voxel: the candidate field values among which a
 * field-map estimate chooses.
 *
 * <p>Contract. For voxel v, let r<sub>v</sub>(ψ) = min<sub>R2*</sub> R<sub>v</sub>(ψ, R2*) on the grids of a
 * {@link WaterFatProjection}. The candidates are the (at most {@code perVoxel}) deepest local minima of r<sub>v</sub>
 * over the ψ grid (circular for evenly spaced echoes, where r is 1/ΔTE-periodic), each with its ψ refined by a parabola
 * through the three grid values around it, the minimising R2* and the residual; sorted by residual, lowest first.
 * Typically there are two: the true field, and the "swapped" one near ψ + (main fat shift) or ψ − (main fat shift)
 * that explains water as fat or fat as water (Yu H et al., MRM 2005;54:1032–1039). {@link #gap} measures how clearly
 * the first beats the second, relative to the voxel's energy.
 */
public final class FieldCandidates {

    private final int voxels;
    private final int perVoxel;
    private final int[] count;
    private final double[] field;
    private final double[] r2star;
    private final double[] residual;
    private final double[] energy;
    private WaterFatProjection model;
    private float[][] re;
    private float[][] im;
    private WaterFatProjection.Workspace probe;
    private double probeR2;

    private FieldCandidates(int voxels, int perVoxel) {
        this.voxels = voxels;
        this.perVoxel = perVoxel;
        count = new int[voxels];
        field = new double[voxels * perVoxel];
        r2star = new double[voxels * perVoxel];
        residual = new double[voxels * perVoxel];
        energy = new double[voxels];
    }

    /**
     * Searches every masked voxel.
     *
     * @param model        the grids and fat model
     * @param re           real part per echo [echo][voxel]
     * @param im           imaginary part per echo
     * @param mask         voxels to search (others get no candidate)
     * @param perVoxel     most candidates kept per voxel (≥ 1)
     * @param cancellation polled between chunks
     */
    public static FieldCandidates search(
            WaterFatProjection model,
            float[][] re,
            float[][] im,
            boolean[] mask,
            int perVoxel,
            Cancellation cancellation) {
        int voxels = mask.length;
        FieldCandidates c = new FieldCandidates(voxels, perVoxel);
        c.model = model;
        c.re = re;
        c.im = im;
        double[] grid = model.fieldGrid();
        double step = model.fieldStep();
        boolean circular = model.isPeriodic();
        ParallelLoop.forEachChunk(voxels, 0, cancellation, (from, to) -> {
            WaterFatProjection.Workspace w = model.workspace();
            double[] r = new double[grid.length];
            double[] r2 = new double[grid.length];
            for (int v = (int) from; v < to; v++) {
                if (!mask[v]) {
                    continue;
                }
                w.load(re, im, v);
                c.energy[v] = w.energy();
                if (!(w.energy() > 0)) {
                    continue;
                }
                w.gridSearch(r, r2);
                c.collectMinima(v, r, r2, grid, step, circular);
            }
        });
        return c;
    }

    /** Keeps the deepest local minima of r, sorted by residual (insertion into a short sorted list). */
    private void collectMinima(int v, double[] r, double[] r2, double[] grid, double step, boolean circular) {
        int m = r.length;
        int base = v * perVoxel;
        int n = 0;
        for (int j = 0; j < m; j++) {
            int jl = j - 1;
            int jr = j + 1;
            if (circular) {
                jl = (jl + m) % m;
                jr = jr % m;
            }
            double left = jl < 0 ? Double.POSITIVE_INFINITY : r[jl];
            double right = jr >= m ? Double.POSITIVE_INFINITY : r[jr];
            // ≤ on one side only, so that a flat pair of equal values yields one minimum
            if (!(r[j] < left && r[j] <= right)) {
                continue;
            }
            double psi = grid[j];
            double res = r[j];
            if (jl >= 0 && jr < m) {
                double denom = left - 2 * r[j] + right;
                if (denom > 0) {
                    double offset = 0.5 * (left - right) / denom;
                    psi += offset * step;
                    res = r[j] - 0.25 * (left - right) * offset;
                }
            }
            // insert into the sorted list, dropping the worst when full
            int pos = n < perVoxel ? n : perVoxel;
            while (pos > 0 && residual[base + pos - 1] > res) {
                pos--;
            }
            if (pos >= perVoxel) {
                continue;
            }
            int last = Math.min(n, perVoxel - 1);
            for (int k = last; k > pos; k--) {
                field[base + k] = field[base + k - 1];
                r2star[base + k] = r2star[base + k - 1];
                residual[base + k] = residual[base + k - 1];
            }
            field[base + pos] = psi;
            r2star[base + pos] = r2[j];
            residual[base + pos] = Math.max(0, res);
            n = Math.min(n + 1, perVoxel);
        }
        count[v] = n;
    }

    /**
     * The voxel's residual profile r<sub>v</sub>(ψ) = min over R2* of R<sub>v</sub>(ψ, R2*) at any ψ (for a field value
     * that is not one of its candidates, e.g. a neighbour's prediction where the voxel's own residual is too flat to
     * have a minimum there). Not thread-safe: one caller at a time (the region growing is sequential).
     *
     * @return the residual; {@link #probedR2()} gives the minimising R2*
     */
    public double profile(int v, double psi) {
        if (probe == null) {
            probe = model.workspace();
        }
        probe.load(re, im, v);
        double r = probe.profile(psi);
        probeR2 = probe.profileR2;
        return r;
    }

    /** The minimising R2* of the last {@link #profile} call. */
    public double probedR2() {
        return probeR2;
    }

    /** Number of voxels. */
    public int voxels() {
        return voxels;
    }

    /** Number of candidates of voxel v (0 outside the mask or for a zero signal). */
    public int count(int v) {
        return count[v];
    }

    /** ψ of candidate k of voxel v, Hz. */
    public double field(int v, int k) {
        return field[v * perVoxel + k];
    }

    /** R2* of candidate k of voxel v, 1/s. */
    public double r2star(int v, int k) {
        return r2star[v * perVoxel + k];
    }

    /** Residual of candidate k of voxel v. */
    public double residual(int v, int k) {
        return residual[v * perVoxel + k];
    }

    /** ‖s‖² of voxel v. */
    public double energy(int v) {
        return energy[v];
    }

    /**
     * How unambiguous voxel v is: (second residual − first residual) / ‖s‖², in [0, 1]; 1 for a single candidate
     * (nothing competes), 0 without candidates.
     */
    public double gap(int v) {
        if (count[v] == 0 || !(energy[v] > 0)) {
            return 0;
        }
        if (count[v] == 1) {
            return 1;
        }
        return (residual(v, 1) - residual(v, 0)) / energy[v];
    }
}
