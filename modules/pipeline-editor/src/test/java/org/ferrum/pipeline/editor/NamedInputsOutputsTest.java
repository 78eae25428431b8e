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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.swing.Action;
import javax.swing.undo.UndoManager;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.headless.HeadlessMain;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 6: named pipeline inputs and outputs made, renamed and removed in the editor, shown on the graph, run. */
class NamedInputsOutputsTest {

    private static final Path MAG = TestData.path("gre", "mriresearchtools-small", "Mag.nii")
            .toAbsolutePath()
            .normalize();

    /** read (io.read.volume) → threshold, built from nothing as a user would. */
    private static PipelineDocument fromScratch() {
        PipelineDocument doc = PipelineDocument.empty(OperatorRegistry.installed());
        String read = doc.addNode("io.read.volume", new Position(40, 40));
        String t = doc.addNode("volume.threshold", new Position(400, 40));
        doc.setParameter(read, "path", MAG.toString());
        doc.setParameter(t, "lower", "0.0004");
        doc.connect(new PortRef(read, "volume"), new PortRef(t, "volume"));
        return doc;
    }

    @Test
    void exposeRenameRemoveAreUndoableEditsWithClearRefusals() {
        PipelineDocument doc = fromScratch();
        UndoManager undo = new UndoManager();
        doc.addUndoableEditListener(undo);

        doc.exposeOutput("mask", new PortRef("threshold", "mask"));
        doc.exposeInput("image", "volume", "path", null);
        assertEquals(new PortRef("threshold", "mask"), doc.pipeline().outputs().get("mask"));
        InputBinding b = doc.pipeline().inputs().get("image");
        assertEquals("volume", b.node());
        assertEquals(MAG.toString(), b.defaultValue(), "the default is the parameter's current value: runs as before");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> doc.exposeOutput("MASK", new PortRef("volume", "volume")));
        assertTrue(e.getMessage().contains("'mask'") && e.getMessage().contains("case"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> doc.exposeOutput("a/b", new PortRef("volume", "volume")));
        assertTrue(e.getMessage().contains("path separator"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> doc.exposeOutput("x", new PortRef("threshold", "nope")));
        assertTrue(e.getMessage().contains("no output 'nope'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> doc.exposeInput("x=1", "volume", "unit", null));
        assertTrue(e.getMessage().contains("--input NAME=VALUE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> doc.exposeInput("again", "volume", "path", null));
        assertTrue(e.getMessage().contains("already the pipeline input 'image'"), e.getMessage());

        doc.renameOutput("mask", "brain_mask");
        doc.renameInput("image", "magnitude");
        assertEquals(List.of("brain_mask"), List.copyOf(doc.pipeline().outputs().keySet()));
        assertEquals(List.of("magnitude"), List.copyOf(doc.pipeline().inputs().keySet()));
        doc.removeOutput("brain_mask");
        doc.removeInput("magnitude");
        assertTrue(doc.pipeline().outputs().isEmpty() && doc.pipeline().inputs().isEmpty());

        undo.undo();
        undo.undo();
        assertEquals(List.of("magnitude"), List.copyOf(doc.pipeline().inputs().keySet()));
        assertEquals(List.of("brain_mask"), List.copyOf(doc.pipeline().outputs().keySet()));
        undo.undo();
        undo.undo();
        assertEquals(List.of("mask"), List.copyOf(doc.pipeline().outputs().keySet()));
        assertEquals(List.of("image"), List.copyOf(doc.pipeline().inputs().keySet()));
        undo.redo();
        assertEquals(List.of("brain_mask"), List.copyOf(doc.pipeline().outputs().keySet()));
    }

    @Test
    void anOutputExposedOnTheGraphIsShownAndAHeadlessRunWritesIt(@TempDir Path tmp) throws Exception {
        PipelineDocument doc = fromScratch();
        PipelineRunControllerTest.edt(() -> {
            PipelineScene scene = new PipelineScene(doc);
            scene.setPrompt((title, label, initial) -> title.contains("output") ? "mask" : "image");
            // right-click the threshold's output pin: "Expose as pipeline output…"
            List<Action> pinMenu = scene.menuActions(new PipelineScene.Pin("threshold", "mask", true));
            Action expose = pinMenu.stream()
                    .filter(a -> a != null && "Expose as pipeline output…".equals(a.getValue(Action.NAME)))
                    .findFirst()
                    .orElseThrow();
            expose.actionPerformed(null);
            // right-click the reader: Expose parameter as pipeline input ▸ path
            Action sub = scene.menuActions("volume").stream()
                    .filter(a -> a != null && "Expose parameter as pipeline input".equals(a.getValue(Action.NAME)))
                    .findFirst()
                    .orElseThrow();
            @SuppressWarnings("unchecked")
            List<Action> params = (List<Action>) sub.getValue(PipelineScene.SUBMENU);
            params.stream()
                    .filter(a -> ((String) a.getValue(Action.NAME)).startsWith("path "))
                    .findFirst()
                    .orElseThrow()
                    .actionPerformed(null);
            assertEquals(
                    Map.of("mask", new PortRef("threshold", "mask")),
                    doc.pipeline().outputs());
            assertTrue(doc.pipeline().inputs().containsKey("image"));

            scene.layoutNow();
            PipelineScene.Marker out = new PipelineScene.Marker("mask", true);
            PipelineScene.Marker in = new PipelineScene.Marker("image", false);
            assertEquals(java.util.Set.of(out, in), scene.markers());
            var outBox = scene.markerWidget(out)
                    .convertLocalToScene(scene.markerWidget(out).getBounds());
            var inBox = scene.markerWidget(in)
                    .convertLocalToScene(scene.markerWidget(in).getBounds());
            var t = scene.findWidget("threshold");
            var tBox = t.convertLocalToScene(t.getBounds());
            var r = scene.findWidget("volume");
            var rBox = r.convertLocalToScene(r.getBounds());
            assertTrue(
                    outBox.y >= tBox.y + tBox.height && outBox.x + outBox.width == tBox.x + tBox.width,
                    "the output marker is below its node, right-aligned: " + outBox + " " + tBox);
            assertTrue(
                    inBox.y + inBox.height <= rBox.y && inBox.x == rBox.x,
                    "the input marker is above its node, left-aligned: " + inBox + " " + rBox);
            assertTrue(scene.markerWidget(out).getLabel().contains("mask"));

            // the marker's menu renames and removes
            List<Action> markerMenu = scene.menuActions(out);
            assertEquals(
                    List.of("Rename output 'mask'…", "Remove output 'mask'"),
                    markerMenu.stream()
                            .map(a -> (String) a.getValue(Action.NAME))
                            .toList());
            return null;
        });

        Path file = tmp.resolve("scratch.json");
        PipelineFiles.write(doc.pipeline(), file);
        Path out = tmp.resolve("out");
        int status = HeadlessMain.run(
                new String[] {"--run", file.toString(), "--out", out.toString()}, HeadlessRunner.standard());
        assertEquals(HeadlessRunner.OK, status);
        assertTrue(Files.isRegularFile(out.resolve("mask.nii.gz")), "the exposed output is written to --out");
    }

    @Test
    void theRunDialogPrefillsDefaultsChecksValuesAndTheRunUsesThem() throws Exception {
        PipelineDocument doc = PipelineRunControllerTest.greDocument(); // inputs: gre (path) and lower (number)
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 30), 2);
        PipelineRunControllerTest.edt(() -> {
            RunInputsPanel panel = new RunInputsPanel(doc, runs.inputValues());
            for (var e : doc.pipeline().inputs().entrySet()) {
                assertEquals(
                        e.getValue().defaultValue() == null ? "" : e.getValue().defaultValue(),
                        panel.field(e.getKey()).getText());
                assertEquals("runInputs." + e.getKey(), panel.field(e.getKey()).getName());
            }
            String numeric = doc.pipeline().inputs().keySet().stream()
                    .filter(n ->
                            doc.inputParameter(n).orElseThrow().type() != org.ferrum.pipeline.api.Parameter.Type.PATH)
                    .findFirst()
                    .orElseThrow();
            panel.field(numeric).setText("lots");
            assertTrue(
                    panel.problem().orElse("").startsWith("input '" + numeric + "'"),
                    panel.problem().toString());
            panel.field(numeric).setText("0.0005");
            assertTrue(panel.problem().isEmpty());
            assertEquals("0.0005", panel.values().get(numeric));
            return null;
        });
        String numeric = doc.pipeline().inputs().keySet().stream()
                .filter(n -> doc.inputParameter(n).orElseThrow().type() != org.ferrum.pipeline.api.Parameter.Type.PATH)
                .findFirst()
                .orElseThrow();
        var first = PipelineRunControllerTest.await(
                PipelineRunControllerTest.edt(() -> runs.runWith(Map.of(numeric, "0.0005"))));
        assertTrue(first.succeeded());
        assertEquals(Map.of(numeric, "0.0005"), runs.inputValues(), "kept for the next dialog");
        String node = doc.pipeline().inputs().get(numeric).node();
        assertTrue(first.nodeRuns().stream().anyMatch(r -> r.nodeId().equals(node)));
        // the value given, not the default, is what the node ran with: the same value again reuses it, another
        // recomputes
        var same = PipelineRunControllerTest.await(
                PipelineRunControllerTest.edt(() -> runs.runWith(Map.of(numeric, "0.0005"))));
        assertEquals(
                org.ferrum.pipeline.NodeRun.Status.REUSED,
                same.nodeRuns().stream()
                        .filter(r -> r.nodeId().equals(node))
                        .findFirst()
                        .orElseThrow()
                        .status());
        var defaults = PipelineRunControllerTest.await(PipelineRunControllerTest.edt(() -> runs.runWith(Map.of())));
        assertEquals(
                org.ferrum.pipeline.NodeRun.Status.RAN,
                defaults.nodeRuns().stream()
                        .filter(r -> r.nodeId().equals(node))
                        .findFirst()
                        .orElseThrow()
                        .status());
        assertThrows(IllegalArgumentException.class, () -> runs.runWith(Map.of("nosuch", "1")));
        assertNotNull(runs);
        assertFalse(runs.isRunning());
    }
}
