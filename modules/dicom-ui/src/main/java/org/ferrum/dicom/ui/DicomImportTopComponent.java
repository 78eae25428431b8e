package org.ferrum.dicom.ui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.ferrum.io.dicom.ConversionReport;
import org.ferrum.io.dicom.DicomConverter;
import org.ferrum.io.dicom.DicomScan;
import org.ferrum.io.dicom.DicomScanner;
import org.openide.util.NbBundle.Messages;
import org.openide.util.RequestProcessor;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * The DICOM import window: choose a folder, scan it in the background (progress bar, Cancel really stops
 * the scan), browse patients → studies → series, see which files could not be read and why, and convert
 * the folder to NIfTI + BIDS JSON with {@link DicomConverter}.
 *
 * <p>All scanning and converting runs on a {@link RequestProcessor} thread; the event thread only reads
 * progress counters (a 100 ms timer) and installs the finished models.
 */
@TopComponent.Description(preferredID = DicomImportTopComponent.ID, persistenceType = TopComponent.PERSISTENCE_NEVER)
@TopComponent.Registration(mode = "editor", openAtStartup = false)
@Messages({
    "CTL_DicomImportTopComponent=DICOM Import",
    "HINT_DicomImportTopComponent=Scan a folder of DICOM files: patients, studies, series and unreadable files"
})
public final class DicomImportTopComponent extends TopComponent {

    static final String ID = "DicomImportTopComponent";
    private static final RequestProcessor WORKER = new RequestProcessor("DICOM import", 1, true);

    private final JButton scanButton = new JButton("Scan Folder…");
    private final JButton cancelButton = new JButton("Cancel");
    private final JButton convertButton = new JButton("Convert to NIfTI…");
    private final JLabel folderLabel = new JLabel("No folder scanned yet");
    private final JProgressBar progress = new JProgressBar(0, 1000);
    private final JTree tree = new JTree(ScanTreeModel.empty("Choose a folder with “Scan Folder…”"));
    private final JTable unreadable = new JTable(ScanTreeModel.unreadable(java.util.List.of())) {
        @Override
        public String getToolTipText(java.awt.event.MouseEvent e) {
            // the reasons are long: show the whole row on hover
            int row = rowAtPoint(e.getPoint());
            return row < 0 ? null : getValueAt(row, 0) + ": " + getValueAt(row, 1);
        }
    };
    private final JLabel unreadableTitle = new JLabel("Unreadable files");
    private final JLabel status = new JLabel(" ");

    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicReference<String> progressText = new AtomicReference<>("");
    private final Timer progressTimer = new Timer(100, e -> refreshProgress());
    private AtomicBoolean cancelRequested = new AtomicBoolean();
    private RequestProcessor.Task running;
    private Path scannedFolder;

    public DicomImportTopComponent() {
        setName(Bundle.CTL_DicomImportTopComponent());
        setToolTipText(Bundle.HINT_DicomImportTopComponent());
        setLayout(new BorderLayout());

        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 4));
        top.add(scanButton);
        top.add(progress);
        top.add(cancelButton);
        top.add(convertButton);
        top.add(folderLabel);
        progress.setStringPainted(true);
        progress.setString("");
        progress.setPreferredSize(new java.awt.Dimension(260, progress.getPreferredSize().height + 4));
        cancelButton.setEnabled(false);
        convertButton.setEnabled(false);
        convertButton.setToolTipText("Convert every series of the scanned folder to NIfTI + BIDS JSON (dcm2niix naming)");
        add(top, BorderLayout.NORTH);

        tree.setRootVisible(true);
        tree.setShowsRootHandles(true);
        JPanel bottom = new JPanel(new BorderLayout());
        unreadableTitle.setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
        bottom.add(unreadableTitle, BorderLayout.NORTH);
        unreadable.setAutoCreateRowSorter(true);
        bottom.add(new JScrollPane(unreadable), BorderLayout.CENTER);
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(tree), bottom);
        split.setResizeWeight(0.7);
        add(split, BorderLayout.CENTER);
        status.setBorder(BorderFactory.createEmptyBorder(3, 6, 3, 6));
        add(status, BorderLayout.SOUTH);

        scanButton.addActionListener(e -> chooseAndScan());
        cancelButton.addActionListener(e -> cancel());
        convertButton.addActionListener(e -> chooseAndConvert());
    }

    /** The window, opened and focused. */
    public static DicomImportTopComponent openWindow() {
        TopComponent tc = WindowManager.getDefault().findTopComponent(ID);
        DicomImportTopComponent w = tc instanceof DicomImportTopComponent d ? d : new DicomImportTopComponent();
        w.open();
        w.requestActive();
        return w;
    }

    /** Asks for a folder and scans it. */
    public void chooseAndScan() {
        JFileChooser chooser = new JFileChooser(scannedFolder == null ? null : scannedFolder.toFile());
        chooser.setDialogTitle("Import DICOM Folder");
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setApproveButtonText("Scan");
        if (chooser.showOpenDialog(WindowManager.getDefault().getMainWindow()) == JFileChooser.APPROVE_OPTION) {
            File f = chooser.getSelectedFile();
            if (f != null) {
                scan(f.toPath());
            }
        }
    }

    /** Scans {@code folder} in the background, replacing what the window shows when it is done. */
    public void scan(Path folder) {
        if (running != null && !running.isFinished()) {
            status.setText("A scan or conversion is running: cancel it first.");
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        cancelRequested = cancel;
        done.set(0);
        total.set(0);
        progressText.set("listing files…");
        folderLabel.setText(folder.toString());
        busy(true);
        long start = System.nanoTime();
        running = WORKER.post(() -> {
            try {
                DicomScan scan = DicomScanner.scan(folder, (d, t) -> {
                    done.accumulateAndGet(d, Math::max);
                    total.set(t);
                }, cancel::get);
                double seconds = (System.nanoTime() - start) / 1e9;
                SwingUtilities.invokeLater(() -> showScan(folder, scan, seconds));
            } catch (CancellationException e) {
                SwingUtilities.invokeLater(() -> finished(String.format(Locale.ROOT, "Scan cancelled after %d of %d files.",
                        done.get(), total.get())));
            } catch (IOException | RuntimeException e) {
                SwingUtilities.invokeLater(() -> finished("Cannot scan " + folder + ": " + e.getMessage()));
            }
        });
    }

    /** Stops the running scan or conversion (it throws CancellationException at its next poll). */
    public void cancel() {
        cancelRequested.set(true);
        cancelButton.setEnabled(false);
        progressText.set("cancelling…");
    }

    private void chooseAndConvert() {
        if (scannedFolder == null) {
            return;
        }
        JFileChooser chooser = new JFileChooser(scannedFolder.toFile().getParentFile());
        chooser.setDialogTitle("Convert to NIfTI: choose the output folder");
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setApproveButtonText("Convert");
        if (chooser.showSaveDialog(WindowManager.getDefault().getMainWindow()) != JFileChooser.APPROVE_OPTION
                || chooser.getSelectedFile() == null) {
            return;
        }
        convert(chooser.getSelectedFile().toPath());
    }

    /** Converts every series of the scanned folder into {@code out} in the background (needs a finished scan). */
    public void convert(Path out) {
        if (scannedFolder == null || (running != null && !running.isFinished())) {
            status.setText("Scan a folder first, and wait for the scan to finish.");
            return;
        }
        Path in = scannedFolder;
        AtomicBoolean cancel = new AtomicBoolean();
        cancelRequested = cancel;
        done.set(0);
        total.set(1000);
        progressText.set("converting…");
        busy(true);
        running = WORKER.post(() -> {
            try {
                ConversionReport report = new DicomConverter().convert(in, out, new DicomConverter.Listener() {
                    @Override
                    public void progress(double fraction, String message) {
                        done.set((int) Math.round(1000 * Math.max(0, Math.min(1, fraction))));
                        progressText.set(message);
                    }
                }, cancel::get);
                String text = String.format(Locale.ROOT, "Converted into %s: %d output%s written, %d series skipped.", out,
                        report.written().size(), report.written().size() == 1 ? "" : "s", report.skipped().size());
                StringBuilder why = new StringBuilder("<html>");
                report.skipped().forEach(s -> why.append(escape(s.series())).append(": ").append(escape(s.reason())).append("<br>"));
                SwingUtilities.invokeLater(() -> {
                    finished(text);
                    status.setToolTipText(report.skipped().isEmpty() ? null : why.toString());
                });
            } catch (CancellationException e) {
                SwingUtilities.invokeLater(() -> finished("Conversion cancelled; series finished before the cancel were kept in " + out + "."));
            } catch (IOException | RuntimeException e) {
                SwingUtilities.invokeLater(() -> finished("Cannot convert " + in + ": " + e.getMessage()));
            }
        });
    }

    private void showScan(Path folder, DicomScan scan, double seconds) {
        scannedFolder = folder;
        tree.setModel(ScanTreeModel.tree(scan));
        for (int row = 0; row < tree.getRowCount() && row < 200; row++) {
            tree.expandRow(row);
        }
        unreadable.setModel(ScanTreeModel.unreadable(scan.unreadable(), folder));
        if (unreadable.getColumnModel().getColumnCount() == 2) {
            unreadable.getColumnModel().getColumn(0).setPreferredWidth(420);
            unreadable.getColumnModel().getColumn(1).setPreferredWidth(520);
        }
        unreadableTitle.setText("Unreadable files (" + scan.unreadable().size() + "), paths relative to " + folder);
        finished(String.format(Locale.ROOT, "Scanned %s in %.2f s (%.0f MB/s): %s.", folder, seconds,
                scan.bytes() / 1e6 / Math.max(seconds, 1e-3), ScanTreeModel.rootText(scan)));
        convertButton.setEnabled(!scan.series().isEmpty());
    }

    private void finished(String message) {
        busy(false);
        status.setText(message);
        status.setToolTipText(null);
    }

    private void busy(boolean on) {
        scanButton.setEnabled(!on);
        cancelButton.setEnabled(on);
        convertButton.setEnabled(!on && scannedFolder != null);
        if (on) {
            progressTimer.start();
            progress.setValue(0);
            progress.setIndeterminate(true);
        } else {
            progressTimer.stop();
            progress.setIndeterminate(false);
            progress.setValue(0);
            progress.setString("");
        }
    }

    private void refreshProgress() {
        int t = total.get(), d = done.get();
        if (t > 0) {
            progress.setIndeterminate(false);
            progress.setMaximum(t);
            progress.setValue(d);
        }
        String text = progressText.get();
        if (progressText.get().startsWith("listing") && t > 0) {
            text = d + " / " + t + " files";
        }
        progress.setString(text);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The status line (for tests). */
    String statusText() {
        return status.getText();
    }

    /** True while a scan or conversion runs (for tests). */
    boolean isRunning() {
        return running != null && !running.isFinished();
    }

    @Override
    protected void componentClosed() {
        cancelRequested.set(true);
    }
}
