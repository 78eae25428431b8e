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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes rows inside one transaction of a {@link StudyDatabase}; obtained only through
 * {@link StudyDatabase#inTransaction}, and valid only inside it.
 *
 * <p>Rows are the records {@link Subject}, {@link Visit}, {@link Series}, {@link DerivedMap}, {@link RoiMeasurement},
 * {@link Transfusion}, {@link Chelation}, {@link Lesion}, {@link TumourMeasurement}. A constraint violation is a
 * {@link StudyException} naming the table and field; the enclosing transaction is then rolled back as a whole.
 *
 * <p>Before a row is written it is checked here, whatever the database: a number must be finite (NaN and ±Infinity are
 * refused — the SQL comparisons of H2 and PostgreSQL order NaN above every number, so a CHECK such as
 * {@code weight_kg > 0} would let it through), and a text must fit its column (the length the schema declares, read
 * from the database's metadata), each refusal naming the field and the limit.
 */
public final class StudyRepository {

    private final Connection connection;
    /** Per table: what the schema declares about its columns (read once from the database metadata). */
    private final Map<String, Columns> columns = new HashMap<>();

    StudyRepository(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Inserts a row whose id is null (the database assigns it) or given; returns the row with its id. */
    public <R extends Record> R insert(R row) throws StudyException {
        @SuppressWarnings("unchecked")
        RowMapping<R> m = RowMapping.of((Class<R>) row.getClass());
        boolean withId = m.id(row) != null;
        check(m, row);
        try (PreparedStatement s = withId
                ? connection.prepareStatement(m.insertSql(true))
                : connection.prepareStatement(m.insertSql(false), new String[] {"id"})) {
            m.bind(s, row, withId ? 0 : 1);
            s.executeUpdate();
            if (withId) {
                return row;
            }
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return m.withId(row, keys.getLong(1));
            }
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, m.table);
        }
    }

    /** Inserts many rows of one type with database-assigned ids in JDBC batches (bulk loading); ids are not returned. */
    public <R extends Record> void insertAll(Class<R> type, List<R> rows) throws StudyException {
        RowMapping<R> m = RowMapping.of(type);
        try (PreparedStatement s = connection.prepareStatement(m.insertSql(false))) {
            int pending = 0;
            for (R row : rows) {
                check(m, row);
                m.bind(s, row, 1);
                s.addBatch();
                if (++pending == 1000) {
                    s.executeBatch();
                    pending = 0;
                }
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, m.table);
        }
    }

    /** Replaces every field of the row with the same id; false if there is none. */
    public <R extends Record> boolean update(R row) throws StudyException {
        @SuppressWarnings("unchecked")
        RowMapping<R> m = RowMapping.of((Class<R>) row.getClass());
        if (m.id(row) == null) {
            throw new StudyException(m.table + ": a row without id cannot be updated; insert it", m.table, "id", null);
        }
        check(m, row);
        try (PreparedStatement s = connection.prepareStatement(m.updateSql())) {
            int next = m.bind(s, row, 1);
            s.setLong(next, m.id(row));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, m.table);
        }
    }

    /** Deletes a row and, through the schema's ON DELETE CASCADE, everything that belongs to it; false if absent. */
    public <R extends Record> boolean delete(Class<R> type, long id) throws StudyException {
        RowMapping<R> m = RowMapping.of(type);
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + m.table + " WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, m.table);
        }
    }

    public <R extends Record> Optional<R> find(Class<R> type, long id) throws StudyException {
        List<R> rows = query(type, " WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** All rows of a type, by id. */
    public <R extends Record> List<R> findAll(Class<R> type) throws StudyException {
        return query(type, " ORDER BY id");
    }

    /** Rows whose {@code column} (snake case, e.g. {@code subject_id}) equals {@code value}, by id. */
    public <R extends Record> List<R> findBy(Class<R> type, String column, Object value) throws StudyException {
        RowMapping<R> m = RowMapping.of(type);
        if (!m.columns.contains(column)) {
            throw new IllegalArgumentException(m.table + " has no column " + column + "; columns are " + m.columns);
        }
        return query(type, " WHERE " + column + " = ? ORDER BY id", value);
    }

    public Optional<Subject> subjectByCode(String code) throws StudyException {
        List<Subject> rows = findBy(Subject.class, "code", code);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A subject's visits by date. */
    public List<Visit> visitsOf(long subjectId) throws StudyException {
        return query(Visit.class, " WHERE subject_id = ? ORDER BY visit_date", subjectId);
    }

    /** Rows of a table. */
    public long count(Class<? extends Record> type) throws StudyException {
        String table = RowMapping.of(type).table;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, table);
        }
    }

    /**
     * Moves a table's identity past its largest id, after rows were inserted with explicit ids (CSV import, demo),
     * so that later inserts do not collide. {@code ALTER TABLE … ALTER COLUMN … RESTART WITH} is SQL:2003 and
     * understood by H2 and PostgreSQL.
     */
    void restartIdentity(Class<? extends Record> type) throws StudyException {
        String table = RowMapping.of(type).table;
        try (Statement s = connection.createStatement()) {
            long max;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
                rs.next();
                max = rs.getLong(1);
            }
            s.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + (max + 1));
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, table);
        }
    }

    /** Refuses a non-finite number or a text longer than its column, naming the field and the limit. */
    private <R extends Record> void check(RowMapping<R> m, R row) throws StudyException {
        for (int i = 1; i < m.components.length; i++) {
            Object v = m.value(row, i);
            String field = m.columns.get(i);
            if (v instanceof Double d && !Double.isFinite(d)) {
                throw new StudyException(
                        m.table + "." + field + " " + ConstraintMessages.finiteRule(m.table, field) + "; got " + d,
                        m.table,
                        field,
                        null);
            }
            if (v instanceof String text) {
                Integer limit = textLimits(m.table).get(field);
                int length = text.codePointCount(0, text.length());
                if (limit != null && length > limit) {
                    throw new StudyException(
                            ConstraintMessages.tooLong(m.table, field, limit, length), m.table, field, null);
                }
            }
        }
    }

    private Map<String, Integer> textLimits(String table) throws StudyException {
        return columns(table).textLimits();
    }

    /** The NOT NULL columns of a table, as the database declares them. */
    java.util.Set<String> requiredColumns(String table) throws StudyException {
        return columns(table).required();
    }

    /** What the database declares about a table's columns: the NOT NULL ones, and each text column's length. */
    private record Columns(java.util.Set<String> required, Map<String, Integer> textLimits) {}

    private Columns columns(String table) throws StudyException {
        Columns known = columns.get(table);
        if (known != null) {
            return known;
        }
        java.util.Set<String> required = new java.util.HashSet<>();
        Map<String, Integer> limits = new HashMap<>();
        try {
            var md = connection.getMetaData();
            // Unquoted identifiers fold to upper case in H2 and the standard, to lower case in PostgreSQL.
            for (String name : new String[] {table.toUpperCase(Locale.ROOT), table}) {
                try (ResultSet rs = md.getColumns(null, null, name, null)) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                        if ("NO".equals(rs.getString("IS_NULLABLE"))) {
                            required.add(column);
                        }
                        int type = rs.getInt("DATA_TYPE");
                        if (type == java.sql.Types.VARCHAR
                                || type == java.sql.Types.CHAR
                                || type == java.sql.Types.NVARCHAR
                                || type == java.sql.Types.NCHAR) {
                            limits.put(column, rs.getInt("COLUMN_SIZE"));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StudyException("cannot read the columns of " + table + ": " + e.getMessage(), table, null, e);
        }
        known = new Columns(java.util.Set.copyOf(required), Map.copyOf(limits));
        columns.put(table, known);
        return known;
    }

    Savepoint savepoint() throws SQLException {
        return connection.setSavepoint();
    }

    void rollbackTo(Savepoint sp) throws SQLException {
        connection.rollback(sp);
    }

    private <R extends Record> List<R> query(Class<R> type, String tail, Object... args) throws StudyException {
        RowMapping<R> m = RowMapping.of(type);
        try (PreparedStatement s = connection.prepareStatement(m.selectSql() + tail)) {
            for (int i = 0; i < args.length; i++) {
                RowMapping.bindValue(s, i + 1, args[i].getClass(), args[i]);
            }
            List<R> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(m.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw ConstraintMessages.translate(e, m.table);
        }
    }
}
