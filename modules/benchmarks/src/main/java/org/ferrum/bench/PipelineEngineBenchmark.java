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
package org.ferrum.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineValidationException;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Scalar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the pipeline engine itself costs per node, with operators that compute nothing: validation,
 * parameter coercion, cache keys (SHA-256), scheduling on the worker pool, listener and progress
 * bookkeeping, result release. Two graphs of 100 nodes each:
 * <ul>
 * <li>{@code chain}: a source and 99 steps one after the other (no parallelism possible);</li>
 * <li>{@code wide}: 10 layers of 10 nodes, each node fed by two nodes of the layer above (10 branches
 *     at a time for the workers).</li>
 * </ul>
 * With {@code cache=disabled} every node runs every time ({@link ResultCache#disabled()}, as headless
 * runs do); with {@code cache=hit} the cache was filled once and every node is reused (the editor
 * re-running an unchanged pipeline). Scores are per node ({@link OperationsPerInvocation}), in µs.
 * Target (issue 3, performance): ≤ 1 ms per node of engine overhead, excluding compute.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar PipelineEngineBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g"})
public class PipelineEngineBenchmark {

    private static final int NODES = 100;
    private static final int WIDTH = 10;

    @Param({"chain", "wide"})
    public String shape;

    @Param({"disabled", "hit"})
    public String cache;

    private PipelineExecutor executor;
    private Pipeline pipeline;
    private RunOptions options;

    private static final Port<Scalar> VALUE_OUT = Port.output("value", PortTypes.SCALAR, "the value");
    private static final Parameter<Double> VALUE =
            Parameter.number("value", 0.0, null, null, PhysicalUnit.PPM, "the value");
    private static final Port<Scalar> A = Port.required("a", PortTypes.SCALAR, "passed on");
    private static final Port<Scalar> OUT = Port.output("out", PortTypes.SCALAR, "a");

    /** No inputs; output {@code value} = parameter {@code value}. */
    private static final OperatorDescriptor SOURCE = OperatorDescriptor.builder("bench.source", "1.0")
            .output(VALUE_OUT)
            .parameter(VALUE)
            .build();

    /** Passes input {@code a} through unchanged (input {@code b} is only a dependency). */
    private static final OperatorDescriptor STEP = OperatorDescriptor.builder("bench.step", "1.0")
            .input(A)
            .input(Port.optional("b", PortTypes.SCALAR, "ignored"))
            .output(OUT)
            .parameter(Parameter.number("gain", 1.0, 0.0, 10.0, null, "unused"))
            .parameter(Parameter.choice("mode", "fast", List.of("fast", "exact"), "unused"))
            .build();

    private static final Operator SOURCE_OP = new Operator() {
        @Override
        public OperatorDescriptor descriptor() {
            return SOURCE;
        }

        @Override
        public void run(OperatorContext c) {
            c.output(VALUE_OUT, new Scalar(c.get(VALUE), PhysicalUnit.PPM));
        }
    };

    private static final Operator STEP_OP = new Operator() {
        @Override
        public OperatorDescriptor descriptor() {
            return STEP;
        }

        @Override
        public void run(OperatorContext c) {
            c.checkCancelled();
            c.output(OUT, c.input(A));
        }
    };

    @Setup
    public void setUp() throws PipelineValidationException {
        pipeline = shape.equals("chain") ? chain() : wide();
        if (pipeline.nodes().size() != NODES) {
            throw new IllegalStateException(pipeline.nodes().size() + " nodes");
        }
        ResultCache results = cache.equals("hit") ? new ResultCache(64L << 20) : ResultCache.disabled();
        executor =
                new PipelineExecutor(OperatorRegistry.of(List.of(SOURCE_OP, STEP_OP)), results, Parallelism.threads());
        options = RunOptions.defaults(Path.of(System.getProperty("java.io.tmpdir")));
        Execution first = executor.run(pipeline, options, null, null);
        if (!first.succeeded()) {
            throw new IllegalStateException("benchmark pipeline failed: " + first.firstFailure());
        }
        NodeRun.Status expected = cache.equals("hit") ? NodeRun.Status.REUSED : NodeRun.Status.RAN;
        Execution second = executor.run(pipeline, options, null, null);
        if (!second.nodeRuns().stream().allMatch(r -> r.status() == expected)) {
            throw new IllegalStateException("expected every node " + expected + ": " + second.nodeRuns());
        }
    }

    private static Node node(String id, OperatorDescriptor d, Map<String, Object> params) {
        return new Node(id, d.id(), d.version(), params, null);
    }

    private static Pipeline chain() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(node("n0", SOURCE, Map.of("value", 1.0)));
        for (int i = 1; i < NODES; i++) {
            nodes.add(node("n" + i, STEP, Map.of("gain", 2.0)));
            edges.add(Edge.of("n" + (i - 1) + "." + (i == 1 ? "value" : "out"), "n" + i + ".a"));
        }
        return new Pipeline(
                "chain",
                "",
                nodes,
                edges,
                Map.<String, InputBinding>of(),
                Map.of("result", PortRef.parse("n" + (NODES - 1) + ".out")));
    }

    private static Pipeline wide() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        int layers = NODES / WIDTH;
        Map<String, PortRef> outputs = new LinkedHashMap<>();
        for (int layer = 0; layer < layers; layer++) {
            for (int j = 0; j < WIDTH; j++) {
                String id = "l" + layer + "_" + j;
                if (layer == 0) {
                    nodes.add(node(id, SOURCE, Map.of("value", (double) j)));
                    continue;
                }
                nodes.add(node(id, STEP, Map.of()));
                String port = layer == 1 ? "value" : "out";
                edges.add(Edge.of("l" + (layer - 1) + "_" + j + "." + port, id + ".a"));
                edges.add(Edge.of("l" + (layer - 1) + "_" + ((j + 1) % WIDTH) + "." + port, id + ".b"));
                if (layer == layers - 1) {
                    outputs.put("out" + j, PortRef.parse(id + ".out"));
                }
            }
        }
        return new Pipeline("wide", "", nodes, edges, Map.of(), outputs);
    }

    @Benchmark
    @OperationsPerInvocation(NODES)
    public Execution run() throws PipelineValidationException {
        return executor.run(pipeline, options, null, null);
    }
}
