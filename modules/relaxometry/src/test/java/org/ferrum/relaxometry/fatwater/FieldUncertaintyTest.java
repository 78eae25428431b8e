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
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.MeasurementNoise;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The field map's SD ({@link WaterFatProjection.Workspace#fieldVariancePerNoiseVariance}, the Cramér–Rao bound with
 * water, fat and R2* unknown) against Monte Carlo: one voxel simulated by {@link ChemicalShiftSignal} with fresh
 * complex Gaussian noise per draw, fitted from the true field, and the empirical SD of the fitted ψ over the draws.
 */
class FieldUncertaintyTest {

    private static final FatSpectrum LIVER = FatSpectrum.byId("liver-6peak");

    /** Empirical SD of ψ and the mean predicted SD over {@code draws} noise realisations; {sd, predicted}. */
    static double[] monteCarlo(double b0, double[] te, double r2, double pdff, double sigma, int draws, long seed) {
        WaterFatProjection model = new WaterFatProjection(te, LIVER, b0, 1000, 64, 0, 3000, 31);
        WaterFatProjection.Workspace ws = model.workspace();
        double[] c = LIVER.complexFactor(te, b0);
        double psi = 37;
        double phase = 0.7;
        double w = 100 * (1 - pdff / 100);
        double f = 100 * pdff / 100;
        MeasurementNoise noise = new MeasurementNoise(sigma, seed);
        double sum = 0;
        double sum2 = 0;
        double predicted = 0;
        for (int i = 0; i < draws; i++) {
            double[] s = ChemicalShiftSignal.evaluate(
                    new double[] {w * Math.cos(phase), w * Math.sin(phase)},
                    new double[] {f * Math.cos(phase), f * Math.sin(phase)},
                    psi,
                    r2,
                    te,
                    c);
            noise.addTo(s);
            ws.load(s);
            ws.refine(psi, r2, psi, 20);
            double e = ws.field - psi;
            sum += e;
            sum2 += e * e;
            predicted += sigma * Math.sqrt(ws.fieldVariancePerNoiseVariance());
        }
        double mean = sum / draws;
        return new double[] {Math.sqrt(sum2 / draws - mean * mean), predicted / draws};
    }

    @Test
    void fieldSdMatchesMonteCarloAndGrowsWithR2Star() {
        double[] te = IronFatPhantom.echoes(12, 1.0, 1.2);
        double previous = 0;
        for (double r2 : new double[] {50, 300, 700}) {
            double[] mc = monteCarlo(1.5, te, r2, 10, 1, 1500, 5 + (long) r2);
            System.out.printf(
                    "1.5 T, R2* %4.0f /s, SNR 100: empirical SD %.2f Hz, predicted %.2f Hz%n", r2, mc[0], mc[1]);
            assertEquals(1, mc[1] / mc[0], 0.15, "predicted / empirical field SD at R2* " + r2);
            assertTrue(mc[1] > previous, "field SD grows with R2*");
            previous = mc[1];
        }
    }

    @Test
    void noiseSdIsRecoveredFromTheResiduals() {
        double[] te = IronFatPhantom.echoes(12, 1.0, 1.2);
        WaterFatProjection model = new WaterFatProjection(te, LIVER, 1.5, 1000, 64, 0, 2000, 21);
        WaterFatProjection.Workspace ws = model.workspace();
        double[] c = LIVER.complexFactor(te, 1.5);
        MeasurementNoise noise = new MeasurementNoise(1.7, 3);
        int n = 2000;
        float[] residual = new float[n];
        boolean[] mask = new boolean[n];
        for (int v = 0; v < n; v++) {
            double r2 = 30 + v % 500;
            double[] s = ChemicalShiftSignal.evaluate(new double[] {80, 10}, new double[] {15, 2}, -20, r2, te, c);
            noise.addTo(s);
            ws.load(s);
            ws.refine(-20, r2, -20, 20);
            residual[v] = (float) ws.residual;
            mask[v] = true;
        }
        assertEquals(1.7, FatWaterSeparation.estimateNoiseSd(residual, mask, te.length), 0.05);
    }

    /**
     * The whole separation's fieldmap_sd against Monte Carlo over noise seeds on the {@link IronFatPhantom} (1.5 T,
     * SNR 50, 20 seeds, same anatomy and field): per region, the RMS over voxels of the empirical SD of the fitted field
     * over the seeds, against the RMS of the reported SD. Where the neighbour prior acts (high R2*) the reported SD is
     * the posterior SD of the MAP fit; neighbouring voxels share their prior, so this checks it as a whole.
     */
    @Test
    @Tag("validation")
    void fieldSdOfTheSeparationMatchesMonteCarloOverSeeds() {
        int seeds = 20;
        double[] r2Levels = {1000, 700, 400, 200, 50};
        double[] pdffLevels = {0, 12, 30};
        IronFatPhantom first = null;
        double[][] sum = null;
        double[][] sum2 = null;
        double[][] reported = null;
        for (int s = 0; s < seeds; s++) {
            IronFatPhantom p = new IronFatPhantom(
                    IronFatPhantom.echoes(12, 1.0, 1.2), 1.5, r2Levels, pdffLevels, 150, 80, 50, 3, 2, 100 + s);
            FatWaterSeparation.Result r = FatWaterSeparation.separate(
                    p.re,
                    p.im,
                    p.body,
                    p.grid,
                    p.te,
                    LIVER,
                    1.5,
                    FatWaterSeparation.Options.DEFAULTS.withCoarseFactor(1),
                    org.ferrum.core.parallel.Cancellation.NEVER);
            if (first == null) {
                first = p;
                int n = p.grid.size();
                sum = new double[1][n];
                sum2 = new double[1][n];
                reported = new double[1][n];
            }
            for (int v = 0; v < p.grid.size(); v++) {
                double e = r.fieldHz()[v] - p.field[v];
                sum[0][v] += e;
                sum2[0][v] += e * e;
                reported[0][v] += r.fieldSdHz()[v] * (double) r.fieldSdHz()[v];
            }
        }
        int regions = r2Levels.length * pdffLevels.length;
        for (int g = 0; g < regions; g++) {
            double emp = 0;
            double rep = 0;
            int n = 0;
            for (int v = 0; v < first.grid.size(); v++) {
                if (first.region[v] != g) {
                    continue;
                }
                double mean = sum[0][v] / seeds;
                emp += (sum2[0][v] - seeds * mean * mean) / (seeds - 1);
                rep += reported[0][v] / seeds;
                n++;
            }
            double ratio = Math.sqrt(rep / n) / Math.sqrt(emp / n);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "R2* %4.0f /s, PDFF %2.0f %%: empirical field SD %.2f Hz, reported %.2f Hz," + " ratio %.2f%n",
                    r2Levels[g / pdffLevels.length],
                    pdffLevels[g % pdffLevels.length],
                    Math.sqrt(emp / n),
                    Math.sqrt(rep / n),
                    ratio);
        }
    }
}
