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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCohortTest {

    /** The checked-in copy, relative to the module directory surefire runs in. */
    static final Path TESTDATA = Path.of("../../testdata/demo-cohort");

    @TempDir
    Path dir;

    @Test
    void deterministicLabelledAndShapedAsPromised() throws Exception {
        DemoCohort a = DemoCohort.generate();
        assertEquals(a.tables(), DemoCohort.generate().tables());
        assertEquals(27, a.subjects().size());
        assertTrue(a.subjects().stream().allMatch(s -> DemoCohort.LABEL.equals(s.notes())));
        assertEquals(
                12,
                a.subjects().stream()
                        .filter(s -> s.diagnosis().contains("thalassaemia")
                                || s.diagnosis().contains("sickle"))
                        .count());
        for (Subject s : a.subjects().subList(0, 12)) {
            List<Visit> v =
                    a.visits().stream().filter(x -> x.subjectId() == s.id()).toList();
            assertTrue(v.size() >= 3 && v.size() <= 5, s.code() + " has " + v.size() + " visits");
            long days = java.time.temporal.ChronoUnit.DAYS.between(
                    v.get(0).visitDate(), v.get(v.size() - 1).visitDate());
            assertTrue(days >= 730 && days <= 1096, s.code() + " spans " + days + " days");
        }
    }

    @Test
    void loadsOnlyIntoAnEmptyDatabase() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("demo")) {
            assertTrue(DemoCohort.generate().loadInto(db));
            assertFalse(DemoCohort.generate().loadInto(db), "second start: already there");
            assertEquals(27, db.findAll(Subject.class).size());
            List<CohortSummary.SubjectLine> lines = CohortSummary.compute(db);
            assertEquals(27, lines.size());
            CohortSummary.SubjectLine t01 = lines.stream()
                    .filter(l -> l.code().equals("DEMO-T01"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    t01.transfusionalIronMgPerKgPerDay() > 0.2 && t01.transfusionalIronMgPerKgPerDay() < 0.6,
                    "thalassaemia transfusion iron in the clinical range: " + t01.transfusionalIronMgPerKgPerDay());
            // QSM reads lower than R2* on average, as generated
            double qsm = CohortSummary.compute(db, LicSeries.LIC_QSM).stream()
                    .filter(l -> Double.isFinite(l.firstLic()))
                    .mapToDouble(CohortSummary.SubjectLine::firstLic)
                    .sum();
            double r2 = lines.stream()
                    .filter(l -> Double.isFinite(l.firstLic()))
                    .mapToDouble(CohortSummary.SubjectLine::firstLic)
                    .sum();
            assertTrue(qsm < r2, qsm + " vs " + r2);
        }
    }

    /** The CSV files in testdata are exactly what the generator writes ({@code -Dferrum.demo.write=true} refreshes them). */
    @Test
    void checkedInCsvMatchesTheGenerator() throws Exception {
        if (Boolean.getBoolean("ferrum.demo.write")) {
            DemoCohort.generate().writeCsv(TESTDATA);
        }
        DemoCohort.generate().writeCsv(dir);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals(
                        Files.readString(f),
                        Files.readString(TESTDATA.resolve(f.getFileName())),
                        f.getFileName().toString());
            }
        }
        try (StudyDatabase db = StudyDatabaseTest.memory("demoCsv")) {
            List<CsvImportReport> reports = StudyCsv.importAll(db, TESTDATA);
            assertTrue(reports.stream().allMatch(CsvImportReport::ok), reports.toString());
            assertEquals(DemoCohort.generate().subjects(), db.findAll(Subject.class));
        }
    }
}
