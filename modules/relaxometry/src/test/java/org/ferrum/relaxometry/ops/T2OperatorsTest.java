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
package org.ferrum.relaxometry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.relaxometry.MeasurementNoise;
import org.ferrum.relaxometry.t2.MultiEchoSpinEcho;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The T2 operators on a slab simulated by the isochromat Bloch simulation (B1 from 0.7 to 1.2 along x, T2 from 30 to
 * 150 ms along y), with Rician noise and a noise-only border for the σ estimate.
 */
class T2OperatorsTest {

    private static final int NX = 14;
    private static final int NY = 10;
    private static final int NZ = 2;
    private static final int ECHOES = 24;
    private static final double ESP = 0.009;
    private static final double M0 = 800;
    private static final double SIGMA = 4; // SNR 200
    private static final VoxelGrid GRID = new VoxelGrid(NX, NY, NZ, 1, 1, 3);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 3);

    private static MultiEchoSpinEcho slab;
    private static Volume<FloatType> mask;
    private static double[] trueT2;
    private static double[] trueB1;

    /** The isochromat simulation lives in the t2 test package; it is reached through reflection, package-private. */
    static double[] simulate(double t2, double refocusingDegrees) throws Exception {
        Method m = Class.forName("org.ferrum.relaxometry.t2.IsochromatCpmg")
                .getDeclaredMethod(
                        "simulate",
                        int.class,
                        double.class,
                        double.class,
                        double.class,
                        double.class,
                        double.class,
                        int.class);
        m.setAccessible(true);
        return (double[]) m.invoke(null, ECHOES, ESP, 1.0, t2, refocusingDegrees, 90.0, 120);
    }

    static double[] echoTimes(int n) {
        double[] te = new double[n];
        for (int e = 0; e < n; e++) {
            te[e] = (e + 1) * ESP;
        }
        return te;
    }

    @BeforeAll
    static void simulateSlab() throws Exception {
        float[][] frames = new float[ECHOES][GRID.size()];
        boolean[] inside = new boolean[GRID.size()];
        trueT2 = new double[GRID.size()];
        trueB1 = new double[GRID.size()];
        MeasurementNoise noise = new MeasurementNoise(SIGMA, 2026);
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    int v = GRID.index(i, j, k);
                    boolean object = i >= 2 && i < NX - 2 && j >= 2 && j < NY - 2;
                    inside[v] = object;
                    double t2 = 0.03 + 0.12 * (j - 2) / (NY - 5);
                    double b1 = 0.7 + 0.5 * (i - 2) / (NX - 5);
                    double[] clean = object ? simulate(t2, 180 * b1) : new double[ECHOES];
                    trueT2[v] = t2 * 1e3;
                    trueB1[v] = Math.min(b1, 2 - b1);
                    for (int e = 0; e < ECHOES; e++) {
                        frames[e][v] = (float) noise.noisyMagnitude(M0 * clean[e]);
                    }
                }
            }
        }
        slab = new MultiEchoSpinEcho(
                VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.ARBITRARY),
                EchoTimes.ofSeconds(echoTimes(ECHOES)),
                3.0);
        mask = VolumeArrays.maskVolume(inside, GRID, GEOMETRY);
    }

    @Test
    void epgMapsT2AndB1AndTheMonoFitIsBiasedWhereB1IsLow() throws Exception {
        OperatorHarness epg = OperatorHarness.of(new T2EpgOperator())
                .input(T2Ports.MESE, slab)
                .input(T2Ports.MASK, mask)
                .run();
        OperatorHarness mono = OperatorHarness.of(new T2MonoOperator())
                .input(T2Ports.MESE, slab)
                .input(T2Ports.MASK, mask)
                .run();
        float[] t2 = VolumeArrays.frame(epg.output(T2Ports.T2), 0);
        float[] b1 = VolumeArrays.frame(epg.output(T2EpgOperator.B1), 0);
        float[] status = VolumeArrays.frame(epg.output(T2Ports.STATUS), 0);
        float[] monoT2 = VolumeArrays.frame(mono.output(T2Ports.T2), 0);
        boolean[] inside = VolumeArrays.mask(mask);
        double[] epgError = new double[VolumeArrays.count(inside)];
        double[] b1Error = new double[epgError.length];
        double monoLowB1 = 0;
        double epgLowB1 = 0;
        int lowB1 = 0;
        int n = 0;
        for (int v = 0; v < inside.length; v++) {
            if (!inside[v]) {
                assertEquals(FitStatus.NOT_FITTED.code(), status[v]);
                assertEquals(0, t2[v]);
                continue;
            }
            assertEquals(FitStatus.CONVERGED.code(), status[v], "status at voxel " + v);
            epgError[n] = Math.abs(t2[v] / trueT2[v] - 1);
            b1Error[n++] = Math.abs(b1[v] - trueB1[v]);
            if (trueB1[v] < 0.76) {
                monoLowB1 += monoT2[v] / trueT2[v] - 1;
                epgLowB1 += t2[v] / trueT2[v] - 1;
                lowB1++;
            }
        }
        Arrays.sort(epgError);
        Arrays.sort(b1Error);
        double medianT2 = epgError[n / 2];
        double medianB1 = b1Error[n / 2];
        System.out.printf(
                java.util.Locale.ROOT,
                "slab: EPG median |T2 error| %.2f %%, 90th percentile %.2f %%; median |B1 error| %.4f; at B1 ≈ 0.7 mono"
                        + " T2 %+.1f %%, EPG %+.1f %%; log %s%n",
                100 * medianT2,
                100 * epgError[(int) (0.9 * n)],
                medianB1,
                100 * monoLowB1 / lowB1,
                100 * epgLowB1 / lowB1,
                epg.logLines());
        assertTrue(medianT2 < 0.02, "median EPG T2 error " + medianT2);
        assertTrue(medianB1 < 0.02, "median B1 error " + medianB1);
        assertTrue(monoLowB1 / lowB1 > 0.04, "mono T2 bias at low B1 " + monoLowB1 / lowB1);
        assertTrue(Math.abs(epgLowB1 / lowB1) < 0.02, "EPG T2 bias at low B1 " + epgLowB1 / lowB1);
        assertTrue(epg.logLines().stream().anyMatch(l -> l.contains("estimated")), "σ was estimated from the border");
        assertEquals(PhysicalUnit.MILLISECOND, epg.output(T2Ports.T2).unit());
        assertTrue(epg.warnings().isEmpty(), epg.warnings().toString());
    }

    @Test
    void aMaskOnAnotherGridIsRefusedNamingIt() {
        VoxelGrid other = new VoxelGrid(NX, NY + 1, NZ, 1, 1, 3);
        boolean[] m = new boolean[other.size()];
        m[30] = true;
        String message = OperatorHarness.of(new T2EpgOperator())
                .input(T2Ports.MESE, slab)
                .input(T2Ports.MASK, VolumeArrays.maskVolume(m, other, GEOMETRY))
                .runExpectingBadInput();
        assertTrue(message.contains("mask") && message.contains("mese"), message);
    }

    @Test
    void tooFewEchoesForTheEpgFitAreRefused() {
        MultiEchoSpinEcho two = twoEchoes(new double[] {0.01, 0.02});
        String message =
                OperatorHarness.of(new T2EpgOperator()).input(T2Ports.MESE, two).runExpectingBadInput();
        assertTrue(message.contains("'mese'") && message.contains("at least 3"), message);
        String first = OperatorHarness.of(new T2MonoOperator())
                .input(T2Ports.MESE, two)
                .set(T2MonoOperator.FIRST_ECHO, 2L)
                .runExpectingBadInput();
        assertTrue(first.contains("first_echo"), first);
    }

    @Test
    void echoTimesThatAreNotMultiplesOfOneSpacingAreRefusedByTheEpgFit() {
        MultiEchoSpinEcho uneven = twoEchoes(new double[] {0.01, 0.02, 0.035});
        String message = OperatorHarness.of(new T2EpgOperator())
                .input(T2Ports.MESE, uneven)
                .set(T2EpgOperator.NOISE_FLOOR, false)
                .runExpectingBadInput();
        assertTrue(message.contains("'mese'") && message.contains("n·ESP"), message);
    }

    @Test
    void anInvertedRangeIsRefused() {
        String message = OperatorHarness.of(new T2EpgOperator())
                .input(T2Ports.MESE, slab)
                .set(T2EpgOperator.B1_MIN, 1.2)
                .set(T2EpgOperator.B1_MAX, 1.1)
                .runExpectingBadInput();
        assertTrue(message.contains("b1_min") && message.contains("b1_max"), message);
    }

    @Test
    void cancellationStopsTheFit() {
        OperatorHarness.of(new T2EpgOperator())
                .input(T2Ports.MESE, slab)
                .input(T2Ports.MASK, mask)
                .cancel()
                .runExpectingCancellation();
    }

    private static MultiEchoSpinEcho twoEchoes(double[] te) {
        float[][] frames = new float[te.length][GRID.size()];
        for (float[] f : frames) {
            Arrays.fill(f, 100);
        }
        return new MultiEchoSpinEcho(
                VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.ARBITRARY), EchoTimes.ofSeconds(te), 3.0);
    }
}
