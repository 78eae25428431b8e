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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * A ball of tissue (R2* 20 s⁻¹) with a fluid ventricle inside, wrapped in a 4 mm shell of fluid (R2* 2 s⁻¹, brighter),
 * all inside a mask that holds both: the exclusion removes the shell and keeps the ventricle.
 */
class CsfExclusionTest {

    @Test
    void removesTheFluidShellAndKeepsTheVentricle() {
        VoxelGrid g = new VoxelGrid(48, 48, 48, 1.5, 1.5, 1.5);
        double[] te = {0.004, 0.012, 0.020, 0.028};
        float[][] echoes = new float[te.length][g.size()];
        boolean[] mask = new boolean[g.size()];
        boolean[] brain = new boolean[g.size()];
        Random random = new Random(5);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = (i - 23.5) * g.dx(), y = (j - 23.5) * g.dy(), z = (k - 23.5) * g.dz();
                    double r = Math.sqrt(x * x + y * y + z * z);
                    double ventricle = Math.sqrt((x - 4) * (x - 4) + y * y + z * z);
                    int v = g.index(i, j, k);
                    boolean tissue = r <= 26 && ventricle > 5;
                    boolean fluid = r <= 30 && !tissue;
                    brain[v] = r <= 26;
                    mask[v] = r <= 30;
                    for (int e = 0; e < te.length; e++) {
                        double s = tissue ? 0.8 * Math.exp(-20 * te[e]) : fluid ? Math.exp(-2 * te[e]) : 0;
                        echoes[e][v] =
                                (float) Math.hypot(s + 0.02 * random.nextGaussian(), 0.02 * random.nextGaussian());
                    }
                }
            }
        }
        float[] rss = MagnitudeMask.rootSumOfSquares(echoes);
        CsfExclusion.Result r = CsfExclusion.apply(mask, echoes, te, rss, g, 1, 2, Cancellation.NEVER);
        assertTrue(r.applied(), r.why());
        int both = 0;
        for (int v = 0; v < mask.length; v++) {
            both += r.mask()[v] && brain[v] ? 1 : 0;
        }
        double dice = 2.0 * both / (Morphology.count(r.mask()) + Morphology.count(brain));
        double diceBefore = 2.0 * Morphology.count(brain) / (Morphology.count(mask) + Morphology.count(brain));
        System.out.printf("CSF exclusion on a ball: Dice %.4f (the mask before: %.4f)%n", dice, diceBefore);
        assertTrue(dice > 0.97, "Dice " + dice);
        assertTrue(r.mask()[g.index(26, 24, 24)], "the ventricle's centre is inside the brain");

        // one echo: nothing to tell fluid from tissue by, the mask comes back unchanged
        CsfExclusion.Result single =
                CsfExclusion.apply(mask, new float[][] {echoes[0]}, null, echoes[0], g, 1, 2, Cancellation.NEVER);
        assertFalse(single.applied());
        assertSame(mask, single.mask());
    }
}
