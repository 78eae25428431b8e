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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.inversion.SpherePhantom;
import org.junit.jupiter.api.Test;

/**
 * The dipole-inversion operators through the operator test kit: units, referencing, padding, Hz input with 'gre',
 * progress, cancellation and bad input. Accuracy itself is tested on the algorithms (package inversion).
 */
class DipoleInversionOperatorsTest {

    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 1);
    private static final double B0_TESLA = 3.0;

    /** Small case for the iterative methods: 32³, sphere radius 5 of 0.1 ppm, mask ball radius 13. */
    private static final VoxelGrid SMALL = new VoxelGrid(32, 32, 32, 1, 1, 1);

    private static final double[] SMALL_CENTRE = {16, 16, 16};

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

    private static MultiEchoGre gre(float[] magnitude, VoxelGrid g) {
        return new MultiEchoGre(
                volume(magnitude, g, PhysicalUnit.ARBITRARY),
                null,
                new GreAcquisition(EchoTimes.ofMilliseconds(5), B0_TESLA));
    }

    private static float[] smallField() {
        float[] f = new float[SMALL.size()];
        SpherePhantom.addField(f, SMALL, SMALL_CENTRE, 5, 0.1, new double[] {0, 0, 1});
        return f;
    }

    @Test
    void tkdGivesReferencedChiInPpmZeroOutsideTheMask() throws OperatorException {
        float[] field = SpherePhantom.field(new double[] {0, 0, 1});
        boolean[] ball = SpherePhantom.ball(SpherePhantom.GRID, SpherePhantom.CENTRE, 24);
        OperatorHarness c = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input(DipoleInversionOperator.FIELD, volume(field, SpherePhantom.GRID, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SpherePhantom.GRID))
                .run();
        Volume<FloatType> chi = c.output(DipoleInversionOperator.CHI);
        assertEquals(PhysicalUnit.PPM, chi.unit());
        assertArrayEquals(new long[] {64, 64, 64}, chi.dimensions());
        assertTrue(chi.geometry().approximatelyEquals(GEOMETRY, 1e-9));
        float[] v = Volumes.floats(chi);
        double sum = 0;
        int count = 0;
        for (int n = 0; n < v.length; n++) {
            if (ball[n]) {
                sum += v[n];
                count++;
            } else {
                assertEquals(0f, v[n], "outside the mask");
            }
        }
        assertEquals(0, sum / count, 1e-6, "mean over the mask (the default reference)");
        assertEquals(0.1, SpherePhantom.recoveredDeltaChi(v, ball), 0.02);
        assertTrue(c.logLines().stream().anyMatch(l -> l.contains("warning: no 'gre' input")), "B0 default is logged");
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.contains("TKD on") && l.contains("residual")),
                c.logLines().toString());
        assertEquals(1.0, c.progressReports().get(c.progressReports().size() - 1));
    }

    @Test
    void fieldInHertzWithGreGivesTheSameChiAsPpmAndTheReferenceRegionHasMeanZero() throws OperatorException {
        float[] ppm = smallField();
        float[] hz = new float[ppm.length];
        for (int n = 0; n < hz.length; n++) {
            hz[n] = (float) FieldUnits.ppmToHertz(ppm[n], B0_TESLA);
        }
        boolean[] ball = SpherePhantom.ball(SMALL, SMALL_CENTRE, 13);
        boolean[] core = SpherePhantom.ball(SMALL, SMALL_CENTRE, 3);
        float[] ones = new float[ppm.length];
        java.util.Arrays.fill(ones, 1f);
        float[] fromPpm = Volumes.floats(OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input(DipoleInversionOperator.FIELD, volume(ppm, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .input(DipoleInversionOperator.REFERENCE, mask(core, SMALL))
                .run()
                .output(DipoleInversionOperator.CHI));
        float[] fromHz = Volumes.floats(OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input(DipoleInversionOperator.FIELD, volume(hz, SMALL, PhysicalUnit.HERTZ))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .input(DipoleInversionOperator.REFERENCE, mask(core, SMALL))
                .input(DipoleInversionOperator.GRE, gre(ones, SMALL))
                .run()
                .output(DipoleInversionOperator.CHI));
        double sum = 0;
        int count = 0;
        for (int n = 0; n < fromPpm.length; n++) {
            assertEquals(fromPpm[n], fromHz[n], 1e-5, "voxel " + n);
            if (core[n]) {
                sum += fromPpm[n];
                count++;
            }
        }
        assertEquals(0, sum / count, 1e-6, "mean over the reference region");
    }

    @Test
    void paddingChangesOnlyTheWrapAroundNotTheResultInside() throws OperatorException {
        float[] field = smallField();
        boolean[] ball = SpherePhantom.ball(SMALL, SMALL_CENTRE, 13);
        float[] none = Volumes.floats(OperatorHarness.of(new ClosedFormTikhonovOperator())
                .set(DipoleInversionOperator.PAD, 1.0)
                .input(DipoleInversionOperator.FIELD, volume(field, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .run()
                .output(DipoleInversionOperator.CHI));
        float[] padded = Volumes.floats(OperatorHarness.of(new ClosedFormTikhonovOperator())
                .set(DipoleInversionOperator.PAD, 2.0)
                .input(DipoleInversionOperator.FIELD, volume(field, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .run()
                .output(DipoleInversionOperator.CHI));
        double diff = 0, norm = 0;
        for (int n = 0; n < field.length; n++) {
            diff += Math.pow(none[n] - padded[n], 2);
            norm += Math.pow(none[n], 2);
        }
        double rel = Math.sqrt(diff / norm);
        assertTrue(rel > 1e-6 && rel < 0.2, "padding changes χ a little (periodic wrap-around): " + rel);
    }

    @Test
    void tvReportsIterationsAndHonoursCancellation() throws OperatorException {
        float[] field = smallField();
        boolean[] ball = SpherePhantom.ball(SMALL, SMALL_CENTRE, 13);
        OperatorHarness c = OperatorHarness.of(new TotalVariationAdmmOperator())
                .input(DipoleInversionOperator.FIELD, volume(field, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .run();
        assertTrue(c.progressReports().size() > 4, "progress per iteration: " + c.progressReports());
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.contains("TV-ADMM on") && l.contains("iteration")),
                c.logLines().toString());
        float[] chi = Volumes.floats(c.output(DipoleInversionOperator.CHI));
        assertTrue(chi[SMALL.index(16, 16, 16)] > chi[SMALL.index(16, 16, 26)] + 0.05, "the sphere stands out");

        OperatorHarness cancelled = OperatorHarness.of(new TotalVariationAdmmOperator())
                .input(DipoleInversionOperator.FIELD, volume(field, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL));
        cancelled.cancel().runExpectingCancellation();
    }

    @Test
    void mediTakesItsMagnitudeFromGreOrNeedsOne() throws OperatorException {
        float[] field = smallField();
        boolean[] ball = SpherePhantom.ball(SMALL, SMALL_CENTRE, 13);
        boolean[] sphere = SpherePhantom.ball(SMALL, SMALL_CENTRE, 5);
        float[] magnitude = new float[field.length];
        for (int n = 0; n < magnitude.length; n++) {
            magnitude[n] = sphere[n] ? 0.5f : 1f;
        }
        OperatorHarness c = OperatorHarness.of(new MorphologyEnabledDipoleInversionOperator())
                .input(DipoleInversionOperator.FIELD, volume(field, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .input(DipoleInversionOperator.GRE, gre(magnitude, SMALL))
                .set(DipoleInversionOperator.PAD, 1.0)
                .run();
        float[] chi = Volumes.floats(c.output(DipoleInversionOperator.CHI));
        assertEquals(
                0.1,
                chi[SMALL.index(16, 16, 16)] - chi[SMALL.index(16, 16, 26)],
                0.03,
                "sphere centre vs. surroundings");
        assertTrue(c.logLines().stream().noneMatch(l -> l.startsWith("warning")), "B0 from gre: " + c.logLines());

        String e = OperatorHarness.of(new MorphologyEnabledDipoleInversionOperator())
                .input(DipoleInversionOperator.FIELD, volume(field, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .runExpectingBadInput();
        assertTrue(e.contains("magnitude"), e);
    }

    @Test
    void badInputIsReportedNamingThePort() {
        float[] field = smallField();
        boolean[] ball = SpherePhantom.ball(SMALL, SMALL_CENTRE, 13);
        Volume<FloatType> ppm = volume(field, SMALL, PhysicalUnit.PPM);

        String empty = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input(DipoleInversionOperator.FIELD, ppm)
                .input(DipoleInversionOperator.MASK, mask(new boolean[field.length], SMALL))
                .runExpectingBadInput();
        assertTrue(empty.contains("'mask'"), empty);

        float[] withNan = field.clone();
        withNan[SMALL.index(16, 16, 20)] = Float.NaN;
        String nan = OperatorHarness.of(new ClosedFormTikhonovOperator())
                .input(DipoleInversionOperator.FIELD, volume(withNan, SMALL, PhysicalUnit.PPM))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .runExpectingBadInput();
        assertTrue(nan.contains("'local_field'"), nan);

        Volume<FloatType> fourD = Volumes.createFloat(new long[] {32, 32, 32, 2}, GEOMETRY, PhysicalUnit.PPM);
        String frames = OperatorHarness.of(new TotalVariationAdmmOperator())
                .input(DipoleInversionOperator.FIELD, fourD)
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .runExpectingBadInput();
        assertTrue(frames.contains("frames"), frames);

        String hz = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input(DipoleInversionOperator.FIELD, volume(field, SMALL, PhysicalUnit.HERTZ))
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .runExpectingBadInput();
        assertTrue(hz.contains("'gre'"), hz);

        String outsideRef = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input(DipoleInversionOperator.FIELD, ppm)
                .input(DipoleInversionOperator.MASK, mask(ball, SMALL))
                .input(
                        DipoleInversionOperator.REFERENCE,
                        mask(SpherePhantom.ball(SMALL, new double[] {0, 0, 0}, 2), SMALL))
                .runExpectingBadInput();
        assertTrue(outsideRef.contains("'reference'"), outsideRef);

        String thin = OperatorHarness.of(new SingleStepSharpOperator())
                .input(DipoleInversionOperator.TOTAL_FIELD, ppm)
                .input(DipoleInversionOperator.MASK, mask(SpherePhantom.ball(SMALL, SMALL_CENTRE, 3), SMALL))
                .runExpectingBadInput();
        assertTrue(
                thin.startsWith("input 'mask': the mask is eroded to nothing by the" + " single-step sphere of radius"),
                thin);

        VoxelGrid other = new VoxelGrid(32, 32, 30, 1, 1, 1);
        String size = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input(DipoleInversionOperator.FIELD, ppm)
                .input(DipoleInversionOperator.MASK, mask(new boolean[other.size()], other))
                .runExpectingBadInput();
        assertTrue(size.contains("'mask'"), size);
    }

    @Test
    void operatorsAreRegisteredAsServices() {
        Set<String> ids = ServiceLoader.load(Operator.class).stream()
                .map(p -> p.get().descriptor().id())
                .collect(Collectors.toSet());
        assertTrue(
                ids.containsAll(Set.of(
                        "qsm.dipole.tkd",
                        "qsm.dipole.tikhonov",
                        "qsm.dipole.tv",
                        "qsm.dipole.medi",
                        "qsm.dipole.singlestep")),
                ids.toString());
    }
}
