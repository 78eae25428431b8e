package org.ferrum.pipeline.api;

/**
 * A step of a pipeline. Implementations register with
 * {@code @ServiceProvider(service = Operator.class)} and are then found by the palette, the validator,
 * the executor and {@code --list-operators} with no other change.
 *
 * <p>Contract: {@link #descriptor()} returns the same value every time. {@link #run} reads inputs and
 * parameters from the context, sets every declared output (the executor checks), reports progress,
 * honours cancellation, and signals bad data with an {@link OperatorException} whose message a user can
 * act on. Implementations are stateless: one instance may run for several nodes at once.
 */
public interface Operator {

    OperatorDescriptor descriptor();

    /**
     * Computes the outputs from the inputs and parameters.
     *
     * @throws OperatorException                             for bad input data or a failure the user should see
     * @throws java.util.concurrent.CancellationException when cancelled (via {@link OperatorContext#checkCancelled()})
     */
    void run(OperatorContext context) throws OperatorException;
}
