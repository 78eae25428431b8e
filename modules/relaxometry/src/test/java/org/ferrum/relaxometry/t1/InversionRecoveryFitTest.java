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
package org.ferrum.relaxometry.t1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.relaxometry.MeasurementNoise;
import org.ferrum.relaxometry.ops.InversionRecoveryT1Operator;
import org.junit.jupiter.api.Test;

/** Inversion-recovery T1 against magnitudes from a stepped relaxation (not the fitted closed form), Rician noise. */
class InversionRecoveryFitTest {

    private static final double[] TI = {0.05, 0.15, 0.35, 0.7, 1.2, 2.0, 3.5};

    /** |Mz(TI)| after an inversion of efficiency {@code eff} (Mz(0) = −eff·M0), relaxation stepped in 0.1 ms. */
    static double stepped(double ti, double t1, double eff) {
        double dt = 1e-4;
        double mz = -eff;
        double decay = Math.exp(-dt / t1);
        int steps = (int) Math.round(ti / dt);
        for (int k = 0; k < steps; k++) {
            mz = 1 + (mz - 1) * decay;
        }
        return Math.abs(mz);
    }

    @Test
    void recoversT1AcrossTheNullWithImperfectInversion() {
        StringBuilder report = new StringBuilder();
        for (double t1 : new double[] {0.25, 0.8, 1.4, 2.5}) {
            for (double eff : new double[] {1.0, 0.92}) {
                for (double snr : new double[] {Double.POSITIVE_INFINITY, 200, 50}) {
                    MeasurementNoise noise = new MeasurementNoise(1000 / snr, 7 + (long) (t1 * 100));
                    int voxels = Double.isInfinite(snr) ? 1 : 200;
                    double[] errors = new double[voxels];
                    InversionRecoveryFit fit = new InversionRecoveryFit(TI, 0.005, 10);
                    double[] s = new double[TI.length];
                    for (int v = 0; v < voxels; v++) {
                        for (int i = 0; i < TI.length; i++) {
                            double clean = 1000 * stepped(TI[i], t1, eff);
                            s[i] = Double.isInfinite(snr) ? clean : noise.noisyMagnitude(clean);
                        }
                        FitStatus st = fit.fit(s);
                        assertTrue(st.usable(), "T1 " + t1 + " status " + st);
                        errors[v] = fit.t1() / t1 - 1;
                    }
                    Arrays.sort(errors);
                    double median = errors[voxels / 2];
                    double tolerance = Double.isInfinite(snr) ? 1e-4 : 3.0 / snr;
                    report.append(String.format(
                            Locale.ROOT,
                            "%n  T1 %.2f s, inversion %.2f, SNR %s: median error %+.3f %%",
                            t1,
                            eff,
                            Double.isInfinite(snr) ? "∞" : String.format(Locale.ROOT, "%.0f", snr),
                            100 * median));
                    assertTrue(Math.abs(median) < tolerance, report.toString());
                }
            }
        }
        System.out.println("[InversionRecoveryFitTest]" + report);
    }

    @Test
    void operatorFitsAndRefusesBadTiLists() throws Exception {
        VoxelGrid grid = new VoxelGrid(4, 3, 1, 1, 1, 1);
        float[][] frames = new float[TI.length][grid.size()];
        for (int i = 0; i < TI.length; i++) {
            for (int v = 0; v < grid.size(); v++) {
                frames[i][v] = (float) (1000 * stepped(TI[i], 0.4 + 0.2 * v, 1));
            }
        }
        var ir = VolumeArrays.frames(frames, grid, Geometry.identity(), PhysicalUnit.ARBITRARY);
        OperatorHarness h = OperatorHarness.of(new InversionRecoveryT1Operator())
                .input(InversionRecoveryT1Operator.IR, ir)
                .set(InversionRecoveryT1Operator.INVERSION_TIMES, "50, 150, 350, 700, 1200, 2000, 3500")
                .run();
        float[] t1 = VolumeArrays.frame(h.output(InversionRecoveryT1Operator.T1), 0);
        for (int v = 0; v < grid.size(); v++) {
            assertEquals(0.4 + 0.2 * v, t1[v], 1e-3 * (0.4 + 0.2 * v));
        }
        assertTrue(h.logLines().stream().anyMatch(l -> l.contains("given in ms")));
        String m = OperatorHarness.of(new InversionRecoveryT1Operator())
                .input(InversionRecoveryT1Operator.IR, ir)
                .set(InversionRecoveryT1Operator.INVERSION_TIMES, "0.05 0.15 0.35")
                .runExpectingBadInput();
        assertTrue(m.contains("3 inversion time(s)") && m.contains("7 frame(s)"), m);
        m = OperatorHarness.of(new InversionRecoveryT1Operator())
                .input(InversionRecoveryT1Operator.IR, ir)
                .runExpectingBadInput();
        assertTrue(m.contains("'inversion_times' is empty"), m);
    }
}
