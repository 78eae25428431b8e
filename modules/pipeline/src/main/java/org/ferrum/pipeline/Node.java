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
import java.util.Map;
import java.util.Objects;

/**
 * One step of a pipeline: an operator (by id and the version the pipeline was saved with), the
 * parameters it sets (JSON values: {@code String}, {@code Boolean}, {@code Long}, {@code Double}),
 * and where the editor draws it.
 *
 * @param id              unique within the pipeline; letters, digits, '_' and '-'
 * @param operatorId      e.g. {@code volume.threshold}
 * @param operatorVersion {@code MAJOR.MINOR} the pipeline was saved with
 * @param parameters      parameters set on this node, in file order (others take their defaults)
 * @param position        editor position, or null if never placed
 */
public record Node(
        String id, String operatorId, String operatorVersion, Map<String, Object> parameters, Position position) {

    /** Editor coordinates of a node's top-left corner, in pixels at zoom 1. */
    public record Position(double x, double y) {}

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(operatorVersion, "operatorVersion");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
    }

    /** The same node with one parameter set. */
    public Node withParameter(String name, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(parameters);
        p.put(name, value);
        return new Node(id, operatorId, operatorVersion, p, position);
    }

    public Node withPosition(Position p) {
        return new Node(id, operatorId, operatorVersion, parameters, p);
    }
}
