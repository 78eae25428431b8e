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

class ProjectionOntoDipoleFieldsTest {

    private static final VoxelGrid GRID = new VoxelGrid(64, 64, 64, 1, 1, 1);
    private static final BackgroundPhantom PHANTOM = new BackgroundPhantom(GRID, 24, 20, 18, true, 0.002);

    @Test
    void recoversTheLocalFieldUnderAStrongBackground() {
        BackgroundFieldSplit s = new ProjectionOntoDipoleFields(100, 1e-3)
                .apply(PHANTOM.total, PHANTOM.brain, null, GRID, BackgroundPhantom.B0, Cancellation.NEVER);
        double error = BackgroundPhantom.relativeError(s.localField(), PHANTOM.local, s.mask());
        System.out.printf(
                "PDF: relative error %.4f, %d iterations, residual %.3g%n",
                error, s.iterations(), s.relativeResidual());
        assertTrue(error < 0.22, "relative error " + error); // measured 0.165
        assertArrayEquals(PHANTOM.brain, s.mask());
    }

    @Test
    void zeroWeightsKeepCorruptVoxelsOutOfTheFit() {
        // a block of voxels with a gross phase error (as near a vessel or an unwrapping failure)
        float[] corrupt = PHANTOM.total.clone();
        float[] weights = new float[GRID.size()];
        boolean[] clean = PHANTOM.brain.clone();
        java.util.Arrays.fill(weights, 1f);
        for (int k = 26; k < 34; k++) {
            for (int j = 20; j < 28; j++) {
                for (int i = 44; i < 52; i++) {
                    int v = GRID.index(i, j, k);
                    corrupt[v] += 0.5f;
                    weights[v] = 0f;
                    clean[v] = false;
                }
            }
        }
        ProjectionOntoDipoleFields pdf = new ProjectionOntoDipoleFields(100, 1e-3);
        double unweighted = BackgroundPhantom.relativeError(
                pdf.apply(corrupt, PHANTOM.brain, null, GRID, BackgroundPhantom.B0, Cancellation.NEVER)
                        .localField(),
                PHANTOM.local,
                clean);
        double weighted = BackgroundPhantom.relativeError(
                pdf.apply(corrupt, PHANTOM.brain, weights, GRID, BackgroundPhantom.B0, Cancellation.NEVER)
                        .localField(),
                PHANTOM.local,
                clean);
        System.out.printf(
                "PDF with a corrupt block: relative error %.4f unweighted, %.4f with zero weights there%n",
                unweighted, weighted);
        assertTrue(weighted < 0.25, "weighted error " + weighted);
        assertTrue(weighted < 0.5 * unweighted, weighted + " vs " + unweighted);
    }

    @Test
    void needsRoomOutsideTheMask() {
        VoxelGrid g = new VoxelGrid(8, 8, 8, 1, 1, 1);
        boolean[] all = new boolean[g.size()];
        java.util.Arrays.fill(all, true);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ProjectionOntoDipoleFields(10, 1e-3)
                        .apply(new float[g.size()], all, null, g, BackgroundPhantom.B0, Cancellation.NEVER));
        assertEquals(
                "the mask fills the whole grid: PDF needs room outside it for background sources (pad the field)",
                e.getMessage());
    }
}
