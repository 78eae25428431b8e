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

import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.mask.Morphology;
import org.ferrum.qsm.mask.ReliabilityMask;
import org.ferrum.qsm.mask.ReliabilityMaskTest;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.junit.jupiter.api.Test;

/** {@code qsm.mask.reliability} on the head phantom: wraps left in one echo, and a mask that holds bone and air. */
class ReliabilityMaskOperatorTest {

    private static MultiEchoGre unwrapped(HeadPhantom p, float[][] phase) {
        MultiEchoGre gre = p.gre();
        return GrePhaseInputs.withPhase(gre, GrePhaseInputs.phaseVolume(gre, phase));
    }

    @Test
    void wrapsLeftInOneEchoAreFlaggedWhereTheyAreAndReported() throws Exception {
        HeadPhantom p = ReliabilityMaskTest.phantom(2.5, 20, 50, 3, 31);
        VoxelGrid g = p.grid();
        boolean[] brain = p.brainMaskArray();
        float[][] phase = ReliabilityMaskTest.unwrappedPhase(p);
        // a region of 8 mm radius in the white matter (35 mm right of the centre) where echo 3 kept a wrap
        double[] c = {g.nx() / 2.0 + 35 / g.dx(), g.ny() / 2.0, g.nz() / 2.0 + 8 / g.dz()};
        boolean[] region = new boolean[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double dx = (i - c[0]) * g.dx(), dy = (j - c[1]) * g.dy(), dz = (k - c[2]) * g.dz();
                    int v = g.index(i, j, k);
                    region[v] = dx * dx + dy * dy + dz * dz <= 64 && brain[v];
                }
            }
        }
        for (int v = 0; v < region.length; v++) {
            if (region[v]) {
                phase[2][v] += (float) (2 * Math.PI);
            }
        }
        Volume<FloatType> mask = VolumeArrays.maskVolume(brain, g, p.geometry());
        OperatorHarness t = OperatorHarness.of(new ReliabilityMaskOperator())
                .input("gre", unwrapped(p, phase))
                .input("mask", mask)
                .run();
        float[] code = VolumeArrays.frame(t.output("unreliable", PortTypes.VOLUME), 0);
        boolean[] reliable = VolumeInputs.mask(t.output("mask", PortTypes.MASK), "mask");
        int inRegion = Morphology.count(region), flagged = 0, excluded = 0, flaggedElsewhere = 0;
        for (int v = 0; v < region.length; v++) {
            boolean residual = ((int) code[v] & ReliabilityMask.RESIDUAL) != 0;
            if (region[v]) {
                flagged += residual ? 1 : 0;
                excluded += reliable[v] ? 0 : 1;
            } else if (brain[v]) {
                flaggedElsewhere += residual ? 1 : 0;
            }
        }
        t.logLines().forEach(l -> System.out.println("qsm.mask.reliability (wraps): " + l));
        System.out.printf(
                Locale.ROOT,
                "wrap region %d voxels: %d flagged (residual), %d out of the reliable mask; %d brain"
                        + " voxels elsewhere flagged%n",
                inRegion,
                flagged,
                excluded,
                flaggedElsewhere);
        assertTrue(flagged >= 0.98 * inRegion, flagged + " of " + inRegion);
        assertTrue(excluded >= 0.9 * inRegion, excluded + " of " + inRegion);
        assertTrue(flaggedElsewhere <= 0.001 * Morphology.count(brain), "elsewhere " + flaggedElsewhere);
        assertTrue(
                t.logLines().stream().anyMatch(l -> l.startsWith("warning:") && l.contains("wraps left in the phase")),
                t.logLines().toString());
        Table report = t.output("report", PortTypes.TABLE);
        assertEquals("whole mask", report.text(0, "region"));
        assertEquals(Morphology.count(brain), report.number(0, "voxels"), 0);
        assertTrue(report.number(3, "residual") >= 0.9 * flagged, report.toString()); // the region lies deep inside
    }

    @Test
    void aMaskHoldingBoneAndAirIsReportedAndTrimmed() throws Exception {
        HeadPhantom p = ReliabilityMaskTest.phantom(3, 15, 20, 1.5, 32);
        VoxelGrid g = p.grid();
        boolean[] brain = p.brainMaskArray();
        boolean[] grown = Morphology.dilate(brain, g, 8, Cancellation.NEVER);
        OperatorHarness t = OperatorHarness.of(new ReliabilityMaskOperator())
                .input("gre", unwrapped(p, ReliabilityMaskTest.unwrappedPhase(p)))
                .input("mask", VolumeArrays.maskVolume(grown, g, p.geometry()))
                .run();
        t.logLines().forEach(l -> System.out.println("qsm.mask.reliability (grown mask): " + l));
        boolean[] reliable = VolumeInputs.mask(t.output("mask", PortTypes.MASK), "mask");
        int keptBrain = 0;
        for (int v = 0; v < brain.length; v++) {
            keptBrain += brain[v] && reliable[v] ? 1 : 0;
        }
        assertTrue(keptBrain >= 0.95 * Morphology.count(brain), keptBrain + " of " + Morphology.count(brain));
        assertTrue(Morphology.count(reliable) < Morphology.count(grown));
        assertTrue(
                t.logLines().stream().anyMatch(l -> l.startsWith("warning:") && l.contains("bone, air")),
                t.logLines().toString());
        assertFalse(
                t.logLines().stream().anyMatch(l -> l.contains("wraps left")),
                t.logLines().toString());
        assertEquals(PhysicalUnit.DIMENSIONLESS, ((Volume<?>) t.output("unreliable", PortTypes.VOLUME)).unit());
    }
}
