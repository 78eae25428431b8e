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
import java.awt.Dialog;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JTable;
import org.netbeans.jemmy.operators.ComponentOperator;
import org.netbeans.jemmy.operators.JComboBoxOperator;
import org.openide.windows.TopComponent;

/**
 * Journey 5 (issue 15): LIC from susceptibility against LIC from R2*. {@code testdata/pipelines/liver-hqsm.json} has run
 * headless ({@code bin/ferrum --nogui --run}, by {@link CompareLicJourneyTest}) into a folder; Window ▸ Compare Maps…
 * opens the comparison workspace; "Add file…" adds LIC_QSM and LIC_R2* through its file chooser; layout 1 × 2; the
 * ellipse tool draws an ROI by a mouse drag on the first tile; the agreement table gives the Bland–Altman bias and limits
 * of agreement over the ROI as finite numbers in mg Fe/g dw, and the caption n &gt; 0.
 */
public class CompareLicJourney extends JourneyCase {

    /** System property: the folder the headless liver-hqsm run wrote (set by {@link CompareLicJourneyTest}). */
    static final String RUN_FOLDER = "ferrum.journeys.liverRun";

    public CompareLicJourney(String name) {
        super(name);
    }

    public void testCompareLicQsmWithLicR2star() throws Exception {
        Path run = Path.of(System.getProperty(RUN_FOLDER, "")).toAbsolutePath();
        Path licQsm = output(run, JourneyNames.LIC_QSM_OUTPUT);
        Path licR2star = output(run, JourneyNames.LIC_R2STAR_OUTPUT);

        Gui.menu(JourneyNames.MENU_COMPARE_MAPS);
        TopComponent window = Gui.waitFor(
                "the window '" + JourneyNames.COMPARE_TITLE + "'; open: " + Gui.describeOpened(),
                Gui.SHORT,
                () -> Gui.topComponents(JourneyNames.COMPARE_WINDOW).stream()
                        .filter(tc -> JourneyNames.COMPARE_TITLE.equals(Gui.title(tc)))
                        .findFirst());
        Gui.activate(window);
        choose(
                (JComboBox<?>) Gui.byName(window, JourneyNames.COMPARE_LAYOUT, Gui.SHORT),
                JourneyNames.COMPARE_ONE_BY_TWO);

        // Add file… twice: the maps go into pickers 1 and 2
        addFile(window, licQsm, 1);
        addFile(window, licR2star, 2);
        List<String> tiles = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            Container tile = (Container) Gui.byName(window, JourneyNames.COMPARE_TILE + n, Gui.LONG);
            String label = Gui.waitFor("tile " + n + "'s \"map [unit]\" label", Gui.SHORT, () -> Gui.findAll(
                            tile,
                            JLabel.class,
                            l -> l.isShowing()
                                    && l.getText() != null
                                    && JourneyNames.COMPARE_TILE_LABEL
                                            .matcher(l.getText())
                                            .matches())
                    .stream()
                    .map(Gui::text)
                    .findFirst());
            tiles.add(label);
        }
        assertTrue(
                "tiles: " + tiles,
                tiles.get(0).startsWith(JourneyNames.LIC_QSM_OUTPUT)
                        && tiles.get(1).startsWith(JourneyNames.LIC_R2STAR_OUTPUT));
        for (String t : tiles) {
            assertTrue(
                    "a LIC tile not in " + JourneyNames.LIC_UNIT + ": " + t,
                    t.endsWith("[" + JourneyNames.LIC_UNIT + "]"));
        }
        assertTrue(
                "a third tile in the 1 × 2 layout",
                Gui.findAll(
                                window,
                                Component.class,
                                c -> c.isShowing() && (JourneyNames.COMPARE_TILE + 3).equals(c.getName()))
                        .isEmpty());
        String pairA = String.valueOf(Gui.onEdt(
                ((JComboBox<?>) Gui.byName(window, JourneyNames.COMPARE_PAIR_A, Gui.SHORT))::getSelectedItem));
        String pairB = String.valueOf(Gui.onEdt(
                ((JComboBox<?>) Gui.byName(window, JourneyNames.COMPARE_PAIR_B, Gui.SHORT))::getSelectedItem));
        assertTrue(
                "the pair compared: a = " + pairA + ", b = " + pairB,
                pairA.startsWith(JourneyNames.LIC_QSM_OUTPUT) && pairB.startsWith(JourneyNames.LIC_R2STAR_OUTPUT));
        endState("1-two-lic-maps");

        // the ellipse tool; drag a box over the middle of the first tile's image (the liver)
        choose(
                (JComboBox<?>) Gui.byName(window, JourneyNames.COMPARE_ROI_TOOL, Gui.SHORT),
                JourneyNames.COMPARE_ELLIPSE);
        Component view = Gui.byName(window, JourneyNames.COMPARE_VIEW + 1, Gui.SHORT);
        Rectangle box = Gui.onEdt(() -> {
            int w = view.getWidth(), h = view.getHeight(), side = Math.min(w, h);
            // the image is centred in the view; its left half (radiological: the patient's right) holds the liver
            return new Rectangle(w / 2 - side * 30 / 100, h / 2 - side * 12 / 100, side * 22 / 100, side * 22 / 100);
        });
        JLabel caption = (JLabel) Gui.byName(window, JourneyNames.COMPARE_CAPTION, Gui.SHORT);
        String before = Gui.text(caption);
        new ComponentOperator(view).dragNDrop(box.x, box.y, box.x + box.width, box.y + box.height);
        Matcher n = Gui.waitFor(
                "the statistics over the ROI (caption: " + Gui.text(caption) + "; before the drag: " + before + ")",
                Gui.SHORT,
                () -> {
                    Matcher m = JourneyNames.COMPARE_CAPTION_ROI.matcher(Gui.text(caption));
                    return m.matches() ? Optional.of(m) : Optional.empty();
                });
        int pairs = Integer.parseInt(n.group(1));
        assertTrue("no voxel pair in the ROI: " + n.group(), pairs > 0);

        // the Bland–Altman numbers as the table shows them
        JTable table = (JTable) Gui.byName(window, JourneyNames.COMPARE_STATISTICS, Gui.SHORT);
        double bias = statistic(table, JourneyNames.STAT_BIAS);
        double lower = statistic(table, JourneyNames.STAT_LOWER_LIMIT);
        double upper = statistic(table, JourneyNames.STAT_UPPER_LIMIT);
        assertTrue(
                String.format(Locale.ROOT, "limits of agreement around the bias: %g ≤ %g ≤ %g", lower, bias, upper),
                lower <= bias && bias <= upper);
        Gui.byName(window, JourneyNames.COMPARE_CHART_BLAND_ALTMAN, Gui.SHORT);
        System.out.printf(
                Locale.ROOT,
                "journey CompareLicJourney: %s; bias %.4g, limits of agreement %.4g … %.4g %s%n",
                n.group(),
                bias,
                lower,
                upper,
                JourneyNames.LIC_UNIT);
        endState("2-roi-bland-altman");
    }

    /** The NIfTI file of a pipeline output in the run folder. */
    private static Path output(Path run, String name) throws Exception {
        for (String ext : List.of(".nii.gz", ".nii")) {
            Path p = run.resolve(name + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String listing;
        try (var files = Files.list(run)) {
            listing =
                    files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        } catch (java.io.IOException e) {
            listing = e.toString();
        }
        fail("the headless run left no " + name + ".nii(.gz) in " + run + ": " + listing);
        return null;
    }

    /** Presses "Add file…", types {@code file} into its chooser, and waits for it in picker {@code slot}. */
    private static void addFile(TopComponent window, Path file, int slot) {
        Gui.click((AbstractButton) Gui.byName(window, JourneyNames.COMPARE_ADD_FILE, Gui.SHORT));
        Gui.chooseFile(JourneyNames.COMPARE_ADD_FILE_CHOOSER, file);
        JComboBox<?> picker = (JComboBox<?>) Gui.byName(window, JourneyNames.COMPARE_PICKER + slot, Gui.SHORT);
        String name = file.getFileName().toString().replaceFirst("\\.nii(\\.gz)?$", "");
        Gui.waitFor("picker " + slot + " to hold " + name + " (dialogs: " + Gui.dialogTitles() + ")", Gui.LONG, () -> {
            Optional<Dialog> error = Gui.dialogs().stream()
                    .filter(d -> "Add file".equals(d.getTitle()))
                    .findFirst();
            if (error.isPresent()) {
                fail("Add file refused " + file + ": "
                        + Gui.findAll(error.get(), JLabel.class, l -> true).stream()
                                .map(Gui::text)
                                .toList());
            }
            Object item = Gui.onEdt(picker::getSelectedItem);
            return item != null && String.valueOf(item).startsWith(name + " [");
        });
    }

    /** Selects the item whose text is {@code text} in a combo box, with the mouse. */
    private static void choose(JComboBox<?> box, String text) {
        int index = Gui.onEdt(() -> {
            for (int i = 0; i < box.getItemCount(); i++) {
                if (text.equals(String.valueOf(box.getItemAt(i)))) {
                    return i;
                }
            }
            return -1;
        });
        assertTrue("no item '" + text + "' in " + box.getName(), index >= 0);
        if (Gui.onEdt(box::getSelectedIndex) != index) {
            new JComboBoxOperator(box).selectItem(index);
        }
        Gui.waitFor(
                box.getName() + " to show '" + text + "'", Gui.SHORT, () -> Gui.onEdt(box::getSelectedIndex) == index);
    }

    /** The value column of the agreement table's row {@code statistic}, checked finite and in mg Fe/g dw. */
    private static double statistic(JTable table, String statistic) {
        String[] row = Gui.onEdt(() -> {
            for (int r = 0; r < table.getRowCount(); r++) {
                if (statistic.equals(table.getValueAt(r, 0))) {
                    String[] cells = new String[table.getColumnCount()];
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = String.valueOf(table.getValueAt(r, c));
                    }
                    return cells;
                }
            }
            return null;
        });
        assertNotNull("no row '" + statistic + "' in the agreement table", row);
        assertEquals("unit of " + statistic, JourneyNames.LIC_UNIT, row[3]);
        double v;
        try {
            v = Double.parseDouble(row[1]);
        } catch (NumberFormatException e) {
            throw new AssertionError(statistic + " is not a number: " + String.join(" | ", row), e);
        }
        assertTrue(statistic + " is not finite: " + String.join(" | ", row), Double.isFinite(v));
        assertFalse("no 95 % CI for " + statistic + ": " + String.join(" | ", row), row[2].isBlank());
        return v;
    }
}
