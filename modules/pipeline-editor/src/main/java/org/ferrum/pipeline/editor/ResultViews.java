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

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.view.OutputSource;
import org.ferrum.pipeline.view.OutputViewer;
import org.ferrum.pipeline.view.ResultPresenter;

/**
 * The editor's side of showing results: hands a node's cached outputs to the installed {@link OutputViewer}s and one
 * output pin's result to the installed {@link ResultPresenter}s (both found through Lookup; their contracts live in
 * {@code org.ferrum.pipeline.view} so that viewers need not depend on the editor).
 */
final class ResultViews {

    private ResultViews() {}

    /**
     * A node's outputs from its last successful run, still in the cache, handed to the first viewer that shows them.
     *
     * @return what happened, in words for the status line
     */
    static String showNodeOutputs(
            PipelineRunController runs, ResultCache cache, String nodeId, Collection<? extends OutputViewer> viewers) {
        Optional<NodeRun> run = runs.lastRun(nodeId);
        if (run.isEmpty() || !run.get().succeeded()) {
            return nodeId + " has no results yet: run it first";
        }
        Optional<Map<String, Object>> outputs = cache.outputsOf(run.get().cacheKey());
        if (outputs.isEmpty()) {
            return nodeId + "'s results are no longer in the cache: run it again";
        }
        OutputSource source = sourceOf(runs, run.get());
        for (OutputViewer viewer : viewers) {
            if (viewer.show(source, outputs.get())) {
                return "showing the outputs of " + nodeId;
            }
        }
        return "no installed viewer can show the outputs of " + nodeId + " "
                + outputs.get().keySet();
    }

    /**
     * After a run, every viewer window open on a node of this pipeline whose results changed shows the new ones (see
     * {@link OutputViewer#refreshIfShowing}): a re-run never leaves an old image on screen silently (issue 15 item 10).
     *
     * @return how many windows were refreshed
     */
    static int refreshOpenViews(
            PipelineRunController runs, ResultCache cache, Collection<? extends OutputViewer> viewers) {
        int refreshed = 0;
        Optional<org.ferrum.pipeline.Execution> last = runs.lastExecution();
        if (last.isEmpty()) {
            return 0;
        }
        for (NodeRun r : last.get().nodeRuns()) {
            if (!r.succeeded()) {
                continue;
            }
            Optional<Map<String, Object>> outputs = cache.outputsOf(r.cacheKey());
            if (outputs.isEmpty()) {
                continue;
            }
            OutputSource source = sourceOf(runs, r);
            for (OutputViewer viewer : viewers) {
                if (viewer.refreshIfShowing(source, outputs.get())) {
                    refreshed++;
                }
            }
        }
        return refreshed;
    }

    /** Where a node run's results come from: the pipeline's file name without extension ("untitled"), node, run time. */
    private static OutputSource sourceOf(PipelineRunController runs, NodeRun run) {
        String pipeline = runs.document()
                .file()
                .map(f -> f.getFileName().toString().replaceFirst("\\.[^.]*$", ""))
                .orElse("untitled");
        // the run time: the start of the last execution if that is the run whose results these are
        java.time.Instant started = runs.lastExecution()
                .filter(x -> x.nodeRun(run.nodeId())
                        .map(r -> r.cacheKey().equals(run.cacheKey()))
                        .orElse(false))
                .map(org.ferrum.pipeline.Execution::started)
                .orElse(null);
        return new OutputSource(pipeline, run.nodeId(), run.operatorId(), run.cacheKey(), started);
    }

    /**
     * Shows the result on one output port of a node from its last successful run, still in the cache, with the first
     * presenter that accepts it.
     *
     * @return what happened, in words for the status line
     */
    static String showResult(
            PipelineRunController runs,
            ResultCache cache,
            PipelineScene.Pin pin,
            Collection<? extends ResultPresenter> presenters) {
        Optional<NodeRun> run = runs.lastRun(pin.node());
        if (run.isEmpty() || !run.get().succeeded()) {
            return pin.node() + " has no results yet: run it first";
        }
        var outputs = cache.outputsOf(run.get().cacheKey());
        if (outputs.isEmpty()) {
            return pin.node() + "'s results are no longer in the cache: run it again";
        }
        Object value = outputs.get().get(pin.port());
        if (value == null) {
            return pin.node() + " produced no '" + pin.port() + "' in its last run";
        }
        if (value instanceof org.ferrum.pipeline.api.Scalar s) {
            return pin.ref() + " = " + s;
        }
        String title = pin.ref() + " (" + runs.document().pipeline().name() + ", "
                + java.time.LocalTime.now().withNano(0) + ")";
        for (ResultPresenter p : presenters) {
            if (p.accepts(value)) {
                p.present(title, value);
                return "showing " + pin.ref();
            }
        }
        return "no installed view can show " + pin.ref() + " ("
                + value.getClass().getSimpleName() + ")";
    }
}
