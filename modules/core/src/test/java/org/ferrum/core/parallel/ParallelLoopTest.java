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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelLoopTest {

    private int threadsBefore;

    @BeforeEach
    void useThreeThreads() {
        // more workers than this machine may have cores, so interleavings happen even on 1–2 cores
        threadsBefore = Parallelism.threads();
        Parallelism.setThreads(3);
    }

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(threadsBefore);
    }

    @Test
    void everyIndexIsVisitedExactlyOnce() {
        int n = 100_003;
        for (long chunk : new long[] {0, 1, 7, 1000, 100_003, 250_000}) {
            AtomicIntegerArray visits = new AtomicIntegerArray(n);
            ParallelLoop.forEachChunk(n, chunk, Cancellation.NEVER, (from, to) -> {
                assertTrue(0 <= from && from < to && to <= n, "bad chunk [" + from + ", " + to + ")");
                for (long i = from; i < to; i++) {
                    visits.incrementAndGet((int) i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, visits.get(i), "index " + i + " with chunk size " + chunk);
            }
        }
    }

    @Test
    void emptyRangeRunsNothing() {
        AtomicInteger calls = new AtomicInteger();
        ParallelLoop.forEachChunk(0, (from, to) -> calls.incrementAndGet());
        assertEquals(0, calls.get());
    }

    @Test
    void workIsSharedBetweenThreads() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        ParallelLoop.forEachChunk(24, 1, Cancellation.NEVER, (from, to) -> {
            names.add(Thread.currentThread().getName());
            sleep(20);
        });
        assertTrue(names.size() >= 2, "ran on " + names);
        assertTrue(names.size() <= 3, "ran on more threads than configured: " + names);
    }

    @Test
    void theFirstExceptionReachesTheCallerAndNoBodyOutlivesTheLoop() {
        IllegalStateException boom = new IllegalStateException("voxel 500 has no phase");
        AtomicInteger running = new AtomicInteger();
        AtomicLong started = new AtomicLong();
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> ParallelLoop.forEachChunk(100_000, 100, Cancellation.NEVER, (from, to) -> {
                    running.incrementAndGet();
                    started.incrementAndGet();
                    try {
                        if (from <= 500 && 500 < to) {
                            throw boom;
                        }
                        sleep(2);
                    } finally {
                        running.decrementAndGet();
                    }
                }));
        assertSame(boom, thrown);
        assertEquals(0, running.get(), "a chunk was still running after the loop threw");
        assertTrue(started.get() < 1000, "the loop went on after the failure: " + started.get() + " chunks");
    }

    @Test
    void errorsPropagateToo() {
        AssertionError error = new AssertionError("broken invariant");
        assertSame(
                error,
                assertThrows(
                        AssertionError.class,
                        () -> ParallelLoop.forEachChunk(10, 1, Cancellation.NEVER, (f, t) -> {
                            throw error;
                        })));
    }

    @Test
    void cancellationStopsTheLoopBetweenChunks() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicLong chunks = new AtomicLong();
        AtomicInteger running = new AtomicInteger();
        assertThrows(
                CancellationException.class,
                () -> ParallelLoop.forEachChunk(10_000, 10, cancelled::get, (from, to) -> {
                    running.incrementAndGet();
                    if (chunks.incrementAndGet() == 3) {
                        cancelled.set(true);
                    }
                    sleep(1);
                    running.decrementAndGet();
                }));
        // at most the chunks already running when the flag was set finish after it: 3 + (threads − 1)
        assertTrue(chunks.get() <= 3 + 2, "ran " + chunks.get() + " of 1000 chunks after cancellation");
        assertEquals(0, running.get());
    }

    @Test
    void cancelledBeforeStartRunsNothing() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(
                CancellationException.class,
                () -> ParallelLoop.forEachChunk(1000, () -> true, (f, t) -> calls.incrementAndGet()));
        assertEquals(0, calls.get());
    }

    @Test
    void nestedLoopsComplete() {
        // Every helper busy in an outer chunk: inner loops must still finish (the caller does their work).
        AtomicLong total = new AtomicLong();
        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> ParallelLoop.forEachChunk(
                        12,
                        1,
                        Cancellation.NEVER,
                        (f, t) -> ParallelLoop.forEachChunk(1000, 10, Cancellation.NEVER, (from, to) -> {
                            total.addAndGet(to - from);
                            sleep(1);
                        })));
        assertEquals(12_000, total.get());
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ParallelLoop.forEachChunk(-1, (f, t) -> {}));
        assertThrows(
                IllegalArgumentException.class,
                () -> ParallelLoop.forEachChunk(10, -5, Cancellation.NEVER, (f, t) -> {}));
        assertThrows(NullPointerException.class, () -> ParallelLoop.forEachChunk(10, null, (f, t) -> {}));
    }

    @Test
    void defaultChunkSizeGivesAFewChunksPerThread() {
        assertEquals(1, ParallelLoop.defaultChunkSize(5, 4));
        assertEquals(32, ParallelLoop.defaultChunkSize(1024, 4));
        assertEquals(1_048_576, ParallelLoop.defaultChunkSize(16_777_216, 2));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
