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

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class ResharpTest {

    private static final VoxelGrid GRID = new VoxelGrid(64, 64, 64, 1, 1, 1);

    @Test
    void recoversTheLocalFieldUnderAStrongBackground() {
        BackgroundPhantom p = new BackgroundPhantom(GRID, 24, 20, 18, true, 0.002);
        BackgroundFieldSplit s = new Resharp(Resharp.Params.DEFAULTS).apply(p.total, p.brain, GRID, Cancellation.NEVER);
        double error = BackgroundPhantom.relativeError(s.localField(), p.local, s.mask());
        System.out.printf(
                "RESHARP: relative error %.4f, %d iterations, residual %.3g%n",
                error, s.iterations(), s.relativeResidual());
        assertTrue(error < 0.22, "relative error " + error); // measured 0.164
        assertTrue(s.relativeResidual() <= 1e-4);
        // the output mask is the brain eroded by the 4 mm sphere, as the exact distance says
        assertArrayEquals(Resharp.erode(p.brain, GRID, 4, Cancellation.NEVER), s.mask());
        for (int v = 0; v < GRID.size(); v++) {
            if (s.mask()[v]) {
                assertEquals(p.total[v], s.localField()[v] + s.backgroundField()[v], 1e-6);
            } else {
                assertEquals(0f, s.localField()[v]);
            }
        }
    }

    @Test
    void removesAPurelyHarmonicField() {
        BackgroundPhantom p = new BackgroundPhantom(new VoxelGrid(48, 48, 48, 1, 1, 1), 18, 15, 14, false, 0.002);
        BackgroundFieldSplit s =
                new Resharp(4, 1e-2, 200, 1e-5).apply(p.background, p.brain, p.grid, Cancellation.NEVER);
        double residual =
                BackgroundPhantom.rms(s.localField(), s.mask()) / BackgroundPhantom.rms(p.background, s.mask());
        System.out.printf("RESHARP: harmonic residual %.3g of the input%n", residual);
        assertTrue(residual < 1e-3, "residual " + residual);
    }

    @Test
    void maskErodedToNothingNamesTheRadius() {
        VoxelGrid g = new VoxelGrid(24, 24, 24, 1, 1, 1);
        boolean[] slab = new boolean[g.size()];
        for (int j = 2; j < 22; j++) {
            for (int i = 2; i < 22; i++) {
                for (int k = 10; k < 15; k++) {
                    slab[g.index(i, j, k)] = true; // 5 voxels thick: a 3 mm sphere does not fit
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Resharp(3, 1e-2, 10, 1e-3)
                .apply(new float[g.size()], slab, g, Cancellation.NEVER));
        assertEquals(
                "the mask is eroded to nothing by the radius 3 mm: no voxel has its whole sphere inside the mask",
                e.getMessage());
    }
}
