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

import java.awt.Component;
import java.awt.Container;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import javax.swing.JLabel;
import org.openide.windows.TopComponent;

/**
 * Journey 1 (issue 15): the first start with a fresh user directory. The welcome window and the study browser open, the
 * demo visit's maps open in a comparison, and the log has no SEVERE record and no exception. (NbModuleSuite fails the
 * journey on any SEVERE record or logged exception as well; this also reads the log file as a user would.)
 */
public class FirstStartJourney extends JourneyCase {

    public FirstStartJourney(String name) {
        super(name);
    }

    /**
     * The welcome window and the study browser open, the comparison workspace of the demo visit's maps opens with four
     * tiles — χ, R2*, LIC, PDFF, each labelled with its unit and with a colour bar — and messages.log has no SEVERE record
     * and no exception.
     */
    public void testFirstStart() throws Exception {
        TopComponent welcome = Gui.topComponent(JourneyNames.WELCOME_WINDOW, Gui.LONG);
        Gui.topComponent(JourneyNames.STUDY_BROWSER_WINDOW, Gui.LONG);
        TopComponent comparison = Gui.topComponent(JourneyNames.DEMO_COMPARISON_TITLE, Gui.LONG);
        assertTrue(
                "the demo maps opened in " + comparison.getClass().getName() + ", not the comparison workspace",
                Gui.matches(comparison, JourneyNames.COMPARE_WINDOW));
        Gui.activate(comparison);
        List<String> maps = new ArrayList<>();
        for (int n = 1; n <= JourneyNames.DEMO_MAPS.size(); n++) {
            Component tile = Gui.byName(comparison, JourneyNames.COMPARE_TILE + n, Gui.LONG);
            Gui.byName((Container) tile, JourneyNames.COMPARE_VIEW + n, Gui.SHORT);
            Component bar = Gui.byName((Container) tile, "compare.colourBar." + n, Gui.SHORT);
            assertTrue("tile " + n + "'s colour bar is squeezed: " + bar.getSize(), Gui.onEdt(bar::getWidth) >= 20);
            List<String> labels = Gui.findAll(
                            (Container) tile,
                            JLabel.class,
                            l -> l.isShowing()
                                    && l.getText() != null
                                    && JourneyNames.COMPARE_TILE_LABEL
                                            .matcher(l.getText())
                                            .matches())
                    .stream()
                    .map(Gui::text)
                    .toList();
            assertFalse("tile " + n + " has no \"map [unit]\" label:\n" + Gui.dumpWindows(), labels.isEmpty());
            Matcher m = JourneyNames.COMPARE_TILE_LABEL.matcher(labels.get(0));
            assertTrue(m.matches());
            maps.add(m.group(1));
            assertFalse(
                    "tile " + n + " (" + m.group() + ") shows no unit",
                    m.group(2).isBlank());
            if (m.group(1).equals("lic")) {
                assertEquals("the unit of the demo LIC", JourneyNames.LIC_UNIT, m.group(2));
            }
        }
        assertEquals(
                "the maps of the demo comparison's tiles (" + Gui.title(comparison) + ")",
                JourneyNames.DEMO_MAPS,
                maps);
        endState("demo-comparison");
        Gui.activate(welcome);
        endState("welcome");
        assertCleanLog();
    }

    private static void assertCleanLog() throws Exception {
        assertTrue("no log at " + messagesLog(), Files.isRegularFile(messagesLog()));
        List<String> bad = Files.readAllLines(messagesLog(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("SEVERE")
                        || l.matches(".*\\b[\\w.$]*(Exception|Error)\\b[:\\s].*")
                        || l.startsWith("\tat ")
                        || l.contains("Caused by"))
                .toList();
        assertTrue(
                "messages.log of the first start has SEVERE records or exceptions (" + messagesLog() + "):\n"
                        + String.join("\n", bad),
                bad.isEmpty());
    }
}
