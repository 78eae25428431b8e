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
package org.ferrum.pipeline.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.swing.Action;
import javax.swing.undo.UndoManager;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.UnitConversions;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: an edge refused for its units (a field in Hz into an input that takes ppm only) gets "Insert unit conversion",
 * which replaces it by source → conversion → target with the target's unit set; nothing is inserted unasked.
 */
class UnitConversionActionTest {

    /** A descriptor-only operator (these tests never run it). */
    private record Fake(OperatorDescriptor descriptor) implements Operator {
        @Override
        public void run(OperatorContext context) {}
    }

    private static final OperatorRegistry REGISTRY;

    static {
        List<Operator> ops = new ArrayList<>(OperatorRegistry.installed().all());
        ops.add(new Fake(OperatorDescriptor.builder("test.field-hz", "1.0")
                .category("Test")
                .input(Port.required("gre", PortTypes.MULTI_ECHO_GRE, "the series"))
                .output(Port.output("field", PortTypes.VOLUME, "field map").of(Quantities.FIELD, PhysicalUnit.HERTZ))
                .build()));
        ops.add(new Fake(OperatorDescriptor.builder("test.tkd", "1.0")
                .category("Test")
                .input(Port.required("local_field", PortTypes.VOLUME, "local field")
                        .of(Quantities.FIELD, PhysicalUnit.PPM))
                .output(Port.output("chi", PortTypes.VOLUME, "susceptibility"))
                .build()));
        REGISTRY = OperatorRegistry.of(ops);
    }

    /** io.read.gre → combine (field in Hz) → tkd (field in ppm only). */
    private static PipelineDocument misWired() {
        PipelineDocument doc = PipelineDocument.empty(REGISTRY);
        String read = doc.addNode("io.read.gre", new Position(0, 0));
        String combine = doc.addNode("test.field-hz", new Position(200, 0));
        String tkd = doc.addNode("test.tkd", new Position(400, 0));
        assertEquals(List.of("gre", "field-hz", "tkd"), List.of(read, combine, tkd));
        doc.connect(new PortRef(read, "gre"), new PortRef(combine, "gre"));
        doc.connect(new PortRef(combine, "field"), new PortRef(tkd, "local_field"));
        return doc;
    }

    private static final Edge HZ_TO_PPM = new Edge(new PortRef("field-hz", "field"), new PortRef("tkd", "local_field"));

    @Test
    void theRefusedEdgeIsConvertedOnRequestToTheUnitTheTargetTakes() {
        PipelineDocument doc = misWired();
        UndoManager undo = new UndoManager();
        doc.addUndoableEditListener(undo);
        Problem refused = doc.problems().stream()
                .filter(p -> p.kind() == Problem.Kind.PORT_UNIT_MISMATCH)
                .findFirst()
                .orElseThrow();
        assertEquals(
                "edge field-hz.field → tkd.local_field: node 'field-hz' output 'field' gives field in Hz, but node 'tkd' input"
                        + " 'local_field' takes field in ppm; insert a unit conversion or connect a port in a fitting unit",
                refused.message());
        assertEquals(PhysicalUnit.PPM, doc.unitConversionTarget(HZ_TO_PPM).orElseThrow());
        Pipeline before = doc.pipeline();

        String id = doc.insertUnitConversion(HZ_TO_PPM);
        Pipeline after = doc.pipeline();
        assertEquals("convert_unit", id);
        assertEquals(UnitConversions.OPERATOR_ID, after.node(id).orElseThrow().operatorId());
        assertEquals("ppm", after.node(id).orElseThrow().parameters().get("unit"));
        assertEquals(
                Set.of(
                        new Edge(new PortRef("gre", "gre"), new PortRef("field-hz", "gre")),
                        new Edge(new PortRef("field-hz", "field"), new PortRef(id, "volume")),
                        new Edge(new PortRef(id, "volume"), new PortRef("tkd", "local_field")),
                        new Edge(new PortRef("gre", "gre"), new PortRef(id, "gre"))),
                Set.copyOf(after.edges()));
        // only the reader's unset path is left (a test pipeline); the units now fit
        assertEquals(
                List.of(Problem.Kind.MISSING_PARAMETER),
                doc.problems().stream()
                        .filter(Problem::isError)
                        .map(Problem::kind)
                        .toList(),
                doc.problems().toString());
        assertTrue(doc.unitConversionTarget(HZ_TO_PPM).isEmpty());

        undo.undo(); // one edit
        assertEquals(before, doc.pipeline());
    }

    @Test
    void edgesWhoseUnitsFitOfferNoConversion() {
        PipelineDocument doc = misWired();
        Edge fits = new Edge(new PortRef("gre", "gre"), new PortRef("field-hz", "gre"));
        assertTrue(doc.unitConversionTarget(fits).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> doc.insertUnitConversion(fits));
        // nothing was inserted by loading, validating or asking
        assertEquals(3, doc.pipeline().nodes().size());
    }

    @Test
    void theEdgeAndTheTargetNodeOfferTheActionInTheirContextMenus() throws Exception {
        PipelineDocument doc = misWired();
        PipelineRunControllerTest.edt(() -> {
            PipelineScene scene = new PipelineScene(doc);
            String name = "Insert unit conversion on field-hz.field → tkd.local_field (to ppm)";
            assertTrue(
                    scene.menuActions("tkd").stream().anyMatch(a -> a != null && name.equals(a.getValue(Action.NAME))));
            assertFalse(scene.menuActions("field-hz").stream()
                    .anyMatch(a -> a != null && name.equals(a.getValue(Action.NAME))));
            Action insert = scene.menuActions(HZ_TO_PPM).stream()
                    .filter(a -> a != null && name.equals(a.getValue(Action.NAME)))
                    .findFirst()
                    .orElseThrow();
            insert.actionPerformed(null);
            assertTrue(doc.pipeline().node("convert_unit").isPresent());
        });
    }
}
