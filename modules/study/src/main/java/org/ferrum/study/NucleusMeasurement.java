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

import java.util.List;
import org.ferrum.brain.measure.NucleusTables;

/**
 * One row of the {@code measurements} table of {@code brain.nuclei.measure} saved to a visit (table
 * {@code nucleus_measurements}, schema version 4): χ or R2* statistics of one deep grey nucleus and hemisphere, raw and
 * referenced to two reference regions. The components are that table's columns in its order (NaN cells stored as
 * null), after the keys.
 *
 * <p>Referenced = value − reference median, in the row's unit. The database checks hemisphere ∈ {left, right, both},
 * map ∈ {chi, r2star}, unit ppm|ppb (chi) or 1/s (r2star), q1 ≤ median ≤ q3, n, n_excluded, iqr, sd ≥ 0 and the
 * references ∈ {csf, white_matter, whole_brain, none}.
 *
 * @param id                  database key; null before insertion
 * @param visitId             the {@link Visit}
 * @param pipelineRunId       the {@link PipelineRun} the row came from, or null (imported, demo)
 * @param nucleus             structure name, e.g. "putamen"
 * @param hemisphere          "left", "right" or "both" (= left ∪ right)
 * @param labels              label values, "+"-joined, e.g. "12+51", or null
 * @param map                 "chi" or "r2star"
 * @param unit                "ppm", "ppb" or "1/s"
 * @param n                   voxels measured
 * @param nExcluded           NaN/∞ voxels left out, or null
 * @param mean                mean, or null
 * @param median              median, or null
 * @param q1                  first quartile, or null
 * @param q3                  third quartile, or null
 * @param iqr                 q3 − q1, or null
 * @param sd                  sample standard deviation, or null
 * @param reference           the reference region: csf, white_matter, whole_brain; none for r2star rows
 * @param referenceMedian     the reference region's median, or null
 * @param meanReferenced      mean − reference median, or null
 * @param medianReferenced    median − reference median, or null
 * @param altReference        the second reference region, or null / none
 * @param altReferenceMedian  its median, or null
 * @param meanAltReferenced   mean − alt reference median, or null
 * @param medianAltReferenced median − alt reference median, or null
 */
public record NucleusMeasurement(
        Long id,
        long visitId,
        Long pipelineRunId,
        String nucleus,
        String hemisphere,
        String labels,
        String map,
        String unit,
        int n,
        Integer nExcluded,
        Double mean,
        Double median,
        Double q1,
        Double q3,
        Double iqr,
        Double sd,
        String reference,
        Double referenceMedian,
        Double meanReferenced,
        Double medianReferenced,
        String altReference,
        Double altReferenceMedian,
        Double meanAltReferenced,
        Double medianAltReferenced) {

    /** The map names of the table. */
    public static final String CHI = "chi", R2STAR = "r2star";

    /** Reference "none": the raw value (r2star rows, or χ not referenced). */
    public static final String NONE = org.ferrum.brain.measure.NucleusMeasurements.NONE;

    /** The reference regions of the table. */
    public static final List<String> REFERENCES = List.of("csf", "white_matter", "whole_brain");

    /** The columns of brain.nuclei.measure's measurements table, in its order (the fixed format of issue 18). */
    public static final List<String> COLUMNS = NucleusTables.MEASUREMENT_COLUMNS;

    /**
     * The median referenced to {@code reference} ("none": the raw median), converted to {@code toUnit} (ppm ↔ ppb;
     * 1/s stays), or NaN if this row does not carry that reference or has no median.
     */
    public double median(String reference, String toUnit) {
        Double v;
        if (NONE.equals(reference)) {
            v = median;
        } else if (reference.equals(this.reference)) {
            v = medianReferenced;
        } else if (reference.equals(altReference)) {
            v = medianAltReferenced;
        } else {
            v = null;
        }
        if (v == null) {
            return Double.NaN;
        }
        return v * scale(unit, toUnit);
    }

    /** The factor from unit {@code from} to {@code to}: 1000 for ppm → ppb, 0.001 back, 1 if equal. */
    public static double scale(String from, String to) {
        if (to == null || from.equals(to)) {
            return 1;
        }
        if (from.equals("ppm") && to.equals("ppb")) {
            return 1000;
        }
        if (from.equals("ppb") && to.equals("ppm")) {
            return 0.001;
        }
        throw new IllegalArgumentException("cannot convert " + from + " to " + to);
    }
}
