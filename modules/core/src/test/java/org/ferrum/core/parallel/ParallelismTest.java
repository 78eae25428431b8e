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
