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
package org.ferrum.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ferrum.batch.manifest.CohortTask;

/**
 * The {@code --events FILE} stream (issue 19, contract 3): one JSON object per line, appended and flushed at once, so
 * that the application can follow a run by reading the file as it grows. Written on the driver only.
 */
final class EventLog implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedWriter out;

    private EventLog(BufferedWriter out) {
        this.out = out;
    }

    /** A log appending to {@code file}, or one that writes nothing when {@code file} is null. */
    static EventLog open(Path file) throws IOException {
        if (file == null) {
            return new EventLog(null);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new EventLog(Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    void plan(int tasks, Path out) {
        ObjectNode o = event("plan");
        o.put("tasks", tasks);
        o.put("out", out.toString());
        write(o);
    }

    void task(CohortTask task, String status, int attempt, String reason, String folder) {
        ObjectNode o = event("task");
        o.put("task", task.id());
        o.put("subject", task.subject());
        o.put("visit", task.visit());
        o.put("status", status);
        o.put("attempt", attempt);
        if (reason != null && !reason.isEmpty()) {
            o.put("reason", reason);
        }
        if (folder != null) {
            o.put("folder", folder);
        }
        write(o);
    }

    void saved(CohortTask task, int rows) {
        ObjectNode o = event("saved");
        o.put("task", task.id());
        o.put("rows", rows);
        write(o);
    }

    void notSaved(CohortTask task, String reason) {
        ObjectNode o = event("not-saved");
        o.put("task", task.id());
        o.put("reason", reason);
        write(o);
    }

    void finished(int done, int reused, int failed, int exit) {
        ObjectNode o = event("finished");
        o.put("done", done);
        o.put("reused", reused);
        o.put("failed", failed);
        o.put("exit", exit);
        write(o);
    }

    private static ObjectNode event(String name) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event", name);
        return o;
    }

    private synchronized void write(ObjectNode o) {
        if (out == null) {
            return;
        }
        try {
            out.write(MAPPER.writeValueAsString(o));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("--events: cannot append: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
