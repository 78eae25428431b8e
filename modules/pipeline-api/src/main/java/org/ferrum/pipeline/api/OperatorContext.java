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

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.ferrum.core.parallel.Cancellation;

/**
 * What a running operator sees: its node's inputs and parameters, where its outputs go, and the
 * channels for progress, warnings and cancellation. One context per node run; not shared between threads of
 * other nodes.
 *
 * <p>Operators read and write through their typed constants: {@code context.input(FIELD)},
 * {@code context.get(LAMBDA)}, {@code context.output(CHI, chi)}. Before {@link Operator#run} is called, every
 * connected input has been checked against its port: the value fits the port type ({@link PortType#accepts}) and its
 * unit is one the port accepts ({@link Port#acceptsUnit}); a mismatch fails the node as bad input naming both ends.
 */
public interface OperatorContext {

    /** Id of the node being run (for messages). */
    String nodeId();

    /**
     * The value on an optional input port, empty if it is not connected.
     *
     * @throws IllegalArgumentException if the operator declares no such input
     */
    <T> Optional<T> optionalInput(Port<T> port);

    /**
     * The value on a connected input port.
     *
     * @throws IllegalArgumentException if the operator declares no such input or it is not connected
     */
    default <T> T input(Port<T> port) {
        return optionalInput(port)
                .orElseThrow(() -> new IllegalArgumentException(
                        "input '" + port.name() + "' of node '" + nodeId() + "' is not connected"));
    }

    /**
     * A parameter's value in its declared Java form: the node's value, else the declared default. {@code PATH}
     * parameters are returned as written; use {@link #path} to resolve them.
     *
     * @throws IllegalArgumentException if the operator declares no such parameter
     */
    <T> T get(Parameter<T> parameter);

    /** A {@code PATH} parameter resolved against the pipeline file's folder (or the working directory). */
    Path path(Parameter<String> parameter);

    /**
     * Sets an output port.
     *
     * @throws IllegalArgumentException if no such output is declared, it is already set, or the value does not fit
     *                                  its type or declared units
     */
    <T> void output(Port<T> port, T value);

    /**
     * A warning the user should see: a result was produced but something about it is doubtful (an assumption
     * made, a solver that stopped early). Kept with the node's result, shown by the editor and printed by the
     * headless runner.
     */
    void warn(String message);

    /** Reports progress in [0, 1] with a short message for the status line. */
    void progress(double fraction, String message);

    /** Cancellation token to hand to {@code ParallelLoop} and long loops. */
    Cancellation cancellation();

    /** Throws {@link CancellationException} if the run was cancelled. */
    default void checkCancelled() {
        cancellation().throwIfCancelled("node " + nodeId());
    }

    /** A line for the run log (kept with the node's result). */
    void log(String message);
}
