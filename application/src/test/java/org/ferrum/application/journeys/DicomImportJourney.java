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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.swing.AbstractButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.text.JTextComponent;
import org.netbeans.jemmy.operators.JTreeOperator;
import org.openide.windows.TopComponent;

/**
 * Journey 4 (issue 15): File ▸ Import DICOM Folder… on {@code testdata/dicom}; the series tree fills and the status line
 * counts the files it left out by kind (unreadable DICOM apart from non-DICOM files); select one series; type a new
 * output folder; Convert to NIfTI: exactly the selected series is written as NIfTI + JSON, and the window says so.
 */
public class DicomImportJourney extends JourneyCase {

    public DicomImportJourney(String name) {
        super(name);
    }

    /** Scan, select a series, convert: the selected series is converted. */
    public void testScanSelectAndConvertASeries() throws Exception {
        Selected s = scanAndSelect();
        List<Path> sidecars = convertTo(s.out, 1);
        assertTrue(
                "the selected series #" + s.number + " (" + s.row + ") is not among the outputs in " + s.out + ": "
                        + sidecars,
                sidecars.stream().anyMatch(j -> isSeries(j, s.number, s.description)));
        endState("2-converted");
    }

    /** Only the selected series is converted (issue 15 item 15). */
    public void testConvertsOnlyTheSelectedSeries() throws Exception {
        Selected s = scanAndSelect();
        List<Path> sidecars = convertTo(s.out, 1);
        List<Path> others = sidecars.stream()
                .filter(j -> !isSeries(j, s.number, s.description))
                .toList();
        assertFalse("nothing written for the selected series #" + s.number + " in " + s.out, sidecars.isEmpty());
        assertTrue(
                "Convert wrote series that were not selected (selected: " + s.row + "): " + others, others.isEmpty());
        endState("2-converted-selection-only");
    }

    private record Selected(int number, String description, String row, Path out) {}

    private Selected scanAndSelect() throws IOException {
        Path folder = testdata().resolve("dicom");
        Gui.menu(JourneyNames.MENU_IMPORT_DICOM);
        TopComponent window = Gui.topComponent(JourneyNames.DICOM_IMPORT_WINDOW, Gui.SHORT);
        Gui.chooseFile(JourneyNames.DICOM_SCAN_CHOOSER, folder);
        Gui.activate(window);
        JLabel status = (JLabel) Gui.byName(window, JourneyNames.DICOM_STATUS, Gui.SHORT);
        Gui.waitFor(
                "the scan of " + folder + " to finish (status: " + Gui.text(status) + ")",
                Gui.LONG,
                () -> JourneyNames.DICOM_SCANNED.matcher(Gui.text(status)).matches());
        assertLeftOutCountedByKind(window, Gui.text(status));
        JTree tree = (JTree) Gui.byName(window, JourneyNames.DICOM_TREE, Gui.SHORT);
        List<String> rows = Gui.onEdt(() -> {
            List<String> texts = new ArrayList<>();
            for (int r = 0; r < tree.getRowCount(); r++) {
                texts.add(String.valueOf(tree.getPathForRow(r).getLastPathComponent()));
            }
            return texts;
        });
        List<String> series = rows.stream()
                .filter(t -> JourneyNames.DICOM_SERIES_ROW.matcher(t).matches())
                .toList();
        assertTrue("the series tree did not fill: " + rows, series.size() > 1);
        int row = -1;
        for (int r = 0; r < rows.size(); r++) {
            if (JourneyNames.DICOM_SERIES_ROW.matcher(rows.get(r)).matches()
                    && JourneyNames.DICOM_SERIES_TO_CONVERT.matcher(rows.get(r)).matches()) {
                row = r;
                break;
            }
        }
        assertTrue("no series row with '" + JourneyNames.DICOM_SERIES_TO_CONVERT + "' among " + series, row >= 0);
        new JTreeOperator(tree).selectRow(row);
        int selectedRow = row;
        Gui.waitFor(
                "the series row (alone) to be selected",
                Gui.SHORT,
                () -> Gui.onEdt(() -> tree.isRowSelected(selectedRow) && tree.getSelectionCount() == 1));
        JCheckBox all = (JCheckBox) Gui.byName(window, JourneyNames.DICOM_CONVERT_ALL, Gui.SHORT);
        assertFalse(
                "\"All series\" is ticked after a scan: Convert would not convert the selection only",
                Gui.onEdt(all::isSelected));
        endState("1-scanned-and-selected");
        Matcher m = JourneyNames.DICOM_SERIES_ROW.matcher(rows.get(row));
        assertTrue(m.matches());
        // a folder that does not exist yet: the conversion makes it
        Path out = Gui.journeysDir().resolve("dicom-out-" + getName());
        if (Files.exists(out)) {
            try (Stream<Path> old = Files.walk(out)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return new Selected(Integer.parseInt(m.group(1)), m.group(2), rows.get(row), out);
    }

    /**
     * The status line counts unreadable DICOM files apart from non-DICOM files (a README is no fault of the data), and the
     * files table lists as many non-DICOM files as the status line says.
     */
    private static void assertLeftOutCountedByKind(TopComponent window, String status) {
        Matcher left = JourneyNames.DICOM_LEFT_OUT.matcher(status);
        assertTrue(
                "the status line does not count unreadable DICOM and non-DICOM files apart: " + status, left.matches());
        assertEquals("testdata/dicom holds no broken DICOM file: " + status, 0, Integer.parseInt(left.group(1)));
        int nonDicom = Integer.parseInt(left.group(2));
        assertTrue("testdata/dicom holds READMEs and other non-DICOM files, yet: " + status, nonDicom > 0);
        // the table is on a tab of its own, not necessarily the one showing
        List<JTable> tables =
                Gui.findAll(window, JTable.class, t -> JourneyNames.DICOM_FILES_TABLE.equals(t.getName()));
        assertEquals("tables named " + JourneyNames.DICOM_FILES_TABLE, 1, tables.size());
        JTable files = tables.get(0);
        int listed = Gui.onEdt(() -> {
            int n = 0;
            for (int r = 0; r < files.getModel().getRowCount(); r++) {
                for (int c = 0; c < files.getModel().getColumnCount(); c++) {
                    if (JourneyNames.DICOM_NOT_DICOM_KIND.equals(
                            String.valueOf(files.getModel().getValueAt(r, c)))) {
                        n++;
                    }
                }
            }
            return n;
        });
        assertEquals("non-DICOM files in the files table vs the status line (" + status + ")", nonDicom, listed);
    }

    /**
     * Types {@code out} into the output folder field and presses Convert; waits for the conversion; checks that the status
     * line says {@code series} series were converted and the report lists what was written; returns the JSON sidecars.
     */
    private static List<Path> convertTo(Path out, int series) throws IOException {
        TopComponent window = Gui.topComponent(JourneyNames.DICOM_IMPORT_WINDOW, Gui.SHORT);
        JTextComponent field = (JTextComponent) Gui.byName(window, JourneyNames.DICOM_OUTPUT_FOLDER, Gui.SHORT);
        Gui.waitFor("the output folder field to be enabled", Gui.SHORT, () -> Gui.onEdt(field::isEnabled));
        Gui.type(field, out.toAbsolutePath().toString());
        Gui.waitFor("the output folder field to hold " + out, Gui.SHORT, () -> Gui.text(field)
                .equals(out.toAbsolutePath().toString()));
        Gui.click((AbstractButton) Gui.byName(window, JourneyNames.DICOM_CONVERT_BUTTON, Gui.SHORT));
        JLabel status = (JLabel) Gui.byName(window, JourneyNames.DICOM_STATUS, Gui.SHORT);
        Gui.waitFor(
                "the conversion into " + out + " to finish (status: " + Gui.text(status) + ")",
                Gui.LONG,
                () -> JourneyNames.DICOM_CONVERTED.matcher(Gui.text(status)).matches());
        Matcher m = JourneyNames.DICOM_CONVERTED.matcher(Gui.text(status));
        assertTrue(m.matches());
        assertEquals("series converted: " + m.group(), series, Integer.parseInt(m.group(1)));
        assertEquals("series asked for: " + m.group(), series, Integer.parseInt(m.group(2)));
        assertTrue(
                "the status names the typed output folder: " + m.group(),
                m.group().contains(out.toAbsolutePath().toString()));
        String report = Gui.text(Gui.byName(window, JourneyNames.DICOM_REPORT, Gui.SHORT));
        List<Path> sidecars;
        try (Stream<Path> files = Files.walk(out)) {
            sidecars =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(
                "outputs written per the status line vs JSON sidecars in " + out + ": " + m.group(),
                Integer.parseInt(m.group(3)),
                sidecars.size());
        for (Path j : sidecars) {
            String image = j.getFileName().toString().replaceFirst("\\.json$", ".nii");
            assertTrue("the conversion report does not list " + image + ":\n" + report, report.contains(image));
        }
        return sidecars;
    }
    /** True if a BIDS sidecar belongs to the series with this number and description. */
    private static boolean isSeries(Path sidecar, int number, String description) {
        try {
            String json = Files.readString(sidecar, StandardCharsets.UTF_8);
            return json.matches("(?s).*\"SeriesNumber\"\\s*:\\s*\"?" + number + "\"?\\s*[,}].*")
                    && json.contains("\"SeriesDescription\"")
                    && json.contains("\"" + description + "\"");
        } catch (IOException e) {
            return false;
        }
    }
}
