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
package org.ferrum.batch.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PortTypes;

/**
 * What a manifest needs to know of a pipeline's named inputs: their names, which name files (the parameter they set
 * is of type {@link Parameter.Type#PATH}, the rule the headless runner applies to {@code --input}), which have a
 * default or may be left empty, and which are read by a multi-echo GRE reader (an operator with a
 * {@link PortTypes#MULTI_ECHO_GRE} output), whose one image file stands for its whole series.
 */
final class PipelineInputs {

    private final Pipeline pipeline;
    private final OperatorRegistry registry;

    PipelineInputs(Pipeline pipeline, OperatorRegistry registry) {
        this.pipeline = pipeline;
        this.registry = registry;
    }

    /** The input names, in the pipeline file's order. */
    List<String> names() {
        return List.copyOf(pipeline.inputs().keySet());
    }

    boolean has(String name) {
        return pipeline.inputs().containsKey(name);
    }

    /** True if the input has a default value or may be left empty: a manifest need not bind it. */
    boolean mayStayUnbound(String name) {
        InputBinding b = pipeline.inputs().get(name);
        return b != null && (b.defaultValue() != null || b.optional());
    }

    /** True if the input may be left empty (its branch then left out of the run). */
    boolean isOptional(String name) {
        InputBinding b = pipeline.inputs().get(name);
        return b != null && b.optional();
    }

    /** True if the input sets a {@code PATH} parameter of its node's operator. */
    boolean isPath(String name) {
        return operator(name)
                .flatMap(op ->
                        op.descriptor().parameter(pipeline.inputs().get(name).parameter()))
                .map(p -> p.type() == Parameter.Type.PATH)
                .orElse(false);
    }

    /** True if the input's node produces a multi-echo GRE series (so one echo image names the whole series). */
    boolean readsMultiEchoGre(String name) {
        return operator(name)
                .map(op -> op.descriptor().outputs().stream().anyMatch(p -> p.type() == PortTypes.MULTI_ECHO_GRE))
                .orElse(false);
    }

    /** The pipeline's inputs as "a, b, c", for messages. */
    String listed() {
        return String.join(", ", pipeline.inputs().keySet());
    }

    private Optional<Operator> operator(String name) {
        InputBinding b = pipeline.inputs().get(name);
        if (b == null) {
            return Optional.empty();
        }
        return pipeline.node(b.node()).flatMap(n -> registry.find(n.operatorId()));
    }

    /** An input's values with {@code {subject}} and {@code {visit}} replaced by a task's labels. */
    static String expand(String value, String subject, String visit) {
        return value.replace("{subject}", subject).replace("{visit}", visit);
    }

    /** The overrides that name no pipeline input, one problem each. */
    List<String> unknownOverrides(Map<String, String> overrides) {
        return overrides.keySet().stream()
                .filter(k -> !has(k))
                .map(k -> "--input " + k + ": the pipeline has no input '" + k + "' (its inputs: " + listed() + ")")
                .toList();
    }
}
