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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.pipeline.testkit.TestData;
import org.ferrum.qsm.mask.Morphology;
import org.junit.jupiter.api.Test;

class MaskAndSwiOperatorsTest {

    private static final Path DATA = TestData.path("gre", "mriresearchtools-small");

    private static MultiEchoGre realGre(boolean withPhase) throws Exception {
        Volume<FloatType> mag = VolumeFiles.readFloat(DATA.resolve("Mag.nii")).withUnit(PhysicalUnit.ARBITRARY);
        Volume<FloatType> phase =
                withPhase ? VolumeFiles.readFloat(DATA.resolve("Phase.nii")).withUnit(PhysicalUnit.RADIAN) : null;
        return new MultiEchoGre(mag, phase, new GreAcquisition(EchoTimes.ofMilliseconds(4, 8, 12), 3.0));
    }

    @Test
    void operatorsAreRegisteredForLookup() {
        Set<String> ids = StreamSupport.stream(
                        ServiceLoader.load(Operator.class).spliterator(), false)
                .map(o -> o.descriptor().id())
                .collect(Collectors.toSet());
        assertTrue(
                ids.containsAll(Set.of("qsm.mask.magnitude", "qsm.mask.erode", "qsm.swi", "qsm.swi.minip")),
                ids.toString());
    }

    @Test
    void magnitudeMaskOfTheRealDataIsOneFilledPieceThenErodeRemovesTheRim() throws Exception {
        MultiEchoGre gre = realGre(false);
        OperatorHarness c = OperatorHarness.of(new MagnitudeMaskOperator())
                .input("gre", gre)
                .run();
        Volume<FloatType> mask = c.output("mask", PortTypes.MASK);
        assertEquals(PhysicalUnit.DIMENSIONLESS, mask.unit());
        assertTrue(mask.geometry().approximatelyEquals(gre.magnitude().geometry(), 1e-9));
        VoxelGrid g = VoxelGrid.of(mask);
        boolean[] m = VolumeInputs.mask(mask, "mask");
        assertEquals(1, Morphology.componentCount(m, g, Cancellation.NEVER));
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.contains("no dark background")),
                c.logLines().toString());
        c.logLines().forEach(l -> System.out.println("qsm.mask.magnitude: " + l));

        // the same through the 'magnitude' port gives the same mask
        OperatorHarness viaVolume = OperatorHarness.of(new MagnitudeMaskOperator())
                .input("magnitude", gre.magnitude())
                .run();
        assertArrayEquals(m, VolumeInputs.mask(viaVolume.output("mask", PortTypes.MASK), "mask"));

        OperatorHarness e = OperatorHarness.of(new MaskErosionOperator())
                .input("mask", mask)
                .set("radius_mm", 2)
                .run();
        boolean[] eroded = VolumeInputs.mask(e.output("mask", PortTypes.MASK), "mask");
        // 2 mm in a 51×51×41 grid of 0.47×0.47×1 mm with a mask filling it, not eroded from the grid border: unchanged;
        // so erode a mask with a hole in the middle instead and count the removed ball of 2 mm around it
        assertEquals(Morphology.count(m), Morphology.count(eroded));
        boolean[] holed = m.clone();
        holed[g.index(25, 25, 20)] = false;
        Volume<FloatType> holedVolume = VolumeArrays.maskVolume(holed, g, mask.geometry());
        OperatorHarness e2 = OperatorHarness.of(new MaskErosionOperator())
                .input("mask", holedVolume)
                .set("radius_mm", 2)
                .run();
        int removed = Morphology.count(holed)
                - Morphology.count(VolumeInputs.mask(e2.output("mask", PortTypes.MASK), "mask"));
        double ball = 4.0 / 3.0 * Math.PI * 8 / (g.dx() * g.dy() * g.dz()) - 1;
        System.out.printf(
                "qsm.mask.erode: %d voxels removed around a one-voxel hole (ball of 2 mm: %.0f)%n", removed, ball);
        assertEquals(ball, removed, 0.1 * ball);
        assertTrue(
                e2.logLines().stream().anyMatch(l -> l.contains(removed + " voxels removed")),
                e2.logLines().toString());
    }

    @Test
    void surfaceMethodFindsTheBrainInsideABrightScalp() throws Exception {
        VoxelGrid g = new VoxelGrid(44, 48, 32, 2.5, 2.5, 3);
        java.util.Random random = new java.util.Random(2);
        float[] img = new float[g.size()];
        boolean[] brain = new boolean[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double px = (i - 21.5) * g.dx();
                    double py = (j - 23.5) * g.dy();
                    double pz = (k - 15.5) * g.dz();
                    double rho = Math.sqrt(Math.pow(px / 38, 2) + Math.pow(py / 42, 2) + Math.pow(pz / 33, 2));
                    boolean stalk = pz < 0 && rho <= 1.35 && px * px + py * py <= 16;
                    int n = g.index(i, j, k);
                    brain[n] = rho <= 1;
                    double v = rho <= 1 || stalk ? 100 : rho <= 1.2 ? 8 : rho <= 1.35 ? 90 : 0;
                    img[n] = (float) (v + 3 * Math.hypot(random.nextGaussian(), random.nextGaussian()));
                }
            }
        }
        Volume<FloatType> head = VolumeArrays.volume(img, g, Geometry.axisAligned(2.5, 2.5, 3), PhysicalUnit.ARBITRARY);
        OperatorHarness c = OperatorHarness.of(new MagnitudeMaskOperator())
                .input("magnitude", head)
                .set("method", "surface")
                .run();
        boolean[] m = VolumeInputs.mask(c.output("mask", PortTypes.MASK), "mask");
        long both = 0;
        for (int n = 0; n < m.length; n++) {
            both += m[n] && brain[n] ? 1 : 0;
        }
        double dice = 2.0 * both / (Morphology.count(m) + Morphology.count(brain));
        c.logLines().forEach(l -> System.out.println("qsm.mask.magnitude (surface): " + l));
        System.out.printf("qsm.mask.magnitude (surface): Dice with the brain %.3f%n", dice);
        assertTrue(dice > 0.9, "Dice " + dice);

        // 'auto' sees the dark background around this head and extracts the brain the same way
        OperatorHarness auto = OperatorHarness.of(new MagnitudeMaskOperator())
                .input("magnitude", head)
                .set("method", "auto")
                .run();
        assertTrue(
                auto.logLines().stream().anyMatch(l -> l.contains("auto: Otsu found a dark background")),
                auto.logLines().toString());
        assertArrayEquals(m, VolumeInputs.mask(auto.output("mask", PortTypes.MASK), "mask"));
    }

    @Test
    void autoMethodThresholdsAFieldOfViewInsideTheBrain() throws Exception {
        MultiEchoGre gre = realGre(false);
        OperatorHarness auto = OperatorHarness.of(new MagnitudeMaskOperator())
                .input("gre", gre)
                .set("method", "auto")
                .run();
        OperatorHarness otsu = OperatorHarness.of(new MagnitudeMaskOperator())
                .input("gre", gre)
                .set("method", "otsu")
                .run();
        assertTrue(
                auto.logLines().stream().anyMatch(l -> l.contains("no dark background")),
                auto.logLines().toString());
        assertArrayEquals(
                VolumeInputs.mask(otsu.output("mask", PortTypes.MASK), "mask"),
                VolumeInputs.mask(auto.output("mask", PortTypes.MASK), "mask"));
    }

    @Test
    void magnitudeMaskRejectsBadInput() throws Exception {
        OperatorException neither =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new MagnitudeMaskOperator())
                        .run());
        assertTrue(neither.isBadInput());
        assertTrue(
                neither.getMessage().contains("'gre'") && neither.getMessage().contains("'magnitude'"),
                neither.getMessage());

        VoxelGrid g = new VoxelGrid(8, 8, 8, 1, 1, 1);
        float[] v = new float[g.size()];
        java.util.Arrays.fill(v, 1);
        v[3] = Float.NaN;
        Volume<FloatType> withNaN = VolumeArrays.volume(v, g, Geometry.axisAligned(1, 1, 1), PhysicalUnit.ARBITRARY);
        OperatorException nan =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new MagnitudeMaskOperator())
                        .input("magnitude", withNaN)
                        .run());
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("'magnitude'"), nan.getMessage());

        Volume<FloatType> phase =
                VolumeArrays.volume(new float[g.size()], g, Geometry.axisAligned(1, 1, 1), PhysicalUnit.RADIAN);
        OperatorException unit =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new MagnitudeMaskOperator())
                        .input("magnitude", phase)
                        .run());
        assertTrue(unit.getMessage().contains("rad"), unit.getMessage());

        Volume<FloatType> zeros =
                VolumeArrays.volume(new float[g.size()], g, Geometry.axisAligned(1, 1, 1), PhysicalUnit.ARBITRARY);
        OperatorException empty =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new MaskErosionOperator())
                        .input("mask", zeros)
                        .run());
        assertTrue(empty.getMessage().contains("empty mask"), empty.getMessage());

        float[] small = new float[g.size()];
        small[g.index(4, 4, 4)] = 1;
        Volume<FloatType> dot =
                VolumeArrays.volume(small, g, Geometry.axisAligned(1, 1, 1), PhysicalUnit.DIMENSIONLESS);
        OperatorException gone =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new MaskErosionOperator())
                        .input("mask", dot)
                        .set("radius_mm", 1)
                        .run());
        assertTrue(gone.getMessage().contains("radius_mm"), gone.getMessage());
    }

    @Test
    void swiOfTheRealDataThenMinip() throws Exception {
        MultiEchoGre gre = realGre(true);
        OperatorHarness c = OperatorHarness.of(new SusceptibilityWeightedImagingOperator())
                .input("gre", gre)
                .set("filter_size", 12)
                .run();
        Volume<FloatType> swi = c.output("swi", PortTypes.VOLUME);
        Volume<FloatType> f = c.output("phase_mask", PortTypes.VOLUME);
        Volume<FloatType> hp = c.output("high_pass_phase", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.ARBITRARY, swi.unit());
        assertEquals(PhysicalUnit.DIMENSIONLESS, f.unit());
        assertEquals(PhysicalUnit.RADIAN, hp.unit());
        assertEquals(3, swi.numDimensions());
        float[] s = VolumeArrays.frame(swi, 0);
        float[] mask = VolumeArrays.frame(f, 0);
        float[] phi = VolumeArrays.frame(hp, 0);
        float[] m3 = VolumeArrays.frame(gre.magnitude(), 2); // default echo: the last
        int darkened = 0;
        for (int n = 0; n < s.length; n++) {
            assertTrue(mask[n] >= 0 && mask[n] <= 1);
            assertEquals(phi[n] < 0 ? 1 + phi[n] / Math.PI : 1, mask[n], 1e-5);
            assertEquals(m3[n] * Math.pow(mask[n], 4), s[n], 1e-6 * m3[n] + 1e-12);
            darkened += mask[n] < 1 ? 1 : 0;
        }
        c.logLines().forEach(l -> System.out.println("qsm.swi: " + l));
        // a high-pass phase is centred: about half the voxels lie below zero
        assertTrue(darkened > 0.3 * s.length && darkened < 0.7 * s.length, "darkened " + darkened);

        OperatorHarness p = OperatorHarness.of(new MinimumIntensityProjectionOperator())
                .input("volume", swi)
                .set("slab_mm", 5)
                .run();
        Volume<FloatType> minip = p.output("minip", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.ARBITRARY, minip.unit());
        float[] mp = VolumeArrays.frame(minip, 0);
        VoxelGrid g = VoxelGrid.of(swi);
        // 5 mm of 1 mm slices: slices k−2 … k+2
        for (int k = 0; k < g.nz(); k += 7) {
            for (int j = 0; j < g.ny(); j += 5) {
                for (int i = 0; i < g.nx(); i += 5) {
                    float min = Float.MAX_VALUE;
                    for (int q = Math.max(0, k - 2); q <= Math.min(g.nz() - 1, k + 2); q++) {
                        min = Math.min(min, s[g.index(i, j, q)]);
                    }
                    assertEquals(min, mp[g.index(i, j, k)], 0);
                }
            }
        }
    }

    @Test
    void swiRejectsMissingPhaseAndBadEcho() throws Exception {
        OperatorException noPhase = assertThrows(
                OperatorException.class, () -> OperatorHarness.of(new SusceptibilityWeightedImagingOperator())
                        .input("gre", realGre(false))
                        .run());
        assertTrue(noPhase.isBadInput());
        assertTrue(noPhase.getMessage().contains("no phase"), noPhase.getMessage());
        OperatorException echo = assertThrows(
                OperatorException.class, () -> OperatorHarness.of(new SusceptibilityWeightedImagingOperator())
                        .input("gre", realGre(true))
                        .set("echo", 4)
                        .run());
        assertTrue(echo.getMessage().contains("'echo'"), echo.getMessage());
    }
}
