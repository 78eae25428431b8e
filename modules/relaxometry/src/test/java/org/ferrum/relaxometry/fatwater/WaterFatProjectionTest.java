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
package org.ferrum.relaxometry.fatwater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.junit.jupiter.api.Test;

/** The variable-projection model on single noiseless voxels, and the PDFF estimator on hand-computed values. */
class WaterFatProjectionTest {

    private static final FatSpectrum LIVER = FatSpectrum.byId("liver-6peak");

    private static double[] echoes(double te1Ms, double spacingMs) {
        double[] te = new double[6];
        for (int e = 0; e < 6; e++) {
            te[e] = (te1Ms + e * spacingMs) * 1e-3;
        }
        return te;
    }

    /** Grid search, deepest minimum, Gauss–Newton: recovers (W, F, ψ, R2*) of a noiseless voxel. */
    private static void recovers(double b0, double[] te, double[] water, double[] fat, double psi, double r2) {
        WaterFatProjection model = new WaterFatProjection(te, LIVER, b0, 1000, 64, 0, 1200, 13);
        double[] s = ChemicalShiftSignal.evaluate(water, fat, psi, r2, te, LIVER.complexFactor(te, b0));
        WaterFatProjection.Workspace w = model.workspace();
        w.load(s);
        double[] res = new double[64];
        double[] r2s = new double[64];
        w.gridSearch(res, r2s);
        int best = 0;
        for (int j = 1; j < 64; j++) {
            best = res[j] < res[best] ? j : best;
        }
        w.refine(model.fieldGrid()[best], r2s[best], 30);
        // the field is known modulo 1/ΔTE; the truth lies within the searched period here
        assertEquals(psi, w.field, 1e-3, "ψ");
        assertEquals(r2, w.r2star, 1e-3, "R2*");
        assertEquals(water[0], w.wRe, 1e-4);
        assertEquals(water[1], w.wIm, 1e-4);
        assertEquals(fat[0], w.fRe, 1e-4);
        assertEquals(fat[1], w.fIm, 1e-4);
        assertTrue(w.residual < 1e-12 * w.energy());
    }

    @Test
    void noiselessVoxelsAreRecoveredExactly() {
        recovers(1.5, echoes(1.2, 1.6), new double[] {60, 25}, new double[] {18, 7.5}, 87, 45);
        recovers(1.5, echoes(1.2, 1.6), new double[] {30, -40}, new double[] {30, -40}, -150, 400);
        recovers(3, echoes(1.1, 0.8), new double[] {80, 0}, new double[] {5, 0}, 180, 900);
        recovers(3, echoes(1.1, 0.8), new double[] {-10, 5}, new double[] {-60, 30}, -33, 30);
    }

    @Test
    void residualIsZeroAtTheTruthAndPeriodicInTheField() {
        double[] te = echoes(1.2, 1.6);
        WaterFatProjection model = new WaterFatProjection(te, LIVER, 1.5, 1000, 64, 0, 1200, 13);
        assertTrue(model.isPeriodic());
        assertEquals(625, model.period(), 1e-9);
        double[] s = ChemicalShiftSignal.evaluate(
                new double[] {50, 10}, new double[] {20, 4}, 40, 100, te, LIVER.complexFactor(te, 1.5));
        WaterFatProjection.Workspace w = model.workspace();
        w.load(s);
        assertEquals(0, w.project(40, 100), 1e-9 * w.energy());
        double away = w.project(140, 100);
        assertTrue(away > 0.01 * w.energy());
        // shifting ψ by 1/ΔTE multiplies every echo by one phase, which the amplitudes absorb
        assertEquals(away, w.project(140 + 625, 100), 1e-9 * w.energy());
        assertEquals(away, w.project(140 - 2 * 625, 100), 1e-9 * w.energy());
    }

    @Test
    void fatFractionByMagnitudeDiscrimination() {
        // W and F in phase: |F|/(|W|+|F|)
        assertEquals(10, FatWaterSeparation.fatFraction(90, 0, 10, 0), 1e-12);
        assertEquals(80, FatWaterSeparation.fatFraction(0, 20, 0, 80), 1e-12);
        // pure water with noise 3 in quadrature in F: 1 − 100/√(100² + 3²) = 0.045 %, not the 2.9 % of |F|/(|W|+|F|)
        assertEquals(100 * (1 - 100 / Math.hypot(100, 3)), FatWaterSeparation.fatFraction(100, 0, 0, 3), 1e-12);
        assertTrue(FatWaterSeparation.fatFraction(100, 0, 0, 3) < 0.05);
        assertEquals(0, FatWaterSeparation.fatFraction(0, 0, 0, 0));
    }

    @Test
    void fewerThanThreeEchoesAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new WaterFatProjection(new double[] {1e-3, 2e-3}, LIVER, 3, 1000, 64, 0, 1200, 13));
        assertTrue(e.getMessage().contains("at least 3 echoes"), e.getMessage());
    }
}
