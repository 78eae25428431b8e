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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.ferrum.registration.DeformedHeadPhantom.Contrast;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recovers known analytic deformations of the head phantom (not fields this code produced): transform residual inside
 * the brain, nucleus label propagation, inverse consistency, no folds. Varies seeds, amplitudes, contrasts.
 */
class DiffeomorphicDemonsPhantomTest {

    /** Relative amplitude of the tissue texture (see {@link DeformedHeadPhantom#sample}); README quotes both. */
    static final double TEXTURE = 0.1;

    private static final PhantomLabel[] NUCLEI = {
        PhantomLabel.CAUDATE,
        PhantomLabel.PUTAMEN,
        PhantomLabel.GLOBUS_PALLIDUS,
        PhantomLabel.THALAMUS,
        PhantomLabel.SUBSTANTIA_NIGRA,
        PhantomLabel.RED_NUCLEUS,
        PhantomLabel.DENTATE
    };

    /** The quick case, run with every build (about 20 s on 2 cores). */
    @Test
    void recoversBumpsOfFourMillimetres() {
        check(DiffeomorphicDemons.Similarity.SSD, Contrast.T1W, Contrast.T1W, 11, 4.0);
    }

    /**
     * More seeds, a larger amplitude, and the local-correlation forces across a gain/offset and a monotone non-linear
     * contrast change (T1-weighted onto GRE magnitude fails: see the module README, "Deformable stage").
     */
    @Tag("validation")
    @ParameterizedTest(name = "{0}: {1} onto {2}, seed {3}, {4} mm bumps")
    @CsvSource({
        "SSD,  T1W,               T1W, 23, 6.0",
        "SSD,  T1W,               T1W, 5,  3.0",
        "LNCC, T1W,               T1W, 37, 4.0",
        "LNCC, T1W_OTHER_SCANNER, T1W, 37, 4.0",
        "LNCC, T1W_GAMMA,         T1W, 37, 4.0"
    })
    void recoversAnalyticDeformation(
            DiffeomorphicDemons.Similarity similarity,
            Contrast movingContrast,
            Contrast fixedContrast,
            long seed,
            double amplitude) {
        check(similarity, movingContrast, fixedContrast, seed, amplitude);
    }

    private static void check(
            DiffeomorphicDemons.Similarity similarity,
            Contrast movingContrast,
            Contrast fixedContrast,
            long seed,
            double amplitude) {
        DeformedHeadPhantom ph = new DeformedHeadPhantom(2.0, seed, 6, amplitude, 28);
        float[][] fixed = ph.sample(fixedContrast, true, 0.02, seed + 1, TEXTURE);
        float[][] moving = ph.sample(movingContrast, false, 0.02, seed + 2, TEXTURE);
        long t0 = System.nanoTime();
        DiffeomorphicDemons.Result r = DiffeomorphicDemons.register(
                new DiffeomorphicDemons.Image(fixed[0], ph.dims, ph.geometry),
                new DiffeomorphicDemons.Image(moving[0], ph.dims, ph.geometry),
                null,
                null,
                DiffeomorphicDemons.Params.DEFAULTS.withSimilarity(similarity),
                Cancellation.NEVER,
                DiffeomorphicDemons.Progress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;

        // Residual |T(p) − ψ(p)| over the fixed image's brain (voxels whose deformed centre is in the brain mask).
        HeadAnatomy.Ellipsoid brain = DeformedHeadPhantom.ANATOMY.brain();
        double[] t = new double[3], truth = new double[3], back = new double[3];
        double sum = 0, sumBefore = 0, sumInverse = 0;
        long count = 0;
        SpatialTransform inverse = r.transform().inverse().orElseThrow();
        for (int n = 0; n < ph.size(); n++) {
            double[] p = ph.centre(n);
            ph.psi(p, truth);
            if (!brain.contains(truth[0], truth[1], truth[2])) {
                continue;
            }
            r.transform().apply(p, t);
            inverse.apply(t, back);
            sum += dist2(t, truth);
            sumBefore += dist2(p, truth);
            sumInverse += dist2(back, p);
            count++;
        }
        double rms = Math.sqrt(sum / count) / ph.voxelMm;
        double rmsBefore = Math.sqrt(sumBefore / count) / ph.voxelMm;
        double inverseRms = Math.sqrt(sumInverse / count) / ph.voxelMm;

        // Labels of the moving image carried onto the fixed grid by nearest neighbour through T, against the truth.
        float[] propagated = new float[ph.size()];
        for (int n = 0; n < ph.size(); n++) {
            r.transform().apply(ph.centre(n), t);
            double[] v = ph.geometry.toVoxel(t[0], t[1], t[2]);
            int i = (int) Math.round(v[0]), j = (int) Math.round(v[1]), k = (int) Math.round(v[2]);
            boolean inside = i >= 0 && j >= 0 && k >= 0 && i < ph.dims[0] && j < ph.dims[1] && k < ph.dims[2];
            propagated[n] = inside ? moving[1][i + ph.dims[0] * (j + ph.dims[1] * k)] : 0;
        }
        List<String> dice = new ArrayList<>();
        double worst = 1;
        for (PhantomLabel label : NUCLEI) {
            for (int side = -1; side <= 1; side += 2) {
                long a = 0, b = 0, both = 0;
                for (int n = 0; n < ph.size(); n++) {
                    if (Math.signum(ph.centre(n)[0]) != side) {
                        continue;
                    }
                    boolean inTruth = fixed[1][n] == label.value(), inProp = propagated[n] == label.value();
                    a += inTruth ? 1 : 0;
                    b += inProp ? 1 : 0;
                    both += inTruth && inProp ? 1 : 0;
                }
                if (a >= 200) {
                    double d = 2.0 * both / (a + b);
                    worst = Math.min(worst, d);
                    dice.add(String.format(Locale.ROOT, "%s %s %d vx %.3f", side > 0 ? "L" : "R", label, a, d));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s seed %d amp %.1f: residual %.3f voxel RMS (before %.3f), inverse consistency %.4f voxel RMS, min det"
                        + " J %.3f, folded %.2g, corr %.3f→%.3f, %d iterations, %.1f s; Dice %s%n  %s%n",
                similarity,
                seed,
                amplitude,
                rms,
                rmsBefore,
                inverseRms,
                r.field().minJacobianDeterminant(),
                r.field().foldedFraction(),
                r.correlationBefore(),
                r.correlationAfter(),
                r.totalIterations(),
                seconds,
                dice,
                r.levels());
        assertTrue(rmsBefore > 1.0, "the deformation must be worth recovering: " + rmsBefore);
        assertTrue(rms <= 0.5, "residual " + rms + " voxel RMS inside the brain");
        assertTrue(worst >= 0.85, "Dice of nuclei ≥ 200 voxels: " + dice);
        assertTrue(dice.size() >= 4, "enough nuclei ≥ 200 voxels: " + dice);
        assertTrue(inverseRms < 0.05, "T⁻¹∘T ≈ id: " + inverseRms);
        assertTrue(r.field().minJacobianDeterminant() > 0, "no folds");
        assertTrue(r.correlationAfter() > r.correlationBefore());
    }

    private static double dist2(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }
}
