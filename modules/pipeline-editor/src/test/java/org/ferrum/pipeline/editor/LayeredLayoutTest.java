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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.swing.undo.UndoManager;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 5: the layered layout (longest-path layers, barycentre order) and the shipped samples laid out with it.
 * Run with {@code -Dferrum.relayoutSamples=true} to rewrite the samples' positions (canonical text, positions only).
 */
class LayeredLayoutTest {

    static final Path SAMPLES = TestData.path("pipelines");

    private static Node node(String id) {
        return new Node(id, "x.op", "1.0", Map.of(), null);
    }

    private static Edge edge(String from, String to) {
        return new Edge(new PortRef(from, "out"), new PortRef(to, "in"));
    }

    @Test
    void layersByLongestPathOrdersByBarycentreAndNeverOverlaps() {
        // a → b → d, a → c → d, a → d (long edge), e alone; crossing-prone order in the file: c before b, d first
        Pipeline p = new Pipeline(
                "t",
                "",
                List.of(node("d"), node("c"), node("e"), node("a"), node("b")),
                List.of(edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d"), edge("a", "d")),
                Map.of(),
                Map.of());
        Map<String, Integer> layers = LayeredLayout.layers(p, List.of("d", "c", "e", "a", "b"));
        assertEquals(Map.of("a", 0, "e", 0, "b", 1, "c", 1, "d", 2), layers);
        Map<String, Dimension> sizes = Map.of(
                "a",
                new Dimension(200, 120),
                "b",
                new Dimension(150, 80),
                "c",
                new Dimension(260, 200),
                "d",
                new Dimension(100, 50),
                "e",
                new Dimension(90, 300));
        Map<String, Position> pos = LayeredLayout.layout(p, sizes::get, id -> 0, id -> 0, 40, 20, 10, 10);
        assertNoOverlapAndLeftToRight(p, pos, sizes);
        // the widest node of layer 0 decides where layer 1 starts
        assertEquals(10 + 200 + 40, pos.get("b").x(), 1e-9);
        assertEquals(pos.get("b").x(), pos.get("c").x(), 1e-9);
    }

    @Test
    void barycentreOrderingRemovesAvoidableCrossings() {
        // two chains a1→b1, a2→b2 listed so that the naive order crosses: layer 1 is (b2, b1)
        Pipeline p = new Pipeline(
                "t",
                "",
                List.of(node("a1"), node("a2"), node("b2"), node("b1")),
                List.of(edge("a1", "b1"), edge("a2", "b2")),
                Map.of(),
                Map.of());
        Map<String, Position> pos =
                LayeredLayout.layout(p, id -> new Dimension(100, 60), id -> 0, id -> 0, 40, 20, 0, 0);
        assertTrue(pos.get("b1").y() < pos.get("b2").y(), "b1 beside a1, b2 beside a2: no crossing " + pos);
    }

    @Test
    void cyclesDoNotHangAndEveryNodeIsPlaced() {
        Pipeline p = new Pipeline(
                "t",
                "",
                List.of(node("a"), node("b"), node("c")),
                List.of(edge("a", "b"), edge("b", "c"), edge("c", "b")),
                Map.of(),
                Map.of());
        Map<String, Position> pos =
                LayeredLayout.layout(p, id -> new Dimension(50, 50), id -> 0, id -> 10, 10, 10, 0, 0);
        assertEquals(3, pos.size());
        assertTrue(pos.get("a").x() < pos.get("b").x());
    }

    /** Every shipped sample, drawn in the editor's scene with the real widget sizes: no overlaps, edges left to right. */
    @Test
    void theShippedSamplesAreLaidOutLeftToRightWithoutOverlaps() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        boolean rewrite = Boolean.getBoolean("ferrum.relayoutSamples");
        if (rewrite) {
            // lay the samples out for a larger font than the test's default, so they keep clear of each other in any
            // look and feel up to 14 px text
            javax.swing.UIManager.put(
                    "Label.font", new javax.swing.plaf.FontUIResource("Dialog", java.awt.Font.PLAIN, 14));
        }
        for (Path f : files) {
            PipelineRunControllerTest.edt(() -> {
                Pipeline p = PipelineFormat.read(f);
                PipelineDocument doc = new PipelineDocument(p, OperatorRegistry.installed(), f);
                PipelineScene scene = new PipelineScene(doc);
                scene.layoutNow();
                if (rewrite) {
                    UndoManager undo = new UndoManager();
                    doc.addUndoableEditListener(undo);
                    scene.layoutGraph();
                    scene.layoutNow();
                    Files.writeString(f, PipelineFormat.write(doc.pipeline()));
                }
                Map<String, Rectangle> boxes = new HashMap<>();
                for (Node n : doc.pipeline().nodes()) {
                    var w = scene.findWidget(n.id());
                    boxes.put(n.id(), w.convertLocalToScene(w.getBounds()));
                }
                List<Rectangle> all = new ArrayList<>(boxes.values());
                for (PipelineScene.Marker m : scene.markers()) {
                    var w = scene.markerWidget(m);
                    all.add(w.convertLocalToScene(w.getBounds()));
                }
                for (int i = 0; i < all.size(); i++) {
                    for (int j = i + 1; j < all.size(); j++) {
                        assertFalse(
                                all.get(i).intersects(all.get(j)),
                                f.getFileName() + ": " + all.get(i) + " overlaps " + all.get(j));
                    }
                }
                for (Edge e : doc.pipeline().edges()) {
                    Rectangle a = boxes.get(e.from().node());
                    Rectangle b = boxes.get(e.to().node());
                    assertTrue(a.x + a.width < b.x, f.getFileName() + ": edge " + e + " runs left to right");
                }
                // and the layout action itself, on the file as shipped, gives the same guarantees
                scene.layoutGraph();
                scene.layoutNow();
                Map<String, Position> pos = new HashMap<>();
                Map<String, Dimension> sizes = new HashMap<>();
                for (Node n : doc.pipeline().nodes()) {
                    pos.put(n.id(), n.position());
                    sizes.put(n.id(), scene.findWidget(n.id()).getBounds().getSize());
                }
                assertNoOverlapAndLeftToRight(doc.pipeline(), pos, sizes);
                return null;
            });
        }
    }

    static void assertNoOverlapAndLeftToRight(Pipeline p, Map<String, Position> pos, Map<String, Dimension> sizes) {
        Map<String, Rectangle> r = new HashMap<>();
        pos.forEach((id, q) ->
                r.put(id, new Rectangle((int) q.x(), (int) q.y(), sizes.get(id).width, sizes.get(id).height)));
        List<String> ids = new ArrayList<>(r.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                assertFalse(
                        r.get(ids.get(i)).intersects(r.get(ids.get(j))),
                        ids.get(i) + " overlaps " + ids.get(j) + ": " + r);
            }
        }
        for (Edge e : p.edges()) {
            assertTrue(
                    r.get(e.from().node()).getMaxX() < r.get(e.to().node()).getMinX(), e + " runs left to right: " + r);
        }
    }
}
