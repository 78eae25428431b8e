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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineModelTest {

    @Test
    void nodeCopiesAndFreezesItsParameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("b", 1L);
        params.put("a", "x");
        Node n = new Node("n", "op", "1.0", params, null);
        params.put("c", true);
        assertEquals(List.of("b", "a"), List.copyOf(n.parameters().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> n.parameters().put("d", 1L));
        assertEquals(Map.of(), new Node("n", "op", "1.0", null, null).parameters());
        assertThrows(NullPointerException.class, () -> new Node(null, "op", "1.0", null, null));
        assertThrows(NullPointerException.class, () -> new Node("n", null, "1.0", null, null));
        assertThrows(NullPointerException.class, () -> new Node("n", "op", null, null, null));
    }

    @Test
    void nodeWithers() {
        Node n = new Node("n", "op", "1.0", TestOperators.params("a", 1L), new Node.Position(1, 2));
        Node m = n.withParameter("b", "x").withParameter("a", 2L);
        assertEquals(TestOperators.params("a", 2L, "b", "x"), m.parameters());
        assertEquals(List.of("a", "b"), List.copyOf(m.parameters().keySet()));
        assertEquals(TestOperators.params("a", 1L), n.parameters());
        assertEquals(new Node.Position(1, 2), m.position());
        assertNull(n.withPosition(null).position());
        assertEquals(
                new Node.Position(3, 4), n.withPosition(new Node.Position(3, 4)).position());
    }

    @Test
    void pipelineDefaultsAndQueries() {
        Pipeline p = TestOperators.full();
        assertEquals("comb", p.node("comb").orElseThrow().id());
        assertTrue(p.node("nope").isEmpty());
        assertEquals(List.of(Edge.of("read.volume", "comb.a"), Edge.of("mask.mask", "comb.b")), p.edgesInto("comb"));
        assertEquals(List.of(Edge.of("mask.mask", "comb.b"), Edge.of("mask.mask", "stats.mask")), p.edgesOutOf("mask"));
        Pipeline q = new Pipeline(null, null, List.of(), List.of(), new HashMap<>(), new HashMap<>());
        assertEquals("", q.name());
        assertEquals("", q.description());
        assertThrows(UnsupportedOperationException.class, () -> p.inputs().clear());
        assertThrows(UnsupportedOperationException.class, () -> p.outputs().clear());
        assertThrows(UnsupportedOperationException.class, () -> p.nodes().clear());
    }

    @Test
    void withNodeReplacesInPlace() {
        Pipeline p = TestOperators.full();
        Pipeline q = p.withNode(p.node("mask").orElseThrow().withParameter("threshold", 0.75));
        assertEquals(
                List.of("read", "mask", "comb", "stats"),
                q.nodes().stream().map(Node::id).toList());
        assertEquals(0.75, q.node("mask").orElseThrow().parameters().get("threshold"));
        assertEquals(0.25, p.node("mask").orElseThrow().parameters().get("threshold"));
        assertEquals(p.edges(), q.edges());
        assertEquals(p.inputs(), q.inputs());
    }

    @Test
    void inputBindingDescriptionDefaultsToEmpty() {
        InputBinding b = new InputBinding("n", "p", null, null);
        assertEquals("", b.description());
        assertNull(b.defaultValue());
        assertThrows(NullPointerException.class, () -> new InputBinding(null, "p", null, ""));
        assertThrows(NullPointerException.class, () -> new InputBinding("n", null, null, ""));
    }
}
