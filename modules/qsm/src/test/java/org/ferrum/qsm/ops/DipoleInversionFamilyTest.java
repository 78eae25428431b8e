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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.inversion.SpherePhantom;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/**
 * Every registered member of the dipole-inversion family ({@link DipoleInversionOperator} found through Lookup, with its
 * default parameters) through one check on an analytic case: a sphere of Δχ = 0.1 ppm (radius 5 mm) in a 32³ grid of
 * 1 mm voxels, its field from the closed-form expression (not from the kernel being inverted), B0 along z from the
 * {@code gre} input, whose magnitude is darker in the sphere (for the magnitude-weighted members). A member must return
 * χ in ppm, 0 outside the mask, mean 0 over the mask (the default reference), and recover Δχ (core mean minus the mean of
 * the mask clear of the sphere) within its tolerance: {@link #TOLERANCE} names the members measured here, a new member
 * gets {@link #DEFAULT_TOLERANCE} without any edit to this test.
 */
class DipoleInversionFamilyTest {

    private static final VoxelGrid GRID = new VoxelGrid(32, 32, 32, 1, 1, 1);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 1);
    private static final double[] CENTRE = {16, 16, 16};
    private static final double RADIUS = 5;
    private static final double DELTA_CHI = 0.1;
    private static final double MASK_RADIUS = 13;

    /** |recovered − true Δχ| allowed, ppm, by operator id (the figures measured are in the qsm README). */
    private static final Map<String, Double> TOLERANCE = Map.of(
            "qsm.dipole.tkd", 0.02,
            "qsm.dipole.tikhonov", 0.02,
            "qsm.dipole.tv", 0.01,
            "qsm.dipole.medi", 0.01,
            "qsm.dipole.ilsqr", 0.02,
            "qsm.dipole.tfi", 0.015,
            "qsm.dipole.singlestep", 0.02);

    private static final double DEFAULT_TOLERANCE = 0.03;

    @Test
    void everyMemberRecoversTheSphereFromItsAnalyticField() throws OperatorException {
        List<DipoleInversionOperator> members = Lookup.getDefault().lookupAll(Operator.class).stream()
                .filter(DipoleInversionOperator.class::isInstance)
                .map(DipoleInversionOperator.class::cast)
                .toList();
        Set<String> ids = members.stream().map(m -> m.descriptor().id()).collect(Collectors.toSet());
        assertTrue(ids.containsAll(TOLERANCE.keySet()), "members found through Lookup: " + ids);

        float[] field = new float[GRID.size()];
        SpherePhantom.addField(field, GRID, CENTRE, RADIUS, DELTA_CHI, new double[] {0, 0, 1});
        boolean[] mask = SpherePhantom.ball(GRID, CENTRE, MASK_RADIUS);
        boolean[] sphere = SpherePhantom.ball(GRID, CENTRE, RADIUS);
        float[] magnitude = new float[GRID.size()];
        for (int n = 0; n < magnitude.length; n++) {
            magnitude[n] = sphere[n] ? 0.5f : 1f;
        }
        MultiEchoGre gre = new MultiEchoGre(
                VolumeArrays.volume(magnitude, GRID, GEOMETRY, PhysicalUnit.ARBITRARY),
                null,
                new GreAcquisition(EchoTimes.ofMilliseconds(5), 3));
        StringBuilder report = new StringBuilder();
        for (DipoleInversionOperator member : members) {
            String id = member.descriptor().id();
            Port<?> fieldPort = member.descriptor().inputs().stream()
                    .filter(p -> "field".equals(p.quantity()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(id + " declares no field input"));
            long start = System.nanoTime();
            OperatorHarness h = OperatorHarness.of(member)
                    .input(fieldPort.name(), VolumeArrays.volume(field.clone(), GRID, GEOMETRY, PhysicalUnit.PPM))
                    .input(DipoleInversionOperator.MASK, VolumeArrays.maskVolume(mask, GRID, GEOMETRY))
                    .input(DipoleInversionOperator.GRE, gre)
                    .run();
            Volume<FloatType> chiVolume = h.output(DipoleInversionOperator.CHI);
            assertEquals(PhysicalUnit.PPM, chiVolume.unit(), id);
            float[] chi = VolumeArrays.frame(chiVolume, 0);
            double sum = 0;
            int count = 0;
            for (int n = 0; n < chi.length; n++) {
                if (mask[n]) {
                    sum += chi[n];
                    count++;
                } else {
                    assertEquals(0f, chi[n], id + ": χ outside the mask");
                }
            }
            assertEquals(0, sum / count, 1e-5, id + ": mean over the mask (the default reference)");
            double recovered = recoveredDeltaChi(chi, mask);
            report.append(String.format(
                    Locale.ROOT, "%n  %-22s Δχ %.4f ppm (%.2f s)", id, recovered, (System.nanoTime() - start) / 1e9));
            assertEquals(DELTA_CHI, recovered, TOLERANCE.getOrDefault(id, DEFAULT_TOLERANCE), id + " recovered Δχ");
        }
        System.out.println("dipole-inversion family on the analytic sphere:" + report);
    }

    /** Mean χ of the sphere's core (r ≤ a − 1) minus the mean over the mask clear of it (r ≥ a + 2). */
    private static double recoveredDeltaChi(float[] chi, boolean[] mask) {
        double in = 0, out = 0;
        int nIn = 0, nOut = 0;
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    int n = GRID.index(i, j, k);
                    double r = Math.sqrt(
                            Math.pow(i - CENTRE[0], 2) + Math.pow(j - CENTRE[1], 2) + Math.pow(k - CENTRE[2], 2));
                    if (mask[n] && r <= RADIUS - 1) {
                        in += chi[n];
                        nIn++;
                    } else if (mask[n] && r >= RADIUS + 2) {
                        out += chi[n];
                        nOut++;
                    }
                }
            }
        }
        return in / nIn - out / nOut;
    }
}
