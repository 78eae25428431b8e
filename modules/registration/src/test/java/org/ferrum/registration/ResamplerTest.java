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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.junit.jupiter.api.Test;

/** Resampling against analytic functions, the majority vote by construction, and the outside values. */
class ResamplerTest {

    private static final VoxelGrid GRID = new VoxelGrid(40, 36, 32, 1.5, 1.5, 2.0);
    private static final Geometry GEOMETRY = Geometry.ofAffine(1.5, 0, 0, -30, 0, 1.5, 0, -27, 0, 0, 2.0, -31);

    private interface Field {
        double at(double x, double y, double z);
    }

    private static float[] sampled(Field f, VoxelGrid grid, Geometry g) {
        float[] v = new float[grid.size()];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double[] p = g.toPatient(i, j, k);
                    v[grid.index(i, j, k)] = (float) f.at(p[0], p[1], p[2]);
                }
            }
        }
        return v;
    }

    /** RMS error of resampling f through t on an inner target grid, against f(t(p)). */
    private static double error(Field f, SpatialTransform t, Interpolation interpolation) {
        VoxelGrid target = new VoxelGrid(20, 18, 14, 1.7, 1.6, 1.9);
        Geometry tg = Geometry.ofAffine(1.7, 0, 0, -16, 0, 1.6, 0, -14, 0, 0, 1.9, -13);
        float[] out = Resampler.resample(
                sampled(f, GRID, GEOMETRY), GRID, GEOMETRY, target, tg, t, interpolation, () -> false);
        double sum = 0;
        double[] q = new double[3];
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    t.apply(tg.toPatient(i, j, k), q);
                    double d = out[target.index(i, j, k)] - f.at(q[0], q[1], q[2]);
                    sum += d * d;
                }
            }
        }
        return Math.sqrt(sum / target.size());
    }

    @Test
    void linearIsExactForLinearFunctionsAndCubicBeatsLinearOnSmoothOnes() {
        SpatialTransform t =
                RigidTransform.euler(new double[] {0.1, -0.05, 0.2}, new double[] {1.3, -0.7, 0.4}, new double[3]);
        assertTrue(error((x, y, z) -> 3 + 0.5 * x - 0.25 * y + 0.125 * z, t, Interpolation.LINEAR) < 1e-4);
        Field smooth = (x, y, z) -> Math.sin(x / 6) * Math.cos(y / 7) + 0.3 * Math.sin(z / 5);
        double linear = error(smooth, t, Interpolation.LINEAR);
        double cubic = error(smooth, t, Interpolation.CUBIC);
        assertTrue(cubic < linear / 5, "cubic " + cubic + " vs linear " + linear);
        // the spline interpolates: on the sample points it returns the samples
        float[] v = sampled(smooth, GRID, GEOMETRY);
        float[] same = Resampler.resample(
                v, GRID, GEOMETRY, GRID, GEOMETRY, AffineTransform.identity(), Interpolation.CUBIC, () -> false);
        for (int n = 0; n < v.length; n += 97) {
            assertEquals(v[n], same[n], 1e-5);
        }
    }

    @Test
    void majorityVotesOverSubsamplesAndKeepsTheLegend() {
        // moving: 1 mm voxels, label 2 everywhere but label 1 in the single voxel at the centre of a 3 mm target voxel
        VoxelGrid fine = new VoxelGrid(9, 9, 9, 1, 1, 1);
        Geometry fineGeometry = Geometry.axisAligned(1, 1, 1);
        float[] labels = new float[fine.size()];
        java.util.Arrays.fill(labels, 2f);
        labels[fine.index(4, 4, 4)] = 1f;
        LabelTable legend = LabelTable.of(
                List.of(LabelEntry.named(1, "Left-Putamen", 0xff0000), LabelEntry.named(2, "Left-Caudate", 0x00ff00)));
        Volume<FloatType> moving = VolumeArrays.volume(labels, fine, fineGeometry, PhysicalUnit.DIMENSIONLESS)
                .withLabels(legend);
        // target: 3 mm voxels whose voxel (1, 1, 1) is centred on fine voxel (4, 4, 4)
        Geometry coarse = Geometry.ofAffine(3, 0, 0, 1, 0, 3, 0, 1, 0, 0, 3, 1);
        long[] dims = {3, 3, 3};
        Volume<FloatType> nearest = Resampler.resample(
                moving, dims, coarse, AffineTransform.identity(), Interpolation.NEAREST, () -> false);
        Volume<FloatType> majority = Resampler.resample(
                moving, dims, coarse, AffineTransform.identity(), Interpolation.MAJORITY, () -> false);
        int centre = 1 + 3 * (1 + 3);
        assertEquals(1f, VolumeArrays.frame(nearest, 0)[centre]);
        assertEquals(2f, VolumeArrays.frame(majority, 0)[centre], "26 of 27 sub-samples hold label 2");
        assertEquals(legend, majority.labels());
        // far outside the moving image: background 0 for labels, NaN for linear maps
        SpatialTransform away = AffineTransform.translation(1000, 0, 0);
        assertEquals(
                0f,
                VolumeArrays.frame(
                        Resampler.resample(moving, dims, coarse, away, Interpolation.MAJORITY, () -> false), 0)[0]);
        assertTrue(Float.isNaN(
                VolumeArrays.frame(
                        Resampler.resample(moving, dims, coarse, away, Interpolation.LINEAR, () -> false), 0)[0]));
    }

    @Test
    void resamplesFourDimensionalVolumesFrameByFrame() {
        VoxelGrid g = new VoxelGrid(6, 5, 4, 2, 2, 2);
        Geometry geometry = Geometry.axisAligned(2, 2, 2);
        float[][] frames = new float[3][g.size()];
        for (int t = 0; t < 3; t++) {
            for (int n = 0; n < g.size(); n++) {
                frames[t][n] = 10 * t + n % 6;
            }
        }
        Volume<FloatType> moving = VolumeArrays.frames(frames, g, geometry, PhysicalUnit.PER_SECOND);
        // shift by one voxel along x: the target voxel i reads moving voxel i + 1
        Volume<FloatType> out = Resampler.resample(
                moving,
                g.dimensions(),
                geometry,
                AffineTransform.translation(2, 0, 0),
                Interpolation.LINEAR,
                () -> false);
        assertEquals(4, out.numDimensions());
        assertEquals(3, out.frames());
        assertEquals(PhysicalUnit.PER_SECOND, out.unit());
        for (int t = 0; t < 3; t++) {
            float[] f = VolumeArrays.frame(out, t);
            assertEquals(10 * t + 3, f[2], 1e-5);
            assertTrue(Float.isNaN(f[5 + 6 * 2]), "the last column maps a whole voxel outside: NaN");
        }
    }
}
