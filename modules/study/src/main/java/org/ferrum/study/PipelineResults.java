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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.Provenance;

/**
 * Saves what a pipeline run produced to a visit in one step: its maps (the files written), the run itself
 * ({@link PipelineRun}: run id, pipeline, operator versions, provenance) and the rows of its measurement tables as ROI
 * measurements referencing the run, in one transaction — all or nothing.
 *
 * <p>Two table shapes are read as measurements:
 *
 * <ul>
 *   <li><b>long</b> ({@code roi.measurements}, or any table with columns {@code map}, {@code median} and {@code name}
 *       or {@code label}): one {@link RoiMeasurement} per row — map kind = {@code map}, region = {@code name} (else
 *       "label N"), label, n, median, q1, q3, mean, sd where the columns exist, unit = the {@code unit} text column
 *       (else the median column's unit), n_excluded = {@code n_nan} + {@code n_inf};
 *   <li><b>wide</b> ({@code liver.measurements}): for each row and each map M with a {@code M_median} column one
 *       measurement: map kind M, n = {@code M_n} (else {@code n}), median/q1/q3 from {@code M_median}/{@code M_q1}/
 *       {@code M_q3}, unit from the median column's unit; mean and sd stay empty (robust statistics only),
 *       n_excluded = {@code M_n_nan} where present.
 * </ul>
 *
 * A third shape, the {@code measurements} table of {@code brain.nuclei.measure} (recognised by its columns,
 * {@link #isNucleusMeasurements}), is saved row for row as {@link NucleusMeasurement}s (table
 * {@code nucleus_measurements}) referencing the run, in the same transaction.
 *
 * A NaN median (no voxels) is not stored. Measurements saved with a run carry no provenance of their own: the run row
 * holds it once; those saved without one (the explicit-files overload) carry the given provenance, as before.
 */
public final class PipelineResults {

    private PipelineResults() {}

    /**
     * Saves the outputs of a headless run written to {@code outputDirectory} (as the runner writes them:
     * {@code <name>.nii.gz} per volume output, {@code provenance.json}): the run as a {@link PipelineRun}, every volume
     * output whose file exists as a map of kind = output name, every measurement table output (see the class comment)
     * as ROI measurements of the run.
     *
     * @return the rows saved: maps first, then the run, then the measurements
     * @throws StudyException also when this run ({@link #runId}) is already saved to the visit
     */
    public static List<Record> saveToVisit(StudyDatabase db, long visitId, Execution run, Path outputDirectory)
            throws StudyException, IOException {
        Map<String, Path> maps = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        List<Table> measurements = new ArrayList<>();
        for (Map.Entry<String, Object> out : run.outputs().entrySet()) {
            if (out.getValue() instanceof Volume<?> v) {
                Path file = outputDirectory.resolve(out.getKey() + ".nii.gz");
                if (Files.exists(file)) {
                    maps.put(out.getKey(), file);
                    units.put(out.getKey(), v.unit() == null ? null : v.unit().symbol());
                }
            } else if (out.getValue() instanceof Table t && isMeasurements(t)) {
                measurements.add(t);
            }
        }
        Path provenanceFile = outputDirectory.resolve(Provenance.FILE_NAME);
        String provenance = Files.exists(provenanceFile) ? Files.readString(provenanceFile) : null;
        PipelineRun saved = new PipelineRun(
                null,
                visitId,
                runId(run),
                run.pipeline().name() == null || run.pipeline().name().isBlank()
                        ? "(unnamed)"
                        : run.pipeline().name(),
                operatorVersions(run),
                run.started() == null ? null : run.started().toString(),
                provenance);
        return save(db, visitId, saved, maps, units, measurements, provenance);
    }

    /**
     * Saves given map files and a measurements table, without a run record (measurements entered from elsewhere).
     *
     * @param maps         map kind (chi, r2star, lic_qsm, …) → file
     * @param units        map kind → unit symbol (may lack entries)
     * @param measurements a measurement table (either shape of the class comment), or null
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
        return save(
                db, visitId, null, maps, units, measurements == null ? List.of() : List.of(measurements), provenance);
    }

    /**
     * Saves a run record, map files and measurement tables in one transaction; {@code run} may be null (no run record).
     * The run's {@code id} and {@code visitId} are ignored (the visit is {@code visitId}).
     */
    public static List<Record> save(
            StudyDatabase db,
            long visitId,
            PipelineRun run,
            Map<String, Path> maps,
            Map<String, String> units,
            List<Table> measurements,
            String provenance)
            throws StudyException {
        return db.inTransaction(r -> saveIn(r, visitId, run, maps, units, measurements, provenance));
    }

    /**
     * {@link #save} inside a transaction the caller holds (e.g. {@link CohortResults#saveTask}, which first finds or
     * creates the subject and visit in the same transaction): nothing is committed or rolled back here; a
     * {@link StudyException} leaves the rows written so far for the caller's rollback.
     */
    static List<Record> saveIn(
            StudyRepository r,
            long visitId,
            PipelineRun run,
            Map<String, Path> maps,
            Map<String, String> units,
            List<Table> measurements,
            String provenance)
            throws StudyException {
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
        Long runKey = null;
        if (run != null) {
            if (isSaved(r, visitId, run.runId())) {
                throw new StudyException(
                        "run " + run.runId() + " of pipeline '" + run.pipeline() + "' is already saved to visit "
                                + visitId + "; nothing was saved again",
                        "pipeline_runs",
                        "run_id",
                        null);
            }
            PipelineRun inserted = r.insert(new PipelineRun(
                    null,
                    visitId,
                    run.runId(),
                    run.pipeline(),
                    run.operatorVersions(),
                    run.startedAt(),
                    run.provenance()));
            saved.add(inserted);
            runKey = inserted.id();
        }
        for (Table t : measurements) {
            if (isNucleusMeasurements(t)) {
                List<NucleusMeasurement> rows;
                try {
                    rows = nucleusMeasurements(visitId, t, runKey);
                } catch (IllegalArgumentException e) {
                    throw new StudyException(e.getMessage(), "nucleus_measurements", null, e);
                }
                for (NucleusMeasurement row : rows) {
                    saved.add(r.insert(row));
                }
                continue;
            }
            String problem = numberCellProblem(t);
            if (problem != null) {
                throw new StudyException(problem, "roi_measurements", null, null);
            }
            for (RoiMeasurement row : roiMeasurements(visitId, t, runKey == null ? provenance : null, runKey)) {
                saved.add(r.insert(row));
            }
        }
        return saved;
    }

    /** True if the run {@code runId} is saved to the visit (run ids are unique per visit: {@code uq_pipeline_runs_run_id}). */
    static boolean isSaved(StudyRepository r, long visitId, String runId) throws StudyException {
        return r.findBy(PipelineRun.class, "visit_id", visitId).stream()
                .anyMatch(p -> p.runId().equals(runId));
    }

    /** True if {@code t} is a measurement table of either shape, or a nucleus table (see the class comment). */
    public static boolean isMeasurements(Table t) {
        return isNucleusMeasurements(t)
                || isLong(t)
                || t.columns().stream().anyMatch(c -> c.name().endsWith("_median"));
    }

    /** Columns that make a table a {@code brain.nuclei.measure} measurements table (the rest are optional). */
    private static final List<String> NUCLEUS_KEYS =
            List.of("nucleus", "hemisphere", "map", "unit", "median", "reference");

    /**
     * True if {@code t} is the {@code measurements} table of {@code brain.nuclei.measure}: it has the columns
     * {@code nucleus}, {@code hemisphere}, {@code map}, {@code unit}, {@code median} and {@code reference} (the others of
     * {@link NucleusMeasurement#COLUMNS} are read where present). Checked before the ROI shapes: its
     * {@code reference_median} column would otherwise read as the wide shape's map "reference".
     */
    public static boolean isNucleusMeasurements(Table t) {
        List<String> names = t.columns().stream().map(Table.Column::name).toList();
        return names.containsAll(NUCLEUS_KEYS);
    }

    /**
     * The rows of a {@code brain.nuclei.measure} table as {@link NucleusMeasurement}s of a visit, referencing the run
     * {@code runKey} (or null). NaN cells become null; a {@code none} alt reference is kept as "none".
     *
     * @throws IllegalArgumentException naming the row and column of a cell that is not what the format says
     */
    public static List<NucleusMeasurement> nucleusMeasurements(long visitId, Table t, Long runKey) {
        if (!isNucleusMeasurements(t)) {
            throw new IllegalArgumentException("not a brain.nuclei.measure table: it needs the columns " + NUCLEUS_KEYS
                    + "; it has " + t.columns().stream().map(Table.Column::name).toList());
        }
        List<NucleusMeasurement> out = new ArrayList<>();
        for (int row = 0; row < t.rowCount(); row++) {
            Double n = numberCell(t, row, "n");
            Double excluded = numberCell(t, row, "n_excluded");
            out.add(new NucleusMeasurement(
                    null,
                    visitId,
                    runKey,
                    textCell(t, row, "nucleus"),
                    lower(textCell(t, row, "hemisphere")),
                    textCell(t, row, "labels"),
                    lower(textCell(t, row, "map")),
                    textCell(t, row, "unit"),
                    n == null ? 0 : n.intValue(),
                    excluded == null ? null : excluded.intValue(),
                    numberCell(t, row, "mean"),
                    numberCell(t, row, "median"),
                    numberCell(t, row, "q1"),
                    numberCell(t, row, "q3"),
                    numberCell(t, row, "iqr"),
                    numberCell(t, row, "sd"),
                    lower(textCell(t, row, "reference")),
                    numberCell(t, row, "reference_median"),
                    numberCell(t, row, "mean_referenced"),
                    numberCell(t, row, "median_referenced"),
                    lower(textCell(t, row, "alt_reference")),
                    numberCell(t, row, "alt_reference_median"),
                    numberCell(t, row, "mean_alt_referenced"),
                    numberCell(t, row, "median_alt_referenced")));
        }
        return out;
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    /** A text cell (a number written as text, e.g. labels "12"), or null if the column is absent or blank. */
    private static String textCell(Table t, int row, String column) {
        if (t.columns().stream().noneMatch(c -> c.name().equals(column))) {
            return null;
        }
        Object v = t.cell(row, t.columnIndex(column));
        if (v instanceof Double d) {
            return d.isNaN() ? null : d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
        }
        String s = (String) v;
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A number cell, or null if the column is absent or the cell NaN/empty. */
    private static Double numberCell(Table t, int row, String column) {
        if (t.columns().stream().noneMatch(c -> c.name().equals(column))) {
            return null;
        }
        Object v = t.cell(row, t.columnIndex(column));
        if (v instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        String s = v == null ? "" : v.toString().strip();
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("brain.nuclei.measure table, row " + (row + 1) + ", column " + column
                    + ": '" + s + "' is not a number");
        }
    }

    /**
     * Where an ROI measurement table (long or wide shape) holds something other than a number in a column that is read
     * as one ({@code label}, {@code n}, {@code median}, {@code q1}, {@code q3}, {@code mean}, {@code sd}, the NaN/∞
     * counts, and the wide shape's {@code M_median}, {@code M_q1}, {@code M_q3}, {@code M_n}, {@code M_n_nan}):
     * "row R, column C: 'x' is not a number" for the first such cell, or null if there is none. A CSV column holding
     * any non-number is read as text ({@code TableCsv.parse}), so such a cell makes its whole column text.
     */
    public static String numberCellProblem(Table t) {
        List<String> names = t.columns().stream().map(Table.Column::name).toList();
        List<String> numeric = new ArrayList<>(List.of("label", "n"));
        if (isLong(t)) {
            numeric.addAll(List.of("n_nan", "n_inf", "median", "q1", "q3", "mean", "sd"));
        } else {
            for (String n : names) {
                if (n.endsWith("_median")) {
                    String kind = n.substring(0, n.length() - "_median".length());
                    numeric.addAll(List.of(n, kind + "_q1", kind + "_q3", kind + "_n", kind + "_n_nan"));
                }
            }
        }
        for (String column : numeric) {
            int c = names.indexOf(column);
            if (c < 0 || t.columns().get(c).kind() == Table.Column.Kind.NUMBER) {
                continue;
            }
            for (int row = 0; row < t.rowCount(); row++) {
                Object v = t.cell(row, c);
                String text = v == null ? "" : v.toString().strip();
                if (!(v instanceof Double) && !text.isEmpty()) {
                    try {
                        Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        return "row " + (row + 1) + ", column " + column + ": '" + text + "' is not a number";
                    }
                }
            }
            return "column " + column + " holds text where numbers are expected";
        }
        return null;
    }

    private static boolean isLong(Table t) {
        List<String> names = t.columns().stream().map(Table.Column::name).toList();
        return names.contains("map") && names.contains("median") && (names.contains("name") || names.contains("label"));
    }

    /**
     * The identity of a run: the first 16 hex digits of the SHA-256 of the pipeline as run (its JSON) and the start
     * instant, so the same run saved twice has the same id and two runs of one pipeline differ.
     */
    public static String runId(Execution run) {
        String text = PipelineFormat.write(run.pipeline()) + "\n" + run.started() + "\n" + run.nanos();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operators that ran or were reused: distinct {@code "id version"}, sorted, comma-separated. */
    public static String operatorVersions(Execution run) {
        return run.nodeRuns().stream()
                .map(n -> n.operatorId() + " " + n.version())
                .distinct()
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /** The ROI measurements of a measurement table of either shape (see the class contract), without a run. */
    public static List<RoiMeasurement> roiMeasurements(long visitId, Table t, String provenance) {
        return roiMeasurements(visitId, t, provenance, null);
    }

    /** The ROI measurements of a measurement table, referencing the saved run {@code runKey} (or null). */
    public static List<RoiMeasurement> roiMeasurements(long visitId, Table t, String provenance, Long runKey) {
        if (isNucleusMeasurements(t)) {
            throw new IllegalArgumentException(
                    "a brain.nuclei.measure table is saved as nucleus measurements (nucleusMeasurements), not ROI rows");
        }
        return isLong(t) ? longRows(visitId, t, provenance, runKey) : wideRows(visitId, t, provenance, runKey);
    }

    private static List<RoiMeasurement> longRows(long visitId, Table t, String provenance, Long runKey) {
        List<String> names = t.columns().stream().map(Table.Column::name).toList();
        PhysicalUnit medianUnit = t.columns().get(t.columnIndex("median")).unit();
        List<RoiMeasurement> out = new ArrayList<>();
        for (int row = 0; row < t.rowCount(); row++) {
            double median = t.number(row, "median");
            if (Double.isNaN(median)) {
                continue;
            }
            Integer label = names.contains("label") ? (int) t.number(row, "label") : null;
            String region = names.contains("name") ? t.text(row, "name") : "label " + label;
            String unit = names.contains("unit") ? t.text(row, "unit") : null;
            if ((unit == null || unit.isBlank()) && medianUnit != null) {
                unit = medianUnit.symbol();
            }
            Integer excluded = null;
            if (names.contains("n_nan") || names.contains("n_inf")) {
                excluded = (int) (count(t, row, "n_nan", names) + count(t, row, "n_inf", names));
            }
            out.add(new RoiMeasurement(
                    null,
                    visitId,
                    t.text(row, "map"),
                    region,
                    label,
                    names.contains("n") ? (int) t.number(row, "n") : 0,
                    median,
                    optional(t, row, "q1", names),
                    optional(t, row, "q3", names),
                    optional(t, row, "mean", names),
                    optional(t, row, "sd", names),
                    unit == null || unit.isBlank() ? null : unit,
                    provenance,
                    runKey,
                    excluded));
        }
        return out;
    }

    private static double count(Table t, int row, String column, List<String> names) {
        if (!names.contains(column)) {
            return 0;
        }
        double v = t.number(row, column);
        return Double.isNaN(v) ? 0 : v;
    }

    private static List<RoiMeasurement> wideRows(long visitId, Table t, String provenance, Long runKey) {
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
                Integer excluded = names.contains(kind + "_n_nan") ? (int) count(t, row, kind + "_n_nan", names) : null;
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
                        provenance,
                        runKey,
                        excluded));
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
