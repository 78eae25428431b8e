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
package org.ferrum.relaxometry.t1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.conformance.ConformanceFile;

/**
 * Rows of an OSIPI T1 CSV file (DCE-DSC-MRI_CodeCollection, {@code test/T1_mapping/data}): comma-separated cells,
 * arrays inside a cell as space-separated numbers, columns found by their (trimmed, case-insensitive) header names.
 */
final class OsipiT1Csv {

    private final ConformanceFile file;
    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Integer> lineNumbers = new ArrayList<>();

    OsipiT1Csv(ConformanceFile file) throws IOException {
        this.file = file;
        this.header = file.columns();
        List<String> lines = Files.readAllLines(file.path(), StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw error(i + 1, "has " + cells.length + " cells, the header " + header.size());
            }
            rows.add(cells);
            lineNumbers.add(i + 1);
        }
        if (rows.isEmpty()) {
            throw new IOException(file.path() + ": no rows below the header");
        }
    }

    int size() {
        return rows.size();
    }

    /** The column index of {@code name}, or −1. */
    int column(String name) {
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).trim().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return -1;
    }

    String text(int row, int column) {
        return rows.get(row)[column].trim();
    }

    double number(int row, int column) throws IOException {
        double[] v = numbers(row, column);
        if (v.length != 1) {
            throw error(
                    lineNumbers.get(row),
                    "column '" + header.get(column).trim() + "' holds " + v.length + " numbers where one is expected");
        }
        return v[0];
    }

    double[] numbers(int row, int column) throws IOException {
        String cell = text(row, column);
        String[] parts = cell.isEmpty() ? new String[0] : cell.split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw error(
                        lineNumbers.get(row),
                        "column '" + header.get(column).trim() + "': '" + parts[i] + "' is not a number");
            }
        }
        if (v.length == 0) {
            throw error(lineNumbers.get(row), "column '" + header.get(column).trim() + "' is empty");
        }
        return v;
    }

    IOException error(int line, String what) {
        return new IOException(String.format(Locale.ROOT, "%s, line %d: %s", file.path(), line, what));
    }

    int line(int row) {
        return lineNumbers.get(row);
    }
}
