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

import static org.ferrum.pipeline.editor.PipelineRunControllerTest.await;
import static org.ferrum.pipeline.editor.PipelineRunControllerTest.edt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.undo.UndoManager;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.ResultCache;
import org.junit.jupiter.api.Test;
import org.netbeans.api.visual.widget.LabelWidget;

/** Run states on the graph, headless: the scene is built and changed on the event thread. */
class RunStatePainterTest {

    @Test
    void stateLinesFollowTheRunStatesAndLeaveProblemsVisible() throws Exception {
        PipelineDocument doc = PipelineRunControllerTest.greDocument();
        UndoManager undo = new UndoManager();
        doc.addUndoableEditListener(undo);
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 30), 2);
        AtomicReference<PipelineScene> sceneRef = new AtomicReference<>();
        edt(() -> {
            PipelineScene scene = new PipelineScene(doc);
            sceneRef.set(scene);
            new RunStatePainter(scene, runs);
            LabelWidget line = scene.stateLine("threshold");
            assertEquals("○ not run yet", line.getLabel());
            assertEquals(NodeRunState.NEVER_RUN.color(), line.getForeground());
        });
        PipelineScene scene = sceneRef.get();

        await(edt(runs::runAll));
        edt(() -> {
            for (String id : List.of("read", "echo1", "threshold", "stats")) {
                assertEquals("● done", scene.stateLine(id).getLabel(), id);
                assertEquals(
                        NodeRunState.UP_TO_DATE.color(), scene.stateLine(id).getForeground());
            }
            String tip = scene.stateLine("read").getToolTipText();
            assertTrue(tip.contains("done") && tip.contains("first run"), tip);

            doc.setParameter("threshold", "upper", "0.01");
            assertEquals(
                    "● stale — parameter 'upper' changed",
                    scene.stateLine("threshold").getLabel());
            assertEquals(
                    NodeRunState.STALE.color(), scene.stateLine("threshold").getForeground());
            assertEquals(
                    "● stale — upstream node 'threshold' changed",
                    scene.stateLine("stats").getLabel());
            assertEquals("● done", scene.stateLine("echo1").getLabel());

            // a validation error wins over the run state …
            doc.disconnect(List.of(new Edge(new PortRef("echo1", "frame"), new PortRef("threshold", "volume"))));
            String problem = scene.stateLine("threshold").getLabel();
            assertTrue(problem.startsWith("⚠") && problem.contains("volume"), problem);
            assertNotEquals(
                    NodeRunState.STALE.color(), scene.stateLine("threshold").getForeground());
            // … and the run state is back once the error is gone
            undo.undo();
            assertEquals(
                    "● stale — parameter 'upper' changed",
                    scene.stateLine("threshold").getLabel());
            undo.undo();
            assertEquals("● done", scene.stateLine("threshold").getLabel());

            BufferedImage img = SceneImages.paint(scene);
            assertTrue(img.getWidth() > 500);
        });
        // a node computed a moment ago says "done"; run again with nothing changed and every result comes from the
        // cache
        await(edt(runs::runAll));
        edt(() -> {
            for (String id : List.of("read", "echo1", "threshold", "stats")) {
                assertEquals("● cached", scene.stateLine(id).getLabel(), id);
            }
            doc.setParameter("threshold", "upper", "0.01");
        });
        await(edt(runs::runAll));
        edt(() -> {
            assertEquals("● done", scene.stateLine("threshold").getLabel(), "recomputed after its parameter changed");
            assertEquals("● done", scene.stateLine("stats").getLabel());
            assertEquals("● cached", scene.stateLine("echo1").getLabel());
        });
    }

    @Test
    void textAndTooltipOfEachState() {
        assertEquals(
                "◐ running 42 % — unwrapping phase",
                RunStatePainter.text(NodeRunState.RUNNING, 0.42, "unwrapping phase"));
        assertEquals("◐ running 0 %", RunStatePainter.text(NodeRunState.RUNNING, 0, ""));
        assertEquals("✖ failed: cannot read a.nii", RunStatePainter.text(NodeRunState.FAILED, 0, "cannot read a.nii"));
        assertEquals(
                "⊘ skipped — upstream node 'read' failed",
                RunStatePainter.text(NodeRunState.SKIPPED, 0, "upstream node 'read' failed"));
        assertEquals("◌ queued", RunStatePainter.text(NodeRunState.QUEUED, 0, ""));
        String longError = "x".repeat(200);
        String shown = RunStatePainter.text(NodeRunState.FAILED, 0, longError);
        assertTrue(shown.length() < 80 && shown.endsWith("…"), shown);

        NodeRun failed = new NodeRun(
                "read",
                "io.read.volume",
                "1.0",
                java.util.Map.of(),
                NodeRun.Status.FAILED,
                "failed",
                longError,
                true,
                null,
                0,
                List.of("line 1", "line 2", "line 3", "line 4", "line 5", "line 6 <b>"));
        String tip = RunStatePainter.tooltip(NodeRunState.FAILED, longError, failed);
        assertTrue(tip.contains(longError), "the tooltip has the whole error");
        assertTrue(
                tip.contains("line 6 &lt;b&gt;") && tip.contains("line 2") && !tip.contains("line 1<"),
                "the last " + RunStatePainter.LOG_LINES + " log lines, escaped: " + tip);
    }

    /** Issue 16: a node's warnings (OperatorContext.warn) get a badge on its state line and are listed in its tooltip. */
    @Test
    void warningsGetABadgeAndAreListedInTheTooltip() {
        NodeRun warned = new NodeRun(
                "stats",
                "roi.statistics",
                "1.1",
                java.util.Map.of(),
                NodeRun.Status.RAN,
                "first run",
                null,
                false,
                "k",
                1_000_000,
                List.of("3 rows"),
                List.of("2 voxel values are ±∞", "1 row has no finite value"));
        assertEquals(" ⚠ 2 warnings", RunStatePainter.warningBadge(NodeRunState.UP_TO_DATE, warned));
        assertEquals(
                "",
                RunStatePainter.warningBadge(NodeRunState.STALE, warned),
                "a stale result's warnings are not current");
        String tip = RunStatePainter.tooltip(NodeRunState.UP_TO_DATE, "", warned);
        assertTrue(
                tip.contains("warning: 2 voxel values are ±∞") && tip.contains("warning: 1 row has no finite value"),
                tip);
        NodeRun quiet = new NodeRun(
                "stats",
                "roi.statistics",
                "1.1",
                java.util.Map.of(),
                NodeRun.Status.RAN,
                "first run",
                null,
                false,
                "k",
                1_000_000,
                List.of());
        assertEquals("", RunStatePainter.warningBadge(NodeRunState.UP_TO_DATE, quiet));
    }
}
