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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cohort on {@code local[2]}: the derivatives layout, a broken subject that fails alone, events, the study calls,
 * and resume by content (a second run reuses all, a changed file reruns its task only).
 */
class CohortRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void runsACohortWithOneBrokenSubjectThenResumesByContent() throws Exception {
        List<CohortTask> tasks = TestCohort.greCohort(tmp.resolve("data"));
        Path out = tmp.resolve("out");
        Path events = tmp.resolve("events.jsonl");
        TestCohort.RecordingStudy study = new TestCohort.RecordingStudy();

        TestCohort.Result first = TestCohort.run(
                TestCohort.GRE_ROI_STATISTICS,
                tasks,
                out,
                study,
                "--master",
                "local[2]",
                "--events",
                events.toString());
        assertEquals(1, first.status(), first.toString());

        Path root = out.resolve("derivatives/ferrum");
        JsonNode description =
                JSON.readTree(root.resolve("dataset_description.json").toFile());
        assertEquals("derivative", description.path("DatasetType").asText());
        assertEquals(
                "Ferrum", description.path("GeneratedBy").path(0).path("Name").asText());
        assertTrue(description.path("BIDSVersion").asText().startsWith("1."));

        // BIDS-derivative names, read through provenance.json as the study writer does
        Path ses = root.resolve("sub-01/ses-1");
        JsonNode provenance = JSON.readTree(ses.resolve("provenance.json").toFile());
        assertEquals(
                "sub-01_ses-1_desc-mask_mask.nii.gz",
                provenance.path("outputs").path("mask").asText());
        assertEquals(
                "sub-01_ses-1_desc-stats_table.csv",
                provenance.path("outputs").path("stats").asText());
        assertTrue(Files.isRegularFile(ses.resolve("sub-01_ses-1_desc-mask_mask.nii.gz")));
        assertTrue(provenance.path("task").path("contentKey").asText().matches("[0-9a-f]{64}"));
        assertTrue(Files.isRegularFile(root.resolve("sub-03/sub-03_desc-stats_table.csv")), "no-session layout");
        // no input path (folder names may carry PHI) in provenance, only hashes and labels
        String provenanceText = Files.readString(ses.resolve("provenance.json"));
        assertFalse(provenanceText.contains(tmp.resolve("data").toString()), provenanceText);
        assertTrue(provenance
                .path("inputs")
                .path("magnitude")
                .path("sha256")
                .asText()
                .matches("[0-9a-f]{64}"));

        // the same table as the application's headless runner makes for that subject's file
        Path single = tmp.resolve("single");
        int headless = new HeadlessRunner(
                        TaskRunner.registry(),
                        tmp,
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(new ByteArrayOutputStream()))
                .run(
                        TestCohort.GRE_ROI_STATISTICS,
                        Map.of("magnitude", tasks.get(0).inputs().get("magnitude")),
                        single);
        assertEquals(0, headless);
        assertArrayEquals(
                Files.readAllBytes(single.resolve("stats.csv")),
                Files.readAllBytes(ses.resolve("sub-01_ses-1_desc-stats_table.csv")));

        // the broken subject: no published folder, its reason kept; nothing left half-done
        assertFalse(Files.exists(root.resolve("sub-04")));
        String failure = Files.readString(root.resolve(".failed/sub-04_ses-1/failure.txt"));
        assertTrue(failure.contains("attempt 1:"), failure);
        assertFalse(failure.contains(tmp.toString()), "no input path in the reason: " + failure);
        assertEquals(List.of(), TestCohort.leftovers(out));
        assertTrue(first.out().contains("4 tasks: 3 done, 0 reused, 1 failed"), first.out());
        assertTrue(first.out().lines().anyMatch(l -> l.startsWith("sub-04_ses-1") && l.contains("failed")));

        // events: plan first, one started and one done per good task, a failed one, finished last
        List<JsonNode> ev = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            ev.add(JSON.readTree(line));
        }
        assertEquals("plan", ev.get(0).path("event").asText());
        assertEquals(4, ev.get(0).path("tasks").asInt());
        JsonNode last = ev.get(ev.size() - 1);
        assertEquals("finished", last.path("event").asText());
        assertEquals(3, last.path("done").asInt());
        assertEquals(1, last.path("failed").asInt());
        assertEquals(1, last.path("exit").asInt());
        assertEquals(
                3,
                ev.stream()
                        .filter(e -> e.path("status").asText().equals("done"))
                        .count());
        assertEquals(
                3,
                ev.stream()
                        .filter(e -> e.path("event").asText().equals("saved"))
                        .count());
        assertTrue(ev.stream()
                .anyMatch(e -> e.path("task").asText().equals("sub-04_ses-1")
                        && e.path("status").asText().equals("failed")
                        && !e.path("reason").asText().isEmpty()));
        assertEquals(
                List.of("sub-01_ses-1", "sub-02_ses-1", "sub-03"),
                study.saved.stream().sorted().toList());
        assertTrue(study.closed);

        // second run: every good task reused (a touched file with the same bytes too), files not rewritten
        FileTime written = Files.getLastModifiedTime(ses.resolve("sub-01_ses-1_desc-stats_table.csv"));
        Files.setLastModifiedTime(Path.of(tasks.get(0).inputs().get("magnitude")), FileTime.fromMillis(0));
        TestCohort.Result second = TestCohort.run(
                TestCohort.GRE_ROI_STATISTICS, tasks, out, new TestCohort.RecordingStudy(), "--master", "local[2]");
        assertTrue(second.out().contains("4 tasks: 0 done, 3 reused, 1 failed"), second.toString());
        assertEquals(written, Files.getLastModifiedTime(ses.resolve("sub-01_ses-1_desc-stats_table.csv")));

        // third run: sub-02's magnitude changed by one byte: only sub-02 runs again
        Path mag2 = Path.of(tasks.get(1).inputs().get("magnitude"));
        byte[] bytes = Files.readAllBytes(mag2);
        bytes[bytes.length - 1] ^= 1;
        Files.write(mag2, bytes);
        TestCohort.Result third = TestCohort.run(
                TestCohort.GRE_ROI_STATISTICS, tasks, out, new TestCohort.RecordingStudy(), "--master", "local[2]");
        assertTrue(third.out().contains("4 tasks: 1 done, 2 reused, 1 failed"), third.toString());
        assertTrue(
                third.out().lines().anyMatch(l -> l.startsWith("sub-02_ses-1") && l.contains(" done ")), third.out());
        assertEquals(List.of(), TestCohort.leftovers(out));
        assertTrue(Files.readString(events, StandardCharsets.UTF_8).endsWith("\n"));
    }
}
