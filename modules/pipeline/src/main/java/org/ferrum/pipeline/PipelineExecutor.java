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
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.pipeline.NodeRun.Status;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortType;

/**
 * Runs pipelines. The same executor serves the editor and the headless runner, so a pipeline gives the
 * same results in both.
 *
 * <p>Semantics:
 * <ul>
 * <li>The pipeline is validated first; any error aborts with {@link PipelineValidationException}
 *     listing all of them. Named inputs set their node parameters (given value, else default). An optional named
 *     input left empty leaves its node out, and every node that needs a left-out node on a required port
 *     ({@link Execution#omitted()}); nodes that take it on an optional port run without it.</li>
 * <li>A node starts as soon as all its upstream nodes have finished; independent branches run in
 *     parallel on {@code threads} workers.</li>
 * <li>Each node has a cache key: SHA-256 over operator id, installed version, effective parameter
 *     values, the keys of its upstream results and the content hashes of files its path parameters
 *     name. If the {@link ResultCache} holds that key, the node is {@link Status#REUSED}; otherwise it
 *     runs, and {@link NodeRun#reason()} says what changed since its last run. Nodes without outputs
 *     (writers) always run: their effect is outside the cache.</li>
 * <li>A node that fails stops only its downstream nodes ({@link Status#SKIPPED}, naming the failed
 *     node); independent branches finish.</li>
 * <li>Cancellation stops running operators at their next check and starts nothing new.</li>
 * <li>A node's outputs are released as soon as every node that consumes them has finished, unless
 *     they are named pipeline outputs (the cache may keep its own reference, within its budget).</li>
 * </ul>
 */
public final class PipelineExecutor {

    private static final Logger LOG = Logger.getLogger(PipelineExecutor.class.getName());

    private final OperatorRegistry registry;
    private final ResultCache cache;
    private final int threads;
    private final FileFingerprints fingerprints = new FileFingerprints();

    /** An executor over the installed operators with the default cache and thread count. */
    public PipelineExecutor() {
        this(OperatorRegistry.installed(), ResultCache.withDefaultBudget(), Parallelism.threads());
    }

    public PipelineExecutor(OperatorRegistry registry, ResultCache cache, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.registry = registry;
        this.cache = cache;
        this.threads = threads;
    }

    public OperatorRegistry registry() {
        return registry;
    }

    public ResultCache cache() {
        return cache;
    }

    /**
     * Runs a pipeline to the end (or until cancelled) and reports what happened.
     *
     * @throws PipelineValidationException if the pipeline (with these input values) cannot run
     */
    public Execution run(Pipeline pipeline, RunOptions options, ExecutionListener listener, Cancellation cancellation)
            throws PipelineValidationException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ExecutionListener out = listener == null ? ExecutionListener.NONE : listener;
        Cancellation cancel = cancellation == null ? Cancellation.NEVER : cancellation;

        List<Problem> problems = new ArrayList<>();
        Map<String, String> inputValues = new LinkedHashMap<>();
        Map<String, String> omitted = omitted(pipeline, options);
        Pipeline bound = bindInputs(pipeline, options, inputValues, problems, omitted.keySet());
        problems.addAll(PipelineValidator.validate(bound, registry));
        if (!PipelineValidator.isRunnable(problems)) {
            throw new PipelineValidationException(pipeline.name(), problems);
        }
        Map<String, String> inputHashes = new LinkedHashMap<>();
        for (Map.Entry<String, InputBinding> e : bound.inputs().entrySet()) {
            String value = inputValues.get(e.getKey());
            if (value != null) {
                try {
                    String h = fingerprints.hash(options.baseDirectory().resolve(value));
                    if (h != null) {
                        inputHashes.put(e.getKey(), h);
                    }
                } catch (IOException | RuntimeException ex) {
                    // Unreadable inputs are reported by the node that reads them.
                }
            }
        }

        Run run = new Run(bound, options, out, cancel);
        run.execute();
        Map<String, Object> outputs = new LinkedHashMap<>();
        bound.outputs().forEach((name, ref) -> {
            Map<String, Object> o = run.kept.get(ref.node());
            if (o != null && o.containsKey(ref.port())) {
                outputs.put(name, o.get(ref.port()));
            }
        });
        List<Problem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        return new Execution(
                bound,
                run.finished,
                outputs,
                inputValues,
                inputHashes,
                warnings,
                started,
                System.nanoTime() - t0,
                omitted);
    }

    /**
     * The problems {@link #run} would find before running anything (unknown input names, and
     * {@link PipelineValidator}'s checks with the input values applied), without running: for callers that
     * check their own preconditions too and report everything at once.
     */
    public List<Problem> check(Pipeline pipeline, RunOptions options) {
        List<Problem> problems = new ArrayList<>();
        Pipeline bound = bindInputs(
                pipeline,
                options,
                new LinkedHashMap<>(),
                problems,
                omitted(pipeline, options).keySet());
        problems.addAll(PipelineValidator.validate(bound, registry));
        return problems;
    }

    /**
     * The cache key every node of {@code pipeline} would have in a run with {@code options}, computed without running
     * anything: for provenance checks and for tests that pin keys (a key must change only when a result may differ).
     *
     * @throws PipelineValidationException if the pipeline (with these input values) cannot run
     */
    public Map<String, String> cacheKeys(Pipeline pipeline, RunOptions options) throws PipelineValidationException {
        List<Problem> problems = new ArrayList<>();
        Pipeline bound = bindInputs(
                pipeline,
                options,
                new LinkedHashMap<>(),
                problems,
                omitted(pipeline, options).keySet());
        problems.addAll(PipelineValidator.validate(bound, registry));
        if (!PipelineValidator.isRunnable(problems)) {
            throw new PipelineValidationException(pipeline.name(), problems);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        while (keys.size() < bound.nodes().size()) {
            for (Node node : bound.nodes()) {
                List<Edge> in = bound.edgesInto(node.id());
                if (keys.containsKey(node.id())
                        || !in.stream().allMatch(e -> keys.containsKey(e.from().node()))) {
                    continue;
                }
                Map<String, String> inputKeys = new HashMap<>();
                in.forEach(e -> inputKeys.put(
                        e.to().port(),
                        keys.get(e.from().node()) + "/" + e.from().port()));
                OperatorDescriptor d =
                        registry.find(node.operatorId()).orElseThrow().descriptor();
                try {
                    keys.put(
                            node.id(),
                            sign(node, d, options.baseDirectory(), inputKeys)
                                    .signature()
                                    .key());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return keys;
    }

    /** A node's effective parameters (paths resolved) and its signature. */
    private record Signed(Map<String, Object> parameters, NodeSignature signature) {}

    /**
     * The effective parameter values of a node (node value, else default; paths resolved against {@code base}) and its
     * signature: operator id and version, the parameters as canonical JSON text, the upstream keys and the content hashes
     * of files named by path parameters.
     */
    private Signed sign(Node node, OperatorDescriptor d, Path base, Map<String, String> inputKeys) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, String> canonical = new LinkedHashMap<>();
        Map<String, String> fileHashes = new LinkedHashMap<>();
        for (Parameter<?> p : d.parameters()) {
            Object raw =
                    node.parameters().containsKey(p.name()) ? node.parameters().get(p.name()) : p.defaultValue();
            Object v = p.coerce(raw);
            // A blank path means "no file" (an optional LUT, an output folder not asked for): it stays blank rather
            // than resolving to the pipeline's folder, which operators would take for a path they were given.
            if (p.type() == Parameter.Type.PATH && !((String) v).isBlank()) {
                Path resolved = base.resolve((String) v).normalize();
                v = resolved.toString();
                String h = fingerprints.hash(resolved);
                if (h != null) {
                    fileHashes.put(p.name(), h);
                }
            }
            params.put(p.name(), v);
            canonical.put(p.name(), PipelineFormat.toJson(v).toString());
        }
        return new Signed(params, new NodeSignature(d.id(), d.version(), canonical, inputKeys, fileHashes));
    }

    /** A value as messages name it, e.g. "a Volume with ComplexFloatType voxels". */
    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof org.ferrum.core.Volume<?> v) {
            return "a Volume with " + v.pixelType().getClass().getSimpleName() + " voxels";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** An operator broke its contract (set an undeclared output, or one of the wrong type or unit): a bug, not bad input. */
    private static final class OperatorBug extends IllegalArgumentException {
        OperatorBug(String message) {
            super(message);
        }
    }

    /**
     * The nodes an empty optional input leaves out (node id → why), in pipeline order: the node each such input sets,
     * then, repeatedly, every node with a required input port fed by a left-out node (an input port of an unknown
     * operator counts as required).
     */
    Map<String, String> omitted(Pipeline p, RunOptions options) {
        Map<String, String> out = new LinkedHashMap<>();
        p.inputs().forEach((name, b) -> {
            String value = options.inputValues().getOrDefault(name, b.defaultValue());
            if (b.optional() && (value == null || value.isBlank()) && !out.containsKey(b.node())) {
                out.put(b.node(), "optional input '" + name + "' not given");
            }
        });
        boolean changed = !out.isEmpty();
        while (changed) {
            changed = false;
            for (Node n : p.nodes()) {
                if (out.containsKey(n.id())) {
                    continue;
                }
                for (Edge e : p.edgesInto(n.id())) {
                    String cause = out.get(e.from().node());
                    if (cause != null && requiredPort(n, e.to().port())) {
                        out.put(n.id(), cause);
                        changed = true;
                        break;
                    }
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        p.nodes().stream().filter(n -> out.containsKey(n.id())).forEach(n -> ordered.put(n.id(), out.get(n.id())));
        return ordered;
    }

    private boolean requiredPort(Node n, String port) {
        return registry.find(n.operatorId())
                .flatMap(op -> op.descriptor().inputs().stream()
                        .filter(pt -> pt.name().equals(port))
                        .findFirst())
                .map(Port::required)
                .orElse(true);
    }

    /**
     * Applies named input values (given, else default) to node parameters, after leaving out {@code omitted} nodes;
     * input names are checked against the whole pipeline.
     */
    private static Pipeline bindInputs(
            Pipeline whole,
            RunOptions options,
            Map<String, String> used,
            List<Problem> problems,
            java.util.Set<String> omitted) {
        Pipeline p = whole.withoutNodes(omitted);
        options.inputValues().forEach((name, value) -> {
            InputBinding b = whole.inputs().get(name);
            if (b != null && !b.optional() && value.isBlank()) {
                problems.add(new Problem(
                        Problem.Severity.ERROR,
                        Problem.Kind.BAD_INPUT_BINDING,
                        b.node(),
                        "input '" + name + "' is given empty, but it is required (only optional inputs may be left"
                                + " empty)"));
            }
        });
        for (String name : options.inputValues().keySet()) {
            if (!whole.inputs().containsKey(name)) {
                problems.add(new Problem(
                        Problem.Severity.ERROR,
                        Problem.Kind.BAD_INPUT_BINDING,
                        null,
                        "unknown input '" + name + "'; this pipeline's inputs are "
                                + whole.inputs().keySet()));
            }
        }
        return bindKnownInputs(p, options, used);
    }

    private static Pipeline bindKnownInputs(Pipeline p, RunOptions options, Map<String, String> used) {
        Pipeline result = p;
        for (Map.Entry<String, InputBinding> e : p.inputs().entrySet()) {
            InputBinding b = e.getValue();
            String value = options.inputValues().getOrDefault(e.getKey(), b.defaultValue());
            if (value == null) {
                continue;
            }
            used.put(e.getKey(), value);
            Optional<Node> n = result.node(b.node());
            if (n.isPresent()) {
                result = result.withNode(n.get().withParameter(b.parameter(), value));
            }
        }
        return result;
    }

    /** State of one run. */
    private final class Run {
        final Pipeline pipeline;
        final RunOptions options;
        final ExecutionListener listener;
        final Cancellation cancel;
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final Map<String, List<String>> successors = new HashMap<>();
        final Map<String, Integer> waitingOn = new HashMap<>();
        final Map<String, Integer> consumersLeft = new HashMap<>();
        final Map<String, Map<String, Object>> kept = new HashMap<>();
        final Map<String, String> keys = new HashMap<>();
        final Map<String, Status> status = new HashMap<>();
        final Map<String, Double> fractions = new HashMap<>();
        final List<NodeRun> finished = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch allDone;

        Run(Pipeline pipeline, RunOptions options, ExecutionListener listener, Cancellation cancel) {
            this.pipeline = pipeline;
            this.options = options;
            this.listener = listener;
            this.cancel = cancel;
            for (Node n : pipeline.nodes()) {
                nodes.put(n.id(), n);
                successors.put(n.id(), new ArrayList<>());
                waitingOn.put(n.id(), 0);
                consumersLeft.put(n.id(), 0);
                fractions.put(n.id(), 0.0);
            }
            for (Edge e : pipeline.edges()) {
                successors.get(e.from().node()).add(e.to().node());
                waitingOn.merge(e.to().node(), 1, Integer::sum);
                consumersLeft.merge(e.from().node(), 1, Integer::sum);
            }
            allDone = new CountDownLatch(nodes.size());
        }

        void execute() {
            ExecutorService pool =
                    Executors.newFixedThreadPool(Math.min(threads, Math.max(1, nodes.size())), daemonThreads());
            try {
                List<String> ready = new ArrayList<>();
                synchronized (this) {
                    waitingOn.forEach((id, n) -> {
                        if (n == 0) {
                            ready.add(id);
                        }
                    });
                }
                for (String id : ready) {
                    pool.execute(() -> runNode(id, pool));
                }
                allDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pool.shutdownNow();
            }
        }

        void runNode(String id, ExecutorService pool) {
            Node node = nodes.get(id);
            Operator op = registry.find(node.operatorId()).orElseThrow();
            OperatorDescriptor d = op.descriptor();
            Map<String, Object> inputs = new HashMap<>();
            Map<String, String> inputKeys = new HashMap<>();
            Map<String, String> upstreamOfPort = new HashMap<>();
            Map<String, Object> params = new LinkedHashMap<>();
            List<Edge> in = pipeline.edgesInto(id);
            NodeRun result;
            try {
                synchronized (this) {
                    for (Edge e : in) {
                        inputs.put(
                                e.to().port(),
                                kept.get(e.from().node()).get(e.from().port()));
                        inputKeys.put(
                                e.to().port(),
                                keys.get(e.from().node()) + "/" + e.from().port());
                        upstreamOfPort.put(e.to().port(), e.from().node());
                    }
                }
                Signed signed = sign(node, d, options.baseDirectory(), inputKeys);
                params = signed.parameters();
                NodeSignature sig = signed.signature();
                String key = sig.key();
                boolean sideEffect = d.outputs().isEmpty();
                Map<String, Object> cached = sideEffect ? null : cache.get(key);
                if (cached != null) {
                    cache.remember(id, sig);
                    result = new NodeRun(
                            id,
                            d.id(),
                            d.version(),
                            params,
                            Status.REUSED,
                            "reused: same operator, parameters and inputs as an earlier run",
                            null,
                            false,
                            key,
                            0,
                            List.of());
                    complete(id, key, cached, result, pool);
                    return;
                }
                String reason = sideEffect
                        ? "writes files, so it always runs"
                        : sig.differencesFrom(cache.lastSignature(id), upstreamOfPort);
                if (cancel.isCancelled()) {
                    throw new CancellationException("run cancelled");
                }
                checkInputs(id, d, in, inputs);
                listener.nodeStarted(id, reason);
                NodeContext ctx =
                        new NodeContext(id, d, inputs, params, options.baseDirectory(), listener, cancel, this);
                long t = System.nanoTime();
                op.run(ctx);
                long nanos = System.nanoTime() - t;
                for (Port<?> p : d.outputs()) {
                    if (!ctx.outputs.containsKey(p.name())) {
                        throw OperatorException.failure(
                                "operator " + d.id() + " did not set its output '" + p.name()
                                        + "' (a bug in the operator)",
                                null);
                    }
                }
                cache.remember(id, sig);
                if (!sideEffect) {
                    cache.put(key, ctx.outputs);
                }
                result = new NodeRun(
                        id,
                        d.id(),
                        d.version(),
                        params,
                        Status.RAN,
                        reason,
                        null,
                        false,
                        key,
                        nanos,
                        List.copyOf(ctx.log),
                        List.copyOf(ctx.warnings));
                complete(id, key, ctx.outputs, result, pool);
            } catch (CancellationException e) {
                result = new NodeRun(
                        id,
                        d.id(),
                        d.version(),
                        params,
                        Status.CANCELLED,
                        "cancelled",
                        null,
                        false,
                        null,
                        0,
                        List.of());
                complete(id, null, null, result, pool);
            } catch (OperatorException e) {
                result = failed(id, d, params, e.getMessage(), e.isBadInput());
                complete(id, null, null, result, pool);
            } catch (OperatorBug e) {
                result = failed(id, d, params, e.getMessage(), false);
                complete(id, null, null, result, pool);
            } catch (IllegalArgumentException e) {
                // Parameter values that only fail once bound (e.g. an input value out of range).
                result = failed(id, d, params, e.getMessage(), true);
                complete(id, null, null, result, pool);
            } catch (IOException e) {
                result = failed(id, d, params, "cannot read input: " + e.getMessage(), true);
                complete(id, null, null, result, pool);
            } catch (RuntimeException | Error e) {
                // Any Error too (AssertionError, StackOverflowError, LinkageError…): a node that ends without
                // complete() would leave the run waiting for it forever.
                LOG.log(Level.WARNING, "operator " + d.id() + " failed in node " + id, e);
                String msg = e instanceof OutOfMemoryError
                        ? "out of memory (give Ferrum more heap with -J-Xmx)"
                        : "internal error in " + d.id() + ": " + e;
                result = failed(id, d, params, msg, false);
                complete(id, null, null, result, pool);
            }
        }

        /** The record of a node that failed before or while running (no key, no time, no log). */
        private static NodeRun failed(
                String id, OperatorDescriptor d, Map<String, Object> params, String message, boolean badInput) {
            return new NodeRun(
                    id, d.id(), d.version(), params, Status.FAILED, "failed", message, badInput, null, 0, List.of());
        }

        /**
         * Every connected input against its port before the operator runs: the value fits the port type and its unit is
         * one the port accepts. A mismatch is bad input, naming both ends.
         */
        private void checkInputs(String id, OperatorDescriptor d, List<Edge> in, Map<String, Object> inputs)
                throws OperatorException {
            for (Edge e : in) {
                Port<?> port = d.input(e.to().port()).orElseThrow();
                Object value = inputs.get(port.name());
                String gave =
                        "node '" + e.from().node() + "' output '" + e.from().port() + "' gave ";
                if (!port.type().accepts(value)) {
                    throw OperatorException.badInput("node '" + id + "' input '" + port.name() + "' takes "
                            + port.type().requirement() + "; " + gave + describe(value));
                }
                Optional<PhysicalUnit> unit = Port.unitOf(value);
                if (unit.isPresent() && !port.acceptsUnit(unit.get())) {
                    throw OperatorException.badInput("node '" + id + "' input '" + port.name() + "' takes "
                            + port.unitText() + "; " + gave + unit.get().symbol());
                }
            }
        }

        /** Records a node's outcome, releases inputs nobody needs any more, and starts or skips successors. */
        void complete(String id, String key, Map<String, Object> outputs, NodeRun result, ExecutorService pool) {
            List<String> toStart = new ArrayList<>();
            List<NodeRun> skipped = new ArrayList<>();
            synchronized (this) {
                status.put(id, result.status());
                fractions.put(id, 1.0);
                if (outputs != null) {
                    kept.put(id, outputs);
                    keys.put(id, key);
                }
                for (Edge e : pipeline.edgesInto(id)) {
                    String up = e.from().node();
                    if (consumersLeft.merge(up, -1, Integer::sum) == 0 && !isNamedOutput(up)) {
                        kept.remove(up);
                    }
                }
                if (consumersLeft.get(id) == 0 && !isNamedOutput(id)) {
                    kept.remove(id);
                }
                finished.add(result);
                for (String s : successors.get(id)) {
                    if (!result.succeeded()) {
                        skipDownstream(s, result, skipped);
                    } else if (waitingOn.merge(s, -1, Integer::sum) == 0 && !status.containsKey(s)) {
                        toStart.add(s);
                    }
                }
            }
            listener.nodeFinished(result);
            skipped.forEach(listener::nodeFinished);
            reportProgress();
            for (String s : toStart) {
                if (cancel.isCancelled()) {
                    cancelNode(s, pool);
                } else {
                    pool.execute(() -> runNode(s, pool));
                }
            }
            allDone.countDown();
        }

        private void cancelNode(String id, ExecutorService pool) {
            Node n = nodes.get(id);
            OperatorDescriptor d = registry.find(n.operatorId()).orElseThrow().descriptor();
            complete(
                    id,
                    null,
                    null,
                    new NodeRun(
                            id,
                            d.id(),
                            d.version(),
                            Map.of(),
                            Status.CANCELLED,
                            "run cancelled before it started",
                            null,
                            false,
                            null,
                            0,
                            List.of()),
                    pool);
        }

        /** Marks a node and everything below it skipped (call holding the lock). */
        private void skipDownstream(String id, NodeRun cause, List<NodeRun> skipped) {
            if (status.containsKey(id)) {
                return;
            }
            Node n = nodes.get(id);
            OperatorDescriptor d = registry.find(n.operatorId()).orElseThrow().descriptor();
            String why = cause.status() == Status.CANCELLED
                    ? "run cancelled"
                    : cause.status() == Status.SKIPPED
                            ? cause.reason()
                            : "upstream node '" + cause.nodeId() + "' failed";
            Status st = cause.status() == Status.CANCELLED ? Status.CANCELLED : Status.SKIPPED;
            NodeRun r = new NodeRun(id, d.id(), d.version(), Map.of(), st, why, null, false, null, 0, List.of());
            status.put(id, st);
            fractions.put(id, 1.0);
            finished.add(r);
            skipped.add(r);
            for (Edge e : pipeline.edgesInto(id)) {
                String up = e.from().node();
                if (consumersLeft.merge(up, -1, Integer::sum) == 0 && !isNamedOutput(up)) {
                    kept.remove(up);
                }
            }
            for (String s : successors.get(id)) {
                skipDownstream(s, r, skipped);
            }
            allDone.countDown();
        }

        private boolean isNamedOutput(String nodeId) {
            return pipeline.outputs().values().stream().anyMatch(r -> r.node().equals(nodeId));
        }

        void nodeProgress(String id, double fraction, String message) {
            synchronized (this) {
                fractions.put(id, Math.max(0, Math.min(1, fraction)));
            }
            listener.nodeProgress(id, fraction, message);
            reportProgress();
        }

        private void reportProgress() {
            double sum;
            synchronized (this) {
                sum = fractions.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
            }
            listener.progress(nodes.isEmpty() ? 1 : sum / nodes.size());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ferrum-pipeline-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The context one node's operator runs in. */
    private static final class NodeContext implements OperatorContext {
        private final String nodeId;
        private final OperatorDescriptor descriptor;
        private final Map<String, Object> inputs;
        private final Map<String, Object> parameters;
        private final Path baseDirectory;
        private final ExecutionListener listener;
        private final Cancellation cancellation;
        private final Run run;
        final Map<String, Object> outputs = new LinkedHashMap<>();
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        NodeContext(
                String nodeId,
                OperatorDescriptor descriptor,
                Map<String, Object> inputs,
                Map<String, Object> parameters,
                Path baseDirectory,
                ExecutionListener listener,
                Cancellation cancellation,
                Run run) {
            this.nodeId = nodeId;
            this.descriptor = descriptor;
            this.inputs = inputs;
            this.parameters = parameters;
            this.baseDirectory = baseDirectory;
            this.listener = listener;
            this.cancellation = cancellation;
            this.run = run;
        }

        @Override
        public String nodeId() {
            return nodeId;
        }

        @Override
        public <T> Optional<T> optionalInput(Port<T> declared) {
            String port = declared.name();
            PortType<T> type = declared.type();
            if (descriptor.input(port).isEmpty()) {
                throw new IllegalArgumentException(descriptor.id() + " declares no input '" + port + "'");
            }
            Object v = inputs.get(port);
            if (v == null) {
                return Optional.empty();
            }
            if (!type.accepts(v)) {
                throw new IllegalArgumentException("node '" + nodeId + "': input '" + port + "' holds "
                        + v.getClass().getSimpleName() + ", not " + type.id());
            }
            return Optional.of(type.cast(v));
        }

        @Override
        public <T> T get(Parameter<T> parameter) {
            String name = parameter.name();
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException(descriptor.id() + " declares no parameter '" + name + "'");
            }
            Object value = parameters.get(name);
            if (!parameter.type().javaType().isInstance(value)) {
                throw new OperatorBug("operator " + descriptor.id() + " (node '" + nodeId + "') reads parameter '"
                        + name + "' as " + parameter.type() + ", but declares it otherwise (a bug in the operator)");
            }
            @SuppressWarnings("unchecked")
            T typed = (T) value;
            return typed;
        }

        @Override
        public Path path(Parameter<String> parameter) {
            return baseDirectory.resolve(get(parameter));
        }

        @Override
        public <T> void output(Port<T> declared, T value) {
            String port = declared.name();
            Port<?> p = descriptor
                    .output(port)
                    .orElseThrow(() -> new OperatorBug("operator " + descriptor.id() + " (node '" + nodeId
                            + "') set output '" + port + "', which it does not declare (a bug in the operator)"));
            if (!p.type().accepts(value)) {
                throw new OperatorBug("operator " + descriptor.id() + " (node '" + nodeId + "') set output '" + port
                        + "' to " + describe(value) + ", but declares "
                        + p.type().requirement() + " (a bug in the operator)");
            }
            Optional<PhysicalUnit> unit = Port.unitOf(value);
            if (unit.isPresent() && !p.acceptsUnit(unit.get())) {
                throw new OperatorBug("operator " + descriptor.id() + " (node '" + nodeId + "') set output '" + port
                        + "' in " + unit.get().symbol() + ", but declares it " + p.unitText()
                        + " (a bug in the operator)");
            }
            outputs.put(port, value);
        }

        @Override
        public void progress(double fraction, String message) {
            run.nodeProgress(nodeId, fraction, message);
        }

        @Override
        public Cancellation cancellation() {
            return cancellation;
        }

        @Override
        public void log(String message) {
            log.add(message);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    }
}
