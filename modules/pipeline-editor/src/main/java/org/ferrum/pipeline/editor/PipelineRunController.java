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
package org.ferrum.pipeline.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.SwingUtilities;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.ExecutionListener;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineValidationException;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.Parameter;
import org.openide.util.RequestProcessor;

/**
 * The editor's runs of one {@link PipelineDocument}: run everything or up to a node, cancel, and each node's
 * {@link NodeRunState} for the graph.
 *
 * <p>Contract:
 * <ul>
 * <li>Runs go to the engine's {@link PipelineExecutor} on a background thread, never the event thread, with one
 *     {@link ResultCache} shared by every run of this controller: the engine's cache keys decide what is recomputed, so
 *     after one parameter changes only the nodes that depend on it run again (the others are
 *     {@link NodeRun.Status#REUSED}). Named inputs take the values given to {@link #runWith(Map)}, else their defaults; relative paths are resolved against the document
 *     file's folder, else the working directory. One run at a time.</li>
 * <li>The executor's callbacks are moved to the event thread; the states change and the {@link ChangeListener}s are
 *     called there. The query methods may be called from any thread.</li>
 * <li>A pipeline that cannot run ({@link PipelineValidationException}) runs no node; its problems are kept in
 *     {@link #lastError()} and {@link #lastProblems()} and the listeners are told.</li>
 * <li>Staleness is derived, not flagged: each run outcome records the definitions (operator, version, effective
 *     parameter values, incoming edges) of the node and of everything upstream of it as they were when it ran. A node
 *     is {@link NodeRunState#STALE} when those differ from the document's now, so undoing back to what ran makes it
 *     {@link NodeRunState#UP_TO_DATE} again. New nodes are {@link NodeRunState#NEVER_RUN}.</li>
 * </ul>
 */
public final class PipelineRunController {

    private static final Logger LOG = Logger.getLogger(PipelineRunController.class.getName());

    /**
     * What a node's result depends on in the document, compared between the time it ran and now. Parameter values are
     * the effective ones (named-input defaults applied, then the operator's {@link Parameter#coerce}), so writing a
     * default explicitly does not make a node look changed.
     */
    private record Definition(String operatorId, String version, Map<String, Object> parameters, Set<Edge> incoming) {}

    /** The last finished state of a node and the definitions of its upstream closure at that run. */
    private record Outcome(NodeRunState state, NodeRun run, Map<String, Definition> upstream) {}

    /** A node the current run is busy with. */
    private record Live(NodeRunState state, double fraction, String message, String reason) {}

    /** What the graph shows for a node. */
    private record View(NodeRunState state, double fraction, String message, boolean reused) {
        View(NodeRunState state, double fraction, String message) {
            this(state, fraction, message, false);
        }
    }

    private final PipelineDocument document;
    private final PipelineExecutor executor;
    private final RequestProcessor worker = new RequestProcessor("Ferrum pipeline run", 1);
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ChangeListener documentListener = e -> onEventThread(this::fireChanged);

    // Guarded by this; changed only on the event thread.
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private final Map<String, Outcome> lastSuccess = new HashMap<>();
    private final Map<String, Live> live = new HashMap<>();
    private final Map<String, View> views = new HashMap<>();
    private Pipeline viewsOf;
    private boolean running;
    private AtomicBoolean cancelRequested;
    private Execution lastExecution;
    private Map<String, String> inputValues = Map.of();
    private String lastError;
    private List<Problem> lastProblems = List.of();

    /**
     * @param doc     the document whose pipeline runs
     * @param cache   results kept between the runs of this editor (shared by all its runs)
     * @param threads how many nodes may compute at once (≥ 1)
     */
    public PipelineRunController(PipelineDocument doc, ResultCache cache, int threads) {
        this.document = Objects.requireNonNull(doc, "doc");
        this.executor = new PipelineExecutor(doc.registry(), Objects.requireNonNull(cache, "cache"), threads);
        doc.addChangeListener(documentListener);
    }

    public PipelineDocument document() {
        return document;
    }

    /** Stops listening to the document and cancels a run in progress (the editor window closes). */
    public void dispose() {
        cancel();
        document.removeChangeListener(documentListener);
    }

    // ---- runs -------------------------------------------------------------------------------------------------------

    /**
     * Runs the whole pipeline (named outputs included) in the background.
     *
     * @return completed on the event thread once every node has its final state: with the execution, or exceptionally
     *         with the {@link PipelineValidationException} if the pipeline cannot run (or another failure of the engine)
     * @throws IllegalStateException if a run is in progress
     */
    public CompletableFuture<Execution> runAll() {
        return start(document.pipeline(), inputValues());
    }

    /**
     * Runs the whole pipeline with values for its named inputs (name → value, as {@code --input NAME=VALUE}; relative
     * paths against the pipeline file's folder); inputs not given take their defaults. The values are kept for later
     * runs of this controller ({@link #inputValues()}) and are part of what makes a node stale.
     *
     * @throws IllegalArgumentException naming the input if a value is given for an input the pipeline does not have
     */
    public CompletableFuture<Execution> runWith(Map<String, String> values) {
        for (String name : values.keySet()) {
            if (!document.pipeline().inputs().containsKey(name)) {
                throw new IllegalArgumentException("the pipeline has no input '" + name + "' (inputs: "
                        + document.pipeline().inputs().keySet() + ")");
            }
        }
        synchronized (this) {
            inputValues = Map.copyOf(values);
            views.clear();
        }
        return start(document.pipeline(), inputValues());
    }

    /** The input values given to the last {@link #runWith(Map)} (empty: defaults), limited to inputs that still exist. */
    public synchronized Map<String, String> inputValues() {
        Map<String, String> kept = new LinkedHashMap<>();
        inputValues.forEach((k, v) -> {
            if (document.pipeline().inputs().containsKey(k)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /**
     * Runs the part of the pipeline that {@code nodeId} needs: {@link PipelineDocument#upstreamOf} the node, the edges
     * between those nodes and the named inputs that set their parameters; no named outputs.
     *
     * @return as {@link #runAll()}
     * @throws IllegalArgumentException if there is no such node
     * @throws IllegalStateException    if a run is in progress
     */
    public CompletableFuture<Execution> runUpTo(String nodeId) {
        Pipeline p = document.pipeline();
        if (p.node(nodeId).isEmpty()) {
            throw new IllegalArgumentException("no node '" + nodeId + "'");
        }
        Set<String> part = document.upstreamOf(nodeId);
        Map<String, InputBinding> inputs = new LinkedHashMap<>();
        p.inputs().forEach((name, b) -> {
            if (part.contains(b.node())) {
                inputs.put(name, b);
            }
        });
        Map<String, String> values = new LinkedHashMap<>(inputValues());
        values.keySet().retainAll(inputs.keySet());
        return start(
                new Pipeline(
                        p.name(),
                        p.description(),
                        p.nodes().stream().filter(n -> part.contains(n.id())).toList(),
                        p.edges().stream()
                                .filter(e -> part.contains(e.from().node()) && part.contains(e.to().node()))
                                .toList(),
                        inputs,
                        Map.of()),
                values);
    }

    /** Asks the run in progress to stop: running operators stop at their next check, nothing new starts. */
    public void cancel() {
        AtomicBoolean flag;
        synchronized (this) {
            flag = cancelRequested;
        }
        if (flag != null) {
            flag.set(true);
        }
    }

    /** True from a run's start until every node it ran has its final state. */
    public synchronized boolean isRunning() {
        return running;
    }

    /** The last run that got to execute (not one refused by validation). */
    public synchronized Optional<Execution> lastExecution() {
        return Optional.ofNullable(lastExecution);
    }

    /** Why the last run could not run at all (validation errors, or an engine failure), if it could not. */
    public synchronized Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The validator's problems that stopped the last run (empty if it ran). */
    public synchronized List<Problem> lastProblems() {
        return lastProblems;
    }

    private CompletableFuture<Execution> start(Pipeline pipeline, Map<String, String> values) {
        // Snapshot now, on the caller's (event) thread, what each node's result will depend on: the document may be
        // edited while the run goes on, and the outcome must be compared with what actually ran.
        Map<String, Map<String, Definition>> ran = new HashMap<>();
        for (Node n : pipeline.nodes()) {
            ran.put(n.id(), upstreamDefinitions(n.id()));
        }
        AtomicBoolean flag = new AtomicBoolean();
        synchronized (this) {
            if (running) {
                throw new IllegalStateException("a run is in progress; cancel it or wait for it to end");
            }
            running = true;
            cancelRequested = flag;
            lastError = null;
            lastProblems = List.of();
            for (Node n : pipeline.nodes()) {
                live.put(n.id(), new Live(NodeRunState.QUEUED, 0, "", ""));
            }
            views.clear();
        }
        onEventThread(this::fireChanged);
        CompletableFuture<Execution> done = new CompletableFuture<>();
        Path base = document.file().map(f -> f.toAbsolutePath().getParent()).orElse(null);
        worker.post(() -> {
            try {
                Execution ex = executor.run(pipeline, new RunOptions(values, base), new Progress(ran), flag::get);
                SwingUtilities.invokeLater(() -> finished(pipeline, ex, null, done));
            } catch (PipelineValidationException e) {
                SwingUtilities.invokeLater(() -> finished(pipeline, null, e, done));
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "pipeline run failed", e);
                SwingUtilities.invokeLater(() -> finished(pipeline, null, e, done));
            }
        });
        return done;
    }

    /** Event thread: the run is over (all node callbacks were queued before this). */
    private void finished(Pipeline pipeline, Execution ex, Throwable failure, CompletableFuture<Execution> done) {
        synchronized (this) {
            for (Node n : pipeline.nodes()) {
                live.remove(n.id());
            }
            if (ex != null) {
                lastExecution = ex;
                // Nodes an empty optional input left out of the run never reached the executor: say so on them.
                ex.omitted().forEach((id, why) -> pipeline.node(id).ifPresent(n -> {
                    NodeRun r = new NodeRun(
                            id,
                            n.operatorId(),
                            n.operatorVersion(),
                            Map.of(),
                            NodeRun.Status.SKIPPED,
                            "left out: " + why,
                            null,
                            false,
                            null,
                            0,
                            List.of());
                    outcomes.put(id, new Outcome(NodeRunState.SKIPPED, r, upstreamDefinitions(id)));
                }));
            } else if (failure instanceof PipelineValidationException pve) {
                lastError = pve.getMessage();
                lastProblems = pve.problems();
            } else {
                lastError = "the run failed: " + failure;
            }
            running = false;
            cancelRequested = null;
            views.clear();
        }
        fireChanged();
        if (ex != null) {
            done.complete(ex);
        } else {
            done.completeExceptionally(failure);
        }
    }

    /** The executor's callbacks (worker threads), handed to the event thread. */
    private final class Progress implements ExecutionListener {
        private final Map<String, Map<String, Definition>> ran;
        /** Latest progress per node not yet shown: operators may report often, the graph needs only the latest. */
        private final Map<String, Live> pendingProgress = new ConcurrentHashMap<>();

        private final AtomicBoolean progressPosted = new AtomicBoolean();

        Progress(Map<String, Map<String, Definition>> ran) {
            this.ran = ran;
        }

        @Override
        public void nodeStarted(String nodeId, String reason) {
            SwingUtilities.invokeLater(
                    () -> update(() -> live.put(nodeId, new Live(NodeRunState.RUNNING, 0, "", reason))));
        }

        @Override
        public void nodeProgress(String nodeId, double fraction, String message) {
            pendingProgress.put(
                    nodeId,
                    new Live(
                            NodeRunState.RUNNING,
                            Math.max(0, Math.min(1, fraction)),
                            message == null ? "" : message,
                            null));
            if (progressPosted.compareAndSet(false, true)) {
                SwingUtilities.invokeLater(() -> {
                    progressPosted.set(false);
                    update(() -> {
                        for (String id : new ArrayList<>(pendingProgress.keySet())) {
                            Live p = pendingProgress.remove(id);
                            Live now = live.get(id);
                            // A node already finished keeps its final state; late progress is dropped.
                            if (p != null && now != null && now.state() == NodeRunState.RUNNING) {
                                live.put(id, new Live(NodeRunState.RUNNING, p.fraction(), p.message(), now.reason()));
                            }
                        }
                    });
                });
            }
        }

        @Override
        public void nodeFinished(NodeRun run) {
            NodeRunState state =
                    switch (run.status()) {
                        case RAN, REUSED -> NodeRunState.UP_TO_DATE;
                        case FAILED -> NodeRunState.FAILED;
                        case SKIPPED -> NodeRunState.SKIPPED;
                        case CANCELLED -> NodeRunState.CANCELLED;
                    };
            Outcome o = new Outcome(state, run, ran.getOrDefault(run.nodeId(), Map.of()));
            SwingUtilities.invokeLater(() -> update(() -> {
                live.remove(run.nodeId());
                outcomes.put(run.nodeId(), o);
                if (state == NodeRunState.UP_TO_DATE) {
                    lastSuccess.put(run.nodeId(), o);
                }
            }));
        }

        private void update(Runnable change) {
            synchronized (PipelineRunController.this) {
                change.run();
                views.clear();
            }
            fireChanged();
        }
    }

    // ---- states -----------------------------------------------------------------------------------------------------

    /** The node's state now ({@link NodeRunState#NEVER_RUN} for unknown ids). */
    public NodeRunState state(String nodeId) {
        return view(nodeId).state();
    }

    /**
     * True if the node is {@link NodeRunState#UP_TO_DATE} with a result its run took from the cache (computed by an
     * earlier run), false if that run computed it (the graph says "done" then, "cached" only for reuse).
     */
    public boolean fromCache(String nodeId) {
        return view(nodeId).reused();
    }

    /** Progress in [0, 1]: the operator's own fraction while running, 1 when up to date, else 0. */
    public double progress(String nodeId) {
        return view(nodeId).fraction();
    }

    /**
     * A line about the state: the operator's progress message while running, the error when failed, why it is stale
     * ("parameter 'upper' changed", "upstream node 'read' changed"), why it was skipped or cancelled, how it came to be
     * up to date ("first run", "reused: …"); empty when there is nothing to say.
     */
    public String message(String nodeId) {
        return view(nodeId).message();
    }

    /** The node's record in the last run that reached it (reason, error, log lines), if any. */
    public synchronized Optional<NodeRun> lastRun(String nodeId) {
        Outcome o = outcomes.get(nodeId);
        return o == null ? Optional.empty() : Optional.of(o.run());
    }

    public void addChangeListener(ChangeListener l) {
        listeners.add(l);
    }

    public void removeChangeListener(ChangeListener l) {
        listeners.remove(l);
    }

    private synchronized View view(String nodeId) {
        Pipeline now = document.pipeline();
        if (now != viewsOf) {
            views.clear();
            viewsOf = now;
        }
        return views.computeIfAbsent(nodeId, this::computeView);
    }

    private View computeView(String nodeId) {
        Live l = live.get(nodeId);
        if (l != null) {
            return new View(l.state(), l.fraction(), l.message());
        }
        Outcome last = outcomes.get(nodeId);
        Outcome success = lastSuccess.get(nodeId);
        if (last == null) {
            return new View(NodeRunState.NEVER_RUN, 0, "");
        }
        Map<String, Definition> upstream = upstreamDefinitions(nodeId);
        if (last.upstream().equals(upstream)) {
            return new View(
                    last.state(), last.state() == NodeRunState.UP_TO_DATE ? 1 : 0, describe(last), reused(last));
        }
        if (success != null && success.upstream().equals(upstream)) {
            // e.g. undo after a failed run of a changed parameter: the earlier result is what the node holds again
            return new View(NodeRunState.UP_TO_DATE, 1, describe(success), reused(success));
        }
        return new View(
                NodeRunState.STALE, 0, whyChanged(nodeId, (success != null ? success : last).upstream(), upstream));
    }

    private static boolean reused(Outcome o) {
        return o.state() == NodeRunState.UP_TO_DATE && o.run().status() == NodeRun.Status.REUSED;
    }

    private static String describe(Outcome o) {
        NodeRun r = o.run();
        return switch (o.state()) {
            case FAILED -> r.error() == null ? r.reason() : r.error();
            default -> r.reason() == null ? "" : r.reason();
        };
    }

    /** What differs between the definitions a node ran with and now: its own first, else the first upstream node's. */
    private static String whyChanged(String nodeId, Map<String, Definition> then, Map<String, Definition> now) {
        Definition a = then.get(nodeId);
        Definition b = now.get(nodeId);
        if (!Objects.equals(a, b)) {
            return ownChange(a, b);
        }
        for (String id : now.keySet()) {
            if (!then.containsKey(id)) {
                return "upstream node '" + id + "' added";
            }
            if (!Objects.equals(then.get(id), now.get(id))) {
                return "upstream node '" + id + "' changed";
            }
        }
        for (String id : then.keySet()) {
            if (!now.containsKey(id)) {
                return "upstream node '" + id + "' removed";
            }
        }
        return "changed";
    }

    private static String ownChange(Definition a, Definition b) {
        if (a == null || b == null) {
            return "node changed";
        }
        if (!a.operatorId().equals(b.operatorId())) {
            return "operator changed";
        }
        if (!a.version().equals(b.version())) {
            return "operator version changed";
        }
        List<String> changed = new ArrayList<>();
        for (String k :
                new TreeSet<>(union(a.parameters().keySet(), b.parameters().keySet()))) {
            if (!Objects.equals(a.parameters().get(k), b.parameters().get(k))) {
                changed.add("'" + k + "'");
            }
        }
        if (!changed.isEmpty()) {
            return (changed.size() == 1 ? "parameter " : "parameters ") + String.join(", ", changed) + " changed";
        }
        return "input connections changed";
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    /** The definitions of {@code nodeId} and everything upstream of it in the document now (null for missing nodes). */
    private Map<String, Definition> upstreamDefinitions(String nodeId) {
        Pipeline p = document.pipeline();
        Map<String, Definition> defs = new HashMap<>();
        for (String id : document.upstreamOf(nodeId)) {
            defs.put(id, definition(p, id, document.registry(), inputValues));
        }
        return defs;
    }

    private static Definition definition(
            Pipeline p, String nodeId, OperatorRegistry registry, Map<String, String> values) {
        Node n = p.node(nodeId).orElse(null);
        if (n == null) {
            return null;
        }
        Map<String, Object> given = new HashMap<>(n.parameters());
        // Named inputs set node parameters at run time (their defaults in the editor's runs), so they are part of what
        // the node computes with.
        p.inputs().forEach((name, b) -> {
            String v = values.containsKey(name) ? values.get(name) : b.defaultValue();
            if (b.node().equals(nodeId) && v != null) {
                given.put(b.parameter(), v);
            }
        });
        Map<String, Object> effective = new TreeMap<>();
        Operator op = registry.find(n.operatorId()).orElse(null);
        if (op == null) {
            effective.putAll(given);
        } else {
            for (Parameter param : op.descriptor().parameters()) {
                Object raw = given.containsKey(param.name()) ? given.get(param.name()) : param.defaultValue();
                Object value;
                try {
                    value = raw == null ? null : param.coerce(raw);
                } catch (IllegalArgumentException e) {
                    value = raw; // a bad value still differs from a good one; the run reports it
                }
                effective.put(param.name(), value);
            }
        }
        return new Definition(n.operatorId(), n.operatorVersion(), effective, Set.copyOf(p.edgesInto(nodeId)));
    }

    // ---- events -----------------------------------------------------------------------------------------------------

    private void fireChanged() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : listeners) {
            l.stateChanged(e);
        }
    }

    private static void onEventThread(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }
}
