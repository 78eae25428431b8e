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
package org.ferrum.brain.phantom;

import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.phantom.HeadAnatomy;

/**
 * Samples the head at rest, seen through a rigid {@link RigidMotion pose}, on a scanner grid with partial volumes:
 * every voxel's s×s×s sub-sample points are mapped into the head at rest (p = pose⁻¹(A·(i, j, k, 1))) and looked up
 * in the anatomy (the last compartment containing the point, as {@link HeadAnatomy} paints), so the motion is applied
 * to the sampling points, never to a resampled image.
 *
 * <p>Outputs per voxel (each array may be null: not computed): the aseg label with most sub-samples
 * ({@link AsegLabels#valueOf}, ties to the larger value; outside the head 0), and the sub-sample means of two
 * per-compartment values (R2*, T1w intensity; 0 outside the head). Each voxel tests only the compartments whose
 * bounding box, grown by the voxel's half diagonal, holds its centre.
 */
final class PoseSampler {

    private final HeadAnatomy.Compartment[] compartments;
    private final RigidMotion pose;
    private final int subsamples;
    private final Cancellation cancellation;

    PoseSampler(HeadAnatomy anatomyAtRest, RigidMotion pose, int subsamples, Cancellation cancellation) {
        this.compartments = anatomyAtRest.compartments().toArray(new HeadAnatomy.Compartment[0]);
        this.pose = pose;
        this.subsamples = subsamples;
        this.cancellation = cancellation;
    }

    /**
     * Samples the grid {@code on} placed at {@code where} (scanner LPS).
     *
     * @param valueA per compartment, the value averaged into {@code meanA} (null with meanA null)
     * @param valueB per compartment, the value averaged into {@code meanB}
     */
    void sample(
            VoxelGrid on,
            Geometry where,
            float[] labels,
            double[] valueA,
            float[] meanA,
            double[] valueB,
            float[] meanB) {
        int nc = compartments.length;
        double[][] box = new double[nc][];
        int[] labelLeft = new int[nc], labelRight = new int[nc]; // the label at x ≥ 0 (left) and at x < 0
        for (int c = 0; c < nc; c++) {
            box[c] = compartments[c].solid().bounds();
            labelLeft[c] = AsegLabels.valueOf(compartments[c], 1);
            labelRight[c] = AsegLabels.valueOf(compartments[c], -1);
        }
        // head-at-rest affine H = Rᵀ·[A | a − t]: voxel index → point of the head at rest
        double[] a = where.affine();
        double[] r = pose.rotation(), t = pose.translation();
        double[] h = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                double s = 0;
                for (int m = 0; m < 3; m++) {
                    double am = a[m * 4 + col] - (col == 3 ? t[m] : 0);
                    s += r[m * 3 + row] * am;
                }
                h[row * 4 + col] = s;
            }
        }
        double[] d = on.spacing();
        double reach = 0.5 * Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) + 1e-9;
        int ss = subsamples;
        double[] off = new double[ss];
        for (int q = 0; q < ss; q++) {
            off[q] = (q + 0.5) / ss - 0.5;
        }
        double weight = 1.0 / (ss * ss * ss);
        int nx = on.nx(), ny = on.ny();
        ParallelLoop.forEachChunk(on.nz(), 1, cancellation, (from, to) -> {
            int[] votes = new int[AsegLabels.MAX_VALUE + 1];
            int[] touched = new int[ss * ss * ss];
            int[] candidates = new int[nc];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        double cx = h[0] * i + h[1] * j + h[2] * k + h[3];
                        double cy = h[4] * i + h[5] * j + h[6] * k + h[7];
                        double cz = h[8] * i + h[9] * j + h[10] * k + h[11];
                        int count = 0;
                        for (int c = 0; c < nc; c++) {
                            double[] b = box[c];
                            if (cx >= b[0] - reach
                                    && cx <= b[3] + reach
                                    && cy >= b[1] - reach
                                    && cy <= b[4] + reach
                                    && cz >= b[2] - reach
                                    && cz <= b[5] + reach) {
                                candidates[count++] = c;
                            }
                        }
                        double sumA = 0, sumB = 0;
                        int nTouched = 0;
                        for (int qz = 0; qz < ss; qz++) {
                            for (int qy = 0; qy < ss; qy++) {
                                for (int qx = 0; qx < ss; qx++) {
                                    double ii = i + off[qx], jj = j + off[qy], kk = k + off[qz];
                                    double x = h[0] * ii + h[1] * jj + h[2] * kk + h[3];
                                    double y = h[4] * ii + h[5] * jj + h[6] * kk + h[7];
                                    double z = h[8] * ii + h[9] * jj + h[10] * kk + h[11];
                                    int found = -1;
                                    for (int q = count - 1; q >= 0; q--) {
                                        if (compartments[candidates[q]].solid().contains(x, y, z)) {
                                            found = candidates[q];
                                            break;
                                        }
                                    }
                                    if (found >= 0) {
                                        if (valueA != null) {
                                            sumA += valueA[found];
                                        }
                                        if (valueB != null) {
                                            sumB += valueB[found];
                                        }
                                    }
                                    if (labels != null) {
                                        int lab = found < 0 ? 0 : x >= 0 ? labelLeft[found] : labelRight[found];
                                        if (votes[lab]++ == 0) {
                                            touched[nTouched++] = lab;
                                        }
                                    }
                                }
                            }
                        }
                        int n = i + nx * (j + ny * k);
                        if (meanA != null) {
                            meanA[n] = (float) (sumA * weight);
                        }
                        if (meanB != null) {
                            meanB[n] = (float) (sumB * weight);
                        }
                        if (labels != null) {
                            int best = 0, bestVotes = -1;
                            for (int q = 0; q < nTouched; q++) {
                                int lab = touched[q];
                                if (votes[lab] > bestVotes || (votes[lab] == bestVotes && lab > best)) {
                                    best = lab;
                                    bestVotes = votes[lab];
                                }
                            }
                            for (int q = 0; q < nTouched; q++) {
                                votes[touched[q]] = 0;
                            }
                            labels[n] = best;
                        }
                    }
                }
            }
        });
    }
}
