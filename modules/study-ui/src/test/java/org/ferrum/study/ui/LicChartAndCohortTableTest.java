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
package org.ferrum.study.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ferrum.study.CohortSummary;
import org.ferrum.study.DemoCohort;
import org.ferrum.study.LicSeries;
import org.ferrum.study.LiverRegion;
import org.ferrum.study.StudyDatabase;
import org.junit.jupiter.api.Test;

/** The browser's LIC chart shows whole liver or regions; the iron table leaves out subjects without LIC data. */
class LicChartAndCohortTableTest {

    @Test
    void wholeLiverAndPerRegionCharts() {
        LocalDate d = LocalDate.of(2025, 1, 1);
        Map<LiverRegion, LicSeries> lic = new java.util.LinkedHashMap<>();
        lic.put(
                LiverRegion.WHOLE_LIVER,
                new LicSeries(1, LiverRegion.WHOLE_LIVER, List.of(new LicSeries.Point(1, d, 6.75, 6.9)), true));
        lic.put(
                LiverRegion.RIGHT_LOBE,
                new LicSeries(1, LiverRegion.RIGHT_LOBE, List.of(new LicSeries.Point(1, d, 8, 8.2)), false));
        lic.put(
                LiverRegion.LEFT_LOBE,
                new LicSeries(1, LiverRegion.LEFT_LOBE, List.of(new LicSeries.Point(1, d, 3, 3.1)), false));
        var whole = StudyBrowserTopComponent.licChart("S1", lic, false).chart();
        assertEquals(2, whole.getXYPlot().getDataset().getSeriesCount());
        assertEquals(6.75, whole.getXYPlot().getDataset().getYValue(0, 0));
        var regions = StudyBrowserTopComponent.licChart("S1", lic, true).chart();
        assertEquals(4, regions.getXYPlot().getDataset().getSeriesCount());
        assertEquals(
                "left lobe — LIC from R2*", regions.getXYPlot().getDataset().getSeriesKey(3));
    }

    @Test
    void theDemoIronTableLeavesOutTheSpinalMetastasisSubjects() throws Exception {
        try (StudyDatabase db = StudyDatabase.open("jdbc:h2:mem:licTable;DB_CLOSE_DELAY=-1", "sa", "")) {
            DemoCohort.generate().loadInto(db);
            List<CohortSummary.SubjectLine> all = CohortSummary.compute(db);
            List<CohortSummary.SubjectLine> listed = StudyBrowserTopComponent.withLicData(all);
            // 3 spinal-metastasis and 12 haemodialysis (brain iron) subjects have no liver iron data
            assertEquals(all.size() - 15, listed.size());
            assertEquals(12, listed.size());
            assertTrue(listed.stream().noneMatch(l -> l.diagnosis().startsWith("spinal metastasis")));
            assertTrue(listed.stream().noneMatch(l -> l.diagnosis().contains("haemodialysis")));
            String text = StudyBrowserTopComponent.cohortFilterText(
                    listed.size(), List.of("DEMO-M01", "DEMO-M02", "DEMO-M03"));
            assertEquals(
                    "Subjects with liver iron (LIC) data: 12; 3 without LIC not listed (DEMO-M01, DEMO-M02, DEMO-M03)",
                    text);
        }
    }
}
