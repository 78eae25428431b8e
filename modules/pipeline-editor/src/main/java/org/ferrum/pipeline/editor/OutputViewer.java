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
        String pipeline = runs.document().file().map(f -> f.getFileName().toString().replaceFirst("\\.[^.]*$", ""))
                .orElse("untitled");
        // the run time: the start of the last execution if that is the run whose results these are
        java.time.Instant started = runs.lastExecution()
                .filter(x -> x.nodeRun(nodeId).map(r -> r.cacheKey().equals(run.get().cacheKey())).orElse(false))
                .map(org.ferrum.pipeline.Execution::started).orElse(null);
        OutputSource source = new OutputSource(pipeline, nodeId, run.get().operatorId(), run.get().cacheKey(), started);
        for (OutputViewer viewer : viewers) {
            if (viewer.show(source, outputs.get())) {
                return "showing the outputs of " + nodeId;
            }
        }
        return "no installed viewer can show the outputs of " + nodeId + " " + outputs.get().keySet();
    }
}
