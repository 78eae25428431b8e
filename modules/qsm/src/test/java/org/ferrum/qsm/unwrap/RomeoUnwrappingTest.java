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
package org.ferrum.qsm.unwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

class RomeoUnwrappingTest {

    private static final VoxelGrid GRID = new VoxelGrid(40, 40, 36, 1.0, 1.0, 1.2);
    private static final double[] UNEVEN_TE = {0.003, 0.0075, 0.014, 0.022};

    @Test
    void recoversTheTruePhaseUpToOneWholeTurnPerEchoWithoutNoise() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, UNEVEN_TE, 0, 1);
        assertTrue(p.peakPhaseLastEcho() > 3 * 2 * Math.PI, "phantom must wrap many times: " + p.peakPhaseLastEcho());
        RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(
                p.wrapped, p.magnitude, UNEVEN_TE, p.mask, GRID, RomeoUnwrapping.Params.DEFAULTS, Cancellation.NEVER);
        assertEquals(1, r.regions());
        int[] turns = assertConstantTurnsInMask(p, r, 1e-3);
        for (int t : turns) {
            assertEquals(turns[0], t, "every echo must be off by the same number of turns");
        }
        assertWholeTurnsFromWrapped(p.wrapped, r.unwrapped());
    }

    @Test
    void recoversTheTruePhaseWithNoise() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, UNEVEN_TE, 0.08, 2);
        RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(
                p.wrapped, p.magnitude, UNEVEN_TE, p.mask, GRID, RomeoUnwrapping.Params.DEFAULTS, Cancellation.NEVER);
        int[] turns = assertConstantTurnsInMask(p, r, 0.8); // noise of 0.08 rad: |error − 2πk| well below π
        for (int t : turns) {
            assertEquals(turns[0], t);
        }
        assertWholeTurnsFromWrapped(p.wrapped, r.unwrapped());
    }

    @Test
    void aLaterTemplateEchoGivesTheSameResult() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, UNEVEN_TE, 0.03, 6);
        RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(
                p.wrapped,
                p.magnitude,
                UNEVEN_TE,
                p.mask,
                GRID,
                new RomeoUnwrapping.Params(1, true, 5),
                Cancellation.NEVER);
        int[] turns = assertConstantTurnsInMask(p, r, 0.5);
        for (int t : turns) {
            assertEquals(turns[0], t);
        }
    }

    @Test
    void cancellationStopsTheUnwrapping() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, UNEVEN_TE, 0, 1);
        org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.CancellationException.class,
                () -> RomeoUnwrapping.unwrap(
                        p.wrapped, p.magnitude, UNEVEN_TE, p.mask, GRID, RomeoUnwrapping.Params.DEFAULTS, () -> true));
    }

    @Test
    void theEstimatedOffsetIsTheTrueOffset() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, UNEVEN_TE, 0, 3);
        float[] offset = RomeoUnwrapping.phaseOffset(
                p.wrapped[0],
                p.wrapped[1],
                p.magnitude[0],
                UNEVEN_TE[0],
                UNEVEN_TE[1],
                p.mask,
                GRID,
                0,
                Cancellation.NEVER);
        double max = 0;
        for (int v = 0; v < offset.length; v++) {
            if (p.mask[v]) {
                max = Math.max(max, Math.abs(PhaseWraps.wrap(offset[v] - p.offset[v])));
            }
        }
        assertTrue(max < 1e-4, "unsmoothed offset error " + max);
    }

    @Test
    void withoutOffsetCorrectionALargeOffsetBreaksTemporalUnwrapping() {
        // Why the offset correction exists: with φ0 ≈ 1 rad and TE ratios up to 7, prediction misses by > π.
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, UNEVEN_TE, 0, 4);
        RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(
                p.wrapped,
                p.magnitude,
                UNEVEN_TE,
                p.mask,
                GRID,
                new RomeoUnwrapping.Params(0, false, 0),
                Cancellation.NEVER);
        float[] last = r.unwrapped()[UNEVEN_TE.length - 1];
        float[] truth = p.truth[UNEVEN_TE.length - 1];
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (int v = 0; v < last.length; v++) {
            if (p.mask[v]) {
                distinct.add(Math.round((last[v] - truth[v]) / (2 * Math.PI)));
            }
        }
        assertTrue(distinct.size() > 1, "expected inconsistent turns without offset correction");
        assertWholeTurnsFromWrapped(p.wrapped, r.unwrapped());
    }

    @Test
    void qualityIsInUnitRangeAndZeroOutsideTheMask() {
        MultiEchoPhantom p = new MultiEchoPhantom(GRID, UNEVEN_TE, 0.08, 5);
        RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(
                p.wrapped, p.magnitude, UNEVEN_TE, p.mask, GRID, RomeoUnwrapping.Params.DEFAULTS, Cancellation.NEVER);
        double mean = 0;
        int inside = 0;
        for (int v = 0; v < r.quality().length; v++) {
            float q = r.quality()[v];
            assertTrue(q >= 0 && q <= 1, "quality " + q);
            if (!p.mask[v]) {
                assertEquals(0f, q);
                assertEquals(p.wrapped[0][v], r.unwrapped()[0][v], "outside the mask the input is kept");
            } else {
                mean += q;
                inside++;
            }
        }
        assertTrue(mean / inside > 0.5, "smooth phantom should have high quality, mean " + mean / inside);
    }

    @Test
    void disconnectedPartsOfTheMaskAreGrownAsSeparateRegions() {
        VoxelGrid g = new VoxelGrid(20, 10, 6, 1, 1, 1);
        float[] phase = new float[g.size()];
        boolean[] mask = new boolean[g.size()];
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 10; j++) {
                for (int i = 0; i < 20; i++) {
                    int v = g.index(i, j, k);
                    mask[v] = i != 10; // a wall splits the box in two
                    phase[v] = (float) PhaseWraps.wrap(0.9 * i);
                }
            }
        }
        RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(
                new float[][] {phase},
                null,
                new double[] {0.005},
                mask,
                g,
                RomeoUnwrapping.Params.DEFAULTS,
                Cancellation.NEVER);
        assertEquals(2, r.regions());
        // inside each part the ramp is recovered: neighbour differences are 0.9 rad, never ±2π-ish
        for (int v = 0; v + 1 < g.size(); v++) {
            if (mask[v] && mask[v + 1] && (v % 20) != 19) {
                assertEquals(0.9, r.unwrapped()[0][v + 1] - r.unwrapped()[0][v], 1e-4);
            }
        }
    }

    @Test
    void realDataIsUnwrappedWithoutResidualJumpsInsideTheBrain() throws IOException {
        Path dir = TestData.path("gre", "mriresearchtools-small");
        Volume<FloatType> mag = VolumeFiles.readFloat(dir.resolve("Mag.nii"));
        // The upstream file stores radians in [−π, π) as float32 but its header carries scl_slope = 0.00117 (a
        // left-over
        // of an integer original): a standard reader scales the phase down to ±0.0037 rad. Take the stored values.
        @SuppressWarnings("unchecked")
        Volume<FloatType> pha =
                (Volume<FloatType>) VolumeFiles.read(dir.resolve("Phase.nii")).stored();
        VoxelGrid grid = VoxelGrid.of(mag);
        int echoes = mag.frames();
        assertEquals(3, echoes);
        float[][] m = new float[echoes][];
        float[][] phase = new float[echoes][];
        for (int e = 0; e < echoes; e++) {
            m[e] = VolumeArrays.frame(mag, e);
            phase[e] = VolumeArrays.frame(pha, e);
        }
        double[] te = {0.004, 0.008, 0.012};
        for (double fraction : new double[] {0.15, 0.3}) {
            boolean[] mask = magnitudeMask(m[0], fraction);
            long start = System.nanoTime();
            RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(
                    phase, m, te, mask, grid, RomeoUnwrapping.Params.DEFAULTS, Cancellation.NEVER);
            double seconds = (System.nanoTime() - start) * 1e-9;
            assertWholeTurnsFromWrapped(phase, r.unwrapped());
            int inside = 0;
            for (boolean b : mask) {
                inside += b ? 1 : 0;
            }
            StringBuilder report = new StringBuilder();
            for (int e = 0; e < echoes; e++) {
                long[] jumps = jumps(r.unwrapped()[e], mask, grid);
                long before = jumps(phase[e], mask, grid)[0];
                assertTrue(
                        before > 100,
                        "the input must wrap inside the mask for the test to mean anything: echo " + (e + 1) + " has "
                                + before);
                report.append(String.format(
                        Locale.ROOT, " echo %d: %d of %d pairs (input: %d);", e + 1, jumps[0], jumps[1], before));
                assertTrue(jumps[1] > 10000);
                assertTrue(
                        jumps[0] <= jumps[1] * 1e-3,
                        "residual 2π jumps in echo " + (e + 1) + ": " + jumps[0] + " of " + jumps[1]);
            }
            // temporal consistency: the echoes lie on a line in TE (a wrong turn in one echo leaves a residual ≈ 2π/3)
            EchoCombination.Result fit = EchoCombination.fit(
                    r.unwrapped(), m, te, mask, grid, EchoCombination.Weighting.MAGNITUDE, true, Cancellation.NEVER);
            int off = 0;
            for (int v = 0; v < mask.length; v++) {
                off += mask[v] && fit.residual()[v] > 1.0 ? 1 : 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "ROMEO real data, mask > %.2f·max: %d voxels, %d region(s), %.3f s; |Δφ| > π between"
                            + " neighbours:%s voxels with linear-fit residual > 1 rad: %d%n",
                    fraction,
                    inside,
                    r.regions(),
                    seconds,
                    report,
                    off);
            assertTrue(off <= inside * 1e-3, off + " voxels whose echoes are not on a line");
        }
    }

    /** Voxels above {@code fraction} of the maximum magnitude. */
    static boolean[] magnitudeMask(float[] m, double fraction) {
        float max = 0;
        for (float x : m) {
            max = Math.max(max, x);
        }
        boolean[] mask = new boolean[m.length];
        for (int v = 0; v < m.length; v++) {
            mask[v] = m[v] > fraction * max;
        }
        return mask;
    }

    /** {number of 6-neighbour pairs inside the mask with |Δφ| > π, number of such pairs}. */
    static long[] jumps(float[] phase, boolean[] mask, VoxelGrid g) {
        long jumps = 0, pairs = 0;
        int[] step = {1, g.nx(), g.nx() * g.ny()};
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int v = g.index(i, j, k);
                    boolean[] has = {i + 1 < g.nx(), j + 1 < g.ny(), k + 1 < g.nz()};
                    for (int d = 0; d < 3; d++) {
                        if (has[d] && mask[v] && mask[v + step[d]]) {
                            pairs++;
                            if (Math.abs(phase[v + step[d]] - phase[v]) > Math.PI) {
                                jumps++;
                            }
                        }
                    }
                }
            }
        }
        return new long[] {jumps, pairs};
    }

    /** Per echo, the single k with result − truth = 2πk (± tolerance) in the mask. */
    private static int[] assertConstantTurnsInMask(MultiEchoPhantom p, RomeoUnwrapping.Result r, double tolerance) {
        int[] turns = new int[p.truth.length];
        for (int e = 0; e < p.truth.length; e++) {
            Integer k = null;
            double worst = 0;
            for (int v = 0; v < p.mask.length; v++) {
                if (!p.mask[v]) {
                    continue;
                }
                double d = r.unwrapped()[e][v] - p.truth[e][v];
                int kv = (int) Math.round(d / (2 * Math.PI));
                if (k == null) {
                    k = kv;
                }
                assertEquals(k.intValue(), kv, "echo " + (e + 1) + " voxel " + v + ": result − truth = " + d);
                worst = Math.max(worst, Math.abs(d - 2 * Math.PI * kv));
            }
            assertTrue(worst < tolerance, "echo " + (e + 1) + ": |result − truth − 2πk| up to " + worst);
            turns[e] = k;
        }
        return turns;
    }

    static void assertWholeTurnsFromWrapped(float[][] wrapped, float[][] unwrapped) {
        for (int e = 0; e < wrapped.length; e++) {
            for (int v = 0; v < wrapped[e].length; v++) {
                double d = unwrapped[e][v] - wrapped[e][v];
                double off = Math.abs(d - 2 * Math.PI * Math.round(d / (2 * Math.PI)));
                if (off > 1e-4) {
                    throw new AssertionError(
                            "echo " + (e + 1) + " voxel " + v + ": result − wrapped = " + d + " is no multiple of 2π");
                }
            }
        }
    }
}
