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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One line of {@code ferrum-batch run --events FILE} (one JSON object per line, README of modules/batch): the plan
 * ({@code tasks}, {@code out}), a task's state change ({@code task}, {@code subject}, {@code visit}, {@code status}
 * started|done|reused|retrying|failed, {@code attempt}, {@code reason}, {@code folder}), a study write
 * ({@code saved}/{@code not-saved}) or the end ({@code done}, {@code reused}, {@code failed}, {@code exit}). Members
 * an event does not carry are null (text) or -1 (numbers).
 */
record BatchEvent(
        String event,
        String task,
        String subject,
        String visit,
        LocalDate date,
        String status,
        int attempt,
        String reason,
        String folder,
        int tasks,
        String out,
        int done,
        int reused,
        int failed,
        int exit) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads one line.
     *
     * @throws IOException if the line is not a JSON object with an {@code event} member
     */
    static BatchEvent parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject() || !n.hasNonNull("event")) {
            throw new IOException("not a batch event: " + line);
        }
        return new BatchEvent(
                n.get("event").asText(),
                text(n, "task"),
                text(n, "subject"),
                text(n, "visit"),
                date(n),
                text(n, "status"),
                number(n, "attempt"),
                text(n, "reason"),
                text(n, "folder"),
                number(n, "tasks"),
                text(n, "out"),
                number(n, "done"),
                number(n, "reused"),
                number(n, "failed"),
                number(n, "exit"));
    }

    private static String text(JsonNode n, String name) {
        return n.hasNonNull(name) ? n.get(name).asText() : null;
    }

    private static int number(JsonNode n, String name) {
        return n.hasNonNull(name) && n.get(name).canConvertToInt() ? n.get(name).asInt() : -1;
    }

    /** The visit date (ISO yyyy-mm-dd) where the batch reports the manifest's, else null. */
    private static LocalDate date(JsonNode n) {
        String d = text(n, "date");
        if (d == null || d.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(d.length() > 10 ? d.substring(0, 10) : d);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
