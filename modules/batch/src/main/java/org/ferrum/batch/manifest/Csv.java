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

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated records by RFC 4180 §2: fields separated by commas, records by CRLF or LF; a field in double quotes
 * may hold commas, line breaks and doubled quotes ({@code ""} = one {@code "}). Blank lines are skipped. Our own
 * reader (not a library's) because every record must keep the line it starts on, for messages naming file and line.
 */
final class Csv {

    /** One record: its fields, and the 1-based line of the text it starts on. */
    record Row(int line, List<String> fields) {}

    /** A text that is not RFC 4180 CSV, at a line. */
    static final class Malformed extends Exception {
        final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private Csv() {}

    /** Parses a whole text (without byte order mark) into its records, in order. */
    static List<Row> parse(String text) throws Malformed {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false; // inside a quoted field
        boolean wasQuoted = false; // the current field was quoted (only a separator may follow its closing quote)
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new Malformed(
                            line,
                            "a double quote inside an unquoted field (RFC 4180 §2.5: quote the"
                                    + " whole field and double the quote)");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                add(rows, recordLine, fields);
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    throw new Malformed(line, "text after a closing double quote (RFC 4180 §2.7)");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw new Malformed(recordLine, "a quoted field is not closed before the end of the file");
        }
        if (field.length() > 0 || wasQuoted || !fields.isEmpty()) {
            fields.add(field.toString());
            add(rows, recordLine, fields);
        }
        return rows;
    }

    private static void add(List<Row> rows, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            return; // a blank line
        }
        rows.add(new Row(line, List.copyOf(fields)));
    }
}
