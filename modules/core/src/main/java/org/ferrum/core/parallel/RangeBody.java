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
