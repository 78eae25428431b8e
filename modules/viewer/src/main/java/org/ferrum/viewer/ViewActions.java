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
package org.ferrum.viewer;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.prefs.Preferences;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.charts.ChartData;
import org.ferrum.charts.PlottedChart;
import org.ferrum.charts.PlottedChartPanel;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.io.table.LabelTable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * What the viewer's context menu and keys do beyond viewing: save a view as PNG, show the histogram of the map (and
 * of the active ROI label), undo and redo ROI edits with Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z).
 */
public final class ViewActions {

    private static final Preferences PREFS = Preferences.userNodeForPackage(ViewActions.class);
    private static final String LAST_FOLDER = "lastPngFolder";

    private ViewActions() {}

    /** Binds Ctrl+Z (undo), Ctrl+Y and Ctrl+Shift+Z (redo) of ROI edits while {@code c} or a child has the focus. */
    static void bindUndoKeys(JComponent c, ViewerLink link) {
        int ctrl = InputEvent.CTRL_DOWN_MASK;
        c.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_Z, ctrl), "roi-undo");
        c.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_Y, ctrl), "roi-redo");
        c.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_Z, ctrl | InputEvent.SHIFT_DOWN_MASK), "roi-redo");
        c.getActionMap().put("roi-undo", new AbstractAction("Undo") {
            @Override
            public void actionPerformed(ActionEvent e) {
                link.undo();
            }
        });
        c.getActionMap().put("roi-redo", new AbstractAction("Redo") {
            @Override
            public void actionPerformed(ActionEvent e) {
                link.redo();
            }
        });
    }

    /** A file name for the view's PNG: title and plane, without characters that file systems refuse. */
    static String suggestedName(SliceView view) {
        String base = (view.title() + " " + view.plane().name().toLowerCase(Locale.ROOT) + " "
                        + (view.sliceIndex() + 1))
                .replaceAll("[^\\p{L}\\p{N}._ -]+", "_")
                .strip();
        return (base.isEmpty() ? "view" : base) + ".png";
    }

    /** Asks for a file (starting in the last folder used) and writes the view as PNG; says where it went. */
    static void savePng(SliceView view) {
        JFileChooser chooser = new JFileChooser(PREFS.get(LAST_FOLDER, System.getProperty("user.home")));
        chooser.setDialogTitle("Save view as PNG");
        chooser.setFileFilter(new FileNameExtensionFilter("PNG image (.png)", "png"));
        chooser.setSelectedFile(new File(chooser.getCurrentDirectory(), suggestedName(view)));
        if (chooser.showSaveDialog(view) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = chooser.getSelectedFile().toPath();
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            file = file.resolveSibling(file.getFileName() + ".png");
        }
        if (file.getParent() != null) {
            PREFS.put(LAST_FOLDER, file.getParent().toString());
        }
        try {
            view.writePng(file);
            JOptionPane.showMessageDialog(
                    view,
                    "Saved " + file + "\n(" + view.getWidth() + " × " + view.getHeight() + " pixels, as on screen)",
                    "Save view as PNG",
                    JOptionPane.INFORMATION_MESSAGE);
        } catch (IOException | RuntimeException ex) {
            JOptionPane.showMessageDialog(
                    view,
                    "Could not save " + file + ":\n" + ex.getMessage(),
                    "Save view as PNG",
                    JOptionPane.ERROR_MESSAGE);
        }
    }

    /**
     * The histogram of the view's map (the frame shown, {@link VolumeHistogram#DEFAULT_BINS} bins over its finite
     * range) and, if the ROI holds voxels of the active label, of those voxels on the same bins, below it. The value
     * axis names the map and its unit. Data table: bin edges and the counts.
     */
    public static PlottedChart histogram(SliceView view) {
        Volume<FloatType> map = view.renderer().volume();
        float[] values = VolumeArrays.frame(map, view.frame());
        double[] range = VolumeHistogram.finiteRange(values);
        VolumeHistogram all = VolumeHistogram.of(values, range[0], range[1], VolumeHistogram.DEFAULT_BINS, map.unit());
        ViewerLink link = view.link();
        VolumeHistogram roi = null;
        String label = null;
        Volume<FloatType> labels = link.roi();
        if (labels != null && GridResampling.sameGrid(labels, map)) {
            float[] inside = roiValues(values, labels, link.activeLabel());
            if (inside.length > 0) {
                roi = VolumeHistogram.of(inside, range[0], range[1], VolumeHistogram.DEFAULT_BINS, map.unit());
                label = link.labelTable()
                        .label(link.activeLabel())
                        .map(LabelTable.Label::name)
                        .orElse("label " + link.activeLabel());
            }
        }
        return chart(view.title(), all, roi, label);
    }

    private static float[] roiValues(float[] values, Volume<FloatType> labels, int label) {
        float[] l = VolumeArrays.frame(labels, 0);
        float[] out = new float[values.length];
        int n = 0;
        for (int i = 0; i < l.length; i++) {
            if (l[i] != 0 && Math.round(l[i]) == label) {
                out[n++] = values[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The chart of {@code all} (and of {@code roi} below it, on the same bins, if not null). */
    static PlottedChart chart(String mapName, VolumeHistogram all, VolumeHistogram roi, String roiName) {
        String unit = all.unit().symbol();
        NumberAxis valueAxis = new NumberAxis(unit.isEmpty() ? mapName : mapName + " [" + unit + "]");
        valueAxis.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(valueAxis);
        plot.setGap(8);
        plot.add(subplot(all, "voxels", new Color(70, 110, 170)), 2);
        ChartData.Builder data = roi == null
                ? ChartData.builder(
                        new ChartData.Column("bin from", unit),
                        new ChartData.Column("bin to", unit),
                        new ChartData.Column("voxels", ""))
                : ChartData.builder(
                        new ChartData.Column("bin from", unit),
                        new ChartData.Column("bin to", unit),
                        new ChartData.Column("voxels", ""),
                        new ChartData.Column("voxels in " + roiName, ""));
        long[] c = all.counts();
        long[] r = roi == null ? null : roi.counts();
        for (int b = 0; b < c.length; b++) {
            if (r == null) {
                data.row(all.binLower(b), all.binLower(b + 1), (double) c[b]);
            } else {
                data.row(all.binLower(b), all.binLower(b + 1), (double) c[b], (double) r[b]);
            }
        }
        if (roi != null) {
            plot.add(subplot(roi, "voxels in '" + roiName + "'", new Color(200, 60, 40)), 1);
        }
        JFreeChart chart = new JFreeChart("Histogram of " + mapName, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle(String.format(
                Locale.ROOT,
                "%d bins of %.4g %s; %d voxels%s",
                c.length,
                all.binWidth(),
                unit,
                all.total(),
                all.nNaN() > 0 ? ", " + all.nNaN() + " NaN left out" : "")));
        chart.setBackgroundPaint(Color.WHITE);
        return new PlottedChart(chart, data.build());
    }

    private static XYPlot subplot(VolumeHistogram h, String countLabel, Color colour) {
        XYIntervalSeries s = new XYIntervalSeries(countLabel);
        long[] c = h.counts();
        for (int b = 0; b < c.length; b++) {
            double x0 = h.binLower(b), x1 = h.binLower(b + 1);
            s.add((x0 + x1) / 2, x0, x1, c[b], 0, c[b]);
        }
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        ds.addSeries(s);
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, colour);
        bars.setDrawBarOutline(false);
        NumberAxis counts = new NumberAxis(countLabel);
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot p = new XYPlot(ds, null, counts, bars);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    /** Opens the histogram of the view's map in a window beside the viewer. */
    static void showHistogram(SliceView view) {
        PlottedChart chart = histogram(view);
        Window owner = SwingUtilities.getWindowAncestor(view);
        JDialog d = new JDialog(owner, "Histogram — " + view.title(), java.awt.Dialog.ModalityType.MODELESS);
        d.getContentPane().setName("viewer.histogram.dialog");
        PlottedChartPanel panel = new PlottedChartPanel(chart);
        panel.setName("viewer.histogram.chart");
        panel.setPreferredSize(new Dimension(720, 480));
        d.getContentPane().add(panel, BorderLayout.CENTER);
        d.pack();
        d.setLocationRelativeTo(view);
        d.setVisible(true);
    }
}
