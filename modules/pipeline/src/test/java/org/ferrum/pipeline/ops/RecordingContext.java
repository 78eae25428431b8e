package org.ferrum.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A hand-written {@link OperatorContext} for running one operator in a test: inputs and parameters are
 * set by the test (parameters coerced by their declaration, defaults filled in as the executor does),
 * outputs, progress and log lines are recorded, and the context checks the operator keeps the SPI's
 * promises (outputs declared and of the right type, every output set, progress within [0, 1], never
 * decreasing and reported from the operator's own thread).
 */
final class RecordingContext implements OperatorContext {

    private final Operator operator;
    private final OperatorDescriptor descriptor;
    private final Map<String, Object> inputs = new HashMap<>();
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final List<Double> progress = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Path baseDirectory = Path.of("").toAbsolutePath();
    private Thread runner;

    private RecordingContext(Operator operator) {
        this.operator = operator;
        this.descriptor = operator.descriptor();
    }

    static RecordingContext of(Operator operator) {
        return new RecordingContext(operator);
    }

    RecordingContext input(String port, Object value) {
        Port p = descriptor.input(port).orElseThrow(() -> new AssertionError(descriptor.id() + " has no input " + port));
        assertTrue(p.type().accepts(value), "input " + port + " does not accept " + value);
        inputs.put(port, value);
        return this;
    }

    RecordingContext parameter(String name, Object value) {
        Parameter p = descriptor.parameter(name).orElseThrow(() -> new AssertionError(descriptor.id() + " has no parameter " + name));
        parameters.put(name, p.coerce(value));
        return this;
    }

    RecordingContext baseDirectory(Path dir) {
        this.baseDirectory = dir;
        return this;
    }

    RecordingContext cancel() {
        cancelled.set(true);
        return this;
    }

    /** Runs the operator and checks it set every declared output. */
    RecordingContext run() throws OperatorException {
        for (Port in : descriptor.inputs()) {
            if (in.required() && !inputs.containsKey(in.name())) {
                fail("test forgot required input " + in.name());
            }
        }
        runner = Thread.currentThread();
        operator.run(this);
        for (Port out : descriptor.outputs()) {
            assertTrue(outputs.containsKey(out.name()), descriptor.id() + " did not set output " + out.name());
        }
        return this;
    }

    <T> T output(String port, PortType<T> type) {
        Object v = outputs.get(port);
        assertTrue(type.accepts(v), "output " + port + " holds " + v);
        return type.cast(v);
    }

    List<Double> progressReports() {
        return List.copyOf(progress);
    }

    List<String> logLines() {
        return List.copyOf(log);
    }

    @Override
    public String nodeId() {
        return "node-under-test";
    }

    @Override
    public <T> T input(String port, PortType<T> type) {
        return optionalInput(port, type).orElseThrow(() -> new IllegalArgumentException("input '" + port + "' is not connected"));
    }

    @Override
    public <T> Optional<T> optionalInput(String port, PortType<T> type) {
        if (descriptor.input(port).isEmpty()) {
            throw new IllegalArgumentException(descriptor.id() + " declares no input '" + port + "'");
        }
        Object v = inputs.get(port);
        return v == null ? Optional.empty() : Optional.of(type.cast(v));
    }

    @Override
    public Object parameter(String name) {
        Parameter p = descriptor.parameter(name)
                .orElseThrow(() -> new IllegalArgumentException(descriptor.id() + " declares no parameter '" + name + "'"));
        Object v = parameters.containsKey(name) ? parameters.get(name) : p.defaultValue();
        if (v == null) {
            throw new IllegalArgumentException("test forgot required parameter '" + name + "'");
        }
        return v;
    }

    @Override
    public Path path(String name) {
        return baseDirectory.resolve(stringParameter(name));
    }

    @Override
    public void output(String port, Object value) {
        Port p = descriptor.output(port).orElseThrow(() -> new AssertionError(descriptor.id() + " declares no output " + port));
        assertTrue(p.type().accepts(value), "output " + port + " must hold " + p.type().id() + ", got " + value);
        assertTrue(outputs.putIfAbsent(port, value) == null, "output " + port + " set twice");
    }

    @Override
    public void progress(double fraction, String message) {
        assertEquals(runner, Thread.currentThread(), "progress reported from another thread: " + message);
        assertTrue(fraction >= 0 && fraction <= 1, "progress " + fraction + " outside [0, 1]: " + message);
        if (!progress.isEmpty()) {
            assertTrue(fraction >= progress.get(progress.size() - 1), "progress went back to " + fraction + ": " + message);
        }
        assertTrue(message != null && !message.isBlank(), "progress without a message");
        progress.add(fraction);
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
