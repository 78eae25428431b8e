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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.swing.JLabel;
import javax.swing.JSpinner;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.JTree;
import org.openide.windows.TopComponent;

/**
 * Journey (issue 19 item 4): File ▸ Open Pipeline… gre-roi-statistics.json, "Run on cohort…" with a manifest holding
 * an impossible date and a subject that is not a BIDS label (the dialog lists the batch's problems and stays open;
 * nothing runs), then a 3-row CSV manifest whose third row is a file that is not NIfTI: the run window ends with 2
 * done and 1 failed with its reason, and the study browser lists the two subjects. Then a 12-row cohort, one task at a time, cancelled after its first task: the batch's
 * processes are gone, the window says what finished and what was not run, and every task folder in the output is
 * complete. Runs the application's own copy of the batch distribution ({@code ferrum/batch/bin/ferrum-batch}).
 */
public class CohortRunJourney extends JourneyCase {

    /** Tasks of the run that is cancelled (see step 3). */
    private static final int MANY = 160;

    static final List<String> SUBJECTS = List.of("C19A", "C19B", "C19C");

    public CohortRunJourney(String name) {
        super(name);
    }

    public void testRunOnCohortThenCancel() throws Exception {
        Path work = Gui.journeysDir().resolve("cohort-run");
        deleteTree(work);
        Files.createDirectories(work);
        Path magnitude = testdata().resolve("gre/mriresearchtools-small/Mag.nii");
        Path broken = work.resolve("broken.nii");
        Files.writeString(broken, "this is not a NIfTI file\n", StandardCharsets.UTF_8);
        // two problems of the manifest itself (a missing file is not one: that task alone fails)
        Path refused = work.resolve("refused.csv");
        Files.writeString(
                refused,
                "subject,visit,date,magnitude\n"
                        + "C19A,01,2026-02-30," + magnitude + "\n"
                        + "C19_B,01,2026-02-03," + magnitude + "\n");
        Path manifest = work.resolve("manifest.csv");
        Files.writeString(
                manifest,
                "subject,visit,date,magnitude\n"
                        + "C19A,01,2026-02-02," + magnitude + "\n"
                        + "C19B,01,2026-02-03," + magnitude + "\n"
                        + "C19C,01,2026-02-04," + broken + "\n");
        Path out = work.resolve("out");

        Gui.menu(JourneyNames.MENU_OPEN_PIPELINE);
        Gui.chooseFile(JourneyNames.OPEN_PIPELINE_CHOOSER, testdata().resolve("pipelines/gre-roi-statistics.json"));
        TopComponent editor = Gui.topComponent("gre-roi-statistics.json", Gui.SHORT);
        Gui.activate(editor);

        // 1. a date that does not exist and a subject that is not a BIDS label: the batch refuses (exit 2), runs
        // nothing, and the dialog lists both problems
        Dialog dialog = openDialog(editor);
        fill(dialog, refused, out);
        Gui.click((javax.swing.AbstractButton) Gui.byName(dialog, JourneyNames.COHORT_RUN, Gui.SHORT));
        JTextArea problems = (JTextArea) Gui.byName(dialog, JourneyNames.COHORT_PROBLEMS, Gui.LONG);
        String listed =
                Gui.waitFor("the batch's problems in the dialog", Gui.LONG, () -> Optional.of(Gui.text(problems))
                        .filter(t -> !t.isBlank()));
        assertTrue("the bad date is named: " + listed, listed.contains("2026-02-30"));
        assertTrue("the bad subject label is named: " + listed, listed.contains("C19_B"));
        assertFalse("nothing was run", Files.exists(out.resolve("derivatives")));
        assertTrue("the dialog stays open", Gui.onEdt(dialog::isShowing));
        endState("1-dialog-problems");

        // 2. the 3-row manifest, one row broken: 2 done, 1 failed with its reason, both saved to the study
        fill(dialog, manifest, out);
        endState("2-dialog");
        Gui.click((javax.swing.AbstractButton) Gui.byName(dialog, JourneyNames.COHORT_RUN, Gui.SHORT));
        TopComponent runWindow = Gui.topComponent(JourneyNames.COHORT_RUN_WINDOW, Gui.LONG);
        String summary = waitForEnd(runWindow);
        List<List<String>> rows = rows(runWindow);
        assertTrue("ended with failures: " + summary, summary.startsWith("Finished with failures"));
        assertEquals("three tasks: " + rows, 3, rows.size());
        for (List<String> r : rows) {
            if (r.get(0).startsWith("sub-C19C")) {
                assertEquals("the broken row failed: " + r, "failed", r.get(1));
                assertFalse("with its reason: " + r, r.get(4).isBlank());
            } else {
                assertEquals("done: " + r, "done", r.get(1));
                assertTrue("saved to the study: " + r, r.get(4).startsWith("saved "));
            }
        }
        assertTrue(Files.isRegularFile(out.resolve("derivatives/ferrum/sub-C19A/ses-01/provenance.json")));
        assertFalse("a failed task publishes nothing", Files.exists(out.resolve("derivatives/ferrum/sub-C19C")));
        endState("3-finished-run");

        TopComponent study = Gui.topComponent(JourneyNames.STUDY_BROWSER_WINDOW, Gui.LONG);
        JTree tree = Gui.find(study, JTree.class, JTree::isShowing, "the study tree", Gui.SHORT);
        for (String s : SUBJECTS.subList(0, 2)) {
            Gui.waitFor("subject " + s + " in the study tree", Gui.LONG, () -> treeRows(tree).stream()
                    .anyMatch(r -> r.startsWith(s)));
        }
        assertTrue(
                "the failed subject is not in the study: " + treeRows(tree),
                treeRows(tree).stream().noneMatch(r -> r.startsWith(SUBJECTS.get(2))));
        endState("4-study");

        // the same cohort again: both finished tasks are reused (same inputs, pipeline, operators) and not saved twice
        Gui.activate(editor);
        dialog = openDialog(editor);
        fill(dialog, manifest, out);
        Gui.click((javax.swing.AbstractButton) Gui.byName(dialog, JourneyNames.COHORT_RUN, Gui.SHORT));
        TopComponent again = Gui.waitFor(
                "a second cohort run window", Gui.LONG, () -> Gui.topComponents(JourneyNames.COHORT_RUN_WINDOW).stream()
                        .filter(tc -> tc != runWindow)
                        .findFirst());
        waitForEnd(again);
        for (List<String> r : rows(again)) {
            if (!r.get(0).startsWith("sub-C19C")) {
                assertEquals("reused: " + r, "reused", r.get(1));
                assertTrue("not saved twice: " + r, r.get(4).startsWith("already in the study"));
            }
        }
        Gui.onEdt(() -> {
            again.close();
            return null;
        });

        // 3. many tasks one at a time, cancelled after the first: the process tree ends, nothing half published.
        // A task of this pipeline takes 0.05-0.3 s, so twelve could all finish between the first "done" and the click
        // (seen in CI); 160 take longer than any plausible click delay
        Path many = work.resolve("many.csv");
        StringBuilder csv = new StringBuilder("subject,visit,date,magnitude\n");
        for (int i = 1; i <= MANY; i++) {
            csv.append(String.format(
                    "K%03d,01,%s,%s%n", i, java.time.LocalDate.of(2026, 1, 1).plusDays(i), magnitude));
        }
        Files.writeString(many, csv.toString());
        Path out2 = work.resolve("out-cancelled");
        Gui.activate(editor);
        dialog = openDialog(editor);
        fill(dialog, many, out2);
        JSpinner parallel = (JSpinner) Gui.byName(dialog, JourneyNames.COHORT_PARALLEL, Gui.SHORT);
        Gui.onEdt(() -> {
            parallel.setValue(1);
            return null;
        });
        Gui.click((javax.swing.AbstractButton) Gui.byName(dialog, JourneyNames.COHORT_RUN, Gui.SHORT));
        TopComponent second = Gui.waitFor(
                "the window of the run to cancel",
                Gui.LONG,
                () -> Gui.topComponents(JourneyNames.COHORT_RUN_WINDOW).stream()
                        .filter(tc -> tc != runWindow)
                        .findFirst());
        Gui.waitFor("the first task done", Gui.LONG, () -> rows(second).stream()
                .anyMatch(r -> r.get(1).equals("done")));
        Gui.click((javax.swing.AbstractButton) Gui.byName(second, JourneyNames.COHORT_RUN_CANCEL, Gui.SHORT));
        String cancelled = waitForEnd(second);
        assertTrue("cancelled: " + cancelled, cancelled.startsWith("Cancelled"));
        Gui.waitFor("no ferrum-batch process left", Gui.SHORT, () -> batchProcesses()
                .isEmpty());
        String end = Gui.text(Gui.byName(second, JourneyNames.COHORT_RUN_END, Gui.SHORT));
        assertTrue("the window says what was not run: " + end, end.contains("not run"));
        List<List<String>> after = rows(second);
        long done = after.stream().filter(r -> r.get(1).equals("done")).count();
        assertTrue("some tasks were not run: " + after, done < MANY);
        List<Path> published;
        try (Stream<Path> s = Files.list(out2.resolve("derivatives/ferrum"))) {
            published =
                    s.filter(p -> p.getFileName().toString().startsWith("sub-")).toList();
        }
        for (Path p : published) {
            assertTrue(
                    "a published task folder is complete: " + p,
                    Files.isRegularFile(p.resolve("ses-01").resolve("provenance.json")));
        }
        assertTrue(
                "every task shown done is published (" + done + " done, " + published.size() + " published)",
                published.size() >= done);
        endState("5-cancelled");
        Gui.closeDiscarding(JourneyNames.EDITOR_WINDOW);
    }

    private static Dialog openDialog(TopComponent editor) {
        Gui.click(Gui.button(editor, JourneyNames.RUN_ON_COHORT_BUTTON, Gui.SHORT));
        return Gui.dialog(JourneyNames.COHORT_DIALOG, Gui.SHORT);
    }

    private static void fill(Dialog dialog, Path manifest, Path out) {
        Gui.type((JTextField) Gui.byName(dialog, JourneyNames.COHORT_MANIFEST, Gui.SHORT), manifest.toString());
        Gui.type((JTextField) Gui.byName(dialog, JourneyNames.COHORT_OUT, Gui.SHORT), out.toString());
    }

    private static String waitForEnd(TopComponent run) {
        JLabel summary = (JLabel) Gui.byName(run, JourneyNames.COHORT_RUN_SUMMARY, Gui.SHORT);
        return Gui.waitFor("the cohort run to end", Gui.LONG, () -> Optional.of(Gui.text(summary))
                .filter(t -> JourneyNames.COHORT_RUN_ENDED.matcher(t).matches()));
    }

    /** The task table's rows as shown: task, status, attempt, time, reason / study. */
    private static List<List<String>> rows(TopComponent run) {
        JTable table = (JTable) Gui.byName(run, JourneyNames.COHORT_RUN_TASKS, Gui.SHORT);
        return Gui.onEdt(() -> {
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r < table.getRowCount(); r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < table.getColumnCount(); c++) {
                    row.add(String.valueOf(table.getValueAt(r, c)));
                }
                rows.add(row);
            }
            return rows;
        });
    }

    private static List<String> treeRows(JTree tree) {
        return Gui.onEdt(() -> {
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < tree.getRowCount(); r++) {
                rows.add(String.valueOf(tree.getPathForRow(r).getLastPathComponent()));
            }
            return rows;
        });
    }

    /** Processes started from this JVM that belong to the batch (its launcher script or its JVM). */
    private static List<ProcessHandle> batchProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains("ferrum-batch") || c.contains("org.ferrum.batch"))
                        .orElse(false))
                .toList();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
