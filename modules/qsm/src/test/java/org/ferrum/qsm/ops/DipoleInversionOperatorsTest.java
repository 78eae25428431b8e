package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.inversion.SpherePhantom;
import org.junit.jupiter.api.Test;

/**
 * The dipole-inversion operators through a test context: units, referencing, padding, Hz input with 'gre',
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
        return new MultiEchoGre(volume(magnitude, g, PhysicalUnit.ARBITRARY), null,
                new GreAcquisition(EchoTimes.ofMilliseconds(5), B0_TESLA));
    }

    private static float[] smallField() {
        float[] f = new float[SMALL.size()];
        SpherePhantom.addField(f, SMALL, SMALL_CENTRE, 5, 0.1, new double[]{0, 0, 1});
        return f;
    }

    @Test
    void tkdGivesReferencedChiInPpmZeroOutsideTheMask() throws OperatorException {
        float[] field = SpherePhantom.field(new double[]{0, 0, 1});
        boolean[] ball = SpherePhantom.ball(SpherePhantom.GRID, SpherePhantom.CENTRE, 24);
        TestContext c = new TestContext(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", volume(field, SpherePhantom.GRID, PhysicalUnit.PPM))
                .input("mask", mask(ball, SpherePhantom.GRID)).run();
        Volume<FloatType> chi = c.output("chi", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.PPM, chi.unit());
        assertArrayEquals(new long[]{64, 64, 64}, chi.dimensions());
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
        assertTrue(c.log.stream().anyMatch(l -> l.contains("warning: no 'gre' input")), "B0 default is logged");
        assertTrue(c.log.stream().anyMatch(l -> l.contains("TKD on") && l.contains("residual")), c.log.toString());
        assertEquals(1.0, c.progress.get(c.progress.size() - 1));
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
        float[] fromPpm = Volumes.floats(new TestContext(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", volume(ppm, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL))
                .input("reference", mask(core, SMALL)).run().output("chi", PortTypes.VOLUME));
        float[] fromHz = Volumes.floats(new TestContext(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", volume(hz, SMALL, PhysicalUnit.HERTZ)).input("mask", mask(ball, SMALL))
                .input("reference", mask(core, SMALL)).input("gre", gre(ones, SMALL)).run().output("chi", PortTypes.VOLUME));
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
        float[] none = Volumes.floats(new TestContext(new ClosedFormTikhonovOperator()).parameter("pad", 1.0)
                .input("local_field", volume(field, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL)).run()
                .output("chi", PortTypes.VOLUME));
        float[] padded = Volumes.floats(new TestContext(new ClosedFormTikhonovOperator()).parameter("pad", 2.0)
                .input("local_field", volume(field, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL)).run()
                .output("chi", PortTypes.VOLUME));
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
        TestContext c = new TestContext(new TotalVariationAdmmOperator())
                .input("local_field", volume(field, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL)).run();
        assertTrue(c.progress.size() > 4, "progress per iteration: " + c.progress);
        assertTrue(c.log.stream().anyMatch(l -> l.contains("TV-ADMM on") && l.contains("iteration")), c.log.toString());
        float[] chi = Volumes.floats(c.output("chi", PortTypes.VOLUME));
        assertTrue(chi[SMALL.index(16, 16, 16)] > chi[SMALL.index(16, 16, 26)] + 0.05, "the sphere stands out");

        TestContext cancelled = new TestContext(new TotalVariationAdmmOperator())
                .input("local_field", volume(field, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL));
        cancelled.cancelled.set(true);
        assertThrows(CancellationException.class, cancelled::run);
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
        TestContext c = new TestContext(new MorphologyEnabledDipoleInversionOperator())
                .input("local_field", volume(field, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL))
                .input("gre", gre(magnitude, SMALL)).parameter("pad", 1.0).run();
        float[] chi = Volumes.floats(c.output("chi", PortTypes.VOLUME));
        assertEquals(0.1, chi[SMALL.index(16, 16, 16)] - chi[SMALL.index(16, 16, 26)], 0.03, "sphere centre vs. surroundings");
        assertTrue(c.log.stream().noneMatch(l -> l.startsWith("warning")), "B0 from gre: " + c.log);

        OperatorException e = assertThrows(OperatorException.class, () -> new TestContext(new MorphologyEnabledDipoleInversionOperator())
                .input("local_field", volume(field, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL)).run());
        assertTrue(e.isBadInput() && e.getMessage().contains("magnitude"), e.getMessage());
    }

    @Test
    void badInputIsReportedNamingThePort() {
        float[] field = smallField();
        boolean[] ball = SpherePhantom.ball(SMALL, SMALL_CENTRE, 13);
        Volume<FloatType> ppm = volume(field, SMALL, PhysicalUnit.PPM);

        OperatorException empty = assertThrows(OperatorException.class, () -> new TestContext(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", ppm).input("mask", mask(new boolean[field.length], SMALL)).run());
        assertTrue(empty.isBadInput() && empty.getMessage().contains("'mask'"), empty.getMessage());

        float[] withNan = field.clone();
        withNan[SMALL.index(16, 16, 20)] = Float.NaN;
        OperatorException nan = assertThrows(OperatorException.class, () -> new TestContext(new ClosedFormTikhonovOperator())
                .input("local_field", volume(withNan, SMALL, PhysicalUnit.PPM)).input("mask", mask(ball, SMALL)).run());
        assertTrue(nan.isBadInput() && nan.getMessage().contains("'local_field'"), nan.getMessage());

        Volume<FloatType> fourD = Volumes.createFloat(new long[]{32, 32, 32, 2}, GEOMETRY, PhysicalUnit.PPM);
        OperatorException frames = assertThrows(OperatorException.class, () -> new TestContext(new TotalVariationAdmmOperator())
                .input("local_field", fourD).input("mask", mask(ball, SMALL)).run());
        assertTrue(frames.isBadInput() && frames.getMessage().contains("frames"), frames.getMessage());

        OperatorException hz = assertThrows(OperatorException.class, () -> new TestContext(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", volume(field, SMALL, PhysicalUnit.HERTZ)).input("mask", mask(ball, SMALL)).run());
        assertTrue(hz.isBadInput() && hz.getMessage().contains("'gre'"), hz.getMessage());

        OperatorException outsideRef = assertThrows(OperatorException.class, () -> new TestContext(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", ppm).input("mask", mask(ball, SMALL))
                .input("reference", mask(SpherePhantom.ball(SMALL, new double[]{0, 0, 0}, 2), SMALL)).run());
        assertTrue(outsideRef.isBadInput() && outsideRef.getMessage().contains("'reference'"), outsideRef.getMessage());

        OperatorException thin = assertThrows(OperatorException.class, () -> new TestContext(new SingleStepSharpOperator())
                .input("field", ppm).input("mask", mask(SpherePhantom.ball(SMALL, SMALL_CENTRE, 3), SMALL)).run());
        assertTrue(thin.isBadInput() && thin.getMessage().startsWith("input 'mask': the mask is eroded to nothing by the"
                + " single-step sphere of radius"), thin.getMessage());

        VoxelGrid other = new VoxelGrid(32, 32, 30, 1, 1, 1);
        OperatorException size = assertThrows(OperatorException.class, () -> new TestContext(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", ppm).input("mask", mask(new boolean[other.size()], other)).run());
        assertTrue(size.isBadInput(), size.getMessage());
    }

    @Test
    void operatorsAreRegisteredAsServices() {
        Set<String> ids = ServiceLoader.load(Operator.class).stream().map(p -> p.get().descriptor().id()).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("qsm.dipole.tkd", "qsm.dipole.tikhonov", "qsm.dipole.tv", "qsm.dipole.medi",
                "qsm.dipole.singlestep")), ids.toString());
    }
}
