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
package org.ferrum.qsm.background;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class LaplacianBoundaryValueTest {

    @Test
    void recoversTheLocalFieldUnderAStrongBackground() {
        VoxelGrid g = new VoxelGrid(64, 64, 64, 1, 1, 1);
        BackgroundPhantom p = new BackgroundPhantom(g, 24, 20, 18, true, 0.002);
        BackgroundFieldSplit s =
                new LaplacianBoundaryValue(1e-6, 100, 0).apply(p.total, p.brain, g, Cancellation.NEVER);
        double error = BackgroundPhantom.relativeError(s.localField(), p.local, s.mask());
        System.out.printf(
                "LBV: relative error %.4f, %d iterations, residual %.3g%n",
                error, s.iterations(), s.relativeResidual());
        assertTrue(error < 0.09, "relative error " + error); // measured 0.060
        assertTrue(s.relativeResidual() <= 1e-6);
        assertTrue(s.iterations() <= 12, "multigrid-preconditioned CG took " + s.iterations() + " iterations");
    }

    @Test
    void harmonicFieldsAreRemovedToSolverAccuracyOnAnisotropicGrids() {
        // 1 × 1 × 2 mm: x² − y² and any linear field are exactly harmonic for the 7-point Laplacian
        VoxelGrid g = new VoxelGrid(48, 48, 32, 1, 1, 2);
        BackgroundPhantom p = new BackgroundPhantom(g, 18, 16, 7, false, 0.002);
        float[] harmonic = p.background.clone();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = i - 24, y = j - 24;
                    harmonic[g.index(i, j, k)] += (float) (1e-4 * (x * x - y * y));
                }
            }
        }
        BackgroundFieldSplit s =
                new LaplacianBoundaryValue(1e-7, 100, 0).apply(harmonic, p.brain, g, Cancellation.NEVER);
        double residual = BackgroundPhantom.rms(s.localField(), s.mask()) / BackgroundPhantom.rms(harmonic, s.mask());
        System.out.printf("LBV: harmonic residual %.3g of the input, %d iterations%n", residual, s.iterations());
        assertTrue(residual < 1e-4, "residual " + residual);
        assertTrue(s.iterations() <= 25, s.iterations() + " iterations");
    }

    @Test
    void outputMaskIsTheInteriorPeeledLayerByLayer() {
        VoxelGrid g = new VoxelGrid(32, 32, 32, 1, 1, 1);
        int radius2 = 11 * 11;
        boolean[] ball = new boolean[g.size()];
        boolean[] interior = new boolean[g.size()];
        boolean[] peeledTwice = new boolean[g.size()];
        for (int k = 0; k < 32; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    int x = i - 16, y = j - 16, z = k - 16;
                    int r2 = x * x + y * y + z * z;
                    int m = Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z)));
                    ball[g.index(i, j, k)] = r2 <= radius2;
                    interior[g.index(i, j, k)] = r2 + 2 * m + 1 <= radius2; // all 6 face neighbours in the ball
                }
            }
        }
        // the interior peeled twice = three face erosions of the ball: the voxels whose L1 ball of radius 3 fits
        for (int k = 0; k < 32; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    boolean all = true;
                    for (int c = -3; c <= 3 && all; c++) {
                        for (int b = -3; b <= 3 && all; b++) {
                            for (int a = -3; a <= 3 && all; a++) {
                                if (Math.abs(a) + Math.abs(b) + Math.abs(c) <= 3) {
                                    int x = i + a - 16, y = j + b - 16, z = k + c - 16;
                                    all = x * x + y * y + z * z <= radius2;
                                }
                            }
                        }
                    }
                    peeledTwice[g.index(i, j, k)] = all;
                }
            }
        }
        float[] zero = new float[g.size()];
        assertArrayEquals(
                interior,
                new LaplacianBoundaryValue(1e-6, 10, 0)
                        .apply(zero, ball, g, Cancellation.NEVER)
                        .mask());
        assertArrayEquals(
                peeledTwice,
                new LaplacianBoundaryValue(1e-6, 10, 2)
                        .apply(zero, ball, g, Cancellation.NEVER)
                        .mask());
    }

    @Test
    void cancellationStopsTheSolver() {
        VoxelGrid g = new VoxelGrid(32, 32, 32, 1, 1, 1);
        BackgroundPhantom p = new BackgroundPhantom(g, 12, 10, 9, false, 0.002);
        assertThrows(CancellationException.class, () -> new LaplacianBoundaryValue(1e-6, 100, 0)
                .apply(p.background, p.brain, g, () -> true));
        assertThrows(
                CancellationException.class, () -> VSharp.withDefaults().apply(p.background, p.brain, g, () -> true));
    }

    @Test
    void maskWithoutInteriorIsRefused() {
        VoxelGrid g = new VoxelGrid(16, 16, 16, 1, 1, 1);
        boolean[] sheet = new boolean[g.size()];
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < 16; i++) {
                sheet[g.index(i, j, 8)] = true;
            }
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new LaplacianBoundaryValue(1e-6, 10, 0)
                        .apply(new float[g.size()], sheet, g, Cancellation.NEVER));
        assertEquals(
                "the mask has no interior voxel (every mask voxel touches the outside), so there is nothing to solve for",
                e.getMessage());
    }
}
