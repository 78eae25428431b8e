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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.ops.ConvertUnitOperator;

/**
 * The explicit fix for an edge the validator refuses because its ends' units do not fit
 * ({@link PipelineValidator#unitMismatch}): a {@link ConvertUnitOperator} node between them, converting to the first unit
 * the target input takes. Only where the user asks (the editor's "Insert unit conversion"); the engine never inserts
 * one by itself.
 */
public final class UnitConversions {

    /** The conversion operator's id ({@code math.convert-unit}). */
    public static final String OPERATOR_ID = ConvertUnitOperator.ID;

    private UnitConversions() {}

    /**
     * The unit a conversion on {@code edge} would convert to: the first unit its target input takes. Empty if the edge's
     * units fit, an end is unknown, or the target declares no unit (a quantity mismatch no conversion can fix).
     */
    public static Optional<PhysicalUnit> targetUnit(Pipeline p, Edge edge, OperatorRegistry registry) {
        if (PipelineValidator.unitMismatch(p, edge, registry).isEmpty()) {
            return Optional.empty();
        }
        return p.node(edge.to().node())
                .flatMap(n -> registry.find(n.operatorId()))
                .flatMap(op -> op.descriptor().input(edge.to().port()))
                .map(Port::units)
                .filter(units -> !units.isEmpty())
                .map(units -> units.get(0));
    }

    /**
     * {@code p} with {@code edge} replaced by source → conversion node {@code nodeId} → target, the node's {@code unit}
     * set to {@link #targetUnit}, placed half-way between the two nodes. If a node upstream of the source has a
     * multi-echo GRE output, it feeds the conversion's {@code gre} input (the field strength for ppm ↔ Hz).
     *
     * @throws IllegalArgumentException if the edge needs no conversion or none can fix it
     */
    public static Pipeline insert(Pipeline p, Edge edge, OperatorRegistry registry, String nodeId) {
        PhysicalUnit unit = targetUnit(p, edge, registry)
                .orElseThrow(() -> new IllegalArgumentException(
                        "edge " + edge + " needs no unit conversion, or its target declares no unit to convert to"));
        String version = registry.find(OPERATOR_ID)
                .orElseThrow(() -> new IllegalArgumentException("operator '" + OPERATOR_ID + "' is not installed"))
                .descriptor()
                .version();
        Node.Position a = p.node(edge.from().node()).map(Node::position).orElse(null);
        Node.Position b = p.node(edge.to().node()).map(Node::position).orElse(null);
        Node.Position at =
                a == null || b == null ? null : new Node.Position((a.x() + b.x()) / 2, (a.y() + b.y()) / 2 + 60);
        Node conversion = new Node(
                nodeId, OPERATOR_ID, version, java.util.Map.of(ConvertUnitOperator.UNIT.name(), unit.symbol()), at);
        List<Node> nodes = new ArrayList<>(p.nodes());
        nodes.add(conversion);
        List<Edge> edges = new ArrayList<>(p.edges());
        int i = edges.indexOf(edge);
        edges.remove(i);
        edges.add(i, new Edge(new PortRef(nodeId, ConvertUnitOperator.CONVERTED.name()), edge.to()));
        edges.add(i, new Edge(edge.from(), new PortRef(nodeId, ConvertUnitOperator.VOLUME.name())));
        greSource(p, edge.from().node(), registry)
                .ifPresent(gre -> edges.add(new Edge(gre, new PortRef(nodeId, ConvertUnitOperator.GRE.name()))));
        return new Pipeline(p.name(), p.description(), nodes, edges, p.inputs(), p.outputs());
    }

    /** The nearest multi-echo GRE output at or upstream of {@code nodeId} (breadth first), if any. */
    private static Optional<PortRef> greSource(Pipeline p, String nodeId, OperatorRegistry registry) {
        List<String> queue = new ArrayList<>(List.of(nodeId));
        for (int i = 0; i < queue.size(); i++) {
            String id = queue.get(i);
            Optional<PortRef> gre = p.node(id)
                    .flatMap(n -> registry.find(n.operatorId()))
                    .flatMap(op -> op.descriptor().outputs().stream()
                            .filter(o -> o.type().equals(PortTypes.MULTI_ECHO_GRE))
                            .findFirst())
                    .map(o -> new PortRef(id, o.name()));
            if (gre.isPresent()) {
                return gre;
            }
            p.edgesInto(id).forEach(e -> {
                if (!queue.contains(e.from().node())) {
                    queue.add(e.from().node());
                }
            });
        }
        return Optional.empty();
    }
}
