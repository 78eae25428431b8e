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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.liver.phantom.AbdomenTissue;
import org.ferrum.liver.phantom.LiverIronPhantom;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/** Issue 15 item 12: the region names the liver pipelines record are liver regions, and a saved run reaches the LIC series. */
class LiverRegionTest {

    @Test
    void everyLiverNameOfTheLiverPipelinesAndPhantomsIsARegion() throws Exception {
        String sample = Files.readString(TestData.pipeline("liver-hqsm.json"));
        String labels = sample.replaceAll("(?s).*\"default\" : \"(1=liver[^\"]*)\".*", "$1");
        String all = labels + "," + LiverIronPhantom.labelNames() + "," + AbdomenTissue.labelNames();
        for (String entry : all.split(",")) {
            String name = entry.substring(entry.indexOf('=') + 1);
            assertEquals(name.contains("liver"), LiverRegion.ofRecorded(name).isPresent(), name);
        }
        assertEquals(
                LiverRegion.RIGHT_LOBE,
                LiverRegion.ofRecorded(" Liver  Right Lobe ").orElseThrow());
        assertEquals(
                LiverRegion.SEGMENT_4,
                LiverRegion.ofRecorded("liver segment IV").orElseThrow());
        assertEquals(LiverRegion.WHOLE_LIVER, LiverRegion.ofRecorded("LIVER").orElseThrow());
        assertFalse(LiverRegion.ofRecorded("spleen").isPresent());
        assertTrue(LiverRegion.RIGHT_LATERAL.isInside(LiverRegion.WHOLE_LIVER));
    }

    @Test
    void wholeLiverIsTheLiverRowElseTheWeightedMeanOfTheOutermostRegions() {
        var right = new LiverRegion.Value(LiverRegion.RIGHT_LOBE, 8, 3000);
        var left = new LiverRegion.Value(LiverRegion.LEFT_LOBE, 3, 1000);
        var lateral = new LiverRegion.Value(LiverRegion.RIGHT_LATERAL, 20, 100);
        assertEquals(
                (8 * 3000 + 3 * 1000) / 4000.0,
                LiverRegion.wholeLiver(List.of(right, left, lateral)),
                1e-12,
                "the lateral part lies inside the recorded right lobe and is not counted twice");
        assertEquals(
                5.0, LiverRegion.wholeLiver(List.of(right, new LiverRegion.Value(LiverRegion.WHOLE_LIVER, 5, 4000))));
        assertTrue(Double.isNaN(LiverRegion.wholeLiver(List.of())));
    }

    /** A run saved from liver-hqsm's measurements (right and left lobe rows, no "liver" row) appears in the LIC series. */
    @Test
    void aSavedLiverHqsmRunAppearsWholeAndPerRegion() throws Exception {
        PhysicalUnit lic = PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT;
        Table t = Table.builder(
                        Column.number("label", null),
                        Column.text("name"),
                        Column.number("n", null),
                        Column.number("lic_r2star_n", null),
                        Column.number("lic_r2star_median", lic),
                        Column.number("lic_qsm_n", null),
                        Column.number("lic_qsm_median", lic))
                .row(1, "liver right lobe", 3000, 3000, 8.2, 3000, 8.0)
                .row(2, "liver left lobe", 1000, 1000, 3.1, 1000, 4.2)
                .row(3, "spleen", 800, 800, 1.0, 800, 1.1)
                .build();
        try (StudyDatabase db = StudyDatabaseTest.memory("regions")) {
            Subject s = db.insert(new Subject(null, "S01", null, null, null, null, null));
            Visit v = db.insert(new Visit(null, s.id(), LocalDate.of(2025, 5, 5), 60.0));
            PipelineResults.saveToVisit(db, v.id(), Map.of(), Map.of(), t, null);
            LicSeries whole = LicSeries.of(db, s.id());
            assertEquals(1, whole.points().size(), "the run is on the whole-liver chart");
            assertTrue(whole.combined());
            assertEquals((8.0 * 3000 + 4.2 * 1000) / 4000, whole.points().get(0).licQsm(), 1e-12);
            assertEquals((8.2 * 3000 + 3.1 * 1000) / 4000, whole.points().get(0).licR2star(), 1e-12);
            Map<LiverRegion, LicSeries> regions = LicSeries.byRegion(db, s.id());
            assertEquals(
                    List.of(LiverRegion.WHOLE_LIVER, LiverRegion.RIGHT_LOBE, LiverRegion.LEFT_LOBE),
                    List.copyOf(regions.keySet()));
            assertEquals(4.2, regions.get(LiverRegion.LEFT_LOBE).points().get(0).licQsm());
            CohortSummary.SubjectLine line = CohortSummary.compute(db).get(0);
            assertEquals((8.2 * 3000 + 3.1 * 1000) / 4000, line.firstLic(), 1e-12, "the cohort summary counts it too");
        }
    }
}
