package org.ferrum.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline that cannot run: carries every error the validator found. */
public class PipelineValidationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public PipelineValidationException(String pipelineName, List<Problem> problems) {
        super("pipeline" + (pipelineName.isEmpty() ? "" : " '" + pipelineName + "'") + " cannot run: "
                + problems.stream().filter(Problem::isError).map(Problem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem (errors and warnings). */
    public List<Problem> problems() {
        return problems;
    }
}
