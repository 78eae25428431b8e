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
package org.ferrum.batch.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A BIDS tabular file ({@code sessions.tsv}, {@code scans.tsv}): UTF-8, tab-separated, a header line, no quoting
 * (BIDS "Common principles", "Tabular files").
 */
final class Tsv {

    private Tsv() {}

    /** One data row: its 1-based line, the header and its cells. */
    record Row(int line, List<String> header, List<String> cells) {
        /** The cell under a column, or null if the table has no such column or the row is short. */
        String get(String column) {
            int i = header.indexOf(column);
            return i < 0 || i >= cells.size() ? null : cells.get(i);
        }

        /** "column 2 'acq_time'". */
        String column(String name) {
            return CsvManifest.column(header.indexOf(name), name);
        }
    }

    /**
     * The rows of a file; none if it does not exist. A file that cannot be read or lacks a required column adds a
     * problem and gives no rows.
     */
    static List<Row> read(Path file, List<String> required, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file + ": cannot be read as UTF-8 text: " + e.getMessage());
            return List.of();
        }
        if (lines.isEmpty()) {
            problems.add(file + ": empty (a header line is needed)");
            return List.of();
        }
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split("\t", -1));
        List<String> missing =
                required.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            problems.add(file + ":1: no column " + String.join(", ", missing) + " (REQUIRED by BIDS)");
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(new Row(i + 1, header, List.of(lines.get(i).split("\t", -1))));
            }
        }
        return rows;
    }
}
