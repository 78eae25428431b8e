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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.api.Scalar;
import org.junit.jupiter.api.Test;

/** The result cache's budget, LRU eviction and signature memory. */
class ResultCacheTest {

    private static Map<String, Object> scalar(double v) {
        return Map.of("value", new Scalar(v, PhysicalUnit.PPM));
    }

    @Test
    void keepsWithinBudgetEvictingTheLeastRecentlyUsed() {
        ResultCache cache = new ResultCache(3 * 64);
        cache.put("k1", scalar(1));
        cache.put("k2", scalar(2));
        cache.put("k3", scalar(3));
        assertEquals(3, cache.size());
        assertEquals(192, cache.usedBytes());
        assertNotNull(cache.get("k1")); // k1 is now the most recently used, k2 the least
        cache.put("k4", scalar(4));
        assertEquals(3, cache.size());
        assertEquals(192, cache.usedBytes());
        assertTrue(cache.contains("k1"));
        assertTrue(!cache.contains("k2"), "least recently used entry must go first");
        assertTrue(cache.contains("k3"));
        assertTrue(cache.contains("k4"));
    }

    @Test
    void replacingAKeyDoesNotCountItTwice() {
        ResultCache cache = new ResultCache(1000);
        cache.put("k", scalar(1));
        cache.put("k", scalar(2));
        assertEquals(1, cache.size());
        assertEquals(64, cache.usedBytes());
        assertEquals(2.0, ((Scalar) cache.get("k").get("value")).value(), 0);
    }

    @Test
    void resultLargerThanTheBudgetIsNotKeptAndEvictsNothing() {
        ResultCache cache = new ResultCache(1000);
        cache.put("small", scalar(1));
        Volume<FloatType> big = Volumes.createFloat(new long[] {10, 10, 10}, Geometry.identity(), PhysicalUnit.PPM);
        assertEquals(4000, ResultCache.estimateBytes(big));
        cache.put("big", Map.of("volume", big));
        assertNull(cache.get("big"));
        assertTrue(cache.contains("small"));
        assertEquals(64, cache.usedBytes());
    }

    @Test
    void disabledCacheKeepsNothingButRemembersSignatures() {
        ResultCache cache = ResultCache.disabled();
        assertEquals(0, cache.budgetBytes());
        cache.put("k", scalar(1));
        cache.put("empty", Map.of()); // a writer's (empty) result
        assertEquals(0, cache.size());
        assertEquals(0, cache.usedBytes());
        assertNull(cache.get("k"));
        assertNull(cache.get("empty"));
        NodeSignature sig = new NodeSignature("fake.const", "1.0", Map.of("value", "1.0"), Map.of(), Map.of());
        cache.remember("a", sig);
        assertEquals(sig, cache.lastSignature("a"));
    }

    @Test
    void keptOutputsAreACopy() {
        ResultCache cache = new ResultCache(1000);
        java.util.HashMap<String, Object> outputs = new java.util.HashMap<>(scalar(1));
        cache.put("k", outputs);
        Object value = outputs.get("value");
        outputs.clear();
        assertSame(value, cache.get("k").get("value"));
        assertThrows(UnsupportedOperationException.class, () -> cache.get("k").clear());
    }

    @Test
    void clearForgetsResultsAndSignatures() {
        ResultCache cache = new ResultCache(1000);
        cache.put("k", scalar(1));
        cache.remember("a", new NodeSignature("fake.const", "1.0", Map.of(), Map.of(), Map.of()));
        cache.clear();
        assertEquals(0, cache.size());
        assertEquals(0, cache.usedBytes());
        assertNull(cache.lastSignature("a"));
    }

    @Test
    void negativeBudgetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ResultCache(-1));
    }

    @Test
    void estimatesFollowPixelTypeAndSize() {
        Volume<?> complex =
                Volumes.createComplex(new long[] {4, 4, 4}, Geometry.identity(), PhysicalUnit.DIMENSIONLESS);
        assertEquals(64 * 8, ResultCache.estimateBytes(complex));
        assertEquals(64, ResultCache.estimateBytes(new Scalar(1, PhysicalUnit.PPM)));
        assertTrue(ResultCache.withDefaultBudget().budgetBytes() > 0);
    }
}
