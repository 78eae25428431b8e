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
package org.ferrum.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CohortResults#saveTask}, the same test body on every database: task folders made by really running a small
 * pipeline (io.read.volume ×2 → roi.measurements) and writing it with {@link HeadlessRunner#writeResults}, saved and
 * compared with rows computed by hand. Subclasses say which database: {@link #freshDatabase} returns the URL of an
 * empty database for each test.
 *
 * <p>The task: a 2×2×2 χ map in ppm, {1, 2, 3, NaN | 10, 14, 99, 99} (x fastest) over labels {1, 1, 1, 1 | 2, 2, 0,
 * 0}, 1 = putamen, 2 = caudate. Putamen: n 3 (the NaN left out: n_excluded 1), median 2, quartiles (Hyndman &amp; Fan
 * 7: x₍₁₊₀.₂₅(n−1)₎) 1.5 and 2.5, mean 2, SD 1. Caudate: n 2, median 12, q1 10 + 0.25·4 = 11, q3 13, mean 12, SD
 * √8.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CohortResultsContract {

    /** The URL of an empty database for one test (schema created on first open). */
    abstract String freshDatabase() throws Exception;

    abstract String user();

    abstract String password();

    @TempDir
    Path dir;

    private static final String PIPELINE =
            """
            {
              "format" : "ferrum-pipeline",
              "formatVersion" : 1,
              "name" : "chi per nucleus",
              "description" : "Test pipeline of CohortResultsContract",
              "inputs" : {
                "chi" : { "node" : "read_chi", "parameter" : "path", "description" : "chi map" },
                "labels" : { "node" : "read_labels", "parameter" : "path", "description" : "labels" }
              },
              "nodes" : [
                { "id" : "read_chi", "operator" : "io.read.volume", "version" : "1.0", "parameters" : { } },
                { "id" : "read_labels", "operator" : "io.read.volume", "version" : "1.0", "parameters" : { } },
                { "id" : "measure", "operator" : "roi.measurements", "version" : "1.0",
                  "parameters" : { "map_names" : "chi", "label_names" : "1=putamen,2=caudate" } }
              ],
              "edges" : [
                { "from" : "read_labels.volume", "to" : "measure.labels" },
                { "from" : "read_chi.volume", "to" : "measure.map_1" }
              ],
              "outputs" : { "chi" : "read_chi.volume", "measurements" : "measure.measurements" }
            }
            """;

    private Path inputs;
    private Path pipelineFile;

    @BeforeAll
    void writeInputs(@TempDir Path shared) throws Exception {
        inputs = shared.resolve("sourcedata PATIENT-NAME");
        Files.createDirectories(inputs);
        Geometry g = Geometry.axisAligned(1, 1, 1);
        long[] dims = {2, 2, 2};
        write(volume(dims, g, PhysicalUnit.PPM, 1, 2, 3, Float.NaN, 10, 14, 99, 99), inputs.resolve("chi.nii.gz"));
        write(volume(dims, g, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 2, 2, 0, 0), inputs.resolve("labels.nii.gz"));
        write(volume(dims, g, PhysicalUnit.PPM, 5, 5, 5, 5, 7, 7, 7, 7), inputs.resolve("chi2.nii.gz"));
        pipelineFile = shared.resolve("chi-per-nucleus.json");
        Files.writeString(pipelineFile, PIPELINE);
    }

    private static Volume<FloatType> volume(long[] dims, Geometry g, PhysicalUnit unit, float... values) {
        Volume<FloatType> v = Volumes.createFloat(dims, g, unit);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    private static void write(Volume<FloatType> v, Path file) throws IOException {
        VolumeFiles.write(v, file);
    }

    /** Runs the pipeline on {@code chiFile} and publishes it as the headless runner does, into {@code folder}. */
    Path task(String chiFile, Path folder) throws Exception {
        Pipeline p = PipelineFormat.read(pipelineFile);
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 1)
                .run(
                        p,
                        new RunOptions(
                                Map.of(
                                        "chi", inputs.resolve(chiFile).toString(),
                                        "labels",
                                                inputs.resolve("labels.nii.gz").toString()),
                                pipelineFile.getParent()),
                        null,
                        null);
        assertTrue(
                run.succeeded(),
                () -> run.firstFailure().map(r -> r.nodeId() + ": " + r.error()).orElse("?"));
        HeadlessRunner.writeResults(run, pipelineFile, folder);
        return folder;
    }

    private static final LocalDate DAY1 = LocalDate.of(2025, 3, 4);
    private static final LocalDate DAY2 = LocalDate.of(2026, 3, 10);

    @Test
    void aTaskIsSavedAsTheRowsComputedByHand() throws Exception {
        Path folder = task("chi.nii.gz", dir.resolve("sub-01_ses-01"));
        try (StudyDatabase db = StudyDatabase.open(freshDatabase(), user(), password())) {
            CohortResults.Saved saved = CohortResults.saveTask(db, "01", "01", DAY1, folder);
            // subject, visit, the map, the run, two ROI rows
            assertEquals(6, saved.rows());
            assertFalse(saved.alreadySaved());

            List<Subject> subjects = db.findAll(Subject.class);
            assertEquals(List.of(new Subject(saved.subjectId(), "01", null, null, null, null, null)), subjects);
            assertEquals(
                    List.of(new Visit(saved.visitId(), saved.subjectId(), DAY1, null, "01", null)),
                    db.findAll(Visit.class));

            PipelineRun run = db.findAll(PipelineRun.class).get(0);
            byte[] provenance = Files.readAllBytes(folder.resolve("provenance.json"));
            String expectedId = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(provenance), 0, 8);
            assertEquals(expectedId, run.runId());
            assertEquals("chi per nucleus", run.pipeline());
            assertEquals("io.read.volume 1.0, roi.measurements 1.0", run.operatorVersions());
            assertEquals(saved.visitId(), run.visitId());
            // no path that may name a patient: the input folder's name is in provenance.json, not in the database
            assertTrue(Files.readString(folder.resolve("provenance.json")).contains("PATIENT-NAME"));
            assertFalse(run.provenance().contains("PATIENT-NAME"), run.provenance());
            assertTrue(run.provenance().contains("\"sha256:"), run.provenance());

            List<DerivedMap> maps = db.findAll(DerivedMap.class);
            assertEquals(1, maps.size());
            assertEquals("chi", maps.get(0).kind());
            assertEquals(
                    folder.resolve("chi.nii.gz").toAbsolutePath().toString(),
                    maps.get(0).path());
            assertEquals("ppm", maps.get(0).unit());

            List<RoiMeasurement> rows = db.findAll(RoiMeasurement.class);
            assertEquals(2, rows.size());
            RoiMeasurement putamen = rows.get(0), caudate = rows.get(1);
            assertEquals("putamen", putamen.region());
            assertEquals(1, (int) putamen.label());
            assertEquals("chi", putamen.mapKind());
            assertEquals("ppm", putamen.unit());
            assertEquals(3, putamen.n());
            assertEquals(1, (int) putamen.nExcluded());
            assertEquals(2.0, putamen.median(), 1e-6);
            assertEquals(1.5, putamen.q1(), 1e-6);
            assertEquals(2.5, putamen.q3(), 1e-6);
            assertEquals(2.0, putamen.mean(), 1e-6);
            assertEquals(1.0, putamen.sd(), 1e-6);
            assertEquals(run.id(), putamen.pipelineRunId());
            assertEquals("caudate", caudate.region());
            assertEquals(2, caudate.n());
            assertEquals(0, (int) caudate.nExcluded());
            assertEquals(12.0, caudate.median(), 1e-6);
            assertEquals(11.0, caudate.q1(), 1e-6);
            assertEquals(13.0, caudate.q3(), 1e-6);
            assertEquals(Math.sqrt(8), caudate.sd(), 1e-6);
            assertNull(caudate.provenance(), "the run holds the provenance once");
        }
    }

    @Test
    void savingTheSameRunAgainWritesNothing() throws Exception {
        Path folder = task("chi.nii.gz", dir.resolve("sub-02"));
        String url = freshDatabase();
        try (StudyDatabase db = StudyDatabase.open(url, user(), password())) {
            CohortResults.Saved first = CohortResults.saveTask(db, "02", "", DAY1, folder);
            Map<String, Long> before = rowCounts(url);
            CohortResults.Saved again = CohortResults.saveTask(db, "02", "", DAY1, folder);
            assertEquals(new CohortResults.Saved(first.subjectId(), first.visitId(), 0, true), again);
            // without a date the visit without a session label is found
            assertEquals(again, CohortResults.saveTask(db, "02", "", null, folder));
            assertEquals(before, rowCounts(url));
            assertEquals(1L, before.get("pipeline_runs"));
        }
    }

    @Test
    void aBrokenTaskLeavesEveryTableAsItWas() throws Exception {
        Path good = task("chi.nii.gz", dir.resolve("good"));
        String url = freshDatabase();
        try (StudyDatabase db = StudyDatabase.open(url, user(), password())) {
            CohortResults.saveTask(db, "03", "01", DAY1, good);
            Map<String, Long> before = rowCounts(url);

            // a second session whose table has text where the caudate's median belongs: the new visit, map and run
            // would be written before the rows; all must go
            Path badValue = task("chi2.nii.gz", dir.resolve("bad-value"));
            Path csv = badValue.resolve("measurements.csv");
            List<String> lines = new ArrayList<>(Files.readAllLines(csv));
            int median = List.of(lines.get(0).split(",")).indexOf("median");
            assertTrue(median > 0, lines.get(0));
            String[] cells = lines.get(2).split(",", -1);
            cells[median] = "\"n/a\"";
            lines.set(2, String.join(",", cells));
            Files.write(csv, lines);
            StudyException e =
                    assertThrows(StudyException.class, () -> CohortResults.saveTask(db, "03", "02", DAY2, badValue));
            assertTrue(e.getMessage().contains("sub-03_ses-02"), e.getMessage());
            assertTrue(e.getMessage().contains(csv.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("row 2, column median: 'n/a' is not a number"), e.getMessage());
            assertEquals(before, rowCounts(url));

            // a table that is not CSV any more (a row with a cell too many)
            Path ragged = task("chi2.nii.gz", dir.resolve("ragged"));
            Files.writeString(
                    ragged.resolve("measurements.csv"),
                    "1,2,3\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            IOException io =
                    assertThrows(IOException.class, () -> CohortResults.saveTask(db, "04", "01", DAY2, ragged));
            assertTrue(
                    io.getMessage().contains(ragged.resolve("measurements.csv").toString()), io.getMessage());
            assertEquals(before, rowCounts(url));

            // a constraint the database checks: a unit longer than the column (roi_measurements.unit), after the
            // subject, visit, map and run are inserted
            Path longUnit = task("chi2.nii.gz", dir.resolve("long-unit"));
            Path t = longUnit.resolve("measurements.csv");
            Files.writeString(t, Files.readString(t).replace("\"ppm\"", "\"" + "p".repeat(300) + "\""));
            StudyException refused =
                    assertThrows(StudyException.class, () -> CohortResults.saveTask(db, "05", "01", DAY2, longUnit));
            assertTrue(refused.getMessage().contains("roi_measurements.unit"), refused.getMessage());
            assertEquals(before, rowCounts(url));

            // no date and no visit of that session: refused naming the task
            Path other = task("chi2.nii.gz", dir.resolve("other"));
            StudyException noDate =
                    assertThrows(StudyException.class, () -> CohortResults.saveTask(db, "03", "07", null, other));
            assertTrue(noDate.getMessage().startsWith("task sub-03_ses-07: no visit date given"), noDate.getMessage());
            assertEquals(before, rowCounts(url));

            // and the database still takes the good run of that session afterwards
            assertEquals(5, CohortResults.saveTask(db, "03", "02", DAY2, other).rows(), "visit, map, run, two rows");
        }
    }

    @Test
    void twoSessionsOfOneSubjectAreOneSubjectWithTwoVisits() throws Exception {
        Path s1 = task("chi.nii.gz", dir.resolve("sub-06_ses-01"));
        Path s2 = task("chi2.nii.gz", dir.resolve("sub-06_ses-02"));
        Path s1again = task("chi.nii.gz", dir.resolve("sub-06_ses-01-rerun"));
        try (StudyDatabase db = StudyDatabase.open(freshDatabase(), user(), password())) {
            CohortResults.Saved a = CohortResults.saveTask(db, "06", "01", DAY1, s1);
            CohortResults.Saved b = CohortResults.saveTask(db, "06", "02", DAY2, s2);
            assertEquals(a.subjectId(), b.subjectId());
            assertNotEquals(a.visitId(), b.visitId());
            assertEquals(5, b.rows(), "visit, map, run, two rows: the subject exists");
            // run again without a date: the visit of session 01 is reused, the new run added to it
            CohortResults.Saved c = CohortResults.saveTask(db, "06", "01", null, s1again);
            assertEquals(a.visitId(), c.visitId());
            assertEquals(4, c.rows());
            assertEquals(1, db.findAll(Subject.class).size());
            assertEquals(
                    List.of(DAY1 + " 01", DAY2 + " 02"),
                    db.findAll(Visit.class).stream()
                            .map(v -> v.visitDate() + " " + v.sessionLabel())
                            .toList());
            assertEquals(3, db.findAll(PipelineRun.class).size());
            // the second session's χ map is 5 ppm in the putamen, 7 in the caudate
            List<VisitMeasurements.Point> points = VisitMeasurements.of(db, a.subjectId());
            assertEquals(4, points.size(), points.toString());
        }
    }

    /**
     * Two writers, each on its own connection, save tasks of the same new subjects at the same moment (a barrier
     * before every save), one of them a task both save: one subject each, every visit once, the shared run once.
     */
    @Test
    void concurrentWritersCreateEachSubjectOnce() throws Exception {
        int subjects = 4;
        List<Path> first = new ArrayList<>(), second = new ArrayList<>(), shared = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            first.add(task("chi.nii.gz", dir.resolve("c" + i + "-1")));
            second.add(task("chi2.nii.gz", dir.resolve("c" + i + "-2")));
            shared.add(task("chi2.nii.gz", dir.resolve("c" + i + "-3")));
        }
        String url = freshDatabase();
        StudyDatabase.open(url, user(), password()).close(); // schema first, so the writers race on rows only
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<CohortResults.Saved>>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                List<Path> own = w == 0 ? first : second;
                String session = w == 0 ? "01" : "02";
                LocalDate day = w == 0 ? DAY1 : DAY2;
                writers.add(pool.submit(() -> {
                    List<CohortResults.Saved> out = new ArrayList<>();
                    try (StudyDatabase db = StudyDatabase.open(url, user(), password())) {
                        for (int i = 0; i < subjects; i++) {
                            barrier.await(20, TimeUnit.SECONDS);
                            out.add(CohortResults.saveTask(db, "C" + i, session, day, own.get(i)));
                            barrier.await(20, TimeUnit.SECONDS);
                            out.add(CohortResults.saveTask(db, "C" + i, "03", DAY2, shared.get(i)));
                        }
                    }
                    return out;
                }));
            }
            List<CohortResults.Saved> a = writers.get(0).get(60, TimeUnit.SECONDS);
            List<CohortResults.Saved> b = writers.get(1).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < subjects; i++) {
                assertEquals(a.get(2 * i).subjectId(), b.get(2 * i).subjectId());
                CohortResults.Saved x = a.get(2 * i + 1), y = b.get(2 * i + 1);
                assertEquals(x.visitId(), y.visitId());
                assertTrue(x.alreadySaved() != y.alreadySaved(), "one writer saved the shared run: " + x + ", " + y);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> counts = rowCounts(url);
        assertEquals(subjects, counts.get("subjects"));
        assertEquals(3L * subjects, counts.get("visits"));
        assertEquals(3L * subjects, counts.get("pipeline_runs"));
        assertEquals(6L * subjects, counts.get("roi_measurements"));
    }

    /**
     * The race made certain: another connection has inserted the subject and not yet committed when the task is
     * saved; the save waits on the unique code, gets the violation once the other commits, rolls back to its savepoint
     * and uses the committed subject.
     */
    @Test
    void aSubjectCreatedMeanwhileIsUsed() throws Exception {
        Path folder = task("chi.nii.gz", dir.resolve("race"));
        String url = freshDatabase();
        StudyDatabase.open(url, user(), password()).close();
        long other;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection c = DriverManager.getConnection(url, user(), password());
                StudyDatabase db = StudyDatabase.open(url, user(), password())) {
            c.setAutoCommit(false);
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO subjects (code) VALUES ('R1')", new String[] {"id"})) {
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    other = keys.getLong(1);
                }
            }
            Future<CohortResults.Saved> saving =
                    pool.submit(() -> CohortResults.saveTask(db, "R1", "01", DAY1, folder));
            Thread.sleep(700); // the save is now waiting for the other transaction's lock on the code
            assertFalse(saving.isDone(), "the save waits for the uncommitted subject");
            c.commit();
            CohortResults.Saved saved = saving.get(30, TimeUnit.SECONDS);
            assertEquals(other, saved.subjectId());
            assertEquals(5, saved.rows(), "visit, map, run, two rows; the subject was the other's");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, rowCounts(url).get("subjects"));
    }

    /** Rows per table of the study schema (every table, as the database lists them). */
    Map<String, Long> rowCounts(String url) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, user(), password())) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            for (String schema : List.of("PUBLIC", "public")) {
                try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertTrue(tables.size() >= 14, tables.toString());
            try (Statement s = c.createStatement()) {
                for (String t : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                        rs.next();
                        counts.put(t.toLowerCase(java.util.Locale.ROOT), rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }
}
