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

import java.util.List;
import java.util.Objects;
import javax.swing.SwingUtilities;
import javax.swing.event.ChangeListener;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.Problem;
import org.netbeans.api.visual.widget.LabelWidget;

/**
 * Draws each node's {@link NodeRunState} on a {@link PipelineScene}: the text and colour of the node's
 * {@link PipelineScene#stateLine state line} ("● done" when the last run computed it, "● cached" when it reused it, "● stale — parameter 'upper' changed", "◐ running 42 % — …",
 * "✖ failed: …", with "⚠ 2 warnings" when the last run warned) and a tooltip with the reason, the full error, the
 * operator's warnings ({@code OperatorContext.warn}) and its last log lines.
 *
 * <p>Contract: a node with validation errors keeps the scene's problem display (a pipeline that cannot run says why
 * first); its run state shows again once the errors are gone. Repaints whenever the controller or the document changes.
 * Event thread only, like the scene.
 */
public final class RunStatePainter {

    /** Longest message shown on the graph; the tooltip has the whole text. */
    static final int MAX_MESSAGE = 60;
    /** Operator log lines shown in the tooltip. */
    static final int LOG_LINES = 5;

    private final PipelineScene scene;
    private final PipelineRunController controller;
    private final ChangeListener repaint = e -> {
        if (SwingUtilities.isEventDispatchThread()) {
            paint();
        } else {
            SwingUtilities.invokeLater(this::paint);
        }
    };

    /** Subscribes to the controller and the scene's document and paints the current states. */
    public RunStatePainter(PipelineScene scene, PipelineRunController controller) {
        this.scene = Objects.requireNonNull(scene, "scene");
        this.controller = Objects.requireNonNull(controller, "controller");
        if (controller.document() != scene.document()) {
            throw new IllegalArgumentException("the controller runs another document than the scene shows");
        }
        controller.addChangeListener(repaint);
        // Registered after the scene's own listener, so this runs after the scene has re-synced its widgets.
        scene.document().addChangeListener(repaint);
        paint();
    }

    /** Stops following the controller and the document. */
    public void dispose() {
        controller.removeChangeListener(repaint);
        scene.document().removeChangeListener(repaint);
    }

    /** Writes every node's state line now. */
    public void paint() {
        PipelineDocument doc = scene.document();
        for (Node n : doc.pipeline().nodes()) {
            LabelWidget line = scene.stateLine(n.id());
            if (line == null || doc.problemsOf(n.id()).stream().anyMatch(Problem::isError)) {
                continue; // the scene shows the problems there
            }
            NodeRunState state = controller.state(n.id());
            NodeRun last = controller.lastRun(n.id()).orElse(null);
            line.setLabel(
                    text(state, controller.progress(n.id()), controller.message(n.id()), controller.fromCache(n.id()))
                            + warningBadge(state, last));
            line.setForeground(state.color());
            line.setToolTipText(tooltip(state, controller.message(n.id()), last));
        }
        scene.validate();
    }

    /** The state line's text for a state, its progress and its message. */
    static String text(NodeRunState state, double progress, String message) {
        return text(state, progress, message, false);
    }

    /** As {@link #text(NodeRunState, double, String)}; an up-to-date result taken from the cache says "cached", not "done". */
    static String text(NodeRunState state, double progress, String message, boolean fromCache) {
        String head = state.symbol() + " " + (state == NodeRunState.UP_TO_DATE && fromCache ? "cached" : state.label());
        String msg = shorten(message == null ? "" : message.strip());
        return switch (state) {
            case RUNNING -> head + " " + Math.round(progress * 100) + " %" + (msg.isEmpty() ? "" : " — " + msg);
            case FAILED -> head + (msg.isEmpty() ? "" : ": " + msg);
            case STALE, SKIPPED, CANCELLED -> head + (msg.isEmpty() ? "" : " — " + msg);
            default -> head;
        };
    }

    /** " ⚠ 2 warnings" after the state of a node whose last run warned (the tooltip lists them), else nothing. */
    static String warningBadge(NodeRunState state, NodeRun run) {
        if (run == null || run.warnings().isEmpty() || state == NodeRunState.STALE || state.isActive()) {
            return "";
        }
        int n = run.warnings().size();
        return " ⚠ " + n + (n == 1 ? " warning" : " warnings");
    }

    /** Tooltip: the state, why, the whole error, the operator's warnings and its last log lines. */
    static String tooltip(NodeRunState state, String message, NodeRun run) {
        StringBuilder b = new StringBuilder("<html><b>")
                .append(PipelineScene.escape(state.label()))
                .append("</b>");
        if (message != null && !message.isBlank()) {
            b.append("<br>").append(PipelineScene.escape(message));
        }
        if (run != null && state != NodeRunState.STALE && !state.isActive()) {
            if (run.reason() != null && !run.reason().equals(message)) {
                b.append("<br>last run: ").append(PipelineScene.escape(run.reason()));
            }
            if (run.nanos() > 0) {
                b.append(String.format("<br>computed in %.2f s", run.nanos() / 1e9));
            }
            for (String warning : run.warnings()) {
                b.append("<br>⚠ warning: ").append(PipelineScene.escape(warning));
            }
            List<String> log = run.log();
            if (!log.isEmpty()) {
                b.append("<br><i>log</i>");
                for (String line : log.subList(Math.max(0, log.size() - LOG_LINES), log.size())) {
                    b.append("<br>").append(PipelineScene.escape(line));
                }
            }
        }
        return b.append("</html>").toString();
    }

    private static String shorten(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
