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
package org.ferrum.brain.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.brain.phantom.BrainIronPhantom;
import org.ferrum.brain.phantom.BrainIronVisit;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

class BrainPhantomVisitsOperatorTest {

    @Test
    void isFoundThroughLookupWithItsPortsAndParameters() {
        Operator op = Lookup.getDefault().lookupAll(Operator.class).stream()
                .filter(o -> o.descriptor().id().equals("brain.phantom.visits"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                Set.of("gre", "t1w", "labels", "labels_gre", "chi", "r2star", "mask"),
                op.descriptor().outputs().stream().map(Port::name).collect(Collectors.toSet()));
        assertTrue(op.descriptor().inputs().isEmpty());
        for (String p : new String[] {"visit", "interval", "seed", "size", "voxel", "t1w_voxel", "field_strength"}) {
            assertTrue(op.descriptor().parameter(p).isPresent(), "parameter " + p);
        }
    }

    @Test
    void producesTheVisitThePhantomMakesWithLegendsAndTheTruthInTheLog() throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new BrainPhantomVisitsOperator())
                .set(BrainPhantomVisitsOperator.VISIT, 3L)
                .set(BrainPhantomVisitsOperator.INTERVAL, 1.5)
                .set(BrainPhantomVisitsOperator.SEED, 4L)
                .set(BrainPhantomVisitsOperator.SIZE, "24x28x20")
                .set(BrainPhantomVisitsOperator.VOXEL, 5.0)
                .set(BrainPhantomVisitsOperator.T1W_VOXEL, 6.0)
                .set(BrainPhantomVisitsOperator.FIELD_STRENGTH, 1.5)
                .set(BrainPhantomVisitsOperator.ECHO_TIMES, "5,15,25");
        c.run();
        assertEquals(7, c.outputs().size());
        BrainIronVisit expected = new BrainIronPhantom()
                .visit(3)
                .intervalYears(1.5)
                .seed(4)
                .greSize(24, 28, 20)
                .greVoxel(5)
                .t1wVoxel(6)
                .fieldStrength(1.5)
                .echoTimesMs(5, 15, 25)
                .generate();
        MultiEchoGre gre = c.output(BrainPhantomVisitsOperator.GRE);
        assertEquals(1.5, gre.acquisition().fieldStrengthTesla(), 0);
        assertEquals(3, gre.echoCount());
        assertArrayEquals(Volumes.floats(expected.gre().magnitude()), Volumes.floats(gre.magnitude()));
        assertArrayEquals(Volumes.floats(expected.chi()), Volumes.floats(c.output(BrainPhantomVisitsOperator.CHI)));
        Volume<FloatType> labels = c.output(BrainPhantomVisitsOperator.LABELS);
        Volume<FloatType> labelsGre = c.output(BrainPhantomVisitsOperator.LABELS_GRE);
        assertFalse(labels.labels().isEmpty(), "labels carry their legend");
        assertFalse(labelsGre.labels().isEmpty(), "labels_gre carry their legend");
        assertFalse(labels.geometry().approximatelyEquals(labelsGre.geometry(), 0.5), "T1w grid ≠ GRE grid");
        assertEquals(
                PhysicalUnit.PER_SECOND,
                c.output(BrainPhantomVisitsOperator.R2STAR).unit());
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.contains("Left-Pallidum (13): χ 0.2250 ppm (+0.0150 ppm/y)")),
                "truth in the log: " + c.logLines());
        assertTrue(c.logLines().stream().anyMatch(l -> l.contains("rigid motion")), "motion in the log");
        assertTrue(
                c.warnings().stream().anyMatch(w -> w.contains("field of view")), "small FOV warned: " + c.warnings());
    }

    @Test
    void badParametersNameThemselves() {
        String m = OperatorHarness.of(new BrainPhantomVisitsOperator())
                .set(BrainPhantomVisitsOperator.SIZE, "24x28")
                .runExpectingBadInput();
        assertTrue(m.contains("size") && m.contains("24x28"), m);
        m = OperatorHarness.of(new BrainPhantomVisitsOperator())
                .set(BrainPhantomVisitsOperator.SIZE, "4x28x20")
                .runExpectingBadInput();
        assertTrue(m.contains("size") && m.contains("≥ 8"), m);
        m = OperatorHarness.of(new BrainPhantomVisitsOperator())
                .set(BrainPhantomVisitsOperator.SIZE, "24x28x20")
                .set(BrainPhantomVisitsOperator.ECHO_TIMES, "20,10")
                .runExpectingBadInput();
        assertTrue(m.contains("echo_times"), m);
    }
}
