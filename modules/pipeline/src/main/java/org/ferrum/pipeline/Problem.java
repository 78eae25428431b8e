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
 * One thing wrong with a pipeline, found by {@link PipelineValidator}.
 *
 * @param severity {@code ERROR} prevents running; {@code WARNING} does not
 * @param kind     what sort of problem, for tools that react to it (e.g. the editor's markers)
 * @param nodeId   the node concerned, or null for pipeline-level problems
 * @param message  a sentence that names the node, port or parameter and says what is wrong
 */
public record Problem(Severity severity, Kind kind, String nodeId, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public enum Kind {
        DUPLICATE_NODE,
        BAD_NODE_ID,
        UNKNOWN_OPERATOR,
        VERSION_MISMATCH,
        UNKNOWN_PORT,
        PORT_TYPE_MISMATCH,
        PORT_UNIT_MISMATCH,
        DUPLICATE_INPUT_EDGE,
        UNCONNECTED_REQUIRED_INPUT,
        CYCLE,
        UNKNOWN_PARAMETER,
        MISSING_PARAMETER,
        PARAMETER_OUT_OF_RANGE,
        BAD_PARAMETER,
        BAD_INPUT_BINDING,
        BAD_OUTPUT,
        BAD_OUTPUT_NAME
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (severity == Severity.ERROR ? "error: " : "warning: ") + message;
    }
}
