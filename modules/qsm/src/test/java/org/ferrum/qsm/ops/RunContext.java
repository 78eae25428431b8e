package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;
import org.ferrum.pipeline.spi.PortType;

/**
 * A minimal {@link OperatorContext} for running one QSM operator in a test: inputs and parameters set by the test
 * (parameters coerced by their declaration, defaults otherwise), outputs and log lines recorded, and the SPI's
 * promises checked (declared outputs of the right type, each set once and all set; progress in [0, 1] and never
 * going back).
 */
final class RunContext implements OperatorContext {

    private final Operator operator;
    private final OperatorDescriptor descriptor;
    private final Map<String, Object> inputs = new HashMap<>();
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> outputs = new HashMap<>();
    final List<String> log = new ArrayList<>();
    private double lastProgress;

    RunContext(Operator operator) {
        this.operator = operator;
        this.descriptor = operator.descriptor();
    }

    RunContext input(String port, Object value) {
        Port p = descriptor.input(port).orElseThrow(() -> new AssertionError("no input " + port));
        assertTrue(p.type().accepts(value), "input " + port + " does not accept " + value);
        inputs.put(port, value);
        return this;
    }

    RunContext parameter(String name, Object value) {
        Parameter p = descriptor.parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
        parameters.put(name, p.coerce(value));
        return this;
    }

    RunContext run() throws OperatorException {
        operator.run(this);
        for (Port out : descriptor.outputs()) {
            assertTrue(outputs.containsKey(out.name()), descriptor.id() + " did not set output " + out.name());
        }
        return this;
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
        return optionalInput(port, type).orElseThrow(() -> new IllegalArgumentException("input '" + port + "' not connected"));
    }

    @Override
    public <T> Optional<T> optionalInput(String port, PortType<T> type) {
        if (descriptor.input(port).isEmpty()) {
            throw new IllegalArgumentException("undeclared input " + port);
        }
        return Optional.ofNullable(inputs.get(port)).map(type::cast);
    }

    @Override
    public Object parameter(String name) {
        Parameter p = descriptor.parameter(name).orElseThrow(() -> new IllegalArgumentException("undeclared parameter " + name));
        return parameters.getOrDefault(name, p.defaultValue());
    }

    @Override
    public Path path(String name) {
        return Path.of(stringParameter(name));
    }

    @Override
    public void output(String port, Object value) {
        Port p = descriptor.output(port).orElseThrow(() -> new AssertionError("undeclared output " + port));
        assertTrue(p.type().accepts(value), "output " + port + " holds " + value);
        assertTrue(outputs.putIfAbsent(port, value) == null, "output " + port + " set twice");
    }

    @Override
    public void progress(double fraction, String message) {
        assertTrue(fraction >= lastProgress && fraction <= 1, "progress " + fraction + " after " + lastProgress);
        lastProgress = fraction;
    }

    @Override
    public Cancellation cancellation() {
        return Cancellation.NEVER;
    }

    @Override
    public void log(String message) {
        log.add(message);
    }
}
