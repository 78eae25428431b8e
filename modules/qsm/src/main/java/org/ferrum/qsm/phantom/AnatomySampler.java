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
package org.ferrum.qsm.phantom;

import java.util.Arrays;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The anatomy on a grid: averages the {@link HeadAnatomy}'s compartments over s×s×s sub-samples of every voxel of a grid
 * placed in patient space (partial volumes): χ relative to CSF, the two field sources (χ − χ_air everywhere, and χ in
 * the brain only), the majority label ({@link PhantomLabel}), the brain mask (at least half the sub-samples brain) and,
 * given each tissue's signal, the noiseless magnitude. Each voxel tests only the compartments whose bounding box (in
 * voxel indices, one voxel wider) holds it.
 */
final class AnatomySampler {

    private final HeadAnatomy.Compartment[] compartments;
    private final int subsamples;
    private final Cancellation cancellation;

    AnatomySampler(HeadAnatomy.Compartment[] compartments, int subsamples, Cancellation cancellation) {
        this.compartments = compartments;
        this.subsamples = subsamples;
        this.cancellation = cancellation;
    }

    /**
     * Averages the anatomy over the sub-samples of every voxel of the grid {@code on} placed at {@code where}: χ,
     * the two field sources, the majority label, the brain mask and the noiseless magnitude of every echo from
     * {@code tissueSignal} (per compartment and echo, {@link PhantomSignal#tissueSignal}; null: no magnitude) (each
     * output array may be null: not computed).
     */
    void sample(
            VoxelGrid on,
            Geometry where,
            double[][] tissueSignal,
            float[] chi,
            float[] sourceTotal,
            float[] sourceLocal,
            float[] labels,
            float[] mask,
            float[] magnitude) {
        int nc = compartments.length;
        int echoes = tissueSignal == null ? 0 : tissueSignal[0].length;
        double[] chiC = new double[nc + 1], shiftedC = new double[nc + 1], localC = new double[nc + 1];
        boolean[] brainC = new boolean[nc + 1];
        int[] labelC = new int[nc + 1];
        double[][] signalC = new double[nc + 1][echoes];
        for (int c = 0; c < nc; c++) {
            HeadAnatomy.Compartment k = compartments[c];
            chiC[c] = k.susceptibilityPpm();
            shiftedC[c] = k.susceptibilityPpm() - HeadAnatomy.AIR_SUSCEPTIBILITY_PPM;
            brainC[c] = k.label().isBrain();
            localC[c] = brainC[c] ? k.susceptibilityPpm() : 0;
            labelC[c] = k.label().value();
            for (int e = 0; e < echoes; e++) {
                signalC[c][e] = tissueSignal[c][e];
            }
        }
        labelC[nc] = PhantomLabel.BACKGROUND.value(); // index nc: the air around the head (all zeros)
        int labelCount = Arrays.stream(PhantomLabel.values())
                        .mapToInt(PhantomLabel::value)
                        .max()
                        .orElse(0)
                + 1;

        // Voxel-index boxes of every compartment (conservative, one voxel of margin), to test only the
        // compartments that can contain a point.
        int[][] box = new int[nc][];
        for (int c = 0; c < nc; c++) {
            box[c] = voxelBox(where, compartments[c].solid().bounds());
        }
        int ss = subsamples;
        double[] off = new double[ss];
        for (int q = 0; q < ss; q++) {
            off[q] = (q + 0.5) / ss - 0.5;
        }
        double weight = 1.0 / (ss * ss * ss);
        double[] a = where.affine();
        int nx = on.nx(), ny = on.ny(), size = on.size();
        ParallelLoop.forEachChunk(on.nz(), 1, cancellation, (from, to) -> {
            int[] counts = new int[nc + 1];
            int[] labelCounts = new int[labelCount];
            int[] touched = new int[nc + 1];
            int[] candidates = new int[nc];
            int[] rowCandidates = new int[nc];
            for (int k = (int) from; k < to; k++) {
                int sliceCount = 0;
                for (int c = 0; c < nc; c++) {
                    if (k >= box[c][2] && k <= box[c][5]) {
                        candidates[sliceCount++] = c;
                    }
                }
                for (int j = 0; j < ny; j++) {
                    int rowCount = 0;
                    for (int q = 0; q < sliceCount; q++) {
                        int c = candidates[q];
                        if (j >= box[c][1] && j <= box[c][4]) {
                            rowCandidates[rowCount++] = c;
                        }
                    }
                    for (int i = 0; i < nx; i++) {
                        int nTouched = 0;
                        for (int qz = 0; qz < ss; qz++) {
                            double kk = k + off[qz];
                            for (int qy = 0; qy < ss; qy++) {
                                double jj = j + off[qy];
                                for (int qx = 0; qx < ss; qx++) {
                                    double ii = i + off[qx];
                                    double x = a[0] * ii + a[1] * jj + a[2] * kk + a[3];
                                    double y = a[4] * ii + a[5] * jj + a[6] * kk + a[7];
                                    double z = a[8] * ii + a[9] * jj + a[10] * kk + a[11];
                                    int found = nc;
                                    for (int q = rowCount - 1; q >= 0; q--) {
                                        int c = rowCandidates[q];
                                        if (i >= box[c][0]
                                                && i <= box[c][3]
                                                && compartments[c].solid().contains(x, y, z)) {
                                            found = c;
                                            break;
                                        }
                                    }
                                    if (counts[found]++ == 0) {
                                        touched[nTouched++] = found;
                                    }
                                }
                            }
                        }
                        int n = i + nx * (j + ny * k);
                        double vChi = 0, vTotal = 0, vLocal = 0, vBrain = 0;
                        int bestLabel = 0;
                        for (int q = 0; q < nTouched; q++) {
                            int c = touched[q];
                            double w = counts[c] * weight;
                            vChi += w * chiC[c];
                            vTotal += w * shiftedC[c];
                            vLocal += w * localC[c];
                            vBrain += brainC[c] ? w : 0;
                            labelCounts[labelC[c]] += counts[c];
                        }
                        for (int e = 0; magnitude != null && e < echoes; e++) {
                            double m = 0;
                            for (int q = 0; q < nTouched; q++) {
                                int c = touched[q];
                                m += counts[c] * weight * signalC[c][e];
                            }
                            magnitude[n + e * size] = (float) m;
                        }
                        for (int q = 0; q < nTouched; q++) {
                            int lab = labelC[touched[q]];
                            if (labelCounts[lab] > labelCounts[bestLabel]
                                    || (labelCounts[lab] == labelCounts[bestLabel] && lab > bestLabel)) {
                                bestLabel = lab;
                            }
                        }
                        for (int q = 0; q < nTouched; q++) {
                            int c = touched[q];
                            counts[c] = 0;
                            labelCounts[labelC[c]] = 0;
                        }
                        sourceTotal[n] = (float) vTotal;
                        sourceLocal[n] = (float) vLocal;
                        if (chi != null) {
                            chi[n] = (float) vChi;
                            mask[n] = vBrain >= 0.5 ? 1f : 0f;
                            labels[n] = bestLabel;
                        }
                    }
                }
            }
        });
    }

    /** The voxel-index box {imin, jmin, kmin, imax, jmax, kmax} holding a patient-space box, one voxel wider. */
    private static int[] voxelBox(Geometry where, double[] b) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int corner = 0; corner < 8; corner++) {
            double[] v = where.toVoxel(
                    (corner & 1) == 0 ? b[0] : b[3], (corner & 2) == 0 ? b[1] : b[4], (corner & 4) == 0 ? b[2] : b[5]);
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.min(lo[d], v[d]);
                hi[d] = Math.max(hi[d], v[d]);
            }
        }
        int[] r = new int[6];
        for (int d = 0; d < 3; d++) {
            r[d] = (int) Math.max(Integer.MIN_VALUE / 2, Math.floor(lo[d]) - 1);
            r[d + 3] = (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(hi[d]) + 1);
        }
        return r;
    }
}
