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
package org.ferrum.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.io.table.TableCsv;

/**
 * CSV import and export, one file per table ({@code subjects.csv}, {@code visits.csv}, …), in the project's CSV
 * dialect ({@link TableCsv}: RFC 4180, UTF-8, '.' decimals).
 *
 * <p>Contract: the header is the table's column names, units in the names ({@code weight_kg}, {@code volume_ml},
 * {@code dose_mg_per_kg_per_day}); dates are ISO {@code yyyy-mm-dd}; an empty cell is "not recorded" (SQL NULL), so
 * an empty text is not distinguished from a missing one. The {@code id} column is optional: given ids are kept (and
 * the table's identity moved past them), missing ones are assigned. Import checks every row — its cells against the
 * column types, then the database constraints — and reports each bad row by line, column and reason. Policy: by
 * default all rows or none (one transaction; any bad row → nothing kept); with {@code keepGood} the good rows are kept
 * and the bad ones skipped (each row under its own savepoint). {@code export} then {@code import} into an empty
 * database gives the same rows.
 */
public final class StudyCsv {

    private StudyCsv() {}

    /** The file name of a table's CSV, e.g. {@code transfusions.csv}. */
    public static String fileName(Class<? extends Record> type) {
        return RowMapping.of(type).table + ".csv";
    }

    /** Writes all rows of {@code type}, by id. */
    public static <R extends Record> void export(StudyDatabase db, Class<R> type, Path file)
            throws StudyException, IOException {
        List<R> rows = db.findAll(type);
        Files.writeString(file, format(type, rows));
    }

    /** Writes every table into {@code directory}, one file each. */
    public static void exportAll(StudyDatabase db, Path directory) throws StudyException, IOException {
        Files.createDirectories(directory);
        for (Class<? extends Record> type : RowMapping.IN_DEPENDENCY_ORDER) {
            export(db, type, directory.resolve(fileName(type)));
        }
    }

    /** The CSV text of rows of one table. */
    public static <R extends Record> String format(Class<R> type, List<R> rows) {
        RowMapping<R> m = RowMapping.of(type);
        Column[] cols = new Column[m.columns.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = isNumber(m.components[i].getType())
                    ? Column.number(m.columns.get(i), null)
                    : Column.text(m.columns.get(i));
        }
        Table.Builder b = Table.builder(cols);
        for (R row : rows) {
            Object[] cells = new Object[cols.length];
            for (int i = 0; i < cells.length; i++) {
                Object v = m.value(row, i);
                cells[i] = isNumber(m.components[i].getType())
                        ? (v == null ? Double.NaN : (Number) v)
                        : v == null ? "" : v.toString();
            }
            b.row(cells);
        }
        return TableCsv.format(b.build());
    }

    /** Imports one table's CSV file (see the class contract for the policy). */
    public static <R extends Record> CsvImportReport importFile(
            StudyDatabase db, Class<R> type, Path file, boolean keepGood) throws StudyException, IOException {
        return importText(db, type, Files.readString(file), keepGood);
    }

    /** Imports every {@code <table>.csv} present in {@code directory}, parents first, in one transaction (all or none). */
    public static List<CsvImportReport> importAll(StudyDatabase db, Path directory) throws StudyException, IOException {
        Map<Class<? extends Record>, String> texts = new LinkedHashMap<>();
        for (Class<? extends Record> type : RowMapping.IN_DEPENDENCY_ORDER) {
            Path f = directory.resolve(fileName(type));
            if (Files.exists(f)) {
                texts.put(type, Files.readString(f));
            }
        }
        List<CsvImportReport> reports = new ArrayList<>();
        try {
            db.inTransaction(r -> {
                for (Map.Entry<Class<? extends Record>, String> e : texts.entrySet()) {
                    CsvImportReport rep = importRows(r, e.getKey(), e.getValue(), false);
                    reports.add(rep);
                    if (!rep.ok()) {
                        throw new BadRows(rep);
                    }
                }
                return null;
            });
        } catch (BadRows bad) {
            List<CsvImportReport> out = new ArrayList<>();
            for (CsvImportReport rep : reports) {
                out.add(new CsvImportReport(rep.table(), rep.rowsRead(), 0, false, rep.problems()));
            }
            return out;
        }
        return reports;
    }

    /** Imports one table from CSV text. */
    public static <R extends Record> CsvImportReport importText(
            StudyDatabase db, Class<R> type, String text, boolean keepGood) throws StudyException {
        try {
            return db.inTransaction(r -> {
                CsvImportReport rep = importRows(r, type, text, keepGood);
                if (!rep.ok() && !keepGood) {
                    throw new BadRows(rep);
                }
                return rep;
            });
        } catch (BadRows bad) {
            CsvImportReport rep = bad.report;
            return new CsvImportReport(rep.table(), rep.rowsRead(), 0, false, rep.problems());
        }
    }

    /** Thrown inside the transaction to roll it back when a row is bad and all-or-none applies. */
    private static final class BadRows extends StudyException {
        final transient CsvImportReport report;

        BadRows(CsvImportReport report) {
            super(report.message());
            this.report = report;
        }
    }

    private static <R extends Record> CsvImportReport importRows(
            StudyRepository repo, Class<R> type, String text, boolean keepGood) throws StudyException {
        RowMapping<R> m = RowMapping.of(type);
        List<CsvImportReport.Problem> problems = new ArrayList<>();
        Table t;
        try {
            t = TableCsv.parse(text);
        } catch (IOException e) {
            problems.add(new CsvImportReport.Problem(1, null, e.getMessage()));
            return new CsvImportReport(m.table, 0, 0, keepGood, problems);
        }
        int[] source = new int[m.columns.size()];
        java.util.Arrays.fill(source, -1);
        for (int c = 0; c < t.columns().size(); c++) {
            String name = t.columns().get(c).name();
            int i = m.columns.indexOf(name);
            if (i < 0) {
                problems.add(new CsvImportReport.Problem(1, name, "unknown column; " + m.table + " has " + m.columns));
            } else {
                source[i] = c;
            }
        }
        java.util.Set<String> required = repo.requiredColumns(m.table);
        for (int i = 1; i < source.length; i++) {
            if (source[i] < 0 && (m.components[i].getType().isPrimitive() || required.contains(m.columns.get(i)))) {
                problems.add(
                        new CsvImportReport.Problem(1, m.columns.get(i), "required column missing from the header"));
            }
        }
        if (!problems.isEmpty()) {
            return new CsvImportReport(m.table, t.rowCount(), 0, keepGood, problems);
        }
        int imported = 0;
        boolean explicitIds = false;
        for (int row = 0; row < t.rowCount(); row++) {
            int line = row + 2;
            Object[] values = new Object[source.length];
            boolean bad = false;
            for (int i = 0; i < source.length && !bad; i++) {
                Object cell = source[i] < 0 ? null : t.cell(row, source[i]);
                try {
                    values[i] = convert(cell, m.components[i].getType());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    problems.add(new CsvImportReport.Problem(
                            line, m.columns.get(i), "'" + cell + "' " + reason(m.components[i].getType())));
                    bad = true;
                }
                if (!bad && values[i] == null && m.components[i].getType().isPrimitive()) {
                    problems.add(new CsvImportReport.Problem(line, m.columns.get(i), "is required"));
                    bad = true;
                }
            }
            if (bad) {
                continue;
            }
            explicitIds |= values[0] != null;
            R record = m.create(values);
            Savepoint sp;
            try {
                sp = repo.savepoint();
            } catch (SQLException e) {
                throw new StudyException("savepoint failed: " + e.getMessage(), m.table, null, e);
            }
            try {
                repo.insert(record);
                imported++;
            } catch (StudyException e) {
                problems.add(new CsvImportReport.Problem(line, e.field().orElse(null), e.getMessage()));
                try {
                    repo.rollbackTo(sp);
                } catch (SQLException ex) {
                    throw new StudyException("rollback to savepoint failed: " + ex.getMessage(), m.table, null, ex);
                }
            }
        }
        if (explicitIds) {
            repo.restartIdentity(type);
        }
        return new CsvImportReport(m.table, t.rowCount(), imported, keepGood, problems);
    }

    private static boolean isNumber(Class<?> t) {
        return t == double.class
                || t == Double.class
                || t == int.class
                || t == Integer.class
                || t == long.class
                || t == Long.class;
    }

    private static String reason(Class<?> t) {
        if (t == LocalDate.class) {
            return "is not a date (yyyy-mm-dd)";
        } else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "is not a whole number";
        }
        return "is not a number";
    }

    /** A parsed cell (Double, String or NaN) as the record component's type; null for an empty cell. */
    private static Object convert(Object cell, Class<?> t) {
        if (cell == null || cell instanceof Double d && d.isNaN() || cell instanceof String s && s.isBlank()) {
            return null;
        }
        if (t == String.class) {
            if (cell instanceof Double d) {
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
            }
            return cell;
        }
        double number;
        if (t == LocalDate.class) {
            return LocalDate.parse(cell.toString().strip());
        } else if (cell instanceof Double d) {
            number = d;
        } else {
            try {
                number = Double.parseDouble(cell.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(e);
            }
        }
        if (t == double.class || t == Double.class) {
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("not finite");
            }
            return number;
        }
        if (number != Math.rint(number)) {
            throw new IllegalArgumentException("not whole");
        }
        if (t == int.class || t == Integer.class) {
            return (int) number;
        }
        return (long) number;
    }
}
