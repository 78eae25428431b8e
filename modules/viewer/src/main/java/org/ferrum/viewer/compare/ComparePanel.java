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
package org.ferrum.viewer.compare;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.DefaultComboBoxModel;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JSplitPane;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.event.ChangeListener;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.viewer.DisplayConvention;
import org.ferrum.viewer.GridResampling;
import org.ferrum.viewer.NamedVolume;
import org.ferrum.viewer.Plane;
import org.ferrum.viewer.RoiTool;
import org.ferrum.viewer.SliceRenderer;
import org.ferrum.viewer.SliceView;
import org.ferrum.viewer.ViewerLink;

/**
 * The comparison workspace: the maps the user picks, linked (one crosshair, slice, zoom and ROI), in a layout of large
 * tiles — 1 × 2, 2 × 2, 1 × 3, or the three planes of one map — each tile with its colour bar and unit; one compact
 * toolbar row above (layout, the maps, plane, ROI tool, add a file); below, in a split pane whose divider keeps the
 * tiles at least {@link #MIN_TILES_HEIGHT} pixels high, the agreement numbers and charts of two of the maps
 * ({@link AgreementPanel}).
 *
 * <p>The first picked map's grid is the reference: the others are resampled onto it nearest-neighbour
 * ({@link GridResampling}), a map that does not overlap it is left out and the reason shown. In the three-planes layout
 * the tiles show map 1 and the statistics compare it with map 2. Maps come from a {@link MapCatalogue}.
 *
 * <p>Component names, for GUI tests: {@code compare.layout}, {@code compare.map.1} … {@code compare.map.4},
 * {@code compare.plane}, {@code compare.roiTool}, {@code compare.roiRadius}, {@code compare.clearRoi},
 * {@code compare.addFile}, {@code compare.tiles}, {@code compare.tile.N}, {@code compare.view.N},
 * {@code compare.colourBar.N}, {@code compare.split}, and those of {@link AgreementPanel}.
 */
public final class ComparePanel extends JPanel {

    /** The tiles never get less than this height from the split pane (pixels). */
    public static final int MIN_TILES_HEIGHT = 360;
    /** Share of the height the tiles get when the panel is first laid out. */
    static final double TILES_SHARE = 0.64;
    /** How many map pickers there are (the largest layout's maps). */
    public static final int PICKERS = 4;

    private final MapCatalogue catalogue;
    private final ViewerLink link = new ViewerLink();
    private final JComboBox<CompareLayout> layoutBox = new JComboBox<>(CompareLayout.values());
    private final List<JComboBox<MapCatalogue.Entry>> pickers = new ArrayList<>();
    private final List<JLabel> pickerLabels = new ArrayList<>();
    private final JComboBox<Plane> planeBox = new JComboBox<>(Plane.values());
    private final JComboBox<RoiTool> toolBox = new JComboBox<>(RoiTool.values());
    private final JPanel tilesPanel = new JPanel();
    private final List<MapTile> tiles = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final AgreementPanel agreement;
    private final JSplitPane split;
    private final ChangeListener catalogueListener = e -> onEdt(this::refreshPickers);
    private Volume<FloatType> referenceGrid;
    private boolean dividerPlaced;
    private boolean updating;

    /**
     * @param catalogue where the pickers' maps come from
     * @param picked    the maps to show first (from the catalogue), in tile order
     * @param layout    the layout to start with
     */
    public ComparePanel(MapCatalogue catalogue, List<MapCatalogue.Entry> picked, CompareLayout layout) {
        super(new BorderLayout());
        this.catalogue = catalogue;
        this.agreement = new AgreementPanel(link);
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
        bar.setName("compare.toolbar");
        layoutBox.setName("compare.layout");
        layoutBox.setSelectedItem(layout);
        layoutBox.setToolTipText("Layout of the tiles");
        bar.add(new JLabel("Layout"));
        bar.add(layoutBox);
        for (int i = 0; i < PICKERS; i++) {
            JComboBox<MapCatalogue.Entry> p = new JComboBox<>();
            p.setName("compare.map." + (i + 1));
            p.setPrototypeDisplayValue(new MapCatalogue.Entry(
                    new NamedVolume(
                            "lic_r2star.lic [mg Fe/g]",
                            org.ferrum.core.Volumes.createFloat(
                                    new long[] {1, 1, 1},
                                    org.ferrum.core.Geometry.axisAligned(1, 1, 1),
                                    org.ferrum.core.PhysicalUnit.DIMENSIONLESS)),
                    ""));
            p.setRenderer(new DefaultListCellRenderer() {
                @Override
                public Component getListCellRendererComponent(
                        JList<?> list, Object value, int index, boolean selected, boolean focus) {
                    super.getListCellRendererComponent(list, value == null ? "(none)" : value, index, selected, focus);
                    if (value instanceof MapCatalogue.Entry e) {
                        setToolTipText(e.origin());
                    }
                    return this;
                }
            });
            p.addActionListener(e -> {
                if (!updating) {
                    rebuild();
                }
            });
            JLabel l = new JLabel(String.valueOf(i + 1));
            pickerLabels.add(l);
            pickers.add(p);
            bar.add(l);
            bar.add(p);
        }
        planeBox.setName("compare.plane");
        planeBox.setSelectedItem(Plane.AXIAL);
        planeBox.addActionListener(e -> {
            if (layoutBox.getSelectedItem() != CompareLayout.THREE_PLANES) {
                tiles.forEach(t -> t.view().setPlane((Plane) planeBox.getSelectedItem()));
            }
        });
        bar.add(new JLabel(" Plane"));
        bar.add(planeBox);
        toolBox.setName("compare.roiTool");
        toolBox.setToolTipText("ROI tool: draw on any tile; the ROI is shared by all");
        toolBox.addActionListener(e -> link.setRoiTool((RoiTool) toolBox.getSelectedItem()));
        link.addChangeListener(e -> {
            if (toolBox.getSelectedItem() != link.roiTool()) {
                toolBox.setSelectedItem(link.roiTool());
            }
        });
        bar.add(new JLabel(" ROI"));
        bar.add(toolBox);
        JSpinner radius = new JSpinner(new SpinnerNumberModel(link.sphereRadiusMm(), 0.5, 200, 0.5));
        radius.setName("compare.roiRadius");
        radius.setToolTipText("Sphere radius (mm)");
        radius.addChangeListener(e -> link.setSphereRadiusMm(((Number) radius.getValue()).doubleValue()));
        bar.add(radius);
        bar.add(new JLabel("mm"));
        JButton clear = new JButton("Clear ROI");
        clear.setName("compare.clearRoi");
        clear.addActionListener(e -> link.setRoi(null));
        bar.add(clear);
        JButton addFile = new JButton("Add file…");
        addFile.setName("compare.addFile");
        addFile.setToolTipText("Add a NIfTI map to the pickers");
        addFile.addActionListener(e -> MapFiles.chooseAndAdd(this, catalogue, this::pickIntoFreeSlot));
        bar.add(addFile);
        add(bar, BorderLayout.NORTH);

        tilesPanel.setName("compare.tiles");
        tilesPanel.setBackground(Color.DARK_GRAY);
        tilesPanel.setMinimumSize(new Dimension(300, MIN_TILES_HEIGHT));
        tilesPanel.setPreferredSize(new Dimension(1200, 620));
        agreement.setMinimumSize(new Dimension(300, 160));
        agreement.setPreferredSize(new Dimension(1200, 320));
        split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, tilesPanel, agreement);
        split.setName("compare.split");
        split.setResizeWeight(1.0); // when the window grows or shrinks, the images take the change
        split.setOneTouchExpandable(true);
        add(split, BorderLayout.CENTER);

        layoutBox.addActionListener(e -> {
            if (!updating) {
                rebuild();
            }
        });
        refreshPickers();
        updating = true;
        try {
            for (int i = 0; i < Math.min(PICKERS, picked.size()); i++) {
                pickers.get(i).setSelectedItem(picked.get(i));
            }
        } finally {
            updating = false;
        }
        rebuild();
    }

    @Override
    public void addNotify() {
        super.addNotify();
        catalogue.addChangeListener(catalogueListener);
    }

    @Override
    public void removeNotify() {
        catalogue.removeChangeListener(catalogueListener);
        super.removeNotify();
    }

    @Override
    public void doLayout() {
        super.doLayout();
        if (!dividerPlaced && split.getHeight() > 0) {
            dividerPlaced = true;
            split.setDividerLocation(Math.max(MIN_TILES_HEIGHT, (int) Math.round(TILES_SHARE * split.getHeight())));
        }
    }

    private static void onEdt(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    /** Re-reads the catalogue into the pickers, keeping each picker's map while it is still there. */
    private void refreshPickers() {
        List<MapCatalogue.Entry> entries = catalogue.entries();
        updating = true;
        try {
            for (JComboBox<MapCatalogue.Entry> p : pickers) {
                Object was = p.getSelectedItem();
                DefaultComboBoxModel<MapCatalogue.Entry> model = new DefaultComboBoxModel<>();
                model.addElement(null);
                entries.forEach(model::addElement);
                p.setModel(model);
                // a re-run replaces an entry by one of the same name and origin: follow it
                MapCatalogue.Entry keep = null;
                if (was instanceof MapCatalogue.Entry w) {
                    for (MapCatalogue.Entry e : entries) {
                        if (e.name().equals(w.name()) && e.origin().equals(w.origin())) {
                            keep = e;
                            break;
                        }
                    }
                }
                p.setSelectedItem(keep);
            }
        } finally {
            updating = false;
        }
    }

    private void pickIntoFreeSlot(MapCatalogue.Entry e) {
        CompareLayout layout = (CompareLayout) layoutBox.getSelectedItem();
        int slots = statisticsMaps(layout);
        int target = slots - 1;
        for (int i = 0; i < slots; i++) {
            if (pickers.get(i).getSelectedItem() == null) {
                target = i;
                break;
            }
        }
        pickers.get(target).setSelectedItem(e); // fires rebuild
    }

    /** Maps taking part: the layout's, and two in the three-planes layout (map 2 for the statistics). */
    private static int statisticsMaps(CompareLayout layout) {
        return Math.max(2, layout.maps());
    }

    /** Rebuilds the tiles and the statistics from the layout and the pickers. */
    private void rebuild() {
        CompareLayout layout = (CompareLayout) layoutBox.getSelectedItem();
        int used = statisticsMaps(layout);
        for (int i = 0; i < PICKERS; i++) {
            boolean visible = i < used;
            pickers.get(i).setVisible(visible);
            pickerLabels.get(i).setVisible(visible);
        }
        pickers.get(1)
                .setToolTipText(
                        layout == CompareLayout.THREE_PLANES
                                ? "Map 2: compared with map 1 in the statistics (the tiles show map 1)"
                                : null);
        planeBox.setEnabled(layout != CompareLayout.THREE_PLANES);
        for (MapTile t : tiles) {
            t.view().detach();
        }
        tiles.clear();
        refused.clear();
        tilesPanel.removeAll();
        List<MapCatalogue.Entry> chosen = new ArrayList<>();
        for (int i = 0; i < used; i++) {
            if (pickers.get(i).getSelectedItem() instanceof MapCatalogue.Entry e) {
                chosen.add(e);
            }
        }
        List<NamedVolume> linked = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        if (!chosen.isEmpty()) {
            NamedVolume reference = chosen.get(0).map();
            for (MapCatalogue.Entry e : chosen) {
                try {
                    NamedVolume shown = GridResampling.onto(reference, e.map());
                    linked.add(shown == e.map() ? shown : new NamedVolume(e.name() + " (resampled)", shown.volume()));
                    origins.add(e.origin());
                } catch (GridResampling.GeometryMismatchException ex) {
                    refused.add(e.name() + ": " + ex.getMessage());
                }
            }
            if (referenceGrid == null || !GridResampling.sameGrid(referenceGrid, reference.volume())) {
                referenceGrid = reference.volume();
                link.setRoi(null);
                SliceRenderer r = new SliceRenderer(reference.volume(), DisplayConvention.RADIOLOGICAL);
                link.setCursorMm(r.patientOf(new long[] {
                    reference.volume().dimension(0) / 2,
                    reference.volume().dimension(1) / 2,
                    reference.volume().dimension(2) / 2
                }));
            }
        }
        tilesPanel.setLayout(new GridLayout(layout.rows(), layout.columns(), 3, 3));
        if (linked.isEmpty()) {
            tilesPanel.setLayout(new BorderLayout());
            JLabel hint = new JLabel(
                    "<html><center>No map picked.<br>Pick maps above, add a NIfTI file (Add file…), or use "
                            + "Show outputs on a run in the pipeline editor: its maps appear in the pickers.</center></html>",
                    SwingConstants.CENTER);
            hint.setForeground(Color.WHITE);
            tilesPanel.add(hint, BorderLayout.CENTER);
        } else if (layout == CompareLayout.THREE_PLANES) {
            NamedVolume m = linked.get(0);
            SliceRenderer r = new SliceRenderer(m.volume(), DisplayConvention.RADIOLOGICAL);
            for (Plane p : Plane.values()) {
                addTile(new SliceView(m.name(), r, p, link), origins.get(0));
            }
        } else {
            for (int i = 0; i < Math.min(layout.maps(), linked.size()); i++) {
                NamedVolume m = linked.get(i);
                addTile(
                        new SliceView(
                                m.name(),
                                new SliceRenderer(m.volume(), DisplayConvention.RADIOLOGICAL),
                                (Plane) planeBox.getSelectedItem(),
                                link),
                        origins.get(i));
            }
        }
        for (String message : refused) {
            JLabel l = new JLabel("Not shown: " + message);
            l.setForeground(Color.RED.darker());
            l.setName("compare.refused");
            tilesPanel.add(l);
        }
        agreement.setMaps(linked);
        tilesPanel.revalidate();
        tilesPanel.repaint();
    }

    private void addTile(SliceView view, String origin) {
        int n = tiles.size() + 1;
        view.setName("compare.view." + n);
        view.setColourBarVisible(false); // the tile draws its own, larger colour bar beside the view
        MapTile tile = new MapTile(view, origin);
        tile.setName("compare.tile." + n);
        tile.colourBar().setName("compare.colourBar." + n);
        tiles.add(tile);
        tilesPanel.add(tile);
    }

    // --- API for other code and tests

    /** Switches the layout (rebuilds the tiles). */
    public void setCompareLayout(CompareLayout layout) {
        layoutBox.setSelectedItem(layout);
    }

    public CompareLayout compareLayout() {
        return (CompareLayout) layoutBox.getSelectedItem();
    }

    /** Puts {@code entry} (null: none) into picker {@code index} (0-based) and rebuilds. */
    public void pick(int index, MapCatalogue.Entry entry) {
        pickers.get(index).setSelectedItem(entry);
    }

    /** The map pickers, in order (the first {@code max(2, layout maps)} are shown). */
    public List<JComboBox<MapCatalogue.Entry>> pickers() {
        return Collections.unmodifiableList(pickers);
    }

    public JComboBox<CompareLayout> layoutChooser() {
        return layoutBox;
    }

    /** The tiles shown, in order. */
    public List<MapTile> tiles() {
        return Collections.unmodifiableList(tiles);
    }

    /** One message per picked map that could not be linked to map 1's grid. */
    public List<String> refusedMaps() {
        return Collections.unmodifiableList(refused);
    }

    public AgreementPanel agreement() {
        return agreement;
    }

    public ViewerLink link() {
        return link;
    }

    public JSplitPane split() {
        return split;
    }

    public JComponent tilesPanel() {
        return tilesPanel;
    }

    /** Adds a map file to the catalogue and picks it (used by "Add file…"). */
    public MapCatalogue.Entry addFile(Path path) throws java.io.IOException {
        MapCatalogue.Entry e = MapFiles.read(catalogue, path);
        pickIntoFreeSlot(e);
        return e;
    }
}
