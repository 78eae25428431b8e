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
