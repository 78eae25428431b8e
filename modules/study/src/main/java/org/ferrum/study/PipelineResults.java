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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.Provenance;

/**
 * Saves what a pipeline run produced to a visit in one step: its maps (the files written) and the rows of a
 * {@code liver.measurements} table as ROI measurements, with the run's provenance, in one transaction — all or nothing.
 *
 * <p>Measurement contract: for each row of the table (one per region: {@code label}, {@code name}) and each map M with
 * a {@code M_median} column, one {@link RoiMeasurement}: map kind M, region = name, label, n = {@code M_n} (else
 * {@code n}), median/q1/q3 from {@code M_median}/{@code M_q1}/{@code M_q3}, unit from the median column's unit; mean
 * and sd stay empty because {@code liver.measurements} reports robust statistics only. A NaN median (no voxels) is not
 * stored.
 */
public final class PipelineResults {

    private PipelineResults() {}

    /**
     * Saves the outputs of a headless run written to {@code outputDirectory} (as the runner writes them:
     * {@code <name>.nii.gz} per volume output, {@code provenance.json}): every volume output whose file exists becomes
     * a map of kind = output name; every table output with {@code *_median} columns becomes ROI measurements.
     *
     * @return the rows saved: maps first, then measurements
     */
    public static List<Record> saveToVisit(StudyDatabase db, long visitId, Execution run, Path outputDirectory)
            throws StudyException, IOException {
        Map<String, Path> maps = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        Table measurements = null;
        for (Map.Entry<String, Object> out : run.outputs().entrySet()) {
            if (out.getValue() instanceof Volume<?> v) {
                Path file = outputDirectory.resolve(out.getKey() + ".nii.gz");
                if (Files.exists(file)) {
                    maps.put(out.getKey(), file);
                    units.put(out.getKey(), v.unit() == null ? null : v.unit().symbol());
                }
            } else if (out.getValue() instanceof Table t
                    && t.columns().stream().anyMatch(c -> c.name().endsWith("_median"))) {
                measurements = t;
            }
        }
        Path provenanceFile = outputDirectory.resolve(Provenance.FILE_NAME);
        String provenance = Files.exists(provenanceFile) ? Files.readString(provenanceFile) : null;
        return saveToVisit(db, visitId, maps, units, measurements, provenance);
    }

    /**
     * Saves given map files and a measurements table.
     *
     * @param maps         map kind (chi, r2star, lic_qsm, …) → file
     * @param units        map kind → unit symbol (may lack entries)
     * @param measurements a {@code liver.measurements} table, or null
     * @param provenance   provenance JSON of the run, or null
     * @return the rows saved: maps first, then measurements
     */
    public static List<Record> saveToVisit(
            StudyDatabase db,
            long visitId,
            Map<String, Path> maps,
            Map<String, String> units,
            Table measurements,
            String provenance)
            throws StudyException {
        return db.inTransaction(r -> {
            if (r.find(Visit.class, visitId).isEmpty()) {
                throw new StudyException("no visit with id " + visitId, "visits", "id", null);
            }
            List<Record> saved = new ArrayList<>();
            for (Map.Entry<String, Path> m : maps.entrySet()) {
                saved.add(r.insert(new DerivedMap(
                        null,
                        visitId,
                        m.getKey().toLowerCase(Locale.ROOT),
                        m.getValue().toAbsolutePath().toString(),
                        units.get(m.getKey()),
                        provenance)));
            }
            if (measurements != null) {
                for (RoiMeasurement row : roiMeasurements(visitId, measurements, provenance)) {
                    saved.add(r.insert(row));
                }
            }
            return saved;
        });
    }

    /** The ROI measurements of a {@code liver.measurements} table (see the class contract). */
    public static List<RoiMeasurement> roiMeasurements(long visitId, Table t, String provenance) {
        List<String> names = t.columns().stream().map(Table.Column::name).toList();
        List<String> kinds = new ArrayList<>();
        for (String n : names) {
            if (n.endsWith("_median") && !n.startsWith("lic_diff")) {
                kinds.add(n.substring(0, n.length() - "_median".length()));
            }
        }
        List<RoiMeasurement> out = new ArrayList<>();
        for (int row = 0; row < t.rowCount(); row++) {
            Integer label = names.contains("label") ? (int) t.number(row, "label") : null;
            String region = names.contains("name") ? t.text(row, "name") : "label " + label;
            for (String kind : kinds) {
                double median = t.number(row, kind + "_median");
                if (Double.isNaN(median)) {
                    continue;
                }
                int n = (int) t.number(row, names.contains(kind + "_n") ? kind + "_n" : "n");
                PhysicalUnit unit =
                        t.columns().get(t.columnIndex(kind + "_median")).unit();
                out.add(new RoiMeasurement(
                        null,
                        visitId,
                        kind,
                        region,
                        label,
                        n,
                        median,
                        optional(t, row, kind + "_q1", names),
                        optional(t, row, kind + "_q3", names),
                        null,
                        null,
                        unit == null ? null : unit.symbol(),
                        provenance));
            }
        }
        return out;
    }

    private static Double optional(Table t, int row, String column, List<String> names) {
        if (!names.contains(column)) {
            return null;
        }
        double v = t.number(row, column);
        return Double.isNaN(v) ? null : v;
    }
}
