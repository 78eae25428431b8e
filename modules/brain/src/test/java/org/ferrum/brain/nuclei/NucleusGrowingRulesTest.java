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
package org.ferrum.brain.nuclei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * The rules one at a time, on analytic shapes (spheres, a slab, a bridge) on a 1 mm grid: competition between touching
 * nuclei, the leak stop, locked voxels, the threshold's half-contrast level.
 */
class NucleusGrowingRulesTest {

    static final VoxelGrid GRID = new VoxelGrid(48, 48, 48, 1, 1, 1);
    /** Voxel (i, j, k) at (i − 23.5, j − 23.5, k − 23.5) mm. */
    static final Geometry GEOMETRY = Geometry.ofAffine(1, 0, 0, -23.5, 0, 1, 0, -23.5, 0, 0, 1, -23.5);

    interface Shape {
        double chi(double x, double y, double z);
    }

    static float[] paint(Shape shape, double noise, long seed) {
        float[] chi = new float[GRID.size()];
        Random r = new Random(seed);
        for (int n = 0; n < chi.length; n++) {
            double[] p = GEOMETRY.toPatient(n % 48, (n / 48) % 48, n / (48 * 48));
            chi[n] = (float) (shape.chi(p[0], p[1], p[2]) + noise * r.nextGaussian());
        }
        return chi;
    }

    static boolean inSphere(double x, double y, double z, double cx, double r) {
        return (x - cx) * (x - cx) + y * y + z * z <= r * r;
    }

    static double dice(int[] labels, int value, float[] chi, Shape truth) {
        int a = 0, b = 0, both = 0;
        for (int n = 0; n < labels.length; n++) {
            double[] p = GEOMETRY.toPatient(n % 48, (n / 48) % 48, n / (48 * 48));
            boolean t = truth.chi(p[0], p[1], p[2]) > 0, s = labels[n] == value;
            a += s ? 1 : 0;
            b += t ? 1 : 0;
            both += s && t ? 1 : 0;
        }
        return 2.0 * both / (a + b);
    }

    static NucleusGrowing.Result grow(float[] chi, boolean[] locked, List<NucleusSeed> seeds) {
        return NucleusGrowing.grow(
                chi, null, locked, GRID, GEOMETRY, seeds, NucleusGrowing.Params.DEFAULTS, Cancellation.NEVER);
    }

    // two overlapping spheres: "nigra" 0.15 ppm r 5 at x = −4, "red nucleus" 0.10 ppm r 4 at x = +4.5
    static final Shape NIGRA = (x, y, z) -> inSphere(x, y, z, -4, 5) ? 1 : 0;
    static final Shape RED = (x, y, z) -> !inSphere(x, y, z, -4, 5) && inSphere(x, y, z, 4.5, 4) ? 1 : 0;
    static final Shape PAIR = (x, y, z) -> NIGRA.chi(x, y, z) > 0 ? 0.15 : RED.chi(x, y, z) > 0 ? 0.10 : -0.02;
    static final NucleusSeed SN = NucleusSeed.click(Nucleus.SUBSTANTIA_NIGRA, Hemisphere.LEFT, new double[] {-5, 1, 0});
    static final NucleusSeed RN = NucleusSeed.click(Nucleus.RED_NUCLEUS, Hemisphere.LEFT, new double[] {5, -1, 1});

    @Test
    void touchingNucleiSeededTogetherAreSplitWhereChiIsCloserToEach() {
        float[] chi = paint(PAIR, 0.01, 1);
        NucleusGrowing.Result r = grow(chi, null, List.of(SN, RN));
        double dSn = dice(r.labels(), Nucleus.SUBSTANTIA_NIGRA.value(Hemisphere.LEFT), chi, NIGRA);
        double dRn = dice(r.labels(), Nucleus.RED_NUCLEUS.value(Hemisphere.LEFT), chi, RED);
        assertTrue(dSn >= 0.95 && dRn >= 0.9, "nigra " + dSn + ", red nucleus " + dRn);
    }

    @Test
    void aNucleusSeededAloneTakesItsTouchingBrightNeighbour() {
        // the documented limit of one seed: without a red-nucleus seed, the nigra's region holds the red nucleus too
        float[] chi = paint(PAIR, 0.01, 1);
        NucleusGrowing.Result r = grow(chi, null, List.of(SN));
        int value = Nucleus.SUBSTANTIA_NIGRA.value(Hemisphere.LEFT);
        Shape both = (x, y, z) -> NIGRA.chi(x, y, z) + RED.chi(x, y, z);
        assertTrue(dice(r.labels(), value, chi, both) >= 0.9);
    }

    @Test
    void aLeakIntoALargeDimmerRegionIsStoppedByRaisingTheThreshold() {
        // "red nucleus" r 4 (0.27 ml) at 0.15 ppm joined by a 2 mm bridge to a 0.08 ppm slab of 10 ml: at the
        // half-contrast level (0.065 ppm) the region is 10 ml (> 0.7 ml), so the threshold steps up past 0.08
        Shape rn = (x, y, z) -> inSphere(x, y, z, 0, 4) ? 1 : 0;
        Shape scene = (x, y, z) -> rn.chi(x, y, z) > 0
                ? 0.15
                : (x >= 3 && x <= 12 && Math.abs(y) <= 1 && Math.abs(z) <= 1) || (x > 12 && x <= 22) ? 0.08 : -0.02;
        float[] chi = paint(scene, 0.005, 2);
        NucleusSeed seed = NucleusSeed.click(Nucleus.RED_NUCLEUS, Hemisphere.RIGHT, new double[] {-1, 0, 0});
        NucleusGrowing.Result r = grow(chi, null, List.of(seed));
        NucleusGrowing.Grown g = r.nuclei().get(0);
        assertTrue(g.leakStopped(), "leak reported");
        assertTrue(g.thresholdPpm() > 0.08, "threshold " + g.thresholdPpm());
        assertTrue(dice(r.labels(), g.entry().value(), chi, rn) >= 0.85);
        assertTrue(g.volumeMl() < Nucleus.RED_NUCLEUS.maxVolumeMl());
    }

    @Test
    void anIsolatedNucleusIsNotCalledALeak() {
        Shape rn = (x, y, z) -> inSphere(x, y, z, 0, 4) ? 1 : 0;
        float[] chi = paint((x, y, z) -> rn.chi(x, y, z) > 0 ? 0.15 : -0.02, 0.01, 3);
        NucleusGrowing.Result r = grow(
                chi, null, List.of(NucleusSeed.click(Nucleus.RED_NUCLEUS, Hemisphere.LEFT, new double[] {2, 1, 0})));
        NucleusGrowing.Grown g = r.nuclei().get(0);
        assertFalse(g.leakStopped());
        // half-contrast threshold: −0.02 + ½ (0.15 + 0.02) = 0.065 ppm, within noise of the estimates
        assertEquals(0.065, g.thresholdPpm(), 0.006);
        assertEquals(0.15, g.interiorPpm(), 0.005);
        assertEquals(-0.02, g.backgroundPpm(), 0.003);
        assertEquals(0.01, g.backgroundSigmaPpm(), 0.002);
        assertTrue(dice(r.labels(), g.entry().value(), chi, rn) >= 0.95);
    }

    @Test
    void lockedVoxelsAreNeverTaken() {
        Shape rn = (x, y, z) -> inSphere(x, y, z, 0, 4) ? 1 : 0;
        float[] chi = paint((x, y, z) -> rn.chi(x, y, z) > 0 ? 0.15 : -0.02, 0.01, 4);
        boolean[] locked = new boolean[chi.length];
        for (int n = 0; n < locked.length; n++) {
            locked[n] = GEOMETRY.toPatient(n % 48, (n / 48) % 48, n / (48 * 48))[0] > 1; // x > 1 mm drawn already
        }
        NucleusGrowing.Result r = grow(
                chi, locked, List.of(NucleusSeed.click(Nucleus.RED_NUCLEUS, Hemisphere.LEFT, new double[] {-1, 0, 0})));
        int grown = 0;
        for (int n = 0; n < locked.length; n++) {
            if (r.labels()[n] != 0) {
                grown++;
                assertFalse(locked[n], "took a locked voxel");
            }
        }
        assertTrue(grown > 100, "grew " + grown);
    }

    @Test
    void twoSeedsForOneNucleusAndSideAreRefused() {
        float[] chi = paint(PAIR, 0.01, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> grow(chi, null, List.of(SN, SN)));
        assertTrue(e.getMessage().contains("both name the left substantia nigra"), e.getMessage());
    }
}
