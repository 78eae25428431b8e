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

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.table.AbstractTableModel;
import org.ferrum.pipeline.editor.CohortResultsStore;
import org.netbeans.api.progress.ProgressHandle;
import org.openide.util.Lookup;
import org.openide.windows.Mode;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * A cohort run's window: tasks done of planned with elapsed time and an estimate of the time left, one row per task
 * (status, attempt, time, the reason of a failure or what the study made of it) and Cancel; the same count in the
 * platform's progress bar (whose cancel does the same). When the run ends it says how: all done, which failed, or
 * after Cancel which tasks finished and that the others were not run; then the study browser shows what was saved.
 *
 * <p>Component names (for GUI tests): {@code cohortRun.summary}, {@code cohortRun.tasks}, {@code cohortRun.progress},
 * {@code cohortRun.cancel}, {@code cohortRun.end}.
 */
public final class CohortRunTopComponent extends TopComponent {

    private final CohortRun run;
    private final TaskModel model = new TaskModel();
    private final JLabel summary = new JLabel(" ");
    private final JLabel end = new JLabel(" ");
    private final JProgressBar bar = new JProgressBar();
    private final JButton cancel = new JButton("Cancel run");
    private final JButton study = new JButton("Show in study browser");
    private final Timer clock;
    private final ProgressHandle progress;
    private boolean ended;

    private CohortRunTopComponent(String pipelineName, CohortRun run) {
        this.run = run;
        // two runs of one pipeline side by side are told apart by their manifests
        String title =
                "Cohort: " + pipelineName + " — " + run.request().manifest().getFileName();
        setName(title);
        setDisplayName(title);
        CohortRun.Request r = run.request();
        setToolTipText(r.pipelineFile() + " on " + r.manifest() + " → " + r.out());
        setLayout(new BorderLayout());
        JLabel what = new JLabel("<html>" + esc(r.pipelineFile().getFileName().toString()) + " on <b>"
                + esc(r.manifest().toString()) + "</b> → " + esc(r.out().toString()) + ", " + r.parallelTasks()
                + (r.parallelTasks() == 1 ? " task" : " tasks") + " at once"
                + (r.overrides().isEmpty()
                        ? ""
                        : "; for every task: " + esc(r.overrides().toString()))
                + "</html>");
        summary.setName("cohortRun.summary");
        summary.setFont(summary.getFont().deriveFont(Font.BOLD));
        bar.setName("cohortRun.progress");
        bar.setStringPainted(true);
        cancel.setName("cohortRun.cancel");
        cancel.addActionListener(e -> cancel());
        study.setName("cohortRun.study");
        study.setEnabled(false);
        study.addActionListener(e -> {
            CohortResultsStore s = Lookup.getDefault().lookup(CohortResultsStore.class);
            if (s != null) {
                s.showSaved();
            }
        });
        JPanel top = new JPanel(new BorderLayout(8, 4));
        top.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
        top.add(what, BorderLayout.NORTH);
        top.add(summary, BorderLayout.CENTER);
        JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        right.add(study);
        right.add(cancel);
        top.add(right, BorderLayout.EAST);
        top.add(bar, BorderLayout.SOUTH);
        JTable table = new JTable(model);
        table.setName("cohortRun.tasks");
        table.setFillsViewportHeight(true);
        table.setRowHeight(Math.max(
                table.getRowHeight(), table.getFontMetrics(table.getFont()).getHeight() + 6));
        // task, status, attempt and time are short: the reason (a failure's whole message) gets the rest of the width
        table.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        int em = table.getFontMetrics(table.getFont()).charWidth('m');
        int[] widths = {22 * em, 8 * em, 6 * em, 6 * em};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setMinWidth(widths[i] / 2);
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
            table.getColumnModel().getColumn(i).setMaxWidth(widths[i] * 3);
        }
        table.getColumnModel().getColumn(4).setPreferredWidth(90 * em);
        // a reason longer than its cell is read whole in the cell's tooltip
        table.getColumnModel().getColumn(4).setCellRenderer(new javax.swing.table.DefaultTableCellRenderer() {
            @Override
            public java.awt.Component getTableCellRendererComponent(
                    JTable t, Object value, boolean selected, boolean focus, int row, int column) {
                java.awt.Component c = super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                String text = value == null ? "" : value.toString();
                setToolTipText(
                        text.isEmpty() ? null : "<html><body style='width:600px'>" + esc(text) + "</body></html>");
                return c;
            }
        });
        end.setName("cohortRun.end");
        end.setBorder(BorderFactory.createEmptyBorder(4, 8, 6, 8));
        add(top, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        add(end, BorderLayout.SOUTH);

        progress = ProgressHandle.createHandle(title, () -> {
            cancel();
            return true;
        });
        clock = new Timer(500, e -> refresh());
        run.addChangeListener(() -> SwingUtilities.invokeLater(this::refresh));
        run.finished().whenComplete((exit, failure) -> SwingUtilities.invokeLater(() -> finish(exit, failure)));
    }

    /** Opens a window following this run (already started and planned). */
    static CohortRunTopComponent follow(String pipelineName, CohortRun run) {
        CohortRunTopComponent tc = new CohortRunTopComponent(pipelineName, run);
        Mode output = WindowManager.getDefault().findMode("output");
        if (output != null) {
            output.dockInto(tc);
        }
        tc.open();
        tc.requestActive();
        int n = Math.max(0, run.planned());
        tc.progress.start(Math.max(1, n));
        tc.bar.setMaximum(Math.max(1, n));
        tc.clock.start();
        tc.refresh();
        if (run.ended()) {
            tc.finish(run.finished().getNow(null), null);
        }
        return tc;
    }

    CohortRun run() {
        return run;
    }

    private void cancel() {
        if (!run.ended()) {
            run.cancel();
            cancel.setEnabled(false);
            summary.setText("cancelling: stopping ferrum-batch and its processes…");
        }
    }

    private void refresh() {
        model.show(run.tasks());
        if (ended) {
            return;
        }
        int n = Math.max(0, run.planned());
        int f = run.finishedTasks();
        bar.setMaximum(Math.max(1, n));
        bar.setValue(f);
        bar.setString(f + " of " + n + " tasks");
        progress.progress(f + " of " + n + " tasks", Math.min(f, Math.max(1, n)));
        if (!run.cancelled()) {
            summary.setText(String.format(
                    Locale.ROOT,
                    "%d of %d tasks finished (%d done, %d reused, %d failed, %d running); elapsed %s%s",
                    f,
                    n,
                    run.count(CohortRun.Status.DONE),
                    run.count(CohortRun.Status.REUSED),
                    run.count(CohortRun.Status.FAILED),
                    run.count(CohortRun.Status.STARTED) + run.count(CohortRun.Status.RETRYING),
                    clock(run.elapsed()),
                    run.remaining().map(d -> ", about " + clock(d) + " left").orElse("")));
        }
    }

    private void finish(Integer exit, Throwable failure) {
        if (ended) {
            return;
        }
        ended = true;
        clock.stop();
        progress.finish();
        model.show(run.tasks());
        cancel.setEnabled(false);
        int n = Math.max(0, run.planned());
        List<CohortRun.Task> tasks = run.tasks();
        List<String> finishedIds = tasks.stream()
                .filter(t -> t.status() == CohortRun.Status.DONE || t.status() == CohortRun.Status.REUSED)
                .map(CohortRun.Task::id)
                .toList();
        List<String> failedIds = tasks.stream()
                .filter(t -> t.status() == CohortRun.Status.FAILED)
                .map(CohortRun.Task::id)
                .toList();
        int notRun = n - finishedIds.size() - failedIds.size();
        String counts = String.format(
                Locale.ROOT,
                "%d done, %d reused, %d failed of %d; %s",
                run.count(CohortRun.Status.DONE),
                run.count(CohortRun.Status.REUSED),
                failedIds.size(),
                n,
                clock(run.elapsed()));
        bar.setValue(finishedIds.size() + failedIds.size());
        bar.setString((finishedIds.size() + failedIds.size()) + " of " + n + " tasks");
        if (failure != null) {
            summary.setText("Stopped: cannot follow ferrum-batch (" + failure.getMessage() + ")");
        } else if (run.cancelled()) {
            summary.setText("Cancelled: " + counts);
            end.setText("<html>Finished before Cancel: "
                    + (finishedIds.isEmpty() ? "none" : esc(String.join(", ", finishedIds)))
                    + (failedIds.isEmpty() ? "" : "; failed: " + esc(String.join(", ", failedIds)))
                    + ". " + notRun + (notRun == 1 ? " task was" : " tasks were")
                    + " not run (nothing of them is published in the output folder).</html>");
        } else if (exit != null && exit == 0) {
            summary.setText("Finished: " + counts);
            end.setText(
                    "Every task is done or reused; results in " + run.request().out());
        } else if (exit != null && exit == 1) {
            summary.setText("Finished with failures: " + counts);
            end.setText("<html>Failed: " + esc(String.join(", ", failedIds))
                    + " (reasons in the table; their files are in derivatives/ferrum/.failed/). The others are"
                    + " published and saved.</html>");
        } else {
            summary.setText("ferrum-batch stopped (exit " + exit + "): " + counts);
            end.setText(notRun > 0 ? notRun + " tasks were not run" : " ");
        }
        boolean saved =
                tasks.stream().anyMatch(t -> t.saved() != null && !t.saved().startsWith("not saved"));
        CohortResultsStore s = Lookup.getDefault().lookup(CohortResultsStore.class);
        study.setEnabled(s != null);
        if (saved && s != null) {
            s.showSaved();
            requestVisible(); // the run's outcome stays in view beside the browser
        }
    }

    @Override
    protected void componentClosed() {
        if (!run.ended()) {
            run.cancel();
        }
        clock.stop();
    }

    @Override
    public int getPersistenceType() {
        return PERSISTENCE_NEVER;
    }

    static String clock(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A task's time: tenths of a second under a minute (most tasks of a small cohort), else m:ss. */
    static String taskTime(double seconds) {
        return seconds < 59.95
                ? String.format(Locale.ROOT, "%.1f s", seconds)
                : clock(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One row per task, in the order the batch reported them. */
    static final class TaskModel extends AbstractTableModel {
        private static final String[] COLUMNS = {"Task", "Status", "Attempt", "Time", "Reason / study"};
        private List<CohortRun.Task> rows = List.of();

        void show(List<CohortRun.Task> tasks) {
            rows = tasks;
            fireTableDataChanged();
        }

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public String getColumnName(int column) {
            return COLUMNS[column];
        }

        @Override
        public Object getValueAt(int row, int column) {
            CohortRun.Task t = rows.get(row);
            return switch (column) {
                case 0 -> t.id();
                case 1 -> t.status().toString();
                case 2 -> t.attempt() <= 0 ? "" : Integer.toString(t.attempt());
                case 3 -> t.startedNanos() == 0 ? "" : taskTime(t.seconds(System.nanoTime()));
                default ->
                    t.status() == CohortRun.Status.FAILED || t.status() == CohortRun.Status.RETRYING
                            ? (t.reason() == null ? "" : t.reason())
                            : t.status() == CohortRun.Status.NOT_RUN
                                    ? "not run" + (t.reason() == null ? "" : " (" + t.reason() + ")")
                                    : t.saved() == null ? "" : t.saved();
            };
        }
    }
}
