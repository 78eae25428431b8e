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

/**
 * Statistics of one map over one region of interest at one visit (table {@code roi_measurements}).
 *
 * <p>Quartiles as {@code org.ferrum.core.statistics.SampleStatistics} defines them; the database checks
 * q1 ≤ median ≤ q3, n ≥ 0 and sd ≥ 0.
 *
 * @param id         database key; null before insertion
 * @param visitId    the {@link Visit}
 * @param mapKind    the map measured: chi, r2star, lic_qsm, lic_r2star, pdff, …
 * @param region     region name, e.g. "liver"
 * @param label      the label value in the label map, or null
 * @param n          voxels that entered the statistics
 * @param median     median, in {@code unit}; null if not measured
 * @param q1         first quartile, or null
 * @param q3         third quartile, or null
 * @param mean       mean, or null
 * @param sd         sample standard deviation, or null
 * @param unit       unit symbol, e.g. "mg Fe/g dw"
 * @param provenance provenance JSON, or null
 * @param pipelineRunId the {@link PipelineRun} this row came from, or null (entered by hand, imported, or saved before
 *                      schema version 3)
 * @param nExcluded  voxels of the region left out of the statistics (NaN or ±∞ values), or null if unknown
 */
public record RoiMeasurement(
        Long id,
        long visitId,
        String mapKind,
        String region,
        Integer label,
        int n,
        Double median,
        Double q1,
        Double q3,
        Double mean,
        Double sd,
        String unit,
        String provenance,
        Long pipelineRunId,
        Integer nExcluded) {

    /** A measurement that no saved pipeline run produced (as before schema version 3). */
    public RoiMeasurement(
            Long id,
            long visitId,
            String mapKind,
            String region,
            Integer label,
            int n,
            Double median,
            Double q1,
            Double q3,
            Double mean,
            Double sd,
            String unit,
            String provenance) {
        this(id, visitId, mapKind, region, label, n, median, q1, q3, mean, sd, unit, provenance, null, null);
    }
}
