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
package org.ferrum.perfusion.aif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ferrum.perfusion.ArterialInputFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AifTest {

    @Test
    void parkerAtOriginByHand() {
        // Gaussian tails at t = 0 (hand-computed from Parker 2006 Table 1): 0.0585 + 0.0218, sigmoid ≈ 1e-8
        assertEquals(0.0804, PopulationAif.PARKER_2006.concentration(0), 2e-4);
        // first-pass peak near T1 = 0.17046 min, about 6 mM
        double peak = PopulationAif.PARKER_2006.concentration(0.17046 * 60);
        assertTrue(peak > 5.5 && peak < 6.5, "peak " + peak);
    }

    @Test
    void plasmaUsesHaematocrit() {
        double[] t = {0, 10, 20, 30};
        ArterialInputFunction aif = PopulationAifs.sample(PopulationAif.PARKER_2006, t, 0, 0.45);
        for (int i = 0; i < t.length; i++) {
            assertEquals(PopulationAif.PARKER_2006.concentration(t[i]) / 0.55, aif.plasmaConcentration()[i], 1e-12);
        }
        assertTrue(aif.source().contains("0.45"));
        // Weinmann is plasma already: no haematocrit; 0.1 × (3.99 + 4.78) mM at its origin, 0 before
        ArterialInputFunction w = PopulationAifs.sample(PopulationAif.WEINMANN_1984, new double[] {-1, 0, 60}, 0, 0.45);
        assertEquals(0, w.plasmaConcentration()[0]);
        assertEquals(0.877, w.plasmaConcentration()[1], 1e-9);
        assertEquals(0.1 * (3.99 * Math.exp(-0.144) + 4.78 * Math.exp(-0.0111)), w.plasmaConcentration()[2], 1e-9);
    }

    /** The arrival found from a noisy, coarsely sampled shifted Parker curve is within one frame of the truth. */
    @ParameterizedTest
    @CsvSource({"37.3, 2.0, 1", "61.0, 4.5, 2", "12.7, 1.0, 3"})
    void arrivalFoundFromData(double truth, double dt, long seed) {
        int n = (int) (300 / dt);
        double[] times = new double[n];
        double[] curve = new double[n];
        Random rng = new Random(seed);
        for (int i = 0; i < n; i++) {
            times[i] = i * dt;
            curve[i] = PopulationAif.PARKER_2006.concentration(times[i] - truth) * (1 + 0.03 * rng.nextGaussian());
        }
        double found = PopulationAifs.arrivalFrom(PopulationAif.PARKER_2006, times, curve, 5, 0.1);
        assertEquals(truth, found, dt, "arrival");
    }

    @Test
    void flatCurveHasNoOnset() {
        assertTrue(Double.isNaN(BolusArrival.onset(new double[] {0, 1, 2}, new double[] {1, 1, 1}, 1, 0.1)));
    }

    /**
     * A phantom with artery (early high peak), vein (late high peak) and tissue (low, slow): automatic selection takes
     * the arterial voxels, and their mean is the arterial curve.
     */
    @Test
    void automaticSelectionFindsArteries() {
        int frames = 60;
        int voxels = 1000;
        double dt = 2;
        float[][] c = new float[frames][voxels];
        Random rng = new Random(5);
        boolean[] artery = new boolean[voxels];
        for (int n = 0; n < voxels; n++) {
            int kind = n % 100 < 3 ? 0 : n % 100 < 8 ? 1 : 2; // 3 % artery, 5 % vein, rest tissue
            artery[n] = kind == 0;
            for (int t = 0; t < frames; t++) {
                double time = t * dt;
                double v =
                        switch (kind) {
                            case 0 -> PopulationAif.PARKER_2006.concentration(time - 20);
                            case 1 -> 0.9 * PopulationAif.PARKER_2006.concentration(time - 28);
                            default -> 0.3 * (1 - Math.exp(-Math.max(0, time - 25) / 60));
                        };
                c[t][n] = (float) (v + 0.05 * rng.nextGaussian());
            }
        }
        boolean[] chosen = MeasuredAif.select(c, null, new MeasuredAif.Selection(10, 0.1, 5));
        int count = 0;
        for (int n = 0; n < voxels; n++) {
            if (chosen[n]) {
                count++;
                assertTrue(artery[n], "voxel " + n + " is not arterial");
            }
        }
        assertEquals(10, count);
        double[] mean = MeasuredAif.meanCurve(c, chosen);
        assertEquals(PopulationAif.PARKER_2006.concentration(12 * dt - 20), mean[12], 0.1);
        assertFalse(Double.isNaN(mean[0]));
    }
}
