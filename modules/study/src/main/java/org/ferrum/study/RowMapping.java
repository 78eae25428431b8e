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

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a row record maps onto its table: the table name, and one column per record component, named by the component
 * in snake case ({@code weightKg} → {@code weight_kg}); the first component is the {@code id} key.
 *
 * <p>Why one generic mapping instead of hand-written SQL per table: CRUD, CSV import and CSV export then agree on the
 * columns by construction, and a new column is one record component plus one migration.
 */
final class RowMapping<R extends Record> {

    private static final Map<Class<? extends Record>, String> TABLES = Map.ofEntries(
            Map.entry(Subject.class, "subjects"),
            Map.entry(Visit.class, "visits"),
            Map.entry(Series.class, "series"),
            Map.entry(DerivedMap.class, "maps"),
            Map.entry(PipelineRun.class, "pipeline_runs"),
            Map.entry(RoiMeasurement.class, "roi_measurements"),
            Map.entry(NucleusMeasurement.class, "nucleus_measurements"),
            Map.entry(Transfusion.class, "transfusions"),
            Map.entry(Chelation.class, "chelation"),
            Map.entry(LabValue.class, "lab_values"),
            Map.entry(DialysisSession.class, "dialysis_sessions"),
            Map.entry(Lesion.class, "lesions"),
            Map.entry(TumourMeasurement.class, "tumour_measurements"));

    /** Tables in an order in which parents come before children (for import and demo loading). */
    static final List<Class<? extends Record>> IN_DEPENDENCY_ORDER = List.of(
            Subject.class,
            Visit.class,
            Series.class,
            DerivedMap.class,
            PipelineRun.class,
            RoiMeasurement.class,
            NucleusMeasurement.class,
            Transfusion.class,
            Chelation.class,
            LabValue.class,
            DialysisSession.class,
            Lesion.class,
            TumourMeasurement.class);

    private static final Map<Class<?>, RowMapping<?>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    final Class<R> type;
    final String table;
    final RecordComponent[] components;
    final List<String> columns;
    private final Constructor<R> constructor;

    private RowMapping(Class<R> type) {
        this.type = type;
        String t = TABLES.get(type);
        if (t == null) {
            throw new IllegalArgumentException(
                    type.getName() + " is not a study table row; rows are " + TABLES.keySet());
        }
        this.table = t;
        this.components = type.getRecordComponents();
        List<String> cols = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            cols.add(snake(components[i].getName()));
            types[i] = components[i].getType();
        }
        this.columns = List.copyOf(cols);
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> RowMapping<R> of(Class<R> type) {
        return (RowMapping<R>) CACHE.computeIfAbsent(type, t -> new RowMapping<>(type));
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    Object value(R row, int component) {
        try {
            return components[component].getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    Long id(R row) {
        return (Long) value(row, 0);
    }

    R create(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    R withId(R row, long id) {
        Object[] values = new Object[components.length];
        values[0] = id;
        for (int i = 1; i < values.length; i++) {
            values[i] = value(row, i);
        }
        return create(values);
    }

    String selectSql() {
        return "SELECT " + String.join(", ", columns) + " FROM " + table;
    }

    /** INSERT of every column but id ({@code withId} false), or of every column. */
    String insertSql(boolean withId) {
        List<String> cols = withId ? columns : columns.subList(1, columns.size());
        return "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")";
    }

    String updateSql() {
        List<String> sets = new ArrayList<>();
        for (String c : columns.subList(1, columns.size())) {
            sets.add(c + " = ?");
        }
        return "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE id = ?";
    }

    /** Binds components from {@code first} on, to parameters 1…; returns the next parameter index. */
    int bind(PreparedStatement s, R row, int first) throws SQLException {
        int p = 1;
        for (int i = first; i < components.length; i++) {
            bindValue(s, p++, components[i].getType(), value(row, i));
        }
        return p;
    }

    static void bindValue(PreparedStatement s, int p, Class<?> type, Object v) throws SQLException {
        if (v == null) {
            s.setNull(p, sqlType(type));
        } else if (v instanceof LocalDate d) {
            s.setDate(p, Date.valueOf(d));
        } else if (v instanceof Double d) {
            s.setDouble(p, d);
        } else if (v instanceof Integer i) {
            s.setInt(p, i);
        } else if (v instanceof Long l) {
            s.setLong(p, l);
        } else {
            s.setString(p, v.toString());
        }
    }

    private static int sqlType(Class<?> type) {
        if (type == LocalDate.class) {
            return Types.DATE;
        } else if (type == Double.class || type == double.class) {
            return Types.DOUBLE;
        } else if (type == Integer.class || type == int.class) {
            return Types.INTEGER;
        } else if (type == Long.class || type == long.class) {
            return Types.BIGINT;
        }
        return Types.VARCHAR;
    }

    R read(ResultSet rs) throws SQLException {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            int c = i + 1;
            Object v;
            if (t == LocalDate.class) {
                Date d = rs.getDate(c);
                v = d == null ? null : d.toLocalDate();
            } else if (t == double.class || t == Double.class) {
                double d = rs.getDouble(c);
                v = rs.wasNull() ? null : d;
            } else if (t == int.class || t == Integer.class) {
                int d = rs.getInt(c);
                v = rs.wasNull() ? null : d;
            } else if (t == long.class || t == Long.class) {
                long d = rs.getLong(c);
                v = rs.wasNull() ? null : d;
            } else {
                v = rs.getString(c);
            }
            values[i] = v;
        }
        return create(values);
    }
}
