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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link RangeBody} over the indices [0, n) in chunks on {@link Parallelism#threads()} threads.
 *
 * <p>Contract of {@code forEachChunk}: when it returns normally, the body has run exactly once on
 * every index, in chunks {@code [from, to)} that partition [0, n). If the body throws, no new chunk
 * starts, the running ones finish, and the first exception is rethrown to the caller as it was
 * thrown (later ones are attached to it as suppressed). If the {@link Cancellation} reports
 * cancellation (it is polled before every chunk), no new chunk starts, the running ones finish, and a
 * {@link CancellationException} is thrown. In both cases some indices may not have been processed.
 * No body is running once the method has returned or thrown.
 *
 * <p>How: chunks are handed out in index order from a shared counter, so fast threads take more of
 * them (dynamic scheduling, no straggler from an unlucky static split). The calling thread works too;
 * helpers come from one bounded pool. A loop therefore always completes, even when nested in another
 * loop's body while every helper is busy: the caller then simply processes all chunks itself.
 */
public final class ParallelLoop {

    /**
     * Default number of chunks per thread: enough for load balance and for a prompt response to
     * cancellation, few enough that the per-chunk overhead (an atomic add and a poll) is negligible.
     */
    static final int CHUNKS_PER_THREAD = 8;

    private ParallelLoop() {}

    /** Runs {@code body} over [0, n) with the default chunk size and no cancellation. */
    public static void forEachChunk(long n, RangeBody body) {
        forEachChunk(n, 0, Cancellation.NEVER, body);
    }

    /** Runs {@code body} over [0, n) with the default chunk size, polling {@code cancellation} between chunks. */
    public static void forEachChunk(long n, Cancellation cancellation, RangeBody body) {
        forEachChunk(n, 0, cancellation, body);
    }

    /**
     * Runs {@code body} over [0, n) in chunks of {@code chunkSize} indices (the last one may be shorter),
     * polling {@code cancellation} before each chunk.
     *
     * @param n            number of indices, ≥ 0
     * @param chunkSize    indices per chunk, ≥ 1; or 0 for about {@value #CHUNKS_PER_THREAD} chunks per thread
     * @param cancellation polled before every chunk
     * @param body         the work on one chunk
     * @throws IllegalArgumentException if {@code n} or {@code chunkSize} is negative
     * @throws CancellationException    if cancellation was requested before the loop completed
     */
    public static void forEachChunk(long n, long chunkSize, Cancellation cancellation, RangeBody body) {
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(body, "body");
        if (n < 0) {
            throw new IllegalArgumentException("number of indices must be ≥ 0, got " + n);
        }
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunk size must be ≥ 1 (or 0 for automatic), got " + chunkSize);
        }
        int threads = Parallelism.threads();
        long chunk = chunkSize > 0 ? chunkSize : defaultChunkSize(n, threads);
        long chunks = n == 0 ? 0 : (n - 1) / chunk + 1;
        Run run = new Run(n, chunk, cancellation, body);

        ThreadPoolExecutor pool = Parallelism.loopHelpers();
        int helperCount = (int) Math.min(threads - 1L, Math.max(0, chunks - 1));
        List<Runnable> helpers = new ArrayList<>(helperCount);
        for (int h = 0; h < helperCount; h++) {
            Runnable helper = run::help;
            helpers.add(helper);
            pool.execute(helper);
        }
        run.work();
        run.closeAndAwaitHelpers();
        for (Runnable helper : helpers) {
            pool.remove(helper); // a helper that never started has nothing left to do
        }
        run.finish();
    }

    /** About {@link #CHUNKS_PER_THREAD} chunks per thread, at least one index each. */
    static long defaultChunkSize(long n, int threads) {
        long chunks = (long) threads * CHUNKS_PER_THREAD;
        return Math.max(1, (n + chunks - 1) / chunks);
    }

    /** The shared state of one loop. */
    private static final class Run {
        private final long n;
        private final long chunk;
        private final Cancellation cancellation;
        private final RangeBody body;
        private final AtomicLong next = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stop;
        private volatile boolean cancelled;

        // Helpers enter only while the loop is open; the caller closes it and waits for those inside.
        private final Object lock = new Object();
        private int helpersInside;
        private boolean closed;
        private boolean callerInterrupted;

        Run(long n, long chunk, Cancellation cancellation, RangeBody body) {
            this.n = n;
            this.chunk = chunk;
            this.cancellation = cancellation;
            this.body = body;
        }

        void help() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                helpersInside++;
            }
            try {
                work();
            } finally {
                synchronized (lock) {
                    helpersInside--;
                    lock.notifyAll();
                }
            }
        }

        void work() {
            while (!stop) {
                if (cancellation.isCancelled()) {
                    cancelled = true;
                    stop = true;
                    return;
                }
                long from = next.getAndAdd(chunk);
                if (from >= n || from < 0) { // from < 0: the counter overflowed past Long.MAX_VALUE
                    return;
                }
                long to = Math.min(n, from + chunk);
                try {
                    body.run(from, to);
                } catch (Throwable t) {
                    stop = true;
                    if (!failure.compareAndSet(null, t)) {
                        Throwable first = failure.get();
                        if (first != t) {
                            first.addSuppressed(t);
                        }
                    }
                    return;
                }
            }
        }

        void closeAndAwaitHelpers() {
            synchronized (lock) {
                closed = true;
                while (helpersInside > 0) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // Interrupting the caller stops the loop; helpers finish their current chunk.
                        callerInterrupted = true;
                        stop = true;
                    }
                }
            }
        }

        void finish() {
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) { // a checked exception thrown sneakily by the body
                throw new IllegalStateException("loop body failed: " + t, t);
            }
            if (cancelled || (callerInterrupted && next.get() < n)) {
                throw new CancellationException("loop over " + n + " indices was cancelled");
            }
        }
    }
}
