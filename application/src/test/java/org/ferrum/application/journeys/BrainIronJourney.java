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
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.openide.windows.TopComponent;

/**
 * Journey (issue 18): the study browser on the demo cohort shows the Brain iron tab; choose the caudate, both
 * hemispheres and ferritin as a covariate, and find the lines-and-trend chart, the model table, the paired
 * pre/post-dialysis chart and the χ–R2* scatter; then R2*, whose chart warns about the demo's 1.5 T and 3 T scans.
 */
public class BrainIronJourney extends JourneyCase {

    public BrainIronJourney(String name) {
        super(name);
    }

    public void testTheBrainIronTabOnTheDemoCohort() throws Exception {
        if (Gui.findTopComponent(JourneyNames.STUDY_BROWSER_WINDOW).isEmpty()) {
            Gui.menu("Window|Study Browser");
        }
        TopComponent study = Gui.topComponent(JourneyNames.STUDY_BROWSER_WINDOW, Gui.SHORT);
        Gui.activate(study);
        JTabbedPane tabs = Gui.find(
                study, JTabbedPane.class, t -> t.indexOfTab("Brain iron") >= 0, "the Brain iron tab", Gui.LONG);
        Gui.onEdt(() -> {
            tabs.setSelectedIndex(tabs.indexOfTab("Brain iron"));
            return null;
        });
        JComboBox<?> nucleus = (JComboBox<?>) Gui.byName(study, "brainIron.nucleus", Gui.SHORT);
        JComboBox<?> hemisphere = (JComboBox<?>) Gui.byName(study, "brainIron.hemisphere", Gui.SHORT);
        JCheckBox ferritin = (JCheckBox) Gui.byName(study, "brainIron.covariate.1", Gui.SHORT);
        Gui.onEdt(() -> {
            nucleus.setSelectedItem("caudate");
            hemisphere.setSelectedItem("both");
            ferritin.doClick();
            return null;
        });
        for (String chart : List.of("brainIron.trendChart", "brainIron.pairedChart", "brainIron.scatter")) {
            Gui.byName(study, chart, Gui.SHORT);
        }
        JTable model = (JTable) Gui.byName(study, "brainIron.model", Gui.SHORT);
        assertTrue("the model table has rows", Gui.onEdt(() -> model.getRowCount() > 0));
        endState("1-brain-iron-caudate");
        JComboBox<?> map = (JComboBox<?>) Gui.byName(study, "brainIron.map", Gui.SHORT);
        Gui.onEdt(() -> {
            map.setSelectedItem("r2star");
            return null;
        });
        Gui.waitFor("the R2* chart's field-strength warning", Gui.SHORT, () -> {
            org.ferrum.charts.PlottedChartPanel p =
                    (org.ferrum.charts.PlottedChartPanel) Gui.byName(study, "brainIron.trendChart", Gui.SHORT);
            return Gui.onEdt(() -> {
                var chart = p.plotted().chart();
                for (int i = 0; i < chart.getSubtitleCount(); i++) {
                    if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t
                            && t.getText().startsWith("Warning: scans at 1.5 T and 3 T")) {
                        return true;
                    }
                }
                return false;
            });
        });
        endState("2-brain-iron-r2star-warning");
    }

    static final String SUBJECT = "DEMO-H01";

    /**
     * brain-iron.json on both visits of the simulated study (visit 2 chosen in the Run dialog), each run saved to a
     * visit of {@link #SUBJECT} two years apart at 3 T; the Brain iron tab's trend chart then holds two more scans of
     * that subject for the left pallidum.
     */
    public void testRunBothVisitsSaveThemAndChartThem() throws Exception {
        int before = scansOf(trendChart("globus pallidus", "left"));
        Path pipeline = testdata().resolve("pipelines/brain-iron.json");
        Gui.menu(JourneyNames.MENU_OPEN_PIPELINE);
        Gui.chooseFile(JourneyNames.OPEN_PIPELINE_CHOOSER, pipeline);
        TopComponent editor = Gui.topComponent("brain-iron.json", Gui.SHORT);
        Gui.activate(editor);
        List<String> nodes = EditorProbe.nodeIds(editor);
        assertTrue("nodes of brain-iron: " + nodes, nodes.contains("register") && nodes.contains("measure"));
        String previous = "";
        for (String[] visit : new String[][] {{"ses-01", "2026-03-02"}, {"ses-02", "2028-03-06"}}) {
            Gui.click(Gui.button(editor, JourneyNames.RUN_BUTTON, Gui.SHORT));
            Dialog ask = Gui.waitFor("the Run dialog", Gui.SHORT, Gui::modalDialog);
            JTextField gre = Gui.find(
                    ask,
                    JTextField.class,
                    f -> f.getText().endsWith("/anat"),
                    "the gre input of the Run dialog",
                    Gui.SHORT);
            Gui.onEdt(() -> {
                gre.setText("../brain/sub-01/" + visit[0] + "/anat");
                return null;
            });
            assertTrue(
                    "the Run dialog runs",
                    Gui.press(ask, JourneyNames.RUN_DIALOG_CONFIRM).isPresent());
            Matcher run = BrainQsmJourney.waitForRun(editor, previous);
            previous = run.group();
            assertEquals(
                    "every node but the seedless grow runs (" + run.group() + ")",
                    nodes.size() - 1,
                    Integer.parseInt(run.group(1)) + Integer.parseInt(run.group(2)));
            Gui.click(Gui.button(editor, "Save to study…", Gui.SHORT));
            Dialog d = Gui.dialog("Save run to study", Gui.SHORT);
            JComboBox<?> subject =
                    Gui.find(d, JComboBox.class, c -> c.getName() == null, "the subject chooser", Gui.SHORT);
            JTextField day = Gui.find(
                    d, JTextField.class, f -> f.isShowing() && f.getName() == null, "the visit date", Gui.SHORT);
            JTextField tesla = (JTextField) Gui.byName(d, "saveRun.fieldStrength", Gui.SHORT);
            Gui.onEdt(() -> {
                subject.setSelectedItem(SUBJECT);
                day.setText(visit[1]);
                tesla.setText("3");
                return null;
            });
            assertTrue(
                    "the dialog has an OK button", Gui.press(d, List.of("OK")).isPresent());
            Gui.waitFor("the editor to say the run was saved on " + visit[1], Gui.LONG, () -> Gui.label(
                            editor,
                            java.util.regex.Pattern.compile(
                                    "saved \\d+ maps and measurements to " + SUBJECT + ", visit " + visit[1] + ".*"))
                    .map(Gui::text));
            endState("run-and-saved-" + visit[0]);
        }
        // Poll once a second (each look rebuilds the tab's charts when the study browser has reloaded).
        int after = before;
        for (int i = 0; i < 30 && after < before + 2; i++) {
            Gui.sleep(1000);
            after = scansOf(trendChart("globus pallidus", "left"));
        }
        assertEquals("two more scans of " + SUBJECT, before + 2, after);
        endState("3-saved-visits-charted");
        Gui.closeDiscarding(JourneyNames.EDITOR_WINDOW);
    }

    /** The Brain iron tab's trend chart for a nucleus side (χ, CSF). */
    private static org.ferrum.charts.PlottedChartPanel trendChart(String nucleus, String side) {
        if (Gui.findTopComponent(JourneyNames.STUDY_BROWSER_WINDOW).isEmpty()) {
            Gui.menu("Window|Study Browser");
        }
        TopComponent study = Gui.topComponent(JourneyNames.STUDY_BROWSER_WINDOW, Gui.SHORT);
        Gui.activate(study);
        JTabbedPane tabs = Gui.find(
                study, JTabbedPane.class, t -> t.indexOfTab("Brain iron") >= 0, "the Brain iron tab", Gui.LONG);
        Gui.onEdt(() -> {
            tabs.setSelectedIndex(tabs.indexOfTab("Brain iron"));
            return null;
        });
        JComboBox<?> n = (JComboBox<?>) Gui.byName(study, "brainIron.nucleus", Gui.SHORT);
        JComboBox<?> h = (JComboBox<?>) Gui.byName(study, "brainIron.hemisphere", Gui.SHORT);
        Gui.onEdt(() -> {
            n.setSelectedItem(nucleus);
            h.setSelectedItem(side);
            return null;
        });
        return (org.ferrum.charts.PlottedChartPanel) Gui.byName(study, "brainIron.trendChart", Gui.SHORT);
    }

    /** Points of {@link #SUBJECT}'s series in a trend chart. */
    private static int scansOf(org.ferrum.charts.PlottedChartPanel panel) {
        return Gui.onEdt(() -> {
            XYPlot plot = panel.plotted().chart().getXYPlot();
            int n = 0;
            for (int i = 0; i < plot.getDatasetCount(); i++) {
                XYDataset d = plot.getDataset(i);
                for (int s = 0; d != null && s < d.getSeriesCount(); s++) {
                    if (String.valueOf(d.getSeriesKey(s)).startsWith(SUBJECT)) {
                        n += d.getItemCount(s);
                    }
                }
            }
            return n;
        });
    }
}
