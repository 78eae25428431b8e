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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import javax.swing.undo.UndoManager;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/** The scene built and painted headless, on the event thread as the Visual Library requires. */
class PipelineSceneTest {

    private static final Path BRAIN = TestData.pipeline("brain-qsm.json");

    @Test
    void showsTheSamplePipelineAndFollowsEditsAndUndo() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                PipelineDocument doc =
                        new PipelineDocument(PipelineFormat.read(BRAIN), OperatorRegistry.installed(), BRAIN);
                UndoManager undo = new UndoManager();
                doc.addUndoableEditListener(undo);
                PipelineScene scene = new PipelineScene(doc);
                assertEquals(doc.pipeline().nodes().size(), scene.getNodes().size());
                assertEquals(doc.pipeline().edges().size(), scene.getEdges().size());
                // every input and output port of an operator is a pin, inputs and outputs apart
                assertTrue(scene.isPin(new PipelineScene.Pin("unwrap", "gre", false)));
                assertTrue(scene.isPin(new PipelineScene.Pin("unwrap", "gre", true)));

                String t = doc.addNode("volume.threshold", new Position(100, 400));
                assertTrue(scene.isNode(t));
                // the connect gesture: a multi-echo GRE does not fit a volume input, and the reason is shown
                scene.connect(new PipelineScene.Pin("read", "gre", true), new PipelineScene.Pin(t, "volume", false));
                assertEquals(doc.pipeline().edges().size(), scene.getEdges().size());
                assertFalse(scene.isEdge(new Edge(new PortRef("read", "gre"), new PortRef(t, "volume"))));
                assertTrue(
                        scene.lastMessage().startsWith("cannot connect")
                                && scene.lastMessage().contains("multi-echo-gre"),
                        scene.lastMessage());
                scene.connect(new PipelineScene.Pin(t, "mask", true), new PipelineScene.Pin("unwrap", "gre", true));
                assertTrue(scene.lastMessage().contains("is an output"), scene.lastMessage());
                scene.connect(
                        new PipelineScene.Pin("combine", "field", true), new PipelineScene.Pin(t, "volume", false));
                Edge e = new Edge(new PortRef("combine", "field"), new PortRef(t, "volume"));
                assertTrue(scene.isEdge(e), "the gesture connected field → volume: " + scene.lastMessage());
                undo.undo();
                assertFalse(scene.isEdge(e), "undo removes the connection from the graph");
                undo.undo();
                assertFalse(scene.isNode(t));

                scene.setSelectedObjects(java.util.Set.of("dipole"));
                scene.deleteSelection();
                assertFalse(scene.isNode("dipole"));
                assertFalse(doc.pipeline().node("dipole").isPresent());
                assertTrue(scene.stateLine("combine") != null);

                // painted without a display (no view: a view needs a drop target, which needs a display)
                BufferedImage img = SceneImages.paint(scene);
                assertTrue(img.getWidth() > 500, "the graph is wider than one node: " + img.getWidth());
                int nonWhite = 0;
                for (int y = 0; y < img.getHeight(); y += 4) {
                    for (int x = 0; x < img.getWidth(); x += 4) {
                        nonWhite += img.getRGB(x, y) != Color.WHITE.getRGB() ? 1 : 0;
                    }
                }
                assertTrue(nonWhite > 100, "something was drawn");
            } catch (Throwable ex) {
                failure.set(ex);
            }
        });
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void unknownOperatorsAndBrokenEdgesAreShownNotDropped() throws Exception {
        String json =
                """
                {"format":"ferrum-pipeline","formatVersion":1,"name":"broken","nodes":[
                  {"id":"a","operator":"io.read.volume","version":"1.0","parameters":{"path":"x.nii"},"position":{"x":0,"y":0}},
                  {"id":"ghost","operator":"no.such.op","version":"2.0","parameters":{},"position":{"x":300,"y":0}}],
                 "edges":[{"from":"a.volume","to":"ghost.in"},{"from":"a.nothing","to":"ghost.in2"}],
                 "inputs":{},"outputs":{}}""";
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                PipelineDocument doc =
                        new PipelineDocument(PipelineFormat.parse(json), OperatorRegistry.installed(), null);
                PipelineScene scene = new PipelineScene(doc);
                assertEquals(2, scene.getNodes().size());
                assertEquals(2, scene.getEdges().size(), "broken edges are drawn");
                String line = scene.stateLine("ghost").getLabel();
                assertTrue(line.contains("no.such.op"), line);
                assertNotNull(
                        scene.findWidget(new PipelineScene.Pin("a", "nothing", true)), "a pin for the unknown port");
                List<String> pasted = doc.paste(doc.copy(List.of("a")), 10, 10);
                assertTrue(scene.isNode(pasted.get(0)));
            } catch (Throwable ex) {
                failure.set(ex);
            }
        });
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
