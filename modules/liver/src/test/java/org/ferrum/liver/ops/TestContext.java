package org.ferrum.liver.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PortType;

/** Runs one liver operator in a test: inputs and parameters set by the test, outputs and log lines recorded. */
final class TestContext implements OperatorContext {

    private final Operator operator;
    private final Map<String, Object> inputs = new HashMap<>();
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> outputs = new HashMap<>();
    final List<String> log = new ArrayList<>();
    private double lastProgress;

    TestContext(Operator operator) {
        this.operator = operator;
    }

    /** A 3-D volume of the given values (x fastest) on a 1 mm grid. */
    static Volume<FloatType> volume(long nx, long ny, long nz, PhysicalUnit unit, float... values) {
        Volume<FloatType> v = Volumes.createFloat(new long[] {nx, ny, nz}, Geometry.axisAligned(1, 1, 1), unit);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    TestContext input(String port, Object value) {
        assertTrue(operator.descriptor().input(port).isPresent(), "no input " + port);
        inputs.put(port, value);
        return this;
    }

    TestContext parameter(String name, Object value) {
        Parameter p = operator.descriptor().parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
        parameters.put(name, p.coerce(value));
        return this;
    }

    TestContext run() throws OperatorException {
        operator.run(this);
        return this;
    }

    Object output(String port) {
        return outputs.get(port);
    }

    @SuppressWarnings("unchecked")
    float[] volumeOutput(String port) {
        return Volumes.floats((Volume<FloatType>) outputs.get(port));
    }

    String logText() {
        return String.join("\n", log);
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
    public <T> Optional<T> optionalInput(String port, PortType<T> type) {
        assertTrue(operator.descriptor().input(port).isPresent(), "operator reads undeclared input " + port);
        return Optional.ofNullable(inputs.get(port)).map(type::cast);
    }

    @Override
    public Object parameter(String name) {
        Parameter p = operator.descriptor().parameter(name).orElseThrow(() -> new AssertionError("undeclared parameter " + name));
        Object v = parameters.containsKey(name) ? parameters.get(name) : p.defaultValue();
        if (v == null) {
            throw new IllegalArgumentException("required parameter '" + name + "' not set");
        }
        return v;
    }

    @Override
    public Path path(String name) {
        return Path.of(stringParameter(name));
    }

    @Override
    public void output(String port, Object value) {
        assertTrue(operator.descriptor().output(port).map(p -> p.type().accepts(value)).orElse(false), "bad output " + port);
        outputs.put(port, value);
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
