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

import java.util.List;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
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
}
