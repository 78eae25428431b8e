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
package org.ferrum.application.journeys;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import javax.swing.JTable;
import javax.swing.text.JTextComponent;
import org.netbeans.jemmy.operators.JTableOperator;
import org.openide.windows.TopComponent;

/**
 * Journey 2 (issue 15): File ▸ Open Pipeline… on {@code testdata/pipelines/brain-qsm.json}; Run; change the dipole
 * inversion's iteration limit in the parameter sheet; the changed node (and nothing upstream of it) turns stale; Run
 * again: only that node runs, the rest comes from the cache; Show outputs puts its χ map in the viewer.
 */
public class BrainQsmJourney extends JourneyCase {

    public BrainQsmJourney(String name) {
        super(name);
    }

    public void testOpenRunChangeAParameterAndReRun() throws Exception {
        Path pipeline = testdata().resolve("pipelines/brain-qsm.json");
        Gui.menu(JourneyNames.MENU_OPEN_PIPELINE);
        Gui.chooseFile(JourneyNames.OPEN_PIPELINE_CHOOSER, pipeline);
        TopComponent editor = Gui.topComponent("brain-qsm.json", Gui.SHORT);
        assertTrue(
                "brain-qsm.json did not open in the pipeline editor: " + Gui.describeOpened(),
                Gui.matches(editor, JourneyNames.EDITOR_WINDOW));
        Gui.activate(editor);
        List<String> nodes = EditorProbe.nodeIds(editor);
        assertTrue(
                "nodes of brain-qsm: " + nodes,
                nodes.contains(JourneyNames.BRAIN_QSM_NODE) && nodes.containsAll(JourneyNames.BRAIN_QSM_UPSTREAM));

        // first run: every node computes
        pressRun(editor);
        Matcher first = waitForRun(editor, "");
        assertEquals(
                "first run: every node runs (" + first.group() + ")", nodes.size(), Integer.parseInt(first.group(1)));
        for (String n : nodes) {
            assertTrue(
                    n + " after the first run: " + EditorProbe.stateLine(editor, n),
                    EditorProbe.stateIs(editor, n, JourneyNames.FINISHED_STATES));
        }
        endState("1-first-run");

        // change a parameter of the last node in the parameter sheet
        String node = JourneyNames.BRAIN_QSM_NODE;
        Gui.clickAt(EditorProbe.view(editor), EditorProbe.nodeTitle(editor, node), 1);
        setParameter(editor, JourneyNames.BRAIN_QSM_PARAMETER, JourneyNames.BRAIN_QSM_NEW_VALUE);
        Gui.waitFor(
                node + " to turn stale after its parameter changed (state line: " + EditorProbe.stateLine(editor, node)
                        + ")",
                Gui.SHORT,
                () -> EditorProbe.stateIs(editor, node, List.of(JourneyNames.STALE_STATE)));
        assertTrue(
                "the state line names the changed parameter: " + EditorProbe.stateLine(editor, node),
                EditorProbe.stateLine(editor, node).contains(JourneyNames.BRAIN_QSM_PARAMETER));
        for (String up : JourneyNames.BRAIN_QSM_UPSTREAM) {
            assertTrue(
                    up + " (upstream of the change) must stay finished: " + EditorProbe.stateLine(editor, up),
                    EditorProbe.stateIs(editor, up, JourneyNames.FINISHED_STATES));
        }
        assertTrue(
                "the window title marks the edit: " + editor.getDisplayName(),
                Gui.onEdt(editor::getDisplayName).endsWith("*"));
        endState("2-parameter-changed");

        // re-run: only the changed node runs
        pressRun(editor);
        Matcher second = waitForRun(editor, first.group());
        assertEquals(
                "re-run after changing " + node + ": only it runs (" + second.group() + ")",
                1,
                Integer.parseInt(second.group(1)));
        assertEquals(
                "re-run: the upstream nodes come from the cache (" + second.group() + ")",
                nodes.size() - 1,
                Integer.parseInt(second.group(2)));
        assertTrue(
                node + " after the re-run: " + EditorProbe.stateLine(editor, node),
                EditorProbe.stateIs(editor, node, JourneyNames.FINISHED_STATES));
        assertTrue(
                "the re-run's reason is the changed parameter: " + EditorProbe.stateTooltip(editor, node),
                EditorProbe.stateTooltip(editor, node).contains(JourneyNames.BRAIN_QSM_PARAMETER));

        // the viewer shows the re-run's output
        Gui.clickAt(EditorProbe.view(editor), EditorProbe.nodeTitle(editor, node), 1);
        int viewersBefore = Gui.topComponents(JourneyNames.VIEWER_WINDOW).size();
        Gui.click(Gui.button(editor, JourneyNames.SHOW_OUTPUTS_BUTTON, Gui.SHORT));
        Gui.waitFor(
                "a viewer with the output of " + node + "; open: " + Gui.describeOpened(),
                Gui.LONG,
                () -> Gui.topComponents(JourneyNames.VIEWER_WINDOW).size() > viewersBefore);
        TopComponent viewer = Gui.topComponents(JourneyNames.VIEWER_WINDOW).get(viewersBefore);
        Gui.activate(viewer);
        String title = Gui.title(viewer);
        assertTrue("the viewer's title names the node: " + title, title.contains(node));
        endState("3-rerun-output-in-viewer");

        Gui.closeDiscarding(JourneyNames.EDITOR_WINDOW);
    }

    /** Presses Run; if a dialog asks for the inputs first, starts the run with the values it shows (the defaults). */
    static void pressRun(TopComponent editor) {
        Gui.click(Gui.button(editor, JourneyNames.RUN_BUTTON, Gui.SHORT));
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until) {
            java.util.Optional<java.awt.Dialog> asks = Gui.modalDialog();
            if (asks.isPresent()) {
                assertTrue(
                        "the run dialog has none of " + JourneyNames.RUN_DIALOG_CONFIRM,
                        Gui.press(asks.get(), JourneyNames.RUN_DIALOG_CONFIRM).isPresent());
                return;
            }
            Gui.sleep(100);
        }
    }

    /**
     * Waits until the editor's status line says that the whole pipeline ran, with a line other than {@code previous} (the
     * last run's), and returns it (group 1: nodes that ran, group 2: nodes from the cache).
     */
    static Matcher waitForRun(TopComponent editor, String previous) {
        return Gui.waitFor(
                "the run to finish (editor texts: "
                        + Gui.findAll(editor, javax.swing.JLabel.class, l -> true).stream()
                                .map(Gui::text)
                                .filter(t -> t != null && !t.isBlank())
                                .toList()
                        + ")",
                Gui.LONG,
                () -> Gui.label(editor, JourneyNames.RUN_FINISHED)
                        .map(Gui::text)
                        .filter(t -> !t.equals(previous))
                        .map(t -> {
                            Matcher m = JourneyNames.RUN_FINISHED.matcher(t);
                            return m.matches() ? m : null;
                        }));
    }

    /**
     * Sets a parameter of the selected node in the editor's parameter sheet: click the value cell of the row with that
     * name, type the value, Enter.
     */
    static void setParameter(TopComponent editor, String parameter, String value) {
        JTable sheet = Gui.find(
                editor,
                JTable.class,
                t -> rowOf(t, parameter) >= 0,
                "the parameter sheet with a row '" + parameter + "'",
                Gui.SHORT);
        int row = Gui.onEdt(() -> rowOf(sheet, parameter));
        JTableOperator table = new JTableOperator(sheet);
        table.clickOnCell(row, 1);
        JTextComponent field =
                Gui.waitFor("an editor in the value cell of '" + parameter + "'", Gui.SHORT, () -> Gui.focusOwner()
                        .filter(JTextComponent.class::isInstance)
                        .map(JTextComponent.class::cast));
        Gui.type(field, value);
        Gui.pushKey(field, KeyEvent.VK_ENTER);
    }

    /** The sheet row whose name column is {@code parameter} (the name as shown, with or without its unit). */
    private static int rowOf(JTable sheet, String parameter) {
        for (int r = 0; r < sheet.getRowCount(); r++) {
            Object v = sheet.getValueAt(r, 0);
            String shown = v instanceof java.beans.FeatureDescriptor f ? f.getDisplayName() : String.valueOf(v);
            if (shown.equals(parameter) || shown.startsWith(parameter + " (")) {
                return r;
            }
        }
        return -1;
    }
}
