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
package org.ferrum.core.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A candidate file for a {@link ConformanceSuite}: its path, and for a CSV file its header's column names (trimmed,
 * as written) so that suites recognise their files by columns, not by file names.
 *
 * @param path the file
 * @param columns the first line's comma-separated names for a {@code .csv} file; empty otherwise
 */
public record ConformanceFile(Path path, List<String> columns) {

    public ConformanceFile {
        columns = List.copyOf(columns);
    }

    /** Reads the header of {@code path} (only the first line of a CSV file). */
    public static ConformanceFile of(Path path) throws IOException {
        List<String> columns = new ArrayList<>();
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                String first = r.readLine();
                if (first != null) {
                    if (first.startsWith("\uFEFF")) {
                        first = first.substring(1);
                    }
                    for (String c : first.split(",", -1)) {
                        columns.add(c.trim());
                    }
                }
            }
        }
        return new ConformanceFile(path, columns);
    }

    /** Whether the header holds every one of {@code names} (case-insensitive). */
    public boolean hasColumns(String... names) {
        for (String name : names) {
            boolean found = false;
            for (String c : columns) {
                found |= c.equalsIgnoreCase(name);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The file name with its extension, lower case. */
    public String fileName() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
