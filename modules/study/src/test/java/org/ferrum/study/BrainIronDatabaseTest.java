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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 4 (issue 18): migration from version 3 with data, pre/post-dialysis visits on one day, the
 * brain.nuclei.measure table saved with a run and read back, covariates at a visit, lab and session CSV import.
 */
class BrainIronDatabaseTest {

    @TempDir
    Path dir;

    /** A brain.nuclei.measure "measurements" table in the fixed column order, two nuclei × χ and R2*. */
    static Table nucleusTable(double putamenChiPpb, double csfPpb) {
        List<Column> cols = new ArrayList<>();
        for (String c : NucleusMeasurement.COLUMNS) {
            boolean text = List.of("nucleus", "hemisphere", "labels", "map", "unit", "reference", "alt_reference")
                    .contains(c);
            cols.add(text ? Column.text(c) : Column.number(c, null));
        }
        Table.Builder b = Table.builder(cols.toArray(Column[]::new));
        double wm = -20;
        double raw = putamenChiPpb + csfPpb;
        b.row(
                "putamen",
                "left",
                "12",
                "chi",
                "ppb",
                5000,
                3,
                raw + 1,
                raw,
                raw - 8,
                raw + 8,
                16,
                11,
                "csf",
                csfPpb,
                raw + 1 - csfPpb,
                raw - csfPpb,
                "white_matter",
                wm,
                raw + 1 - wm,
                raw - wm);
        b.row(
                "putamen",
                "left",
                "12",
                "r2star",
                "1/s",
                5000,
                0,
                27.5,
                27.0,
                24.0,
                30.0,
                6,
                4,
                "none",
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "none",
                Double.NaN,
                Double.NaN,
                Double.NaN);
        b.row(
                "caudate",
                "both",
                "11+50",
                "chi",
                "ppb",
                7600,
                0,
                40.0,
                39.0,
                30.0,
                48.0,
                18,
                12,
                "csf",
                csfPpb,
                40 - csfPpb,
                39 - csfPpb,
                "white_matter",
                wm,
                40 - wm,
                39 - wm);
        return b.build();
    }

    private static long subject(StudyDatabase db, String code, LocalDate dialysisStart) throws StudyException {
        return db.inTransaction(r -> r.insert(new Subject(null, code, "F", 1960, 70.0, "ESKD", null, dialysisStart)))
                .id();
    }

    private static PipelineRun run(String id) {
        return new PipelineRun(null, 0, id, "brain-iron", "brain.nuclei.measure 1.0", null, "{}");
    }

    @Test
    void preAndPostDialysisScansOnOneDayAreTwoVisitsAndAThirdIsRefusedClearly() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("v4visits")) {
            long s = subject(db, "HD1", LocalDate.of(2020, 1, 1));
            LocalDate day = LocalDate.of(2025, 3, 4);
            db.inTransaction(r -> r.insert(new Visit(null, s, day, 70.0, Visit.PRE_DIALYSIS, 3.0)));
            db.inTransaction(r -> r.insert(new Visit(null, s, day, 68.0, Visit.POST_DIALYSIS, 3.0)));
            StudyException dup = assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> r.insert(new Visit(null, s, day, 68.0, Visit.POST_DIALYSIS, 3.0))));
            assertTrue(
                    dup.getMessage().startsWith("visits.visit_date must be unique per subject and session label"),
                    dup.getMessage());
            assertTrue(dup.getMessage().contains("pre-dialysis and post-dialysis"), dup.getMessage());
            StudyException field = assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> r.insert(new Visit(null, s, day.plusDays(1), 70.0, "", 30.0))));
            assertEquals(
                    "visits.field_strength_t must be a field strength in tesla greater than 0 and at most 20 (e.g. 1.5,"
                            + " 3 or 7)",
                    field.getMessage());
            StudyException nan = assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> r.insert(new Visit(null, s, day.plusDays(1), 70.0, "", Double.NaN))));
            assertEquals("field_strength_t", nan.field().orElseThrow());
            List<Visit> visits = db.inTransaction(r -> r.visitsOf(s));
            assertEquals(2, visits.size());
            assertEquals(Visit.PRE_DIALYSIS, visits.get(0).sessionLabel());
            assertEquals("2025-03-04 post-dialysis", visits.get(1).describe());
            assertEquals("", new Visit(null, s, day, null, null, null).sessionLabel(), "null label read as ''");
        }
    }

    @Test
    void aNucleusTableIsRecognisedSavedWithItsRunAndReadBack() throws Exception {
        Table t = nucleusTable(60, -4);
        assertTrue(PipelineResults.isNucleusMeasurements(t));
        assertTrue(PipelineResults.isMeasurements(t));
        assertThrows(IllegalArgumentException.class, () -> PipelineResults.roiMeasurements(1, t, null));
        try (StudyDatabase db = StudyDatabaseTest.memory("v4save")) {
            long s = subject(db, "HD2", LocalDate.of(2021, 6, 1));
            long v = db.inTransaction(r -> r.insert(new Visit(null, s, LocalDate.of(2025, 6, 1), 70.0, "", 3.0)))
                    .id();
            List<Record> saved = PipelineResults.save(db, v, run("r1"), Map.of(), Map.of(), List.of(t), null);
            assertEquals(4, saved.size(), "the run and three nucleus rows");
            assertEquals(0, db.findAll(RoiMeasurement.class).size(), "no ROI rows made up from reference_median");
            List<NucleusMeasurement> rows = BrainIron.ofVisit(db, v);
            assertEquals(3, rows.size());
            NucleusMeasurement chi = rows.get(0);
            PipelineRun pr = db.findAll(PipelineRun.class).get(0);
            assertEquals(pr.id(), chi.pipelineRunId());
            assertEquals("putamen", chi.nucleus());
            assertEquals("12", chi.labels());
            assertEquals(56.0, chi.median());
            assertEquals(60.0, chi.medianReferenced());
            assertEquals(76.0, chi.medianAltReferenced());
            assertEquals(3, chi.nExcluded());
            assertEquals(60.0, chi.median("csf", "ppb"));
            assertEquals(0.076, chi.median("white_matter", "ppm"), 1e-12);
            assertTrue(Double.isNaN(chi.median("whole_brain", "ppb")), "a reference the row does not carry");
            NucleusMeasurement r2 = rows.get(1);
            assertEquals("none", r2.reference());
            assertNull(r2.referenceMedian(), "NaN cells stored as null");
            assertEquals("11+50", rows.get(2).labels());
            // a re-run saved later wins in BrainIron.of, both stay in the database
            PipelineResults.save(db, v, run("r2"), Map.of(), Map.of(), List.of(nucleusTable(70, -4)), null);
            assertEquals(6, db.findAll(NucleusMeasurement.class).size());
            List<BrainIron.Point> points = BrainIron.of(db);
            assertEquals(3, points.size());
            BrainIron.Point putamen = points.stream()
                    .filter(p -> p.measurement().nucleus().equals("putamen")
                            && p.measurement().map().equals("chi"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(70.0, putamen.measurement().medianReferenced());
            assertEquals(4.0, putamen.covariates().vintageYears(), 0.01);
        }
    }

    @Test
    void aBadNucleusRowRollsBackTheWholeRunWithAClearMessage() throws Exception {
        List<Column> cols = new ArrayList<>();
        for (Column c : nucleusTable(1, 1).columns()) {
            cols.add(c);
        }
        Table.Builder b = Table.builder(cols.toArray(Column[]::new));
        Table good = nucleusTable(60, -4);
        for (int row = 0; row < good.rowCount(); row++) {
            Object[] cells = new Object[cols.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = good.cell(row, c);
            }
            if (row == 1) {
                cells[good.columnIndex("unit")] = "ppm"; // an R2* row in ppm
            }
            b.row(cells);
        }
        try (StudyDatabase db = StudyDatabaseTest.memory("v4bad")) {
            long s = subject(db, "HD3", null);
            long v = db.inTransaction(r -> r.insert(new Visit(null, s, LocalDate.of(2025, 6, 1), null)))
                    .id();
            StudyException e = assertThrows(
                    StudyException.class,
                    () -> PipelineResults.save(db, v, run("r1"), Map.of(), Map.of(), List.of(b.build()), null));
            assertEquals(
                    "nucleus_measurements.unit must be ppm or ppb for a chi row, 1/s for an r2star row",
                    e.getMessage());
            assertEquals(0, db.findAll(PipelineRun.class).size());
            assertEquals(0, db.findAll(NucleusMeasurement.class).size());
            StudyException side = assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> r.insert(new NucleusMeasurement(
                            null, v, null, "putamen", "middle", null, "chi", "ppb", 10, null, null, 1.0, null, null,
                            null, null, "csf", null, null, null, null, null, null, null))));
            assertEquals("nucleus_measurements.hemisphere must be left, right or both", side.getMessage());
        }
    }

    @Test
    void covariatesAtAVisitFollowTheStatedRules() {
        Subject s = new Subject(1L, "HD", "F", 1960, 70.0, null, null, LocalDate.of(2021, 1, 1));
        LocalDate day = LocalDate.of(2025, 1, 1);
        List<LabValue> labs = List.of(
                new LabValue(1L, 1, LocalDate.of(2024, 12, 1), LabValue.FERRITIN, 500, "µg/l"),
                new LabValue(2L, 1, LocalDate.of(2024, 12, 20), LabValue.FERRITIN, 620, "ng/ml"),
                new LabValue(3L, 1, LocalDate.of(2025, 1, 2), LabValue.FERRITIN, 900, "µg/l"), // after the visit
                new LabValue(4L, 1, LocalDate.of(2024, 9, 1), LabValue.TRANSFERRIN_SATURATION, 30, "%")); // 122 d
        List<DialysisSession> sessions = List.of(
                new DialysisSession(1L, 1, LocalDate.of(2024, 12, 30), "haemodialysis", 240.0, 100, null, null),
                new DialysisSession(2L, 1, day, "haemodialysis", 240.0, 200, null, null));
        BrainIron.Covariates pre =
                BrainIron.covariatesAt(s, new Visit(1L, 1, day, null, Visit.PRE_DIALYSIS, 3.0), labs, sessions);
        BrainIron.Covariates post =
                BrainIron.covariatesAt(s, new Visit(2L, 1, day, null, Visit.POST_DIALYSIS, 3.0), labs, sessions);
        assertEquals(1461 / 365.25, pre.vintageYears(), 1e-12); // 2021-01-01 → 2025-01-01 = 1461 days
        assertEquals(620, pre.ferritinUgPerL(), "latest on or before the visit, ng/ml = µg/l");
        assertTrue(Double.isNaN(pre.transferrinSaturationPercent()), "122 days old: beyond the 92-day window");
        assertEquals(100, pre.cumulativeIvIronMg(), "the day's session comes after a pre-dialysis scan");
        assertEquals(300, post.cumulativeIvIronMg(), "and before a post-dialysis one");
        assertEquals(
                1.2, new LabValue(null, 1, day, LabValue.HAEMOGLOBIN, 12, "g/l").inStandardUnit(), 1e-12, "g/l → g/dl");
    }

    @Test
    void labAndSessionCsvImportListsEveryProblemWithItsLine() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("v4csv")) {
            long s = subject(db, "HD4", null);
            String labs = "subject_id,sample_date,analyte,measured_value,unit\n"
                    + s + ",2025-01-02,ferritin,540,µg/l\n"
                    + s + ",2025-01-02,ferritin,540,mg/l\n"
                    + s + ",2025-01-02,tsat,31,%\n"
                    + s + ",2025-13-02,transferrin_saturation,31,%\n"
                    + s + ",2025-01-02,transferrin_saturation,-3,%\n"
                    + "999,2025-01-02,haemoglobin,11.2,g/dl\n";
            CsvImportReport rep = StudyCsv.importText(db, LabValue.class, labs, false);
            assertFalse(rep.ok());
            assertEquals(0, rep.rowsImported());
            assertEquals(
                    List.of(3, 4, 5, 6, 7),
                    rep.problems().stream().map(CsvImportReport.Problem::line).toList());
            assertEquals("unit", rep.problems().get(0).column());
            assertTrue(rep.problems().get(0).reason().contains("ferritin µg/l or ng/ml"), rep.message());
            assertEquals("analyte", rep.problems().get(1).column());
            assertTrue(rep.problems().get(1).reason().contains("transferrin_saturation"), rep.message());
            assertEquals("sample_date", rep.problems().get(2).column());
            assertEquals(
                    "lab_values.measured_value must be a finite number, 0 or more",
                    rep.problems().get(3).reason());
            assertEquals(
                    "lab_values.subject_id names no existing subject (no subject with that id)",
                    rep.problems().get(4).reason());
            assertEquals(0, db.findAll(LabValue.class).size(), "all or none");

            CsvImportReport kept = StudyCsv.importText(db, LabValue.class, labs, true);
            assertEquals(1, kept.rowsImported());

            String sessions = "subject_id,session_date,modality,duration_min,iv_iron_mg,iv_iron_product\n"
                    + s + ",2025-01-02,haemodialysis,240,100,iron sucrose\n"
                    + s + ",2025-01-04,HD,240,100,iron sucrose\n"
                    + s + ",2025-01-06,haemodialysis,0,100,\n"
                    + s + ",2025-01-08,haemodialysis,240,,\n";
            CsvImportReport srep = StudyCsv.importText(db, DialysisSession.class, sessions, false);
            assertEquals(
                    List.of(3, 4, 5),
                    srep.problems().stream().map(CsvImportReport.Problem::line).toList());
            assertEquals("modality", srep.problems().get(0).column());
            assertEquals(
                    "dialysis_sessions.duration_min must be greater than 0 and at most 1440 minutes",
                    srep.problems().get(1).reason());
            assertEquals("iv_iron_mg", srep.problems().get(2).column());
        }
    }

    @Test
    void aVersionThreeDatabaseWithDataIsMigratedAndLosesNothing() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("v3study").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            for (int version = 1; version <= 3; version++) {
                String text = SchemaMigrations.read(SchemaMigrations.FILES.get(version));
                for (String sql : SchemaMigrations.statements(text)) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version VALUES (" + version + ", 'v', '" + SchemaMigrations.sha256(text)
                        + "', CURRENT_TIMESTAMP)");
            }
            st.execute("INSERT INTO subjects (id, code, weight_kg) VALUES (7, 'OLD', 61.5)");
            st.execute(
                    "INSERT INTO visits (id, subject_id, visit_date, weight_kg) VALUES (3, 7, DATE '2024-03-01', 61),"
                            + " (4, 7, DATE '2025-03-01', 60)");
            st.execute("INSERT INTO pipeline_runs (visit_id, run_id, pipeline) VALUES (4, 'abc', 'spine')");
            st.execute("INSERT INTO roi_measurements (visit_id, map_kind, region, n, median, unit, pipeline_run_id)"
                    + " SELECT 4, 'adc', 'cord', 100, 0.7, 'mm²/s', id FROM pipeline_runs");
        }
        try (StudyDatabase db = StudyDatabase.open(url, "sa", "")) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
            assertEquals(4, db.schemaVersion());
            Subject old = db.findAll(Subject.class).get(0);
            assertEquals(new Subject(7L, "OLD", null, null, 61.5, null, null, null), old);
            assertEquals(
                    List.of(
                            new Visit(3L, 7, LocalDate.of(2024, 3, 1), 61.0, "", null),
                            new Visit(4L, 7, LocalDate.of(2025, 3, 1), 60.0, "", null)),
                    db.findAll(Visit.class));
            RoiMeasurement roi = db.findAll(RoiMeasurement.class).get(0);
            assertEquals(0.7, roi.median());
            assertEquals(db.findAll(PipelineRun.class).get(0).id(), roi.pipelineRunId());
            assertEquals("abc", db.findAll(PipelineRun.class).get(0).runId());
            // the old one-visit-per-day rule still holds for unlabelled visits
            StudyException dup = assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> r.insert(new Visit(null, 7, LocalDate.of(2025, 3, 1), null))));
            assertEquals("visit_date", dup.field().orElseThrow());
            // and the new tables take rows
            db.inTransaction(
                    r -> r.insert(new Visit(null, 7, LocalDate.of(2025, 3, 1), 59.0, Visit.POST_DIALYSIS, 1.5)));
            long v = db.findAll(Visit.class).get(2).id();
            PipelineResults.save(db, v, run("r9"), Map.of(), Map.of(), List.of(nucleusTable(55, -5)), null);
            assertEquals(3, db.findAll(NucleusMeasurement.class).size());
        }
        try (StudyDatabase db = StudyDatabase.open(url, "sa", "")) {
            assertEquals(3, db.findAll(Visit.class).size(), "still there after reopening");
            assertEquals(3, BrainIron.of(db).size());
        }
    }
}
