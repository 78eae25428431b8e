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
import java.awt.Component;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JColorChooser;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SpinnerNumberModel;
import javax.swing.filechooser.FileNameExtensionFilter;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.table.LabelTable;
import org.ferrum.io.table.LabelTableFiles;

/**
 * ROI editing beside the views, as in 3D Slicer's segment editor: the tool (shapes, paint and erase brushes), the brush
 * (2-D disc or 3-D sphere, radius in mm), undo and redo, and the label table — colour, index, name, voxel count and
 * volume in mL per label, the selected row being the active label that drawing acts on and the statistics describe.
 * Labels are added, renamed (edit the name cell), recoloured and removed here; the label map is saved and loaded as
 * NIfTI with its table beside it as BIDS {@code dseg.tsv}, and tables are exported or imported as dseg.tsv or
 * FreeSurfer colour LUT ({@link LabelTableFiles}).
 *
 * <p>Component names (for GUI tests): see the {@code NAME_*} constants.
 */
public final class RoiEditorPanel extends JPanel {

    public static final String NAME = "viewer.roi.editor",
            NAME_TABLE = "viewer.roi.labels",
            NAME_TOOL = "viewer.roi.tool",
            NAME_BRUSH_SHAPE = "viewer.roi.brushShape",
            NAME_BRUSH_RADIUS = "viewer.roi.brushRadius",
            NAME_SPHERE_RADIUS = "viewer.roi.sphereRadius",
            NAME_UNDO = "viewer.roi.undo",
            NAME_REDO = "viewer.roi.redo",
            NAME_ADD = "viewer.roi.addLabel",
            NAME_REMOVE = "viewer.roi.removeLabel",
            NAME_COLOUR = "viewer.roi.colour",
            NAME_CLEAR = "viewer.roi.clear",
            NAME_SAVE = "viewer.roi.saveLabels",
            NAME_LOAD = "viewer.roi.loadLabels",
            NAME_EXPORT_TABLE = "viewer.roi.exportTable",
            NAME_IMPORT_TABLE = "viewer.roi.importTable",
            NAME_TOGGLE = "viewer.roi.toggle";

    /**
     * The "ROI editing" toggle button that shows or hides {@code editor} (hidden, the views get its width).
     */
    public static javax.swing.JToggleButton toggle(RoiEditorPanel editor) {
        javax.swing.JToggleButton b = new javax.swing.JToggleButton("ROI editing", editor.isVisible());
        b.setName(NAME_TOGGLE);
        b.setToolTipText("Show or hide the ROI tools, brushes and label table");
        b.addActionListener(e -> {
            editor.setVisible(b.isSelected());
            if (editor.getParent() != null) {
                editor.getParent().revalidate();
                editor.getParent().repaint();
            }
        });
        return b;
    }

    private static final Preferences PREFS = Preferences.userNodeForPackage(RoiEditorPanel.class);
    private static final String LAST_FOLDER = "lastRoiFolder";

    private final ViewerLink link;
    private final Volume<FloatType> grid;
    private final Model model = new Model();
    private final JTable table = new JTable(model);
    private final JButton undo = new JButton("Undo"), redo = new JButton("Redo");
    private final JComboBox<RoiTool> tools = new JComboBox<>(RoiTool.values());
    private List<Row> rows = List.of();
    private boolean updating;

    /** One row of the label table. */
    public record Row(int index, String name, int rgb, long voxels, double millilitres) {}

    /**
     * @param link the link whose ROI is edited
     * @param grid the map the label map lies on (the views' common grid)
     */
    public RoiEditorPanel(ViewerLink link, Volume<FloatType> grid) {
        super(new BorderLayout(0, 4));
        this.link = link;
        this.grid = grid;
        setName(NAME);
        setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));

        JPanel form = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(2, 2, 2, 2);
        c.anchor = GridBagConstraints.WEST;
        c.fill = GridBagConstraints.HORIZONTAL;
        tools.setName(NAME_TOOL);
        tools.setSelectedItem(link.roiTool());
        tools.setToolTipText("Left button: shapes replace the active label; brushes paint or erase it while dragging");
        tools.addActionListener(e -> link.setRoiTool((RoiTool) tools.getSelectedItem()));
        JComboBox<Brush.Shape> shape = new JComboBox<>(Brush.Shape.values());
        shape.setName(NAME_BRUSH_SHAPE);
        shape.setSelectedItem(link.brush().shape());
        shape.addActionListener(e -> link.setBrush(
                new Brush((Brush.Shape) shape.getSelectedItem(), link.brush().radiusMm())));
        JSpinner radius = new JSpinner(new SpinnerNumberModel(link.brush().radiusMm(), 0.5, 200, 0.5));
        radius.setName(NAME_BRUSH_RADIUS);
        radius.addChangeListener(
                e -> link.setBrush(new Brush(link.brush().shape(), ((Number) radius.getValue()).doubleValue())));
        JSpinner sphere = new JSpinner(new SpinnerNumberModel(link.sphereRadiusMm(), 0.5, 200, 0.5));
        sphere.setName(NAME_SPHERE_RADIUS);
        sphere.addChangeListener(e -> link.setSphereRadiusMm(((Number) sphere.getValue()).doubleValue()));
        row(form, c, 0, "Tool", tools);
        row(form, c, 1, "Brush", shape);
        row(form, c, 2, "Brush radius (mm)", radius);
        row(form, c, 3, "Sphere radius (mm)", sphere);
        row(form, c, 4, "Grow nucleus", NucleusGrowTool.controls(link));
        undo.setName(NAME_UNDO);
        redo.setName(NAME_REDO);
        undo.addActionListener(e -> link.undo());
        redo.addActionListener(e -> link.redo());
        c.gridx = 0;
        c.gridy = 5;
        form.add(undo, c);
        c.gridx = 1;
        form.add(redo, c);
        add(form, BorderLayout.NORTH);

        table.setName(NAME_TABLE);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setRowHeight(Math.max(table.getRowHeight(), 20));
        table.setDefaultRenderer(Color.class, new DefaultTableCellRenderer() {
            @Override
            public Component getTableCellRendererComponent(
                    JTable t, Object value, boolean sel, boolean focus, int r, int col) {
                super.getTableCellRendererComponent(t, "", sel, focus, r, col);
                setBackground((Color) value);
                return this;
            }
        });
        DefaultTableCellRenderer numbers = new DefaultTableCellRenderer() {
            @Override
            protected void setValue(Object value) {
                setText(value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value));
            }
        };
        numbers.setHorizontalAlignment(JLabel.RIGHT);
        table.setDefaultRenderer(Double.class, numbers);
        table.getSelectionModel().addListSelectionListener(e -> {
            int r = table.getSelectedRow();
            if (!updating
                    && !e.getValueIsAdjusting()
                    && r >= 0
                    && r < rows.size()
                    && rows.get(r).index() != link.activeLabel()) {
                link.setActiveLabel(rows.get(r).index());
            }
        });
        table.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                if (e.getClickCount() == 2 && table.columnAtPoint(e.getPoint()) == 0) {
                    chooseColour();
                }
            }
        });
        int[] widths = {44, 40, 150, 60, 80};
        for (int col = 0; col < widths.length; col++) {
            table.getColumnModel().getColumn(col).setPreferredWidth(widths[col]);
        }
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(380, 160));
        JPanel middle = new JPanel(new BorderLayout(0, 2));
        middle.add(new JLabel("Labels (selected = active; double-click a name to rename)"), BorderLayout.NORTH);
        middle.add(scroll, BorderLayout.CENTER);
        add(middle, BorderLayout.CENTER);

        JPanel buttons = new JPanel(new java.awt.GridLayout(0, 2, 4, 4));
        buttons.add(button("Add label", NAME_ADD, this::addLabel));
        buttons.add(button("Remove label", NAME_REMOVE, this::removeActiveLabel));
        buttons.add(button("Colour…", NAME_COLOUR, this::chooseColour));
        buttons.add(button("Clear all", NAME_CLEAR, () -> link.setRoi(null)));
        buttons.add(button("Save labels…", NAME_SAVE, this::chooseAndSave));
        buttons.add(button("Load labels…", NAME_LOAD, this::chooseAndLoad));
        buttons.add(button("Export table…", NAME_EXPORT_TABLE, this::chooseAndExportTable));
        buttons.add(button("Import table…", NAME_IMPORT_TABLE, this::chooseAndImportTable));
        add(buttons, BorderLayout.SOUTH);

        link.addRoiListener(e -> refresh());
        link.addChangeListener(e -> {
            if (tools.getSelectedItem() != link.roiTool()) {
                tools.setSelectedItem(link.roiTool());
            }
        });
        ViewActions.bindUndoKeys(this, link);
        refresh();
    }

    private static void row(JPanel form, GridBagConstraints c, int y, String label, Component field) {
        c.gridx = 0;
        c.gridy = y;
        c.weightx = 0;
        form.add(new JLabel(label), c);
        c.gridx = 1;
        c.weightx = 1;
        form.add(field, c);
    }

    private static JButton button(String text, String name, Runnable action) {
        JButton b = new JButton(text);
        b.setName(name);
        b.addActionListener(e -> action.run());
        return b;
    }

    /** The label table as shown. */
    public JTable table() {
        return table;
    }

    /** The rows shown: one per label of the link's table, with its voxel count and volume. */
    public List<Row> rows() {
        return rows;
    }

    /** Recounts the voxels of every label and updates the table, the selection and Undo/Redo. */
    public void refresh() {
        LabelTable t = link.labelTable();
        Volume<FloatType> roi = link.roi();
        int max = t.labels().stream().mapToInt(LabelTable.Label::index).max().orElse(0);
        long[] counts = new long[max + 1];
        if (roi != null) {
            for (float v : Volumes.floats(roi)) {
                int l = Math.round(v);
                if (v != 0 && l > 0 && l <= max) {
                    counts[l]++;
                }
            }
        }
        double[] vs = grid.geometry().voxelSize();
        double voxelMl = vs[0] * vs[1] * vs[2] / 1000;
        List<Row> r = new ArrayList<>();
        for (LabelTable.Label l : t.labels()) {
            int rgb = l.hasColour() ? l.rgb() : ViewerLink.defaultColour(l.index());
            r.add(new Row(l.index(), l.name(), rgb, counts[l.index()], counts[l.index()] * voxelMl));
        }
        updating = true;
        try {
            rows = List.copyOf(r);
            model.fireTableDataChanged();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).index() == link.activeLabel()) {
                    table.setRowSelectionInterval(i, i);
                }
            }
        } finally {
            updating = false;
        }
        undo.setEnabled(link.canUndo());
        undo.setToolTipText(link.canUndo() ? "Undo " + link.undoDescription() + " (Ctrl+Z)" : "Nothing to undo");
        redo.setEnabled(link.canRedo());
        redo.setToolTipText("Redo (Ctrl+Y)");
    }

    // --- label table edits

    /** Adds a label with the next free index, a default colour and the name "label N"; it becomes active. */
    public int addLabel() {
        int next = link.labelTable().labels().stream()
                        .mapToInt(LabelTable.Label::index)
                        .max()
                        .orElse(0)
                + 1;
        List<LabelTable.Label> all = new ArrayList<>(link.labelTable().labels());
        all.add(new LabelTable.Label(next, "label " + next, ViewerLink.defaultColour(next)));
        link.setLabelTable(new LabelTable(all));
        link.setActiveLabel(next);
        return next;
    }

    /** Renames label {@code index}; refuses blank names and names with tabs or line breaks (a dseg.tsv cannot hold them). */
    public void rename(int index, String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.matches("(?s).*[\t\r\n].*")) {
            throw new IllegalArgumentException(
                    "a label name must not be blank or hold tabs or line breaks, got '" + name + "'");
        }
        replace(index, l -> new LabelTable.Label(l.index(), n, l.rgb()));
    }

    /** Gives label {@code index} the colour {@code rgb} (0xRRGGBB). */
    public void recolour(int index, int rgb) {
        replace(index, l -> new LabelTable.Label(l.index(), l.name(), rgb & 0xFFFFFF));
    }

    private void replace(int index, java.util.function.UnaryOperator<LabelTable.Label> change) {
        List<LabelTable.Label> all = new ArrayList<>();
        for (LabelTable.Label l : link.labelTable().labels()) {
            all.add(l.index() == index ? change.apply(l) : l);
        }
        link.setLabelTable(new LabelTable(all));
    }

    /**
     * Removes label {@code index} from the table and sets its voxels to 0 (one undoable edit: undo brings the voxels
     * back, under the name "label N"). The last label cannot be removed.
     */
    public void removeLabel(int index) {
        if (link.labelTable().labels().size() <= 1) {
            throw new IllegalStateException("the last label cannot be removed (clear the ROI instead)");
        }
        List<LabelTable.Label> all = new ArrayList<>(link.labelTable().labels());
        String name = link.labelTable().label(index).map(LabelTable.Label::name).orElse("label " + index);
        all.removeIf(l -> l.index() == index);
        Volume<FloatType> roi = link.roi();
        LabelEdit edit = null;
        if (roi != null) {
            LabelEdit.Recorder rec = new LabelEdit.Recorder(roi);
            float[] a = Volumes.floats(roi);
            for (int n = 0; n < a.length; n++) {
                if (a[n] != 0 && Math.round(a[n]) == index) {
                    rec.set(n, 0f);
                }
            }
            edit = rec.finish("remove '" + name + "'");
        }
        link.setLabelTable(new LabelTable(all));
        if (link.activeLabel() == index) {
            link.setActiveLabel(all.get(0).index());
        }
        if (edit != null) {
            link.apply(edit);
        }
    }

    private void removeActiveLabel() {
        try {
            removeLabel(link.activeLabel());
        } catch (IllegalStateException e) {
            JOptionPane.showMessageDialog(this, e.getMessage(), "Remove label", JOptionPane.INFORMATION_MESSAGE);
        }
    }

    private void chooseColour() {
        int index = link.activeLabel();
        int now = rows.stream()
                .filter(r -> r.index() == index)
                .mapToInt(Row::rgb)
                .findFirst()
                .orElse(0xFF0000);
        Color c = JColorChooser.showDialog(this, "Colour of label " + index, new Color(now));
        if (c != null) {
            recolour(index, c.getRGB());
        }
    }

    // --- files

    /** The sidecar table of a label map: {@code x.nii.gz} → {@code x.tsv} (BIDS: {@code _dseg.nii.gz} → {@code _dseg.tsv}). */
    public static Path sidecar(Path labelMap) {
        String n = labelMap.getFileName().toString().replaceFirst("(?i)\\.nii(\\.gz)?$", "");
        return labelMap.resolveSibling(n + ".tsv");
    }

    /**
     * Writes the label map as NIfTI ({@code .nii} or {@code .nii.gz}, on the map's grid, voxel values = label indices)
     * and its label table beside it as BIDS dseg.tsv ({@link #sidecar}).
     */
    public void save(Path labelMap) throws IOException {
        Volume<FloatType> roi = link.roi() != null ? link.roi() : RoiDrawing.emptyLabels(grid);
        VolumeFiles.write(roi, labelMap);
        LabelTableFiles.writeDseg(link.labelTable(), sidecar(labelMap));
    }

    /**
     * Reads a label map saved as NIfTI (it must lie on the map's grid) and its table: the dseg.tsv sidecar if there is
     * one, else labels named "label N". Replaces the ROI and the table; the undo history starts anew.
     */
    public void load(Path labelMap) throws IOException {
        lastWarnings = List.of();
        org.ferrum.io.labels.LabelMapFiles.Read read =
                org.ferrum.io.labels.LabelMapFiles.read(labelMap, Optional.empty());
        Volume<FloatType> labels = read.labels();
        if (!GridResampling.sameGrid(labels, grid)) {
            throw new IOException(labelMap.getFileName() + ": the label map's grid (" + labels.dimension(0) + "×"
                    + labels.dimension(1) + "×" + labels.dimension(2) + ", " + labels.geometry()
                    + ") is not the map's ("
                    + grid.dimension(0) + "×" + grid.dimension(1) + "×" + grid.dimension(2) + ", " + grid.geometry()
                    + "); register it first (registration.apply puts labels on this grid)");
        }
        lastWarnings = read.warnings();
        if (labels.labels().isEmpty()) {
            labels = labels.withLabels(org.ferrum.core.labels.LabelTable.of(
                    List.of(org.ferrum.core.labels.LabelEntry.named(1, "label 1", ViewerLink.defaultColour(1)))));
        }
        link.setLabelMap(labels);
    }

    private List<String> lastWarnings = List.of();

    /** The doubts of the last {@link #load} (labels missing from the legend, …), one line each. */
    public List<String> lastWarnings() {
        return lastWarnings;
    }

    private Optional<Path> choose(boolean save, String title, FileNameExtensionFilter filter, String suggested) {
        JFileChooser chooser = new JFileChooser(PREFS.get(LAST_FOLDER, System.getProperty("user.home")));
        chooser.setDialogTitle(title);
        chooser.setFileFilter(filter);
        if (suggested != null) {
            chooser.setSelectedFile(new java.io.File(chooser.getCurrentDirectory(), suggested));
        }
        int answer = save ? chooser.showSaveDialog(this) : chooser.showOpenDialog(this);
        if (answer != JFileChooser.APPROVE_OPTION) {
            return Optional.empty();
        }
        Path p = chooser.getSelectedFile().toPath();
        if (p.getParent() != null) {
            PREFS.put(LAST_FOLDER, p.getParent().toString());
        }
        return Optional.of(p);
    }

    private void chooseAndSave() {
        choose(
                        true,
                        "Save labels (NIfTI label map + dseg.tsv)",
                        new FileNameExtensionFilter("NIfTI (.nii, .nii.gz)", "nii", "gz"),
                        "roi_dseg.nii.gz")
                .ifPresent(p -> {
                    String n = p.getFileName().toString();
                    Path file = n.endsWith(".nii") || n.endsWith(".nii.gz") ? p : p.resolveSibling(n + ".nii.gz");
                    report(
                            () -> save(file),
                            "Saved " + file + " and " + sidecar(file).getFileName(),
                            "Save labels");
                });
    }

    private void chooseAndLoad() {
        choose(
                        false,
                        "Load labels (NIfTI + dseg.tsv, FreeSurfer .mgz/.mgh, FSL FIRST)",
                        new FileNameExtensionFilter(
                                "Label maps (.nii, .nii.gz, .mgz, .mgh)", "nii", "gz", "mgz", "mgh"),
                        null)
                .ifPresent(p -> {
                    report(() -> load(p), null, "Load labels");
                    if (!lastWarnings.isEmpty()) { // loaded, with doubts (e.g. labels the legend does not name)
                        JOptionPane.showMessageDialog(
                                this, String.join("\n", lastWarnings), "Load labels", JOptionPane.WARNING_MESSAGE);
                    }
                });
    }

    private void chooseAndExportTable() {
        choose(
                        true,
                        "Export label table (.tsv = BIDS dseg, .txt = FreeSurfer LUT)",
                        new FileNameExtensionFilter("dseg.tsv or FreeSurferColorLUT .txt", "tsv", "txt"),
                        "labels_dseg.tsv")
                .ifPresent(p ->
                        report(() -> LabelTableFiles.write(link.labelTable(), p), "Saved " + p, "Export label table"));
    }

    private void chooseAndImportTable() {
        choose(
                        false,
                        "Import label table (.tsv = BIDS dseg, other = FreeSurfer LUT)",
                        new FileNameExtensionFilter("dseg.tsv or FreeSurferColorLUT .txt", "tsv", "txt", "ctbl"),
                        null)
                .ifPresent(p -> report(() -> link.setLabelTable(LabelTableFiles.read(p)), null, "Import label table"));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void report(IoAction action, String done, String title) {
        try {
            action.run();
            if (done != null) {
                JOptionPane.showMessageDialog(this, done, title, JOptionPane.INFORMATION_MESSAGE);
            }
        } catch (IOException | RuntimeException e) {
            JOptionPane.showMessageDialog(this, e.getMessage(), title, JOptionPane.ERROR_MESSAGE);
        }
    }

    private final class Model extends AbstractTableModel {
        private final String[] names = {"colour", "index", "name", "voxels", "volume (mL)"};

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return names.length;
        }

        @Override
        public String getColumnName(int column) {
            return names[column];
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return switch (column) {
                case 0 -> Color.class;
                case 1 -> Integer.class;
                case 2 -> String.class;
                case 3 -> Long.class;
                default -> Double.class;
            };
        }

        @Override
        public boolean isCellEditable(int row, int column) {
            return column == 2;
        }

        @Override
        public Object getValueAt(int row, int column) {
            Row r = rows.get(row);
            return switch (column) {
                case 0 -> new Color(r.rgb());
                case 1 -> r.index();
                case 2 -> r.name();
                case 3 -> r.voxels();
                default -> r.millilitres();
            };
        }

        @Override
        public void setValueAt(Object value, int row, int column) {
            if (column == 2) {
                try {
                    rename(rows.get(row).index(), String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    JOptionPane.showMessageDialog(
                            RoiEditorPanel.this, e.getMessage(), "Rename label", JOptionPane.ERROR_MESSAGE);
                }
            }
        }
    }
}
