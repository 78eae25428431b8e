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
package org.ferrum.qsm.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * Single-step QSM on fields from the analytic sphere formula (not the kernel it inverts): a 0.1 ppm sphere inside a
 * spherical "brain", with and without a background from a 9 ppm air sphere just outside the brain and a linear shim
 * gradient, both harmonic inside the brain.
 */
class SingleStepSharpTest {

    private static final VoxelGrid G = SpherePhantom.GRID; // 64³, 1 mm
    private static final double[] C = SpherePhantom.CENTRE;
    private static final double BRAIN_RADIUS = 22;

    private static float[] background(double[] b0) {
        float[] f = new float[G.size()];
        // air (+9 ppm relative to tissue), radius 5 mm, 1.6 mm beyond the brain's surface at its nearest
        SpherePhantom.addField(f, G, new double[] {C[0], C[1] + 28, C[2] - 6}, 5, 9, b0);
        for (int k = 0; k < G.nz(); k++) {
            for (int j = 0; j < G.ny(); j++) {
                for (int i = 0; i < G.nx(); i++) {
                    f[G.index(i, j, k)] += (float) (0.002 * ((i - C[0]) - 0.5 * (j - C[1]) + 0.7 * (k - C[2])));
                }
            }
        }
        return f;
    }

    private static float[] plus(float[] a, float[] b) {
        float[] out = a.clone();
        for (int n = 0; n < out.length; n++) {
            out[n] += b[n];
        }
        return out;
    }

    private static InversionResult run(SingleStepSharp s, float[] field, boolean[] brain, double[] b0) {
        return s.invert(field, brain, null, G, b0, Cancellation.NEVER, (i, m, c) -> {});
    }

    @Test
    void recoversTheSphereFromTheTotalFieldWhateverTheBackground() {
        boolean[] brain = SpherePhantom.ball(G, C, BRAIN_RADIUS);
        for (double[] b0 : new double[][] {{0, 0, 1}, {0, 0.5, Math.sqrt(0.75)}}) {
            float[] local = SpherePhantom.field(b0);
            float[] background = background(b0);
            double maxBackground = 0, maxLocal = 0;
            for (int n = 0; n < local.length; n++) {
                if (brain[n]) {
                    maxBackground = Math.max(maxBackground, Math.abs(background[n]));
                    maxLocal = Math.max(maxLocal, Math.abs(local[n]));
                }
            }
            assertTrue(
                    maxBackground > 5 * maxLocal, "the background must dominate: " + maxBackground + " vs " + maxLocal);
            SingleStepSharp s = new SingleStepSharp(6, 3, 1e-4, 1e-2, 1, 300, 1e-4);
            float[] alone = run(s, local, brain, b0).chi();
            InversionResult withBackground = run(s, plus(local, background), brain, b0);
            float[] chi = withBackground.chi();
            double recovered = SpherePhantom.recoveredDeltaChi(chi, brain);
            double recoveredAlone = SpherePhantom.recoveredDeltaChi(alone, brain);
            // the background's χ imprint inside the brain, relative to the sphere's Δχ
            double diff = 0;
            long count = 0;
            for (int n = 0; n < chi.length; n++) {
                if (brain[n]) {
                    diff += (chi[n] - alone[n]) * (double) (chi[n] - alone[n]);
                    count++;
                }
            }
            double imprint = Math.sqrt(diff / count) / SpherePhantom.DELTA_CHI;
            System.out.printf(
                    "single-step, B0 %s: Δχ %.4f (no background %.4f) of %.1f, background imprint RMS %.3f of Δχ,"
                            + " residual %.3f%n",
                    java.util.Arrays.toString(b0),
                    recovered,
                    recoveredAlone,
                    SpherePhantom.DELTA_CHI,
                    imprint,
                    withBackground.relativeResidual());
            assertEquals(SpherePhantom.DELTA_CHI, recovered, 0.1 * SpherePhantom.DELTA_CHI);
            assertEquals(recoveredAlone, recovered, 0.03 * SpherePhantom.DELTA_CHI);
            assertTrue(imprint < 0.05, "background imprint " + imprint);
            assertTrue(withBackground.relativeResidual() < 0.5, "residual " + withBackground.relativeResidual());
        }
    }

    @Test
    void radiiHalveDownToTheSmallestAndDropRepeatedSpheres() {
        VoxelGrid g = new VoxelGrid(64, 64, 64, 1.5, 1.5, 1.5);
        assertArrayEquals(new double[] {8}, new SingleStepSharp(8, 0, 1e-4, 1e-2, 1, 1, 0).radii(g));
        assertArrayEquals(new double[] {8, 4}, new SingleStepSharp(8, 4, 1e-4, 1e-2, 1, 1, 0).radii(g));
        assertArrayEquals(new double[] {12, 6, 3}, new SingleStepSharp(12, 3, 1e-4, 1e-2, 1, 1, 0).radii(g));
        // the smallest sphere spans at least 2 voxels: 1.5 mm becomes 3 mm at 1.5 mm voxels
        assertArrayEquals(new double[] {8, 4, 3}, new SingleStepSharp(8, 1.5, 1e-4, 1e-2, 1, 1, 0).radii(g));
        // at 1 mm, spheres of 2.2 and 2 mm hold the same 33 voxels: 2 is dropped
        assertArrayEquals(
                new double[] {8.8, 4.4, 2.2},
                new SingleStepSharp(8.8, 2, 1e-4, 1e-2, 1, 1, 0).radii(new VoxelGrid(64, 64, 64, 1, 1, 1)));
        // coarse grids: at 3 mm the defaults 8 / 4 mm become 12 / 6 mm
        assertArrayEquals(
                new double[] {12, 6},
                new SingleStepSharp(8, 4, 1e-4, 1e-2, 1, 1, 0).radii(new VoxelGrid(32, 32, 32, 3, 3, 3)));
    }

    @Test
    void eachVoxelTakesTheLargestSphereInsideTheMask() {
        boolean[] brain = SpherePhantom.ball(G, C, BRAIN_RADIUS);
        SingleStepSharp s = new SingleStepSharp(8, 4, 1e-4, 1e-2, 1, 1, 0);
        int[] sphere = s.sphereOf(brain, G, Cancellation.NEVER);
        int centre = G.index(32, 32, 32);
        assertEquals(0, sphere[centre]);
        assertEquals(1, sphere[G.index(32, 32, 32 + 16)], "6 mm deep: only the 4 mm sphere fits"); // r = 16 of 22
        assertEquals(-1, sphere[G.index(32, 32, 32 + 20)], "2 mm deep: no sphere fits");
        assertEquals(-1, sphere[0], "outside the mask");
        long one = 0, two = 0;
        int[] single = new SingleStepSharp(8, 0, 1e-4, 1e-2, 1, 1, 0).sphereOf(brain, G, Cancellation.NEVER);
        for (int v = 0; v < sphere.length; v++) {
            one += single[v] >= 0 ? 1 : 0;
            two += sphere[v] >= 0 ? 1 : 0;
        }
        assertTrue(two > 1.5 * one, "the small sphere must reach closer to the edge: " + two + " vs " + one);
    }

    @Test
    void aMaskThinnerThanTheSmallestSphereIsRefusedNamingTheRadius() {
        VoxelGrid g = new VoxelGrid(24, 24, 24, 1, 1, 1);
        boolean[] slab = new boolean[g.size()];
        for (int k = 10; k < 15; k++) {
            for (int j = 2; j < 22; j++) {
                for (int i = 2; i < 22; i++) {
                    slab[g.index(i, j, k)] = true;
                }
            }
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new SingleStepSharp(6, 3, 1e-4, 1e-2, 1, 5, 0)
                        .invert(
                                new float[g.size()],
                                slab,
                                null,
                                g,
                                new double[] {0, 0, 1},
                                Cancellation.NEVER,
                                (i, m, c) -> {}));
        assertTrue(e.getMessage().contains("radius 3.0 mm"), e.getMessage());
    }
}
