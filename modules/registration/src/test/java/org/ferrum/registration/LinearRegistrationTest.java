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

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.Test;

/**
 * Recovers known rigid and affine poses of the head phantom, sampled from its continuous anatomy at two poses on
 * different grids (never a resampled voxel image), with noise, and for MI with another contrast. Checks the issue's
 * figures: residual ≤ 0.5 voxel RMS inside the brain, and label propagation Dice ≥ 0.85 for nuclei of ≥ 200 voxels.
 */
class LinearRegistrationTest {

    private static final VoxelGrid FIXED = new VoxelGrid(88, 104, 72, 2.0, 2.0, 2.0);
    private static final VoxelGrid MOVING = new VoxelGrid(84, 100, 64, 2.2, 2.1, 2.3);
    private static final PhantomLabel[] NUCLEI = {
        PhantomLabel.CAUDATE,
        PhantomLabel.PUTAMEN,
        PhantomLabel.GLOBUS_PALLIDUS,
        PhantomLabel.THALAMUS,
        PhantomLabel.SUBSTANTIA_NIGRA,
        PhantomLabel.RED_NUCLEUS
    };

    private record Case(PosedPhantom.Sampled fixed, PosedPhantom.Sampled moving, AffineTransform truth) {}

    private static Case make(AffineTransform truth, boolean otherContrast, long seed) {
        Geometry gf = PosedPhantom.centred(FIXED);
        Geometry gm = PosedPhantom.centred(MOVING);
        PosedPhantom.Sampled fixed =
                PosedPhantom.sample(FIXED, gf, AffineTransform.identity(), PosedPhantom.T1W, 0.03, seed, 2);
        // moving(q) = anatomy(truth⁻¹(q)), so that fixed(p) ≈ moving(truth(p))
        SpatialTransform pose = truth.inverse().orElseThrow();
        PosedPhantom.Sampled moving = PosedPhantom.sample(
                MOVING, gm, pose, otherContrast ? PosedPhantom.T2W : PosedPhantom.T1W, 0.03, seed + 100, 2);
        return new Case(fixed, moving, truth);
    }

    private static void check(Case c, LinearRegistration.Params params, String name) {
        long start = System.nanoTime();
        LinearRegistration.Result r = LinearRegistration.register(
                c.fixed().image(), c.moving().image(), null, null, null, params, () -> false, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        Geometry gf = c.fixed().image().geometry();
        double rms = PosedPhantom.rmsDistance(
                r.transform(), c.truth(), FIXED, gf, c.fixed().brain());
        double rmsStart = PosedPhantom.rmsDistance(
                AffineTransform.identity(), c.truth(), FIXED, gf, c.fixed().brain());
        Volume<FloatType> propagated = Resampler.resample(
                c.moving().labels(), FIXED.dimensions(), gf, r.transform(), Interpolation.MAJORITY, () -> false);
        float[] truthLabels = VolumeArrays.frame(c.fixed().labels(), 0);
        float[] got = VolumeArrays.frame(propagated, 0);
        StringBuilder dice = new StringBuilder();
        double worst = 1;
        for (PhantomLabel l : NUCLEI) {
            boolean[] a = new boolean[got.length], b = new boolean[got.length];
            int size = 0;
            for (int n = 0; n < got.length; n++) {
                a[n] = truthLabels[n] == l.value();
                b[n] = got[n] == l.value();
                size += a[n] ? 1 : 0;
            }
            double d = SimilarityMeasures.dice(a, b);
            dice.append(String.format(Locale.ROOT, " %s(%d)=%.3f", l.displayName(), size, d));
            if (size >= 200) {
                worst = Math.min(worst, d);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: residual %.3f mm RMS (%.3f voxel; start %.2f mm), %d iterations, converged %s,"
                        + " metric %.4f, %.1f s; Dice%s%n",
                name,
                rms,
                rms / FIXED.dx(),
                rmsStart,
                r.iterations(),
                r.converged(),
                r.finalMetric(),
                seconds,
                dice);
        assertTrue(rmsStart > 5, "the test pose must be a real misalignment");
        assertTrue(rms <= 0.5 * FIXED.dx(), name + ": residual " + rms + " mm RMS > 0.5 voxel");
        assertTrue(worst >= 0.85, name + ": a nucleus of ≥ 200 voxels has Dice " + worst + dice);
    }

    @Test
    void rigidByNccRecoversAKnownPose() {
        AffineTransform truth = RigidTransform.euler(
                        new double[] {Math.toRadians(6), Math.toRadians(-4), Math.toRadians(8)},
                        new double[] {5, -7, 4},
                        new double[] {3, -5, 10})
                .affine();
        check(
                make(truth, false, 11),
                LinearRegistration.Params.DEFAULTS.withMetric(LinearRegistration.Metric.NCC),
                "rigid/NCC");
    }

    @Test
    void rigidByMutualInformationAcrossContrasts() {
        AffineTransform truth = RigidTransform.euler(
                        new double[] {Math.toRadians(-5), Math.toRadians(7), Math.toRadians(-3)},
                        new double[] {-6, 4, -5},
                        new double[] {-2, 8, 0})
                .affine();
        check(make(truth, true, 23), LinearRegistration.Params.DEFAULTS.withSeed(5), "rigid/MI");
    }

    @Test
    void affineByMutualInformationAcrossContrasts() {
        double[] r = RigidTransform.rotationMatrix(
                RigidTransform.Rotation.EULER_ZXY,
                new double[] {Math.toRadians(4), Math.toRadians(3), Math.toRadians(-6)});
        double[] s = {1.07, 0.03, 0, 0, 0.94, 0.02, 0.01, 0, 1.04};
        AffineTransform truth =
                AffineTransform.centred(RigidTransform.multiply(r, s), new double[] {4, 6, -3}, new double[] {0, 5, 5});
        check(
                make(truth, Boolean.getBoolean("reg.other"), 37),
                LinearRegistration.Params.DEFAULTS
                        .withModel(LinearRegistration.Model.AFFINE)
                        .withSeed(9),
                "affine/MI");
    }
}
