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
package org.ferrum.charts;

import java.awt.Component;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.prefs.Preferences;
import javax.swing.BorderFactory;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.jfree.chart.ChartPanel;
import org.openide.util.NbPreferences;

/**
 * A Swing view of a {@link PlottedChart} for the UI modules: JFreeChart's {@link ChartPanel} (zoom, tooltips, its
 * own copy/print menu) plus an "Export chart and data…" item that writes through {@link ChartExport}, so exports from
 * the screen are the same files as from code, the data CSV included. Create and use it on the event thread.
 *
 * <p>The export dialog is a file chooser with the image size in pixels and the resolution (DPI) beside it; it starts in
 * the folder of the last export, with the last size and resolution ({@link NbPreferences} of this module, keys
 * {@value #PREF_FOLDER}, {@value #PREF_WIDTH}, {@value #PREF_HEIGHT}, {@value #PREF_DPI}), and ends with a message
 * saying what was written where. Component names for GUI tests: the popup item {@value #NAME_MENU_ITEM}, the chooser
 * {@value #NAME_CHOOSER}, its fields {@value #NAME_WIDTH}, {@value #NAME_HEIGHT}, {@value #NAME_DPI}.
 */
public final class PlottedChartPanel extends ChartPanel {

    private static final long serialVersionUID = 1L;

    /** Label of the popup-menu item added to JFreeChart's menu. */
    public static final String EXPORT_ITEM = "Export chart and data…";
    /** Component names (setName) of the export controls. */
    public static final String NAME_MENU_ITEM = "chartExport.menuItem",
            NAME_CHOOSER = "chartExport.chooser",
            NAME_WIDTH = "chartExport.width",
            NAME_HEIGHT = "chartExport.height",
            NAME_DPI = "chartExport.dpi";

    static final String PREF_FOLDER = "chartExport.folder",
            PREF_WIDTH = "chartExport.width",
            PREF_HEIGHT = "chartExport.height",
            PREF_DPI = "chartExport.dpi";
    /** Resolutions offered: screen, and the usual print and journal ones. */
    static final Integer[] DPI_CHOICES = {72, 96, 150, 300, 600};

    private final transient PlottedChart plotted;

    public PlottedChartPanel(PlottedChart plotted) {
        super(plotted.chart());
        this.plotted = plotted;
        JPopupMenu menu = getPopupMenu();
        if (menu != null) {
            JMenuItem export = new JMenuItem(EXPORT_ITEM);
            export.setName(NAME_MENU_ITEM);
            export.addActionListener(e -> chooseAndExport());
            menu.addSeparator();
            menu.add(export);
        }
    }

    /** The chart and its data shown here. */
    public PlottedChart plotted() {
        return plotted;
    }

    static Preferences preferences() {
        return NbPreferences.forModule(PlottedChartPanel.class);
    }

    /** The file chooser with its size and resolution fields, set up from the preferences. */
    static final class ExportChooser extends JFileChooser {

        private static final long serialVersionUID = 1L;
        final JSpinner width = new JSpinner(
                new SpinnerNumberModel(preferences().getInt(PREF_WIDTH, ChartExport.DEFAULT_WIDTH), 50, 20000, 50));
        final JSpinner height = new JSpinner(
                new SpinnerNumberModel(preferences().getInt(PREF_HEIGHT, ChartExport.DEFAULT_HEIGHT), 50, 20000, 50));
        final JComboBox<Integer> dpi = new JComboBox<>(DPI_CHOICES);

        ExportChooser() {
            setName(NAME_CHOOSER);
            setDialogTitle("Export chart (PNG, SVG, PDF) or its data (CSV)");
            String folder = preferences().get(PREF_FOLDER, null);
            if (folder != null && Files.isDirectory(Path.of(folder))) {
                setCurrentDirectory(new File(folder));
            }
            for (ChartExport.Format f : ChartExport.Format.values()) {
                addChoosableFileFilter(new FileNameExtensionFilter(f + " (*." + f.extension() + ")", f.extension()));
            }
            setFileFilter(getChoosableFileFilters()[1]); // PNG (0 is "All files")
            width.setName(NAME_WIDTH);
            height.setName(NAME_HEIGHT);
            dpi.setName(NAME_DPI);
            dpi.setEditable(true);
            dpi.setSelectedItem(preferences().getInt(PREF_DPI, ChartExport.SCREEN_DPI));
            width.setToolTipText("Width of the image in pixels (PNG); in points for SVG and PDF");
            height.setToolTipText("Height of the image in pixels (PNG); in points for SVG and PDF");
            dpi.setToolTipText(
                    "Resolution recorded in the PNG; text and lines are drawn to keep their size when printed at it");
            JPanel p = new JPanel(new GridBagLayout());
            p.setBorder(BorderFactory.createTitledBorder("Image"));
            add(p, 0, "Width (px)", width);
            add(p, 1, "Height (px)", height);
            add(p, 2, "Resolution (DPI, PNG)", dpi);
            setAccessory(p);
        }

        private static void add(JPanel p, int row, String label, Component field) {
            GridBagConstraints c = new GridBagConstraints();
            c.gridy = row;
            c.insets = new Insets(2, 4, 2, 4);
            c.anchor = GridBagConstraints.WEST;
            JLabel l = new JLabel(label);
            l.setLabelFor(field);
            p.add(l, c);
            c.gridx = 1;
            c.fill = GridBagConstraints.HORIZONTAL;
            p.add(field, c);
        }

        /** The selected file, with the extension of the chosen filter added when it has none. */
        Path target() {
            File file = getSelectedFile();
            String name = file.getName();
            if (name.indexOf('.') < 0 && getFileFilter() instanceof FileNameExtensionFilter f) {
                file = new File(file.getParentFile(), name + "." + f.getExtensions()[0].toLowerCase(Locale.ROOT));
            }
            return file.toPath();
        }

        int dpiValue() {
            Object v = dpi.getEditor().getItem();
            try {
                return v instanceof Integer i
                        ? i
                        : Integer.parseInt(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("resolution '" + v + "' is not a whole number of DPI");
            }
        }
    }

    /**
     * Writes the chart to {@code path} at the given size and resolution, remembers folder, size and resolution, and
     * returns the confirmation to show.
     */
    String export(Path path, int width, int height, int dpi) throws IOException {
        ChartExport.Format format =
                ChartExport.Format.ofFileName(path.getFileName().toString());
        ChartExport.write(plotted.chart(), plotted.data(), path, format, width, height, dpi);
        Preferences prefs = preferences();
        prefs.put(PREF_FOLDER, path.toAbsolutePath().getParent().toString());
        prefs.putInt(PREF_WIDTH, width);
        prefs.putInt(PREF_HEIGHT, height);
        prefs.putInt(PREF_DPI, dpi);
        return confirmation(path, format, width, height, dpi);
    }

    /** "Wrote lic.png (1600 × 1000 px, 300 DPI, 84 kB) to /home/me/figures". */
    static String confirmation(Path path, ChartExport.Format format, int width, int height, int dpi)
            throws IOException {
        String what =
                switch (format) {
                    case PNG -> String.format(Locale.ROOT, "%d × %d px, %d DPI", width, height, dpi);
                    case SVG, PDF -> String.format(Locale.ROOT, "%d × %d pt", width, height);
                    case CSV -> "the plotted data";
                };
        long bytes = Files.size(path);
        String size = bytes < 10_000 ? bytes + " bytes" : String.format(Locale.ROOT, "%.0f kB", bytes / 1000.0);
        return "Wrote " + path.getFileName() + " (" + what + ", " + size + ")\nto "
                + path.toAbsolutePath().getParent();
    }

    private void chooseAndExport() {
        ExportChooser chooser = new ExportChooser();
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path path = chooser.target();
        try {
            String done = export(
                    path, (Integer) chooser.width.getValue(), (Integer) chooser.height.getValue(), chooser.dpiValue());
            JOptionPane.showMessageDialog(this, done, "Chart exported", JOptionPane.INFORMATION_MESSAGE);
        } catch (IOException | IllegalArgumentException ex) {
            JOptionPane.showMessageDialog(
                    this,
                    "Could not export to " + path + ":\n" + ex.getMessage(),
                    "Export failed",
                    JOptionPane.ERROR_MESSAGE);
        }
    }
}
