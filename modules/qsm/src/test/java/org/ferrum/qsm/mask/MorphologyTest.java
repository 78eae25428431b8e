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
package org.ferrum.qsm.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CancellationException;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class MorphologyTest {

    private static final Cancellation NEVER = Cancellation.NEVER;

    /** Voxels whose centre lies within {@code radius} mm of the grid centre. */
    private static boolean[] ball(VoxelGrid g, double radius) {
        boolean[] m = new boolean[g.size()];
        double cx = (g.nx() - 1) / 2.0;
        double cy = (g.ny() - 1) / 2.0;
        double cz = (g.nz() - 1) / 2.0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = (i - cx) * g.dx();
                    double y = (j - cy) * g.dy();
                    double z = (k - cz) * g.dz();
                    m[g.index(i, j, k)] = x * x + y * y + z * z <= radius * radius;
                }
            }
        }
        return m;
    }

    private static double ballVoxels(VoxelGrid g, double radius) {
        return 4.0 / 3.0 * Math.PI * radius * radius * radius / (g.dx() * g.dy() * g.dz());
    }

    @Test
    void erodingAndDilatingABallOnAnisotropicVoxelsGivesBallsOfRadiusRMinusAndPlusR() {
        VoxelGrid g = new VoxelGrid(64, 64, 48, 0.6, 0.55, 0.8);
        double radius = 12;
        double r = 4;
        boolean[] sphere = ball(g, radius);
        boolean[] erodedMask = Morphology.erode(sphere, g, r, NEVER);
        boolean[] dilatedMask = Morphology.dilate(sphere, g, r, NEVER);
        int eroded = Morphology.count(erodedMask);
        int dilated = Morphology.count(dilatedMask);
        double expectedEroded = ballVoxels(g, radius - r);
        double expectedDilated = ballVoxels(g, radius + r);
        System.out.printf(
                "ball R=12 mm on 0.6×0.55×0.8 mm: %d voxels (analytic %.0f); eroded by 4 mm: %d (analytic %.0f, %+.1f%%);"
                        + " dilated by 4 mm: %d (analytic %.0f, %+.1f%%)%n",
                Morphology.count(sphere),
                ballVoxels(g, radius),
                eroded,
                expectedEroded,
                100 * (eroded / expectedEroded - 1),
                dilated,
                expectedDilated,
                100 * (dilated / expectedDilated - 1));
        // Sampling: the outside of a digital ball starts at the first voxel centre beyond R, on average half a voxel
        // further out, so the eroded ball is up to half a voxel larger and the dilated one up to half a voxel smaller
        // than in the continuum. Allow that shell (here about 6 % of the eroded and 2.5 % of the dilated volume).
        double halfVoxel = (g.dx() + g.dy() + g.dz()) / 6;
        assertEquals(expectedEroded, eroded, ballVoxels(g, radius - r + halfVoxel) - expectedEroded);
        assertEquals(expectedDilated, dilated, expectedDilated - ballVoxels(g, radius + r - halfVoxel));
        // exact containments: B(R−r) ⊆ erosion (every offset of length ≤ r from there stays within R) and
        // dilation ⊆ B(R+r) (a voxel further out has no ball voxel within r)
        boolean[] inner = ball(g, radius - r);
        boolean[] outer = ball(g, radius + r);
        for (int n = 0; n < sphere.length; n++) {
            assertTrue(!inner[n] || erodedMask[n], "B(R−r) ⊆ erosion at " + n);
            assertTrue(!dilatedMask[n] || outer[n], "dilation ⊆ B(R+r) at " + n);
        }
        // opening a ball with a smaller ball keeps it (up to sampling); closing adds nothing to a convex body
        int opened = Morphology.count(Morphology.open(sphere, g, r, NEVER));
        int closed = Morphology.count(Morphology.close(sphere, g, r, NEVER));
        assertEquals(Morphology.count(sphere), opened, 0.03 * Morphology.count(sphere));
        assertEquals(Morphology.count(sphere), closed, 0.01 * Morphology.count(sphere));
    }

    @Test
    void erosionAndDilationMatchTheirDefinitionWithAnExplicitBallOfOffsets() {
        VoxelGrid g = new VoxelGrid(20, 18, 12, 0.7, 1.0, 1.6);
        Random random = new Random(7);
        boolean[] m = new boolean[g.size()];
        for (int n = 0; n < m.length; n++) {
            m[n] = random.nextDouble() < 0.8;
        }
        double r = 2.1;
        boolean[] eroded = Morphology.erode(m, g, r, NEVER);
        boolean[] dilated = Morphology.dilate(m, g, r, NEVER);
        int ri = (int) Math.ceil(r / g.dx());
        int rj = (int) Math.ceil(r / g.dy());
        int rk = (int) Math.ceil(r / g.dz());
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    boolean all = true;
                    boolean any = false;
                    for (int c = -rk; c <= rk; c++) {
                        for (int b = -rj; b <= rj; b++) {
                            for (int a = -ri; a <= ri; a++) {
                                double d2 = Math.pow(a * g.dx(), 2) + Math.pow(b * g.dy(), 2) + Math.pow(c * g.dz(), 2);
                                int x = i + a;
                                int y = j + b;
                                int z = k + c;
                                if (d2 > r * r
                                        || x < 0
                                        || y < 0
                                        || z < 0
                                        || x >= g.nx()
                                        || y >= g.ny()
                                        || z >= g.nz()) {
                                    continue;
                                }
                                boolean v = m[g.index(x, y, z)];
                                all &= v;
                                any |= v;
                            }
                        }
                    }
                    int n = g.index(i, j, k);
                    assertEquals(all, eroded[n], "erosion at " + i + "," + j + "," + k);
                    assertEquals(any, dilated[n], "dilation at " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void largestComponentIsSixConnectedAndPicksTheBiggestPiece() {
        VoxelGrid g = new VoxelGrid(20, 20, 20, 1, 1, 1);
        boolean[] m = new boolean[g.size()];
        fillBox(m, g, 2, 2, 2, 6, 6, 6); // 5³ = 125
        fillBox(m, g, 10, 10, 10, 15, 15, 15); // 6³ = 216
        // a voxel touching the big cube only along an edge (18-connected, not 6-connected)
        m[g.index(16, 16, 15)] = true;
        // a voxel touching it by a face belongs to it
        m[g.index(16, 12, 12)] = true;
        assertEquals(
                3, Morphology.componentCount(m, g, NEVER)); // two cubes (one with a face neighbour), one edge neighbour
        boolean[] largest = Morphology.largestComponent(m, g, NEVER);
        assertEquals(217, Morphology.count(largest));
        assertTrue(largest[g.index(16, 12, 12)]);
        assertFalse(largest[g.index(16, 16, 15)]);
        assertFalse(largest[g.index(4, 4, 4)]);
        assertEquals(0, Morphology.count(Morphology.largestComponent(new boolean[g.size()], g, NEVER)));
    }

    @Test
    void holesAreFilledButCavitiesOpenToTheBorderAreNot() {
        VoxelGrid g = new VoxelGrid(24, 24, 24, 1, 1, 1);
        boolean[] solid = ball(g, 9);
        boolean[] shell = solid.clone();
        boolean[] inner = ball(g, 6);
        int cavity = 0;
        for (int n = 0; n < shell.length; n++) {
            if (inner[n]) {
                shell[n] = false;
                cavity++;
            }
        }
        assertTrue(cavity > 800);
        assertArrayEquals(
                solid, Morphology.fillHoles(shell, g, NEVER), "a closed spherical shell fills to the solid ball");

        // drill a 1-voxel channel from the cavity to the grid border along +x: the cavity is no hole any more
        boolean[] drilled = shell.clone();
        for (int i = 12; i < g.nx(); i++) {
            drilled[g.index(i, 12, 12)] = false;
        }
        assertArrayEquals(drilled, Morphology.fillHoles(drilled, g, NEVER));

        // a mask that touches the border: its outside region is still the background
        boolean[] slab = new boolean[g.size()];
        fillBox(slab, g, 0, 0, 0, 23, 23, 5);
        slab[g.index(3, 3, 3)] = false; // an enclosed voxel hole
        boolean[] filled = Morphology.fillHoles(slab, g, NEVER);
        assertTrue(filled[g.index(3, 3, 3)]);
        assertEquals(24 * 24 * 6, Morphology.count(filled));
    }

    @Test
    void maskTouchingTheGridBorderIsNotErodedFromTheBorder() {
        VoxelGrid g = new VoxelGrid(16, 16, 8, 1, 1, 2);
        boolean[] all = new boolean[g.size()];
        java.util.Arrays.fill(all, true);
        assertEquals(g.size(), Morphology.count(Morphology.erode(all, g, 3, NEVER)));
        boolean[] none = new boolean[g.size()];
        assertEquals(0, Morphology.count(Morphology.dilate(none, g, 3, NEVER)));
    }

    @Test
    void largeGridIsFastAndCancellable() {
        VoxelGrid g = new VoxelGrid(128, 128, 64, 1, 1, 2);
        boolean[] sphere = ball(g, 50);
        long t0 = System.nanoTime();
        boolean[] closed = Morphology.close(Morphology.largestComponent(sphere, g, NEVER), g, 3, NEVER);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("largest component + closing (2 distance transforms) on 128×128×64: %.2f s%n", seconds);
        assertTrue(seconds < 5, "took " + seconds + " s");
        assertEquals(Morphology.count(sphere), Morphology.count(closed), 0.01 * Morphology.count(sphere));
        assertThrows(CancellationException.class, () -> Morphology.erode(sphere, g, 3, () -> true));
    }

    @Test
    void badArgumentsAreRejected() {
        VoxelGrid g = new VoxelGrid(4, 4, 4, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> Morphology.erode(new boolean[10], g, 1, NEVER));
        assertThrows(IllegalArgumentException.class, () -> Morphology.dilate(new boolean[64], g, -1, NEVER));
        assertThrows(IllegalArgumentException.class, () -> Morphology.dilate(new boolean[64], g, Double.NaN, NEVER));
    }

    private static void fillBox(boolean[] m, VoxelGrid g, int i0, int j0, int k0, int i1, int j1, int k1) {
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    m[g.index(i, j, k)] = true;
                }
            }
        }
    }
}
