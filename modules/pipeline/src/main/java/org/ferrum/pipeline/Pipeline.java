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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline: nodes (operator steps), edges between their ports, named inputs that set node
 * parameters, and named outputs that expose node output ports. Immutable; the {@code with…} methods
 * return changed copies. Structural checks live in {@link PipelineValidator}, which reports every
 * problem at once instead of refusing to build a broken pipeline, so the editor can show and repair
 * it.
 *
 * @param name        short title
 * @param description what it computes, for people
 * @param nodes       steps in file order
 * @param edges       connections in file order
 * @param inputs      named inputs, in file order
 * @param outputs     named outputs → the node output port that provides each
 */
public record Pipeline(
        String name,
        String description,
        List<Node> nodes,
        List<Edge> edges,
        Map<String, InputBinding> inputs,
        Map<String, PortRef> outputs) {

    public Pipeline {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        Objects.requireNonNull(nodes);
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** Edges whose target is {@code nodeId}. */
    public List<Edge> edgesInto(String nodeId) {
        return edges.stream().filter(e -> e.to().node().equals(nodeId)).toList();
    }

    /** Edges whose source is {@code nodeId}. */
    public List<Edge> edgesOutOf(String nodeId) {
        return edges.stream().filter(e -> e.from().node().equals(nodeId)).toList();
    }

    /**
     * The same pipeline without the given nodes: their edges, the named inputs that set their parameters and the named
     * outputs they provide go with them.
     */
    public Pipeline withoutNodes(java.util.Set<String> ids) {
        if (ids.isEmpty()) {
            return this;
        }
        Map<String, InputBinding> keptInputs = new LinkedHashMap<>();
        inputs.forEach((k, b) -> {
            if (!ids.contains(b.node())) {
                keptInputs.put(k, b);
            }
        });
        Map<String, PortRef> keptOutputs = new LinkedHashMap<>();
        outputs.forEach((k, r) -> {
            if (!ids.contains(r.node())) {
                keptOutputs.put(k, r);
            }
        });
        return new Pipeline(
                name,
                description,
                nodes.stream().filter(n -> !ids.contains(n.id())).toList(),
                edges.stream()
                        .filter(e -> !ids.contains(e.from().node()) && !ids.contains(e.to().node()))
                        .toList(),
                keptInputs,
                keptOutputs);
    }

    /** The same pipeline with one node replaced (same id). */
    public Pipeline withNode(Node node) {
        return new Pipeline(
                name,
                description,
                nodes.stream().map(n -> n.id().equals(node.id()) ? node : n).toList(),
                edges,
                inputs,
                outputs);
    }
}
