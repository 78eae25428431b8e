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

/**
 * The work of a {@link ParallelLoop} on one chunk of consecutive indices.
 *
 * <p>Contract: {@code run(from, to)} processes exactly the indices {@code from ≤ i < to} (with
 * {@code 0 ≤ from < to ≤ n}). Chunks of one loop are disjoint and may run concurrently on different
 * threads, so a body must only write to locations owned by its own indices (or synchronise). A failure
 * is reported by throwing an unchecked exception, which the loop rethrows to its caller.
 */
@FunctionalInterface
public interface RangeBody {

    /** Processes the indices {@code from ≤ i < to}. */
    void run(long from, long to);
}
