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
package org.ferrum.perfusion.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of a reference CSV by column name (header case-insensitive), cells with space-separated arrays. */
final class CsvRows {

    record Row(Path file, int line, Map<String, String> cells) {

        String text(String column) throws IOException {
            String v = cells.get(column.toLowerCase(Locale.ROOT));
            if (v == null) {
                throw new IOException(file + " line " + line + ": no column '" + column + "'");
            }
            return v.trim();
        }

        double number(String column) throws IOException {
            String v = text(column);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + line + ": column '" + column + "' is not a number: " + v);
            }
        }

        double[] numbers(String column) throws IOException {
            String v = text(column);
            String[] parts = v.isEmpty() ? new String[0] : v.split("\\s+");
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + line + ": column '" + column + "' item " + i
                            + " is not a number: " + parts[i]);
                }
            }
            return out;
        }
    }

    private CsvRows() {}

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(file + ": empty");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            String[] names = header.split(",", -1);
            String line;
            int number = 1;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) {
                    throw new IOException(
                            file + " line " + number + ": " + cells.length + " cells for " + names.length + " columns");
                }
                Map<String, String> map = new HashMap<>();
                for (int i = 0; i < names.length; i++) {
                    map.put(names[i].trim().toLowerCase(Locale.ROOT), cells[i]);
                }
                rows.add(new Row(file, number, map));
            }
        }
        return rows;
    }
}
