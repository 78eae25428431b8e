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
package org.ferrum.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A small rectangular table of results (e.g. ROI statistics per label), each column named and, for
 * numbers, measured in a {@link PhysicalUnit}.
 *
 * <p>Contract: every row has one cell per column; a cell of a {@link Column.Kind#NUMBER} column is a
 * finite or NaN {@code Double} in the column's unit (NaN means "not defined", e.g. the SD of one
 * voxel); a cell of a {@link Column.Kind#TEXT} column is a non-null {@code String}. Immutable.
 */
public final class Table {

    /** A column: its name, what its cells hold, and for numbers their unit (null for counts/labels). */
    public record Column(String name, Kind kind, PhysicalUnit unit) {
        public enum Kind {
            NUMBER,
            TEXT
        }

        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }

        public static Column number(String name, PhysicalUnit unit) {
            return new Column(name, Kind.NUMBER, unit);
        }

        public static Column text(String name) {
            return new Column(name, Kind.TEXT, null);
        }

        /** Header text, e.g. {@code "mean [ppm]"}. */
        public String header() {
            return unit == null || unit == PhysicalUnit.DIMENSIONLESS ? name : name + " [" + unit.symbol() + "]";
        }
    }

    private final List<Column> columns;
    private final List<Object[]> rows;

    private Table(List<Column> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static Builder builder(Column... columns) {
        return new Builder(List.of(columns));
    }

    public List<Column> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    public int columnIndex(String name) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "'; columns are "
                + columns.stream().map(Column::name).toList());
    }

    /** Cell (row, column): a {@code Double} or a {@code String}. */
    public Object cell(int row, int column) {
        return rows.get(row)[column];
    }

    /** Numeric cell by column name. */
    public double number(int row, String column) {
        return (Double) rows.get(row)[columnIndex(column)];
    }

    /** Text cell by column name. */
    public String text(int row, String column) {
        return (String) rows.get(row)[columnIndex(column)];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Table t) || !columns.equals(t.columns) || rows.size() != t.rows.size()) {
            return false;
        }
        for (int r = 0; r < rows.size(); r++) {
            if (!Arrays.equals(rows.get(r), t.rows.get(r))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = columns.hashCode();
        for (Object[] row : rows) {
            h = 31 * h + Arrays.hashCode(row);
        }
        return h;
    }

    @Override
    public String toString() {
        return "Table[" + columns.stream().map(Column::header).toList() + ", " + rows.size() + " rows]";
    }

    /** Collects rows; {@link #build()} checks nothing more can go wrong later. */
    public static final class Builder {
        private final List<Column> columns;
        private final List<Object[]> rows = new ArrayList<>();

        private Builder(List<Column> columns) {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a table needs at least one column");
            }
            this.columns = columns;
        }

        /**
         * Adds a row: numbers ({@code Number}, stored as {@code Double}) for number columns, strings for
         * text columns.
         */
        public Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException(
                        "row has " + cells.length + " cells, table has " + columns.size() + " columns");
            }
            Object[] row = new Object[cells.length];
            for (int c = 0; c < cells.length; c++) {
                Column col = columns.get(c);
                Object v = cells[c];
                if (col.kind() == Column.Kind.NUMBER) {
                    if (!(v instanceof Number n)) {
                        throw new IllegalArgumentException("column '" + col.name() + "' holds numbers, got " + v);
                    }
                    row[c] = n.doubleValue();
                } else {
                    if (!(v instanceof String)) {
                        throw new IllegalArgumentException("column '" + col.name() + "' holds text, got " + v);
                    }
                    row[c] = v;
                }
            }
            rows.add(row);
            return this;
        }

        public Table build() {
            return new Table(List.copyOf(columns), Collections.unmodifiableList(new ArrayList<>(rows)));
        }
    }
}
