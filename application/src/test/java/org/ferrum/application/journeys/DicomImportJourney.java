package org.ferrum.application.journeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.swing.JTree;
import org.netbeans.jemmy.operators.JTreeOperator;
import org.openide.windows.TopComponent;

/**
 * Journey 4 (issue 15): File ▸ Import DICOM Folder… on {@code testdata/dicom}; the series tree fills; select one series;
 * Convert to NIfTI… into a new folder; the selected series is among the NIfTI + JSON written, and the window says how many
 * outputs it wrote.
 */
public class DicomImportJourney extends JourneyCase {

    public DicomImportJourney(String name) {
        super(name);
    }

    /** Scan, select a series, convert: the selected series is converted. */
    public void testScanSelectAndConvertASeries() throws Exception {
        Selected s = scanAndSelect();
        List<Path> sidecars = convertTo(s.out);
        assertTrue("the selected series #" + s.number + " (" + s.row + ") is not among the outputs in " + s.out + ": "
                + sidecars, sidecars.stream().anyMatch(j -> isSeries(j, s.number, s.description)));
        endState("2-converted");
    }

    /** Only the selected series is converted (issue 15 item 15). */
    public void testConvertsOnlyTheSelectedSeries() throws Exception {
        Selected s = scanAndSelect();
        List<Path> sidecars = convertTo(s.out);
        List<Path> others = sidecars.stream().filter(j -> !isSeries(j, s.number, s.description)).toList();
        assertFalse("nothing written for the selected series #" + s.number + " in " + s.out, sidecars.isEmpty());
        assertTrue("Convert wrote series that were not selected (selected: " + s.row + "): " + others, others.isEmpty());
        endState("2-converted-selection-only");
    }

    private record Selected(int number, String description, String row, Path out) {
    }

    private Selected scanAndSelect() throws IOException {
        Path folder = testdata().resolve("dicom");
        Gui.menu(JourneyNames.MENU_IMPORT_DICOM);
        TopComponent window = Gui.topComponent(JourneyNames.DICOM_IMPORT_WINDOW, Gui.SHORT);
        Gui.chooseFile(JourneyNames.DICOM_SCAN_CHOOSER, folder);
        Gui.activate(window);
        Gui.waitFor("the scan of " + folder + " to finish", Gui.LONG,
                () -> Gui.label(window, JourneyNames.DICOM_SCANNED).isPresent());
        JTree tree = Gui.find(window, JTree.class, t -> true, "the series tree", Gui.SHORT);
        List<String> rows = Gui.onEdt(() -> {
            List<String> texts = new ArrayList<>();
            for (int r = 0; r < tree.getRowCount(); r++) {
                texts.add(String.valueOf(tree.getPathForRow(r).getLastPathComponent()));
            }
            return texts;
        });
        List<String> series = rows.stream().filter(t -> JourneyNames.DICOM_SERIES_ROW.matcher(t).matches()).toList();
        assertTrue("the series tree did not fill: " + rows, series.size() > 1);
        int row = -1;
        for (int r = 0; r < rows.size(); r++) {
            if (JourneyNames.DICOM_SERIES_ROW.matcher(rows.get(r)).matches() && JourneyNames.DICOM_SERIES_TO_CONVERT.matcher(rows.get(r)).matches()) {
                row = r;
                break;
            }
        }
        assertTrue("no series row with '" + JourneyNames.DICOM_SERIES_TO_CONVERT + "' among " + series, row >= 0);
        new JTreeOperator(tree).selectRow(row);
        int selectedRow = row;
        Gui.waitFor("the series row to be selected", Gui.SHORT, () -> Gui.onEdt(() -> tree.isRowSelected(selectedRow)));
        endState("1-scanned-and-selected");
        Matcher m = JourneyNames.DICOM_SERIES_ROW.matcher(rows.get(row));
        assertTrue(m.matches());
        Path out = Files.createDirectories(Gui.journeysDir().resolve("dicom-out-" + getName()));
        try (Stream<Path> old = Files.list(out)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        return new Selected(Integer.parseInt(m.group(1)), m.group(2), rows.get(row), out);
    }

    /** Convert to NIfTI… into {@code out}; waits for the conversion and returns the JSON sidecars written there. */
    private static List<Path> convertTo(Path out) throws IOException {
        TopComponent window = Gui.topComponent(JourneyNames.DICOM_IMPORT_WINDOW, Gui.SHORT);
        Gui.click(Gui.button(window, JourneyNames.DICOM_CONVERT_BUTTON, Gui.SHORT));
        Gui.chooseFile(JourneyNames.DICOM_CONVERT_CHOOSER, out);
        Gui.waitFor("the conversion into " + out + " to finish", Gui.LONG,
                () -> Gui.label(window, JourneyNames.DICOM_CONVERTED).isPresent());
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** True if a BIDS sidecar belongs to the series with this number and description. */
    private static boolean isSeries(Path sidecar, int number, String description) {
        try {
            String json = Files.readString(sidecar, StandardCharsets.UTF_8);
            return json.matches("(?s).*\"SeriesNumber\"\\s*:\\s*\"?" + number + "\"?\\s*[,}].*")
                    && json.contains("\"SeriesDescription\"") && json.contains("\"" + description + "\"");
        } catch (IOException e) {
            return false;
        }
    }
}
