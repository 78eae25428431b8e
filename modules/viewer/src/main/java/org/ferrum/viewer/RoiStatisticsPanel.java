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
import java.awt.Dimension;
import java.util.List;
import java.util.Locale;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import org.ferrum.core.Table;

/**
 * The ROI statistics of every linked map, one row per map in the map's own unit
 * ({@link RoiStatistics#table}), recomputed whenever the link's ROI changes, for the link's active label. The numbers are shown to
 * four significant digits; {@link #statistics()} holds the exact values.
 */
public final class RoiStatisticsPanel extends JPanel {

    private final List<NamedVolume> maps;
    private final ViewerLink link;
    private final Model model = new Model();
    private final JLabel caption = new JLabel();
    private final JTable table = new JTable(model);
    private Table statistics;

    /** {@code maps} must lie on the grid the ROI is drawn on (the linked views' common grid). */
    public RoiStatisticsPanel(List<NamedVolume> maps, ViewerLink link) {
        super(new BorderLayout());
        this.maps = List.copyOf(maps);
        this.link = link;
        DefaultTableCellRenderer numbers = new DefaultTableCellRenderer() {
            @Override
            protected void setValue(Object value) {
                setText(value instanceof Double d ? format(d) : String.valueOf(value));
            }
        };
        numbers.setHorizontalAlignment(JLabel.RIGHT);
        table.setDefaultRenderer(Double.class, numbers);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(600, 24 + 18 * Math.max(1, maps.size()) + 4));
        add(caption, BorderLayout.NORTH);
        add(scroll, BorderLayout.CENTER);
        link.addRoiListener(e -> refresh());
        refresh();
    }

    /** The Swing table showing {@link #statistics()}. */
    public JTable table() {
        return table;
    }

    /** The caption above the table, naming the label from the label table (the legend of a loaded label map). */
    String captionText() {
        return caption.getText();
    }

    /** The statistics shown, or null while there is no ROI. */
    public Table statistics() {
        return statistics;
    }

    /** Recomputes from the link's current ROI. */
    public void refresh() {
        int label = link.activeLabel();
        statistics = link.roi() == null ? null : RoiStatistics.table(maps, link.roi(), label);
        String name = link.labelTable()
                .label(label)
                .map(org.ferrum.io.table.LabelTable.Label::name)
                .orElse("label " + label);
        caption.setText(
                statistics == null
                        ? "ROI statistics: draw or paint an ROI (ROI editing, above)"
                        : statistics.rowCount() == 0
                                ? "ROI statistics of '" + name + "'"
                                : "ROI statistics of '" + name + "' (" + (long) statistics.number(0, "n") + " voxels)");
        model.fireTableStructureChanged();
    }

    static String format(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            return String.valueOf((long) d);
        }
        return String.format(Locale.ROOT, "%.4g", d);
    }

    private final class Model extends AbstractTableModel {
        @Override
        public int getRowCount() {
            return statistics == null ? 0 : statistics.rowCount();
        }

        @Override
        public int getColumnCount() {
            return statistics == null ? 0 : statistics.columns().size();
        }

        @Override
        public String getColumnName(int column) {
            return statistics.columns().get(column).name();
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return statistics != null && statistics.columns().get(column).kind() == Table.Column.Kind.NUMBER
                    ? Double.class
                    : String.class;
        }

        @Override
        public Object getValueAt(int row, int column) {
            return statistics.cell(row, column);
        }
    }
}
