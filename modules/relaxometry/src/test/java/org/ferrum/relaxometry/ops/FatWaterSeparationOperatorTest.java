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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/**
 * The {@code relax.fatwater} operator on a small noiseless phantom (16×16×2, 3 T, TE 1.1 + n·0.8 ms, 6 echoes): PDFF
 * 0–45 % along x, R2* 50–350 /s along y, field −100…+100 Hz; and its bad-input messages.
 */
class FatWaterSeparationOperatorTest {

    private static final VoxelGrid GRID = new VoxelGrid(16, 16, 2, 2, 2, 4);
    private static final Geometry GEOMETRY = Geometry.axisAligned(2, 2, 4);

    private static double pdff(int x) {
        return 3.0 * x;
    }

    private static double r2(int y) {
        return 50 + 20.0 * y + r2Offset;
    }

    /** Added to every voxel's R2* (an iron-rich liver for the late-echo warning). */
    private static double r2Offset = 0;

    private static double field(int x, int y) {
        return -100 + 200.0 * (x + y) / 30;
    }

    private static MultiEchoGre phantom(int echoes, boolean withPhase) {
        double[] te = new double[echoes];
        for (int e = 0; e < echoes; e++) {
            te[e] = (1.1 + 0.8 * e) * 1e-3;
        }
        FatSpectrum liver = FatSpectrum.byId("liver-6peak");
        double[] c = liver.complexFactor(te, 3);
        float[][] mag = new float[echoes][GRID.size()];
        float[][] ph = new float[echoes][GRID.size()];
        for (int z = 0; z < GRID.nz(); z++) {
            for (int y = 0; y < GRID.ny(); y++) {
                for (int x = 0; x < GRID.nx(); x++) {
                    int v = GRID.index(x, y, z);
                    double f = pdff(x) / 100;
                    double[] s = ChemicalShiftSignal.evaluate(
                            new double[] {100 * (1 - f), 0}, new double[] {100 * f, 0}, field(x, y), r2(y), te, c);
                    for (int e = 0; e < echoes; e++) {
                        mag[e][v] = (float) Math.hypot(s[2 * e], s[2 * e + 1]);
                        ph[e][v] = (float) Math.atan2(s[2 * e + 1], s[2 * e]);
                    }
                }
            }
        }
        return new MultiEchoGre(
                VolumeArrays.frames(mag, GRID, GEOMETRY, PhysicalUnit.ARBITRARY),
                withPhase ? VolumeArrays.frames(ph, GRID, GEOMETRY, PhysicalUnit.RADIAN) : null,
                new GreAcquisition(EchoTimes.ofSeconds(te), 3));
    }

    @Test
    void isRegisteredAndRecoversThePhantom() throws OperatorException {
        Operator op = Lookup.getDefault().lookupAll(Operator.class).stream()
                .filter(o -> o.descriptor().id().equals("relax.fatwater"))
                .findFirst()
                .orElseThrow();
        assertEquals("Relaxometry/Fat–water", op.descriptor().category());
        OperatorHarness ctx = OperatorHarness.of(op)
                .input(FatWaterSeparationOperator.GRE, phantom(6, true))
                .run();
        Volume<FloatType> pdff = ctx.output(FatWaterSeparationOperator.PDFF);
        assertEquals(PhysicalUnit.PERCENT, pdff.unit());
        assertEquals(
                PhysicalUnit.PER_SECOND,
                ctx.output(FatWaterSeparationOperator.R2STAR).unit());
        assertEquals(
                PhysicalUnit.HERTZ,
                ctx.output(FatWaterSeparationOperator.FIELDMAP).unit());
        float[] p = Volumes.floats(pdff);
        float[] r = Volumes.floats(ctx.output(FatWaterSeparationOperator.R2STAR));
        float[] f = Volumes.floats(ctx.output(FatWaterSeparationOperator.FIELDMAP));
        float[] w = Volumes.floats(ctx.output(FatWaterSeparationOperator.WATER));
        for (int y = 0; y < GRID.ny(); y++) {
            for (int x = 0; x < GRID.nx(); x++) {
                int v = GRID.index(x, y, 1);
                assertEquals(pdff(x), p[v], 0.05, "PDFF at " + x + "," + y);
                assertEquals(r2(y), r[v], 0.5, "R2* at " + x + "," + y);
                assertEquals(field(x, y), f[v], 0.2, "field at " + x + "," + y);
                assertEquals(100 * (1 - pdff(x) / 100), w[v], 0.05, "water at " + x + "," + y);
            }
        }
        assertEquals(1.0, ctx.progressReports().get(ctx.progressReports().size() - 1), 0);
        assertTrue(log(ctx).contains("fat–water"), log(ctx));
    }

    /** coarse_mm overrides coarse_factor with the largest in-plane block within that size (2 mm voxels, 8 mm → 4). */
    @Test
    void coarseMillimetresChooseTheBlockFromTheVoxelSize() throws OperatorException {
        OperatorHarness ctx = harness(phantom(6, true))
                .set(FatWaterSeparationOperator.COARSE_MM, 8.0)
                .run();
        assertTrue(log(ctx).contains("low-resolution grid 4×4×1 voxels of 8.00×8.00×8.00 mm"), log(ctx));
        OperatorHarness odd = harness(phantom(6, true))
                .set(FatWaterSeparationOperator.COARSE_MM, 7.9)
                .run();
        assertTrue(log(odd).contains("low-resolution grid 6×6×1 voxels of 6.00×6.00×8.00 mm"), log(odd));
    }

    /**
     * fieldmap_sd with a given noise SD: in Hz, positive, finite, and larger
     * where R2* is larger (R2* grows along y).
     */
    @Test
    void fieldMapSdIsInHertzAndGrowsWithR2Star() throws OperatorException {
        OperatorHarness ctx = harness(phantom(6, true))
                .set(FatWaterSeparationOperator.NOISE_SD, 2.0)
                .run();
        Volume<FloatType> sdVolume = ctx.output(FatWaterSeparationOperator.FIELDMAP_SD);
        assertEquals(PhysicalUnit.HERTZ, sdVolume.unit());
        float[] sd = Volumes.floats(sdVolume);
        for (int x = 0; x < GRID.nx(); x++) {
            float low = sd[GRID.index(x, 0, 1)];
            float high = sd[GRID.index(x, GRID.ny() - 1, 1)];
            assertTrue(low > 0 && Float.isFinite(low), "SD at R2* " + r2(0) + ": " + low);
            assertTrue(high > 1.5 * low, "SD grows with R2*: " + low + " → " + high + " Hz at x = " + x);
        }
        assertTrue(log(ctx).contains("noise SD per channel 2"), log(ctx));
    }

    /**
     * Echoes too late for the decay: with R2* 1500–1800 s⁻¹, TE1 1.1 ms and ΔTE 0.8 ms, a signal of 100 with noise SD 2
     * stays above 3 SD (6) only while e^(−R2*·TE) > 0.06, i.e. for TE < 1.6–1.9 ms: one or two echoes, fewer than the
     * model's unknowns. The log must say so (how many voxels, which slices); the phantom without extra iron must not.
     */
    @Test
    void echoesTooLateForIronAreReported() throws OperatorException {
        OperatorHarness clean = harness(phantom(6, true))
                .set(FatWaterSeparationOperator.NOISE_SD, 2.0)
                .run();
        assertTrue(
                clean.warnings().stream().noneMatch(w -> w.contains("fewer than 3 echoes")),
                clean.warnings().toString());
        try {
            r2Offset = 1500;
            OperatorHarness iron = harness(phantom(6, true))
                    .set(FatWaterSeparationOperator.NOISE_SD, 2.0)
                    .run();
            String warnings = iron.warnings().toString();
            assertTrue(
                    warnings.contains("512 of 512 fitted voxels (100.0 %, slices 0–1) keep fewer than 3 echoes"),
                    warnings);
            assertTrue(warnings.contains("shorten TE1"), warnings);
        } finally {
            r2Offset = 0;
        }
    }

    @Test
    void magnitudeOnlyIsRefused() {
        String e = harness(phantom(6, false)).runExpectingBadInput();
        assertTrue(e.contains("magnitude only"), e);
    }

    @Test
    void twoEchoesAreRefusedWithTheReason() {
        String e = harness(phantom(2, true)).runExpectingBadInput();
        assertTrue(e.contains("at least 3") && e.contains("6 real unknowns"), e);
    }

    @Test
    void nanInsideTheMaskIsRefused() {
        MultiEchoGre gre = phantom(6, true);
        Volumes.floats(gre.phase().get())[GRID.index(3, 4, 1)] = Float.NaN;
        String e = harness(gre).runExpectingBadInput();
        assertTrue(e.contains("1 NaN"), e);
    }

    @Test
    void maskOnAnotherGridIsRefused() {
        VoxelGrid other = new VoxelGrid(8, 8, 2, 2, 2, 4);
        Volume<FloatType> mask = VolumeArrays.maskVolume(new boolean[other.size()], other, GEOMETRY);
        String e = harness(phantom(6, true))
                .input(FatWaterSeparationOperator.MASK, mask)
                .runExpectingBadInput();
        assertTrue(e.contains("'gre' and 'mask' differ in size"), e);
    }

    @Test
    void cancellationStopsTheRun() {
        OperatorHarness ctx = harness(phantom(6, true)).cancel();
        ctx.runExpectingCancellation();
        assertTrue(ctx.outputs().isEmpty());
    }

    private static OperatorHarness harness(MultiEchoGre gre) {
        return OperatorHarness.of(new FatWaterSeparationOperator()).input(FatWaterSeparationOperator.GRE, gre);
    }

    private static String log(OperatorHarness h) {
        return String.join("\n", h.logLines());
    }
}
