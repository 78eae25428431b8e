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
package org.ferrum.brain.measure;

import java.util.List;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.core.statistics.SampleStatistics;

/**
 * The two tables of {@code brain.nuclei.measure}, their columns declared once here (the study record and the charts
 * read them by these names).
 *
 * <p>{@link #measurements}: one row per (nucleus, hemisphere, map), columns {@link #MEASUREMENT_COLUMNS} in that
 * order (issue 18's fixed format): {@code nucleus}, {@code hemisphere} (left | right | both), {@code labels}
 * ({@code +}-joined values), {@code map} (chi | r2star), {@code unit} (ppm | ppb | 1/s), {@code n}, {@code n_excluded}
 * (NaN and ±∞ voxels), {@code mean}, {@code median}, {@code q1}, {@code q3}, {@code iqr}, {@code sd} (in the row's
 * unit), {@code reference} (csf | white_matter | whole_brain; none for R2*), {@code reference_median},
 * {@code mean_referenced}, {@code median_referenced} (value − reference median), and the same four for the
 * alternative reference. Number columns carry no unit (rows differ): the {@code unit} column says it.
 *
 * <p>{@link #pairs}: one row per (nucleus, hemisphere): what a χ–R2* scatter chart needs (x = {@code
 * chi_median_referenced} with {@code chi_q1_referenced}…{@code chi_q3_referenced}, y = {@code r2star_median} with
 * {@code r2star_q1}…{@code r2star_q3}, a series per {@code nucleus}, a marker per {@code hemisphere}) and the pattern
 * the pair reads with its baseline and thresholds ({@link NucleusMeasurements}).
 */
public final class NucleusTables {

    private NucleusTables() {}

    /** The measurements table's columns, in order. */
    public static final List<String> MEASUREMENT_COLUMNS = List.of(
            "nucleus",
            "hemisphere",
            "labels",
            "map",
            "unit",
            "n",
            "n_excluded",
            "mean",
            "median",
            "q1",
            "q3",
            "iqr",
            "sd",
            "reference",
            "reference_median",
            "mean_referenced",
            "median_referenced",
            "alt_reference",
            "alt_reference_median",
            "mean_alt_referenced",
            "median_alt_referenced");

    private static final List<String> TEXT =
            List.of("nucleus", "hemisphere", "labels", "map", "unit", "reference", "alt_reference");

    /** The measurements table of these rows. */
    public static Table measurements(List<NucleusMeasurements.Row> rows) {
        Table.Builder t = Table.builder(MEASUREMENT_COLUMNS.stream()
                .map(c -> TEXT.contains(c) ? Column.text(c) : Column.number(c, null))
                .toArray(Column[]::new));
        for (NucleusMeasurements.Row r : rows) {
            SampleStatistics s = r.statistics();
            t.row(
                    r.nucleus(),
                    r.hemisphere().word(),
                    r.labels(),
                    r.map(),
                    r.unit().symbol(),
                    s.n(),
                    r.excluded(),
                    s.mean(),
                    s.median(),
                    s.q1(),
                    s.q3(),
                    s.iqr(),
                    s.sd(),
                    r.reference(),
                    r.referenceMedian(),
                    r.meanReferenced(),
                    r.medianReferenced(),
                    r.altReference(),
                    r.altReferenceMedian(),
                    r.meanAltReferenced(),
                    r.medianAltReferenced());
        }
        return t.build();
    }

    /** The pairs table of these pairs; χ columns in {@code chiUnit}, R2* columns in 1/s. */
    public static Table pairs(List<NucleusMeasurements.Pair> pairs, PhysicalUnit chiUnit) {
        PhysicalUnit r2 = PhysicalUnit.PER_SECOND;
        Table.Builder t = Table.builder(
                Column.text("nucleus"),
                Column.text("hemisphere"),
                Column.text("labels"),
                Column.number("n", null),
                Column.text("chi_unit"),
                Column.text("reference"),
                Column.number("reference_median", chiUnit),
                Column.number("chi_median", chiUnit),
                Column.number("chi_median_referenced", chiUnit),
                Column.number("chi_q1_referenced", chiUnit),
                Column.number("chi_q3_referenced", chiUnit),
                Column.number("r2star_median", r2),
                Column.number("r2star_q1", r2),
                Column.number("r2star_q3", r2),
                Column.text("baseline"),
                Column.number("chi_baseline_median", chiUnit),
                Column.number("r2star_baseline_median", r2),
                Column.number("delta_chi", chiUnit),
                Column.number("delta_r2star", r2),
                Column.number("chi_threshold", chiUnit),
                Column.number("r2star_threshold", r2),
                Column.text("pattern"));
        for (NucleusMeasurements.Pair p : pairs) {
            SampleStatistics c = p.chi();
            SampleStatistics r = p.r2star();
            double nan = Double.NaN;
            t.row(
                    p.nucleus(),
                    p.hemisphere().word(),
                    p.labels(),
                    p.n(),
                    p.chiUnit().symbol(),
                    p.reference(),
                    p.referenceMedian(),
                    c.median(),
                    c.median() - p.referenceMedian(),
                    c.q1() - p.referenceMedian(),
                    c.q3() - p.referenceMedian(),
                    r == null ? nan : r.median(),
                    r == null ? nan : r.q1(),
                    r == null ? nan : r.q3(),
                    NucleusMeasurements.Reference.WHITE_MATTER.word(),
                    p.chiBaselineMedian(),
                    p.r2starBaselineMedian(),
                    p.deltaChi(),
                    p.deltaR2star(),
                    p.chiThreshold(),
                    p.r2starThreshold(),
                    p.pattern());
        }
        return t.build();
    }
}
