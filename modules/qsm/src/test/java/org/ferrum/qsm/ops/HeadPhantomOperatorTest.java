package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

class HeadPhantomOperatorTest {

    @Test
    void isFoundThroughLookupWithItsPortsAndParameters() {
        Operator op = Lookup.getDefault().lookupAll(Operator.class).stream()
                .filter(o -> o.descriptor().id().equals("qsm.phantom.head")).findFirst().orElseThrow();
        assertEquals(QsmCategories.PHANTOMS, op.descriptor().category());
        assertEquals(Set.of("gre", "chi", "mask", "labels", "field", "local_field", "background_field"),
                op.descriptor().outputs().stream().map(Port::name).collect(Collectors.toSet()));
        assertTrue(op.descriptor().inputs().isEmpty());
        for (String p : new String[]{"size", "voxel", "field_strength", "echo_times", "snr", "oblique", "seed"}) {
            assertTrue(op.descriptor().parameter(p).isPresent(), "parameter " + p);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void producesThePhantomTheBuilderMakes() throws OperatorException {
        HeadPhantomOperator op = new HeadPhantomOperator();
        TestContext c = new TestContext(op).parameter("size", "32x32x24").parameter("voxel", 6.0)
                .parameter("field_strength", 7.0).parameter("echo_times", "5, 10,15").parameter("snr", 40.0)
                .parameter("oblique", 10.0).parameter("seed", 5);
        c.run();
        assertEquals(7, c.outputs().size());
        assertEquals(1.0, c.progress.get(c.progress.size() - 1));
        assertTrue(c.log.stream().anyMatch(l -> l.contains("globus pallidus")), "label legend in the log: " + c.log);

        HeadPhantom expected = HeadPhantom.builder().size(32, 32, 24).voxelSize(6, 6, 6).fieldStrength(7)
                .echoTimesMs(5, 10, 15).snr(40).obliqueDegrees(10).seed(5).generate();
        MultiEchoGre gre = (MultiEchoGre) c.outputs().get("gre");
        assertEquals(7.0, gre.acquisition().fieldStrengthTesla());
        assertArrayEquals(new double[]{0.005, 0.010, 0.015}, gre.acquisition().echoTimes().toSeconds(), 1e-12);
        assertTrue(gre.magnitude().geometry().approximatelyEquals(expected.geometry(), 1e-9));
        assertArrayEquals(Volumes.floats(expected.gre().phase().orElseThrow()), Volumes.floats(gre.phase().orElseThrow()));
        Volume<FloatType> chi = (Volume<FloatType>) c.outputs().get("chi");
        assertEquals(PhysicalUnit.PPM, chi.unit());
        assertArrayEquals(Volumes.floats(expected.chi()), Volumes.floats(chi));
        assertArrayEquals(Volumes.floats(expected.localField()), Volumes.floats((Volume<FloatType>) c.outputs().get("local_field")));
        assertArrayEquals(Volumes.floats(expected.totalField()), Volumes.floats((Volume<FloatType>) c.outputs().get("field")));
        assertArrayEquals(Volumes.floats(expected.labels()), Volumes.floats((Volume<FloatType>) c.outputs().get("labels")));
        assertArrayEquals(Volumes.floats(expected.brainMask()), Volumes.floats((Volume<FloatType>) c.outputs().get("mask")));
    }

    @Test
    void badParametersAreReportedByName() {
        HeadPhantomOperator op = new HeadPhantomOperator();
        OperatorException size = assertThrows(OperatorException.class,
                () -> op.run(new TestContext(op).parameter("size", "96x96")));
        assertTrue(size.isBadInput() && size.getMessage().contains("'size'"), size.getMessage());
        OperatorException te = assertThrows(OperatorException.class,
                () -> op.run(new TestContext(op).parameter("size", "16x16x16").parameter("echo_times", "12,4")));
        assertTrue(te.isBadInput() && te.getMessage().contains("'echo_times'"), te.getMessage());
        OperatorException text = assertThrows(OperatorException.class,
                () -> op.run(new TestContext(op).parameter("size", "16x16x16").parameter("echo_times", "4,a")));
        assertTrue(text.getMessage().contains("'echo_times'"), text.getMessage());
    }
}
