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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV manifest: a header naming {@code subject}, {@code visit}, optionally {@code date}, and pipeline inputs; one
 * row per task. See {@link CohortManifest#read} and {@code modules/batch/MANIFEST.md} for the rules.
 */
final class CsvManifest {

    static final String SUBJECT = "subject";
    static final String VISIT = "visit";
    static final String DATE = "date";

    private final Path file;
    private final PipelineInputs inputs;
    private final Map<String, String> overrides;
    private final Path workingDirectory;
    private final List<String> problems;
    private final Map<String, List<String>> missingData;
    /** The current row's problems that are files or folders not there. */
    private List<String> rowMissing = new ArrayList<>();

    CsvManifest(
            Path file,
            PipelineInputs inputs,
            Map<String, String> overrides,
            Path workingDirectory,
            List<String> problems,
            Map<String, List<String>> missingData) {
        this.file = file;
        this.inputs = inputs;
        this.overrides = overrides;
        this.workingDirectory = workingDirectory;
        this.problems = problems;
        this.missingData = missingData;
    }

    /**
     * The tasks in row order, with those whose only problems are missing files or folders; problems are added to the
     * list given at construction, and those of missing data also to the map (task id → its problems).
     */
    List<CohortTask> read() {
        String text;
        try {
            text = utf8(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8 text");
            return List.of();
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // UTF-8 byte order mark, as spreadsheet programs write it
        }
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(text);
        } catch (Csv.Malformed e) {
            problems.add(file + ":" + e.line + ": " + e.getMessage());
            return List.of();
        }
        if (rows.isEmpty()) {
            problems.add(file + ": empty: the first line must name the columns " + SUBJECT + ", " + VISIT
                    + " and pipeline inputs (" + inputs.listed() + ")");
            return List.of();
        }
        Header header = header(rows.get(0));
        if (header == null) {
            return List.of();
        }
        List<Csv.Row> records = rows.subList(1, rows.size());
        if (records.isEmpty()) {
            problems.add(file + ": no rows after the header: no tasks");
        }
        boolean anyVisit = records.stream()
                .anyMatch(r -> r.fields().size() == header.width
                        && header.visit >= 0
                        && !r.fields().get(header.visit).isBlank());
        List<CohortTask> tasks = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (Csv.Row row : records) {
            CohortTask task = task(row, header, anyVisit);
            if (task == null) {
                continue;
            }
            // case-insensitively: sub-A and sub-a would share an output folder on macOS and Windows file systems
            Integer before = firstLine.putIfAbsent(task.id().toLowerCase(Locale.ROOT), row.line());
            if (before != null) {
                problems.add(file + ":" + row.line() + ": " + task.id() + " again (first on line " + before
                        + "): one row per subject and visit");
            } else {
                tasks.add(task);
                if (!rowMissing.isEmpty()) {
                    missingData.put(task.id(), List.copyOf(rowMissing));
                }
            }
        }
        return tasks;
    }

    /** Column positions; null (with problems added) if the header cannot be used. */
    private record Header(int width, int subject, int visit, int date, Map<String, Integer> inputColumns) {}

    private Header header(Csv.Row row) {
        int subject = -1;
        int visit = -1;
        int date = -1;
        Map<String, Integer> inputColumns = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean usable = true;
        List<String> names = row.fields();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c).strip();
            String at = file + ":" + row.line() + ": " + column(c, name) + ": ";
            Integer before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), c);
            if (before != null) {
                problems.add(at + "repeats column " + (before + 1));
                usable = false;
                continue;
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case SUBJECT -> subject = c;
                case VISIT -> visit = c;
                case DATE -> date = c;
                default -> {
                    if (inputs.has(name)) {
                        inputColumns.put(name, c);
                    } else {
                        problems.add(at + "not an input of the pipeline (its inputs: " + inputs.listed()
                                + "; other columns: " + SUBJECT + ", " + VISIT + ", " + DATE + ")");
                    }
                }
            }
        }
        String headerLine = file + ":" + row.line() + ": ";
        if (subject < 0) {
            problems.add(headerLine + "no '" + SUBJECT + "' column");
        }
        if (visit < 0) {
            problems.add(headerLine + "no '" + VISIT + "' column (leave its cells empty for a cohort without visits)");
        }
        for (String input : inputs.names()) {
            if (!inputColumns.containsKey(input) && !overrides.containsKey(input) && !inputs.mayStayUnbound(input)) {
                problems.add(headerLine + "input '" + input + "' has no column, no --input and no default in the"
                        + " pipeline");
            }
        }
        return usable ? new Header(names.size(), subject, visit, date, inputColumns) : null;
    }

    private CohortTask task(Csv.Row row, Header header, boolean anyVisit) {
        String line = file + ":" + row.line() + ": ";
        List<String> cells = row.fields();
        if (cells.size() != header.width) {
            problems.add(line + cells.size() + " fields, but the header has " + header.width);
            return null;
        }
        int before = problems.size();
        rowMissing = new ArrayList<>();
        // without a subject or visit column no task is made, but the other cells are still checked
        String subject = header.subject < 0 ? null : label(cells, header.subject, SUBJECT, "sub-", line);
        String visit = header.visit < 0 ? null : label(cells, header.visit, VISIT, "ses-", line);
        if (subject != null && subject.isEmpty()) {
            problems.add(line + column(header.subject, SUBJECT) + ": empty");
        }
        if (visit != null && visit.isEmpty() && anyVisit) {
            problems.add(line + column(header.visit, VISIT) + ": empty, while other rows have a visit (leave it empty"
                    + " in every row or in none)");
        }
        LocalDate date = null;
        if (header.date >= 0 && !cells.get(header.date).isBlank()) {
            String d = cells.get(header.date).strip();
            try {
                date = Labels.date(d);
            } catch (DateTimeParseException e) {
                problems.add(line + column(header.date, DATE) + ": '" + d + "' is not an ISO 8601 date (YYYY-MM-DD)");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> in : header.inputColumns.entrySet()) {
            String name = in.getKey();
            if (overrides.containsKey(name)) {
                continue; // --input NAME=VALUE applies to every row, over the column
            }
            String value = cells.get(in.getValue());
            String at = line + column(in.getValue(), name) + ": ";
            if (value.isBlank()) {
                if (inputs.isOptional(name)) {
                    values.put(name, ""); // this row has no such data: the input's branch is left out of its run
                } else if (!inputs.mayStayUnbound(name)) {
                    problems.add(at + "empty, and the input has no default in the pipeline");
                }
                continue; // else the input stays on its default
            }
            values.put(name, inputs.isPath(name) ? existing(file.getParent(), value, at) : value);
        }
        for (Map.Entry<String, String> o : subject == null || visit == null
                ? Map.<String, String>of().entrySet()
                : overrides.entrySet()) { // expanded only with valid labels
            String value = PipelineInputs.expand(o.getValue(), subject, visit);
            String at = line + "--input " + o.getKey() + ": ";
            values.put(
                    o.getKey(),
                    inputs.isPath(o.getKey()) && !value.isBlank() ? existing(workingDirectory, value, at) : value);
        }
        if (problems.size() - before > rowMissing.size() || subject == null || visit == null) {
            return null;
        }
        return new CohortTask(subject, visit, date, values);
    }

    /** A label cell without its BIDS prefix; null (with a problem) if it is not a label; "" if empty. */
    private String label(List<String> cells, int column, String name, String prefix, String line) {
        String raw = cells.get(column).strip();
        String label = Labels.strip(raw, prefix);
        if (raw.isEmpty()) {
            return "";
        }
        if (!Labels.isLabel(label)) {
            problems.add(line + column(column, name) + ": " + Labels.notALabel(raw));
            return null;
        }
        return label;
    }

    /** The absolute path a value names (relative to {@code base}); a problem if nothing is there. */
    private String existing(Path base, String value, String at) {
        Path p;
        try {
            p = base.resolve(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(at + "'" + value + "' is not a path: " + e.getReason());
            return value;
        }
        if (!Files.exists(p)) {
            problems.add(at + "no such file or folder: " + p);
            rowMissing.add(problems.get(problems.size() - 1));
        }
        return p.toString();
    }

    /** "column 3 'gre'": 1-based, as spreadsheets count. */
    static String column(int index, String name) {
        return "column " + (index + 1) + " '" + name + "'";
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
