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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineFormatException;
import org.ferrum.pipeline.PipelineValidator;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating and parsing a 200-node pipeline. Target (issue 3): validation ≤ 50 ms.
 *
 * <p>The pipeline has {@value #LAYERS} layers of {@value #WIDTH} nodes. The first layer reads
 * ({@code bench.source}: no inputs, one output, three parameters, its path set by a named input with a
 * default); every later node is a {@code bench.step} with two inputs, one output and three parameters
 * (a ranged number, a ranged whole number and a choice, all set on the node). Input {@code a} comes
 * from the node above in the previous layer, input {@code b} from a shifted node two layers up (one
 * layer up for the second layer), so edges cross layers and the graph is a DAG of fan-in 2 and fan-out
 * up to 3: 380 edges, 10 named inputs, 10 named outputs. It is valid (setup checks that validation
 * finds nothing), so the score is the full path a pipeline takes before it runs.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar PipelineValidationBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class PipelineValidationBenchmark {

    public static final int LAYERS = 20;
    public static final int WIDTH = 10;

    /** An operator that is only its descriptor. */
    private record Fake(OperatorDescriptor descriptor) implements Operator {
        @Override
        public void run(OperatorContext context) {
            throw new UnsupportedOperationException("benchmark operators do not run");
        }
    }

    static final OperatorDescriptor SOURCE = OperatorDescriptor.builder("bench.source", "1.0")
            .output(Port.output("volume", PortTypes.VOLUME, "volume read"))
            .parameter(Parameter.path("path", null, "file"))
            .parameter(Parameter.number("scale", 1.0, 0.0, 1e6, null, "scale"))
            .parameter(Parameter.flag("reorient", true, "reorient to RAS"))
            .build();

    static final OperatorDescriptor STEP = OperatorDescriptor.builder("bench.step", "2.3")
            .input(Port.required("a", PortTypes.VOLUME, "first"))
            .input(Port.optional("b", PortTypes.VOLUME, "second"))
            .output(Port.output("out", PortTypes.VOLUME, "result"))
            .parameter(Parameter.number("weight", 0.5, 0.0, 1.0, PhysicalUnit.DIMENSIONLESS, "weight of a"))
            .parameter(Parameter.integer("iterations", 10, 1L, 1000L, "iterations"))
            .parameter(Parameter.choice("method", "fast", List.of("fast", "exact", "robust"), "method"))
            .build();

    private OperatorRegistry registry;
    private Pipeline pipeline;
    private String json;

    /** The 200-node layered pipeline described in the class comment. */
    public static Pipeline layeredPipeline() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, InputBinding> inputs = new LinkedHashMap<>();
        Map<String, PortRef> outputs = new LinkedHashMap<>();
        String[] methods = {"fast", "exact", "robust"};
        for (int layer = 0; layer < LAYERS; layer++) {
            for (int i = 0; i < WIDTH; i++) {
                String id = id(layer, i);
                Node.Position pos = new Node.Position(220.0 * layer, 90.0 * i);
                if (layer == 0) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("scale", 1.0 + i);
                    params.put("reorient", i % 2 == 0);
                    nodes.add(new Node(id, SOURCE.id(), SOURCE.version(), params, pos));
                    inputs.put(
                            "series" + i, new InputBinding(id, "path", "data/series-" + i + ".nii.gz", "series " + i));
                    continue;
                }
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("weight", (i + 1) / (WIDTH + 1.0));
                params.put("iterations", (long) (layer * 7 + i));
                params.put("method", methods[(layer + i) % methods.length]);
                nodes.add(new Node(id, STEP.id(), STEP.version(), params, pos));
                edges.add(new Edge(out(layer - 1, i), new PortRef(id, "a")));
                edges.add(new Edge(out(Math.max(0, layer - 2), (i + 3) % WIDTH), new PortRef(id, "b")));
                if (layer == LAYERS - 1) {
                    outputs.put("result" + i, new PortRef(id, "out"));
                }
            }
        }
        return new Pipeline(
                "layered benchmark", LAYERS + " layers of " + WIDTH + " nodes", nodes, edges, inputs, outputs);
    }

    private static String id(int layer, int i) {
        return "n" + layer + "-" + i;
    }

    private static PortRef out(int layer, int i) {
        return new PortRef(id(layer, i), layer == 0 ? "volume" : "out");
    }

    @Setup
    public void setUp() throws PipelineFormatException {
        registry = OperatorRegistry.of(List.of(new Fake(SOURCE), new Fake(STEP)));
        pipeline = layeredPipeline();
        if (pipeline.nodes().size() != 200) {
            throw new IllegalStateException(
                    "expected 200 nodes, built " + pipeline.nodes().size());
        }
        List<Problem> problems = PipelineValidator.validate(pipeline, registry);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the benchmark pipeline should be valid: " + problems);
        }
        json = PipelineFormat.write(pipeline);
        if (!PipelineFormat.parse(json).equals(pipeline)) {
            throw new IllegalStateException("the benchmark pipeline does not round trip");
        }
    }

    @Benchmark
    public List<Problem> validate() {
        return PipelineValidator.validate(pipeline, registry);
    }

    @Benchmark
    public Pipeline parse() throws PipelineFormatException {
        return PipelineFormat.parse(json);
    }
}
