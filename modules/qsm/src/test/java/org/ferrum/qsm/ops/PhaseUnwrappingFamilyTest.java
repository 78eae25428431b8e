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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.unwrap.PhaseUnwrapping;
import org.ferrum.qsm.unwrap.PhaseWraps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openide.util.Lookup;

/**
 * Every member of the {@link PhaseUnwrapping} family, found as the installed operators that extend
 * {@link PhaseUnwrappingOperator} (so a new member is checked without touching this test), run with its default
 * parameters through {@link OperatorHarness} on an analytic multi-echo phase, against the family contract: finite
 * unwrapped phase in rad, inside the mask the true phase up to one constant per echo (a whole number of turns for
 * congruent members), congruent members differing from the input by whole turns, the GRE passed on with the new phase.
 *
 * <p>The phase is simulated analytically, not by a forward model: φ_e(x) = φ0(x) + 2π·f(x)·TE_e with a smooth offset
 * φ0 and a smooth frequency f (a tilted plane, a quadratic and two Gaussian blobs of opposite sign: about ±40 Hz, two
 * turns at the last echo, at most about 0.6 rad between neighbours), wrapped after adding Gaussian phase noise; magnitude M0·e^(−TE/T2*) in an ellipsoidal mask, faint noise
 * outside. Cases: three geometries (isotropic, anisotropic and flat with the mask touching the grid's faces), two noise
 * levels (0 and 0.1 rad per echo: ROMEO's temporal step scales the template echo's noise by TE_e/TE_1 = 5.5, so at
 * 0.15 rad a few voxels in 10⁴ of the last echo miss by a turn, as the method does), three seeds.
 */
class PhaseUnwrappingFamilyTest {

    private static final double[] TE = {0.004, 0.009, 0.015, 0.022};

    /** The installed members of the family. */
    static List<PhaseUnwrappingOperator<?>> members() {
        List<PhaseUnwrappingOperator<?>> out = new ArrayList<>();
        for (Operator op : Lookup.getDefault().lookupAll(Operator.class)) {
            if (op instanceof PhaseUnwrappingOperator<?> member) {
                out.add(member);
            }
        }
        return out;
    }

    @Test
    void theFamilyHasItsMembers() {
        List<String> ids =
                members().stream().map(m -> m.descriptor().id()).sorted().toList();
        assertTrue(
                ids.containsAll(List.of(LaplacianUnwrappingOperator.ID, RomeoUnwrappingOperator.ID)), ids.toString());
        for (PhaseUnwrappingOperator<?> m : members()) {
            assertEquals(
                    QsmCategories.UNWRAPPING,
                    m.descriptor().category(),
                    m.descriptor().id());
            assertEquals(
                    PhysicalUnit.RADIAN,
                    m.descriptor()
                            .output(PhaseUnwrappingOperator.PHASE.name())
                            .orElseThrow()
                            .units()
                            .get(0));
        }
    }

    /** One analytic case. */
    record Case(String geometry, VoxelGrid grid, double noiseRad, long seed) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, noise %.2f rad, seed %d", geometry, noiseRad, seed);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        VoxelGrid[] grids = {
            new VoxelGrid(32, 32, 32, 1, 1, 1),
            new VoxelGrid(40, 32, 20, 1, 1.25, 2),
            new VoxelGrid(36, 36, 12, 1.5, 1.5, 1.5)
        };
        String[] names = {"isotropic 32³", "anisotropic 40×32×20", "flat, mask at the faces"};
        for (PhaseUnwrappingOperator<?> member : members()) {
            for (int g = 0; g < grids.length; g++) {
                for (double noise : new double[] {0, 0.1}) {
                    for (long seed = 1; seed <= 3; seed++) {
                        out.add(Arguments.of(
                                member.descriptor().id(), member, new Case(names[g], grids[g], noise, seed)));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void everyMemberKeepsTheFamilyContract(String id, PhaseUnwrappingOperator<?> member, Case c) throws Exception {
        Analytic a = new Analytic(c);
        MultiEchoGre gre = a.gre();
        OperatorHarness h = OperatorHarness.of(member).input(PhaseUnwrappingOperator.GRE, gre);
        if (member.descriptor().input(PhaseUnwrappingOperator.MASK.name()).isPresent()) {
            h.input(PhaseUnwrappingOperator.MASK, VolumeArrays.maskVolume(a.mask, c.grid(), a.geometry));
        }
        h.run();
        PhaseUnwrapping algorithm = member.algorithm(OperatorHarness.of(member), TE.length);
        Volume<FloatType> phase = h.output(PhaseUnwrappingOperator.PHASE);
        assertEquals(PhysicalUnit.RADIAN, phase.unit());
        assertEquals(TE.length, phase.frames());
        MultiEchoGre out = h.output(PhaseUnwrappingOperator.GRE_OUT);
        assertTrue(out.magnitude() == gre.magnitude(), "magnitude passed on");
        assertEquals(gre.acquisition(), out.acquisition());
        int n = c.grid().size();
        for (int e = 0; e < TE.length; e++) {
            float[] u = VolumeArrays.frame(phase, e);
            assertTrue(Arrays.equals(u, VolumeArrays.frame(out.phase().orElseThrow(), e)), "the GRE carries the phase");
            double[] diff = new double[a.inside];
            int k = 0;
            for (int v = 0; v < n; v++) {
                if (a.mask[v]) {
                    assertTrue(Float.isFinite(u[v]), "finite inside the mask");
                    diff[k++] = u[v] - a.truth[e][v];
                    if (algorithm.congruent()) {
                        double d = u[v] - a.wrapped[e][v];
                        assertEquals(
                                0,
                                d - PhaseWraps.TWO_PI * Math.round(d / PhaseWraps.TWO_PI),
                                1e-4,
                                "congruent: result − input is whole turns, echo " + (e + 1) + " voxel " + v);
                    }
                }
            }
            double[] sorted = diff.clone();
            Arrays.sort(sorted);
            double offset = sorted[sorted.length / 2];
            if (algorithm.congruent()) {
                double turns = offset / PhaseWraps.TWO_PI;
                assertEquals(
                        Math.rint(turns), turns, 0.05, "a congruent member's offset is whole turns, echo " + (e + 1));
            }
            double sum = 0;
            int wrong = 0;
            for (double d : diff) {
                double r = d - offset;
                sum += r * r;
                wrong += Math.abs(r) > Math.PI ? 1 : 0;
            }
            double rms = Math.sqrt(sum / diff.length);
            assertEquals(0, wrong, "voxels off by a turn or more, echo " + (e + 1));
            assertTrue(
                    rms < 0.1 + 1.5 * c.noiseRad(),
                    String.format(Locale.ROOT, "echo %d: RMS of (result − truth − offset) %.3f rad", e + 1, rms));
        }
        assertTrue(h.progressReports().get(h.progressReports().size() - 1) == 1.0, "progress ends at 1");
        assertFalse(h.logLines().isEmpty(), "the member logs what it did");
    }

    /** The analytic phase of one case (see the class comment). */
    static final class Analytic {
        final Geometry geometry;
        final VoxelGrid grid;
        final boolean[] mask;
        final int inside;
        final float[][] truth, wrapped, magnitude;

        Analytic(Case c) {
            grid = c.grid();
            geometry = Geometry.axisAligned(grid.dx(), grid.dy(), grid.dz());
            int n = grid.size();
            SplittableRandom random = new SplittableRandom(c.seed());
            // the seed moves the blobs and tilts the plane, so every seed is a different field
            double bx = random.nextDouble(-0.2, 0.2),
                    by = random.nextDouble(-0.2, 0.2),
                    tilt = random.nextDouble(-1, 1);
            double cx = (grid.nx() - 1) / 2.0, cy = (grid.ny() - 1) / 2.0, cz = (grid.nz() - 1) / 2.0;
            double ax = grid.nx() * grid.dx() / 2, ay = grid.ny() * grid.dy() / 2, az = grid.nz() * grid.dz() / 2;
            // mm half-axes of the mask: inside the grid, except for the flat case, whose mask reaches its z faces
            double mx = 0.85 * ax, my = 0.85 * ay, mz = c.geometry().startsWith("flat") ? 1.6 * az : 0.85 * az;
            mask = new boolean[n];
            float[] frequency = new float[n], offset = new float[n];
            int count = 0;
            for (int k = 0; k < grid.nz(); k++) {
                for (int j = 0; j < grid.ny(); j++) {
                    for (int i = 0; i < grid.nx(); i++) {
                        int v = grid.index(i, j, k);
                        double x = (i - cx) * grid.dx(), y = (j - cy) * grid.dy(), z = (k - cz) * grid.dz();
                        double u = x / ax, w = y / ay, t = z / az;
                        mask[v] = (x / mx) * (x / mx) + (y / my) * (y / my) + (z / mz) * (z / mz) <= 1;
                        count += mask[v] ? 1 : 0;
                        frequency[v] = (float) (8 * u
                                + 5 * tilt * w
                                - 3 * t
                                + 10 * (u * u - 0.6 * w * w)
                                + 28 * Math.exp(-((u - bx) * (u - bx) + (w - by) * (w - by) + t * t) / 0.18)
                                - 18
                                        * Math.exp(
                                                -((u + 0.4) * (u + 0.4) + (w - 0.3) * (w - 0.3) + (t + 0.2) * (t + 0.2))
                                                        / 0.12));
                        offset[v] = (float) (0.8 + 0.6 * u - 0.4 * w * t);
                    }
                }
            }
            inside = count;
            truth = new float[TE.length][n];
            wrapped = new float[TE.length][n];
            magnitude = new float[TE.length][n];
            for (int e = 0; e < TE.length; e++) {
                for (int v = 0; v < n; v++) {
                    double p = offset[v] + PhaseWraps.TWO_PI * frequency[v] * TE[e];
                    truth[e][v] = (float) p;
                    wrapped[e][v] = (float) PhaseWraps.wrap(p + c.noiseRad() * random.nextGaussian());
                    magnitude[e][v] =
                            mask[v] ? (float) (1000 * Math.exp(-TE[e] / 0.035)) : (float) (10 * random.nextDouble());
                }
            }
        }

        MultiEchoGre gre() {
            return new MultiEchoGre(
                    VolumeArrays.frames(magnitude, grid, geometry, PhysicalUnit.ARBITRARY),
                    VolumeArrays.frames(wrapped, grid, geometry, PhysicalUnit.RADIAN),
                    new GreAcquisition(EchoTimes.ofSeconds(TE), 3.0));
        }
    }
}
