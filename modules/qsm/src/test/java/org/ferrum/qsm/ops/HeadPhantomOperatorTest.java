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
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

class HeadPhantomOperatorTest {

    @Test
    void isFoundThroughLookupWithItsPortsAndParameters() {
        Operator op = Lookup.getDefault().lookupAll(Operator.class).stream()
                .filter(o -> o.descriptor().id().equals("qsm.phantom.head"))
                .findFirst()
                .orElseThrow();
        assertEquals(QsmCategories.PHANTOMS, op.descriptor().category());
        assertEquals(
                Set.of("gre", "chi", "mask", "labels", "field", "local_field", "background_field"),
                op.descriptor().outputs().stream().map(Port::name).collect(Collectors.toSet()));
        assertTrue(op.descriptor().inputs().isEmpty());
        for (String p : new String[] {"size", "voxel", "field_strength", "echo_times", "snr", "oblique", "seed"}) {
            assertTrue(op.descriptor().parameter(p).isPresent(), "parameter " + p);
        }
    }

    @Test
    void producesThePhantomTheBuilderMakes() throws OperatorException {
        HeadPhantomOperator op = new HeadPhantomOperator();
        OperatorHarness c = OperatorHarness.of(op)
                .set(HeadPhantomOperator.SIZE, "32x32x24")
                .set(HeadPhantomOperator.VOXEL, 6.0)
                .set(HeadPhantomOperator.FIELD_STRENGTH, 7.0)
                .set(HeadPhantomOperator.ECHO_TIMES, "5, 10,15")
                .set(HeadPhantomOperator.SNR, 40.0)
                .set(HeadPhantomOperator.OBLIQUE, 10.0)
                .set(HeadPhantomOperator.SEED, 5L);
        c.run();
        assertEquals(7, c.outputs().size());
        assertEquals(1.0, c.progressReports().get(c.progressReports().size() - 1));
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.contains("globus pallidus")),
                "label legend in the log: " + c.logLines());

        HeadPhantom expected = HeadPhantom.builder()
                .size(32, 32, 24)
                .voxelSize(6, 6, 6)
                .fieldStrength(7)
                .echoTimesMs(5, 10, 15)
                .snr(40)
                .obliqueDegrees(10)
                .seed(5)
                .generate();
        MultiEchoGre gre = c.output(HeadPhantomOperator.GRE);
        assertEquals(7.0, gre.acquisition().fieldStrengthTesla());
        assertArrayEquals(
                new double[] {0.005, 0.010, 0.015},
                gre.acquisition().echoTimes().toSeconds(),
                1e-12);
        assertTrue(gre.magnitude().geometry().approximatelyEquals(expected.geometry(), 1e-9));
        assertArrayEquals(
                Volumes.floats(expected.gre().phase().orElseThrow()),
                Volumes.floats(gre.phase().orElseThrow()));
        Volume<FloatType> chi = c.output(HeadPhantomOperator.CHI);
        assertEquals(PhysicalUnit.PPM, chi.unit());
        assertArrayEquals(Volumes.floats(expected.chi()), Volumes.floats(chi));
        assertArrayEquals(
                Volumes.floats(expected.localField()), Volumes.floats(c.output(HeadPhantomOperator.LOCAL_FIELD)));
        assertArrayEquals(Volumes.floats(expected.totalField()), Volumes.floats(c.output(HeadPhantomOperator.FIELD)));
        assertArrayEquals(Volumes.floats(expected.labels()), Volumes.floats(c.output(HeadPhantomOperator.LABELS)));
        assertArrayEquals(Volumes.floats(expected.brainMask()), Volumes.floats(c.output(HeadPhantomOperator.MASK)));
    }

    @Test
    void badParametersAreReportedByName() {
        HeadPhantomOperator op = new HeadPhantomOperator();
        String size =
                OperatorHarness.of(op).set(HeadPhantomOperator.SIZE, "96x96").runExpectingBadInput();
        assertTrue(size.contains("'size'"), size);
        String te = OperatorHarness.of(op)
                .set(HeadPhantomOperator.SIZE, "16x16x16")
                .set(HeadPhantomOperator.ECHO_TIMES, "12,4")
                .runExpectingBadInput();
        assertTrue(te.contains("'echo_times'"), te);
        String text = OperatorHarness.of(op)
                .set(HeadPhantomOperator.SIZE, "16x16x16")
                .set(HeadPhantomOperator.ECHO_TIMES, "4,a")
                .runExpectingBadInput();
        assertTrue(text.contains("'echo_times'"), text);
    }
}
