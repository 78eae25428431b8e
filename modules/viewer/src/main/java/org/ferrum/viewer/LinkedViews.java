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
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.ferrum.io.VolumeFiles;

/**
 * Any number of maps side by side in one plane, sharing slice, zoom, pan and crosshair (e.g.
 * χ | R2* | LIC from QSM | LIC from R2*). The first map's grid is the reference: a map on another grid is
 * resampled nearest-neighbour onto it, a map that does not overlap it is left out and the reason shown
 * above the views ({@link GridResampling}).
 *
 * <p>ROI tools in the ROI panel at the right ({@link RoiEditorPanel}: ellipse | polygon | freehand | sphere, paint
 * and erase brushes, labels with names and colours, undo) edit one label map shared by all views; the statistics of every map in that ROI, each in its unit, are listed under the
 * views ({@link RoiStatisticsPanel}), and "Save ROI…" writes the label map as NIfTI. Beside the table, over
 * the ROI voxels: the scatter of map 2 against map 1, and the Bland–Altman plot of map 3 against map 4
 * when both are LIC maps in one unit ({@link RoiCharts}, e.g. LIC from QSM vs LIC from R2*).
 */
public final class LinkedViews extends JPanel {

    private final ViewerLink link = new ViewerLink();
    private final List<SliceView> views = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final RoiStatisticsPanel roiStatistics;
    private final RoiEditorPanel roiEditor;
    private final JPanel chartsPanel = new JPanel(new GridLayout(1, 0, 4, 0));
    private final List<org.ferrum.charts.PlottedChart> roiCharts = new ArrayList<>();
    private final List<NamedVolume> shownMaps = new ArrayList<>();

    public LinkedViews(List<NamedVolume> maps, DisplayConvention convention, Plane plane) {
        super(new BorderLayout());
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("no map to show");
        }
        NamedVolume reference = maps.get(0);
        for (NamedVolume m : maps) {
            try {
                NamedVolume shown = GridResampling.onto(reference, m);
                String name = shown == m ? m.name() : m.name() + " (resampled)";
                views.add(new SliceView(name, new SliceRenderer(shown.volume(), convention), plane, link));
            } catch (GridResampling.GeometryMismatchException e) {
                refused.add(e.getMessage());
            }
        }
        long[] centre = {
            reference.volume().dimension(0) / 2,
            reference.volume().dimension(1) / 2,
            reference.volume().dimension(2) / 2
        };
        link.setCursorMm(views.get(0).renderer().patientOf(centre));

        JPanel grid = new JPanel(new GridLayout(1, views.size(), 2, 2));
        JPanel controls = new JPanel(new GridLayout(0, 1));
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 1));
        JComboBox<Plane> planes = new JComboBox<>(Plane.values());
        planes.setSelectedItem(plane);
        planes.addActionListener(e -> views.forEach(v -> v.setPlane((Plane) planes.getSelectedItem())));
        top.add(new JLabel("plane"));
        top.add(planes);
        JButton save = new JButton("Save ROI…");
        save.setToolTipText("Save the label map as NIfTI (the label table: Save labels… in the ROI panel)");
        save.addActionListener(e -> chooseAndSaveRoi());
        top.add(save);
        controls.add(top);
        controls.add(new FusionControls(
                link,
                () -> new NamedVolume(
                        views.get(0).title(), views.get(0).renderer().volume())));
        for (SliceView v : views) {
            grid.add(v);
            controls.add(new MapControls(v.title(), List.of(v)));
        }
        for (String message : refused) {
            JLabel l = new JLabel("Not shown: " + message);
            l.setForeground(Color.RED.darker());
            controls.add(l);
        }
        add(controls, BorderLayout.NORTH);
        add(grid, BorderLayout.CENTER);
        for (SliceView v : views) {
            shownMaps.add(new NamedVolume(v.title(), v.renderer().volume()));
        }
        roiStatistics = new RoiStatisticsPanel(shownMaps, link);
        JPanel south = new JPanel(new BorderLayout());
        south.add(roiStatistics, BorderLayout.NORTH);
        south.add(chartsPanel, BorderLayout.CENTER);
        add(south, BorderLayout.SOUTH);
        roiEditor = new RoiEditorPanel(link, views.get(0).renderer().volume());
        // three maps or more need the width: the ROI panel starts hidden (the toggle shows it)
        roiEditor.setVisible(views.size() <= 2);
        add(roiEditor, BorderLayout.EAST);
        top.add(RoiEditorPanel.toggle(roiEditor));
        link.addRoiListener(e -> refreshCharts());
    }

    /**
     * The charts shown for the current ROI: the scatter of map 2 vs map 1 (two maps or more), then the
     * Bland–Altman plot of map 3 vs map 4 if both are LIC maps in one unit; empty without an ROI.
     */
    public List<org.ferrum.charts.PlottedChart> roiCharts() {
        return Collections.unmodifiableList(roiCharts);
    }

    private void refreshCharts() {
        roiCharts.clear();
        chartsPanel.removeAll();
        if (link.roi() != null && shownMaps.size() >= 2) {
            int label = link.activeLabel();
            roiCharts.add(RoiCharts.scatter(shownMaps.get(0), shownMaps.get(1), link.roi(), label));
            if (shownMaps.size() >= 4 && RoiCharts.comparableLic(shownMaps.get(2), shownMaps.get(3))) {
                roiCharts.add(RoiCharts.blandAltman(shownMaps.get(2), shownMaps.get(3), link.roi(), label));
            }
        }
        for (org.ferrum.charts.PlottedChart c : roiCharts) {
            org.ferrum.charts.PlottedChartPanel panel = new org.ferrum.charts.PlottedChartPanel(c);
            panel.setPreferredSize(new java.awt.Dimension(360, 260));
            chartsPanel.add(panel);
        }
        chartsPanel.revalidate();
        chartsPanel.repaint();
    }

    /** The ROI editing panel (tools, brush, label table) at the right. */
    public RoiEditorPanel roiEditor() {
        return roiEditor;
    }

    /** The ROI statistics under the views. */
    public RoiStatisticsPanel roiStatistics() {
        return roiStatistics;
    }

    /**
     * Writes the shared ROI label map (label 1 inside, 0 outside, on the first map's grid) to {@code path};
     * the format follows the extension ({@code .nii}, {@code .nii.gz}).
     *
     * @throws IllegalStateException if no ROI is drawn
     */
    public void saveRoi(Path path) throws IOException {
        if (link.roi() == null) {
            throw new IllegalStateException("no ROI to save: draw one first");
        }
        VolumeFiles.write(link.roi(), path);
    }

    private void chooseAndSaveRoi() {
        if (link.roi() == null) {
            JOptionPane.showMessageDialog(this, "Draw an ROI first.", "Save ROI", JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setFileFilter(new FileNameExtensionFilter("NIfTI (.nii, .nii.gz)", "nii", "gz"));
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path path = chooser.getSelectedFile().toPath();
        String name = path.getFileName().toString();
        if (!name.endsWith(".nii") && !name.endsWith(".nii.gz")) {
            path = path.resolveSibling(name + ".nii.gz");
        }
        try {
            saveRoi(path);
        } catch (IOException | RuntimeException ex) {
            JOptionPane.showMessageDialog(
                    this,
                    "Could not save the ROI to " + path + ":\n" + ex.getMessage(),
                    "Save ROI",
                    JOptionPane.ERROR_MESSAGE);
        }
    }

    /** The views shown, in the order of the maps (refused maps left out). */
    public List<SliceView> views() {
        return Collections.unmodifiableList(views);
    }

    /** One user-readable message per map that could not be linked (empty if all are shown). */
    public List<String> refusedMaps() {
        return Collections.unmodifiableList(refused);
    }

    public ViewerLink link() {
        return link;
    }
}
