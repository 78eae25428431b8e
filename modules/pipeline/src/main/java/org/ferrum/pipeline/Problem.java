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

    public enum Severity { ERROR, WARNING }

    public enum Kind {
        DUPLICATE_NODE, BAD_NODE_ID, UNKNOWN_OPERATOR, VERSION_MISMATCH, UNKNOWN_PORT, PORT_TYPE_MISMATCH, PORT_UNIT_MISMATCH,
        DUPLICATE_INPUT_EDGE, UNCONNECTED_REQUIRED_INPUT, CYCLE, UNKNOWN_PARAMETER, MISSING_PARAMETER,
        PARAMETER_OUT_OF_RANGE, BAD_PARAMETER, BAD_INPUT_BINDING, BAD_OUTPUT, BAD_OUTPUT_NAME
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (severity == Severity.ERROR ? "error: " : "warning: ") + message;
    }
}
