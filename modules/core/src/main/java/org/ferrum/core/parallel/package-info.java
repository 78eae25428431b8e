/**
 * Parallel voxel loops and the one thread-count setting of Ferrum's engine.
 *
 * <p>{@link org.ferrum.core.parallel.Parallelism} holds the number of threads a computation may use
 * (default: the available processors; system property {@code ferrum.threads}) and hands it to
 * JTransforms, so the FFT and the voxel loops obey the same setting.
 * {@link org.ferrum.core.parallel.ParallelLoop} runs a {@link org.ferrum.core.parallel.RangeBody} over
 * the index range [0, n) in chunks, propagates the first failure and honours a
 * {@link org.ferrum.core.parallel.Cancellation} between chunks.
 *
 * <pre>{@code
 * float[] chi = Volumes.floats(susceptibility);
 * ParallelLoop.forEachChunk(chi.length, monitor::isCancelled, (from, to) -> {
 *     for (long i = from; i < to; i++) {
 *         chi[(int) i] *= scale;
 *     }
 * });
 * }</pre>
 */
package org.ferrum.core.parallel;
