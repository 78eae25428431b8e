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
package org.ferrum.io.table;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ferrum.core.CsvCells;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.io.AtomicFiles;

/**
 * Tables as CSV files (RFC 4180 records), the form in which pipelines hand results to spreadsheets,
 * R and pandas.
 *
 * <h2>What {@link #format} writes</h2>
 * <ul>
 * <li>UTF-8 without byte-order mark; every record, the last included, ends with LF ({@code \n}).
 *     RFC 4180 §2.1 asks for CRLF; the common readers accept both, and so does {@link #parse}.</li>
 * <li>The first record is the header: {@link Column#header()} per column, e.g. {@code mean [ppm]};
 *     a column without a unit, or in {@link PhysicalUnit#DIMENSIONLESS}, is its bare name.</li>
 * <li>Numbers: NaN is an empty cell; a whole number below 10¹⁵ in magnitude is written without a
 *     fraction ({@code 12}, not {@code 12.0}); any other value as {@link Double#toString}, which
 *     {@link Double#parseDouble} turns back into the same {@code double} bit for bit (so −0.0 stays
 *     {@code -0.0}, and ±∞ is {@code Infinity}/{@code -Infinity}). No locale is involved: the decimal
 *     separator is always '.'.</li>
 * <li>Text cells are always quoted; header cells are quoted only when they hold a comma, a quote or a
 *     line break (RFC 4180 §2.5–2.7: a quote inside a quoted cell is doubled), or start like a formula.</li>
 * <li>Text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab, CR or NUL) is
 *     written with a single quote in front, inside the quotes ({@link CsvCells}: OWASP's advice against CSV
 *     injection); {@link #parse} removes it again, so the text round-trips exactly.</li>
 * </ul>
 *
 * <h2>What {@link #parse} reads</h2>
 * Any RFC 4180 text with LF or CRLF line ends (a leading byte-order mark is skipped). The header gives
 * each column's name and, from a trailing {@code " [symbol]"}, its unit ({@link PhysicalUnit#parse});
 * an unknown symbol is an error. A column is {@link Column.Kind#TEXT TEXT} if any of its cells is
 * quoted or is not a number, otherwise {@link Column.Kind#NUMBER NUMBER}, in which an empty cell is
 * NaN. Every record must have as many cells as the header.
 *
 * <p>Round trip: {@code parse(format(t)).equals(t)} for every table {@code t} whose columns have no unit
 * or a unit other than {@code DIMENSIONLESS} (a dimensionless column comes back without a unit, as
 * its header is the same), whose text columns hold at least one row, and whose column names do not
 * themselves end in {@code " [something]"}.
 */
public final class TableCsv {

    /** A number as {@link #format} writes it and as {@link #parse} recognises it (besides NaN). */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity|NaN");

    private static final Pattern HEADER_WITH_UNIT = Pattern.compile("(.*) \\[([^\\[\\]]+)\\]");
    private static final double LARGEST_PLAIN_WHOLE = 1e15;

    private TableCsv() {}

    /**
     * Writes the table atomically: to a temporary file beside the target, then moved over it, so a
     * reader never sees half a table. Creates missing parent folders.
     */
    public static void write(Table table, Path file) throws IOException {
        AtomicFiles.writeString(file, format(table));
    }

    /**
     * Reads a CSV file as a table.
     *
     * @throws TableFormatException whose message starts with the file name, if the text is not a table
     */
    public static Table read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new TableFormatException(file.getFileName() + ": not UTF-8 text", e);
        }
        try {
            return parse(text);
        } catch (TableFormatException e) {
            throw new TableFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The table as CSV text (see the class comment for the exact form). */
    public static String format(Table table) {
        StringBuilder out = new StringBuilder();
        List<Column> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            String header = columns.get(c).header();
            out.append(CsvCells.field(header));
        }
        out.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                Object cell = table.cell(r, c);
                out.append(cell instanceof Double d ? number(d) : CsvCells.quoted((String) cell));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Parses CSV text as a table.
     *
     * @throws TableFormatException naming the line and what is wrong
     */
    public static Table parse(String text) throws TableFormatException {
        List<List<Cell>> records = split(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw new TableFormatException("empty: a table needs a header line");
        }
        List<Cell> header = records.get(0);
        int width = header.size();
        for (int r = 1; r < records.size(); r++) {
            List<Cell> record = records.get(r);
            if (record.size() != width) {
                throw new TableFormatException(
                        "line " + record.get(0).line + ": " + record.size() + " cell" + (record.size() == 1 ? "" : "s")
                                + ", but the header has " + width + " column" + (width == 1 ? "" : "s"));
            }
        }
        Column[] columns = new Column[width];
        for (int c = 0; c < width; c++) {
            columns[c] = column(header.get(c).text, c, isText(records, c));
        }
        Table.Builder table = Table.builder(columns);
        for (int r = 1; r < records.size(); r++) {
            Object[] cells = new Object[width];
            for (int c = 0; c < width; c++) {
                String t = records.get(r).get(c).text;
                cells[c] = columns[c].kind() == Column.Kind.TEXT ? t : t.isEmpty() ? Double.NaN : Double.parseDouble(t);
            }
            table.row(cells);
        }
        return table.build();
    }

    /**
     * One record as text, for readers that type and check the cells themselves and name the file, line and column of
     * each problem.
     *
     * @param line the 1-based line the record starts on
     * @param cells the cells, quotes removed and the formula guard undone as in {@link #parse}
     */
    public record Record(int line, List<String> cells) {

        /** True for an empty line (one empty, unquoted cell). */
        public boolean blank() {
            return cells.size() == 1 && cells.get(0).isEmpty();
        }
    }

    /**
     * Splits CSV text (RFC 4180, LF or CRLF, a leading byte-order mark skipped) into its records, the header first,
     * without typing the columns or checking their number.
     *
     * @throws TableFormatException naming the line of a malformed quote
     */
    public static List<Record> records(String text) throws TableFormatException {
        List<Record> out = new ArrayList<>();
        for (List<Cell> record : split(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
            out.add(new Record(
                    record.get(0).line, record.stream().map(Cell::text).toList()));
        }
        return out;
    }

    private static Column column(String header, int index, boolean text) throws TableFormatException {
        String name = header;
        PhysicalUnit unit = null;
        Matcher m = HEADER_WITH_UNIT.matcher(header);
        if (m.matches()) {
            name = m.group(1);
            try {
                unit = PhysicalUnit.parse(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new TableFormatException("column " + (index + 1) + " '" + header + "': unknown unit '"
                        + m.group(2) + "' (a header is 'name' or 'name [unit]', e.g. 'mean [ppm]')");
            }
        }
        if (name.isEmpty()) {
            throw new TableFormatException("column " + (index + 1) + " has no name in the header");
        }
        return text ? new Column(name, Column.Kind.TEXT, unit) : Column.number(name, unit);
    }

    /** A column holds text if any of its cells is quoted or not a number. */
    private static boolean isText(List<List<Cell>> records, int column) {
        for (int r = 1; r < records.size(); r++) {
            Cell cell = records.get(r).get(column);
            if (cell.quoted
                    || !(cell.text.isEmpty() || NUMBER.matcher(cell.text).matches())) {
                return true;
            }
        }
        return false;
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        boolean negativeZero = v == 0 && Double.doubleToRawLongBits(v) != 0;
        if (v == Math.rint(v) && Math.abs(v) < LARGEST_PLAIN_WHOLE && !negativeZero) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * One parsed cell: its text (quotes removed, and in a quoted cell the formula guard of
     * {@link CsvCells#restore}), whether it was quoted, and the line it starts on.
     */
    private record Cell(String text, boolean quoted, int line) {}

    /**
     * Splits RFC 4180 text into records of cells. A line break ends a record; the text after the last
     * line break, if empty, is no record (so a one-column table's NaN row, an empty line, survives).
     */
    private static List<List<Cell>> split(String s) throws TableFormatException {
        List<List<Cell>> records = new ArrayList<>();
        List<Cell> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int startLine = line;
            boolean quoted = i < n && s.charAt(i) == '"';
            cell.setLength(0);
            if (quoted) {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new TableFormatException("line " + startLine + ": a quoted cell is never closed");
                    }
                    char ch = s.charAt(i++);
                    if (ch == '"') {
                        if (i < n && s.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        if (ch == '\n') {
                            line++;
                        }
                        cell.append(ch);
                    }
                }
                if (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    throw new TableFormatException(
                            "line " + line + ": text after the closing quote of a cell (write a quote inside"
                                    + " a quoted cell as \"\")");
                }
            } else {
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    char ch = s.charAt(i++);
                    if (ch == '"') {
                        throw new TableFormatException("line " + line
                                + ": a quote inside an unquoted cell (quote the whole cell" + " and double the quote)");
                    }
                    cell.append(ch);
                }
            }
            String text = cell.toString();
            record.add(new Cell(quoted ? CsvCells.restore(text) : text, quoted, startLine));
            if (i < n && s.charAt(i) == ',') {
                i++;
                if (i == n) {
                    record.add(new Cell("", false, line)); // "a,b," ends with an empty cell
                    records.add(record);
                    break;
                }
                continue;
            }
            // end of record: line break or end of text
            if (i < n && s.charAt(i) == '\r') {
                i++;
            }
            if (i < n && s.charAt(i) == '\n') {
                i++;
            }
            line++;
            records.add(record);
            record = new ArrayList<>();
        }
        return records;
    }
}
