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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cache keys and the "why does this node run again" text. */
class NodeSignatureTest {

    private static NodeSignature sig(
            String version, Map<String, String> params, Map<String, String> inputs, Map<String, String> files) {
        return new NodeSignature("fake.op", version, params, inputs, files);
    }

    @Test
    void keyIsAHexSha256IndependentOfMapOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        String k = sig("1.0", ab, Map.of(), Map.of()).key();
        assertTrue(k.matches("[0-9a-f]{64}"), k);
        assertEquals(k, sig("1.0", ba, Map.of(), Map.of()).key());
    }

    @Test
    void everyPartChangesTheKey() {
        NodeSignature base = sig("1.0", Map.of("p", "1"), Map.of("in", "abc/out"), Map.of("path", "f00"));
        String k = base.key();
        assertNotEquals(
                k,
                new NodeSignature("fake.other", "1.0", Map.of("p", "1"), Map.of("in", "abc/out"), Map.of("path", "f00"))
                        .key());
        assertNotEquals(
                k,
                sig("1.1", Map.of("p", "1"), Map.of("in", "abc/out"), Map.of("path", "f00"))
                        .key());
        assertNotEquals(
                k,
                sig("1.0", Map.of("p", "2"), Map.of("in", "abc/out"), Map.of("path", "f00"))
                        .key());
        assertNotEquals(
                k,
                sig("1.0", Map.of("p", "1"), Map.of("in", "abd/out"), Map.of("path", "f00"))
                        .key());
        assertNotEquals(
                k,
                sig("1.0", Map.of("p", "1"), Map.of("in", "abc/out"), Map.of("path", "f01"))
                        .key());
        assertNotEquals(
                k,
                sig("1.0", Map.of("p", "1"), Map.of("in", "abc/out"), Map.of()).key());
        // a parameter and an input of the same name and value are different things
        assertNotEquals(
                sig("1.0", Map.of("x", "1"), Map.of(), Map.of()).key(),
                sig("1.0", Map.of(), Map.of("x", "1"), Map.of()).key());
    }

    @Test
    void differencesNameEverythingThatChanged() {
        NodeSignature before = sig(
                "1.0",
                Map.of("lower", "0.1", "gone", "x"),
                Map.of("volume", "k1/out", "mask", "m1/mask"),
                Map.of("path", "h1"));
        NodeSignature after = sig(
                "1.2",
                Map.of("lower", "0.2", "new", "y"),
                Map.of("volume", "k2/out", "extra", "e/out"),
                Map.of("path", "h2"));
        String why = after.differencesFrom(before, Map.of("volume", "read", "extra", "other"));
        assertEquals(
                "operator version changed: 1.0 → 1.2; parameter 'gone' changed: x → unset; parameter 'lower' changed: 0.1 → 0.2; "
                        + "parameter 'new' changed: unset → y; input 'extra' connected; input 'mask' disconnected; "
                        + "input 'volume' changed (upstream node 'read' has a new result); file named by 'path' changed on disk",
                why);
    }

    @Test
    void firstRunAndEvictedResultHaveTheirOwnReasons() {
        NodeSignature s = sig("1.0", Map.of(), Map.of(), Map.of());
        assertEquals("first run", s.differencesFrom(null, Map.of()));
        assertEquals(
                "same inputs as last time, but the earlier result is no longer cached", s.differencesFrom(s, Map.of()));
    }
}
