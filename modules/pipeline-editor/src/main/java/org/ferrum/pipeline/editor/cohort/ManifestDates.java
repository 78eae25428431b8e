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
package org.ferrum.pipeline.editor.cohort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.Table;
import org.ferrum.io.table.TableCsv;

/**
 * The visit dates of a CSV manifest (column {@code date}), for a batch whose task events do not carry them: the study
 * needs a date to create a visit. Read with {@link TableCsv}, which turns a column of labels such as {@code 01} into
 * numbers; labels are therefore matched as text or, where both are numbers, by value. A BIDS dataset, a manifest
 * without the column or one that cannot be read gives no dates (then the study uses an existing visit of that label, or
 * refuses naming the missing date).
 */
final class ManifestDates {

    private final Table table;

    private ManifestDates(Table table) {
        this.table = table;
    }

    static ManifestDates of(Path manifest) {
        if (!Files.isRegularFile(manifest)
                || !manifest.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new ManifestDates(null);
        }
        try {
            Table t = TableCsv.read(manifest);
            return new ManifestDates(t.columnIndex("date") >= 0 && t.columnIndex("subject") >= 0 ? t : null);
        } catch (IOException | RuntimeException e) {
            return new ManifestDates(null);
        }
    }

    /** The date of the manifest's row for this subject and visit, if it gives one. */
    Optional<LocalDate> dateOf(String subject, String visit) {
        if (table == null) {
            return Optional.empty();
        }
        int s = table.columnIndex("subject");
        int v = table.columnIndex("visit");
        int d = table.columnIndex("date");
        for (int r = 0; r < table.rowCount(); r++) {
            if (same(table.cell(r, s), subject) && (v < 0 ? visit.isEmpty() : same(table.cell(r, v), visit))) {
                Object cell = table.cell(r, d);
                if (cell instanceof String text && !text.isBlank()) {
                    try {
                        return Optional.of(LocalDate.parse(text.strip()));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean same(Object cell, String label) {
        if (cell instanceof Double number) {
            if (number.isNaN()) {
                return label.isEmpty();
            }
            try {
                return Double.parseDouble(label) == number;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String text = cell == null ? "" : cell.toString().strip();
        // a label may be written with its BIDS prefix in the manifest
        return text.equals(label) || text.equals("sub-" + label) || text.equals("ses-" + label);
    }
}
