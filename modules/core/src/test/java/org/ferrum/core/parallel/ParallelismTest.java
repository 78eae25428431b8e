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
package org.ferrum.core.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

class ParallelismTest {

    @Test
    void propertyOverridesProcessorCountWhenItIsAPositiveInteger() {
        assertEquals(4, Parallelism.initialThreads(null, 4));
        assertEquals(4, Parallelism.initialThreads("  ", 4));
        assertEquals(3, Parallelism.initialThreads("3", 4));
        assertEquals(16, Parallelism.initialThreads(" 16 ", 4));
        assertEquals(4, Parallelism.initialThreads("0", 4));
        assertEquals(4, Parallelism.initialThreads("-2", 4));
        assertEquals(4, Parallelism.initialThreads("many", 4));
    }

    @Test
    void settingIsSharedWithJTransforms() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(5);
            assertEquals(5, Parallelism.threads());
            assertEquals(5, ConcurrencyUtils.getNumberOfThreads());
            assertTrue(ConcurrencyUtils.getThreadPool() != null);
            Parallelism.setThreads(1);
            assertEquals(1, ConcurrencyUtils.getNumberOfThreads());
        } finally {
            Parallelism.setThreads(before);
        }
        assertEquals(before, Parallelism.threads());
    }

    @Test
    void threadCountMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }
}
