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

import java.util.List;
import java.util.Map;

/**
 * What happened to one node in one run.
 *
 * @param nodeId      the node
 * @param operatorId  its operator
 * @param version     the installed operator version that ran (or would have)
 * @param parameters  every parameter's effective value (node value or default), paths as resolved
 * @param status      outcome
 * @param reason      why the node ran or was reused (e.g. "parameter 'lower' changed: 0.1 → 0.2"), or
 *                    why it did not run
 * @param error       the failure message for {@link Status#FAILED}, else null
 * @param badInput    true if the failure was bad input data (headless exit status 2)
 * @param cacheKey    hex SHA-256 identifying operator, version, parameters and inputs
 * @param nanos       wall time spent in the operator (0 if it did not run)
 * @param log         lines the operator logged
 * @param warnings    what the operator warned about ({@code OperatorContext.warn}): a result was produced but something
 *                    about it is doubtful; shown by the editor, printed by the headless runner, kept in provenance
 */
public record NodeRun(
        String nodeId,
        String operatorId,
        String version,
        Map<String, Object> parameters,
        Status status,
        String reason,
        String error,
        boolean badInput,
        String cacheKey,
        long nanos,
        List<String> log,
        List<String> warnings) {

    public NodeRun {
        log = List.copyOf(log);
        warnings = List.copyOf(warnings);
    }

    /** A run without warnings. */
    public NodeRun(
            String nodeId,
            String operatorId,
            String version,
            Map<String, Object> parameters,
            Status status,
            String reason,
            String error,
            boolean badInput,
            String cacheKey,
            long nanos,
            List<String> log) {
        this(nodeId, operatorId, version, parameters, status, reason, error, badInput, cacheKey, nanos, log, List.of());
    }

    /** Outcome of a node. */
    public enum Status {
        /** The operator ran and produced every output. */
        RAN,
        /** Outputs came from the cache: nothing it depends on changed. */
        REUSED,
        /** The operator threw or broke its contract. */
        FAILED,
        /** Not run because an upstream node failed. */
        SKIPPED,
        /** Not finished because the run was cancelled. */
        CANCELLED
    }

    public boolean succeeded() {
        return status == Status.RAN || status == Status.REUSED;
    }
}
