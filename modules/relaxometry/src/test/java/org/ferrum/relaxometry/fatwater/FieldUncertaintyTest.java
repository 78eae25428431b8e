package org.ferrum.relaxometry.fatwater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.MeasurementNoise;
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
            double[] s = ChemicalShiftSignal.evaluate(new double[]{w * Math.cos(phase), w * Math.sin(phase)},
                    new double[]{f * Math.cos(phase), f * Math.sin(phase)}, psi, r2, te, c);
            noise.addTo(s);
            ws.load(s);
            ws.refine(psi, r2, psi, 20);
            double e = ws.field - psi;
            sum += e;
            sum2 += e * e;
            predicted += sigma * Math.sqrt(ws.fieldVariancePerNoiseVariance());
        }
        double mean = sum / draws;
        return new double[]{Math.sqrt(sum2 / draws - mean * mean), predicted / draws};
    }

    @Test
    void fieldSdMatchesMonteCarloAndGrowsWithR2Star() {
        double[] te = IronFatPhantom.echoes(12, 1.0, 1.2);
        double previous = 0;
        for (double r2 : new double[]{50, 300, 700}) {
            double[] mc = monteCarlo(1.5, te, r2, 10, 1, 1500, 5 + (long) r2);
            System.out.printf("1.5 T, R2* %4.0f /s, SNR 100: empirical SD %.2f Hz, predicted %.2f Hz%n", r2, mc[0], mc[1]);
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
            double[] s = ChemicalShiftSignal.evaluate(new double[]{80, 10}, new double[]{15, 2}, -20, r2, te, c);
            noise.addTo(s);
            ws.load(s);
            ws.refine(-20, r2, -20, 20);
            residual[v] = (float) ws.residual;
            mask[v] = true;
        }
        assertEquals(1.7, FatWaterSeparation.estimateNoiseSd(residual, mask, te.length), 0.05);
    }
}
