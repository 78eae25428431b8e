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
package org.ferrum.dicom.ui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.TreePath;
import javax.swing.tree.TreeSelectionModel;
import org.ferrum.dicom.ConversionReport;
import org.ferrum.dicom.DicomConverter;
import org.ferrum.dicom.DicomDump;
import org.ferrum.dicom.DicomScan;
import org.ferrum.dicom.DicomScanner;
import org.ferrum.dicom.DicomSeries;
import org.ferrum.dicom.DicomVolume;
import org.ferrum.dicom.NameTemplate;
import org.ferrum.dicom.UnreadableFile;
import org.ferrum.viewer.NamedVolume;
import org.ferrum.viewer.ViewerTopComponent;
import org.openide.util.NbBundle.Messages;
import org.openide.util.RequestProcessor;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * The DICOM import window: choose a folder, scan it in the background (progress bar, Cancel really stops
 * the scan), browse patients → studies → series, see which files were ignored (not DICOM) or could not be
 * read (broken DICOM) and why, open a series in the viewer (double-click, or right-click ▸ Open), show its
 * tags, and convert the <em>selected</em> series (or all, when asked) to NIfTI + BIDS JSON with
 * {@link DicomConverter} into an output folder outside the source tree, shown and editable.
 *
 * <p>All scanning, reading and converting runs on a {@link RequestProcessor} thread; the event thread only
 * reads progress counters (a 100 ms timer) and installs the finished models.
 *
 * <p>Component names (for GUI tests): {@value #TREE_NAME}, {@value #CONVERT_NAME}, {@value #OUTPUT_NAME},
 * {@value #BROWSE_NAME}, {@value #ALL_NAME}, {@value #FILES_NAME}, {@value #REPORT_NAME}, {@value #STATUS_NAME}.
 */
@TopComponent.Description(preferredID = DicomImportTopComponent.ID, persistenceType = TopComponent.PERSISTENCE_NEVER)
@TopComponent.Registration(mode = "editor", openAtStartup = false)
@Messages({
    "CTL_DicomImportTopComponent=DICOM Import",
    "HINT_DicomImportTopComponent=Scan a folder of DICOM files: patients, studies, series and unreadable files"
})
public final class DicomImportTopComponent extends TopComponent {

    static final String ID = "DicomImportTopComponent";
    static final String TREE_NAME = "dicomSeriesTree";
    static final String CONVERT_NAME = "dicomConvertButton";
    static final String OUTPUT_NAME = "dicomOutputFolder";
    static final String BROWSE_NAME = "dicomOutputBrowse";
    static final String ALL_NAME = "dicomConvertAll";
    static final String FILES_NAME = "dicomFilesTable";
    static final String REPORT_NAME = "dicomConversionReport";
    static final String STATUS_NAME = "dicomStatus";
    private static final RequestProcessor WORKER = new RequestProcessor("DICOM import", 1, true);

    private final JButton scanButton = new JButton("Scan Folder…");
    private final JButton cancelButton = new JButton("Cancel");
    private final JButton convertButton = new JButton("Convert to NIfTI");
    private final JCheckBox convertAll = new JCheckBox("All series");
    private final JTextField outputField = new JTextField(48);
    private final JButton browseButton = new JButton("Browse…");
    private final JLabel selectionLabel = new JLabel("No series selected");
    private final JLabel folderLabel = new JLabel("No folder scanned yet");
    private final JProgressBar progress = new JProgressBar(0, 1000);
    private final JTree tree = new JTree(ScanTreeModel.empty("Choose a folder with “Scan Folder…”"));
    private final JTable files = new JTable(ScanTreeModel.unreadable(List.of())) {
        @Override
        public String getToolTipText(MouseEvent e) {
            // the reasons are long: show the whole row on hover
            int row = rowAtPoint(e.getPoint());
            return row < 0 ? null : getValueAt(row, 0) + ": " + getValueAt(row, getColumnCount() - 1);
        }
    };
    private final JTabbedPane details = new JTabbedPane();
    private final JTextArea report = new JTextArea("Select series in the tree and press “Convert to NIfTI”.\n");
    private final JLabel status = new JLabel(" ");

    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicReference<String> progressText = new AtomicReference<>("");
    private final Timer progressTimer = new Timer(100, e -> refreshProgress());
    private AtomicBoolean cancelRequested = new AtomicBoolean();
    private RequestProcessor.Task running;
    private Path scannedFolder;
    private DicomScan scan;

    public DicomImportTopComponent() {
        setName(Bundle.CTL_DicomImportTopComponent());
        setToolTipText(Bundle.HINT_DicomImportTopComponent());
        setLayout(new BorderLayout());

        JPanel scanRow = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 4));
        scanRow.add(scanButton);
        scanRow.add(progress);
        scanRow.add(cancelButton);
        scanRow.add(folderLabel);
        progress.setStringPainted(true);
        progress.setString("");
        progress.setPreferredSize(new Dimension(260, progress.getPreferredSize().height + 4));
        cancelButton.setEnabled(false);

        JPanel convertRow = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 4));
        JLabel outputLabel = new JLabel("Output folder:");
        outputLabel.setLabelFor(outputField);
        convertRow.add(outputLabel);
        convertRow.add(outputField);
        convertRow.add(browseButton);
        convertRow.add(convertAll);
        convertRow.add(convertButton);
        convertRow.add(selectionLabel);
        outputField.setToolTipText(
                "Where the NIfTI, JSON (and .bval/.bvec) files go; by default a new folder under ~/ferrum-nifti,"
                        + " outside the scanned tree");
        convertAll.setToolTipText("Convert every series of the scan, not only the selected ones");
        convertButton.setToolTipText(
                "Convert the selected series (or all, with “All series”) to NIfTI + BIDS JSON (dcm2niix naming)");
        convertButton.setEnabled(false);
        browseButton.setEnabled(false);
        outputField.setEnabled(false);
        convertAll.setEnabled(false);

        JPanel north = new JPanel();
        north.setLayout(new BoxLayout(north, BoxLayout.Y_AXIS));
        scanRow.setAlignmentX(LEFT_ALIGNMENT);
        convertRow.setAlignmentX(LEFT_ALIGNMENT);
        north.add(scanRow);
        north.add(convertRow);
        add(north, BorderLayout.NORTH);

        tree.setRootVisible(true);
        tree.setShowsRootHandles(true);
        tree.getSelectionModel().setSelectionMode(TreeSelectionModel.DISCONTIGUOUS_TREE_SELECTION);
        tree.setToolTipText("Select series to convert (Ctrl/Shift for several); double-click opens one in the viewer;"
                + " right-click for Open, Convert and Show Tags");
        files.setAutoCreateRowSorter(true);
        report.setEditable(false);
        report.setFont(new Font(Font.MONOSPACED, Font.PLAIN, report.getFont().getSize()));
        report.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        details.addTab("Files not converted", new JScrollPane(files));
        details.addTab("Conversion report", new JScrollPane(report));
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(tree), details);
        split.setResizeWeight(0.65);
        add(split, BorderLayout.CENTER);
        status.setBorder(BorderFactory.createEmptyBorder(3, 6, 3, 6));
        add(status, BorderLayout.SOUTH);

        tree.setName(TREE_NAME);
        convertButton.setName(CONVERT_NAME);
        outputField.setName(OUTPUT_NAME);
        browseButton.setName(BROWSE_NAME);
        convertAll.setName(ALL_NAME);
        files.setName(FILES_NAME);
        report.setName(REPORT_NAME);
        status.setName(STATUS_NAME);

        scanButton.addActionListener(e -> chooseAndScan());
        cancelButton.addActionListener(e -> cancel());
        convertButton.addActionListener(e -> convertFromFields());
        browseButton.addActionListener(e -> chooseOutput());
        convertAll.addActionListener(e -> updateSelection());
        tree.addTreeSelectionListener(e -> updateSelection());
        tree.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (SwingUtilities.isLeftMouseButton(e) && e.getClickCount() == 2) {
                    DicomSeries s = seriesAt(e.getX(), e.getY());
                    if (s != null) {
                        openInViewer(s);
                    }
                }
            }

            @Override
            public void mousePressed(MouseEvent e) {
                popup(e);
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                popup(e);
            }
        });
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
                DicomScan result = DicomScanner.scan(
                        folder,
                        (d, t) -> {
                            done.accumulateAndGet(d, Math::max);
                            total.set(t);
                        },
                        cancel::get);
                double seconds = (System.nanoTime() - start) / 1e9;
                SwingUtilities.invokeLater(() -> showScan(folder, result, seconds));
            } catch (CancellationException e) {
                SwingUtilities.invokeLater(() -> finished(
                        String.format(Locale.ROOT, "Scan cancelled after %d of %d files.", done.get(), total.get())));
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

    private void chooseOutput() {
        Path current = outputPath();
        JFileChooser chooser = new JFileChooser(
                current == null ? null : (Files.isDirectory(current) ? current : current.getParent()).toFile());
        chooser.setDialogTitle("Convert to NIfTI: choose the output folder");
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setApproveButtonText("Choose");
        if (chooser.showSaveDialog(WindowManager.getDefault().getMainWindow()) == JFileChooser.APPROVE_OPTION
                && chooser.getSelectedFile() != null) {
            outputField.setText(chooser.getSelectedFile().getPath());
        }
    }

    /** The output folder the field names ({@code ~} expanded), or null if it is empty. */
    Path outputPath() {
        String text = outputField.getText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.equals("~") || text.startsWith("~/") || text.startsWith("~" + File.separator)) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        return Path.of(text);
    }

    private void convertFromFields() {
        Path out = outputPath();
        if (out == null) {
            status.setText("Name an output folder first.");
            return;
        }
        convert(out);
    }

    /**
     * Converts the selected series (every series if "All series" is ticked) into {@code out} in the background
     * (needs a finished scan).
     */
    public void convert(Path out) {
        convert(seriesToConvert(), out);
    }

    /** Converts {@code series} into {@code out} in the background, listing every output, warning and skipped series. */
    void convert(List<DicomSeries> series, Path out) {
        if (scannedFolder == null || (running != null && !running.isFinished())) {
            status.setText("Scan a folder first, and wait for the scan to finish.");
            return;
        }
        if (series.isEmpty()) {
            status.setText(
                    "Select one or more series in the tree (a study or patient selects all of its series), or tick “All series”.");
            return;
        }
        Path in = scannedFolder;
        AtomicBoolean cancel = new AtomicBoolean();
        cancelRequested = cancel;
        done.set(0);
        total.set(1000);
        progressText.set("converting…");
        busy(true);
        List<DicomSeries> chosen = List.copyOf(series);
        running = WORKER.post(() -> {
            try {
                ConversionReport r = new DicomConverter()
                        .convert(
                                chosen,
                                in,
                                out,
                                new DicomConverter.Listener() {
                                    @Override
                                    public void progress(double fraction, String message) {
                                        done.set((int) Math.round(1000 * Math.max(0, Math.min(1, fraction))));
                                        progressText.set(message);
                                    }
                                },
                                cancel::get);
                String text = reportText(r, out);
                String line = String.format(
                        Locale.ROOT,
                        "Converted %d of %d series into %s: %d output%s written%s%s.",
                        r.seriesFound() - r.skipped().size(),
                        r.seriesFound(),
                        out,
                        r.written().size(),
                        r.written().size() == 1 ? "" : "s",
                        r.skipped().isEmpty()
                                ? ""
                                : ", " + r.skipped().size() + " skipped (reasons under Conversion report)",
                        r.warnings().isEmpty()
                                ? ""
                                : ", " + r.warnings().size() + " warning"
                                        + (r.warnings().size() == 1 ? "" : "s"));
                SwingUtilities.invokeLater(() -> {
                    finished(line);
                    report.setText(text);
                    report.setCaretPosition(0);
                    details.setSelectedIndex(1);
                });
            } catch (CancellationException e) {
                SwingUtilities.invokeLater(() ->
                        finished("Conversion cancelled; series finished before the cancel were kept in " + out + "."));
            } catch (IOException | RuntimeException e) {
                SwingUtilities.invokeLater(() -> finished("Cannot convert into " + out + ": " + e.getMessage()));
            }
        });
    }

    /** The conversion report as text: outputs, warnings, skipped series with their reasons. */
    static String reportText(ConversionReport r, Path out) {
        StringBuilder sb = new StringBuilder();
        sb.append("Output folder: ").append(out).append('\n');
        sb.append(r.written().size())
                .append(" output")
                .append(r.written().size() == 1 ? "" : "s")
                .append(" written:\n");
        for (ConversionReport.Output o : r.written()) {
            sb.append("  ")
                    .append(o.image().getFileName())
                    .append("  ")
                    .append(o.dimensionsText())
                    .append("  ")
                    .append(o.kind())
                    .append(" (")
                    .append(o.units())
                    .append(")  from series ")
                    .append(o.series());
            Path bval = o.image()
                    .resolveSibling(o.sidecar().getFileName().toString().replaceFirst("\\.json$", ".bval"));
            if (Files.isRegularFile(bval)) {
                sb.append("  + .bval/.bvec");
            }
            sb.append('\n');
        }
        if (!r.warnings().isEmpty()) {
            sb.append('\n')
                    .append(r.warnings().size())
                    .append(" warning")
                    .append(r.warnings().size() == 1 ? "" : "s")
                    .append(":\n");
            r.warnings().forEach(w -> sb.append("  ").append(w).append('\n'));
        }
        if (!r.skipped().isEmpty()) {
            sb.append('\n').append(r.skipped().size()).append(" series not converted:\n");
            r.skipped().forEach(s -> sb.append("  ")
                    .append(s.series())
                    .append(": ")
                    .append(s.reason())
                    .append('\n'));
        }
        return sb.toString();
    }

    /** The series under the selected nodes (a study or patient stands for all its series), or all with "All series". */
    List<DicomSeries> seriesToConvert() {
        if (scan == null) {
            return List.of();
        }
        if (convertAll.isSelected()) {
            return scan.series();
        }
        Set<DicomSeries> out = new LinkedHashSet<>();
        TreePath[] paths = tree.getSelectionPaths();
        if (paths != null) {
            for (TreePath p : paths) {
                collect((DefaultMutableTreeNode) p.getLastPathComponent(), out);
            }
        }
        // in scan order, whatever order the user clicked in
        List<DicomSeries> ordered = new ArrayList<>();
        for (DicomSeries s : scan.series()) {
            if (out.contains(s)) {
                ordered.add(s);
            }
        }
        return ordered;
    }

    private static void collect(DefaultMutableTreeNode node, Set<DicomSeries> out) {
        if (node.getUserObject() instanceof ScanTreeModel.Entry e && e.value() instanceof DicomSeries s) {
            out.add(s);
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collect((DefaultMutableTreeNode) node.getChildAt(i), out);
        }
    }

    /** Selects the series nodes whose series satisfy {@code which} (for tests and GUI journeys). */
    void selectSeries(java.util.function.Predicate<DicomSeries> which) {
        List<TreePath> paths = new ArrayList<>();
        DefaultMutableTreeNode root = (DefaultMutableTreeNode) tree.getModel().getRoot();
        for (var e = root.depthFirstEnumeration(); e.hasMoreElements(); ) {
            DefaultMutableTreeNode n = (DefaultMutableTreeNode) e.nextElement();
            if (n.getUserObject() instanceof ScanTreeModel.Entry en
                    && en.value() instanceof DicomSeries s
                    && which.test(s)) {
                paths.add(new TreePath(n.getPath()));
            }
        }
        tree.setSelectionPaths(paths.toArray(TreePath[]::new));
    }

    private void updateSelection() {
        if (scan == null) {
            return;
        }
        int n = seriesToConvert().size();
        selectionLabel.setText(
                convertAll.isSelected()
                        ? "all " + n + " series"
                        : n == 0 ? "No series selected" : n + " series selected");
        convertButton.setEnabled(n > 0 && (running == null || running.isFinished()));
    }

    private DicomSeries seriesAt(int x, int y) {
        TreePath p = tree.getPathForLocation(x, y);
        if (p == null) {
            return null;
        }
        Object u = ((DefaultMutableTreeNode) p.getLastPathComponent()).getUserObject();
        return u instanceof ScanTreeModel.Entry e && e.value() instanceof DicomSeries s ? s : null;
    }

    private void popup(MouseEvent e) {
        if (!e.isPopupTrigger()) {
            return;
        }
        TreePath p = tree.getPathForLocation(e.getX(), e.getY());
        if (p == null) {
            return;
        }
        if (!tree.isPathSelected(p)) {
            tree.setSelectionPath(p);
        }
        popupMenu(seriesAt(e.getX(), e.getY())).show(tree, e.getX(), e.getY());
    }

    /** The right-click menu: Open in Viewer and Show Tags for a series node, Convert for the selection. */
    JPopupMenu popupMenu(DicomSeries series) {
        JPopupMenu menu = new JPopupMenu();
        JMenuItem open = new JMenuItem("Open in Viewer");
        open.setEnabled(series != null);
        open.addActionListener(a -> openInViewer(series));
        JMenuItem convert = new JMenuItem("Convert to NIfTI");
        convert.addActionListener(a -> convertFromFields());
        JMenuItem tags = new JMenuItem("Show Tags…");
        tags.setEnabled(series != null);
        tags.addActionListener(a -> showTags(series));
        menu.add(open);
        menu.add(convert);
        menu.addSeparator();
        menu.add(tags);
        return menu;
    }

    /** Assembles the series in the background and opens it in a viewer window (one map per image kind). */
    void openInViewer(DicomSeries series) {
        status.setText("Reading series " + series.seriesNumber() + " “" + series.seriesDescription() + "”…");
        WORKER.post(() -> {
            try {
                List<DicomVolume> volumes = series.assemble();
                List<NamedVolume> maps = new ArrayList<>();
                for (DicomVolume v : volumes) {
                    maps.add(new NamedVolume(v.kind().label(), v.volume()));
                }
                String title = "#" + series.seriesNumber() + " " + series.seriesDescription();
                List<String> warnings =
                        volumes.stream().flatMap(v -> v.warnings().stream()).toList();
                ViewerTopComponent.open(title, maps);
                SwingUtilities.invokeLater(() -> status.setText(
                        "Opened " + title + (warnings.isEmpty() ? "" : "; " + String.join("; ", warnings))));
            } catch (IOException | RuntimeException e) {
                SwingUtilities.invokeLater(
                        () -> status.setText("Cannot open series " + series.seriesNumber() + ": " + e.getMessage()));
            }
        });
    }

    /** Shows the first file's attributes (tag, VR, keyword, value) in the report tab. */
    void showTags(DicomSeries series) {
        Path first = series.files().get(0);
        WORKER.post(() -> {
            String text;
            try {
                text = "Tags of " + first + " (first of " + series.files().size() + " files of series "
                        + series.seriesNumber() + ")\n\n" + DicomDump.header(first);
            } catch (IOException | RuntimeException e) {
                text = "Cannot read " + first + ": " + e.getMessage();
            }
            String shown = text;
            SwingUtilities.invokeLater(() -> {
                report.setText(shown);
                report.setCaretPosition(0);
                details.setSelectedIndex(1);
            });
        });
    }

    /**
     * The default output folder: {@code ~/ferrum-nifti/<study>} (study date and description when the scan holds one
     * study, else the scanned folder's name), never inside the scanned tree, and a new one ({@code -2}, {@code -3}, …)
     * if that folder already holds files.
     */
    static Path defaultOutput(Path scanned, DicomScan scan, Path home) {
        String name =
                scanned.getFileName() == null ? "dicom" : scanned.getFileName().toString();
        List<DicomScan.Study> studies =
                scan.patients().stream().flatMap(p -> p.studies().stream()).toList();
        if (studies.size() == 1) {
            DicomScan.Study s = studies.get(0);
            String label = (s.date() + "_" + s.description()).replaceAll("^_|_$", "");
            if (!label.isBlank()) {
                name = label;
            }
        }
        name = NameTemplate.sanitize(name);
        Path base = home.resolve("ferrum-nifti");
        Path root = scanned.toAbsolutePath().normalize();
        if (base.toAbsolutePath().normalize().startsWith(root)) {
            base = root.getParent() == null
                    ? root.resolveSibling("ferrum-nifti")
                    : root.getParent().resolve(root.getFileName() + "-nifti");
        }
        Path candidate = base.resolve(name);
        for (int i = 2; i < 1000 && holdsFiles(candidate); i++) {
            candidate = base.resolve(name + "-" + i);
        }
        return candidate;
    }

    private static boolean holdsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    private void showScan(Path folder, DicomScan result, double seconds) {
        scannedFolder = folder;
        scan = result;
        tree.setModel(ScanTreeModel.tree(result));
        for (int row = 0; row < tree.getRowCount() && row < 200; row++) {
            tree.expandRow(row);
        }
        files.setModel(ScanTreeModel.unreadable(result.unreadable(), folder));
        if (files.getColumnModel().getColumnCount() == 3) {
            files.getColumnModel().getColumn(0).setPreferredWidth(420);
            files.getColumnModel().getColumn(1).setPreferredWidth(150);
            files.getColumnModel().getColumn(1).setMaxWidth(220);
            files.getColumnModel().getColumn(2).setPreferredWidth(520);
        }
        details.setTitleAt(0, "Files not converted: " + ScanTreeModel.leftOutText(result));
        report.setText("Select series in the tree (Ctrl/Shift for several; a study selects all of its series) and press"
                + " “Convert to NIfTI”, or tick “All series”.\n");
        details.setSelectedIndex(
                result.unreadable(UnreadableFile.Kind.UNREADABLE).isEmpty() ? 1 : 0);
        outputField.setText(defaultOutput(folder, result, Path.of(System.getProperty("user.home")))
                .toString());
        finished(String.format(
                Locale.ROOT,
                "Scanned %s in %.2f s (%.0f MB/s): %s.",
                folder,
                seconds,
                result.bytes() / 1e6 / Math.max(seconds, 1e-3),
                ScanTreeModel.rootText(result)));
        updateSelection();
    }

    private void finished(String message) {
        busy(false);
        status.setText(message);
        status.setToolTipText(message);
    }

    private void busy(boolean on) {
        scanButton.setEnabled(!on);
        cancelButton.setEnabled(on);
        boolean ready = !on && scan != null;
        outputField.setEnabled(ready);
        browseButton.setEnabled(ready);
        convertAll.setEnabled(ready);
        convertButton.setEnabled(ready && !seriesToConvert().isEmpty());
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

    /** The status line (for tests). */
    String statusText() {
        return status.getText();
    }

    /** The conversion report's text (for tests). */
    String reportText() {
        return report.getText();
    }

    /** The output folder field's text (for tests). */
    String outputText() {
        return outputField.getText();
    }

    /** Ticks or clears "All series" (for tests). */
    void setConvertAll(boolean all) {
        convertAll.setSelected(all);
        updateSelection();
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
