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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.core.Table;
import org.ferrum.io.table.TableCsv;
import org.ferrum.study.DerivedMap;
import org.ferrum.study.PipelineRun;
import org.ferrum.study.RoiMeasurement;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.Subject;
import org.ferrum.study.Visit;
import org.ferrum.testkit.postgresql.EmbeddedPostgreSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study database after a whole {@code ferrum-batch run} with one deliberately failing subject (issue 19, Tests):
 * on the default embedded H2 and on a PostgreSQL server this test starts, through the command line's own
 * {@code --study} handling. The failing subject leaves no row anywhere; each good one has its subject, visit, run, map
 * and the measurement its published table holds; a re-run (all reused) adds nothing.
 */
class StudyDatabaseRunTest {

    @TempDir
    Path tmp;

    /** Magnitude → first echo → threshold mask → roi.measurements of the first echo in the mask (a measurement table). */
    private static final String PIPELINE =
            """
            { "format": "ferrum-pipeline", "formatVersion": 1, "name": "echo-1 magnitude in its mask",
              "inputs": { "magnitude": { "node": "read", "parameter": "path", "description": "4-D magnitude" } },
              "nodes": [
                { "id": "read", "operator": "io.read.volume", "version": "1.0", "parameters": { } },
                { "id": "echo1", "operator": "volume.frame", "version": "1.0", "parameters": { "frame": 1 } },
                { "id": "threshold", "operator": "volume.threshold", "version": "1.0",
                  "parameters": { "inclusive": true, "lower": 0.00035 } },
                { "id": "measure", "operator": "roi.measurements", "version": "1.0",
                  "parameters": { "map_names": "magnitude", "label_names": "1=head" } } ],
              "edges": [
                { "from": "read.volume", "to": "echo1.volume" },
                { "from": "echo1.frame", "to": "threshold.volume" },
                { "from": "threshold.mask", "to": "measure.labels" },
                { "from": "echo1.frame", "to": "measure.map_1" } ],
              "outputs": { "mask": "threshold.mask", "measurements": "measure.measurements" } }
            """;

    @Test
    void embeddedH2HoldsTheGoodSubjectsOnly() throws Exception {
        Path out = tmp.resolve("out");
        List<String> args = cohortArgs(out);
        assertEquals(1, run(args), "one subject fails: exit 1");
        Path folder = out.resolve("derivatives/ferrum/study");
        try (StudyDatabase db = StudyDatabase.embedded(folder)) {
            checkContents(db, out);
        }
        assertEquals(1, run(args), "the re-run reuses the three and fails the fourth again");
        try (StudyDatabase db = StudyDatabase.embedded(folder)) {
            checkContents(db, out);
        }
    }

    @Test
    void postgreSqlServerHoldsTheGoodSubjectsOnly() throws Exception {
        try (EmbeddedPostgreSql server = EmbeddedPostgreSql.start()) {
            Path out = tmp.resolve("out");
            List<String> args = new ArrayList<>(cohortArgs(out));
            args.addAll(List.of("--study", server.jdbcUrl(), "--study-user", server.user()));
            assertEquals(1, run(args));
            try (StudyDatabase db = StudyDatabase.open(server.jdbcUrl(), server.user(), "")) {
                checkContents(db, out);
            }
            assertEquals(1, run(args));
            try (StudyDatabase db = StudyDatabase.open(server.jdbcUrl(), server.user(), "")) {
                checkContents(db, out);
            }
        }
    }

    private List<String> cohortArgs(Path out) throws Exception {
        Path pipeline = tmp.resolve("echo1-in-mask.json");
        Files.writeString(pipeline, PIPELINE);
        StringBuilder csv = new StringBuilder("subject,visit,date,magnitude\n");
        int day = 10;
        for (CohortTask t : TestCohort.greCohort(tmp.resolve("data"))) {
            csv.append(t.subject()).append(",1,2026-01-").append(day++).append(',');
            csv.append(t.inputs().get("magnitude")).append('\n');
        }
        Path manifest = tmp.resolve("cohort.csv");
        Files.writeString(manifest, csv);
        return List.of(
                "run",
                "--pipeline",
                pipeline.toString(),
                "--manifest",
                manifest.toString(),
                "--out",
                out.toString(),
                "--master",
                "local[2]");
    }

    private static int run(List<String> args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return FerrumBatch.run(args, quiet, quiet, null);
    }

    /** Subjects 01–03 saved (visit 1 on their manifest date, one run, the mask, one measurement each); 04 nowhere. */
    private static void checkContents(StudyDatabase db, Path out) throws Exception {
        Map<String, Subject> subjects = db.findAll(Subject.class).stream()
                .collect(Collectors.toMap(Subject::code, s -> s, (a, b) -> a, TreeMap::new));
        assertEquals(Set.of("01", "02", "03"), subjects.keySet(), "the failing subject 04 is not in the study");
        List<Visit> visits = db.findAll(Visit.class);
        List<PipelineRun> runs = db.findAll(PipelineRun.class);
        List<DerivedMap> maps = db.findAll(DerivedMap.class);
        List<RoiMeasurement> rows = db.findAll(RoiMeasurement.class);
        assertEquals(3, visits.size());
        assertEquals(3, runs.size(), "one run per good task, not saved again by the re-run");
        assertEquals(3, maps.size(), "the mask of each good task");
        assertEquals(3, rows.size(), "one measurement (head × magnitude) per good task");
        for (Subject s : subjects.values()) {
            Visit v = visits.stream()
                    .filter(x -> x.subjectId() == s.id())
                    .findFirst()
                    .orElseThrow();
            assertEquals("1", v.sessionLabel());
            assertEquals(9 + Integer.parseInt(s.code()), v.visitDate().getDayOfMonth(), "the manifest's date");
            RoiMeasurement m =
                    rows.stream().filter(r -> r.visitId() == v.id()).findFirst().orElseThrow();
            assertEquals("magnitude", m.mapKind());
            assertEquals("head", m.region());
            Path table = out.resolve("derivatives/ferrum/sub-" + s.code() + "/ses-1/sub-" + s.code()
                    + "_ses-1_desc-measurements_table.csv");
            Table published = TableCsv.read(table);
            assertEquals(published.number(0, "median"), m.median(), 1e-9 * Math.abs(m.median()));
            assertEquals((int) published.number(0, "n"), m.n());
            assertTrue(maps.stream()
                    .anyMatch(d -> d.visitId() == v.id() && d.kind().equals("mask")));
        }
    }
}
