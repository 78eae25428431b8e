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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.ops.RoiMeasurementsOperator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema version 3: runs saved per visit with their roi.measurements table, read back per visit; migration from 2. */
class PipelineRunsTest {

    @TempDir
    Path dir;

    /**
     * A real roi.measurements table: 2×2×1 grid, label 1 (tumour) = voxels 0–2, label 2 (cord) = voxel 3; ktrans
     * {a, 2a, 3a | c}, adc {b, b, NaN | d}: tumour ktrans median 2a, q1 1.5a, q3 2.5a; tumour adc median b, one NaN.
     */
    static Table measurements(float a, float b, float c, float d) throws Exception {
        Geometry g = Geometry.axisAligned(1, 1, 1);
        long[] dims = {2, 2, 1};
        return OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, volume(dims, g, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 2))
                .input(
                        RoiMeasurementsOperator.MAPS.get(0),
                        volume(dims, g, PhysicalUnit.PER_MINUTE, a, 2 * a, 3 * a, c))
                .input(
                        RoiMeasurementsOperator.MAPS.get(1),
                        volume(dims, g, PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND, b, b, Float.NaN, d))
                .set(RoiMeasurementsOperator.MAP_NAMES, "ktrans,adc")
                .set(RoiMeasurementsOperator.LABEL_NAMES, "1=tumour,2=cord")
                .run()
                .output(RoiMeasurementsOperator.MEASUREMENTS);
    }

    private static Volume<FloatType> volume(long[] dims, Geometry g, PhysicalUnit unit, float... values) {
        Volume<FloatType> v = Volumes.createFloat(dims, g, unit);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    static Execution run(String name, Instant started, Table measurements) {
        Pipeline p = new Pipeline(name, "", List.of(), List.of(), Map.of(), Map.of());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("measurements", measurements);
        List<NodeRun> nodes = List.of(
                new NodeRun(
                        "m",
                        "roi.measurements",
                        "1.0",
                        Map.of(),
                        NodeRun.Status.RAN,
                        "",
                        null,
                        false,
                        "k",
                        1,
                        List.of()),
                new NodeRun(
                        "r",
                        "io.read.volume",
                        "1.2",
                        Map.of(),
                        NodeRun.Status.REUSED,
                        "",
                        null,
                        false,
                        "k2",
                        1,
                        List.of()));
        return new Execution(p, nodes, outputs, Map.of(), Map.of(), List.of(), started, 1000);
    }

    @Test
    void aRunsMeasurementTableIsStoredPerVisitRegionAndParameterAndReadBack() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("runs1")) {
            Subject s = db.insert(new Subject(null, "SP01", null, null, null, null, null));
            Visit v1 = db.insert(new Visit(null, s.id(), LocalDate.of(2026, 1, 5), null));
            Visit v2 = db.insert(new Visit(null, s.id(), LocalDate.of(2026, 2, 2), null));
            Execution first =
                    run("spine", Instant.parse("2026-01-05T10:00:00Z"), measurements(0.1f, 1e-3f, 0.02f, 7e-4f));
            List<Record> saved = PipelineResults.saveToVisit(db, v1.id(), first, dir);
            assertEquals(1 + 4, saved.size(), "the run, then 2 regions × 2 maps");
            PipelineRun r = (PipelineRun) saved.get(0);
            assertEquals("spine", r.pipeline());
            assertEquals("io.read.volume 1.2, roi.measurements 1.0", r.operatorVersions());
            assertEquals("2026-01-05T10:00:00Z", r.startedAt());
            assertEquals(PipelineResults.runId(first), r.runId());
            assertEquals(16, r.runId().length());

            RoiMeasurement tumourKtrans = db.findAll(RoiMeasurement.class).stream()
                    .filter(m -> m.region().equals("tumour") && m.mapKind().equals("ktrans"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(3, tumourKtrans.n());
            assertEquals(0.2, tumourKtrans.median(), 1e-7);
            assertEquals(0.15, tumourKtrans.q1(), 1e-7);
            assertEquals(0.25, tumourKtrans.q3(), 1e-7);
            assertEquals(0.2, tumourKtrans.mean(), 1e-7);
            assertEquals(0.1, tumourKtrans.sd(), 1e-7);
            assertEquals(PhysicalUnit.PER_MINUTE.symbol(), tumourKtrans.unit());
            assertEquals(r.id(), tumourKtrans.pipelineRunId());
            assertEquals(0, tumourKtrans.nExcluded());
            assertNull(tumourKtrans.provenance(), "the run row holds the provenance once");
            RoiMeasurement tumourAdc = db.findAll(RoiMeasurement.class).stream()
                    .filter(m -> m.region().equals("tumour") && m.mapKind().equals("adc"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(2, tumourAdc.n());
            assertEquals(1, tumourAdc.nExcluded(), "the NaN voxel is counted");
            assertEquals("mm²/s", tumourAdc.unit());

            Execution second =
                    run("spine", Instant.parse("2026-02-02T10:00:00Z"), measurements(0.05f, 1.2e-3f, 0.02f, 7e-4f));
            PipelineResults.saveToVisit(db, v2.id(), second, dir);

            List<VisitMeasurements.Point> points = VisitMeasurements.of(db, s.id());
            assertEquals(8, points.size());
            VisitMeasurements.Point p = points.stream()
                    .filter(x -> x.date().equals(v2.visitDate())
                            && x.region().equals("tumour")
                            && x.parameter().equals("ktrans"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(0.1, p.median(), 1e-7);
            assertEquals(PipelineResults.runId(second), p.runId());
            assertEquals(v2.id(), p.visitId());
            // dates ascending, then region, then parameter
            assertEquals(LocalDate.of(2026, 1, 5), points.get(0).date());
            assertEquals("cord", points.get(0).region());
            assertEquals("adc", points.get(0).parameter());
        }
    }

    @Test
    void savingTheSameRunTwiceIsRefusedAndAFailedSaveLeavesNothing() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("runs2")) {
            Subject s = db.insert(new Subject(null, "SP02", null, null, null, null, null));
            Visit v = db.insert(new Visit(null, s.id(), LocalDate.of(2026, 1, 5), null));
            Execution once =
                    run("spine", Instant.parse("2026-01-05T10:00:00Z"), measurements(0.1f, 1e-3f, 0.02f, 7e-4f));
            PipelineResults.saveToVisit(db, v.id(), once, dir);
            StudyException again =
                    assertThrows(StudyException.class, () -> PipelineResults.saveToVisit(db, v.id(), once, dir));
            assertTrue(again.getMessage().contains("already saved"), again.getMessage());
            assertEquals(1, db.findAll(PipelineRun.class).size());
            assertEquals(4, db.findAll(RoiMeasurement.class).size());

            // a table whose second row breaks q1 ≤ median: the run row and the first row are rolled back with it
            Table bad = Table.builder(
                            Table.Column.number("label", null),
                            Table.Column.text("name"),
                            Table.Column.text("map"),
                            Table.Column.text("unit"),
                            Table.Column.number("n", null),
                            Table.Column.number("median", null),
                            Table.Column.number("q1", null),
                            Table.Column.number("q3", null))
                    .row(1, "tumour", "t1", "s", 10, 1.5, 1.2, 1.8)
                    .row(2, "cord", "t1", "s", 10, 1.0, 1.1, 1.3)
                    .build();
            Execution broken = run("spine", Instant.parse("2026-01-05T11:00:00Z"), bad);
            StudyException e =
                    assertThrows(StudyException.class, () -> PipelineResults.saveToVisit(db, v.id(), broken, dir));
            assertEquals("q1", e.field().orElseThrow());
            assertEquals(1, db.findAll(PipelineRun.class).size());
            assertEquals(4, db.findAll(RoiMeasurement.class).size());
        }
    }

    @Test
    void aVersionTwoDatabaseFileIsMigratedKeepingItsRowsAndThenTakesRuns() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("v2study").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            for (int version = 1; version <= 2; version++) {
                String file = SchemaMigrations.FILES.get(version);
                String text = SchemaMigrations.read(file);
                for (String sql : SchemaMigrations.statements(text)) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version VALUES (" + version + ", 'v', '" + SchemaMigrations.sha256(text)
                        + "', CURRENT_TIMESTAMP)");
            }
            st.execute("INSERT INTO subjects (code) VALUES ('OLD')");
            st.execute("INSERT INTO visits (subject_id, visit_date) SELECT id, DATE '2025-03-01' FROM subjects");
            st.execute("INSERT INTO roi_measurements (visit_id, map_kind, region, n, median, unit)"
                    + " SELECT id, 'lic_qsm', 'liver', 100, 5.5, 'mg Fe/g dw' FROM visits");
        }
        try (StudyDatabase db = StudyDatabase.open(url, "sa", "")) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
            RoiMeasurement old = db.findAll(RoiMeasurement.class).get(0);
            assertEquals(5.5, old.median());
            assertNull(old.pipelineRunId());
            assertNull(old.nExcluded());
            long subject = db.findAll(Subject.class).get(0).id();
            assertTrue(VisitMeasurements.of(db, subject).isEmpty(), "a measurement without a run is not a run point");
            Visit v = db.findAll(Visit.class).get(0);
            PipelineResults.saveToVisit(
                    db,
                    v.id(),
                    run("spine", Instant.parse("2026-01-05T10:00:00Z"), measurements(0.1f, 1e-3f, 0.02f, 7e-4f)),
                    dir);
            assertEquals(5, db.findAll(RoiMeasurement.class).size());
        }
        try (StudyDatabase db = StudyDatabase.open(url, "sa", "")) {
            long subject = db.findAll(Subject.class).get(0).id();
            assertEquals(4, VisitMeasurements.of(db, subject).size(), "committed and still there after reopening");
        }
    }
}
