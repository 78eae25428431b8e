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

import java.awt.event.ActionEvent;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JComponent;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.view.OutputViewer;
import org.ferrum.pipeline.view.ResultPresenter;
import org.netbeans.api.visual.model.ObjectSceneEvent;
import org.netbeans.api.visual.model.ObjectSceneEventType;
import org.netbeans.api.visual.model.ObjectSceneListener;
import org.netbeans.api.visual.model.ObjectState;
import org.openide.explorer.propertysheet.PropertySheet;

/**
 * The parts of an editor window around the graph: the operator palette, the parameter sheet of the selected node and
 * the run actions, wired to one document and scene. Kept apart from the window so each part is built and tested on its
 * own.
 */
final class EditorParts {

    private final JComponent palette;
    private final PropertySheet properties = new PropertySheet();
    private final PipelineRunController runs;
    private final RunStatePainter painter;
    private final Action runAll;
    private final Action runToSelected;
    private final Action cancel;
    private final Action showOutputs;
    private final Action saveToStudy;
    private final Action runOnCohort;
    private final ResultCache cache = ResultCache.withDefaultBudget();

    private EditorParts(PipelineEditorTopComponent window, PipelineDocument document, PipelineScene scene) {
        OperatorPalette operators = new OperatorPalette(document.registry());
        operators.setAddHandler(id -> {
            String node = document.addNode(id, freeSpot(document));
            scene.setSelectedObjects(Set.of(node));
            window.say("added " + node);
        });
        this.palette = operators;
        // one cache per editor window: changing one parameter re-runs only what depends on it
        this.runs = new PipelineRunController(
                document, cache, Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.painter = new RunStatePainter(scene, runs);
        this.runAll = new AbstractAction("Run…") {
            @Override
            public void actionPerformed(ActionEvent e) {
                java.util.Map<String, String> values = askInputValues(document);
                if (values != null) {
                    try {
                        report(window, runs.runWith(values), "pipeline");
                    } catch (IllegalArgumentException | IllegalStateException ex) {
                        window.say("cannot run: " + ex.getMessage());
                    }
                }
            }
        };
        runAll.putValue(
                Action.SHORT_DESCRIPTION,
                "Run the whole pipeline with values for its named inputs (unchanged nodes come from the cache)");
        this.runToSelected = new AbstractAction("Run to selected") {
            @Override
            public void actionPerformed(ActionEvent e) {
                List<String> sel = scene.selectedNodes();
                if (sel.size() == 1) {
                    report(window, runs.runUpTo(sel.get(0)), "up to " + sel.get(0));
                }
            }
        };
        runToSelected.putValue(Action.SHORT_DESCRIPTION, "Run the selected node and everything it depends on");
        this.cancel = new AbstractAction("Cancel") {
            @Override
            public void actionPerformed(ActionEvent e) {
                runs.cancel();
                window.say("cancelling…");
            }
        };
        this.showOutputs = new AbstractAction("Show outputs") {
            @Override
            public void actionPerformed(ActionEvent e) {
                List<String> sel = scene.selectedNodes();
                if (sel.size() == 1) {
                    window.say(showOutputs(sel.get(0)));
                }
            }
        };
        showOutputs.putValue(
                Action.SHORT_DESCRIPTION, "Show the selected node's results of the last run (in the image viewer)");
        this.saveToStudy = new AbstractAction("Save to study…") {
            @Override
            public void actionPerformed(ActionEvent e) {
                java.util.Optional<Execution> last = runs.lastExecution();
                java.util.Optional<? extends RunResultsStore> store =
                        org.openide.util.Lookup.getDefault().lookupAll(RunResultsStore.class).stream()
                                .findFirst();
                if (last.isEmpty() || !isCompleteRun(last.get())) {
                    window.say("run the whole pipeline first: there are no complete results to save");
                } else if (store.isEmpty()) {
                    window.say("no study database is installed to save to");
                } else {
                    window.say(store.get().store(document.file().orElse(null), last.get()));
                }
            }
        };
        saveToStudy.putValue(
                Action.SHORT_DESCRIPTION,
                "Save the last complete run's outputs and measurements to a visit in the study database");
        this.runOnCohort = new AbstractAction("Run on cohort…") {
            @Override
            public void actionPerformed(ActionEvent e) {
                runOnCohort(window, document);
            }
        };
        runOnCohort.putValue(
                Action.SHORT_DESCRIPTION,
                "Run this pipeline over every subject and visit of a manifest (CSV or BIDS) with ferrum-batch,"
                        + " saving each finished task to the study");
        runs.addChangeListener(e -> enableActions(scene));
        enableActions(scene);
    }

    /**
     * Opens the "Run on cohort…" dialog. The batch reads the pipeline from a file: the editor's own file, saved first
     * if modified (the cohort runs exactly what the editor shows, and its provenance names that file); a pipeline
     * never saved is written into the run's output folder as {@code pipeline.json}.
     */
    private static void runOnCohort(PipelineEditorTopComponent window, PipelineDocument document) {
        long errors = document.problems().stream()
                .filter(org.ferrum.pipeline.Problem::isError)
                .count();
        if (errors > 0) {
            window.say("cannot run on a cohort: " + errors + (errors == 1 ? " problem" : " problems")
                    + " in this pipeline (shown on the nodes)");
            return;
        }
        List<org.ferrum.pipeline.editor.cohort.CohortRunDialog.Input> inputs =
                document.pipeline().inputs().entrySet().stream()
                        .map(en -> new org.ferrum.pipeline.editor.cohort.CohortRunDialog.Input(
                                en.getKey(),
                                en.getValue().description(),
                                en.getValue().defaultValue()))
                        .toList();
        org.ferrum.pipeline.editor.cohort.CohortRunDialog.show(
                document.pipeline().name(), inputs, out -> {
                    java.util.Optional<java.nio.file.Path> file = document.file();
                    if (file.isPresent()) {
                        if (document.isModified()) {
                            window.writeTo(file.get());
                        }
                        return file.get();
                    }
                    java.nio.file.Path written = out.resolve("pipeline.json");
                    PipelineFiles.write(document.pipeline(), written);
                    window.say("the unsaved pipeline was written to " + written + " for the cohort run");
                    return written;
                });
    }

    static EditorParts create(PipelineEditorTopComponent window, PipelineDocument document, PipelineScene scene) {
        EditorParts parts = new EditorParts(window, document, scene);
        scene.addObjectSceneListener(
                new SelectionListener(parts, window, scene), ObjectSceneEventType.OBJECT_SELECTION_CHANGED);
        return parts;
    }

    PipelineRunController runs() {
        return runs;
    }

    private void enableActions(PipelineScene scene) {
        boolean running = runs.isRunning();
        runAll.setEnabled(!running);
        runToSelected.setEnabled(!running && scene.selectedNodes().size() == 1);
        cancel.setEnabled(running);
        List<String> sel = scene.selectedNodes();
        saveToStudy.setEnabled(
                !running && runs.lastExecution().map(this::isCompleteRun).orElse(false));
        showOutputs.setEnabled(sel.size() == 1
                && runs.lastRun(sel.get(0)).map(NodeRun::succeeded).orElse(false));
    }

    /**
     * A successful run of the whole pipeline (not "run to selected"), with its named outputs; nodes left out because an
     * optional input was left empty count as part of it (a brain-iron run without seeds is still a whole run).
     */
    static boolean isCompleteRun(Execution run, int documentNodes) {
        return run.succeeded() && run.pipeline().nodes().size() + run.omitted().size() == documentNodes;
    }

    private boolean isCompleteRun(Execution run) {
        return isCompleteRun(run, runs.document().pipeline().nodes().size());
    }

    /**
     * The Run dialog: a value for every named input ({@link RunInputsPanel}), defaults (or the last values) pre-filled.
     * Returns the values, or null if the user cancelled; a pipeline without named inputs runs without asking.
     */
    private java.util.Map<String, String> askInputValues(PipelineDocument document) {
        if (document.pipeline().inputs().isEmpty()) {
            return java.util.Map.of();
        }
        RunInputsPanel panel = new RunInputsPanel(document, runs.inputValues());
        javax.swing.JButton run = new javax.swing.JButton("Run");
        run.setName("runInputs.run");
        javax.swing.JButton cancelButton = new javax.swing.JButton("Cancel");
        cancelButton.setName("runInputs.cancel");
        org.openide.DialogDescriptor d = new org.openide.DialogDescriptor(
                panel,
                "Run " + document.pipeline().name(),
                true,
                new Object[] {run, cancelButton},
                run,
                org.openide.DialogDescriptor.DEFAULT_ALIGN,
                null,
                null);
        d.setClosingOptions(new Object[] {cancelButton});
        org.openide.NotificationLineSupport line = d.createNotificationLineSupport();
        java.util.concurrent.atomic.AtomicBoolean accepted = new java.util.concurrent.atomic.AtomicBoolean();
        java.awt.Dialog[] dialog = new java.awt.Dialog[1];
        run.addActionListener(e -> {
            java.util.Optional<String> problem = panel.problem();
            if (problem.isPresent()) {
                line.setErrorMessage(problem.get());
                return;
            }
            accepted.set(true);
            dialog[0].setVisible(false);
            dialog[0].dispose();
        });
        dialog[0] = org.openide.DialogDisplayer.getDefault().createDialog(d);
        dialog[0].setVisible(true);
        return accepted.get() ? panel.values() : null;
    }

    /** The result on one output pin, shown by the first installed {@link ResultPresenter} that accepts it. */
    String showResult(PipelineScene.Pin pin) {
        return ResultViews.showResult(
                runs, cache, pin, org.openide.util.Lookup.getDefault().lookupAll(ResultPresenter.class));
    }

    /** The selected node's results to the installed {@link OutputViewer}s; returns what happened, for the status line. */
    String showOutputs(String nodeId) {
        return ResultViews.showNodeOutputs(
                runs, cache, nodeId, org.openide.util.Lookup.getDefault().lookupAll(OutputViewer.class));
    }

    /** Tells the status line how a run ended. */
    private void report(
            PipelineEditorTopComponent window, java.util.concurrent.CompletableFuture<Execution> run, String what) {
        window.say("running " + what + "…");
        run.whenComplete((execution, failure) -> PipelineEditorTopComponent.onEventThread(() -> {
            if (failure != null) {
                window.say("cannot run: " + runs.lastError().orElse(String.valueOf(failure.getMessage())));
                return;
            }
            long ran = execution.nodeRuns().stream()
                    .filter(r -> r.status() == NodeRun.Status.RAN)
                    .count();
            long reused = execution.nodeRuns().stream()
                    .filter(r -> r.status() == NodeRun.Status.REUSED)
                    .count();
            String outcome = execution.cancelled()
                    ? "cancelled"
                    : execution
                            .firstFailure()
                            .map(r -> "failed at " + r.nodeId() + ": " + r.error())
                            .orElse("done");
            int refreshed = ResultViews.refreshOpenViews(
                    runs, cache, org.openide.util.Lookup.getDefault().lookupAll(OutputViewer.class));
            window.say(String.format(
                    Locale.ROOT,
                    "%s %s: %d ran, %d from the cache, %.2f s%s",
                    what,
                    outcome,
                    ran,
                    reused,
                    execution.nanos() / 1e9,
                    refreshed == 0
                            ? ""
                            : refreshed == 1
                                    ? "; 1 viewer window shows the new results"
                                    : "; " + refreshed + " viewer windows show the new results"));
        }));
    }

    JComponent palette() {
        return palette;
    }

    JComponent properties() {
        return properties;
    }

    List<Action> runActions() {
        return List.of(runAll, runToSelected, cancel, showOutputs, saveToStudy, runOnCohort);
    }

    void closed() {
        runs.cancel();
        painter.dispose();
        runs.dispose();
    }

    /** Where a node added from the palette (Enter, double-click) goes: below everything, at the left. */
    private static org.ferrum.pipeline.Node.Position freeSpot(PipelineDocument document) {
        double bottom = document.pipeline().nodes().stream()
                .filter(n -> n.position() != null)
                .mapToDouble(n -> n.position().y())
                .max()
                .orElse(-160);
        return new org.ferrum.pipeline.Node.Position(40, bottom + 200);
    }

    private void selectionChanged(PipelineEditorTopComponent window, PipelineScene scene) {
        enableActions(scene);
        org.openide.nodes.Node[] nodes = scene.selectedNodes().stream()
                .map(id -> ParameterNode.of(window.document(), id))
                .toArray(org.openide.nodes.Node[]::new);
        properties.setNodes(nodes);
        window.selectionShown(nodes);
    }

    private record SelectionListener(EditorParts parts, PipelineEditorTopComponent window, PipelineScene scene)
            implements ObjectSceneListener {
        @Override
        public void selectionChanged(ObjectSceneEvent event, Set<Object> previous, Set<Object> now) {
            parts.selectionChanged(window, scene);
        }

        @Override
        public void objectAdded(ObjectSceneEvent event, Object added) {}

        @Override
        public void objectRemoved(ObjectSceneEvent event, Object removed) {}

        @Override
        public void objectStateChanged(ObjectSceneEvent event, Object object, ObjectState previous, ObjectState now) {}

        @Override
        public void highlightingChanged(ObjectSceneEvent event, Set<Object> previous, Set<Object> now) {}

        @Override
        public void hoverChanged(ObjectSceneEvent event, Object previous, Object now) {}

        @Override
        public void focusChanged(ObjectSceneEvent event, Object previous, Object now) {}
    }
}
