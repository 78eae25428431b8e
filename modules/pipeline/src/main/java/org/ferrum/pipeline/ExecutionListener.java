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
package org.ferrum.pipeline;

/**
 * Observes a run (the editor's progress bar and node badges, the headless runner's log). Called from
 * worker threads; implementations must be thread-safe and quick.
 */
public interface ExecutionListener {

    /** A node starts computing, with the reason it must run. */
    default void nodeStarted(String nodeId, String reason) {}

    /** Progress of a node in [0, 1]. */
    default void nodeProgress(String nodeId, double fraction, String message) {}

    /** A node has its final status (also for reused, skipped and cancelled nodes). */
    default void nodeFinished(NodeRun run) {}

    /** Whole-run progress in [0, 1]: the mean over nodes of their progress (finished nodes count 1). */
    default void progress(double fraction) {}

    /** A listener that ignores everything. */
    ExecutionListener NONE = new ExecutionListener() {};
}
