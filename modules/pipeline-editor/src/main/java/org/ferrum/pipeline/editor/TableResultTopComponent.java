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
package org.ferrum.pipeline.editor;

import java.awt.BorderLayout;
import java.util.Locale;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingConstants;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import org.ferrum.core.Table;
import org.ferrum.pipeline.view.ResultPresenter;
import org.openide.util.lookup.ServiceProvider;
import org.openide.windows.Mode;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * A table result of a pipeline run in a window of its own: one column per table column, the unit in the header
 * ({@code "mean [ppm]"}, from {@link Table.Column#header()}), numbers right-aligned with up to 6 significant digits
 * (NaN shown as "NaN"), sortable by clicking a header. Opened by clicking a table output pin in the editor.
 */
public final class TableResultTopComponent extends TopComponent {

    private final JTable table;

    public TableResultTopComponent(String title, Table data) {
        setName(title);
        setDisplayName(title);
        setToolTipText(title + ": " + data.rowCount() + " rows");
        setLayout(new BorderLayout());
        table = new JTable(new Model(data));
        table.setName("resultTable");
        table.setAutoCreateRowSorter(true);
        table.setDefaultRenderer(Double.class, new Numbers());
        add(new JScrollPane(table), BorderLayout.CENTER);
        add(
                new JLabel(" " + data.rowCount() + (data.rowCount() == 1 ? " row" : " rows") + ", "
                        + data.columns().size() + " columns"),
                BorderLayout.SOUTH);
    }

    JTable table() {
        return table;
    }

    @Override
    public int getPersistenceType() {
        return PERSISTENCE_NEVER;
    }

    /** Formats a cell as shown: numbers with 6 significant digits, text as is. */
    static String format(Object cell) {
        if (cell instanceof Double d) {
            return d.isNaN()
                    ? "NaN"
                    : d.isInfinite()
                            ? (d > 0 ? "∞" : "−∞")
                            : String.format(Locale.ROOT, "%.6g", d)
                                    .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
                                    .replaceAll("\\.(e|$)", "$1");
        }
        return cell == null ? "" : cell.toString();
    }

    private static final class Model extends AbstractTableModel {
        private final Table data;

        Model(Table data) {
            this.data = data;
        }

        @Override
        public int getRowCount() {
            return data.rowCount();
        }

        @Override
        public int getColumnCount() {
            return data.columns().size();
        }

        @Override
        public String getColumnName(int column) {
            return data.columns().get(column).header();
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return data.columns().get(column).kind() == Table.Column.Kind.NUMBER ? Double.class : String.class;
        }

        @Override
        public Object getValueAt(int row, int column) {
            Object v = data.cell(row, column);
            return v instanceof Number n ? (Object) n.doubleValue() : v;
        }
    }

    private static final class Numbers extends DefaultTableCellRenderer {
        Numbers() {
            setHorizontalAlignment(SwingConstants.RIGHT);
        }

        @Override
        protected void setValue(Object value) {
            setText(format(value));
        }
    }

    /** The editor's table view: presents {@link Table} results. */
    @ServiceProvider(service = ResultPresenter.class, position = 200)
    public static final class Presenter implements ResultPresenter {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Table;
        }

        @Override
        public void present(String title, Object value) {
            TableResultTopComponent tc = new TableResultTopComponent(title, (Table) value);
            Mode editor = WindowManager.getDefault().findMode("editor");
            if (editor != null) {
                editor.dockInto(tc);
            }
            tc.open();
            tc.requestActive();
        }
    }
}
