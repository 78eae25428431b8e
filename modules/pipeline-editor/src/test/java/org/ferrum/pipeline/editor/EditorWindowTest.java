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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.ActionMap;
import javax.swing.InputMap;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.text.DefaultEditorKit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbeans.api.actions.Savable;
import org.netbeans.api.visual.widget.LabelWidget;
import org.netbeans.api.visual.widget.Widget;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 15 items 3, 4, 5 and 8 at the level of the editor window: the Savable that the platform's exit dialog lists, the
 * keys bound the NetBeans way, the legible graph, and side panels that yield to the graph. Tests that build the window
 * need a display (the canvas needs a drop target) and are skipped when headless; run them under Xvfb.
 */
class EditorWindowTest {

    private static final Path BRAIN = TestData.pipeline("brain-qsm.json");

    private static PipelineEditorTopComponent window() throws Exception {
        return new PipelineEditorTopComponent(
                new PipelineDocument(PipelineFormat.read(BRAIN), OperatorRegistry.installed(), BRAIN));
    }

    @Test
    void aModifiedPipelineIsASavableForTheExitDialogUntilSavedOrClosed(@TempDir Path tmp) throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "the editor window needs a display");
        PipelineRunControllerTest.edt(() -> {
            PipelineEditorTopComponent tc = window();
            assertFalse(Savable.REGISTRY.lookupAll(Savable.class).contains(tc.savable()));
            assertNull(tc.getLookup().lookup(Savable.class));

            tc.document().moveNodes(Map.of("read", new Position(5, 5)));
            assertTrue(
                    Savable.REGISTRY.lookupAll(Savable.class).contains(tc.savable()),
                    "File ▸ Exit (and every other way out) lists the modified pipeline");
            assertNotNull(tc.getLookup().lookup(Savable.class), "File ▸ Save and Ctrl+S find it in the window");
            assertTrue(
                    tc.savable().toString().contains("brain-qsm.json"),
                    tc.savable().toString());

            Path copy = tmp.resolve("copy.json");
            tc.writeTo(copy);
            assertFalse(
                    Savable.REGISTRY.lookupAll(Savable.class).contains(tc.savable()),
                    "saved: nothing left to ask about");
            assertNull(tc.getLookup().lookup(Savable.class));
            assertTrue(Files.readString(copy).contains("\"x\" : 5.0"));

            // the exit dialog's "Save" writes the file
            tc.document().moveNodes(Map.of("read", new Position(7, 7)));
            tc.savable().save();
            assertTrue(Files.readString(copy).contains("\"x\" : 7.0"));
            assertFalse(Savable.REGISTRY.lookupAll(Savable.class).contains(tc.savable()));

            // closed with "Discard": unregistered
            tc.document().moveNodes(Map.of("read", new Position(9, 9)));
            assertTrue(Savable.REGISTRY.lookupAll(Savable.class).contains(tc.savable()));
            tc.componentClosed();
            assertFalse(Savable.REGISTRY.lookupAll(Savable.class).contains(tc.savable()));
            return null;
        });
    }

    @Test
    void keysAreBoundTheNetBeansWayAndUndoRedoCopyPasteDeleteSelectAllWork() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "the editor window needs a display");
        PipelineRunControllerTest.edt(() -> {
            PipelineEditorTopComponent tc = window();
            ActionMap map = tc.getActionMap();
            for (String key : List.of(
                    "delete",
                    DefaultEditorKit.copyAction,
                    DefaultEditorKit.cutAction,
                    DefaultEditorKit.pasteAction,
                    PipelineEditorTopComponent.SAVE_AS_KEY,
                    PipelineEditorTopComponent.SELECT_ALL_KEY,
                    PipelineEditorTopComponent.LAYOUT_KEY)) {
                assertNotNull(map.get(key), key);
            }
            assertNotNull(
                    tc.getLookup().lookup(ActionMap.class),
                    "the callback actions find the ActionMap in the window's lookup");
            int menu = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
            InputMap keys = tc.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT);
            Map<KeyStroke, String> expected = Map.of(
                    KeyStroke.getKeyStroke(KeyEvent.VK_Z, menu), "ferrum-pipeline-undo",
                    KeyStroke.getKeyStroke(KeyEvent.VK_Y, menu), "ferrum-pipeline-redo",
                    KeyStroke.getKeyStroke(KeyEvent.VK_S, menu), "ferrum-pipeline-save",
                    KeyStroke.getKeyStroke(KeyEvent.VK_S, menu | InputEvent.SHIFT_DOWN_MASK),
                            PipelineEditorTopComponent.SAVE_AS_KEY,
                    KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), "delete",
                    KeyStroke.getKeyStroke(KeyEvent.VK_C, menu), DefaultEditorKit.copyAction,
                    KeyStroke.getKeyStroke(KeyEvent.VK_X, menu), DefaultEditorKit.cutAction,
                    KeyStroke.getKeyStroke(KeyEvent.VK_V, menu), DefaultEditorKit.pasteAction,
                    KeyStroke.getKeyStroke(KeyEvent.VK_A, menu), PipelineEditorTopComponent.SELECT_ALL_KEY);
            expected.forEach((k, v) -> {
                assertEquals(v, keys.get(k), k.toString());
                assertNotNull(map.get(v), v);
            });

            PipelineDocument doc = tc.document();
            int nodes = doc.pipeline().nodes().size();
            map.get(PipelineEditorTopComponent.SELECT_ALL_KEY).actionPerformed(null);
            assertEquals(nodes, tc.scene().selectedNodes().size());
            tc.scene().setSelectedObjects(Set.of("mask"));
            map.get(DefaultEditorKit.copyAction).actionPerformed(null);
            map.get(DefaultEditorKit.pasteAction).actionPerformed(null);
            assertEquals(nodes + 1, doc.pipeline().nodes().size(), tc.statusText());
            map.get("delete").actionPerformed(null); // the pasted node is selected
            assertEquals(nodes, doc.pipeline().nodes().size());
            map.get("ferrum-pipeline-undo").actionPerformed(null);
            assertEquals(nodes + 1, doc.pipeline().nodes().size(), "Ctrl+Z brings the deleted node back");
            map.get("ferrum-pipeline-redo").actionPerformed(null);
            assertEquals(nodes, doc.pipeline().nodes().size(), "Ctrl+Y deletes it again");
            assertTrue(tc.getUndoRedo().canUndo());
            return null;
        });
    }

    @Test
    void aNewCanvasOpensAt100PercentAndTheCanvasPaletteAndSheetHaveNames() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "the editor window needs a display");
        PipelineRunControllerTest.edt(() -> {
            PipelineEditorTopComponent tc = window();
            tc.zoom(0.4);
            tc.componentOpened();
            assertEquals(1.0, tc.scene().getZoomFactor(), 1e-12);
            Set<String> names = new java.util.HashSet<>();
            collectNames(tc, names);
            assertTrue(
                    names.containsAll(Set.of("pipelineCanvas", "operatorPalette", "parameterSheet", "graphOverview")),
                    names.toString());
            return null;
        });
    }

    private static void collectNames(java.awt.Component c, Set<String> names) {
        if (c.getName() != null) {
            names.add(c.getName());
        }
        if (c instanceof java.awt.Container k) {
            for (java.awt.Component child : k.getComponents()) {
                collectNames(child, names);
            }
        }
    }

    /** The module's layer gives the platform's Edit and Save actions their keys and this module's actions theirs. */
    @Test
    void theKeymapHasTheShortcuts() throws Exception {
        Map<String, String> shortcuts = new java.util.HashMap<>();
        for (String layer : List.of("org/ferrum/pipeline/editor/layer.xml", "META-INF/generated-layer.xml")) {
            for (var url :
                    java.util.Collections.list(getClass().getClassLoader().getResources(layer))) {
                if (layer.startsWith("META-INF") && !url.toString().contains("pipeline-editor")) {
                    continue;
                }
                var f = DocumentBuilderFactory.newInstance();
                f.setValidating(false);
                f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                try (InputStream in = url.openStream()) {
                    NodeList folders = f.newDocumentBuilder().parse(in).getElementsByTagName("folder");
                    for (int i = 0; i < folders.getLength(); i++) {
                        Element folder = (Element) folders.item(i);
                        if ("Shortcuts".equals(folder.getAttribute("name"))) {
                            NodeList files = folder.getElementsByTagName("file");
                            for (int j = 0; j < files.getLength(); j++) {
                                Element file = (Element) files.item(j);
                                NodeList attrs = file.getElementsByTagName("attr");
                                for (int k = 0; k < attrs.getLength(); k++) {
                                    Element a = (Element) attrs.item(k);
                                    if ("originalFile".equals(a.getAttribute("name"))) {
                                        shortcuts.put(file.getAttribute("name"), a.getAttribute("stringvalue"));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals("Actions/Edit/org-openide-actions-UndoAction.instance", shortcuts.get("D-Z.shadow"));
        assertEquals("Actions/Edit/org-openide-actions-RedoAction.instance", shortcuts.get("D-Y.shadow"));
        assertEquals("Actions/System/org-openide-actions-SaveAction.instance", shortcuts.get("D-S.shadow"));
        assertEquals("Actions/Edit/org-openide-actions-DeleteAction.instance", shortcuts.get("DELETE.shadow"));
        assertEquals("Actions/Edit/org-openide-actions-CopyAction.instance", shortcuts.get("D-C.shadow"));
        assertEquals("Actions/Edit/org-openide-actions-CutAction.instance", shortcuts.get("D-X.shadow"));
        assertEquals("Actions/Edit/org-openide-actions-PasteAction.instance", shortcuts.get("D-V.shadow"));
        assertEquals("Actions/File/org-ferrum-pipeline-editor-NewPipeline.instance", shortcuts.get("D-N.shadow"));
        assertEquals("Actions/File/org-ferrum-pipeline-editor-OpenPipeline.instance", shortcuts.get("D-O.shadow"));
        assertEquals("Actions/File/org-ferrum-pipeline-editor-SavePipelineAs.instance", shortcuts.get("DS-S.shadow"));
        assertEquals("Actions/Edit/org-ferrum-pipeline-editor-SelectAllNodes.instance", shortcuts.get("D-A.shadow"));
    }

    /** Item 8: docked small, the side panels shrink and the graph keeps most of the width. */
    @Test
    void theSidePanelsYieldToTheGraphWhenTheWindowIsSmall() {
        for (int total : new int[] {500, 700, 1000, 1600}) {
            int[] w = SidePanels.widths(total, SidePanels.PALETTE_WIDTH, SidePanels.SHEET_WIDTH, 16);
            assertTrue(w[1] >= Math.floor(0.55 * total) - 16, total + ": graph " + w[1]);
            assertEquals(total, w[0] + w[1] + w[2] + 16);
        }
        assertEquals(
                SidePanels.PALETTE_WIDTH,
                SidePanels.widths(1600, 260, 340, 16)[0],
                "a wide window keeps the wanted widths");
        assertEquals(340, SidePanels.widths(1600, 260, 340, 16)[2]);
        assertEquals(0, SidePanels.widths(1600, 0, 340, 16)[0], "a collapsed palette stays collapsed");

        JPanel palette = new JPanel();
        palette.setPreferredSize(new Dimension(260, 400));
        JPanel graph = new JPanel();
        JPanel right = new JPanel();
        right.setPreferredSize(new Dimension(340, 400));
        SidePanels sides = new SidePanels(palette, graph, right);
        sides.root().setSize(700, 500);
        sides.apply();
        assertTrue(
                graph.getWidth() >= 0.5 * 700,
                "graph " + graph.getWidth() + " of 700 px (palette " + palette.getWidth() + ", sheet "
                        + right.getWidth() + ")");
        assertTrue(palette.getWidth() <= 0.2 * 700 + 1 && right.getWidth() <= 0.25 * 700 + 1);
        assertTrue(palette.getMinimumSize().width <= 40 && right.getMinimumSize().width <= 40);
    }

    /** Item 5: text at least 12 px in the look and feel's font, glyph-outline labels that scale, a readable Fit. */
    @Test
    void theGraphIsLegible() throws Exception {
        PipelineRunControllerTest.edt(() -> {
            PipelineDocument doc =
                    new PipelineDocument(PipelineFormat.read(BRAIN), OperatorRegistry.installed(), BRAIN);
            PipelineScene scene = new PipelineScene(doc);
            scene.layoutNow();
            assertTrue(scene.textFont().getSize2D() >= PipelineScene.MIN_FONT_PX);
            int labels = checkLabels(scene);
            assertTrue(labels > 20, "labels checked: " + labels);
            // Fit never zooms below readable text: a big graph in a small view stops at the readable minimum
            double z = PipelineEditorTopComponent.fitZoom(
                    new Rectangle(0, 0, 5000, 3000), new Dimension(600, 400), scene.minReadableZoom());
            assertEquals(scene.minReadableZoom(), z, 1e-12);
            assertTrue(z * scene.textFont().getSize2D() >= PipelineScene.MIN_READABLE_TEXT_PX - 1e-9);
            assertEquals(
                    1.0,
                    PipelineEditorTopComponent.fitZoom(new Rectangle(0, 0, 300, 200), new Dimension(1200, 800), 0.8),
                    1e-12,
                    "a small graph is not blown up beyond 100 %");
            return null;
        });
    }

    private static int checkLabels(Widget w) {
        int n = 0;
        if (w instanceof LabelWidget l && l.getLabel() != null && !l.getLabel().isBlank()) {
            assertTrue(l.isUseGlyphVector(), "glyph outlines scale with the zoom: " + l.getLabel());
            assertTrue(l.getFont().getSize2D() >= PipelineScene.MIN_FONT_PX, l.getLabel() + ": " + l.getFont());
            n++;
        }
        for (Widget c : w.getChildren()) {
            n += checkLabels(c);
        }
        return n;
    }
}
