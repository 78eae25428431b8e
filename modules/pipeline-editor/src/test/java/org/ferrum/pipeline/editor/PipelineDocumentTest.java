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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.undo.UndoManager;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.Problem;
import org.junit.jupiter.api.Test;

/** The editor's model without a display: edits, refusals with the engine's reasons, undo, copy/paste, broken files. */
class PipelineDocumentTest {

    private static final OperatorRegistry REGISTRY = OperatorRegistry.installed();

    @Test
    void addConnectUndoRedoAndTheDirtyFlag() {
        PipelineDocument doc = PipelineDocument.empty(REGISTRY);
        UndoManager undo = new UndoManager();
        doc.addUndoableEditListener(undo);
        String read = doc.addNode("io.read.volume", new Position(10, 20));
        String threshold = doc.addNode("volume.threshold", new Position(200, 20));
        String threshold2 = doc.addNode("volume.threshold", new Position(200, 120));
        assertEquals("volume", read);
        assertEquals(List.of("threshold", "threshold2"), List.of(threshold, threshold2));
        doc.connect(new PortRef(read, "volume"), new PortRef(threshold, "volume"));
        assertEquals(1, doc.pipeline().edges().size());
        assertTrue(doc.isModified());

        undo.undo(); // the connection
        assertEquals(0, doc.pipeline().edges().size());
        undo.undo();
        undo.undo();
        undo.undo(); // back to empty: as saved
        assertEquals(0, doc.pipeline().nodes().size());
        assertFalse(doc.isModified(), "undoing every edit returns to the saved state");
        undo.redo();
        assertEquals(1, doc.pipeline().nodes().size());
        assertEquals(
                new Position(10, 20),
                doc.pipeline().node("volume").orElseThrow().position());
    }

    @Test
    void refusesConnectionsTheEngineWouldRejectAndSaysWhy() {
        PipelineDocument doc = PipelineDocument.empty(REGISTRY);
        String read = doc.addNode("io.read.volume", new Position(0, 0));
        String threshold = doc.addNode("volume.threshold", new Position(200, 0));
        String stats = doc.addNode("roi.statistics", new Position(400, 0));
        // a table is not a volume
        String reason = doc.connectionRefusal(new PortRef(stats, "table"), new PortRef(threshold, "volume"))
                .orElseThrow();
        assertTrue(reason.contains("table") && reason.contains("volume"), reason);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> doc.connect(new PortRef(stats, "table"), new PortRef(threshold, "volume")));
        assertEquals(reason, e.getMessage());
        // an input takes one edge
        doc.connect(new PortRef(read, "volume"), new PortRef(threshold, "volume"));
        assertTrue(doc.connectionRefusal(new PortRef(read, "volume"), new PortRef(threshold, "volume"))
                .isPresent());
        String other = doc.addNode("io.read.volume", new Position(0, 100));
        assertTrue(doc.connectionRefusal(new PortRef(other, "volume"), new PortRef(threshold, "volume"))
                .orElseThrow()
                .contains("two incoming edges"));
        // no cycles, no unknown ports
        doc.connect(new PortRef(threshold, "mask"), new PortRef(stats, "labels"));
        assertTrue(doc.connectionRefusal(new PortRef(threshold, "mask"), new PortRef(threshold, "volume"))
                .isPresent());
        assertTrue(doc.connectionRefusal(new PortRef(read, "nope"), new PortRef(stats, "volume"))
                .orElseThrow()
                .contains("nope"));
    }

    @Test
    void parametersAreCheckedByTheOperatorsMetadata() {
        PipelineDocument doc = PipelineDocument.empty(REGISTRY);
        String t = doc.addNode("volume.threshold", new Position(0, 0));
        doc.setParameter(t, "lower", "0.25");
        assertEquals(0.25, doc.pipeline().node(t).orElseThrow().parameters().get("lower"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> doc.setParameter(t, "lower", "abc"));
        assertTrue(e.getMessage().contains("lower"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> doc.setParameter(t, "inclusive", "maybe"));
        assertThrows(IllegalArgumentException.class, () -> doc.setParameter(t, "no_such", 1));
        doc.setParameter(t, "lower", null);
        assertFalse(
                doc.pipeline().node(t).orElseThrow().parameters().containsKey("lower"), "null returns to the default");
    }

    @Test
    void copyPasteRenamesAndKeepsInternalEdges() {
        PipelineDocument doc = PipelineDocument.empty(REGISTRY);
        String read = doc.addNode("io.read.volume", new Position(0, 0));
        String t = doc.addNode("volume.threshold", new Position(200, 0));
        doc.connect(new PortRef(read, "volume"), new PortRef(t, "volume"));
        doc.setParameter(t, "upper", 3.0);
        List<String> pasted = doc.paste(doc.copy(List.of(read, t)), 40, 60);
        assertEquals(List.of("volume2", "threshold2"), pasted);
        assertEquals(4, doc.pipeline().nodes().size());
        assertEquals(2, doc.pipeline().edges().size());
        assertEquals(
                new Position(240, 60),
                doc.pipeline().node("threshold2").orElseThrow().position());
        assertEquals(
                3.0,
                doc.pipeline().node("threshold2").orElseThrow().parameters().get("upper"));
        assertEquals(Set.of("threshold2"), doc.downstreamOf("threshold2"));
        assertEquals(Set.of("threshold2", "volume2"), doc.upstreamOf("threshold2"));
    }

    @Test
    void aBrokenFileOpensWithItsProblemsAndCanBeRepaired() throws Exception {
        String json = PipelineFormat.write(new Pipeline(
                "broken",
                "",
                List.of(
                        new org.ferrum.pipeline.Node("a", "io.read.volume", "1.0", Map.of(), new Position(0, 0)),
                        new org.ferrum.pipeline.Node(
                                "ghost", "no.such.operator", "1.0", Map.of("x", 1L), new Position(200, 0))),
                List.of(org.ferrum.pipeline.Edge.of("a.volume", "ghost.in")),
                Map.of(),
                Map.of()));
        PipelineDocument doc = new PipelineDocument(PipelineFormat.parse(json), REGISTRY, Path.of("broken.json"));
        assertEquals(2, doc.pipeline().nodes().size(), "the unknown node is kept");
        assertTrue(doc.problemsOf("ghost").stream().anyMatch(p -> p.kind() == Problem.Kind.UNKNOWN_OPERATOR));
        assertEquals(json, PipelineFormat.write(doc.pipeline()), "saved unchanged, nothing dropped");
        doc.removeNodes(List.of("ghost"));
        doc.setParameter("a", "path", "brain.nii.gz");
        assertTrue(
                doc.problems().stream().noneMatch(Problem::isError),
                doc.problems().toString());
        assertTrue(doc.isModified());
        doc.markSaved(Path.of("repaired.json"));
        assertFalse(doc.isModified());
    }
}
