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

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a driver's constraint violation into a sentence naming the table and field.
 *
 * <p>Why by constraint name: the schema names every constraint {@code kind_table_field} ({@code ck_}, {@code uq_},
 * {@code fk_}), and both H2 and PostgreSQL put that name into the message, whereas their message texts differ.
 * NOT NULL violations carry no constraint name; both drivers quote the column instead.
 */
final class ConstraintMessages {

    private static final Map<String, String> CHECKS = Map.ofEntries(
            Map.entry("ck_subjects_sex", "must be F, M or U"),
            Map.entry("ck_subjects_birth_year", "must be a year between 1900 and 2100"),
            Map.entry("ck_subjects_weight_kg", "must be a finite number greater than 0 kg"),
            Map.entry("ck_visits_weight_kg", "must be a finite number greater than 0 kg"),
            Map.entry("ck_roi_measurements_n", "must be 0 or more"),
            Map.entry("ck_roi_measurements_q1", "must not exceed the median"),
            Map.entry("ck_roi_measurements_q3", "must not be below the median"),
            Map.entry("ck_roi_measurements_sd", "must be 0 or more"),
            Map.entry("ck_transfusions_volume_ml", "must be 0 mL or more"),
            Map.entry("ck_transfusions_haematocrit", "must be between 0 and 1 (a fraction, not a percentage)"),
            Map.entry("ck_chelation_drug", "must be deferoxamine, deferasirox or deferiprone"),
            Map.entry("ck_chelation_dose_mg_per_kg_per_day", "must be 0 mg/kg/day or more"),
            Map.entry("ck_chelation_end_date", "must not be before start_date"),
            Map.entry(
                    "ck_visits_field_strength_t",
                    "must be a field strength in tesla greater than 0 and at most 20 (e.g. 1.5, 3 or 7)"),
            Map.entry(
                    "ck_lab_values_analyte",
                    "must be one of " + LabValue.ANALYTES + " (the analyte's name in snake case)"),
            Map.entry("ck_lab_values_measured_value", "must be a finite number, 0 or more"),
            Map.entry("ck_lab_values_unit", "must be a unit accepted for the analyte: " + LabValue.UNITS_TEXT),
            Map.entry("ck_dialysis_sessions_modality", "must be one of " + DialysisSession.MODALITIES),
            Map.entry("ck_dialysis_sessions_duration_min", "must be greater than 0 and at most 1440 minutes"),
            Map.entry("ck_dialysis_sessions_iv_iron_mg", "must be a finite number, 0 mg or more (0 when none given)"),
            Map.entry("ck_dialysis_sessions_ultrafiltration_ml", "must be a finite number, 0 mL or more"),
            Map.entry("ck_nucleus_measurements_hemisphere", "must be left, right or both"),
            Map.entry("ck_nucleus_measurements_map", "must be chi or r2star"),
            Map.entry("ck_nucleus_measurements_unit", "must be ppm or ppb for a chi row, 1/s for an r2star row"),
            Map.entry("ck_nucleus_measurements_n", "must be 0 or more"),
            Map.entry("ck_nucleus_measurements_n_excluded", "must be 0 or more"),
            Map.entry("ck_nucleus_measurements_q1", "must not exceed the median"),
            Map.entry("ck_nucleus_measurements_q3", "must not be below the median"),
            Map.entry("ck_nucleus_measurements_iqr", "must be 0 or more"),
            Map.entry("ck_nucleus_measurements_sd", "must be 0 or more"),
            Map.entry(
                    "ck_nucleus_measurements_reference",
                    "must be csf, white_matter, whole_brain or none (r2star rows)"),
            Map.entry(
                    "ck_nucleus_measurements_alt_reference",
                    "must be csf, white_matter, whole_brain or none (r2star rows)"));

    private static final Pattern NAMED = Pattern.compile("\\b((ck|uq|fk)_[a-z0-9_]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NULL_H2 = Pattern.compile("NULL not allowed for column \"([A-Za-z0-9_]+)\"");
    private static final Pattern NULL_PG = Pattern.compile("null value in column \"([A-Za-z0-9_]+)\"");
    /** H2: {@code Value too long for column "CODE CHARACTER VARYING(64)": "'…' (65)"}. */
    private static final Pattern TOO_LONG_H2 = Pattern.compile(
            "Value too long for column \"([A-Za-z0-9_]+) [A-Z ]+\\((\\d+)\\)\"(?:: \".*?' \\((\\d+)\\)\")?",
            Pattern.DOTALL);
    /** PostgreSQL names the type only: {@code value too long for type character varying(64)}. */
    private static final Pattern TOO_LONG_PG = Pattern.compile("value too long for type [a-z ]+\\((\\d+)\\)");

    private ConstraintMessages() {}

    /**
     * What a value of {@code table.field} must be, as the sentence's predicate (e.g. "must be a finite number greater
     * than 0 kg"), for a value the Java side refuses before the database sees it.
     */
    static String finiteRule(String table, String field) {
        String rule = CHECKS.get("ck_" + table + "_" + field);
        if (rule == null) {
            return "must be a finite number";
        }
        if (rule.startsWith("must be a finite number")) {
            return rule;
        }
        return rule.startsWith("must be ")
                ? "must be a finite number, " + rule.substring("must be ".length())
                : "must be a finite number and " + rule.substring("must ".length());
    }

    /** The sentence for a text longer than its column allows. */
    static String tooLong(String table, String field, int limit, int length) {
        return table + "." + field + " must be at most " + limit + " characters long; it has " + length;
    }

    /** A study exception for a failed statement on {@code table}, naming the field where the message allows. */
    static StudyException translate(SQLException e, String table) {
        String msg = String.valueOf(e.getMessage());
        Matcher longH2 = TOO_LONG_H2.matcher(msg);
        if (longH2.find()) {
            String field = longH2.group(1).toLowerCase(Locale.ROOT);
            int limit = Integer.parseInt(longH2.group(2));
            String message = longH2.group(3) != null
                    ? tooLong(table, field, limit, Integer.parseInt(longH2.group(3)))
                    : table + "." + field + " must be at most " + limit + " characters long";
            return new StudyException(message, table, field, e);
        }
        Matcher longPg = TOO_LONG_PG.matcher(msg);
        if (longPg.find()) {
            return new StudyException(
                    table + ": a text is longer than its column allows (at most " + longPg.group(1) + " characters)",
                    table,
                    null,
                    e);
        }
        String nullField = null;
        Matcher nul = NULL_H2.matcher(msg);
        if (nul.find()) {
            nullField = nul.group(1);
        } else {
            Matcher nulPg = NULL_PG.matcher(msg);
            if (nulPg.find()) {
                nullField = nulPg.group(1);
            }
        }
        if (nullField != null) {
            String field = nullField.toLowerCase(Locale.ROOT);
            return new StudyException(table + "." + field + " is required", table, field, e);
        }
        Matcher m = NAMED.matcher(msg);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String kind = m.group(2).toLowerCase(Locale.ROOT);
            String rest = name.substring(3);
            String t = tableOf(rest);
            if (t == null) {
                continue;
            }
            String field = fieldOf(t, rest.substring(t.length() + 1));
            switch (kind) {
                case "ck" -> {
                    String why = CHECKS.getOrDefault(name, "is out of range");
                    return new StudyException(t + "." + field + " " + why, t, field, e);
                }
                case "uq" -> {
                    return new StudyException(
                            t + "." + field + " must be unique" + uniqueScope(t) + "; the value is already there",
                            t,
                            field,
                            e);
                }
                default -> {
                    boolean childExists = "23503".equals(e.getSQLState())
                                    && msg.toLowerCase(Locale.ROOT).contains("child")
                            || msg.toLowerCase(Locale.ROOT).contains("still referenced");
                    String parent = field.substring(0, field.length() - 3);
                    return new StudyException(
                            childExists
                                    ? "cannot change " + t + " rows still referenced elsewhere"
                                    : t + "." + field + " names no existing " + parent + " (no " + parent
                                            + " with that id)",
                            t,
                            field,
                            e);
                }
            }
        }
        return new StudyException(table + ": " + msg.lines().findFirst().orElse(msg), table, null, e);
    }

    private static String uniqueScope(String table) {
        return switch (table) {
            case "visits" ->
                " per subject and session label (one visit per subject, day and session: a pre- and a"
                        + " post-dialysis scan on one day are two visits, labelled " + Visit.PRE_DIALYSIS + " and "
                        + Visit.POST_DIALYSIS + ")";
            case "lesions" -> " per subject";
            default -> "";
        };
    }

    /** The table's longest column that the constraint name's tail starts with (H2 appends e.g. "_INDEX_B" to unique names). */
    private static String fieldOf(String table, String tail) {
        String best = tail;
        int bestLength = -1;
        for (Class<? extends Record> type : RowMapping.IN_DEPENDENCY_ORDER) {
            RowMapping<?> m = RowMapping.of(type);
            if (!m.table.equals(table)) {
                continue;
            }
            for (String c : m.columns) {
                if ((tail.equals(c) || tail.startsWith(c + "_")) && c.length() > bestLength) {
                    best = c;
                    bestLength = c.length();
                }
            }
        }
        return best;
    }

    private static String tableOf(String rest) {
        String best = null;
        for (Class<? extends Record> type : RowMapping.IN_DEPENDENCY_ORDER) {
            String t = RowMapping.of(type).table;
            if (rest.startsWith(t + "_") && (best == null || t.length() > best.length())) {
                best = t;
            }
        }
        return best;
    }
}
