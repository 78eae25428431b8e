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
package org.ferrum.pipeline;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.pipeline.api.Scalar;

/**
 * Small operators that really run, for executor, provenance and headless tests. One instance per test:
 * it counts how often each node ran, logs start and end of every node in order, remembers (weakly) every
 * value a node produced, and lets a test hook code into a node before the operator body runs. All
 * operators are version 1.0 unless {@link #registry(Map)} overrides a version.
 */
public final class FakeOperators {

    /** No inputs; output {@code value} (scalar) = parameter {@code value} (ppm, default 1); {@code tag} only changes the key. */
    public static final String CONST = "fake.const";
    /** Inputs {@code a} (required) and {@code b} (optional) scalars; output {@code sum} = a + b + {@code offset}. */
    public static final String ADD = "fake.add";
    /** Optional input {@code in}; output {@code value}; waits until {@link #rendezvous(int, long)}'s parties all arrived. */
    public static final String RENDEZVOUS = "fake.rendezvous";
    /** Output {@code value}; sleeps until cancelled (checking every few ms) or {@link #releaseSleepers()}. */
    public static final String SLEEP = "fake.sleep";
    /** Optional input {@code in}; output {@code value}; always fails with "deliberate failure". */
    public static final String FAIL = "fake.fail";
    /** Optional input {@code in}; output {@code value}; always fails with bad input "the mask is empty". */
    public static final String BAD_INPUT = "fake.bad-input";
    /** Outputs {@code value} and {@code other}; sets only {@code value}. */
    public static final String FORGET = "fake.forget";
    /** Output {@code value}; throws the Java throwable named by {@code throwable}. */
    public static final String CRASH = "fake.crash";
    /** Required input {@code value}; no outputs; writes the value as text to the {@code path} parameter. */
    public static final String WRITER = "fake.writer";
    /** Required {@code path}; output {@code value} = the number written in that file. */
    public static final String READ = "fake.read";
    /** Output {@code volume}: a 4×3×2 float volume in ppm filled with the required {@code value} (ppm). */
    public static final String VOLUME = "fake.volume";
    /** Optional input {@code value}; output {@code table}: one row (name, value in ppm). */
    public static final String TABLE = "fake.table";

    /** Required input {@code field} declared as field in Hz; output {@code value} (scalar 1). */
    public static final String HZ_FIELD = "fake.hz-field";
    /** Output {@code field} declared as field in Hz, but set to a volume in ppm (a bug in the operator). */
    public static final String WRONG_UNIT = "fake.wrong-unit";
    /** Output {@code value} (scalar 1); warns "suspect value" and logs "ordinary line". */
    public static final String WARN = "fake.warn";

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, WeakReference<Object>> produced = new ConcurrentHashMap<>();
    private final Map<String, Consumer<OperatorContext>> hooks = new ConcurrentHashMap<>();
    private volatile CountDownLatch rendezvous = new CountDownLatch(0);
    private volatile long rendezvousMillis = 10_000;
    private final CountDownLatch sleepersRelease = new CountDownLatch(1);
    private final CountDownLatch sleeperStarted = new CountDownLatch(1);

    /** What an operator does, given the context. */
    @FunctionalInterface
    interface Body {
        void run(OperatorContext context) throws OperatorException;
    }

    /** An operator whose runs are observed by this instance. */
    private final class FakeOp implements Operator {
        private final OperatorDescriptor descriptor;
        private final Body body;

        FakeOp(OperatorDescriptor descriptor, Body body) {
            this.descriptor = descriptor;
            this.body = body;
        }

        @Override
        public OperatorDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void run(OperatorContext context) throws OperatorException {
            String id = context.nodeId();
            runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            events.add("start:" + id);
            try {
                Consumer<OperatorContext> hook = hooks.get(id);
                if (hook != null) {
                    hook.accept(context);
                }
                body.run(new Recording(context));
            } finally {
                events.add("end:" + id);
            }
        }
    }

    /** Passes everything through, remembering each output value weakly. */
    private final class Recording implements OperatorContext {
        private final OperatorContext c;

        Recording(OperatorContext c) {
            this.c = c;
        }

        @Override
        public String nodeId() {
            return c.nodeId();
        }

        @Override
        public <T> Optional<T> optionalInput(Port<T> port) {
            return c.optionalInput(port);
        }

        @Override
        public <T> T get(Parameter<T> parameter) {
            return c.get(parameter);
        }

        @Override
        public Path path(Parameter<String> parameter) {
            return c.path(parameter);
        }

        @Override
        public <T> void output(Port<T> port, T value) {
            c.output(port, value);
            produced.put(c.nodeId() + "." + port.name(), new WeakReference<>(value));
        }

        @Override
        public void progress(double fraction, String message) {
            c.progress(fraction, message);
        }

        @Override
        public Cancellation cancellation() {
            return c.cancellation();
        }

        @Override
        public void log(String message) {
            c.log(message);
        }

        @Override
        public void warn(String message) {
            c.warn(message);
        }
    }

    /** All fake operators at version 1.0. */
    public OperatorRegistry registry() {
        return registry(Map.of());
    }

    /** All fake operators, with the versions of some replaced (operator id → version). */
    public OperatorRegistry registry(Map<String, String> versions) {
        List<Operator> ops = new ArrayList<>();
        for (FakeOp op : operators()) {
            OperatorDescriptor d = op.descriptor;
            String v = versions.get(d.id());
            ops.add(
                    v == null
                            ? op
                            : new FakeOp(
                                    new OperatorDescriptor(
                                            d.id(),
                                            v,
                                            d.displayName(),
                                            d.category(),
                                            d.description(),
                                            d.inputs(),
                                            d.outputs(),
                                            d.parameters()),
                                    op.body));
        }
        return OperatorRegistry.of(ops);
    }

    private List<FakeOp> operators() {
        List<FakeOp> ops = new ArrayList<>();
        ops.add(new FakeOp(
                builder(CONST)
                        .output(Port.output("value", PortTypes.SCALAR, "the constant"))
                        .parameter(Parameter.number("value", 1.0, null, null, PhysicalUnit.PPM, "the value"))
                        .parameter(Parameter.text("tag", "", "changes nothing but the cache key"))
                        .build(),
                c -> c.output(scalar("value"), new Scalar(c.get(number("value")), PhysicalUnit.PPM))));
        ops.add(new FakeOp(
                builder(ADD)
                        .input(Port.required("a", PortTypes.SCALAR, "first"))
                        .input(Port.optional("b", PortTypes.SCALAR, "second"))
                        .output(Port.output("sum", PortTypes.SCALAR, "a + b + offset"))
                        .parameter(Parameter.number("offset", 0.0, -1e6, 1e6, PhysicalUnit.PPM, "added to the sum"))
                        .build(),
                c -> {
                    double a = c.input(scalar("a")).value();
                    double b = c.optionalInput(scalar("b")).map(Scalar::value).orElse(0.0);
                    c.progress(0.5, "adding");
                    c.output(scalar("sum"), new Scalar(a + b + c.get(number("offset")), PhysicalUnit.PPM));
                }));
        ops.add(new FakeOp(
                builder(RENDEZVOUS)
                        .input(Port.optional("in", PortTypes.SCALAR, "ignored"))
                        .output(Port.output("value", PortTypes.SCALAR, "1"))
                        .build(),
                c -> {
                    CountDownLatch l = rendezvous;
                    l.countDown();
                    try {
                        if (!l.await(rendezvousMillis, TimeUnit.MILLISECONDS)) {
                            throw OperatorException.failure("ran alone: the other parties never arrived", null);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw OperatorException.failure("interrupted", e);
                    }
                    c.output(scalar("value"), new Scalar(1, PhysicalUnit.PPM));
                }));
        ops.add(new FakeOp(
                builder(SLEEP)
                        .output(Port.output("value", PortTypes.SCALAR, "1"))
                        .build(),
                c -> {
                    sleeperStarted.countDown();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    try {
                        while (!sleepersRelease.await(5, TimeUnit.MILLISECONDS)) {
                            c.checkCancelled();
                            if (System.nanoTime() > end) {
                                throw OperatorException.failure("sleeper was never released nor cancelled", null);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw OperatorException.failure("interrupted", e);
                    }
                    c.output(scalar("value"), new Scalar(1, PhysicalUnit.PPM));
                }));
        ops.add(new FakeOp(
                builder(FAIL)
                        .input(Port.optional("in", PortTypes.SCALAR, "ignored"))
                        .output(Port.output("value", PortTypes.SCALAR, "never"))
                        .build(),
                c -> {
                    throw OperatorException.failure("deliberate failure", null);
                }));
        ops.add(new FakeOp(
                builder(BAD_INPUT)
                        .input(Port.optional("in", PortTypes.SCALAR, "ignored"))
                        .output(Port.output("value", PortTypes.SCALAR, "never"))
                        .build(),
                c -> {
                    throw OperatorException.badInput("the mask is empty");
                }));
        ops.add(new FakeOp(
                builder(FORGET)
                        .output(Port.output("value", PortTypes.SCALAR, "set"))
                        .output(Port.output("other", PortTypes.SCALAR, "forgotten"))
                        .build(),
                c -> c.output(scalar("value"), new Scalar(1, PhysicalUnit.PPM))));
        ops.add(new FakeOp(
                builder(CRASH)
                        .output(Port.output("value", PortTypes.SCALAR, "never"))
                        .parameter(Parameter.choice(
                                "throwable",
                                "IllegalStateException",
                                List.of("IllegalStateException", "AssertionError", "StackOverflowError"),
                                "what to throw"))
                        .build(),
                c -> {
                    switch (c.get(Parameter.text("throwable", "", "throwable"))) {
                        case "AssertionError" -> throw new AssertionError("broken invariant");
                        case "StackOverflowError" -> throw new StackOverflowError("deep");
                        default -> throw new IllegalStateException("boom");
                    }
                }));
        ops.add(new FakeOp(
                builder(WRITER)
                        .input(Port.required("value", PortTypes.SCALAR, "what to write"))
                        .parameter(Parameter.path("path", null, "file written"))
                        .build(),
                c -> {
                    try {
                        Files.writeString(
                                c.path(path("path")),
                                Double.toString(c.input(scalar("value")).value()),
                                StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw OperatorException.failure(
                                "cannot write " + c.path(path("path")) + ": " + e.getMessage(), e);
                    }
                }));
        ops.add(new FakeOp(
                builder(READ)
                        .output(Port.output("value", PortTypes.SCALAR, "the number in the file"))
                        .parameter(Parameter.path("path", null, "file holding one number"))
                        .build(),
                c -> {
                    Path p = c.path(path("path"));
                    try {
                        c.output(
                                scalar("value"),
                                new Scalar(
                                        Double.parseDouble(Files.readString(p).trim()), PhysicalUnit.PPM));
                    } catch (IOException | NumberFormatException e) {
                        throw OperatorException.badInput(p + ": cannot read a number (" + e.getMessage() + ")", e);
                    }
                }));
        ops.add(new FakeOp(
                builder(VOLUME)
                        .output(Port.output("volume", PortTypes.VOLUME, "constant volume"))
                        .parameter(new Parameter(
                                "value",
                                Parameter.Type.DOUBLE,
                                null,
                                null,
                                null,
                                PhysicalUnit.PPM,
                                "value of every voxel",
                                List.of()))
                        .build(),
                c -> {
                    Volume<FloatType> v =
                            Volumes.createFloat(new long[] {4, 3, 2}, Geometry.axisAligned(1, 1, 2), PhysicalUnit.PPM);
                    float x = c.get(number("value")).floatValue();
                    Views.flatIterable(v.image()).forEach(t -> t.set(x));
                    c.output(volume("volume"), v);
                }));
        ops.add(new FakeOp(
                builder(TABLE)
                        .input(Port.optional("value", PortTypes.SCALAR, "the value"))
                        .output(Port.output("table", PortTypes.TABLE, "one row"))
                        .build(),
                c -> {
                    double v =
                            c.optionalInput(scalar("value")).map(Scalar::value).orElse(Double.NaN);
                    c.output(
                            Port.output("table", PortTypes.TABLE, "table"),
                            Table.builder(Table.Column.text("name"), Table.Column.number("value", PhysicalUnit.PPM))
                                    .row("value", v)
                                    .build());
                }));
        ops.add(new FakeOp(
                builder(HZ_FIELD)
                        .input(Port.required("field", PortTypes.VOLUME, "a field map")
                                .of(Quantities.FIELD, PhysicalUnit.HERTZ))
                        .output(Port.output("value", PortTypes.SCALAR, "1"))
                        .build(),
                c -> c.output(scalar("value"), new Scalar(1, PhysicalUnit.PPM))));
        ops.add(new FakeOp(
                builder(WRONG_UNIT)
                        .output(Port.output("field", PortTypes.VOLUME, "a field map")
                                .of(Quantities.FIELD, PhysicalUnit.HERTZ))
                        .build(),
                c -> c.output(
                        volume("field"),
                        Volumes.createFloat(new long[] {2, 2, 2}, Geometry.axisAligned(1, 1, 1), PhysicalUnit.PPM))));
        ops.add(new FakeOp(
                builder(WARN)
                        .output(Port.output("value", PortTypes.SCALAR, "1"))
                        .build(),
                c -> {
                    c.log("ordinary line");
                    c.warn("suspect value");
                    c.output(scalar("value"), new Scalar(1, PhysicalUnit.PPM));
                }));
        return ops;
    }

    /** A scalar port handle by name (the engine matches ports by name; fakes declare their descriptions inline). */
    private static Port<Scalar> scalar(String name) {
        return Port.output(name, PortTypes.SCALAR, name);
    }

    private static Port<Volume<FloatType>> volume(String name) {
        return Port.output(name, PortTypes.VOLUME, name);
    }

    private static Parameter<Double> number(String name) {
        return Parameter.number(name, 0, null, null, null, name);
    }

    private static Parameter<String> path(String name) {
        return Parameter.path(name, null, name);
    }

    private static OperatorDescriptor.Builder builder(String id) {
        return OperatorDescriptor.builder(id, "1.0")
                .displayName(id.substring(id.indexOf('.') + 1))
                .category("Test")
                .description("test operator " + id);
    }

    /** How many times the node ran (operator body entered). */
    public int runs(String nodeId) {
        AtomicInteger n = runs.get(nodeId);
        return n == null ? 0 : n.get();
    }

    /** "start:id" and "end:id" in the order they happened. */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The last value node {@code nodeId} set on {@code port}, held weakly. */
    public WeakReference<Object> produced(String nodeId, String port) {
        return produced.get(nodeId + "." + port);
    }

    /** Runs {@code hook} at the start of node {@code nodeId}, before the operator body. */
    public void hook(String nodeId, Consumer<OperatorContext> hook) {
        hooks.put(nodeId, hook);
    }

    /** {@link #RENDEZVOUS} nodes wait until {@code parties} of them arrived, or fail after {@code millis}. */
    public void rendezvous(int parties, long millis) {
        rendezvous = new CountDownLatch(parties);
        rendezvousMillis = millis;
    }

    public void releaseSleepers() {
        sleepersRelease.countDown();
    }

    /** Waits until some {@link #SLEEP} node runs. */
    public boolean awaitSleeper(long millis) throws InterruptedException {
        return sleeperStarted.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Builds pipelines of fake operators (all nodes saved with version 1.0). */
    public static final class PipelineBuilder {
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, InputBinding> inputs = new LinkedHashMap<>();
        private final Map<String, PortRef> outputs = new LinkedHashMap<>();

        /** A node; {@code params} alternate name and value. */
        public PipelineBuilder node(String id, String operatorId, Object... params) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (int i = 0; i < params.length; i += 2) {
                p.put((String) params[i], params[i + 1]);
            }
            nodes.add(new Node(id, operatorId, "1.0", p, null));
            return this;
        }

        /** An edge {@code "a.value" → "b.a"}. */
        public PipelineBuilder edge(String from, String to) {
            edges.add(Edge.of(from, to));
            return this;
        }

        public PipelineBuilder input(String name, String node, String parameter, String defaultValue) {
            inputs.put(name, new InputBinding(node, parameter, defaultValue, "input " + name));
            return this;
        }

        /** An optional named input (may be left empty, leaving its branch out). */
        public PipelineBuilder optionalInput(String name, String node, String parameter, String defaultValue) {
            inputs.put(name, new InputBinding(node, parameter, defaultValue, "input " + name, true));
            return this;
        }

        public PipelineBuilder output(String name, String ref) {
            outputs.put(name, PortRef.parse(ref));
            return this;
        }

        public Pipeline build() {
            return new Pipeline("test", "built by a test", nodes, edges, inputs, outputs);
        }
    }

    public static PipelineBuilder pipeline() {
        return new PipelineBuilder();
    }
}
