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
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PortRefTest {

    @Test
    void nodeDotPort() {
        assertEquals(new PortRef("mask", "volume"), PortRef.parse("mask.volume"));
        assertEquals(new PortRef("a", "b"), PortRef.parse("a.b"));
    }

    @Test
    void theLastDotSplits() {
        assertEquals(new PortRef("a.b", "c"), PortRef.parse("a.b.c"));
        assertEquals(new PortRef("a.", "b"), PortRef.parse("a..b"));
        assertEquals(new PortRef("qsm.dipole", "out"), PortRef.parse("qsm.dipole.out"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a", ".", "..", ".b", "a.", "a.b.", "node port"})
    void malformed(String text) {
        String m = assertThrows(IllegalArgumentException.class, () -> PortRef.parse(text))
                .getMessage();
        assertEquals("expected 'node.port', got '" + text + "'", m);
    }

    @Test
    void toStringIsTheFileForm() {
        for (String s : new String[] {"a.b", "a.b.c", "read-1.volume"}) {
            assertEquals(s, PortRef.parse(s).toString());
        }
    }

    @Test
    void partsAreRequired() {
        assertThrows(NullPointerException.class, () -> new PortRef(null, "p"));
        assertThrows(NullPointerException.class, () -> new PortRef("n", null));
    }

    @Test
    void edges() {
        Edge e = Edge.of("read.volume", "mask.volume");
        assertEquals(new PortRef("read", "volume"), e.from());
        assertEquals(new PortRef("mask", "volume"), e.to());
        assertEquals("read.volume → mask.volume", e.toString());
        assertThrows(IllegalArgumentException.class, () -> Edge.of("read", "mask.volume"));
        assertThrows(NullPointerException.class, () -> new Edge(null, e.to()));
        assertThrows(NullPointerException.class, () -> new Edge(e.from(), null));
    }
}
