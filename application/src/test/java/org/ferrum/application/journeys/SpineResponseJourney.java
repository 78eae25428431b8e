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

import java.awt.Dialog;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.JTree;
import javax.swing.tree.TreePath;
import org.openide.windows.TopComponent;

/**
 * Journey (issue 17): open spine-qmri.json, run it on the simulated spine case, save the run to a subject's visit twice
 * (two visit dates), and find the study browser's Response tab for that subject with its chart.
 */
public class SpineResponseJourney extends JourneyCase {

    static final String SUBJECT = "DEMO-M01";

    public SpineResponseJourney(String name) {
        super(name);
    }

    public void testRunSaveTwiceAndSeeTheResponseChart() throws Exception {
        Path pipeline = testdata().resolve("pipelines/spine-qmri.json");
        Gui.menu(JourneyNames.MENU_OPEN_PIPELINE);
        Gui.chooseFile(JourneyNames.OPEN_PIPELINE_CHOOSER, pipeline);
        TopComponent editor = Gui.topComponent("spine-qmri.json", Gui.SHORT);
        Gui.activate(editor);
        List<String> nodes = EditorProbe.nodeIds(editor);
        assertTrue("nodes of spine-qmri: " + nodes, nodes.contains("tofts") && nodes.contains("measurements"));
        BrainQsmJourney.pressRun(editor);
        Matcher run = BrainQsmJourney.waitForRun(editor, "");
        assertEquals("every node runs (" + run.group() + ")", nodes.size(), Integer.parseInt(run.group(1)));
        endState("1-run");

        for (String date : List.of("2026-01-05", "2026-04-06")) {
            Gui.click(Gui.button(editor, "Save to study…", Gui.SHORT));
            Dialog d = Gui.dialog("Save run to study", Gui.SHORT);
            JComboBox<?> subject = Gui.find(d, JComboBox.class, c -> true, "the subject chooser", Gui.SHORT);
            Gui.onEdt(() -> {
                subject.setSelectedItem(SUBJECT);
                return null;
            });
            JTextField day = Gui.find(d, JTextField.class, f -> f.isShowing(), "the visit date", Gui.SHORT);
            Gui.onEdt(() -> {
                day.setText(date);
                return null;
            });
            assertTrue(
                    "the dialog has an OK button", Gui.press(d, List.of("OK")).isPresent());
            Gui.waitFor("the editor to say the run was saved on " + date, Gui.LONG, () -> Gui.label(
                            editor,
                            java.util.regex.Pattern.compile(
                                    "saved \\d+ maps and measurements to " + SUBJECT + ", visit " + date + ".*"))
                    .map(Gui::text));
        }
        endState("2-saved-twice");

        if (Gui.findTopComponent(JourneyNames.STUDY_BROWSER_WINDOW).isEmpty()) {
            Gui.menu("Window|Study Browser");
        }
        TopComponent study = Gui.topComponent(JourneyNames.STUDY_BROWSER_WINDOW, Gui.SHORT);
        Gui.activate(study);
        JTree tree = Gui.find(study, JTree.class, JTree::isShowing, "the study tree", Gui.SHORT);
        TreePath path = Gui.waitFor(
                "the subject " + SUBJECT + " in the study tree",
                Gui.SHORT,
                () -> Gui.onEdt(() -> {
                    for (int r = 0; r < tree.getRowCount(); r++) {
                        TreePath p = tree.getPathForRow(r);
                        if (String.valueOf(p.getLastPathComponent()).startsWith(SUBJECT)) {
                            return java.util.Optional.of(p);
                        }
                    }
                    return java.util.Optional.<TreePath>empty();
                }));
        Gui.onEdt(() -> {
            tree.setSelectionPath(path);
            return null;
        });
        JTabbedPane tabs = Gui.find(
                study,
                JTabbedPane.class,
                t -> t.indexOfTab("Response " + SUBJECT) >= 0,
                "the Response tab of " + SUBJECT,
                Gui.LONG);
        Gui.onEdt(() -> {
            tabs.setSelectedIndex(tabs.indexOfTab("Response " + SUBJECT));
            return null;
        });
        Gui.byClassName(study, "PlottedChartPanel", Gui.SHORT);
        List<JLabel> refused = Gui.findAll(
                study,
                JLabel.class,
                l -> l.isShowing()
                        && l.getText() != null
                        && l.getText().startsWith("The saved runs cannot be charted"));
        assertTrue(
                "the response chart was refused: "
                        + refused.stream().map(Gui::text).toList(),
                refused.isEmpty());
        endState("3-response-chart");
        Gui.closeDiscarding(JourneyNames.EDITOR_WINDOW);
    }
}
