package org.ferrum.pipeline.editor;

import java.nio.file.Path;
import org.ferrum.pipeline.Execution;

/**
 * Somewhere to keep a run's results, found through Lookup ({@code @ServiceProvider(service = RunResultsStore.class)}):
 * the study browser registers one that saves the outputs and the measurement table to a visit of a subject. The editor's
 * "Save to study…" hands the last complete run to the first store installed.
 */
public interface RunResultsStore {

    /**
     * Stores a run (asks the user where, on the event thread, if it needs to).
     *
     * @param pipelineFile the pipeline file the run came from, or null if unsaved
     * @param run          a finished run with its named outputs
     * @return what happened, for the status line (e.g. "saved 7 maps and 8 measurements to DEMO-T01, visit 2024-03-01")
     */
    String store(Path pipelineFile, Execution run);
}
