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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineResultsTest {

    @TempDir
    Path dir;

    /** A table shaped like liver.measurements with the two LIC maps connected. */
    static Table measurements() {
        PhysicalUnit lic = PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT;
        return Table.builder(
                        Column.number("label", null),
                        Column.text("name"),
                        Column.number("n", null),
                        Column.number("lic_r2star_n", null),
                        Column.number("lic_r2star_n_nan", null),
                        Column.number("lic_r2star_median", lic),
                        Column.number("lic_r2star_q1", lic),
                        Column.number("lic_r2star_q3", lic),
                        Column.number("lic_r2star_iqr", lic),
                        Column.number("lic_qsm_n", null),
                        Column.number("lic_qsm_n_nan", null),
                        Column.number("lic_qsm_median", lic),
                        Column.number("lic_qsm_q1", lic),
                        Column.number("lic_qsm_q3", lic),
                        Column.number("lic_qsm_iqr", lic),
                        Column.number("lic_diff_median", lic),
                        Column.number("ba_bias", lic))
                .row(1, "liver", 5000, 4990, 10, 8.2, 7.5, 9.0, 1.5, 4980, 20, 7.6, 7.0, 8.3, 1.3, -0.6, -0.55)
                .row(
                        2,
                        "spleen",
                        800,
                        0,
                        800,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        790,
                        10,
                        1.1,
                        0.9,
                        1.3,
                        0.4,
                        Double.NaN,
                        Double.NaN)
                .build();
    }

    @Test
    void mapsAndMeasurementsAreSavedToTheVisit() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("save")) {
            Subject s = db.insert(new Subject(null, "S01", null, null, null, null, null));
            Visit v = db.insert(new Visit(null, s.id(), LocalDate.of(2025, 5, 5), null));
            Path chi = Files.writeString(dir.resolve("chi.nii.gz"), "x");
            List<Record> saved = PipelineResults.saveToVisit(
                    db,
                    v.id(),
                    Map.of("chi", chi),
                    Map.of("chi", "ppm"),
                    measurements(),
                    "{\"ferrumVersion\":\"test\"}");
            assertEquals(1 + 3, saved.size(), "one map; liver r2star+qsm, spleen qsm (its R2* median is NaN)");
            DerivedMap map = db.findAll(DerivedMap.class).get(0);
            assertEquals("chi", map.kind());
            assertEquals("ppm", map.unit());
            assertEquals(chi.toAbsolutePath().toString(), map.path());
            assertEquals("{\"ferrumVersion\":\"test\"}", map.provenance());
            RoiMeasurement liverR2 = db.findAll(RoiMeasurement.class).get(0);
            assertEquals(
                    new RoiMeasurement(
                            liverR2.id(),
                            v.id(),
                            "lic_r2star",
                            "liver",
                            1,
                            4990,
                            8.2,
                            7.5,
                            9.0,
                            null,
                            null,
                            "mg Fe/g dw",
                            "{\"ferrumVersion\":\"test\"}",
                            null,
                            10),
                    liverR2);
            assertTrue(db.findAll(RoiMeasurement.class).stream()
                    .noneMatch(m -> m.mapKind().startsWith("lic_diff")));
            LicSeries series = LicSeries.of(db, s.id());
            assertEquals(7.6, series.points().get(0).licQsm());
            assertEquals(8.2, series.points().get(0).licR2star());
            assertNull(db.findAll(RoiMeasurement.class).get(2).mean());
        }
    }

    @Test
    void headlessOutputDirectoryIsReadFromTheExecution() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("saveRun")) {
            Subject s = db.insert(new Subject(null, "S01", null, null, null, null, null));
            Visit v = db.insert(new Visit(null, s.id(), LocalDate.of(2025, 5, 5), null));
            var chi = org.ferrum.core.Volumes.createFloat(
                    new long[] {2, 2, 2}, org.ferrum.core.Geometry.identity(), PhysicalUnit.PPM);
            var r2 = org.ferrum.core.Volumes.createFloat(
                    new long[] {2, 2, 2}, org.ferrum.core.Geometry.identity(), PhysicalUnit.PER_SECOND);
            Files.writeString(dir.resolve("chi.nii.gz"), "x");
            Files.writeString(dir.resolve("provenance.json"), "{\"run\":1}");
            // r2star was produced but not written: it has no file, so it is not a map of the visit
            var pipeline = new org.ferrum.pipeline.Pipeline("p", "", List.of(), List.of(), Map.of(), Map.of());
            var outputs = new java.util.LinkedHashMap<String, Object>();
            outputs.put("chi", chi);
            outputs.put("r2star", r2);
            outputs.put("measurements", measurements());
            var run = new org.ferrum.pipeline.Execution(
                    pipeline, List.of(), outputs, Map.of(), Map.of(), List.of(), java.time.Instant.EPOCH, 0);
            List<Record> saved = PipelineResults.saveToVisit(db, v.id(), run, dir);
            assertEquals(1 + 1 + 3, saved.size(), "one map, the run, three measurements");
            PipelineRun saverun = (PipelineRun) saved.get(1);
            assertEquals("{\"run\":1}", saverun.provenance());
            assertEquals(saverun.id(), db.findAll(RoiMeasurement.class).get(0).pipelineRunId());
            DerivedMap map = (DerivedMap) saved.get(0);
            assertEquals("ppm", map.unit());
            assertEquals("{\"run\":1}", map.provenance());
            assertEquals(3, db.findAll(RoiMeasurement.class).size());
        }
    }

    @Test
    void aMissingVisitSavesNothing() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("save2")) {
            StudyException e = assertThrows(
                    StudyException.class,
                    () -> PipelineResults.saveToVisit(
                            db, 42, Map.of("chi", dir.resolve("chi.nii.gz")), Map.of(), measurements(), null));
            assertEquals("no visit with id 42", e.getMessage());
            assertTrue(db.findAll(DerivedMap.class).isEmpty());
        }
    }

    @Test
    void aBadRowRollsBackTheMapsToo() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("save3")) {
            Subject s = db.insert(new Subject(null, "S01", null, null, null, null, null));
            Visit v = db.insert(new Visit(null, s.id(), LocalDate.of(2025, 5, 5), null));
            PhysicalUnit lic = PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT;
            Table bad = Table.builder(
                            Column.number("label", null),
                            Column.text("name"),
                            Column.number("n", null),
                            Column.number("lic_qsm_median", lic),
                            Column.number("lic_qsm_q1", lic),
                            Column.number("lic_qsm_q3", lic))
                    .row(1, "liver", 10, 5.0, 6.0, 7.0)
                    .build(); // q1 above the median
            StudyException e = assertThrows(
                    StudyException.class,
                    () -> PipelineResults.saveToVisit(
                            db, v.id(), Map.of("chi", dir.resolve("chi.nii.gz")), Map.of(), bad, null));
            assertEquals("q1", e.field().orElseThrow());
            assertTrue(db.findAll(DerivedMap.class).isEmpty(), "the map inserted first was rolled back");
        }
    }
}
