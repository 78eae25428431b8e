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

import java.util.concurrent.CancellationException;

/**
 * A request to stop a long computation, polled by the computation at points where stopping leaves
 * nothing half-written that the caller would keep (for {@link ParallelLoop}: between chunks).
 *
 * <p>Contract: {@link #isCancelled()} is cheap, thread-safe and, once it has returned {@code true},
 * keeps returning {@code true}. A computation that observes it stops and throws
 * {@link CancellationException}; its partial output must be discarded. Any {@code BooleanSupplier}-like
 * method reference fits, e.g. {@code atomicBoolean::get} or {@code progressHandle::isCancelled}.
 */
@FunctionalInterface
public interface Cancellation {

    /** Never cancelled. */
    Cancellation NEVER = () -> false;

    /** True once the user (or a caller) has asked the computation to stop. */
    boolean isCancelled();

    /**
     * Throws if cancellation was requested; for sequential code between its own steps.
     *
     * @param what the computation, named in the exception message (e.g. {@code "dipole inversion"})
     * @throws CancellationException if {@link #isCancelled()}
     */
    default void throwIfCancelled(String what) {
        if (isCancelled()) {
            throw new CancellationException(what + " was cancelled");
        }
    }
}
