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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
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
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

class BackgroundOperatorsTest {

    private static final VoxelGrid GRID = new VoxelGrid(32, 32, 32, 2, 2, 2);
    private static final Geometry GEOMETRY = Geometry.axisAligned(2, 2, 2);
    private static final double TESLA = 3;

    /** A ball of radius 12 voxels (24 mm). */
    private static boolean[] ball() {
        boolean[] m = new boolean[GRID.size()];
        for (int k = 0; k < 32; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    m[GRID.index(i, j, k)] = (i - 16) * (i - 16) + (j - 16) * (j - 16) + (k - 16) * (k - 16) <= 144;
                }
            }
        }
        return m;
    }

    /** A shim-like linear field (harmonic) in ppm. */
    private static float[] gradientPpm() {
        float[] f = new float[GRID.size()];
        for (int k = 0; k < 32; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    f[GRID.index(i, j, k)] =
                            (float) (0.004 * (2 * i - 32) - 0.002 * (2 * j - 32) + 0.003 * (2 * k - 32));
                }
            }
        }
        return f;
    }

    private static Volume<FloatType> volume(float[] values, PhysicalUnit unit) {
        return VolumeArrays.volume(values.clone(), GRID, GEOMETRY, unit);
    }

    private static MultiEchoGre gre() {
        Volume<FloatType> magnitude = Volumes.createFloat(new long[] {32, 32, 32, 1}, GEOMETRY, PhysicalUnit.ARBITRARY);
        return new MultiEchoGre(magnitude, null, new GreAcquisition(EchoTimes.ofMilliseconds(20), TESLA));
    }

    private static List<Operator> operators() {
        return List.of(
                new VSharpOperator(),
                new ResharpOperator(),
                new ProjectionOntoDipoleFieldsOperator(),
                new LaplacianBoundaryValueOperator());
    }

    @Test
    void operatorsAreRegisteredWithTheSharedPorts() {
        List<String> ids = Lookup.getDefault().lookupAll(Operator.class).stream()
                .map(o -> o.descriptor().id())
                .toList();
        for (Operator op : operators()) {
            assertTrue(ids.contains(op.descriptor().id()), op.descriptor().id() + " not found through Lookup: " + ids);
            assertEquals(QsmCategories.BACKGROUND, op.descriptor().category());
            assertEquals(
                    List.of("field", "mask", "gre"),
                    op.descriptor().inputs().stream()
                            .limit(3)
                            .map(p -> p.name())
                            .toList());
            assertEquals(
                    List.of("local_field", "mask", "background_field"),
                    op.descriptor().outputs().stream().map(p -> p.name()).toList());
        }
        assertEquals(
                List.of("qsm.background.vsharp", "qsm.background.resharp", "qsm.background.pdf", "qsm.background.lbv"),
                operators().stream().map(o -> o.descriptor().id()).toList());
    }

    @Test
    void aHarmonicFieldInHertzNaNOutsideLeavesNoLocalFieldAndComesBackInPpm() throws OperatorException {
        boolean[] mask = ball();
        float[] ppm = gradientPpm();
        float[] hz = ppm.clone();
        double hzPerPpm = 1 / FieldUnits.hertzToPpm(1.0, TESLA);
        for (int v = 0; v < hz.length; v++) {
            // real field maps are often NaN outside the brain: that must not leak in
            hz[v] = mask[v] ? (float) (ppm[v] * hzPerPpm) : Float.NaN;
        }
        for (Operator op : operators()) {
            OperatorHarness c = OperatorHarness.of(op)
                    .input("field", volume(hz, PhysicalUnit.HERTZ))
                    .input("mask", VolumeArrays.maskVolume(mask, GRID, GEOMETRY))
                    .input("gre", gre())
                    .run();
            Volume<FloatType> local = c.output("local_field", PortTypes.VOLUME);
            Volume<FloatType> background = c.output("background_field", PortTypes.VOLUME);
            Volume<FloatType> outMask = c.output("mask", PortTypes.MASK);
            String id = op.descriptor().id();
            assertEquals(PhysicalUnit.PPM, local.unit(), id);
            assertEquals(PhysicalUnit.PPM, background.unit(), id);
            assertEquals(GEOMETRY, local.geometry(), id);
            assertArrayEquals(new long[] {32, 32, 32}, local.dimensions(), id);
            float[] l = VolumeArrays.frame(local, 0),
                    b = VolumeArrays.frame(background, 0),
                    m = VolumeArrays.frame(outMask, 0);
            double err = 0, ref = 0, worst = 0;
            int inside = 0;
            for (int v = 0; v < l.length; v++) {
                assertTrue(Float.isFinite(l[v]) && Float.isFinite(b[v]), id + ": non-finite output at " + v);
                if (m[v] != 0) {
                    assertTrue(mask[v], id + ": output mask leaves the input mask at " + v);
                    err += l[v] * (double) l[v];
                    ref += ppm[v] * (double) ppm[v];
                    worst = Math.max(worst, Math.abs(b[v] - ppm[v]));
                    inside++;
                } else {
                    assertEquals(0f, l[v], id);
                }
            }
            double relative = Math.sqrt(err / ref);
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d voxels, local RMS %.3g of the field RMS; log %s%n",
                    id,
                    inside,
                    relative,
                    c.logLines());
            // PDF can only approximate a gradient by dipoles outside the mask; the others remove it exactly
            assertTrue(relative < (id.endsWith("pdf") ? 0.05 : 1e-4), id + ": local field RMS " + relative);
            assertTrue(inside > 1000, id + " kept " + inside + " voxels");
            assertTrue(
                    c.logLines().stream().anyMatch(s -> s.contains("voxels")),
                    id + " logs no voxel count: " + c.logLines());
            if (!id.endsWith("vsharp")) {
                assertTrue(
                        c.progressMessages().stream().anyMatch(s -> s.contains(": iteration 1, relative residual")),
                        id + " reports no solver iterations: " + c.progressMessages());
            }
        }
    }

    @Test
    void vsharpLogsTheErodedVoxelsAndTheRadii() throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new VSharpOperator())
                .input("field", volume(gradientPpm(), PhysicalUnit.PPM))
                .input("mask", VolumeArrays.maskVolume(ball(), GRID, GEOMETRY))
                .set("max_radius", 8)
                .run();
        assertTrue(c.logLines().contains("radii (mm): 8, 6, 4, 2"), c.logLines().toString());
        // ball of radius 12 voxels eroded by the 1-voxel sphere: |p|² + 2 max|p_d| + 1 ≤ 144
        int input = 0, kept = 0;
        for (int z = -16; z < 16; z++) {
            for (int y = -16; y < 16; y++) {
                for (int x = -16; x < 16; x++) {
                    int r2 = x * x + y * y + z * z;
                    int m = Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z)));
                    input += r2 <= 144 ? 1 : 0;
                    kept += r2 + 2 * m + 1 <= 144 ? 1 : 0;
                }
            }
        }
        String expected = "output mask " + kept + " voxels; " + (input - kept) + " eroded from the input mask";
        assertTrue(c.logLines().contains(expected), expected + " not in " + c.logLines());
        assertFalse(
                c.logLines().stream().anyMatch(s -> s.startsWith("warning: no 'gre' input")),
                "V-SHARP needs no B0 direction, so it should not warn about it");
    }

    @Test
    void badInputsAreNamed() {
        boolean[] mask = ball();
        Volume<FloatType> maskVolume = VolumeArrays.maskVolume(mask, GRID, GEOMETRY);
        Volume<FloatType> field = volume(gradientPpm(), PhysicalUnit.PPM);
        for (Operator op : operators()) {
            OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(op)
                    .input("field", field)
                    .input("mask", volume(new float[GRID.size()], PhysicalUnit.DIMENSIONLESS))
                    .run());
            assertTrue(e.isBadInput());
            assertEquals("input 'mask' is an empty mask (no voxel is inside)", e.getMessage());

            float[] withNaN = gradientPpm();
            withNaN[GRID.index(16, 16, 16)] = Float.NaN;
            e = assertThrows(OperatorException.class, () -> OperatorHarness.of(op)
                    .input("field", volume(withNaN, PhysicalUnit.PPM))
                    .input("mask", maskVolume)
                    .run());
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "input 'field' holds NaN at voxel " + GRID.index(16, 16, 16) + " inside the mask"),
                    e.getMessage());

            Volume<FloatType> echoes = Volumes.createFloat(new long[] {32, 32, 32, 2}, GEOMETRY, PhysicalUnit.PPM);
            e = assertThrows(OperatorException.class, () -> OperatorHarness.of(op)
                    .input("field", echoes)
                    .input("mask", maskVolume)
                    .run());
            assertEquals(
                    "input 'field' has 2 frames (32×32×32×2); give one 3-D field map (combine the echoes first)",
                    e.getMessage());

            e = assertThrows(OperatorException.class, () -> OperatorHarness.of(op)
                    .input("field", volume(gradientPpm(), PhysicalUnit.HERTZ))
                    .input("mask", maskVolume)
                    .run());
            assertEquals(
                    "input 'field' is in Hz; connect input 'gre' (for the field strength) or give the field in ppm",
                    e.getMessage());
        }
    }

    @Test
    void aMaskErodedToNothingNamesTheRadius() {
        boolean[] small = new boolean[GRID.size()];
        for (int k = 14; k < 18; k++) {
            for (int j = 14; j < 18; j++) {
                for (int i = 14; i < 18; i++) {
                    small[GRID.index(i, j, k)] = true; // 4 voxels = 8 mm across
                }
            }
        }
        Volume<FloatType> mask = VolumeArrays.maskVolume(small, GRID, GEOMETRY);
        Volume<FloatType> field = volume(gradientPpm(), PhysicalUnit.PPM);
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new VSharpOperator())
                .input("field", field)
                .input("mask", mask)
                .set("min_radius", 4)
                .set("max_radius", 6)
                .run());
        assertTrue(e.isBadInput());
        assertEquals(
                "input 'mask': the mask is eroded to nothing by the smallest V-SHARP radius 4 mm: no voxel has its"
                        + " whole sphere inside the mask",
                e.getMessage());
        e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ResharpOperator())
                .input("field", field)
                .input("mask", mask)
                .set("radius", 5)
                .run());
        assertEquals(
                "input 'mask': the mask is eroded to nothing by the radius 5 mm: no voxel has its whole sphere inside"
                        + " the mask",
                e.getMessage());
    }

    @Test
    void parametersThatCannotFitTheGridAreNamed() {
        Volume<FloatType> mask = VolumeArrays.maskVolume(ball(), GRID, GEOMETRY);
        Volume<FloatType> field = volume(gradientPpm(), PhysicalUnit.PPM);
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new VSharpOperator())
                .input("field", field)
                .input("mask", mask)
                .set("max_radius", 40)
                .run());
        assertTrue(e.isBadInput());
        assertEquals(
                "parameters 'max_radius'/'min_radius': a sphere of radius 40 mm spans 41 voxels along axis 0 but the"
                        + " grid has only 32",
                e.getMessage());
        e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new VSharpOperator())
                .input("field", field)
                .input("mask", mask)
                .set("max_radius", 4)
                .set("min_radius", 6)
                .run());
        assertEquals(
                "parameters 'max_radius'/'min_radius': smallest V-SHARP radius 6 mm exceeds the largest 4 mm",
                e.getMessage());
        e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ResharpOperator())
                .input("field", field)
                .input("mask", mask)
                .set("radius", 33)
                .run());
        assertEquals(
                "parameter 'radius': a sphere of radius 33 mm spans 33 voxels along axis 0 but the grid has only 32",
                e.getMessage());
        e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator())
                .input("field", field)
                .input("mask", mask)
                .input("weights", volume(new float[GRID.size()], PhysicalUnit.ARBITRARY))
                .run());
        assertEquals("input 'weights' is zero everywhere in the mask; nothing would be fitted", e.getMessage());
    }

    @Test
    void pdfTakesTheB0DirectionFromTheAcquisition() throws OperatorException {
        Volume<FloatType> magnitude = Volumes.createFloat(new long[] {32, 32, 32, 1}, GEOMETRY, PhysicalUnit.ARBITRARY);
        MultiEchoGre tilted = new MultiEchoGre(
                magnitude, null, new GreAcquisition(EchoTimes.ofMilliseconds(20), TESLA, new double[] {0, 0.6, 0.8}));
        OperatorHarness c = OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator())
                .input("field", volume(gradientPpm(), PhysicalUnit.PPM))
                .input("mask", VolumeArrays.maskVolume(ball(), GRID, GEOMETRY))
                .input("gre", tilted)
                .set("iterations", 3)
                .run();
        assertTrue(
                c.logLines().stream().anyMatch(s -> s.startsWith("B0 along voxel axes: (0.0000, 0.6000, 0.8000)")),
                c.logLines().toString());
        c = OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator())
                .input("field", volume(gradientPpm(), PhysicalUnit.PPM))
                .input("mask", VolumeArrays.maskVolume(ball(), GRID, GEOMETRY))
                .set("iterations", 3)
                .run();
        assertTrue(
                c.logLines().stream().anyMatch(s -> s.startsWith("warning: no 'gre' input")),
                c.logLines().toString());
    }
}
