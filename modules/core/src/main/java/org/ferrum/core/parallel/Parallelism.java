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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The number of threads Ferrum's computations use: the single setting behind both
 * {@link ParallelLoop} and the multi-threaded FFT (JTransforms).
 *
 * <p>Contract: {@link #threads()} ≥ 1. It starts as the value of the system property
 * {@value #THREADS_PROPERTY} if that is a positive integer, otherwise as
 * {@link Runtime#availableProcessors()}; {@link #setThreads(int)} changes it for everything that
 * starts afterwards. A value of 1 makes every loop and FFT run on the calling thread only.
 *
 * <p>Worker threads are daemons and die after {@value #IDLE_SECONDS} s without work, so a headless
 * run ends as soon as its main thread does.
 */
public final class Parallelism {

    /** System property that overrides the default thread count, e.g. {@code -Dferrum.threads=4}. */
    public static final String THREADS_PROPERTY = "ferrum.threads";

    static final int IDLE_SECONDS = 30;

    private static final Logger LOG = Logger.getLogger(Parallelism.class.getName());

    /**
     * Helper threads of {@link ParallelLoop}; the calling thread is the last worker of each loop, so
     * {@code threads − 1} helpers give {@code threads} workers. Bounded, so concurrent loops share the
     * processors instead of multiplying threads.
     */
    private static final ThreadPoolExecutor LOOP_HELPERS = new ThreadPoolExecutor(
            1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("ferrum-loop-"));

    /**
     * JTransforms' workers. It waits for its own sub-tasks, so its pool must be unbounded (a bounded
     * pool could fill with waiting parents and deadlock); JLargeArrays' default pool is also unbounded
     * but its threads are not daemons and would keep a finished headless JVM alive for a minute.
     */
    private static final ExecutorService FFT_WORKERS = Executors.newCachedThreadPool(daemonThreads("ferrum-fft-"));

    private static volatile int threads;

    static {
        LOOP_HELPERS.allowCoreThreadTimeOut(true);
        ConcurrencyUtils.setThreadPool(FFT_WORKERS);
        setThreads(initialThreads(
                System.getProperty(THREADS_PROPERTY), Runtime.getRuntime().availableProcessors()));
    }

    private Parallelism() {}

    /** The number of threads a computation may use (≥ 1). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads for loops and FFTs started from now on.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + count);
        }
        int helpers = Math.max(1, count - 1);
        // ThreadPoolExecutor requires core ≤ maximum at every step.
        if (helpers > LOOP_HELPERS.getMaximumPoolSize()) {
            LOOP_HELPERS.setMaximumPoolSize(helpers);
            LOOP_HELPERS.setCorePoolSize(helpers);
        } else {
            LOOP_HELPERS.setCorePoolSize(helpers);
            LOOP_HELPERS.setMaximumPoolSize(helpers);
        }
        ConcurrencyUtils.setNumberOfThreads(count);
        threads = count;
    }

    /** The pool whose threads help the caller of a {@link ParallelLoop}. */
    static ThreadPoolExecutor loopHelpers() {
        return LOOP_HELPERS;
    }

    /**
     * The start-up thread count: the property if it is a positive integer, else the processor count
     * (a malformed property is reported, not fatal: failing here would break class initialisation).
     */
    static int initialThreads(String property, int processors) {
        if (property == null || property.isBlank()) {
            return processors;
        }
        try {
            int n = Integer.parseInt(property.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(
                Level.WARNING,
                "{0}=''{1}'' is not a positive integer; using {2} threads (the available processors)",
                new Object[] {THREADS_PROPERTY, property, processors});
        return processors;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
