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
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.unwrap.MultiEchoPhantom;
import org.junit.jupiter.api.Test;

class PhaseOperatorsTest {

    private static final VoxelGrid GRID = new VoxelGrid(32, 32, 28, 1, 1, 1);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 1);
    private static final double[] TE = {0.003, 0.0075, 0.014, 0.022};
    private static final double TESLA = 3.0;

    private static MultiEchoGre gre(float[][] magnitude, float[][] phase, double[] te) {
        Volume<FloatType> mag = VolumeArrays.frames(magnitude, GRID, GEOMETRY, PhysicalUnit.ARBITRARY);
        Volume<FloatType> pha = phase == null ? null : VolumeArrays.frames(phase, GRID, GEOMETRY, PhysicalUnit.RADIAN);
        return new MultiEchoGre(mag, pha, new GreAcquisition(EchoTimes.ofSeconds(te), TESLA));
    }

    private static float[][] frames(Volume<FloatType> v) {
        float[][] out = new float[v.frames()][];
        for (int e = 0; e < out.length; e++) {
            out[e] = VolumeArrays.frame(v, e);
        }
        return out;
    }

    @Test
    void romeoThenEchoCombinationRecoversTheFieldInHzAndPpm() throws OperatorException {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, TE, 0, 7);
        MultiEchoGre in = gre(p.magnitude, p.wrapped, TE);
        OperatorHarness romeo = OperatorHarness.of(new RomeoUnwrappingOperator())
                .input("gre", in)
                .input("mask", VolumeArrays.maskVolume(p.mask, GRID, GEOMETRY))
                .run();
        Volume<FloatType> phase = romeo.output("phase", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.RADIAN, phase.unit());
        assertEquals(4, phase.frames());
        assertEquals(
                PhysicalUnit.DIMENSIONLESS,
                romeo.output("quality", PortTypes.VOLUME).unit());
        assertEquals(
                PhysicalUnit.RADIAN, romeo.output("offset", PortTypes.VOLUME).unit());
        MultiEchoGre unwrapped = romeo.output("gre", PortTypes.MULTI_ECHO_GRE);
        assertEquals(in.acquisition(), unwrapped.acquisition());
        assertTrue(unwrapped.magnitude() == in.magnitude(), "magnitude is passed on");
        float[][] u = frames(phase);
        for (int e = 0; e < TE.length; e++) {
            for (int v = 0; v < GRID.size(); v++) {
                if (p.mask[v]) {
                    assertEquals(p.truth[e][v], u[e][v], 1e-3, "echo " + (e + 1) + " voxel " + v);
                } else {
                    assertEquals(p.wrapped[e][v], u[e][v], "left wrapped outside the mask");
                }
            }
        }

        OperatorHarness combine = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", unwrapped)
                .input("mask", VolumeArrays.maskVolume(p.mask, GRID, GEOMETRY))
                .run();
        Volume<FloatType> hz = combine.output("field_hz", PortTypes.VOLUME);
        Volume<FloatType> ppm = combine.output("field", PortTypes.VOLUME);
        Volume<FloatType> offset = combine.output("offset", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.HERTZ, hz.unit());
        assertEquals(PhysicalUnit.PPM, ppm.unit());
        assertEquals(PhysicalUnit.RADIAN, offset.unit());
        assertEquals(3, hz.numDimensions());
        float[] f = VolumeArrays.frame(hz, 0), fp = VolumeArrays.frame(ppm, 0), o = VolumeArrays.frame(offset, 0);
        for (int v = 0; v < GRID.size(); v++) {
            if (p.mask[v]) {
                assertEquals(p.frequencyHz[v], f[v], 0.05, "Hz at " + v);
                assertEquals(FieldUnits.hertzToPpm(p.frequencyHz[v], TESLA), fp[v], 1e-3, "ppm at " + v);
                assertEquals(p.offset[v], o[v], 2e-3, "offset at " + v);
            } else {
                assertEquals(0f, f[v]);
            }
        }
    }

    @Test
    void laplacianModesGiveUnwrappedAndCongruentPhase() throws OperatorException {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, new double[] {0.003, 0.006}, 0, 8);
        MultiEchoGre in = gre(p.magnitude, p.wrapped, new double[] {0.003, 0.006});
        OperatorHarness plain = OperatorHarness.of(new LaplacianUnwrappingOperator())
                .input("gre", in)
                .run();
        OperatorHarness congruent = OperatorHarness.of(new LaplacianUnwrappingOperator())
                .input("gre", in)
                .set("mode", "congruent")
                .run();
        Volume<FloatType> a = plain.output("phase", PortTypes.VOLUME);
        Volume<FloatType> b = congruent.output("phase", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.RADIAN, a.unit());
        assertEquals(2, b.frames());
        float[][] pa = frames(a), pb = frames(b);
        int notCongruent = 0;
        for (int e = 0; e < 2; e++) {
            for (int v = 0; v < GRID.size(); v++) {
                double d = pb[e][v] - p.wrapped[e][v];
                assertEquals(0, d - 2 * Math.PI * Math.round(d / (2 * Math.PI)), 1e-4);
                double da = pa[e][v] - p.wrapped[e][v];
                notCongruent += Math.abs(da - 2 * Math.PI * Math.round(da / (2 * Math.PI))) > 1e-3 ? 1 : 0;
            }
        }
        assertTrue(notCongruent > 0, "mode laplacian returns φ_L as is");
        MultiEchoGre out = congruent.output("gre", PortTypes.MULTI_ECHO_GRE);
        assertTrue(out.phase().isPresent());
        // the periodic boundary is also congruent after snapping, and differs from the mirrored solution
        OperatorHarness periodic = OperatorHarness.of(new LaplacianUnwrappingOperator())
                .input("gre", in)
                .set("boundary", "periodic")
                .run();
        assertTrue(
                periodic.logLines().stream().anyMatch(l -> l.contains("periodic boundary")),
                periodic.logLines().toString());
        float[][] pp = frames(periodic.output("phase", PortTypes.VOLUME));
        double differs = 0;
        for (int v = 0; v < GRID.size(); v++) {
            differs = Math.max(differs, Math.abs(pp[0][v] - pa[0][v]));
        }
        assertTrue(differs > 1e-4, "the boundary choice changes the solution: " + differs);
    }

    @Test
    void oneEchoWorksForLaplacianAndCombination() throws OperatorException {
        double[] te = {0.005};
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, te, 0, 9);
        MultiEchoGre in = gre(p.magnitude, p.wrapped, te);
        MultiEchoGre unwrapped = OperatorHarness.of(new LaplacianUnwrappingOperator())
                .input("gre", in)
                .set("mode", "congruent")
                .run()
                .output("gre", PortTypes.MULTI_ECHO_GRE);
        OperatorHarness combine = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", unwrapped)
                .run();
        float[] f = VolumeArrays.frame(combine.output("field_hz", PortTypes.VOLUME), 0);
        float[] phase = VolumeArrays.frame(unwrapped.phase().orElseThrow(), 0);
        for (int v = 0; v < f.length; v++) {
            assertEquals(phase[v] / (2 * Math.PI * te[0]), f[v], 1e-3);
        }
        assertTrue(
                combine.logLines().stream().anyMatch(l -> l.contains("one echo")),
                combine.logLines().toString());
        // ROMEO on one echo: offset correction is skipped with a log line, result still congruent
        OperatorHarness romeo = OperatorHarness.of(new RomeoUnwrappingOperator())
                .input("gre", in)
                .run();
        assertTrue(romeo.logLines().stream().anyMatch(l -> l.contains("offset correction skipped")));
    }

    @Test
    void magnitudeOnlyInputIsRefusedByEveryPhaseOperator() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, TE, 0, 10);
        MultiEchoGre magOnly = gre(p.magnitude, null, TE);
        for (var op : new org.ferrum.pipeline.api.Operator[] {
            new LaplacianUnwrappingOperator(), new RomeoUnwrappingOperator(), new EchoCombinationOperator()
        }) {
            OperatorException e = assertThrows(
                    OperatorException.class,
                    () -> OperatorHarness.of(op).input("gre", magOnly).run());
            assertTrue(e.isBadInput());
            assertTrue(e.getMessage().contains("'gre'") && e.getMessage().contains("no phase"), e.getMessage());
        }
    }

    @Test
    void nanPhaseIsCountedInTheMessageOrLeftOutWithoutAMask() throws OperatorException {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, TE, 0, 11);
        float[][] phase = p.wrapped.clone();
        phase[2] = phase[2].clone();
        int centre = GRID.index(16, 16, 14);
        phase[2][centre] = Float.NaN;
        phase[2][centre + 1] = Float.NaN;
        phase[2][centre + 2] = Float.NaN;
        MultiEchoGre in = gre(p.magnitude, phase, TE);
        Volume<FloatType> mask = VolumeArrays.maskVolume(p.mask, GRID, GEOMETRY);
        OperatorException lap =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new LaplacianUnwrappingOperator())
                        .input("gre", in)
                        .run());
        assertTrue(lap.isBadInput() && lap.getMessage().contains("3 NaN"), lap.getMessage());
        OperatorException romeo =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new RomeoUnwrappingOperator())
                        .input("gre", in)
                        .input("mask", mask)
                        .run());
        assertTrue(
                romeo.getMessage().contains("3 NaN") && romeo.getMessage().contains("inside the mask"),
                romeo.getMessage());
        OperatorException comb =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new EchoCombinationOperator())
                        .input("gre", in)
                        .input("mask", mask)
                        .run());
        assertTrue(comb.getMessage().contains("3 NaN"), comb.getMessage());
        OperatorHarness noMask = OperatorHarness.of(new RomeoUnwrappingOperator())
                .input("gre", in)
                .run();
        assertTrue(
                noMask.logLines().stream().anyMatch(l -> l.contains("3 voxel(s) with NaN")),
                noMask.logLines().toString());
    }

    @Test
    void phaseScaledFarBelowRadiansIsFlaggedInTheLog() throws OperatorException {
        // e.g. a NIfTI whose header carries a stray scl_slope (the mriresearchtools-small files do: 0.00117)
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, TE, 0, 14);
        float[][] scaled = new float[TE.length][GRID.size()];
        for (int e = 0; e < TE.length; e++) {
            for (int v = 0; v < GRID.size(); v++) {
                scaled[e][v] = p.wrapped[e][v] * 0.00117f;
            }
        }
        OperatorHarness run = OperatorHarness.of(new LaplacianUnwrappingOperator())
                .input("gre", gre(p.magnitude, scaled, TE))
                .run();
        assertTrue(
                run.logLines().stream().anyMatch(l -> l.contains("spans only")),
                run.logLines().toString());
        OperatorHarness fine = OperatorHarness.of(new LaplacianUnwrappingOperator())
                .input("gre", gre(p.magnitude, p.wrapped, TE))
                .run();
        assertTrue(fine.logLines().stream().noneMatch(l -> l.contains("spans only")));
    }

    @Test
    void templateEchoBeyondTheEchoCountIsRefused() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, TE, 0, 12);
        MultiEchoGre in = gre(p.magnitude, p.wrapped, TE);
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new RomeoUnwrappingOperator())
                        .input("gre", in)
                        .set("template_echo", 5)
                        .run());
        assertTrue(e.isBadInput() && e.getMessage().contains("template_echo"), e.getMessage());
    }

    @Test
    void aMaskOnAnotherGridIsRefused() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, TE, 0, 13);
        MultiEchoGre in = gre(p.magnitude, p.wrapped, TE);
        VoxelGrid other = new VoxelGrid(32, 32, 27, 1, 1, 1);
        Volume<FloatType> mask = VolumeArrays.maskVolume(new boolean[other.size()], other, GEOMETRY);
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new EchoCombinationOperator())
                        .input("gre", in)
                        .input("mask", mask)
                        .run());
        assertTrue(e.getMessage().contains("'mask'"), e.getMessage());
    }
}
