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
