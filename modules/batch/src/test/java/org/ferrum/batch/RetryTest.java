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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrum.batch.manifest.CohortTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-task retry: a transient failure is retried and every reason kept; an executor out of memory is named. */
class RetryTest {

    @TempDir
    Path tmp;

    private Path pipeline(String operator, String parameter, String input) throws Exception {
        Path p = tmp.resolve(operator + ".json");
        Files.writeString(
                p,
                """
                { "format": "ferrum-pipeline", "formatVersion": 1, "name": "retry test",
                  "inputs": { "%s": { "node": "n", "parameter": "%s" } },
                  "nodes": [ { "id": "n", "operator": "%s", "version": "1.0", "parameters": { } } ],
                  "outputs": { "value": "n.value" } }
                """
                        .formatted(input, parameter, operator));
        return p;
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndDone() throws Exception {
        Path p = pipeline("test.batch.flaky", "marker", "marker");
        List<CohortTask> tasks = List.of(
                new CohortTask(
                        "01", "", null, Map.of("marker", tmp.resolve("m01").toString())),
                new CohortTask(
                        "02", "", null, Map.of("marker", tmp.resolve("m02").toString())));
        Path events = tmp.resolve("events.jsonl");
        TestCohort.Result r = TestCohort.run(
                p, tasks, tmp.resolve("out"), StudySink.NONE, "--master", "local[2]", "--events", events.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("2 tasks: 2 done, 0 reused, 0 failed"), r.out());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("sub-01")
                                && l.contains(" 2 ")
                                && l.contains("first attempt fails on purpose")),
                r.out());
        String ev = Files.readString(events);
        assertTrue(
                ev.contains("\"status\":\"retrying\",\"attempt\":1,\"reason\":\"node 'n' (test.batch.flaky) failed:"),
                ev);
        assertTrue(Files.isRegularFile(tmp.resolve("out/derivatives/ferrum/sub-01/sub-01_desc-value_table.csv")));
        assertFalse(Files.exists(tmp.resolve("out/derivatives/ferrum/.failed/sub-01")));
    }

    @Test
    void withoutRetriesTheFirstFailureIsFinalAndKept() throws Exception {
        Path p = pipeline("test.batch.flaky", "marker", "marker");
        List<CohortTask> tasks = List.of(new CohortTask(
                "01", "1", null, Map.of("marker", tmp.resolve("m").toString())));
        TestCohort.Result r =
                TestCohort.run(p, tasks, tmp.resolve("out"), StudySink.NONE, "--master", "local[1]", "--retries", "0");
        assertEquals(1, r.status(), r.toString());
        String failure = Files.readString(tmp.resolve("out/derivatives/ferrum/.failed/sub-01_ses-1/failure.txt"));
        assertTrue(failure.contains("attempt 1: node 'n' (test.batch.flaky) failed"), failure);
        assertFalse(Files.exists(tmp.resolve("out/derivatives/ferrum/sub-01")));
        // the next run (the marker now exists) publishes it and removes the failed folder
        TestCohort.Result again =
                TestCohort.run(p, tasks, tmp.resolve("out"), StudySink.NONE, "--master", "local[1]", "--retries", "0");
        assertEquals(0, again.status(), again.toString());
        assertFalse(Files.exists(tmp.resolve("out/derivatives/ferrum/.failed/sub-01_ses-1")));
    }

    @Test
    void runningOutOfMemoryIsNamedInTheSummary() throws Exception {
        Path p = pipeline("test.batch.greedy", "gib", "gib");
        List<CohortTask> tasks = List.of(new CohortTask("01", "", null, Map.of("gib", "64")));
        TestCohort.Result r =
                TestCohort.run(p, tasks, tmp.resolve("out"), StudySink.NONE, "--master", "local[1]", "--retries", "1");
        assertEquals(1, r.status(), r.toString());
        String row =
                r.out().lines().filter(l -> l.startsWith("sub-01")).findFirst().orElseThrow();
        assertTrue(row.contains("failed") && row.contains("out of memory in a JVM whose heap is at most"), row);
        assertTrue(row.matches(".*failed\\s+2\\s.*"), "two attempts: " + row);
    }
}
