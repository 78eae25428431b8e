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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ROI measurements that saved pipeline runs recorded on a subject's visits, one per visit, region and parameter:
 * what the response chart plots over visits.
 *
 * <p>Contract: only measurements with a {@link PipelineRun} (schema version 3) and a median are read. When several
 * runs of a visit measured the same region and parameter, the run saved last (highest key) wins, so re-running a
 * pipeline and saving it again replaces the earlier value on the chart while both stay in the database. Ordered by
 * visit date, then region, then parameter.
 */
public final class VisitMeasurements {

    /**
     * One parameter of one region at one visit.
     *
     * @param visitId   the {@link Visit}
     * @param date      the visit date
     * @param region    region name, e.g. "tumour", "cord"
     * @param parameter the map kind, e.g. "ktrans", "adc"
     * @param median    the region's median, in {@code unit}
     * @param unit      unit symbol, or null
     * @param runId     the {@link PipelineRun#runId} it came from
     * @param pipeline  the pipeline's name
     */
    public record Point(
            long visitId,
            LocalDate date,
            String region,
            String parameter,
            double median,
            String unit,
            String runId,
            String pipeline) {}

    private VisitMeasurements() {}

    /** The run measurements of a subject (see the class contract), read in one transaction. */
    public static List<Point> of(StudyDatabase db, long subjectId) throws StudyException {
        return db.inTransaction(repo -> {
            Map<String, Point> latest = new LinkedHashMap<>();
            for (Visit v : repo.visitsOf(subjectId)) {
                Map<Long, PipelineRun> runs = new LinkedHashMap<>();
                repo.findBy(PipelineRun.class, "visit_id", v.id()).forEach(r -> runs.put(r.id(), r));
                if (runs.isEmpty()) {
                    continue;
                }
                List<RoiMeasurement> rows = new ArrayList<>(repo.findBy(RoiMeasurement.class, "visit_id", v.id()));
                rows.sort(Comparator.comparing(RoiMeasurement::id));
                for (RoiMeasurement m : rows) {
                    PipelineRun run = m.pipelineRunId() == null ? null : runs.get(m.pipelineRunId());
                    if (run == null || m.median() == null) {
                        continue;
                    }
                    latest.put(
                            v.id() + "\u0000" + m.region() + "\u0000" + m.mapKind(),
                            new Point(
                                    v.id(),
                                    v.visitDate(),
                                    m.region(),
                                    m.mapKind(),
                                    m.median(),
                                    m.unit(),
                                    run.runId(),
                                    run.pipeline()));
                }
            }
            List<Point> out = new ArrayList<>(latest.values());
            out.sort(Comparator.comparing(Point::date)
                    .thenComparing(Point::region)
                    .thenComparing(Point::parameter));
            return out;
        });
    }
}
