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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class BrainExtractionTest {

    @Test
    void icosphereIsClosedAndItsInsideIsTheBall() {
        BrainExtraction.Mesh mesh = BrainExtraction.Mesh.icosphere(4);
        assertEquals(2562, mesh.vertexCount());
        assertEquals(5120, mesh.faces.length);
        assertEquals(7680, mesh.edges.length); // Euler: V − E + F = 2
        VoxelGrid g = new VoxelGrid(40, 40, 30, 1, 1, 1.5);
        double r = 15;
        double[] c = {19.5, 19.5, 21.75};
        double[] p = new double[mesh.unit.length];
        for (int n = 0; n < p.length; n++) {
            p[n] = c[n % 3] + r * mesh.unit[n];
        }
        boolean[] inside = mesh.inside(p, g, Cancellation.NEVER);
        double expected = 4.0 / 3 * Math.PI * r * r * r / 1.5;
        assertEquals(expected, Morphology.count(inside), 0.02 * expected);
        assertEquals(1, Morphology.componentCount(inside, g, Cancellation.NEVER));
    }

    /**
     * An ellipsoidal brain (bright), a dark skull/CSF shell and a bright scalp shell joined to the brain by a narrow bright
     * stalk (like the brainstem and neck), in Rayleigh noise: the threshold mask's largest component is brain + stalk +
     * scalp and hole filling then takes the whole head; the deformable surface stops at the dark gap and finds the brain.
     */
    @Test
    void separatesTheBrainFromABrightScalp() {
        VoxelGrid g = new VoxelGrid(64, 64, 40, 2, 2, 2.5);
        Random random = new Random(17);
        float[] img = new float[g.size()];
        boolean[] brain = new boolean[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = (i - 31.5) * g.dx() / 38;
                    double y = (j - 31.5) * g.dy() / 44;
                    double z = (k - 19.5) * g.dz() / 32;
                    double rho = Math.sqrt(x * x + y * y + z * z);
                    int n = g.index(i, j, k);
                    brain[n] = rho <= 1;
                    double px = (i - 31.5) * g.dx();
                    double py = (j - 31.5) * g.dy();
                    boolean stalk = z < 0 && rho <= 1.35 && px * px + py * py <= 3.5 * 3.5;
                    double value = rho <= 1 || stalk
                            ? 100 + 10 * random.nextGaussian()
                            : rho <= 1.18 ? 8 : rho <= 1.35 ? 90 : 0;
                    img[n] = (float) Math.abs(value + 3 * Math.hypot(random.nextGaussian(), random.nextGaussian()));
                }
            }
        }
        long t0 = System.nanoTime();
        boolean[] bet = BrainExtraction.compute(img, g, BrainExtraction.Params.DEFAULTS, Cancellation.NEVER);
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean[] threshold = MagnitudeMask.compute(img, g, MagnitudeMask.Params.DEFAULTS, Cancellation.NEVER)
                .mask();
        double diceBet = dice(bet, brain);
        double diceThreshold = dice(threshold, brain);
        System.out.printf(
                "head with scalp: brain %d voxels; surface method %d voxels, Dice %.3f (%.2f s); threshold mask %d"
                        + " voxels, Dice %.3f%n",
                Morphology.count(brain),
                Morphology.count(bet),
                diceBet,
                seconds,
                Morphology.count(threshold),
                diceThreshold);
        assertTrue(diceBet > 0.93, "Dice " + diceBet);
        assertTrue(diceThreshold < 0.75, "threshold mask should include the scalp, Dice " + diceThreshold);
        assertEquals(1, Morphology.componentCount(bet, g, Cancellation.NEVER));
    }

    private static double dice(boolean[] a, boolean[] b) {
        long both = 0;
        long sum = 0;
        for (int n = 0; n < a.length; n++) {
            both += a[n] && b[n] ? 1 : 0;
            sum += (a[n] ? 1 : 0) + (b[n] ? 1 : 0);
        }
        return 2.0 * both / sum;
    }
}
