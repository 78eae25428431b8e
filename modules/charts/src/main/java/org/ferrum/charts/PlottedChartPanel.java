package org.ferrum.charts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.swing.JFileChooser;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPopupMenu;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.jfree.chart.ChartPanel;

/**
 * A Swing view of a {@link PlottedChart} for the UI modules: JFreeChart's {@link ChartPanel} (zoom, tooltips, its
 * own copy/print menu) plus an "Export chart and data…" item that writes through {@link ChartExport}, so exports from
 * the screen are the same files as from code, the data CSV included. Create and use it on the event thread.
 */
public final class PlottedChartPanel extends ChartPanel {

    private static final long serialVersionUID = 1L;

    /** Label of the popup-menu item added to JFreeChart's menu. */
    public static final String EXPORT_ITEM = "Export chart and data…";

    private final transient PlottedChart plotted;

    public PlottedChartPanel(PlottedChart plotted) {
        super(plotted.chart());
        this.plotted = plotted;
        JPopupMenu menu = getPopupMenu();
        if (menu != null) {
            JMenuItem export = new JMenuItem(EXPORT_ITEM);
            export.addActionListener(e -> chooseAndExport());
            menu.addSeparator();
            menu.add(export);
        }
    }

    /** The chart and its data shown here. */
    public PlottedChart plotted() {
        return plotted;
    }

    private void chooseAndExport() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Export chart (PNG, SVG, PDF) or its data (CSV)");
        for (ChartExport.Format f : ChartExport.Format.values()) {
            chooser.addChoosableFileFilter(new FileNameExtensionFilter(f + " (*." + f.extension() + ")", f.extension()));
        }
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        File file = chooser.getSelectedFile();
        String name = file.getName();
        if (name.indexOf('.') < 0 && chooser.getFileFilter() instanceof FileNameExtensionFilter f) {
            file = new File(file.getParentFile(), name + "." + f.getExtensions()[0].toLowerCase(Locale.ROOT));
        }
        Path path = file.toPath();
        try {
            ChartExport.write(plotted, path);
        } catch (IOException | IllegalArgumentException ex) {
            JOptionPane.showMessageDialog(this, "Could not export to " + path + ":\n" + ex.getMessage(), "Export failed",
                    JOptionPane.ERROR_MESSAGE);
        }
    }
}
