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
