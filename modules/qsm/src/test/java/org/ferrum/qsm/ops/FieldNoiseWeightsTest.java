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
package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.inversion.SpherePhantom;
import org.junit.jupiter.api.Test;

/**
 * The {@code field_sd} contract end to end: the echo combination's output against the textbook variance of a
 * least-squares slope, the weight W = 1/σ, and every weighted solver taking it (in ppm or Hz) and using it.
 */
class FieldNoiseWeightsTest {

    private static final VoxelGrid GRID = new VoxelGrid(32, 32, 32, 1, 1, 1);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 1);
    private static final double[] CENTRE = {16, 16, 16};
    private static final double TESLA = 3.0;
    private static final double[] TE = {0.004, 0.009, 0.017, 0.026};

    private static Volume<FloatType> volume(float[] v, PhysicalUnit unit) {
        return VolumeArrays.volume(v, GRID, GEOMETRY, unit);
    }

    private static Volume<FloatType> mask(boolean[] m) {
        return VolumeArrays.maskVolume(m, GRID, GEOMETRY);
    }

    /** Magnitude 100 with Rayleigh-noise air (σ) outside the ball, phase 2π·f·TE with f = 20 Hz; one frame per echo. */
    private static MultiEchoGre gre(boolean[] ball, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] m = new float[TE.length][GRID.size()], p = new float[TE.length][GRID.size()];
        for (int e = 0; e < TE.length; e++) {
            for (int v = 0; v < GRID.size(); v++) {
                m[e][v] = ball[v]
                        ? 100f
                        : (float) Math.hypot(sigma * random.nextGaussian(), sigma * random.nextGaussian());
                p[e][v] = (float) (2 * Math.PI * 20 * TE[e]);
            }
        }
        return new MultiEchoGre(
                VolumeArrays.frames(m, GRID, GEOMETRY, PhysicalUnit.ARBITRARY),
                VolumeArrays.frames(p, GRID, GEOMETRY, PhysicalUnit.RADIAN),
                new GreAcquisition(EchoTimes.ofSeconds(TE), TESLA));
    }

    /** Var of an ordinary least-squares slope: σ_φ² / Σ(TE − T̄)², over (2π)², in ppm. */
    private static double olsSdPpm(double sigmaPhase) {
        double mean = 0;
        for (double t : TE) {
            mean += t / TE.length;
        }
        double stt = 0;
        for (double t : TE) {
            stt += (t - mean) * (t - mean);
        }
        return sigmaPhase / Math.sqrt(stt) / (2 * Math.PI) * FieldUnits.hertzToPpm(1.0, TESLA);
    }

    @Test
    void echoCombineGivesTheSlopeSdInPpmWithSigmaGivenOrFromTheAir() throws OperatorException {
        boolean[] ball = SpherePhantom.ball(GRID, CENTRE, 10);
        MultiEchoGre gre = gre(ball, 2.0, 1);
        double expected = olsSdPpm(2.0 / 100);
        OperatorHarness given = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", gre)
                .input("mask", mask(ball))
                .set("weighting", "uniform")
                .set("noise_sigma", 2.0)
                .run();
        Volume<FloatType> sd = given.output("field_sd", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.PPM, sd.unit());
        float[] s = VolumeArrays.frame(sd, 0);
        for (int v = 0; v < s.length; v++) {
            if (ball[v]) {
                assertEquals(expected, s[v], 1e-4 * expected);
            } else {
                assertTrue(Float.isNaN(s[v]), "NaN outside the mask");
            }
        }
        OperatorHarness air = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", gre)
                .input("mask", mask(ball))
                .set("weighting", "uniform")
                .run();
        float[] a = VolumeArrays.frame(air.output("field_sd", PortTypes.VOLUME), 0);
        assertEquals(expected, a[GRID.index(16, 16, 16)], 0.05 * expected);
        assertTrue(
                air.logLines().stream().anyMatch(l -> l.contains("Rayleigh")),
                air.logLines().toString());
    }

    @Test
    void weightIsTheReciprocalSdWithMeanSquareOneFloorAndZeros() {
        boolean[] mask = {true, true, true, true, true, false};
        float[] sd = {1f, 2f, 0.01f, Float.NaN, 1000f, 1f};
        FieldNoiseWeights.Weights w = FieldNoiseWeights.weights(sd, mask);
        float[] x = w.weight();
        assertEquals(2, x[0] / x[1], 1e-5, "W ∝ 1/σ");
        assertEquals(0, x[3]);
        assertEquals(0, x[4], "σ above 100× the median");
        assertEquals(0, x[5], "outside the mask");
        assertEquals(w.medianSd(), 1 / (x[2] / x[0]) / FieldNoiseWeights.FLOOR, 1e-4, "σ clamped at the floor");
        double ms = 0;
        for (int v = 0; v < 5; v++) {
            ms += x[v] * x[v] / 5;
        }
        assertEquals(1, ms, 1e-5);
        assertEquals(1, w.floored());
        assertEquals(2, w.zeroed());
    }

    /** The solvers with a field_sd port and the name of their field input. */
    private static List<Object[]> solvers() {
        return List.of(
                new Object[] {new TotalVariationAdmmOperator(), "local_field"},
                new Object[] {new MorphologyEnabledDipoleInversionOperator(), "local_field"},
                new Object[] {new IterativeLsqrOperator(), "local_field"},
                new Object[] {new TotalFieldInversionOperator(), "field"});
    }

    /**
     * A 0.1 ppm sphere's field plus a bogus 0.5 ppm block (a wrap left in, say) where the field SD says "unknown":
     * with field_sd each inversion's χ in the mask stays close to its χ from the clean field, without it the block
     * corrupts it; field_sd in Hz with 'gre' gives the same χ as in ppm.
     */
    @Test
    void everyInversionDownWeightsWhatFieldSdCallsUnreliable() throws OperatorException {
        boolean[] ball = SpherePhantom.ball(GRID, CENTRE, 13);
        float[] clean = new float[GRID.size()];
        SpherePhantom.addField(clean, GRID, CENTRE, 5, 0.1, new double[] {0, 0, 1});
        float[] bogus = clean.clone();
        float[] sdPpm = new float[GRID.size()], sdHz = new float[GRID.size()];
        double hzPerPpm = 1 / FieldUnits.hertzToPpm(1.0, TESLA);
        for (int z = 0; z < 32; z++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int v = GRID.index(x, y, z);
                    boolean block = x >= 22 && x < 26 && y >= 14 && y < 18 && z >= 14 && z < 18;
                    bogus[v] += block ? 0.5f : 0f;
                    sdPpm[v] = block ? Float.NaN : 0.002f;
                    sdHz[v] = (float) (sdPpm[v] * hzPerPpm);
                }
            }
        }
        MultiEchoGre gre = gre(ball, 1.0, 2);
        for (Object[] s : solvers()) {
            Operator op = (Operator) s[0];
            String port = (String) s[1];
            float[] ref = chi(op, port, clean, ball, gre, volume(sdPpm, PhysicalUnit.PPM));
            float[] weighted = chi(op, port, bogus, ball, gre, volume(sdPpm, PhysicalUnit.PPM));
            float[] weightedHz = chi(op, port, bogus, ball, gre, volume(sdHz, PhysicalUnit.HERTZ));
            float[] plain = chi(op, port, bogus, ball, gre, null);
            String id = op.descriptor().id();
            double eWeighted = rmsDifference(weighted, ref, ball), ePlain = rmsDifference(plain, ref, ball);
            assertTrue(eWeighted < 0.5 * ePlain, id + ": weighted " + eWeighted + " vs unweighted " + ePlain);
            assertTrue(rmsDifference(weightedHz, weighted, ball) < 1e-6, id + ": Hz and ppm differ");
        }
    }

    @Test
    void fieldSdInHertzNeedsTheAcquisitionAndPdfRefusesTwoWeights() {
        boolean[] ball = SpherePhantom.ball(GRID, CENTRE, 13);
        float[] f = new float[GRID.size()];
        float[] sd = new float[GRID.size()];
        java.util.Arrays.fill(sd, 1f);
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new TotalVariationAdmmOperator())
                        .input("local_field", volume(f, PhysicalUnit.PPM))
                        .input("mask", mask(ball))
                        .input("field_sd", volume(sd, PhysicalUnit.HERTZ))
                        .run());
        assertTrue(
                e.isBadInput()
                        && e.getMessage().contains("field_sd")
                        && e.getMessage().contains("gre"),
                e.getMessage());
        OperatorException both =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator())
                        .input("field", volume(f, PhysicalUnit.PPM))
                        .input("mask", mask(ball))
                        .input("gre", gre(ball, 1, 3))
                        .input("weights", volume(sd, PhysicalUnit.DIMENSIONLESS))
                        .input("field_sd", volume(sd, PhysicalUnit.PPM))
                        .run());
        assertTrue(both.isBadInput() && both.getMessage().contains("field_sd"), both.getMessage());
        float[] nan = new float[GRID.size()];
        java.util.Arrays.fill(nan, Float.NaN);
        OperatorException none = assertThrows(
                OperatorException.class, () -> OperatorHarness.of(new MorphologyEnabledDipoleInversionOperator())
                        .input("local_field", volume(f, PhysicalUnit.PPM))
                        .input("mask", mask(ball))
                        .input("gre", gre(ball, 1, 3))
                        .input("field_sd", volume(nan, PhysicalUnit.PPM))
                        .run());
        assertTrue(none.isBadInput() && none.getMessage().contains("field_sd"), none.getMessage());
    }

    @Test
    void pdfWithFieldSdIgnoresAnUnreliableBlock() throws OperatorException {
        // a harmonic (background) field plus a bogus block marked unreliable: the weighted PDF's local field elsewhere
        // stays near 0, the unweighted one spreads the block's misfit
        boolean[] ball = SpherePhantom.ball(GRID, CENTRE, 13);
        float[] field = new float[GRID.size()];
        float[] sd = new float[GRID.size()];
        for (int z = 0; z < 32; z++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int v = GRID.index(x, y, z);
                    boolean block = x >= 22 && x < 27 && y >= 14 && y < 19 && z >= 14 && z < 19;
                    field[v] = (float) (0.01 * (x - 16) - 0.02 * (z - 16)) + (block ? 1f : 0f);
                    sd[v] = block ? Float.NaN : 0.002f;
                }
            }
        }
        MultiEchoGre gre = gre(ball, 1, 4);
        double[] errors = new double[2];
        for (int i = 0; i < 2; i++) {
            OperatorHarness c = OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator())
                    .input("field", volume(field, PhysicalUnit.PPM))
                    .input("mask", mask(ball))
                    .input("gre", gre)
                    .set("padding", 8L);
            if (i == 1) {
                c.input("field_sd", volume(sd, PhysicalUnit.PPM));
            }
            float[] local = VolumeArrays.frame(c.run().output("local_field", PortTypes.VOLUME), 0);
            double e = 0;
            int n = 0;
            for (int v = 0; v < local.length; v++) {
                if (ball[v] && !Float.isNaN(sd[v])) {
                    e += local[v] * (double) local[v];
                    n++;
                }
            }
            errors[i] = Math.sqrt(e / n);
        }
        assertTrue(
                errors[1] < 0.5 * errors[0],
                "local field outside the block: weighted " + errors[1] + " vs " + errors[0]);
    }

    private static float[] chi(
            Operator op, String port, float[] field, boolean[] ball, MultiEchoGre gre, Volume<FloatType> sd)
            throws OperatorException {
        OperatorHarness c = OperatorHarness.of(op)
                .input(port, volume(field, PhysicalUnit.PPM))
                .input("mask", mask(ball))
                .input("gre", gre)
                .set("pad", 1.0);
        if (sd != null) {
            c.input("field_sd", sd);
        }
        return VolumeArrays.frame(c.run().output("chi", PortTypes.VOLUME), 0);
    }

    private static double rmsDifference(float[] a, float[] b, boolean[] mask) {
        double e = 0;
        int n = 0;
        for (int v = 0; v < a.length; v++) {
            if (mask[v]) {
                e += (a[v] - b[v]) * (double) (a[v] - b[v]);
                n++;
            }
        }
        return Math.sqrt(e / n);
    }
}
