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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.ferrum.liver.iron.LicChange;
import org.junit.jupiter.api.Test;

class LicSeriesTest {

    static final LocalDate D2016 = LocalDate.of(2016, 1, 1);
    static final LocalDate D2020 = LocalDate.of(2020, 1, 1); // 1461 days = 4 Julian years after D2016
    static final LocalDate D2024 = LocalDate.of(2024, 1, 1); // another 1461 days

    static RoiMeasurement liver(long visit, String kind, double median) {
        return new RoiMeasurement(
                null,
                visit,
                kind,
                "Liver",
                1,
                1000,
                median,
                median - 0.5,
                median + 0.5,
                null,
                null,
                "mg Fe/g dw",
                null);
    }

    /** Subject A: 3 visits, R2* LIC 10, 7, 6, QSM only at the first (9.5); transfusions; chelation changes. */
    static long loadSubjectA(StudyRepository r) throws StudyException {
        Subject a = r.insert(new Subject(null, "A", "F", 2005, 48.0, "thalassaemia major", null));
        long[] visits = new long[3];
        LocalDate[] dates = {D2016, D2020, D2024};
        double[] lic = {10, 7, 6};
        for (int i = 0; i < 3; i++) {
            visits[i] = r.insert(new Visit(null, a.id(), dates[i], 50.0)).id();
            r.insert(liver(visits[i], LicSeries.LIC_R2STAR, lic[i]));
        }
        r.insert(liver(visits[0], LicSeries.LIC_QSM, 9.5));
        r.insert(new RoiMeasurement(
                null, visits[0], LicSeries.LIC_R2STAR, "spleen", 2, 100, 3.0, null, null, null, null, null, null));
        r.insert(new Transfusion(null, a.id(), LocalDate.of(2015, 12, 31), 500, 0.6)); // before the first visit: out
        r.insert(new Transfusion(null, a.id(), D2016, 500, 0.6));
        r.insert(new Transfusion(null, a.id(), LocalDate.of(2023, 12, 31), 500, 0.6));
        r.insert(new Transfusion(null, a.id(), D2024, 500, 0.6)); // on the last visit: feeds the next interval, out
        r.insert(new Chelation(null, a.id(), "deferasirox", 20, LocalDate.of(2015, 6, 1), LocalDate.of(2019, 12, 31)));
        r.insert(new Chelation(null, a.id(), "deferiprone", 75, D2020, null));
        r.insert(new Chelation(
                null, a.id(), "deferoxamine", 40, LocalDate.of(2024, 6, 1), null)); // after the last visit
        return a.id();
    }

    @Test
    void seriesOfOneSubjectByDateWithBothMethods() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("licseries")) {
            long a = db.inTransaction(LicSeriesTest::loadSubjectA);
            LicSeries s = LicSeries.of(db, a);
            assertEquals(
                    List.of(D2016, D2020, D2024),
                    s.points().stream().map(LicSeries.Point::date).toList());
            assertEquals(9.5, s.points().get(0).licQsm());
            assertEquals(10.0, s.points().get(0).licR2star(), "the liver row, not the spleen's 3.0");
            assertTrue(Double.isNaN(s.points().get(1).licQsm()));
            assertEquals(6.0, s.points().get(2).licR2star());
        }
    }

    @Test
    void leastSquaresAnnualChange() {
        // t = 0, 4, 8 years; y = 10, 7, 6; mean t 4, mean y 23/3; Σ(t−4)(y−ȳ) = −4·7/3 + 4·(−5/3) = −16; Σ(t−4)² = 32.
        assertEquals(-0.5, LicSeries.annualChange(List.of(D2016, D2020, D2024), new double[] {10, 7, 6}), 1e-12);
        // two visits: the same as the liver module's two-point change
        LocalDate b = LocalDate.of(2017, 3, 15);
        assertEquals(
                LicChange.mgPerGDryWeightPerYear(12, 9, 440),
                LicSeries.annualChange(List.of(b, b.plusDays(440)), new double[] {12, 9}),
                1e-12);
        assertTrue(Double.isNaN(LicSeries.annualChange(List.of(b), new double[] {12})));
        // a missing value is skipped
        assertEquals(
                -0.5,
                LicSeries.annualChange(List.of(D2016, b, D2020, D2024), new double[] {10, Double.NaN, 7, 6}),
                1e-12);
    }

    @Test
    void cohortSummaryAgainstHandValues() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("cohort")) {
            long a = db.inTransaction(LicSeriesTest::loadSubjectA);
            db.insert(new Subject(null, "B-no-visits", null, null, null, null, null));
            List<CohortSummary.SubjectLine> lines = CohortSummary.compute(db);
            assertEquals(1, lines.size(), "a subject without visits has no line");
            CohortSummary.SubjectLine l = lines.get(0);
            assertEquals(a, l.subjectId());
            assertEquals(3, l.visits());
            assertEquals(D2016, l.firstVisit());
            assertEquals(D2024, l.lastVisit());
            assertEquals(10.0, l.firstLic());
            assertEquals(6.0, l.lastLic());
            assertEquals(-0.5, l.annualLicChange(), 1e-12);
            // two transfusions in [2016-01-01, 2024-01-01): 2 × 500 mL × 0.6 = 600 mL red cells × 1.08 mg/mL = 648 mg
            // over 2922 days at 50 kg
            assertEquals(648.0 / 50 / 2922, l.transfusionalIronMgPerKgPerDay(), 1e-12);
            assertEquals("deferiprone", l.chelator());
            assertEquals(75.0, l.chelatorDoseMgPerKgPerDay());

            CohortSummary.SubjectLine q =
                    CohortSummary.compute(db, LicSeries.LIC_QSM).get(0);
            assertEquals(9.5, q.firstLic());
            assertTrue(Double.isNaN(q.annualLicChange()), "one QSM value gives no slope");
        }
    }

    @Test
    void noVisitsNoChelation() throws Exception {
        try (StudyDatabase db = StudyDatabaseTest.memory("cohort2")) {
            Subject s = db.insert(new Subject(null, "C", null, null, null, null, null));
            db.insert(new Visit(null, s.id(), D2016, null));
            CohortSummary.SubjectLine l = CohortSummary.compute(db).get(0);
            assertNull(l.chelator());
            assertTrue(Double.isNaN(l.transfusionalIronMgPerKgPerDay()), "no weight, no interval");
            assertTrue(LicSeries.of(db, s.id()).points().isEmpty());
        }
    }
}
