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
import java.util.stream.Collectors;

/** A pipeline that cannot run: carries every error the validator found. */
public class PipelineValidationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public PipelineValidationException(String pipelineName, List<Problem> problems) {
        super("pipeline" + (pipelineName.isEmpty() ? "" : " '" + pipelineName + "'") + " cannot run: "
                + problems.stream()
                        .filter(Problem::isError)
                        .map(Problem::message)
                        .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem (errors and warnings). */
    public List<Problem> problems() {
        return problems;
    }
}
