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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/** {@link BlockAverageGrid}: geometry, averaging, the mask rule, interpolation back, and TFI on blocks of a sphere. */
class BlockAverageGridTest {

    /** An oblique, anisotropic affine: voxel → LPS. */
    private static final Geometry OBLIQUE = Geometry.ofAffine(
            1.2 * Math.cos(0.3),
            -1.2 * Math.sin(0.3),
            0,
            -50,
            1.2 * Math.sin(0.3),
            1.2 * Math.cos(0.3),
            0.4,
            20,
            0,
            0,
            3.5,
            7);

    @Test
    void coarseVoxelCentreIsTheMeanOfItsBlocksFineCentres() {
        VoxelGrid fine = new VoxelGrid(16, 12, 6, 1.2, 1.2, Math.sqrt(3.5 * 3.5 + 0.4 * 0.4));
        BlockAverageGrid b = new BlockAverageGrid(fine, 4, 3, 2);
        assertEquals(
                new VoxelGrid(4, 4, 3, 4.8, 3.6, fine.dz() * 2).nx(), b.coarse().nx());
        assertEquals(4, b.coarse().ny());
        assertEquals(3, b.coarse().nz());
        Geometry cg = b.coarseGeometry(OBLIQUE);
        double[] s = cg.voxelSize();
        double[] fs = OBLIQUE.voxelSize();
        assertArrayEquals(new double[] {4 * fs[0], 3 * fs[1], 2 * fs[2]}, s, 1e-12);
        assertArrayEquals(OBLIQUE.axisDirections()[2], cg.axisDirections()[2], 1e-12);
        for (int kc = 0; kc < 3; kc++) {
            for (int jc = 0; jc < 4; jc++) {
                for (int ic = 0; ic < 4; ic++) {
                    double[] mean = new double[3];
                    for (int k = 2 * kc; k < 2 * kc + 2; k++) {
                        for (int j = 3 * jc; j < 3 * jc + 3; j++) {
                            for (int i = 4 * ic; i < 4 * ic + 4; i++) {
                                double[] p = OBLIQUE.toPatient(i, j, k);
                                for (int a = 0; a < 3; a++) {
                                    mean[a] += p[a] / 24;
                                }
                            }
                        }
                    }
                    assertArrayEquals(mean, cg.toPatient(ic, jc, kc), 1e-9, "block " + ic + "," + jc + "," + kc);
                }
            }
        }
    }

    @Test
    void blockMeanOfALinearFieldIsItsValueAtTheBlockCentre() {
        VoxelGrid fine = new VoxelGrid(16, 12, 6, 1.2, 1.2, 3.5);
        BlockAverageGrid b = new BlockAverageGrid(fine, 4, 4, 2);
        Geometry cg = b.coarseGeometry(OBLIQUE);
        float[] field = new float[fine.size()];
        boolean[] mask = new boolean[fine.size()];
        Arrays.fill(mask, true);
        for (int k = 0; k < fine.nz(); k++) {
            for (int j = 0; j < fine.ny(); j++) {
                for (int i = 0; i < fine.nx(); i++) {
                    field[fine.index(i, j, k)] = (float) linear(OBLIQUE.toPatient(i, j, k));
                }
            }
        }
        float[] magnitude = new float[fine.size()];
        Arrays.fill(magnitude, 3f);
        BlockAverageGrid.Averaged a = b.average(field, magnitude, mask);
        VoxelGrid c = b.coarse();
        for (int kc = 0; kc < c.nz(); kc++) {
            for (int jc = 0; jc < c.ny(); jc++) {
                for (int ic = 0; ic < c.nx(); ic++) {
                    int n = c.index(ic, jc, kc);
                    assertEquals(linear(cg.toPatient(ic, jc, kc)), a.field()[n], 2e-5, "mean field of block " + n);
                    assertEquals(3, a.weight()[n], 1e-6, "a uniform weight stays itself");
                    assertTrue(a.mask()[n]);
                }
            }
        }
    }

    @Test
    void fieldIsWeightedByTheSquaredDataWeightAndTheMaskIsTheMajority() {
        VoxelGrid fine = new VoxelGrid(4, 4, 1, 1, 1, 1);
        BlockAverageGrid b = new BlockAverageGrid(fine, 4, 4, 1);
        float[] field = new float[16];
        float[] w = new float[16];
        boolean[] mask = new boolean[16];
        for (int n = 0; n < 9; n++) {
            mask[n] = true;
            field[n] = n < 8 ? 1f : 10f;
            w[n] = n < 8 ? 1f : 2f;
        }
        field[12] = 1000f; // outside the mask: ignored
        w[12] = 5f;
        BlockAverageGrid.Averaged a = b.average(field, w, mask);
        assertEquals((8 * 1 + 4 * 10) / 12.0, a.field()[0], 1e-5);
        assertEquals(Math.sqrt(12 / 16.0), a.weight()[0], 1e-6);
        assertTrue(a.mask()[0], "9 of 16 in the mask: in");
        mask[8] = false;
        assertFalse(b.average(field, w, mask).mask()[0], "8 of 16: out");
    }

    @Test
    void interpolationReproducesALinearChiAndKeepsOutsideValuesOut() {
        VoxelGrid fine = new VoxelGrid(24, 24, 8, 1, 1, 2);
        BlockAverageGrid b = new BlockAverageGrid(fine, 4, 4, 2);
        VoxelGrid c = b.coarse();
        float[] chi = new float[c.size()];
        boolean[] cmask = new boolean[c.size()];
        Arrays.fill(cmask, true);
        for (int k = 0; k < c.nz(); k++) {
            for (int j = 0; j < c.ny(); j++) {
                for (int i = 0; i < c.nx(); i++) {
                    chi[c.index(i, j, k)] = (float) (0.3 * i - 0.2 * j + 0.1 * k);
                }
            }
        }
        boolean[] fmask = new boolean[fine.size()];
        Arrays.fill(fmask, true);
        fmask[fine.index(0, 0, 0)] = false;
        float[] out = b.toFine(chi, cmask, fmask);
        assertEquals(0f, out[fine.index(0, 0, 0)], "0 outside the fine mask");
        // interior fine voxels (between the outermost coarse centres): exact
        for (int k = 1; k < 7; k++) {
            for (int j = 2; j < 22; j++) {
                for (int i = 2; i < 22; i++) {
                    double x = (i + 0.5) / 4 - 0.5, y = (j + 0.5) / 4 - 0.5, z = (k + 0.5) / 2 - 0.5;
                    assertEquals(0.3 * x - 0.2 * y + 0.1 * z, out[fine.index(i, j, k)], 1e-5);
                }
            }
        }
        // a coarse voxel outside the coarse mask (air: −9 ppm) must not reach the fine voxels next to it
        Arrays.fill(chi, 1f);
        int air = c.index(2, 2, 1);
        chi[air] = -9f;
        cmask[air] = false;
        out = b.toFine(chi, cmask, fmask);
        for (int n = 1; n < out.length; n++) {
            assertEquals(1f, out[n], 1e-6, "fine voxel " + n);
        }
    }

    @Test
    void automaticFactorsNeverExceedTheTarget() {
        assertArrayEquals(
                new int[] {4, 4, 1},
                BlockAverageGrid.automaticFactors(new VoxelGrid(256, 192, 40, 1.375, 1.375, 3.75), 5.5));
        assertArrayEquals(
                new int[] {1, 1, 1}, BlockAverageGrid.automaticFactors(new VoxelGrid(64, 48, 20, 5.5, 5.5, 7.5), 5.5));
        assertArrayEquals(
                new int[] {2, 2, 1}, BlockAverageGrid.automaticFactors(new VoxelGrid(8, 8, 8, 2.75, 2.75, 3), 5.5));
        assertArrayEquals(new int[] {4, 4, 2}, BlockAverageGrid.parseFactors("4,4,2"));
        assertArrayEquals(new int[] {3, 3, 3}, BlockAverageGrid.parseFactors("3"));
        assertThrows(NumberFormatException.class, () -> BlockAverageGrid.parseFactors("4,0,1"));
    }

    /**
     * TFI on 2×2×2 block averages (2 mm) of the analytic total field of {@link TotalFieldInversionTest}'s setting (a
     * 0.1 ppm sphere of radius 9 mm beside a 3 ppm air sphere outside the mask), χ interpolated back to 1 mm: the
     * tissue contrast within 10 % on the coarse grid and, in the sphere's core, after interpolation back (on the fine grid
     * the same solver gives 0.095).
     */
    @Test
    void tfiOnBlocksRecoversTheSphere() {
        VoxelGrid grid = SpherePhantom.GRID;
        double[] b0 = {0, 0, 1};
        float[] field = SpherePhantom.field(b0);
        SpherePhantom.addField(field, grid, new double[] {32, 32, 12}, 6, 3.0, b0);
        boolean[] mask = SpherePhantom.ball(grid, SpherePhantom.CENTRE, 24);
        boolean[] air = SpherePhantom.ball(grid, new double[] {32, 32, 12}, 8);
        for (int n = 0; n < mask.length; n++) {
            mask[n] &= !air[n];
        }
        float[] magnitude = new float[grid.size()];
        Arrays.fill(magnitude, 1f);
        BlockAverageGrid b = new BlockAverageGrid(grid, 2, 2, 2);
        BlockAverageGrid.Averaged a = b.average(field, magnitude, mask);
        TotalFieldInversion tfi =
                new TotalFieldInversion(new MorphologyEnabledDipoleInversion(2000, 0, 10, 0.01, 200, 0.003), 1);
        InversionResult r =
                tfi.invert(a.field(), a.mask(), a.weight(), b.coarse(), b0, Cancellation.NEVER, (i, m, c) -> {});
        // on the coarse grid: blocks whose centre lies ≤ 6 mm from the sphere's centre (wholly inside its 9 mm) against
        // the coarse mask's blocks ≥ 11 mm away
        VoxelGrid c = b.coarse();
        double coarseDelta = contrast(r.chi(), a.mask(), c, new double[] {15.75, 15.75, 15.75}, 6, 11);
        // back on the fine grid: the core r ≤ 6 mm, where interpolation uses only blocks inside the sphere
        float[] chi = b.toFine(r.chi(), a.mask(), mask);
        double fineDelta = contrast(chi, mask, grid, SpherePhantom.CENTRE, 6, 11);
        System.out.printf(
                "TFI on 2×2×2 blocks: Δχ %.4f (coarse grid), %.4f (interpolated back) of 0.1 ppm, residual %.4f,"
                        + " %d iterations%n",
                coarseDelta, fineDelta, r.relativeResidual(), r.iterations());
        assertEquals(0.1, coarseDelta, 0.01, "on the coarse grid");
        assertEquals(0.1, fineDelta, 0.01, "interpolated back");
    }

    /** Mean χ within {@code inner} mm of {@code centre} minus the mean over the mask beyond {@code outer} mm. */
    private static double contrast(
            float[] chi, boolean[] mask, VoxelGrid g, double[] centre, double inner, double outer) {
        double in = 0, out = 0;
        int nIn = 0, nOut = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int n = g.index(i, j, k);
                    if (!mask[n]) {
                        continue;
                    }
                    double x = (i - centre[0]) * g.dx(), y = (j - centre[1]) * g.dy(), z = (k - centre[2]) * g.dz();
                    double r = Math.sqrt(x * x + y * y + z * z);
                    if (r <= inner) {
                        in += chi[n];
                        nIn++;
                    } else if (r >= outer) {
                        out += chi[n];
                        nOut++;
                    }
                }
            }
        }
        return in / nIn - out / nOut;
    }

    private static double linear(double[] p) {
        return 0.01 * p[0] - 0.02 * p[1] + 0.005 * p[2] + 0.3;
    }
}
