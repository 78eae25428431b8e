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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ferrum.core.CsvCells;

/**
 * The numbers a chart plots, as a table with units, so that a figure can always be published with its data.
 *
 * <p>Contract: every row has one cell per column; a cell is a {@code String}, a {@link LocalDate} or a {@code Double}
 * (NaN: not measured). {@link #toCsv} writes RFC 4180 CSV: a header row of {@link Column#header()} ("name [unit]"),
 * then one line per row, numbers in {@link Double#toString} form (locale-free, and read back to the same double),
 * dates ISO-8601, NaN as an empty field, fields with a comma, quote or line break quoted, and text that a spreadsheet
 * would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, …) quoted with a single quote in front
 * ({@link CsvCells}, the writer shared with every CSV Ferrum writes). Immutable.
 *
 * <p>Why not {@link org.ferrum.core.Table}: chart quantities such as mg Fe/kg/day or mg Fe/g dw per year have no
 * {@link org.ferrum.core.PhysicalUnit}, and tables here also hold dates.
 *
 * @param columns  the columns
 * @param rows     the rows (each a list of cells)
 */
public record ChartData(List<Column> columns, List<List<Object>> rows) {

    /** A column: its name and the unit symbol of its numbers ("" for labels, dates and counts). */
    public record Column(String name, String unit) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
        }

        /** "name [unit]" ({@link AxisLabel}: the unit once), or the name alone without a unit. */
        public String header() {
            return AxisLabel.of(name, unit);
        }
    }

    public ChartData {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "a row has " + row.size() + " cells for " + columns.size() + " columns");
            }
            for (Object cell : row) {
                if (!(cell instanceof String || cell instanceof LocalDate || cell instanceof Double)) {
                    throw new IllegalArgumentException("a cell must be a String, LocalDate or Double, got " + cell);
                }
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** A builder collecting rows for the given columns. */
    public static Builder builder(Column... columns) {
        return new Builder(List.of(columns));
    }

    /** Collects rows. */
    public static final class Builder {
        private final List<Column> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(List<Column> columns) {
            this.columns = columns;
        }

        /** Adds a row; numbers may be given as any {@code Number} and are stored as {@code Double}. */
        public Builder row(Object... cells) {
            List<Object> row = new ArrayList<>(cells.length);
            for (Object c : cells) {
                row.add(c instanceof Number n ? (Object) n.doubleValue() : c);
            }
            rows.add(row);
            return this;
        }

        public ChartData build() {
            return new ChartData(columns, rows);
        }
    }

    /** The table as CSV text (see the class contract), lines ended by CRLF as RFC 4180 says. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, columns.stream().map(c -> CsvCells.field(c.header())).toList());
        for (List<Object> row : rows) {
            appendLine(sb, row.stream().map(ChartData::format).toList());
        }
        return sb.toString();
    }

    private static String format(Object cell) {
        if (cell instanceof Double d) {
            return Double.isNaN(d) ? "" : Double.toString(d);
        }
        if (cell instanceof String s) {
            return CsvCells.field(s);
        }
        return cell.toString(); // an ISO date, yyyy-mm-dd: no user text
    }

    /** Appends one record of fields already in their CSV form. */
    private static void appendLine(StringBuilder sb, List<String> fields) {
        sb.append(String.join(",", fields)).append("\r\n");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ChartData[%d columns, %d rows]", columns.size(), rows.size());
    }
}
