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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.PropertyEditor;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.swing.undo.UndoManager;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.junit.jupiter.api.Test;
import org.openide.nodes.Node.Property;
import org.openide.nodes.Node.PropertySet;
import org.openide.util.Exceptions;

/** The property sheet of a node, generated from operator metadata; plain objects, no display needed. */
class ParameterNodeTest {

    /** One parameter of every type. */
    static final class Fit implements Operator {
        static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("test.fit", "1.2")
                .displayName("Test fit")
                .category("Tests")
                .description("Fits nothing; declares one parameter of every type.")
                .input(Port.required("signal", PortTypes.VOLUME, "signal"))
                .output(Port.output("map", PortTypes.VOLUME, "map"))
                .parameter(Parameter.number("te", 0.005, 0.001, 0.1, PhysicalUnit.SECOND, "First echo time"))
                .parameter(Parameter.integer("iterations", 100, 1L, 1000L, "Iterations of the solver"))
                .parameter(Parameter.flag("weighted", true, "Weight echoes by magnitude"))
                .parameter(Parameter.choice("model", "mono", List.of("mono", "bi", "stretched"), "Decay model"))
                .parameter(Parameter.text("label", "fit", "Name of the result"))
                .parameter(Parameter.path("table", null, "Calibration table"))
                .build();

        @Override
        public OperatorDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public void run(OperatorContext context) {}
    }

    private static PipelineDocument document(Node... nodes) {
        return new PipelineDocument(
                new Pipeline("t", "", List.of(nodes), List.of(), Map.of(), Map.of()),
                OperatorRegistry.of(List.of(new Fit())),
                null);
    }

    private static PropertySet set(ParameterNode n, String name) {
        return Arrays.stream(n.getPropertySets())
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Property<?> property(ParameterNode n, String set, String name) {
        return Arrays.stream(set(n, set).getProperties())
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no property " + name));
    }

    @SuppressWarnings("unchecked")
    private static void set(Property<?> p, Object value) throws Exception {
        ((Property<Object>) p).setValue(value);
    }

    @Test
    void onePropertyPerParameterTypedWithDefaultsAndUnits() throws Exception {
        PipelineDocument doc =
                document(new Node("fit", "test.fit", "1.2", Map.of("iterations", 250L), new Position(0, 0)));
        ParameterNode n = ParameterNode.of(doc, "fit");
        assertEquals("fit", n.getDisplayName());
        assertEquals("Test fit", n.getShortDescription());

        List<String> names = new ArrayList<>();
        for (Property<?> p : set(n, ParameterNode.PARAMETERS).getProperties()) {
            names.add(p.getName());
        }
        assertEquals(List.of("te", "iterations", "weighted", "model", "label", "table"), names);

        Property<?> te = property(n, ParameterNode.PARAMETERS, "te");
        assertEquals(Double.class, te.getValueType());
        assertEquals(0.005, te.getValue());
        assertEquals("te (s)", te.getDisplayName());
        assertTrue(te.getShortDescription().contains("First echo time"), te.getShortDescription());
        assertTrue(te.getShortDescription().contains("[0.001, 0.1] s"), "range with unit: " + te.getShortDescription());
        assertTrue(te.getShortDescription().contains("Default 0.005"), te.getShortDescription());
        assertTrue(te.isDefaultValue() && te.supportsDefaultValue());
        assertTrue(te.canWrite());

        Property<?> it = property(n, ParameterNode.PARAMETERS, "iterations");
        assertEquals(Long.class, it.getValueType());
        assertEquals(250L, it.getValue(), "the node's own value, not the default");
        assertFalse(it.isDefaultValue());

        assertEquals(
                Boolean.class, property(n, ParameterNode.PARAMETERS, "weighted").getValueType());
        assertEquals(
                Boolean.TRUE, property(n, ParameterNode.PARAMETERS, "weighted").getValue());
        assertEquals(
                String.class, property(n, ParameterNode.PARAMETERS, "model").getValueType());
        assertEquals("mono", property(n, ParameterNode.PARAMETERS, "model").getValue());
        assertEquals("fit", property(n, ParameterNode.PARAMETERS, "label").getValue());

        Property<?> table = property(n, ParameterNode.PARAMETERS, "table");
        assertEquals(String.class, table.getValueType());
        assertNull(table.getValue(), "a required path without value is empty");
        assertFalse(table.supportsDefaultValue(), "no default to restore");
        assertTrue(table.getPropertyEditor().supportsCustomEditor(), "a path has the file chooser");

        // the Node set: id, operator and version, description, problems (the required path is missing)
        assertEquals("fit", property(n, ParameterNode.NODE, "id").getValue());
        assertEquals("test.fit 1.2", property(n, ParameterNode.NODE, "operator").getValue());
        assertTrue(((String) property(n, ParameterNode.NODE, "description").getValue()).startsWith("Fits nothing"));
        assertTrue(((String) property(n, ParameterNode.NODE, "problems").getValue()).contains("table"), (String)
                property(n, ParameterNode.NODE, "problems").getValue());
        for (Property<?> p : set(n, ParameterNode.NODE).getProperties()) {
            assertFalse(p.canWrite(), p.getName() + " is read-only");
        }
    }

    @Test
    void settingAValueEditsTheDocumentAndUndoShowsTheOldValue() throws Exception {
        PipelineDocument doc = document(new Node("fit", "test.fit", "1.2", Map.of(), null));
        UndoManager undo = new UndoManager();
        doc.addUndoableEditListener(undo);
        ParameterNode n = ParameterNode.of(doc, "fit");
        List<String> fired = new ArrayList<>();
        n.addPropertyChangeListener(e -> fired.add(e.getPropertyName()));
        Property<?> te = property(n, ParameterNode.PARAMETERS, "te");

        set(te, 0.02);
        assertEquals(0.02, doc.pipeline().node("fit").orElseThrow().parameters().get("te"));
        assertEquals(0.02, te.getValue());
        assertFalse(te.isDefaultValue());
        assertTrue(fired.contains("te"), "the sheet is told: " + fired);

        fired.clear();
        undo.undo();
        assertEquals(0.005, te.getValue(), "undo shows the default again");
        assertTrue(te.isDefaultValue());
        assertTrue(fired.contains("te"), "undo refreshes the sheet: " + fired);

        undo.redo();
        assertEquals(0.02, te.getValue());
        te.restoreDefaultValue();
        assertFalse(
                doc.pipeline().node("fit").orElseThrow().parameters().containsKey("te"), "restore default unsets it");

        // typed text is converted by the operator's metadata, e.g. into a Long
        PropertyEditor ed = property(n, ParameterNode.PARAMETERS, "iterations").getPropertyEditor();
        ed.setAsText("40");
        assertEquals(40L, ed.getValue());
    }

    @Test
    void anOutOfRangeValueIsRefusedWithTheOperatorsMessage() throws Exception {
        PipelineDocument doc = document(new Node("fit", "test.fit", "1.2", Map.of("te", 0.01), null));
        ParameterNode n = ParameterNode.of(doc, "fit");
        Pipeline before = doc.pipeline();
        Property<?> te = property(n, ParameterNode.PARAMETERS, "te");

        String expected = assertThrows(
                        IllegalArgumentException.class,
                        () -> Fit.DESCRIPTOR.parameter("te").orElseThrow().coerce(5.0))
                .getMessage();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set(te, 5.0));
        assertEquals(expected, e.getMessage());
        assertEquals(expected, Exceptions.findLocalizedMessage(e), "the sheet shows the operator's sentence");
        assertTrue(expected.contains("outside its range"), expected);
        assertEquals(before, doc.pipeline(), "the document is unchanged");
        assertEquals(0.01, te.getValue());

        // text typed into the editor is refused the same way, before it reaches the document
        PropertyEditor ed = te.getPropertyEditor();
        IllegalArgumentException typed = assertThrows(IllegalArgumentException.class, () -> ed.setAsText("fast"));
        assertTrue(Exceptions.findLocalizedMessage(typed).contains("must be a number"), typed.getMessage());
        IllegalArgumentException choice = assertThrows(
                IllegalArgumentException.class, () -> set(property(n, ParameterNode.PARAMETERS, "model"), "triple"));
        assertTrue(choice.getMessage().contains("expected one of"), choice.getMessage());
        assertEquals(before, doc.pipeline());
    }

    @Test
    void numbersAreCheckedAsTheyAreTyped() throws Exception {
        PipelineDocument doc = document(new Node("fit", "test.fit", "1.2", Map.of("te", 0.01), null));
        ParameterNode n = ParameterNode.of(doc, "fit");
        javax.swing.SwingUtilities.invokeAndWait(() -> {
            ParameterEditors.TextEditor ed = (ParameterEditors.TextEditor)
                    property(n, ParameterNode.PARAMETERS, "te").getPropertyEditor();
            ed.setValue(0.01);
            ParameterEditors.CheckedField field = ed.inplaceEditor();
            field.connect(ed, null);
            assertEquals("0.01", field.getText(), "starts from the current value");
            assertNull(field.problem());
            field.setText("0.5");
            assertNotNull(field.problem(), "out of range while typing");
            assertTrue(field.getToolTipText().contains("outside its range"), field.getToolTipText());
            field.setText("0.5x");
            assertTrue(field.problem().contains("must be a number"), field.problem());
            field.setText("0.02");
            assertNull(field.problem());
            field.setText("");
            assertNull(field.problem(), "blank means the default");
            assertFalse(((ParameterEditors.TextEditor)
                            property(n, ParameterNode.PARAMETERS, "label").getPropertyEditor())
                    .isNumber());
        });
        assertEquals(
                0.01, doc.pipeline().node("fit").orElseThrow().parameters().get("te"), "typing alone changes nothing");
    }

    @Test
    void aChoiceListsItsChoicesAsTags() throws Exception {
        PipelineDocument doc = document(new Node("fit", "test.fit", "1.2", Map.of(), null));
        ParameterNode n = ParameterNode.of(doc, "fit");
        PropertyEditor ed = property(n, ParameterNode.PARAMETERS, "model").getPropertyEditor();
        assertArrayEquals(new String[] {"mono", "bi", "stretched"}, ed.getTags());
        assertNull(
                property(n, ParameterNode.PARAMETERS, "label")
                        .getPropertyEditor()
                        .getTags(),
                "free text has no tags");

        // the installed Tikhonov operator's regularisation, as the sheet shows it
        OperatorRegistry installed = OperatorRegistry.installed();
        PipelineDocument qsm = PipelineDocument.empty(installed);
        String id = qsm.addNode("qsm.dipole.tikhonov", new Position(0, 0));
        ParameterNode tikhonov = ParameterNode.of(qsm, id);
        PropertyEditor reg =
                property(tikhonov, ParameterNode.PARAMETERS, "regularisation").getPropertyEditor();
        assertEquals(
                installed
                        .find("qsm.dipole.tikhonov")
                        .orElseThrow()
                        .descriptor()
                        .parameter("regularisation")
                        .orElseThrow()
                        .choices(),
                List.of(reg.getTags()));
        reg.setAsText("identity");
        set(property(tikhonov, ParameterNode.PARAMETERS, "regularisation"), reg.getValue());
        assertEquals(
                "identity", qsm.pipeline().node(id).orElseThrow().parameters().get("regularisation"));
    }

    @Test
    void aNodeOfAnUnknownOperatorIsReadOnlyAndShowsItsProblem() throws Exception {
        PipelineDocument doc =
                document(new Node("old", "test.retired", "2.0", Map.of("alpha", 0.3, "mode", "fast"), null));
        ParameterNode n = ParameterNode.of(doc, "old");
        assertTrue(n.getShortDescription().contains("test.retired"), n.getShortDescription());
        PropertySet params = set(n, ParameterNode.PARAMETERS);
        assertEquals(2, params.getProperties().length, "the stored parameters are shown, not dropped");
        for (Property<?> p : params.getProperties()) {
            assertFalse(p.canWrite(), p.getName() + " must be read-only");
        }
        assertEquals("0.3", property(n, ParameterNode.PARAMETERS, "alpha").getValue());
        assertEquals(
                "test.retired 2.0 (not installed)",
                property(n, ParameterNode.NODE, "operator").getValue());
        String problems = (String) property(n, ParameterNode.NODE, "problems").getValue();
        assertTrue(problems.contains("test.retired"), problems);
        assertThrows(IllegalArgumentException.class, () -> doc.setParameter("old", "alpha", 0.5));
    }

    @Test
    void doublesShowAsPeopleWriteThemAndReadBack() {
        for (double d : new double[] {3e-4, 0.001, 1, 2.5, 100, -7.25, 1e-9, Double.MAX_VALUE, -Double.MAX_VALUE, 0}) {
            String text = ParameterEditors.decimal(d);
            assertEquals(d, Double.parseDouble(text), text);
        }
        assertEquals("0.0003", ParameterEditors.decimal(3e-4));
        assertEquals("1", ParameterEditors.decimal(1.0));
        assertTrue(ParameterEditors.decimal(Double.MAX_VALUE).contains("E"), "no 309-digit numbers");
    }

    @Test
    void theNodeSetNamesThePipelineInputsThatSetItsParameters() throws Exception {
        Pipeline p = new Pipeline(
                "t",
                "",
                List.of(new Node("fit", "test.fit", "1.2", Map.of(), null)),
                List.of(),
                Map.of("calibration", new org.ferrum.pipeline.InputBinding("fit", "table", "lic.csv", "LIC table")),
                Map.of());
        ParameterNode n =
                ParameterNode.of(new PipelineDocument(p, OperatorRegistry.of(List.of(new Fit())), null), "fit");
        String inputs = (String) property(n, ParameterNode.NODE, "inputs").getValue();
        assertTrue(inputs.contains("table") && inputs.contains("calibration"), inputs);
        assertTrue(property(n, ParameterNode.PARAMETERS, "table")
                .getShortDescription()
                .contains("'calibration'"));
    }

    @Test
    void aChosenPathInsideThePipelineFolderIsStoredRelative() {
        Path base = Path.of("/data/study/pipelines");
        ParameterEditors.PathEditor ed = new ParameterEditors.PathEditor(
                Fit.DESCRIPTOR.parameter("table").orElseThrow(), base);
        assertEquals(
                Path.of("/data/study/calib/lic.csv").toAbsolutePath().toString(),
                ed.stored(new File("/data/study/calib/lic.csv")),
                "outside the pipeline's folder: absolute");
        assertEquals("tables/lic.csv", ed.stored(new File("/data/study/pipelines/tables/lic.csv")));
        assertEquals(base.resolve("tables/lic.csv"), ed.resolve("tables/lic.csv"));
        assertNotNull(ed.getCustomEditor(), "a file chooser, built without a display");
    }
}
