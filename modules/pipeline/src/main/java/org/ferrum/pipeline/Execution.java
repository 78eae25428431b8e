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

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one run: each node's fate, the named outputs, and what is needed for provenance.
 *
 * @param pipeline    the pipeline as run (named inputs applied to node parameters)
 * @param nodeRuns    one entry per node, in the order they finished
 * @param outputs     named output → value, for outputs whose node succeeded
 * @param inputValues named input → the value used
 * @param inputHashes named input → hex SHA-256 of the file or folder it names (absent for non-files)
 * @param warnings    validator warnings (e.g. compatible version differences)
 * @param started     wall-clock start
 * @param nanos       total wall time
 * @param omitted     node id → why it was left out of the run (an optional input left empty: see {@link InputBinding}),
 *                    in pipeline order; its named outputs are not produced
 */
public record Execution(
        Pipeline pipeline,
        List<NodeRun> nodeRuns,
        Map<String, Object> outputs,
        Map<String, String> inputValues,
        Map<String, String> inputHashes,
        List<Problem> warnings,
        Instant started,
        long nanos,
        Map<String, String> omitted) {

    /** A run that left no node out. */
    public Execution(
            Pipeline pipeline,
            List<NodeRun> nodeRuns,
            Map<String, Object> outputs,
            Map<String, String> inputValues,
            Map<String, String> inputHashes,
            List<Problem> warnings,
            Instant started,
            long nanos) {
        this(pipeline, nodeRuns, outputs, inputValues, inputHashes, warnings, started, nanos, Map.of());
    }

    public Execution {
        omitted = Collections.unmodifiableMap(new LinkedHashMap<>(omitted));
        nodeRuns = List.copyOf(nodeRuns);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        inputValues = Collections.unmodifiableMap(new LinkedHashMap<>(inputValues));
        inputHashes = Collections.unmodifiableMap(new LinkedHashMap<>(inputHashes));
        warnings = List.copyOf(warnings);
    }

    /** True if every node ran or was reused. */
    public boolean succeeded() {
        return nodeRuns.stream().allMatch(NodeRun::succeeded);
    }

    /** True if some node was cancelled. */
    public boolean cancelled() {
        return nodeRuns.stream().anyMatch(r -> r.status() == NodeRun.Status.CANCELLED);
    }

    /** The first node that failed (in finishing order), if any. */
    public Optional<NodeRun> firstFailure() {
        return nodeRuns.stream()
                .filter(r -> r.status() == NodeRun.Status.FAILED)
                .findFirst();
    }

    public Optional<NodeRun> nodeRun(String nodeId) {
        return nodeRuns.stream().filter(r -> r.nodeId().equals(nodeId)).findFirst();
    }
}
