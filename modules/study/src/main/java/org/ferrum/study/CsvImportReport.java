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

import java.util.List;

/**
 * What a CSV import did: rows read, rows kept, and every bad row with the reason.
 *
 * @param table        the table imported into
 * @param rowsRead     data rows in the file
 * @param rowsImported rows now in the database (0 when any row was bad and {@code keptGood} is false)
 * @param keptGood     the policy: true = good rows kept and bad ones skipped; false = all rows or none
 * @param problems     the bad rows, in file order
 */
public record CsvImportReport(String table, int rowsRead, int rowsImported, boolean keptGood, List<Problem> problems) {

    /**
     * One bad row.
     *
     * @param line   line number in the file (the header is line 1, so the first data row is line 2); records with
     *               line breaks inside quoted cells shift later numbers
     * @param column the column at fault (e.g. {@code haematocrit}), or null if the row as a whole is
     * @param reason why, in words
     */
    public record Problem(int line, String column, String reason) {
        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", column " + column) + ": " + reason;
        }
    }

    public CsvImportReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One paragraph for the user, starting with the outcome and the policy, then one line per bad row. */
    public String message() {
        StringBuilder b = new StringBuilder(table).append(": ");
        if (problems.isEmpty()) {
            b.append(rowsImported).append(" of ").append(rowsRead).append(" rows imported");
        } else if (keptGood) {
            b.append(rowsImported)
                    .append(" of ")
                    .append(rowsRead)
                    .append(" rows imported; ")
                    .append(problems.size())
                    .append(" bad rows skipped (good rows kept)");
        } else {
            b.append(problems.size()).append(" bad rows; nothing imported (the import keeps all rows or none)");
        }
        for (Problem p : problems) {
            b.append('\n').append(p);
        }
        return b.toString();
    }
}
