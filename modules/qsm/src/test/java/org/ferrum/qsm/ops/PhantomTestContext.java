package org.ferrum.qsm.ops;

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
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;
import org.ferrum.pipeline.spi.PortType;

/**
 * A minimal {@link OperatorContext} for running one operator in a test: parameters coerced by their declaration
 * with defaults filled in (as the executor does), outputs checked against the declared ports, progress and log
 * recorded.
 */
final class PhantomTestContext implements OperatorContext {

    private final OperatorDescriptor descriptor;
    private final Map<String, Object> inputs = new HashMap<>();
    private final Map<String, Object> parameters = new HashMap<>();
    final Map<String, Object> outputs = new HashMap<>();
    final List<Double> progress = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    PhantomTestContext(Operator operator) {
        this.descriptor = operator.descriptor();
    }

    PhantomTestContext parameter(String name, Object value) {
        Parameter p = descriptor.parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
        parameters.put(name, p.coerce(value));
        return this;
    }

    PhantomTestContext input(String port, Object value) {
        inputs.put(port, value);
        return this;
    }

    @Override
    public String nodeId() {
        return "test";
    }

    @Override
    public <T> T input(String port, PortType<T> type) {
        return optionalInput(port, type).orElseThrow(() -> new IllegalArgumentException("input " + port + " not connected"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> optionalInput(String port, PortType<T> type) {
        return Optional.ofNullable((T) inputs.get(port));
    }

    @Override
    public Object parameter(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return descriptor.parameter(name).orElseThrow(() -> new IllegalArgumentException("no parameter " + name)).defaultValue();
    }

    @Override
    public Path path(String name) {
        return Path.of(stringParameter(name));
    }

    @Override
    public void output(String port, Object value) {
        Port p = descriptor.output(port).orElseThrow(() -> new IllegalArgumentException("undeclared output " + port));
        if (!p.type().accepts(value)) {
            throw new IllegalArgumentException("output " + port + " does not accept " + value);
        }
        outputs.put(port, value);
    }

    @Override
    public void progress(double fraction, String message) {
        if (fraction < 0 || fraction > 1 || (!progress.isEmpty() && fraction < progress.get(progress.size() - 1))) {
            throw new AssertionError("progress " + fraction + " after " + progress);
        }
        progress.add(fraction);
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
