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

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import net.imglib2.type.numeric.complex.ComplexDoubleType;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.DoubleType;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;

/**
 * Node results kept between runs, keyed by a node's cache key (hash of operator id, version,
 * parameters and input keys; see {@link PipelineExecutor}), so that re-running a pipeline after a
 * change recomputes only what the change affects.
 *
 * <p>Contract: holds at most {@code budgetBytes} of estimated result size, evicting the least recently
 * used entries first; a budget of 0 keeps nothing (headless runs over a cohort). It also remembers each
 * node's last signature, so the executor can say why a node re-runs. Thread-safe.
 */
public final class ResultCache {

    private final long budgetBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, NodeSignature> lastSignatures = new HashMap<>();
    private long usedBytes;

    private record Entry(Map<String, Object> outputs, long bytes) {}

    public ResultCache(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("cache budget must be ≥ 0 bytes, got " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    /** A cache that keeps a quarter of the maximum heap. */
    public static ResultCache withDefaultBudget() {
        return new ResultCache(Runtime.getRuntime().maxMemory() / 4);
    }

    /** A cache that keeps no results (reasons are still tracked). */
    public static ResultCache disabled() {
        return new ResultCache(0);
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Forgets all results and signatures. */
    public synchronized void clear() {
        entries.clear();
        lastSignatures.clear();
        usedBytes = 0;
    }

    /**
     * The outputs cached under a node run's cache key ({@link NodeRun#cacheKey()}), by port, if still held: what an
     * editor shows when asked for a node's results. Read-only.
     */
    public synchronized java.util.Optional<Map<String, Object>> outputsOf(String cacheKey) {
        Entry e = cacheKey == null ? null : entries.get(cacheKey);
        return e == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(java.util.Collections.unmodifiableMap(e.outputs));
    }

    synchronized Map<String, Object> get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.outputs;
    }

    synchronized boolean contains(String key) {
        return entries.containsKey(key);
    }

    synchronized void put(String key, Map<String, Object> outputs) {
        long bytes = 0;
        for (Object v : outputs.values()) {
            bytes += estimateBytes(v);
        }
        if (budgetBytes == 0 || bytes > budgetBytes) {
            return;
        }
        Entry old = entries.remove(key);
        if (old != null) {
            usedBytes -= old.bytes;
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && usedBytes + bytes > budgetBytes; ) {
            usedBytes -= it.next().bytes;
            it.remove();
        }
        entries.put(key, new Entry(Map.copyOf(outputs), bytes));
        usedBytes += bytes;
    }

    synchronized NodeSignature lastSignature(String nodeId) {
        return lastSignatures.get(nodeId);
    }

    synchronized void remember(String nodeId, NodeSignature signature) {
        lastSignatures.put(nodeId, signature);
    }

    /** Rough memory held by a result value, in bytes. */
    static long estimateBytes(Object v) {
        if (v instanceof Volume<?> vol) {
            long n = 1;
            for (long d : vol.dimensions()) {
                n *= d;
            }
            Object t = vol.pixelType();
            int bytes = t instanceof ComplexDoubleType
                    ? 16
                    : t instanceof ComplexFloatType || t instanceof DoubleType ? 8 : 4;
            return n * bytes;
        }
        if (v instanceof MultiEchoGre g) {
            return estimateBytes(g.magnitude())
                    + g.phase().map(ResultCache::estimateBytes).orElse(0L);
        }
        if (v instanceof Table t) {
            return 64L + 16L * t.rowCount() * t.columns().size();
        }
        return 64;
    }
}
