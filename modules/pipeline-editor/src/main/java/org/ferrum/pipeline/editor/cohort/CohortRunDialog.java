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
package org.ferrum.pipeline.editor.cohort;

import java.awt.Color;
import java.awt.Dialog;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;
import org.ferrum.pipeline.editor.CohortResultsStore;
import org.openide.DialogDescriptor;
import org.openide.DialogDisplayer;
import org.openide.util.Lookup;
import org.openide.util.NbPreferences;

/**
 * "Run on cohort…": the manifest (a CSV file or a BIDS dataset folder), the output folder, how many tasks run at once
 * ({@code local[N]}, by default one per core) and values given for every task (the pipeline's named inputs, optional).
 * Run starts the batch and waits for it to accept the manifest: every problem it reports (exit 2: a missing file, an
 * unknown column, a duplicate subject-visit…) is listed in the dialog, which stays open; once the batch has planned
 * its tasks the dialog closes and the run's window follows it.
 *
 * <p>Component names (for GUI tests): {@code cohort.manifest}, {@code cohort.out}, {@code cohort.parallel},
 * {@code cohort.overrides}, {@code cohort.problems}, {@code cohort.run}, {@code cohort.cancel}.
 */
public final class CohortRunDialog {

    /** Where the batch reads the pipeline from: its saved file, or the pipeline written into the run's folder. */
    @FunctionalInterface
    public interface PipelineSource {
        Path fileFor(Path out) throws IOException;
    }

    /** One named input of the pipeline, for the overrides table. */
    public record Input(String name, String description, String defaultValue) {}

    private static final String LAST_MANIFEST = "cohortManifest";
    private static final String LAST_OUT = "cohortOut";

    private final String pipelineName;
    private final PipelineSource source;
    private final JTextField manifest = new JTextField(40);
    private final JTextField out = new JTextField(40);
    private final JSpinner parallel;
    private final DefaultTableModel overrides;
    private final JTextArea problems = new JTextArea(6, 60);
    private final JScrollPane problemsScroll = new JScrollPane(problems);
    private final JLabel state = new JLabel(" ");
    private final JButton run = new JButton("Run");
    private final JButton cancel = new JButton("Cancel");
    private final JPanel panel = new JPanel(new GridBagLayout());
    private JTable table;
    private Dialog dialog;
    private CohortRun pending;

    private CohortRunDialog(String pipelineName, List<Input> inputs, PipelineSource source) {
        this.pipelineName = pipelineName;
        this.source = source;
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        parallel = new JSpinner(new SpinnerNumberModel(cores, 1, Math.max(64, cores * 4), 1));
        overrides = new DefaultTableModel(new Object[] {"Input", "Value for every task", "Pipeline default"}, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return column == 1;
            }
        };
        for (Input i : inputs) {
            overrides.addRow(new Object[] {i.name(), "", i.defaultValue() == null ? "" : i.defaultValue()});
        }
        build(inputs);
    }

    /** Shows the dialog; returns at once after it closes (the run, if started, goes on in its window). */
    public static void show(String pipelineName, List<Input> inputs, PipelineSource source) {
        new CohortRunDialog(pipelineName, inputs, source).open();
    }

    private void build(List<Input> inputs) {
        panel.setName("cohort.dialog");
        manifest.setName("cohort.manifest");
        manifest.setToolTipText("A CSV file (columns subject, visit, optional date, one column per pipeline input)"
                + " or a BIDS dataset folder");
        manifest.setText(NbPreferences.forModule(CohortRunDialog.class).get(LAST_MANIFEST, ""));
        out.setName("cohort.out");
        out.setToolTipText("Results go to OUT/derivatives/ferrum/sub-S/ses-V/ (BIDS derivatives); tasks already"
                + " there with the same inputs, pipeline and operator versions are reused");
        out.setText(NbPreferences.forModule(CohortRunDialog.class).get(LAST_OUT, ""));
        parallel.setName("cohort.parallel");
        parallel.setToolTipText(
                "Tasks run at once on this computer (Spark local[N]); each needs the memory of one" + " pipeline run");
        table = new JTable(overrides);
        table.setName("cohort.overrides");
        table.setFillsViewportHeight(true);
        table.setRowHeight(Math.max(
                table.getRowHeight(), table.getFontMetrics(table.getFont()).getHeight() + 6));
        table.setToolTipText("A value here applies to every task, over the manifest's column and the default;"
                + " {subject} and {visit} are replaced by the task's labels. Leave it empty to use the manifest");
        table.getColumnModel().getColumn(0).setPreferredWidth(140);
        table.getColumnModel().getColumn(1).setPreferredWidth(320);
        table.getColumnModel().getColumn(2).setPreferredWidth(220);
        JScrollPane tableScroll = new JScrollPane(table);
        int rows = Math.max(2, Math.min(8, inputs.size()));
        tableScroll.setPreferredSize(new Dimension(700, table.getRowHeight() * (rows + 1) + 8));
        problems.setName("cohort.problems");
        problems.setEditable(false);
        problems.setLineWrap(true);
        problems.setWrapStyleWord(true);
        problems.setForeground(new Color(0xB0, 0x00, 0x20));
        problemsScroll.setBorder(BorderFactory.createTitledBorder("Problems"));
        problemsScroll.setVisible(false);
        state.setName("cohort.state");

        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(4, 6, 4, 6);
        c.anchor = GridBagConstraints.WEST;
        int row = 0;
        row = fileRow(c, row, "Manifest (CSV or BIDS folder):", manifest, true);
        row = fileRow(c, row, "Output folder:", out, false);
        c.gridx = 0;
        c.gridy = row;
        c.gridwidth = 1;
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        panel.add(new JLabel("Parallel tasks (local[N]):"), c);
        c.gridx = 1;
        JPanel parallelRow = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT, 0, 0));
        parallelRow.add(parallel);
        int cores = Runtime.getRuntime().availableProcessors();
        parallelRow.add(new JLabel("   this computer has " + cores + (cores == 1 ? " core" : " cores")
                + "; each task needs the memory of one pipeline run"));
        panel.add(parallelRow, c);
        row++;
        c.gridx = 0;
        c.gridy = row++;
        c.gridwidth = 3;
        panel.add(new JLabel("Values for every task (optional; empty = from the manifest or the default):"), c);
        c.gridy = row++;
        c.fill = GridBagConstraints.BOTH;
        c.weightx = 1;
        c.weighty = 1;
        panel.add(tableScroll, c);
        c.gridy = row++;
        c.weighty = 0.6;
        panel.add(problemsScroll, c);
        c.gridy = row;
        c.weighty = 0;
        c.fill = GridBagConstraints.HORIZONTAL;
        panel.add(state, c);
        panel.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    }

    private int fileRow(GridBagConstraints c, int row, String label, JTextField field, boolean filesToo) {
        JLabel l = new JLabel(label);
        l.setLabelFor(field);
        c.gridx = 0;
        c.gridy = row;
        c.gridwidth = 1;
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        panel.add(l, c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        panel.add(field, c);
        JButton browse = new JButton("Browse…");
        browse.setName(field.getName() + ".browse");
        browse.addActionListener(e -> {
            JFileChooser chooser = new JFileChooser(field.getText().isBlank() ? null : field.getText());
            chooser.setFileSelectionMode(filesToo ? JFileChooser.FILES_AND_DIRECTORIES : JFileChooser.DIRECTORIES_ONLY);
            chooser.setDialogTitle(label.replace(":", ""));
            if (chooser.showOpenDialog(panel) == JFileChooser.APPROVE_OPTION) {
                field.setText(chooser.getSelectedFile().getAbsolutePath());
                if (filesToo && out.getText().isBlank()) {
                    Path m = chooser.getSelectedFile().toPath();
                    // a BIDS dataset keeps its derivatives inside; a CSV's cohort beside the CSV
                    out.setText((Files.isDirectory(m) ? m : m.getParent()).toString());
                }
            }
        });
        c.gridx = 2;
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        panel.add(browse, c);
        return row + 1;
    }

    private void open() {
        run.setName("cohort.run");
        cancel.setName("cohort.cancel");
        DialogDescriptor d = new DialogDescriptor(
                panel,
                "Run " + pipelineName + " on a cohort",
                true,
                new Object[] {run, cancel},
                run,
                DialogDescriptor.DEFAULT_ALIGN,
                null,
                null);
        d.setClosingOptions(new Object[] {});
        run.addActionListener(e -> start());
        cancel.addActionListener(e -> {
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
            close();
        });
        dialog = DialogDisplayer.getDefault().createDialog(d);
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                // closed by its title bar or Escape while the batch was still checking: that batch is not wanted
                if (pending != null) {
                    pending.cancel();
                    pending = null;
                }
            }
        });
        dialog.setVisible(true);
    }

    private void close() {
        dialog.setVisible(false);
        dialog.dispose();
    }

    /** Checks what can be checked here, then starts the batch and waits for its plan (or its refusal). */
    private void start() {
        if (table.isEditing()) {
            table.getCellEditor().stopCellEditing(); // a value being typed counts
        }
        List<String> found = new ArrayList<>();
        Path manifestPath = null;
        Path outPath = null;
        if (manifest.getText().isBlank()) {
            found.add("Manifest: choose a CSV file or a BIDS dataset folder");
        } else {
            manifestPath = Path.of(manifest.getText().trim()).toAbsolutePath().normalize();
            if (!Files.exists(manifestPath)) {
                found.add("Manifest: " + manifestPath + " does not exist");
            }
        }
        if (out.getText().isBlank()) {
            found.add("Output folder: choose where the results go");
        } else {
            outPath = Path.of(out.getText().trim()).toAbsolutePath().normalize();
            if (Files.exists(outPath) && !Files.isDirectory(outPath)) {
                found.add("Output folder: " + outPath + " is a file, not a folder");
            }
        }
        Path launcher = BatchInstallation.launcher().orElse(null);
        if (launcher == null) {
            found.add(BatchInstallation.missing());
        }
        if (!found.isEmpty()) {
            showProblems(found);
            return;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int r = 0; r < overrides.getRowCount(); r++) {
            String v = String.valueOf(overrides.getValueAt(r, 1)).strip();
            if (!v.isEmpty() && !v.equals("null")) {
                given.put(String.valueOf(overrides.getValueAt(r, 0)), v);
            }
        }
        NbPreferences.forModule(CohortRunDialog.class).put(LAST_MANIFEST, manifestPath.toString());
        NbPreferences.forModule(CohortRunDialog.class).put(LAST_OUT, outPath.toString());
        CohortRun r;
        try {
            Files.createDirectories(outPath);
            Path pipelineFile = source.fileFor(outPath);
            CohortRun.Request request = new CohortRun.Request(
                    launcher, pipelineFile, manifestPath, outPath, (Integer) parallel.getValue(), given);
            CohortResultsStore store = Lookup.getDefault().lookup(CohortResultsStore.class);
            r = new CohortRun(request, store);
            r.start();
        } catch (IOException | RuntimeException e) {
            showProblems(List.of("cannot start ferrum-batch: " + e.getMessage()));
            return;
        }
        pending = r;
        run.setEnabled(false);
        problemsScroll.setVisible(false);
        state.setText("ferrum-batch is checking the manifest and the pipeline…");
        CohortRun started = r;
        r.plan()
                .whenComplete((tasks, failure) -> SwingUtilities.invokeLater(() -> {
                    if (pending != started) {
                        return; // cancelled meanwhile
                    }
                    pending = null;
                    run.setEnabled(true);
                    if (failure != null) {
                        Throwable f = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        state.setText(" ");
                        showProblems(
                                f instanceof CohortRun.BatchRefused b
                                        ? b.problems().isEmpty() ? List.of(b.getMessage()) : b.problems()
                                        : List.of(String.valueOf(f.getMessage())));
                        return;
                    }
                    close();
                    CohortRunTopComponent.follow(pipelineName, started);
                }));
    }

    private void showProblems(List<String> found) {
        problems.setText(String.join("\n", found));
        problems.setCaretPosition(0);
        problemsScroll.setBorder(
                BorderFactory.createTitledBorder(found.size() == 1 ? "1 problem" : found.size() + " problems"));
        problemsScroll.setVisible(true);
        state.setText("Nothing was run: correct the problems above, then Run again.");
        panel.revalidate();
        if (dialog != null) {
            dialog.pack();
        }
    }
}
