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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import javax.swing.event.UndoableEditEvent;
import javax.swing.event.UndoableEditListener;
import javax.swing.undo.AbstractUndoableEdit;
import javax.swing.undo.UndoableEdit;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineFormatException;
import org.ferrum.pipeline.PipelineValidator;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.UnitConversions;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.Parameter;

/**
 * The pipeline being edited: an immutable {@link Pipeline} replaced by every edit, plus the file it belongs to, whether
 * it differs from what was saved, and the problems the engine's validator finds in it. No Swing widgets: the scene, the
 * palette, the property sheet and the runner all edit and observe this one object, so they cannot disagree, and its
 * rules are tested without a display.
 *
 * <p>Contract:
 * <ul>
 * <li>Every edit method replaces the pipeline, re-validates it ({@link PipelineValidator} against the registry), tells
 *     the {@link ChangeListener}s and hands one {@link UndoableEdit} to the {@link UndoableEditListener}s (the editor's
 *     {@code UndoRedo.Manager}). Undoing restores the previous pipeline exactly; {@link #isModified()} compares the
 *     current pipeline with the saved one structurally, so undoing back to the saved state clears it.</li>
 * <li>Edits are refused with {@link IllegalArgumentException} (message for the user, pipeline unchanged) when they would
 *     break a rule the editor enforces as you edit: a connection the validator would reject (unknown port, port types
 *     that do not fit, a second edge into an input, a cycle), or a parameter value its operator metadata rejects.
 *     Problems that a file may already have (unknown operators, broken edges, missing required inputs) are kept and
 *     reported, never dropped, so a broken file can be opened, repaired and saved.</li>
 * <li>Listeners are called on the thread that made the edit (the event thread in the application).</li>
 * </ul>
 */
public final class PipelineDocument {

    /** Kinds of validator problems that make a new connection refused. */
    private static final Set<Problem.Kind> CONNECTION_RULES = Set.of(
            Problem.Kind.UNKNOWN_PORT,
            Problem.Kind.PORT_TYPE_MISMATCH,
            Problem.Kind.DUPLICATE_INPUT_EDGE,
            Problem.Kind.CYCLE);

    private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_-]+");

    private final OperatorRegistry registry;
    private final List<ChangeListener> changeListeners = new CopyOnWriteArrayList<>();
    private final List<UndoableEditListener> editListeners = new CopyOnWriteArrayList<>();
    private Pipeline pipeline;
    private Pipeline saved;
    private Path file;
    private List<Problem> problems;

    /**
     * @param pipeline the pipeline as read (or a new one)
     * @param registry the operators the editor knows
     * @param file     where it was read from, or null for a new pipeline
     */
    public PipelineDocument(Pipeline pipeline, OperatorRegistry registry, Path file) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.saved = pipeline;
        this.file = file;
        this.problems = PipelineValidator.validate(pipeline, registry);
    }

    /** A new, empty pipeline not yet saved anywhere. */
    public static PipelineDocument empty(OperatorRegistry registry) {
        return new PipelineDocument(
                new Pipeline("New pipeline", "", List.of(), List.of(), Map.of(), Map.of()), registry, null);
    }

    public OperatorRegistry registry() {
        return registry;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** True if the pipeline differs from the one last read or saved. */
    public boolean isModified() {
        return !pipeline.equals(saved);
    }

    /** Records that the current pipeline was written to {@code path}. */
    public void markSaved(Path path) {
        this.file = path;
        this.saved = pipeline;
        fireChanged();
    }

    /** Every problem the validator finds now (errors and warnings). */
    public List<Problem> problems() {
        return problems;
    }

    /** The problems that concern one node. */
    public List<Problem> problemsOf(String nodeId) {
        return problems.stream().filter(p -> nodeId.equals(p.nodeId())).toList();
    }

    /** The operator of a node, if the registry knows it. */
    public Optional<Operator> operatorOf(String nodeId) {
        return pipeline.node(nodeId).flatMap(n -> registry.find(n.operatorId()));
    }

    public void addChangeListener(ChangeListener l) {
        changeListeners.add(l);
    }

    public void removeChangeListener(ChangeListener l) {
        changeListeners.remove(l);
    }

    public void addUndoableEditListener(UndoableEditListener l) {
        editListeners.add(l);
    }

    public void removeUndoableEditListener(UndoableEditListener l) {
        editListeners.remove(l);
    }

    // ---- edits ------------------------------------------------------------------------------------------------------

    /**
     * Adds a node of a known operator at {@code position}, with no parameters set (all take their defaults), and
     * returns its id: the last part of the operator id, made unique with a number ({@code threshold}, {@code threshold2}, …).
     *
     * @throws IllegalArgumentException if the registry has no such operator
     */
    public String addNode(String operatorId, Position position) {
        Operator op = registry.find(operatorId)
                .orElseThrow(() -> new IllegalArgumentException("no operator '" + operatorId + "' is installed"));
        String id = freshId(shortName(operatorId), idsIn(pipeline));
        List<Node> nodes = new ArrayList<>(pipeline.nodes());
        nodes.add(new Node(id, operatorId, op.descriptor().version(), Map.of(), position));
        apply(copy(pipeline, nodes, pipeline.edges()), "Add " + op.descriptor().displayName());
        return id;
    }

    /** Removes nodes, their edges, and the named inputs and outputs that refer to them. Unknown ids are ignored. */
    public void removeNodes(Collection<String> ids) {
        Set<String> gone = new HashSet<>(ids);
        gone.retainAll(idsIn(pipeline));
        if (gone.isEmpty()) {
            return;
        }
        List<Node> nodes =
                pipeline.nodes().stream().filter(n -> !gone.contains(n.id())).toList();
        List<Edge> edges = pipeline.edges().stream()
                .filter(e -> !gone.contains(e.from().node()) && !gone.contains(e.to().node()))
                .toList();
        Map<String, InputBinding> inputs = new LinkedHashMap<>();
        pipeline.inputs().forEach((k, v) -> {
            if (!gone.contains(v.node())) {
                inputs.put(k, v);
            }
        });
        Map<String, PortRef> outputs = new LinkedHashMap<>();
        pipeline.outputs().forEach((k, v) -> {
            if (!gone.contains(v.node())) {
                outputs.put(k, v);
            }
        });
        apply(
                new Pipeline(pipeline.name(), pipeline.description(), nodes, edges, inputs, outputs),
                gone.size() == 1 ? "Delete node" : "Delete " + gone.size() + " nodes");
    }

    /** Moves nodes (one undoable edit for all, e.g. at the end of a drag). Unknown ids are ignored. */
    public void moveNodes(Map<String, Position> positions) {
        moveNodes(positions, positions.size() == 1 ? "Move node" : "Move nodes");
    }

    /** Moves nodes as one undoable edit with the given name (e.g. "Layout"). Unknown ids are ignored. */
    public void moveNodes(Map<String, Position> positions, String presentationName) {
        boolean any = false;
        List<Node> nodes = new ArrayList<>();
        for (Node n : pipeline.nodes()) {
            Position p = positions.get(n.id());
            if (p != null && !p.equals(n.position())) {
                nodes.add(n.withPosition(p));
                any = true;
            } else {
                nodes.add(n);
            }
        }
        if (any) {
            apply(copy(pipeline, nodes, pipeline.edges()), presentationName);
        }
    }

    /**
     * Why connecting {@code from} (an output port) to {@code to} (an input port) is refused, or empty if it is allowed:
     * the validator's message for the problem the new edge would add (port type mismatch, unknown port, an input that
     * already has an edge, a cycle).
     */
    public Optional<String> connectionRefusal(PortRef from, PortRef to) {
        if (from.node().equals(to.node())) {
            return Optional.of("a node cannot feed itself (" + from + " → " + to + ")");
        }
        Edge edge = new Edge(from, to);
        if (pipeline.edges().contains(edge)) {
            return Optional.of(edge + " is already connected");
        }
        List<Edge> edges = new ArrayList<>(pipeline.edges());
        edges.add(edge);
        Set<String> before = new HashSet<>();
        for (Problem p : problems) {
            before.add(p.kind() + "|" + p.message());
        }
        for (Problem p : PipelineValidator.validate(copy(pipeline, pipeline.nodes(), edges), registry)) {
            if (CONNECTION_RULES.contains(p.kind()) && !before.contains(p.kind() + "|" + p.message())) {
                return Optional.of(p.message());
            }
        }
        return Optional.empty();
    }

    /**
     * Connects an output port to an input port.
     *
     * @throws IllegalArgumentException with {@link #connectionRefusal}'s reason if refused
     */
    public void connect(PortRef from, PortRef to) {
        Optional<String> refusal = connectionRefusal(from, to);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
        List<Edge> edges = new ArrayList<>(pipeline.edges());
        edges.add(new Edge(from, to));
        apply(copy(pipeline, pipeline.nodes(), edges), "Connect " + from + " → " + to);
    }

    /**
     * The unit an "Insert unit conversion" on {@code edge} would convert to, or empty if the edge's units fit or no
     * conversion can fix it ({@link UnitConversions#targetUnit}).
     */
    public Optional<PhysicalUnit> unitConversionTarget(Edge edge) {
        return pipeline.edges().contains(edge)
                ? UnitConversions.targetUnit(pipeline, edge, registry)
                : Optional.empty();
    }

    /**
     * Replaces an edge the validator refuses for its units by source → conversion node → target, the conversion set to
     * the unit the target takes (one undoable edit); returns the new node's id. Only on the user's request.
     *
     * @throws IllegalArgumentException if the edge needs no conversion or none can fix it
     */
    public String insertUnitConversion(Edge edge) {
        if (!pipeline.edges().contains(edge)) {
            throw new IllegalArgumentException("no edge " + edge);
        }
        String id = freshId("convert_unit", idsIn(pipeline));
        apply(UnitConversions.insert(pipeline, edge, registry, id), "Insert unit conversion");
        return id;
    }

    /** Removes edges (unknown ones are ignored). */
    public void disconnect(Collection<Edge> edges) {
        List<Edge> kept =
                pipeline.edges().stream().filter(e -> !edges.contains(e)).toList();
        if (kept.size() != pipeline.edges().size()) {
            apply(
                    copy(pipeline, pipeline.nodes(), kept),
                    edges.size() == 1 ? "Disconnect" : "Disconnect " + edges.size() + " edges");
        }
    }

    /**
     * Sets a parameter of a node from a value or its text, after the operator's own check ({@link Parameter#coerce} and
     * {@link Parameter#problem}: type, range, choices).
     *
     * @param value the new value (a string is converted to the parameter's type), or null to return to the default
     * @throws IllegalArgumentException naming the parameter and what is wrong, if the operator rejects the value or the
     *                                  node's operator is unknown
     */
    public void setParameter(String nodeId, String name, Object value) {
        Node node = pipeline.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node '" + nodeId + "'"));
        Operator op = registry.find(node.operatorId())
                .orElseThrow(() -> new IllegalArgumentException("node '" + nodeId + "' has the unknown operator '"
                        + node.operatorId() + "'; its parameters cannot be checked"));
        Parameter p = op.descriptor()
                .parameter(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "operator '" + node.operatorId() + "' has no parameter '" + name + "'"));
        Map<String, Object> params = new LinkedHashMap<>(node.parameters());
        if (value == null) {
            if (params.remove(name) == null) {
                return;
            }
        } else {
            Object v = p.coerce(value); // throws with the operator's own message: type, range, choices
            if (v.equals(params.get(name))) {
                return;
            }
            params.put(name, v);
        }
        Node changed = new Node(node.id(), node.operatorId(), node.operatorVersion(), params, node.position());
        apply(pipeline.withNode(changed), "Set " + name);
    }

    /** Replaces the whole pipeline as one edit (name and description changes, layout, repairs). */
    public void replace(Pipeline replacement, String presentationName) {
        if (!replacement.equals(pipeline)) {
            apply(replacement, presentationName);
        }
    }

    // ---- named inputs and outputs
    // ------------------------------------------------------------------------------------

    /** Names a named input may have: given on the command line as {@code --input NAME=VALUE}. */
    private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /**
     * Why {@code name} cannot name a new pipeline output (not a plain file name, or taken, also in another case), or
     * empty if it can. {@code except} is an existing output being renamed (may be null).
     */
    public Optional<String> outputNameRefusal(String name, String except) {
        String problem = PipelineValidator.outputNameProblem(name);
        if (problem != null) {
            return Optional.of("output " + (name == null ? "(none)" : "'" + name + "'") + ": " + problem);
        }
        for (String other : pipeline.outputs().keySet()) {
            if (!other.equals(except) && other.equalsIgnoreCase(name)) {
                return Optional.of(
                        "an output named '" + other + "' exists already (names must differ in more than case: "
                                + "they become file names in --out)");
            }
        }
        return Optional.empty();
    }

    /** Why {@code name} cannot name a new pipeline input, or empty if it can. {@code except}: one being renamed. */
    public Optional<String> inputNameRefusal(String name, String except) {
        if (name == null || !INPUT_NAME.matcher(name).matches()) {
            return Optional.of("input " + (name == null ? "(none)" : "'" + name + "'")
                    + ": use letters, digits, '_', '.' and '-' only (it is given as --input NAME=VALUE)");
        }
        if (!name.equals(except) && pipeline.inputs().containsKey(name)) {
            return Optional.of("an input named '" + name + "' exists already");
        }
        return Optional.empty();
    }

    /**
     * Exposes an output port of a node as a named pipeline output (written to {@code --out} as {@code name.nii.gz},
     * {@code name.csv}, …). One undoable edit.
     *
     * @throws IllegalArgumentException if the name is refused ({@link #outputNameRefusal}) or the node has no such output
     */
    public void exposeOutput(String name, PortRef port) {
        outputNameRefusal(name, null).ifPresent(r -> {
            throw new IllegalArgumentException(r);
        });
        Operator op = operatorOf(port.node())
                .orElseThrow(() -> new IllegalArgumentException(
                        "node '" + port.node() + "' does not exist or has an unknown operator"));
        if (op.descriptor().output(port.port()).isEmpty()) {
            throw new IllegalArgumentException(op.descriptor().id() + " has no output '" + port.port() + "'");
        }
        Map<String, PortRef> outputs = new LinkedHashMap<>(pipeline.outputs());
        outputs.put(name, port);
        apply(
                new Pipeline(
                        pipeline.name(),
                        pipeline.description(),
                        pipeline.nodes(),
                        pipeline.edges(),
                        pipeline.inputs(),
                        outputs),
                "Expose output " + name);
    }

    /**
     * Exposes a parameter of a node as a named pipeline input; its default is the parameter's current value in the
     * node (or the operator's default), so the pipeline runs as before until a value is given. One undoable edit.
     *
     * @throws IllegalArgumentException if the name is refused, the parameter does not exist or is exposed already
     */
    public void exposeInput(String name, String nodeId, String parameter, String description) {
        inputNameRefusal(name, null).ifPresent(r -> {
            throw new IllegalArgumentException(r);
        });
        Node node = pipeline.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node '" + nodeId + "'"));
        Parameter p = operatorOf(nodeId)
                .flatMap(op -> op.descriptor().parameter(parameter))
                .orElseThrow(() ->
                        new IllegalArgumentException("node '" + nodeId + "' has no parameter '" + parameter + "'"));
        for (Map.Entry<String, InputBinding> e : pipeline.inputs().entrySet()) {
            if (e.getValue().node().equals(nodeId) && e.getValue().parameter().equals(parameter)) {
                throw new IllegalArgumentException("parameter '" + parameter + "' of node '" + nodeId
                        + "' is already the pipeline input '" + e.getKey() + "'");
            }
        }
        Object current =
                node.parameters().containsKey(parameter) ? node.parameters().get(parameter) : p.defaultValue();
        Map<String, InputBinding> inputs = new LinkedHashMap<>(pipeline.inputs());
        inputs.put(
                name,
                new InputBinding(
                        nodeId,
                        parameter,
                        current == null ? null : String.valueOf(current),
                        description == null || description.isBlank() ? p.description() : description));
        apply(
                new Pipeline(
                        pipeline.name(),
                        pipeline.description(),
                        pipeline.nodes(),
                        pipeline.edges(),
                        inputs,
                        pipeline.outputs()),
                "Expose input " + name);
    }

    /** Renames a named input or output (order kept); one undoable edit. */
    public void renameInput(String name, String newName) {
        if (name.equals(newName)) {
            return;
        }
        inputNameRefusal(newName, name).ifPresent(r -> {
            throw new IllegalArgumentException(r);
        });
        apply(
                new Pipeline(
                        pipeline.name(),
                        pipeline.description(),
                        pipeline.nodes(),
                        pipeline.edges(),
                        renamed(pipeline.inputs(), name, newName, "input"),
                        pipeline.outputs()),
                "Rename input " + name);
    }

    /** Renames a named output (order kept); one undoable edit. */
    public void renameOutput(String name, String newName) {
        if (name.equals(newName)) {
            return;
        }
        outputNameRefusal(newName, name).ifPresent(r -> {
            throw new IllegalArgumentException(r);
        });
        apply(
                new Pipeline(
                        pipeline.name(),
                        pipeline.description(),
                        pipeline.nodes(),
                        pipeline.edges(),
                        pipeline.inputs(),
                        renamed(pipeline.outputs(), name, newName, "output")),
                "Rename output " + name);
    }

    /** Removes a named input (the parameter keeps the node's own value); unknown names are ignored. */
    public void removeInput(String name) {
        if (pipeline.inputs().containsKey(name)) {
            Map<String, InputBinding> inputs = new LinkedHashMap<>(pipeline.inputs());
            inputs.remove(name);
            apply(
                    new Pipeline(
                            pipeline.name(),
                            pipeline.description(),
                            pipeline.nodes(),
                            pipeline.edges(),
                            inputs,
                            pipeline.outputs()),
                    "Remove input " + name);
        }
    }

    /** Removes a named output (the node stays); unknown names are ignored. */
    public void removeOutput(String name) {
        if (pipeline.outputs().containsKey(name)) {
            Map<String, PortRef> outputs = new LinkedHashMap<>(pipeline.outputs());
            outputs.remove(name);
            apply(
                    new Pipeline(
                            pipeline.name(),
                            pipeline.description(),
                            pipeline.nodes(),
                            pipeline.edges(),
                            pipeline.inputs(),
                            outputs),
                    "Remove output " + name);
        }
    }

    /** The parameter a named input sets, if its node's operator is known. */
    public Optional<Parameter> inputParameter(String inputName) {
        InputBinding b = pipeline.inputs().get(inputName);
        return b == null
                ? Optional.empty()
                : operatorOf(b.node()).flatMap(op -> op.descriptor().parameter(b.parameter()));
    }

    private static <V> Map<String, V> renamed(Map<String, V> map, String name, String newName, String what) {
        if (!map.containsKey(name)) {
            throw new IllegalArgumentException("no " + what + " named '" + name + "'");
        }
        Map<String, V> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.equals(name) ? newName : k, v));
        return out;
    }

    // ---- copy and paste ---------------------------------------------------------------------------------------------

    /**
     * The nodes {@code ids} and the edges between them as pipeline-file text (the clipboard format): a pipeline another
     * editor, or a text editor, can read.
     */
    public String copy(Collection<String> ids) {
        Set<String> set = new LinkedHashSet<>(ids);
        List<Node> nodes =
                pipeline.nodes().stream().filter(n -> set.contains(n.id())).toList();
        List<Edge> edges = pipeline.edges().stream()
                .filter(e -> set.contains(e.from().node()) && set.contains(e.to().node()))
                .toList();
        return PipelineFormat.write(new Pipeline("fragment", "", nodes, edges, Map.of(), Map.of()));
    }

    /**
     * Adds the nodes and edges of a copied fragment, ids renamed where they clash, positions shifted by (dx, dy); one
     * undoable edit. Returns the ids of the pasted nodes.
     *
     * @throws IllegalArgumentException if the text is not a pipeline
     */
    public List<String> paste(String fragment, double dx, double dy) {
        Pipeline p;
        try {
            p = PipelineFormat.parse(fragment);
        } catch (PipelineFormatException e) {
            throw new IllegalArgumentException("the clipboard does not hold pipeline nodes: " + e.getMessage(), e);
        }
        if (p.nodes().isEmpty()) {
            return List.of();
        }
        Set<String> taken = idsIn(pipeline);
        Map<String, String> rename = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>(pipeline.nodes());
        for (Node n : p.nodes()) {
            String id = freshId(n.id(), taken);
            taken.add(id);
            rename.put(n.id(), id);
            Position pos = n.position() == null
                    ? new Position(dx, dy)
                    : new Position(n.position().x() + dx, n.position().y() + dy);
            nodes.add(new Node(id, n.operatorId(), n.operatorVersion(), n.parameters(), pos));
        }
        List<Edge> edges = new ArrayList<>(pipeline.edges());
        for (Edge e : p.edges()) {
            if (rename.containsKey(e.from().node()) && rename.containsKey(e.to().node())) {
                edges.add(new Edge(
                        new PortRef(rename.get(e.from().node()), e.from().port()),
                        new PortRef(rename.get(e.to().node()), e.to().port())));
            }
        }
        apply(copy(pipeline, nodes, edges), rename.size() == 1 ? "Paste node" : "Paste " + rename.size() + " nodes");
        return List.copyOf(rename.values());
    }

    // ---- graph queries ----------------------------------------------------------------------------------------------

    /** {@code nodeId} and every node that depends on it through edges (what goes stale when it changes). */
    public Set<String> downstreamOf(String nodeId) {
        return closure(nodeId, true);
    }

    /** {@code nodeId} and every node it depends on (what "run up to here" runs). */
    public Set<String> upstreamOf(String nodeId) {
        return closure(nodeId, false);
    }

    private Set<String> closure(String start, boolean downstream) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                for (Edge e : downstream ? pipeline.edgesOutOf(n) : pipeline.edgesInto(n)) {
                    todo.push(downstream ? e.to().node() : e.from().node());
                }
            }
        }
        return seen;
    }

    // ---- internals --------------------------------------------------------------------------------------------------

    private void apply(Pipeline next, String presentationName) {
        Pipeline before = pipeline;
        set(next);
        UndoableEdit edit = new SnapshotEdit(before, next, presentationName);
        UndoableEditEvent event = new UndoableEditEvent(this, edit);
        for (UndoableEditListener l : editListeners) {
            l.undoableEditHappened(event);
        }
    }

    private void set(Pipeline next) {
        pipeline = next;
        problems = PipelineValidator.validate(next, registry);
        fireChanged();
    }

    private void fireChanged() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : changeListeners) {
            l.stateChanged(e);
        }
    }

    private static Pipeline copy(Pipeline p, List<Node> nodes, List<Edge> edges) {
        return new Pipeline(p.name(), p.description(), nodes, edges, p.inputs(), p.outputs());
    }

    private static Set<String> idsIn(Pipeline p) {
        Set<String> ids = new HashSet<>();
        p.nodes().forEach(n -> ids.add(n.id()));
        return ids;
    }

    /** "qsm.dipole.tv" → "tv"; made a valid node id. */
    static String shortName(String operatorId) {
        String last = operatorId.substring(operatorId.lastIndexOf('.') + 1);
        String id = NOT_ID.matcher(last).replaceAll("_");
        return id.isEmpty() ? "node" : id;
    }

    /** {@code base} if free, else base2, base3, … */
    static String freshId(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        String stem = base.replaceAll("\\d+$", "");
        stem = stem.isEmpty() ? base : stem;
        for (int i = 2; ; i++) {
            String id = stem + i;
            if (!taken.contains(id)) {
                return id;
            }
        }
    }

    /** Undo/redo of one edit: swap whole pipelines (they are immutable, so this is exact and cheap). */
    private final class SnapshotEdit extends AbstractUndoableEdit {
        private final Pipeline before;
        private final Pipeline after;
        private final String name;

        SnapshotEdit(Pipeline before, Pipeline after, String name) {
            this.before = before;
            this.after = after;
            this.name = name;
        }

        @Override
        public void undo() {
            super.undo();
            set(before);
        }

        @Override
        public void redo() {
            super.redo();
            set(after);
        }

        @Override
        public String getPresentationName() {
            return name;
        }
    }
}
