package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortType;

/**
 * An {@link OperatorContext} for running one operator in a test: inputs and parameters set by the test (parameters
 * coerced by their declaration, defaults as the executor fills them), outputs, progress and log recorded; it checks
 * that outputs are declared and typed, and that progress stays in [0, 1] and never decreases.
 */
final class TestContext implements OperatorContext {

    private final OperatorDescriptor descriptor;
    private final Operator operator;
    private final Map<String, Object> inputs = new HashMap<>();
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> outputs = new HashMap<>();
    final List<Double> progress = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final List<String> progressMessages = new ArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();

    TestContext(Operator operator) {
        this.operator = operator;
        this.descriptor = operator.descriptor();
    }

    TestContext input(String port, Object value) {
        Port p = descriptor.input(port).orElseThrow(() -> new AssertionError("no input " + port));
        assertTrue(p.type().accepts(value), port + " does not accept " + value);
        inputs.put(port, value);
        return this;
    }

    TestContext parameter(String name, Object value) {
        Parameter p = descriptor.parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
        parameters.put(name, p.coerce(value));
        return this;
    }

    TestContext run() throws OperatorException {
        operator.run(this);
        for (Port out : descriptor.outputs()) {
            assertTrue(outputs.containsKey(out.name()), descriptor.id() + " did not set output " + out.name());
        }
        assertTrue(progress.isEmpty() || progress.get(progress.size() - 1) == 1, descriptor.id() + ": progress did not reach 1");
        return this;
    }

    /** Every output set, by port. */
    Map<String, Object> outputs() {
        return outputs;
    }

    List<String> log() {
        return log;
    }

    List<String> progressMessages() {
        return progressMessages;
    }

    <T> T output(String port, PortType<T> type) {
        return type.cast(outputs.get(port));
    }

    @Override
    public String nodeId() {
        return "test-node";
    }

    @Override
    public <T> T input(String port, PortType<T> type) {
        return optionalInput(port, type).orElseThrow(() -> new IllegalArgumentException("input " + port + " not connected"));
    }

    @Override
    public <T> Optional<T> optionalInput(String port, PortType<T> type) {
        if (descriptor.input(port).isEmpty()) {
            throw new IllegalArgumentException("no input " + port);
        }
        return Optional.ofNullable(inputs.get(port)).map(type::cast);
    }

    @Override
    public Object parameter(String name) {
        Parameter p = descriptor.parameter(name).orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
        return parameters.getOrDefault(name, p.defaultValue());
    }

    @Override
    public Path path(String name) {
        return Path.of(stringParameter(name));
    }

    @Override
    public void output(String port, Object value) {
        Port p = descriptor.output(port).orElseThrow(() -> new AssertionError("no output " + port));
        assertTrue(p.type().accepts(value), "output " + port + " holds " + value);
        assertTrue(outputs.putIfAbsent(port, value) == null, "output " + port + " set twice");
    }

    @Override
    public void progress(double fraction, String message) {
        assertTrue(fraction >= 0 && fraction <= 1, "progress " + fraction);
        assertTrue(progress.isEmpty() || fraction >= progress.get(progress.size() - 1), "progress went back: " + message);
        assertTrue(message != null && !message.isBlank());
        progress.add(fraction);
        progressMessages.add(message);
    }

    @Override
    public Cancellation cancellation() {
        return cancelled::get;
    }

    @Override
    public void log(String message) {
        log.add(message);
    }
}
