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
package org.ferrum.pipeline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortType;

/**
 * The one {@link OperatorContext} double for running one operator in a test, and the checks that the operator keeps
 * the contract of {@link Operator} and {@link OperatorContext}:
 * <ul>
 * <li>inputs given by the test must be declared, fit the port type and a unit the port accepts (as the executor
 * checks before a run); every required input must be given;</li>
 * <li>parameters are coerced by their declaration and defaults filled in, as the executor does;</li>
 * <li>outputs must be declared, fit their type and declared units, be set once, and all be set by the end;</li>
 * <li>progress stays in [0, 1], never goes back, carries a message and comes from the operator's own thread;</li>
 * <li>{@link #cancel()} makes the run end in {@link CancellationException}; {@link #runExpectingBadInput()} checks a
 * refusal is an {@link OperatorException#isBadInput() bad-input} exception with a message.</li>
 * </ul>
 *
 * <pre>{@code
 * OperatorHarness h = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
 *         .input(DipoleInversionOperator.FIELD, field).input(DipoleInversionOperator.MASK, mask)
 *         .set(ThresholdedKSpaceDivisionOperator.THRESHOLD, 0.2).run();
 * Volume<FloatType> chi = h.output(DipoleInversionOperator.CHI);
 * }</pre>
 */
public final class OperatorHarness implements OperatorContext {

    private final Operator operator;
    private final OperatorDescriptor descriptor;
    private final Map<String, Object> inputs = new HashMap<>();
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final List<Double> progress = Collections.synchronizedList(new ArrayList<>());
    private final List<String> progressMessages = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Path baseDirectory = Path.of("").toAbsolutePath();
    private String nodeId = "node-under-test";
    private boolean checkThread = true;
    private Thread runner;

    private OperatorHarness(Operator operator) {
        this.operator = operator;
        this.descriptor = operator.descriptor();
    }

    /** A fresh harness for one run of {@code operator}. */
    public static OperatorHarness of(Operator operator) {
        return new OperatorHarness(operator);
    }

    /** Gives a value to an input port (checked against the port's type and units). */
    public <T> OperatorHarness input(Port<T> port, T value) {
        return input(port.name(), value);
    }

    /** Gives a value to the input named {@code port} (checked against the declared port's type and units). */
    public OperatorHarness input(String port, Object value) {
        Port<?> p =
                descriptor.input(port).orElseThrow(() -> new AssertionError(descriptor.id() + " has no input " + port));
        assertTrue(
                p.type().accepts(value),
                "input " + port + " must be " + p.type().requirement() + ", got " + value);
        Optional<PhysicalUnit> unit = Port.unitOf(value);
        unit.ifPresent(
                u -> assertTrue(p.acceptsUnit(u), "input " + port + " takes " + p.unitText() + ", got " + u.symbol()));
        inputs.put(port, value);
        return this;
    }

    /** Sets a parameter (coerced by its declaration, as pipeline files are). */
    public <T> OperatorHarness set(Parameter<T> parameter, T value) {
        return set(parameter.name(), value);
    }

    /** Sets the parameter named {@code name} from a JSON-like value (coerced by its declaration). */
    public OperatorHarness set(String name, Object value) {
        Parameter<?> p = descriptor
                .parameter(name)
                .orElseThrow(() -> new AssertionError(descriptor.id() + " has no parameter " + name));
        parameters.put(name, p.coerce(value));
        return this;
    }

    /** The folder {@code PATH} parameters are resolved against (default: the working directory). */
    public OperatorHarness baseDirectory(Path dir) {
        this.baseDirectory = dir;
        return this;
    }

    /** The node id the operator sees (default {@code node-under-test}). */
    public OperatorHarness nodeId(String id) {
        this.nodeId = id;
        return this;
    }

    /** Allows progress from other threads (for an operator that documents doing so through a synchronised path). */
    public OperatorHarness anyProgressThread() {
        this.checkThread = false;
        return this;
    }

    /** Cancels before the run: the run must then end in {@link CancellationException}. */
    public OperatorHarness cancel() {
        cancelled.set(true);
        return this;
    }

    /** Runs the operator and checks it set every declared output. */
    public OperatorHarness run() throws OperatorException {
        for (Port<?> in : descriptor.inputs()) {
            if (in.required() && !inputs.containsKey(in.name())) {
                fail("test forgot required input " + in.name());
            }
        }
        runner = Thread.currentThread();
        operator.run(this);
        assertFalse(cancelled.get(), descriptor.id() + " finished although cancelled");
        for (Port<?> out : descriptor.outputs()) {
            assertTrue(outputs.containsKey(out.name()), descriptor.id() + " did not set output " + out.name());
        }
        return this;
    }

    /** Runs an operator that was {@link #cancel() cancelled} and checks it stops with {@link CancellationException}. */
    public CancellationException runExpectingCancellation() {
        assertTrue(cancelled.get(), "call cancel() first");
        runner = Thread.currentThread();
        return assertThrows(CancellationException.class, () -> operator.run(this));
    }

    /**
     * Runs the operator expecting it to refuse its input: an {@link OperatorException} marked bad input, with a message.
     *
     * @return the message, for the test to check it names the port or parameter and says what is wrong
     */
    public String runExpectingBadInput() {
        runner = Thread.currentThread();
        OperatorException e = assertThrows(
                OperatorException.class, () -> operator.run(this), descriptor.id() + " accepted bad input");
        assertTrue(e.isBadInput(), "expected bad input, got a failure: " + e.getMessage());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "bad-input exception without a message");
        return e.getMessage();
    }

    /** An output, checked against the port's type. */
    public <T> T output(Port<T> port) {
        return output(port.name(), port.type());
    }

    /** The output named {@code port}, checked against {@code type}. */
    public <T> T output(String port, PortType<T> type) {
        Object v = outputs.get(port);
        assertTrue(v != null, "output " + port + " was not set");
        assertTrue(type.accepts(v), "output " + port + " holds " + v);
        return type.cast(v);
    }

    /** Every output set, by port name, in the order set. */
    public Map<String, Object> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    public List<Double> progressReports() {
        return List.copyOf(progress);
    }

    /** The messages of the progress reports, in order. */
    public List<String> progressMessages() {
        return List.copyOf(progressMessages);
    }

    public List<String> logLines() {
        return List.copyOf(log);
    }

    /** The warnings given through {@link #warn}. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    // ---- OperatorContext ----

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public <T> Optional<T> optionalInput(Port<T> port) {
        Port<?> declared = descriptor
                .input(port.name())
                .orElseThrow(() ->
                        new IllegalArgumentException(descriptor.id() + " declares no input '" + port.name() + "'"));
        assertTrue(
                declared.type().equals(port.type()) && declared.units().equals(port.units()),
                "input " + port.name() + " read as " + port.type() + " " + port.unitText() + " but declared "
                        + declared.type() + " " + declared.unitText());
        Object v = inputs.get(port.name());
        return v == null ? Optional.empty() : Optional.of(port.type().cast(v));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Parameter<T> parameter) {
        Parameter<?> p = descriptor
                .parameter(parameter.name())
                .orElseThrow(() -> new IllegalArgumentException(
                        descriptor.id() + " declares no parameter '" + parameter.name() + "'"));
        assertEquals(
                p.type(), parameter.type(), "parameter " + parameter.name() + " read as another type than declared");
        Object v = parameters.containsKey(parameter.name()) ? parameters.get(parameter.name()) : p.defaultValue();
        if (v == null) {
            throw new IllegalArgumentException("test forgot required parameter '" + parameter.name() + "'");
        }
        return (T) v;
    }

    @Override
    public Path path(Parameter<String> parameter) {
        return baseDirectory.resolve(get(parameter));
    }

    @Override
    public <T> void output(Port<T> port, T value) {
        Port<?> p = descriptor
                .output(port.name())
                .orElseThrow(() -> new AssertionError(descriptor.id() + " declares no output " + port.name()));
        assertTrue(
                p.type().accepts(value),
                "output " + port.name() + " must be " + p.type().requirement() + ", got " + value);
        Port.unitOf(value)
                .ifPresent(u -> assertTrue(
                        p.acceptsUnit(u),
                        "output " + port.name() + " is declared " + p.unitText() + " but holds " + u.symbol()));
        assertTrue(outputs.putIfAbsent(port.name(), value) == null, "output " + port.name() + " set twice");
    }

    @Override
    public void progress(double fraction, String message) {
        if (checkThread) {
            assertEquals(runner, Thread.currentThread(), "progress reported from another thread: " + message);
        }
        assertTrue(fraction >= 0 && fraction <= 1, "progress " + fraction + " outside [0, 1]: " + message);
        synchronized (progress) {
            if (!progress.isEmpty()) {
                assertTrue(
                        fraction >= progress.get(progress.size() - 1),
                        "progress went back to " + fraction + ": " + message);
            }
            assertTrue(message != null && !message.isBlank(), "progress without a message");
            progress.add(fraction);
            progressMessages.add(message);
        }
    }

    @Override
    public Cancellation cancellation() {
        return cancelled::get;
    }

    @Override
    public void log(String message) {
        log.add(message);
    }

    @Override
    public void warn(String message) {
        assertTrue(message != null && !message.isBlank(), "warning without a message");
        warnings.add(message);
        log.add("warning: " + message);
    }
}
