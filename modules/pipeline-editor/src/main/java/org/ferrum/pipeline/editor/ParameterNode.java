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

import java.beans.PropertyEditor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.swing.event.ChangeListener;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.Parameter;
import org.openide.nodes.AbstractNode;
import org.openide.nodes.Children;
import org.openide.nodes.PropertySupport;
import org.openide.nodes.Sheet;
import org.openide.util.Exceptions;
import org.openide.util.WeakListeners;
import org.openide.util.lookup.Lookups;

/**
 * The property sheet of one node of a pipeline, generated from its operator's {@link Parameter} metadata: what the
 * editor shows (through the window's activated nodes) when a node is selected on the graph.
 *
 * <p>Contract:
 * <ul>
 * <li>Set "Parameters": one property per parameter of the operator, in declaration order, typed by
 *     {@link Parameter.Type} ({@code Double}, {@code Long}, {@code Boolean}, {@code String}; a {@code CHOICE} edits with
 *     its choices as tags, a {@code PATH} with a file chooser too). Display name: the name and its unit; short
 *     description: the parameter's description, range and default. The value is the node's own, or the default when the
 *     node does not set it; such properties report {@link org.openide.nodes.Node.Property#isDefaultValue()} and "restore default" removes the
 *     node's value.</li>
 * <li>Setting a value goes through {@link PipelineDocument#setParameter} (one undoable edit), which checks it with the
 *     operator's own {@link Parameter#coerce}; a refused value throws {@link IllegalArgumentException} carrying the
 *     operator's message as its localized message, so the property sheet shows that sentence and the document is not
 *     changed. Text typed into an editor is checked the same way when committed.</li>
 * <li>Set "Node" (read-only): id, operator id and version, the operator's description, the validator's problems of the
 *     node. A node whose operator is not installed shows its stored parameters read-only, and its problem.</li>
 * <li>Values are read from the document whenever asked, and every document change fires property changes, so undo, redo
 *     and edits elsewhere show at once. The node listens weakly: it does not keep itself alive through the document.</li>
 * </ul>
 */
public final class ParameterNode extends AbstractNode {

    static final String PARAMETERS = "parameters";
    static final String NODE = "node";

    private final PipelineDocument document;
    private final String nodeId;
    private final ChangeListener documentListener = e -> documentChanged();
    /** What the sheet's structure was built from; when it changes the sheet is rebuilt, otherwise only values refresh. */
    private List<Object> shape;

    private ParameterNode(PipelineDocument document, String nodeId) {
        super(Children.LEAF, Lookups.fixed(document));
        this.document = document;
        this.nodeId = nodeId;
        setName(nodeId);
        setDisplayName(nodeId);
        setShortDescription(operatorName());
        this.shape = shape();
        document.addChangeListener(WeakListeners.change(documentListener, document));
    }

    /** The property sheet node of pipeline node {@code nodeId} of {@code document}. */
    public static ParameterNode of(PipelineDocument document, String nodeId) {
        return new ParameterNode(
                Objects.requireNonNull(document, "document"), Objects.requireNonNull(nodeId, "nodeId"));
    }

    public PipelineDocument document() {
        return document;
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    protected Sheet createSheet() {
        Sheet sheet = Sheet.createDefault();
        Sheet.Set params = Sheet.createPropertiesSet();
        params.setName(PARAMETERS);
        params.setDisplayName("Parameters");
        Sheet.Set info = new Sheet.Set();
        info.setName(NODE);
        info.setDisplayName("Node");
        sheet.put(params);
        sheet.put(info);

        Node node = pipelineNode().orElse(null);
        Operator op = document.operatorOf(nodeId).orElse(null);
        if (op != null) {
            for (Parameter p : op.descriptor().parameters()) {
                params.put(new ParameterProperty(p));
            }
        }
        if (node != null) {
            for (String name : node.parameters().keySet()) {
                if (op == null || op.descriptor().parameter(name).isEmpty()) {
                    params.put(new StoredParameter(
                            name,
                            op == null
                                    ? "Stored in the file; the operator '" + node.operatorId()
                                            + "' is not installed, so it cannot be checked or edited"
                                    : "Stored in the file, but " + node.operatorId()
                                            + " has no such parameter (ignored when run)"));
                }
            }
        }

        info.put(new Info("id", "Id", "The node's id in the pipeline file (used by edges)", () -> nodeId));
        info.put(new Info(
                "operator", "Operator", "Operator id and the version the pipeline was saved with", this::operatorText));
        info.put(new Info("description", "Description", "What the operator computes", () -> document.operatorOf(nodeId)
                .map(o -> o.descriptor().description())
                .orElse("")));
        info.put(new Info(
                "inputs",
                "Pipeline inputs",
                "Named pipeline inputs that set parameters of this node when it runs",
                this::inputsText));
        info.put(new Info("problems", "Problems", "What the validator finds wrong with this node", this::problemsText));
        return sheet;
    }

    // ---- document ---------------------------------------------------------------------------------------------------

    private Optional<Node> pipelineNode() {
        return document.pipeline().node(nodeId);
    }

    private String operatorName() {
        Optional<Node> node = pipelineNode();
        if (node.isEmpty()) {
            return "(removed from the pipeline)";
        }
        return document.operatorOf(nodeId)
                .map(o -> o.descriptor().displayName())
                .orElse("unknown operator " + node.get().operatorId());
    }

    private String operatorText() {
        Node node = pipelineNode().orElse(null);
        if (node == null) {
            return "";
        }
        String text = node.operatorId() + " " + node.operatorVersion();
        Optional<Operator> op = document.operatorOf(nodeId);
        if (op.isEmpty()) {
            return text + " (not installed)";
        }
        String installed = op.get().descriptor().version();
        return installed.equals(node.operatorVersion()) ? text : text + " (installed: " + installed + ")";
    }

    private String problemsText() {
        List<Problem> problems = document.problemsOf(nodeId);
        return problems.isEmpty()
                ? "none"
                : problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    private String inputsText() {
        String text = document.pipeline().inputs().entrySet().stream()
                .filter(e -> e.getValue().node().equals(nodeId))
                .map(e -> e.getValue().parameter() + " ← '" + e.getKey() + "'"
                        + (e.getValue().defaultValue() == null
                                ? ""
                                : " (default " + e.getValue().defaultValue() + ")"))
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? "none" : text;
    }

    /** The pipeline input that gives a parameter its value at run time, if any. */
    private Optional<Map.Entry<String, InputBinding>> bindingOf(String parameter) {
        return document.pipeline().inputs().entrySet().stream()
                .filter(e -> e.getValue().node().equals(nodeId)
                        && e.getValue().parameter().equals(parameter))
                .findFirst();
    }

    private List<Object> shape() {
        Node node = pipelineNode().orElse(null);
        List<Object> s = new ArrayList<>();
        s.add(node == null ? "" : node.operatorId() + " " + node.operatorVersion());
        Operator op = document.operatorOf(nodeId).orElse(null);
        s.add(op == null ? null : op.descriptor());
        // stored parameters the operator does not declare have their own read-only rows
        s.add(
                node == null
                        ? List.of()
                        : node.parameters().keySet().stream()
                                .filter(name -> op == null
                                        || op.descriptor().parameter(name).isEmpty())
                                .toList());
        // the parameters' descriptions name the pipeline inputs that set them
        s.add(document.pipeline().inputs().entrySet().stream()
                .filter(e -> e.getValue().node().equals(nodeId))
                .map(e -> e.getKey() + "=" + e.getValue().parameter())
                .toList());
        return s;
    }

    private void documentChanged() {
        setShortDescription(operatorName());
        List<Object> now = shape();
        if (!now.equals(shape)) {
            shape = now;
            setSheet(createSheet());
        }
        for (PropertySet set : getPropertySets()) {
            for (org.openide.nodes.Node.Property<?> p : set.getProperties()) {
                firePropertyChange(p.getName(), null, null);
            }
        }
    }

    /**
     * The operator's message as an exception the property sheet shows as one sentence (its localized message), instead
     * of a stack trace.
     */
    static IllegalArgumentException refusal(IllegalArgumentException e) {
        IllegalArgumentException shown = new IllegalArgumentException(e.getMessage(), e);
        Exceptions.attachLocalizedMessage(shown, e.getMessage());
        return shown;
    }

    /** Short description of a parameter: its description, range, choices, default, and the input that sets it. */
    private String describe(Parameter p) {
        StringBuilder b = new StringBuilder(p.description());
        if (!p.range().isEmpty()) {
            b.append(". Range ").append(p.range());
        }
        if (p.type() == Parameter.Type.CHOICE) {
            b.append(". One of ").append(String.join(", ", p.choices()));
        }
        b.append(
                p.isRequired()
                        ? ". Required (no default)"
                        : ". Default " + p.defaultValue()
                                + (p.unit() == null ? "" : " " + p.unit().symbol()));
        bindingOf(p.name()).ifPresent(e -> b.append(". Given by the pipeline input '")
                .append(e.getKey())
                .append("' when the pipeline runs"));
        return b.toString();
    }

    // ---- properties -------------------------------------------------------------------------------------------------

    /** The Java type a parameter's values have in the sheet (as {@link Parameter}'s value contract says). */
    static Class<?> valueType(Parameter.Type type) {
        return switch (type) {
            case DOUBLE -> Double.class;
            case INTEGER -> Long.class;
            case BOOLEAN -> Boolean.class;
            case STRING, CHOICE, PATH -> String.class;
        };
    }

    /** One parameter of the operator, read from and written to the document. */
    final class ParameterProperty extends PropertySupport.ReadWrite<Object> {
        private final Parameter parameter;

        @SuppressWarnings("unchecked")
        ParameterProperty(Parameter parameter) {
            super(
                    parameter.name(),
                    (Class<Object>) valueType(parameter.type()),
                    parameter.name()
                            + (parameter.unit() == null
                                    ? ""
                                    : " (" + parameter.unit().symbol() + ")"),
                    describe(parameter));
            this.parameter = parameter;
        }

        Parameter parameter() {
            return parameter;
        }

        /**
         * The node's value, or the default if it sets none. A value stored in a file in another form (a whole number for
         * a double, a numeric string) is shown converted; one that cannot be converted shows as empty, and the "Node"
         * set's problems say why.
         */
        @Override
        public Object getValue() {
            Object stored = pipelineNode()
                    .map(n -> n.parameters().get(parameter.name()))
                    .orElse(null);
            if (stored == null) {
                return parameter.defaultValue();
            }
            try {
                return parameter.coerce(stored);
            } catch (IllegalArgumentException outOfRange) {
                // show a stored out-of-range value as it is, so the user sees what to repair
                try {
                    return new Parameter(
                                    parameter.name(),
                                    parameter.type(),
                                    null,
                                    null,
                                    null,
                                    parameter.unit(),
                                    parameter.description(),
                                    parameter.choices())
                            .coerce(stored);
                } catch (IllegalArgumentException wrongType) {
                    return valueType(parameter.type()) == String.class ? stored.toString() : null;
                }
            }
        }

        @Override
        public void setValue(Object value) throws IllegalArgumentException {
            try {
                document.setParameter(nodeId, parameter.name(), value);
            } catch (IllegalArgumentException e) {
                throw refusal(e);
            }
        }

        @Override
        public boolean canWrite() {
            return pipelineNode().isPresent();
        }

        @Override
        public boolean supportsDefaultValue() {
            return !parameter.isRequired();
        }

        @Override
        public boolean isDefaultValue() {
            return pipelineNode()
                    .map(n -> !n.parameters().containsKey(parameter.name()))
                    .orElse(true);
        }

        @Override
        public void restoreDefaultValue() {
            setValue(null);
        }

        @Override
        public PropertyEditor getPropertyEditor() {
            return switch (parameter.type()) {
                case BOOLEAN -> super.getPropertyEditor(); // the platform's check box
                case PATH ->
                    new ParameterEditors.PathEditor(
                            parameter,
                            document.file()
                                    .map(f -> f.toAbsolutePath().getParent())
                                    .orElse(null));
                default -> new ParameterEditors.TextEditor(parameter);
            };
        }
    }

    /** A parameter stored on the node that no installed operator declares: shown, not editable. */
    private final class StoredParameter extends PropertySupport.ReadOnly<String> {
        StoredParameter(String name, String description) {
            super(name, String.class, name, description);
        }

        @Override
        public String getValue() {
            return pipelineNode()
                    .map(n -> n.parameters().get(getName()))
                    .map(String::valueOf)
                    .orElse("");
        }
    }

    /** A read-only fact about the node, read live. */
    private static final class Info extends PropertySupport.ReadOnly<String> {
        private final java.util.function.Supplier<String> value;

        Info(String name, String displayName, String description, java.util.function.Supplier<String> value) {
            super(name, String.class, displayName, description);
            this.value = value;
        }

        @Override
        public String getValue() throws IllegalAccessException, InvocationTargetException {
            return value.get();
        }
    }

    /** Unwraps the sheet's property of a parameter (for tests and the window). */
    Optional<ParameterProperty> parameterProperty(String name) {
        for (PropertySet set : getPropertySets()) {
            for (org.openide.nodes.Node.Property<?> p : set.getProperties()) {
                if (p instanceof ParameterProperty pp && pp.getName().equals(name)) {
                    return Optional.of(pp);
                }
            }
        }
        return Optional.empty();
    }
}
