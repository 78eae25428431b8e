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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, exit status 2 with every problem listed and nothing written, and a whole run. */
class FerrumBatchTest {

    @TempDir
    Path tmp;

    private record Ran(int status, String out, String err) {}

    private Ran run(StudySink study, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = FerrumBatch.run(
                List.of(args),
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8),
                study);
        return new Ran(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpExitsZeroAndNoArgumentsExitTwo() {
        Ran help = run(null, "--help");
        assertEquals(0, help.status);
        assertTrue(help.out.startsWith("Usage: ferrum-batch run --pipeline P.json"), help.out);
        assertTrue(help.out.contains("--threads-per-task"));
        Ran none = run(null);
        assertEquals(2, none.status);
        assertTrue(none.err.contains("Usage"));
        Ran unknown = run(null, "go");
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("'go': unknown command"), unknown.err);
    }

    @Test
    void badOptionsAreAllListedAndNothingIsWritten() {
        Path out = tmp.resolve("out");
        Ran r = run(
                null,
                "run",
                "--pipeline",
                tmp.resolve("missing.json").toString(),
                "--out",
                out.toString(),
                "--retries",
                "many",
                "--master",
                "yarn-ish[3]",
                "--bogus",
                "x",
                "--input",
                "novalue",
                "--no-study",
                "--study",
                "jdbc:h2:mem:x");
        assertEquals(2, r.status, r.err);
        List<String> lines = r.err.lines().toList();
        assertTrue(lines.contains("--retries many: expected a whole number ≥ 0"), r.err);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("--master yarn-ish[3]: not a Spark master")), r.err);
        assertTrue(lines.contains("--bogus: unknown option (see --help)"), r.err);
        assertTrue(lines.contains("--input novalue: expected NAME=VALUE"), r.err);
        assertTrue(lines.contains("--manifest M.csv|BIDS_DIR is required"), r.err);
        assertTrue(lines.stream().anyMatch(l -> l.contains("contradict")), r.err);
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("missing.json: pipeline file not found")), r.err);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aPipelineWithAnUnknownOperatorIsRefusedBeforeAnythingRuns() throws Exception {
        Path p = tmp.resolve("p.json");
        Files.writeString(
                p,
                """
                { "format": "ferrum-pipeline", "formatVersion": 1, "name": "bad",
                  "nodes": [ { "id": "n", "operator": "no.such.operator", "version": "1.0", "parameters": { } } ],
                  "outputs": { "value": "n.value" } }
                """);
        Path out = tmp.resolve("out");
        Ran r = run(
                null,
                "run",
                "--pipeline",
                p.toString(),
                "--manifest",
                tmp.resolve("m.csv").toString(),
                "--out",
                out.toString(),
                "--no-study");
        assertEquals(2, r.status, r.err);
        assertTrue(r.err.contains("p.json: ") && r.err.contains("no.such.operator"), r.err);
        assertFalse(Files.exists(out));
    }

    /** The whole command with a CSV manifest. */
    @Test
    void runsACsvManifestEndToEnd() throws Exception {
        var tasks = TestCohort.greCohort(tmp.resolve("data"));
        StringBuilder csv = new StringBuilder("subject,visit,date,magnitude\n");
        for (var t : tasks) {
            csv.append(t.subject())
                    .append(',')
                    .append(t.visit().isEmpty() ? "1" : t.visit())
                    .append(",2026-01-10,")
                    .append(t.inputs().get("magnitude"))
                    .append('\n');
        }
        Path manifest = tmp.resolve("cohort.csv");
        Files.writeString(manifest, csv);
        TestCohort.RecordingStudy study = new TestCohort.RecordingStudy();
        Ran r = run(
                study,
                "run",
                "--pipeline",
                TestCohort.GRE_ROI_STATISTICS.toString(),
                "--manifest",
                manifest.toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--master",
                "local[2]");
        assertEquals(1, r.status, r.err + r.out);
        assertTrue(r.out.contains("4 tasks: 3 done, 0 reused, 1 failed"), r.out);
        assertEquals(3, study.saved.size());
    }

    /**
     * In a cohort an input often has no default in the pipeline: the manifest gives it. The pipeline is checked with
     * each task's values, not refused for the default it lacks (it was, before any task ran).
     */
    @Test
    void anInputWithoutDefaultIsBoundByTheManifest() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(TestCohort.GRE_ROI_STATISTICS.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("inputs").get("magnitude")).remove("default");
        Path pipeline = tmp.resolve("no-default.json");
        json.writeValue(pipeline.toFile(), doc);
        var task = TestCohort.greCohort(tmp.resolve("data")).get(0);
        Path manifest = tmp.resolve("one.csv");
        Files.writeString(
                manifest,
                "subject,visit,magnitude\n" + task.subject() + ",1,"
                        + task.inputs().get("magnitude") + "\n");

        Ran r = run(
                null,
                "run",
                "--pipeline",
                pipeline.toString(),
                "--manifest",
                manifest.toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--master",
                "local[1]",
                "--no-study");
        assertEquals(0, r.status, r.err + r.out);
        assertTrue(r.out.contains("1 tasks: 1 done") || r.out.contains("1 task: 1 done"), r.out);

        // and without a manifest value the manifest names the input (exit 2, nothing written)
        Files.writeString(manifest, "subject,visit,magnitude\n" + task.subject() + ",1,\n");
        Path out2 = tmp.resolve("out2");
        Ran refused = run(
                null,
                "run",
                "--pipeline",
                pipeline.toString(),
                "--manifest",
                manifest.toString(),
                "--out",
                out2.toString(),
                "--no-study");
        assertEquals(2, refused.status, refused.err);
        assertTrue(refused.err.contains("magnitude"), refused.err);
        assertFalse(Files.exists(out2));
    }
}
