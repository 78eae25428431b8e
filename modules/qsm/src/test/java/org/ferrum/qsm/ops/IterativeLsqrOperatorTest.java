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

import java.util.Arrays;
import java.util.ServiceLoader;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
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
 * {@code qsm.dipole.ilsqr} through a test context on a 32³ case (sphere radius 5 of 0.1 ppm, mask ball radius 13,
 * 30 iterations per solve to stay fast; measured core-vs-surroundings contrast 0.07 ppm): units, geometry, referencing, Hz with 'gre', progress, cancellation and bad
 * input. Accuracy is tested on the algorithm (IterativeLsqrTest).
 */
class IterativeLsqrOperatorTest {

    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 1);
    private static final double B0_TESLA = 3.0;
    private static final VoxelGrid SMALL = new VoxelGrid(32, 32, 32, 1, 1, 1);
    private static final double[] CENTRE = {16, 16, 16};
    private static final boolean[] BALL = SpherePhantom.ball(SMALL, CENTRE, 13);

    private static Volume<FloatType> volume(float[] v, VoxelGrid g, PhysicalUnit unit) {
        Volume<FloatType> out = Volumes.createFloat(g.dimensions(), GEOMETRY, unit);
        System.arraycopy(v, 0, Volumes.floats(out), 0, v.length);
        return out;
    }

    private static Volume<FloatType> mask(boolean[] m, VoxelGrid g) {
        float[] v = new float[m.length];
        for (int n = 0; n < m.length; n++) {
            v[n] = m[n] ? 1 : 0;
        }
        return volume(v, g, PhysicalUnit.DIMENSIONLESS);
    }

    private static float[] field() {
        float[] f = new float[SMALL.size()];
        SpherePhantom.addField(f, SMALL, CENTRE, 5, 0.1, new double[] {0, 0, 1});
        return f;
    }

    private static OperatorHarness context() {
        return OperatorHarness.of(new IterativeLsqrOperator())
                .set("max_iterations", 30L)
                .set("pad", 1.0);
    }

    @Test
    void givesChiInPpmOnTheInputGeometryReferencedAndZeroOutsideTheMask() throws OperatorException {
        boolean[] core = SpherePhantom.ball(SMALL, CENTRE, 3);
        OperatorHarness c = context()
                .input("local_field", volume(field(), SMALL, PhysicalUnit.PPM))
                .input("mask", mask(BALL, SMALL))
                .input("reference", mask(core, SMALL))
                .run();
        Volume<FloatType> chi = c.output("chi", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.PPM, chi.unit());
        assertArrayEquals(new long[] {32, 32, 32}, chi.dimensions());
        assertTrue(chi.geometry().approximatelyEquals(GEOMETRY, 1e-9));
        float[] v = Volumes.floats(chi);
        boolean[] clear = SpherePhantom.ball(SMALL, CENTRE, 8);
        double sum = 0, surroundings = 0;
        int count = 0, countSurroundings = 0;
        for (int n = 0; n < v.length; n++) {
            if (!BALL[n]) {
                assertEquals(0f, v[n], "outside the mask");
            } else if (core[n]) {
                sum += v[n];
                count++;
            } else if (!clear[n]) {
                surroundings += v[n];
                countSurroundings++;
            }
        }
        assertEquals(0, sum / count, 1e-6, "mean over the reference region");
        // means, not single voxels: LSQR's solution ripples voxel by voxel on so small a sphere (radius 5)
        double contrast = sum / count - surroundings / countSurroundings;
        assertTrue(contrast > 0.04 && contrast < 0.13, "sphere core (r ≤ 3) vs. mask beyond r = 8: " + contrast);
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.contains("iLSQR on") && l.contains("residual")),
                c.logLines().toString());
        assertTrue(c.logLines().stream().anyMatch(l -> l.contains("Laplacian only")), "no magnitude: " + c.logLines());
        assertTrue(c.progressReports().size() > 10, "progress per LSQR iteration: " + c.progressReports());
        assertEquals(1.0, c.progressReports().get(c.progressReports().size() - 1));
    }

    @Test
    void fieldInHertzWithGreGivesTheSameChiAsPpmAndCancellationIsHonoured() throws OperatorException {
        float[] ppm = field();
        float[] hz = new float[ppm.length];
        for (int n = 0; n < hz.length; n++) {
            hz[n] = (float) FieldUnits.ppmToHertz(ppm[n], B0_TESLA);
        }
        float[] ones = new float[ppm.length];
        Arrays.fill(ones, 1f);
        MultiEchoGre gre = new MultiEchoGre(
                volume(ones, SMALL, PhysicalUnit.ARBITRARY),
                null,
                new GreAcquisition(EchoTimes.ofMilliseconds(5), B0_TESLA));
        float[] fromPpm = Volumes.floats(context()
                .input("local_field", volume(ppm, SMALL, PhysicalUnit.PPM))
                .input("mask", mask(BALL, SMALL))
                .run()
                .output("chi", PortTypes.VOLUME));
        OperatorHarness withGre = context()
                .input("local_field", volume(hz, SMALL, PhysicalUnit.HERTZ))
                .input("mask", mask(BALL, SMALL))
                .input("gre", gre)
                .run();
        float[] fromHz = Volumes.floats(withGre.output("chi", PortTypes.VOLUME));
        // a uniform magnitude is the unweighted case, so only the unit conversion differs
        assertArrayEquals(fromPpm, fromHz, 1e-5f);
        assertTrue(
                withGre.logLines().stream().anyMatch(l -> l.contains("from the magnitude")),
                withGre.logLines().toString());
        assertTrue(
                withGre.logLines().stream().noneMatch(l -> l.startsWith("warning")),
                "B0 from gre: " + withGre.logLines());

        OperatorHarness cancelled = context()
                .input("local_field", volume(ppm, SMALL, PhysicalUnit.PPM))
                .input("mask", mask(BALL, SMALL));
        cancelled.cancel().runExpectingCancellation();
    }

    @Test
    void badInputIsReportedNamingThePort() {
        float[] field = field();
        Volume<FloatType> ppm = volume(field, SMALL, PhysicalUnit.PPM);

        OperatorException empty = assertThrows(OperatorException.class, () -> context()
                .input("local_field", ppm)
                .input("mask", mask(new boolean[field.length], SMALL))
                .run());
        assertTrue(empty.isBadInput() && empty.getMessage().contains("'mask'"), empty.getMessage());

        float[] withNan = field.clone();
        withNan[SMALL.index(16, 16, 20)] = Float.NaN;
        OperatorException nan = assertThrows(OperatorException.class, () -> context()
                .input("local_field", volume(withNan, SMALL, PhysicalUnit.PPM))
                .input("mask", mask(BALL, SMALL))
                .run());
        assertTrue(nan.isBadInput() && nan.getMessage().contains("'local_field'"), nan.getMessage());

        OperatorException hz = assertThrows(OperatorException.class, () -> context()
                .input("local_field", volume(field, SMALL, PhysicalUnit.HERTZ))
                .input("mask", mask(BALL, SMALL))
                .run());
        assertTrue(hz.isBadInput() && hz.getMessage().contains("'gre'"), hz.getMessage());

        OperatorException outsideRef = assertThrows(OperatorException.class, () -> context()
                .input("local_field", ppm)
                .input("mask", mask(BALL, SMALL))
                .input("reference", mask(SpherePhantom.ball(SMALL, new double[] {0, 0, 0}, 2), SMALL))
                .run());
        assertTrue(outsideRef.isBadInput() && outsideRef.getMessage().contains("'reference'"), outsideRef.getMessage());

        VoxelGrid other = new VoxelGrid(32, 32, 30, 1, 1, 1);
        OperatorException magnitude = assertThrows(OperatorException.class, () -> context()
                .input("local_field", ppm)
                .input("mask", mask(BALL, SMALL))
                .input("magnitude", volume(new float[other.size()], other, PhysicalUnit.ARBITRARY))
                .run());
        assertTrue(magnitude.isBadInput() && magnitude.getMessage().contains("magnitude"), magnitude.getMessage());
    }

    @Test
    void registeredAsService() {
        assertTrue(ServiceLoader.load(Operator.class).stream()
                .anyMatch(p -> p.get().descriptor().id().equals("qsm.dipole.ilsqr")));
    }
}
