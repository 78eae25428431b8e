package org.ferrum.application.journeys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
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
     * The welcome window and the study browser open, the comparison of the demo visit's maps (χ | R2* | LIC | PDFF) opens
     * with all four maps, and messages.log has no SEVERE record and no exception.
     */
    public void testFirstStart() throws Exception {
        TopComponent welcome = Gui.topComponent(JourneyNames.WELCOME_WINDOW, Gui.LONG);
        Gui.topComponent(JourneyNames.STUDY_BROWSER_WINDOW, Gui.LONG);
        TopComponent comparison = Gui.topComponent(JourneyNames.DEMO_COMPARISON_TITLE, Gui.LONG);
        Gui.activate(comparison);
        String shown = Gui.dumpWindows();
        for (String map : JourneyNames.DEMO_MAPS) {
            assertTrue("the demo comparison shows no '" + map + "' map: " + comparison.getDisplayName() + "\n" + shown,
                    shown.contains("\"" + map + " ("));
        }
        endState("demo-comparison");
        Gui.activate(welcome);
        endState("welcome");
        assertCleanLog();
    }

    private static void assertCleanLog() throws Exception {
        assertTrue("no log at " + messagesLog(), Files.isRegularFile(messagesLog()));
        List<String> bad = Files.readAllLines(messagesLog(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("SEVERE") || l.matches(".*\\b[\\w.$]*(Exception|Error)\\b[:\\s].*")
                        || l.startsWith("\tat ") || l.contains("Caused by"))
                .toList();
        assertTrue("messages.log of the first start has SEVERE records or exceptions (" + messagesLog() + "):\n"
                + String.join("\n", bad), bad.isEmpty());
    }
}
