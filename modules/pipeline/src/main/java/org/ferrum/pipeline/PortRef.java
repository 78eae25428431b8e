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

import java.util.Objects;

/**
 * A port of a node, written {@code node.port} in pipeline files.
 *
 * @param node node id
 * @param port port name
 */
public record PortRef(String node, String port) {
    public PortRef {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(port, "port");
    }

    /**
     * Parses {@code node.port}; the port is what follows the last dot.
     *
     * @throws IllegalArgumentException if there is no dot or either side is empty
     */
    public static PortRef parse(String text) {
        int dot = text == null ? -1 : text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("expected 'node.port', got '" + text + "'");
        }
        return new PortRef(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return node + "." + port;
    }
}
