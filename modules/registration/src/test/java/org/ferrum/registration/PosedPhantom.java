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

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.PhantomLabel;

/**
 * The head phantom's continuous anatomy ({@link HeadAnatomy#standard()}) sampled on a grid at a pose: the value at a
 * grid point q is the tissue at pose(q), averaged over s×s×s sub-samples of the voxel (partial volumes), with Gaussian
 * noise; the label is the majority tissue of the sub-samples. The pose is applied to the sampling points, never to a
 * voxel image, so registration is tested against a continuous truth and not against its own resampling.
 */
final class PosedPhantom {

    /** Tissue intensities of a T1-weighted-like contrast. */
    static final Map<PhantomLabel, Double> T1W =
            contrast(0.0, 0.55, 0.08, 0.0, 0.62, 1.0, 0.15, 0.66, 0.72, 0.84, 0.78, 0.70, 0.74, 0.45, 0.25, 0.15, 0.70);
    /** Another contrast (T2*-weighted-like: CSF bright, iron-rich nuclei dark), for mutual information. */
    static final Map<PhantomLabel, Double> T2W =
            contrast(0.0, 0.75, 0.05, 0.0, 0.80, 0.58, 1.0, 0.70, 0.50, 0.32, 0.62, 0.28, 0.34, 0.20, 0.15, 1.0, 0.30);

    private static Map<PhantomLabel, Double> contrast(double... byValue) {
        Map<PhantomLabel, Double> m = new EnumMap<>(PhantomLabel.class);
        for (PhantomLabel l : PhantomLabel.values()) {
            m.put(l, byValue[l.value()]);
        }
        return m;
    }

    record Sampled(Volume<FloatType> image, Volume<FloatType> labels, boolean[] brain) {}

    /**
     * Samples the anatomy on ({@code grid}, {@code geometry}) with each sampling point q taken to pose(q) first.
     *
     * @param noise standard deviation of the added Gaussian noise (intensity units; WM ≈ 1)
     */
    static Sampled sample(
            VoxelGrid grid,
            Geometry geometry,
            SpatialTransform pose,
            Map<PhantomLabel, Double> contrast,
            double noise,
            long seed,
            int subsamples) {
        HeadAnatomy anatomy = HeadAnatomy.standard();
        int nc = anatomy.compartments().size();
        double[] value = new double[nc];
        int[] label = new int[nc];
        for (int c = 0; c < nc; c++) {
            value[c] = contrast.get(anatomy.compartments().get(c).label());
            label[c] = anatomy.compartments().get(c).label().value();
        }
        float[] image = new float[grid.size()];
        float[] labels = new float[grid.size()];
        boolean[] brain = new boolean[grid.size()];
        double[] a = geometry.affine();
        int nx = grid.nx(), ny = grid.ny(), s = subsamples;
        ParallelLoop.forEachChunk(grid.nz(), 1, () -> false, (from, to) -> {
            double[] p = new double[3];
            int[] votes = new int[32];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        java.util.Arrays.fill(votes, 0);
                        double sum = 0;
                        int brainVotes = 0;
                        for (int qz = 0; qz < s; qz++) {
                            for (int qy = 0; qy < s; qy++) {
                                for (int qx = 0; qx < s; qx++) {
                                    double ii = i + (qx + 0.5) / s - 0.5, jj = j + (qy + 0.5) / s - 0.5;
                                    double kk = k + (qz + 0.5) / s - 0.5;
                                    for (int r = 0; r < 3; r++) {
                                        p[r] = a[4 * r] * ii + a[4 * r + 1] * jj + a[4 * r + 2] * kk + a[4 * r + 3];
                                    }
                                    pose.apply(p, p);
                                    int c = anatomy.compartmentAt(p[0], p[1], p[2]);
                                    if (c >= 0) {
                                        sum += value[c];
                                        votes[label[c]]++;
                                        brainVotes += anatomy.brain().contains(p[0], p[1], p[2]) ? 1 : 0;
                                    } else {
                                        votes[0]++;
                                    }
                                }
                            }
                        }
                        int n = i + nx * (j + ny * k);
                        int best = 0;
                        for (int l = 1; l < votes.length; l++) {
                            if (votes[l] > votes[best]) {
                                best = l;
                            }
                        }
                        image[n] = (float) (sum / (s * s * s));
                        labels[n] = best;
                        brain[n] = 2 * brainVotes >= s * s * s;
                    }
                }
            }
        });
        Random random = new Random(seed);
        for (int n = 0; n < image.length; n++) {
            image[n] += (float) (noise * random.nextGaussian());
        }
        return new Sampled(
                VolumeArrays.volume(image, grid, geometry, PhysicalUnit.DIMENSIONLESS),
                VolumeArrays.volume(labels, grid, geometry, PhysicalUnit.DIMENSIONLESS),
                brain);
    }

    /** An axis-aligned grid of n voxels of the given size, centred on the origin (the head's centre). */
    static Geometry centred(VoxelGrid grid) {
        return Geometry.ofAffine(
                grid.dx(),
                0,
                0,
                -grid.dx() * (grid.nx() - 1) / 2.0,
                0,
                grid.dy(),
                0,
                -grid.dy() * (grid.ny() - 1) / 2.0,
                0,
                0,
                grid.dz(),
                -grid.dz() * (grid.nz() - 1) / 2.0);
    }

    /** RMS of |a(p) − b(p)| (mm) over the grid points where {@code where} is true. */
    static double rmsDistance(
            SpatialTransform a, SpatialTransform b, VoxelGrid grid, Geometry geometry, boolean[] where) {
        double sum = 0;
        long n = 0;
        double[] pa = new double[3], pb = new double[3];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    if (!where[grid.index(i, j, k)]) {
                        continue;
                    }
                    double[] p = geometry.toPatient(i, j, k);
                    a.apply(p, pa);
                    b.apply(p, pb);
                    sum += (pa[0] - pb[0]) * (pa[0] - pb[0])
                            + (pa[1] - pb[1]) * (pa[1] - pb[1])
                            + (pa[2] - pb[2]) * (pa[2] - pb[2]);
                    n++;
                }
            }
        }
        return Math.sqrt(sum / n);
    }
}
