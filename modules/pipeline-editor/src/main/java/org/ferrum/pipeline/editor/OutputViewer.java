package org.ferrum.pipeline.editor;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.ResultCache;

/**
 * Something that can show a node's results, found through Lookup ({@code @ServiceProvider(service = OutputViewer.class)}):
 * the image viewer registers one, so "Show outputs" in the pipeline editor works without the editor depending on it.
 */
public interface OutputViewer {

    /**
     * Shows the outputs of one node.
     *
     * @param title   e.g. "dipole (qsm.dipole.tfi)"
     * @param outputs the node's outputs by port name (volumes, tables, …), in declaration order
     * @return false if this viewer can show none of them (the editor then tries the next one or says so)
     */
    boolean show(String title, Map<String, Object> outputs);

    /**
     * Shows the outputs of one node, knowing where they come from (pipeline, node, run), so that a viewer can refresh
     * the window already showing this node after a re-run instead of opening another. By default: {@link #show(String,
     * Map)} with {@link OutputSource#title()}.
     */
    default boolean show(OutputSource source, Map<String, Object> outputs) {
        return show(source.title(), outputs);
    }

    /**
     * After a run: if this viewer has a window open on {@code source}'s node (same pipeline and node) that shows other
     * results (another cache key), that window shows {@code outputs} instead, in place, with the new run time in its
     * title — nothing is opened or brought to the front. Windows of other nodes, and windows already showing these
     * results, are left alone. Called on the event thread.
     *
     * @return true if a window was refreshed. By default no window is ever open, so false.
     */
    default boolean refreshIfShowing(OutputSource source, Map<String, Object> outputs) {
        return false;
    }

    /**
     * A node's outputs from its last successful run, still in the cache, handed to the first viewer that shows them.
     *
     * @return what happened, in words for the status line
     */
    static String showNodeOutputs(PipelineRunController runs, ResultCache cache, String nodeId,
            Collection<? extends OutputViewer> viewers) {
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
        return "no installed viewer can show the outputs of " + nodeId + " " + outputs.get().keySet();
    }

    /**
     * After a run, every viewer window open on a node of this pipeline whose results changed shows the new ones (see
     * {@link #refreshIfShowing}): a re-run never leaves an old image on screen silently (issue 15 item 10).
     *
     * @return how many windows were refreshed
     */
    static int refreshOpenViews(PipelineRunController runs, ResultCache cache, Collection<? extends OutputViewer> viewers) {
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
        String pipeline = runs.document().file().map(f -> f.getFileName().toString().replaceFirst("\\.[^.]*$", ""))
                .orElse("untitled");
        // the run time: the start of the last execution if that is the run whose results these are
        java.time.Instant started = runs.lastExecution()
                .filter(x -> x.nodeRun(run.nodeId()).map(r -> r.cacheKey().equals(run.cacheKey())).orElse(false))
                .map(org.ferrum.pipeline.Execution::started).orElse(null);
        return new OutputSource(pipeline, run.nodeId(), run.operatorId(), run.cacheKey(), started);
    }
}
