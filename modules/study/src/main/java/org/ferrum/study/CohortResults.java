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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ferrum.core.Table;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.io.table.TableCsv;
import org.ferrum.pipeline.Provenance;

/**
 * Saves the results of one cohort task (one subject at one visit, run by {@code modules/batch}) into the study
 * database in one transaction: the subject and visit (found by subject code and session label, created if missing),
 * the run ({@link PipelineRun}), its maps and measurement tables, read back from the task's folder
 * ({@code derivatives/ferrum/sub-S/ses-V/} with its {@code provenance.json}). All or nothing; saving the same run
 * again changes nothing.
 *
 * <p>Contract of {@link #saveTask}:
 *
 * <ul>
 *   <li>Files are found through {@code provenance.json}'s {@code outputs} member only (output name → file name in
 *       the folder, as {@code HeadlessRunner.writeResults} and the batch runner write it): a {@code .nii.gz} file is
 *       a map (kind = output name, unit from its NIfTI header); a {@code .csv} file read by {@link TableCsv#read}
 *       (the inverse of the runner's table writer, units from the {@code name [unit]} headers) that is a measurement
 *       table ({@link PipelineResults#isMeasurements}) gives measurements exactly as {@link PipelineResults#save}
 *       stores them; other outputs are not stored. Everything is read and checked before the database is touched.
 *   <li>Run id = the first 16 hex digits of the SHA-256 of the {@code provenance.json} bytes: the same published
 *       folder (also one the batch runner reused) is the same run; a task run again (new start time) is a new run of
 *       the visit, which {@link VisitMeasurements} then prefers (the run saved last wins).
 *   <li>Subject = the subject whose code is the BIDS label (created with nothing but the code); visit = with a date,
 *       the subject's visit of that date and session label ({@code uq_visits_visit_date}), created if missing; without
 *       a date, the subject's only visit with that session label — none or several is refused, naming the task.
 *       Find-or-create is safe against concurrent writers (other threads, processes, cluster drivers): a creation that
 *       loses the race on a unique constraint is rolled back to a savepoint and the winner's row is read instead.
 *   <li>All in one transaction: any failure (unreadable file, refused row) leaves every table as it was. A run already
 *       saved to the visit (also by a concurrent writer) returns {@link Saved#alreadySaved} and writes nothing.
 *   <li>No PHI: the subject row holds only the label; the stored provenance is {@code provenance.json} with the values
 *       of file inputs (paths, which may name a patient) replaced by their SHA-256, everywhere they occur.
 * </ul>
 */
public final class CohortResults {

    /**
     * What {@link #saveTask} did.
     *
     * @param subjectId    the subject's key
     * @param visitId      the visit's key
     * @param rows         rows inserted (0 when already saved)
     * @param alreadySaved true if this run (its run id) was saved to the visit before: nothing was written
     */
    public record Saved(long subjectId, long visitId, int rows, boolean alreadySaved) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** BIDS label: alphanumeric (BIDS 1.9, "Entities": a label is [a-zA-Z0-9]+). */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]+");

    /** SQLSTATE of a unique-constraint violation (SQL:2011 class 23 "integrity constraint violation"; H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";

    private CohortResults() {}

    /**
     * Saves one task folder.
     *
     * @param subject    BIDS subject label (the subject's code in the study)
     * @param visit      BIDS session label (the visit's session label), or "" for a dataset without sessions
     * @param date       the visit date, or null: then an existing visit with this session label is used, and without
     *                   one the task is refused ({@link StudyException} naming the missing date)
     * @param taskFolder the task's output folder as the batch runner publishes it
     * @throws StudyException if the database refuses (nothing is written)
     * @throws IOException    if the folder's provenance or tables cannot be read (nothing is written)
     */
    public static Saved saveTask(StudyDatabase db, String subject, String visit, LocalDate date, Path taskFolder)
            throws StudyException, IOException {
        String session = visit == null ? "" : visit.strip();
        if (subject == null || !LABEL.matcher(subject).matches()) {
            throw new StudyException(
                    "task in " + taskFolder + ": subject label '" + subject
                            + "' is not a BIDS label (letters and digits)",
                    "subjects",
                    "code",
                    null);
        }
        if (!session.isEmpty() && !LABEL.matcher(session).matches()) {
            throw new StudyException(
                    "task " + taskId(subject, "") + ": session label '" + session
                            + "' is not a BIDS label (letters and digits)",
                    "visits",
                    "session_label",
                    null);
        }
        String task = taskId(subject, session);
        TaskFolder read = TaskFolder.read(task, taskFolder);
        try {
            return db.inTransaction(r -> {
                int created = 0;
                Optional<Subject> found = r.subjectByCode(subject);
                long subjectId;
                if (found.isPresent()) {
                    subjectId = found.get().id();
                } else {
                    Got<Subject> s = insertOrFind(
                            r,
                            new Subject(null, subject, null, null, null, null, null),
                            () -> r.subjectByCode(subject));
                    subjectId = s.row().id();
                    created += s.inserted() ? 1 : 0;
                }
                Visit v = findVisit(r, task, subjectId, session, date);
                if (v == null) {
                    Got<Visit> fresh = insertOrFind(
                            r,
                            new Visit(null, subjectId, date, null, session, null),
                            () -> Optional.ofNullable(findVisit(r, task, subjectId, session, date)));
                    v = fresh.row();
                    created += fresh.inserted() ? 1 : 0;
                }
                if (PipelineResults.isSaved(r, v.id(), read.run().runId())) {
                    return new Saved(subjectId, v.id(), 0, true);
                }
                List<Record> rows = PipelineResults.saveIn(
                        r,
                        v.id(),
                        read.run(),
                        read.maps(),
                        read.units(),
                        read.tables(),
                        read.run().provenance());
                return new Saved(subjectId, v.id(), created + rows.size(), false);
            });
        } catch (StudyException e) {
            // A concurrent writer saved the same run between our check and our insert: the unique run id refused ours
            // and everything of this transaction was rolled back; the run is there, so this is "already saved".
            if (isUniqueViolation(e) && "pipeline_runs".equals(e.table().orElse(null))) {
                Optional<Saved> again = db.inTransaction(r -> {
                    Optional<Subject> s = r.subjectByCode(subject);
                    if (s.isEmpty()) {
                        return Optional.empty();
                    }
                    Visit v = findVisit(r, task, s.get().id(), session, date);
                    return v != null
                                    && PipelineResults.isSaved(
                                            r, v.id(), read.run().runId())
                            ? Optional.of(new Saved(s.get().id(), v.id(), 0, true))
                            : Optional.empty();
                });
                if (again.isPresent()) {
                    return again.get();
                }
            }
            if (e.getMessage() != null && e.getMessage().startsWith("task " + task + ":")) {
                throw e;
            }
            throw new StudyException(
                    "task " + task + ": " + e.getMessage() + "; nothing was saved",
                    e.table().orElse(null),
                    e.field().orElse(null),
                    e);
        }
    }

    /** {@code sub-S_ses-V}, or {@code sub-S} without a session (as {@code CohortTask.id()}). */
    static String taskId(String subject, String session) {
        return "sub-" + subject + (session.isEmpty() ? "" : "_ses-" + session);
    }

    /** A row found or created, and which. */
    private record Got<R>(R row, boolean inserted) {}

    /** Finds a row that a concurrent writer may be creating at the same moment. */
    @FunctionalInterface
    private interface Lookup<R> {
        Optional<R> find() throws StudyException;
    }

    /**
     * Inserts {@code row}; if a unique constraint refuses it because another transaction committed the same key
     * meanwhile (both H2 and PostgreSQL make the second writer wait for the first, then report 23505), rolls back to
     * a savepoint taken before the insert — PostgreSQL would otherwise refuse every further statement of the
     * transaction — and returns the committed row, which READ COMMITTED lets this transaction see.
     */
    private static <R extends Record> Got<R> insertOrFind(StudyRepository r, R row, Lookup<R> lookup)
            throws StudyException {
        java.sql.Savepoint sp;
        try {
            sp = r.savepoint();
        } catch (SQLException e) {
            throw new StudyException("cannot set a savepoint: " + e.getMessage(), null, null, e);
        }
        try {
            return new Got<>(r.insert(row), true);
        } catch (StudyException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            try {
                r.rollbackTo(sp);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw e;
            }
            return new Got<>(lookup.find().orElseThrow(() -> e), false);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The visit of the contract (with a date: that date and session label; without: the only visit with the label), or
     * null when a visit with a date is still to be created.
     *
     * @throws StudyException without a date, when no visit or several visits have the session label
     */
    private static Visit findVisit(StudyRepository r, String task, long subjectId, String session, LocalDate date)
            throws StudyException {
        List<Visit> labelled = r.visitsOf(subjectId).stream()
                .filter(v -> v.sessionLabel().equals(session))
                .toList();
        if (date != null) {
            return labelled.stream()
                    .filter(v -> date.equals(v.visitDate()))
                    .findFirst()
                    .orElse(null);
        }
        if (labelled.size() == 1) {
            return labelled.get(0);
        }
        String which = session.isEmpty() ? "without a session label" : "with session label '" + session + "'";
        if (labelled.isEmpty()) {
            throw new StudyException(
                    "task " + task + ": no visit date given (manifest column 'date') and the study has no visit "
                            + which + " of this subject to use; give the date",
                    "visits",
                    "visit_date",
                    null);
        }
        throw new StudyException(
                "task " + task + ": no visit date given and the subject has " + labelled.size() + " visits " + which
                        + " ("
                        + String.join(
                                ", ",
                                labelled.stream()
                                        .map(v -> v.visitDate().toString())
                                        .toList())
                        + "); give the date",
                "visits",
                "visit_date",
                null);
    }

    /** What a task folder holds for the study, read and checked before any row is written. */
    private record TaskFolder(PipelineRun run, Map<String, Path> maps, Map<String, String> units, List<Table> tables) {

        static TaskFolder read(String task, Path folder) throws IOException, StudyException {
            Path provenanceFile = folder.resolve(Provenance.FILE_NAME);
            if (!Files.isRegularFile(provenanceFile)) {
                throw new IOException("task " + task + ": " + provenanceFile + " is missing; the folder is not a"
                        + " published task (the batch runner writes provenance.json last)");
            }
            byte[] bytes = Files.readAllBytes(provenanceFile);
            JsonNode root;
            try {
                root = MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new IOException(provenanceFile + ": not JSON: " + e.getMessage(), e);
            }
            if (root == null || !root.isObject() || !root.path("outputs").isObject()) {
                throw new IOException(provenanceFile + ": no 'outputs' object (output name → file name)");
            }
            Map<String, Path> maps = new LinkedHashMap<>();
            Map<String, String> units = new LinkedHashMap<>();
            List<Table> tables = new ArrayList<>();
            Path base = folder.toAbsolutePath().normalize();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("outputs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> out = it.next();
                String name = out.getKey();
                String fileName = out.getValue().asText("");
                Path file = base.resolve(fileName).normalize();
                if (fileName.isBlank() || !file.startsWith(base) || file.equals(base)) {
                    throw new IOException(provenanceFile + ", outputs." + name + ": '" + fileName
                            + "' is not a file inside the task folder");
                }
                if (fileName.endsWith(".nii.gz") || fileName.endsWith(".nii")) {
                    if (!Files.isRegularFile(file)) {
                        throw new IOException(provenanceFile + ", outputs." + name + ": " + file + " is missing");
                    }
                    maps.put(name, file);
                    units.put(
                            name,
                            new NiftiReader()
                                    .readHeader(file)
                                    .unit()
                                    .map(u -> u.symbol())
                                    .orElse(null));
                } else if (fileName.endsWith(".csv")) {
                    Table t;
                    try {
                        t = TableCsv.read(file);
                    } catch (IOException e) {
                        throw new IOException(file + " (output '" + name + "'): " + e.getMessage(), e);
                    }
                    if (PipelineResults.isMeasurements(t) && !PipelineResults.isNucleusMeasurements(t)) {
                        String problem = PipelineResults.numberCellProblem(t);
                        if (problem != null) {
                            throw new StudyException(
                                    "task " + task + ": " + file + " (output '" + name + "'), " + problem
                                            + "; nothing was saved",
                                    "roi_measurements",
                                    null,
                                    null);
                        }
                    }
                    if (PipelineResults.isMeasurements(t)) {
                        tables.add(t);
                    }
                }
            }
            String pipeline = root.path("pipeline").path("name").asText("");
            TreeSet<String> versions = new TreeSet<>();
            for (JsonNode n : root.path("nodes")) {
                versions.add(
                        n.path("operator").asText("?") + " " + n.path("version").asText("?"));
            }
            PipelineRun run = new PipelineRun(
                    null,
                    0,
                    runId(bytes),
                    pipeline.isBlank() ? "(unnamed)" : pipeline,
                    String.join(", ", versions),
                    root.path("started").isTextual() ? root.get("started").asText() : null,
                    MAPPER.writeValueAsString(withoutFilePaths((ObjectNode) root.deepCopy())));
            return new TaskFolder(run, maps, units, tables);
        }
    }

    /** First 16 hex digits of the SHA-256 of the provenance file. */
    static String runId(byte[] provenance) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(provenance), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The provenance with every file input's value (a path, which may hold a patient's name) replaced by
     * {@code sha256:<hash>} wherever it occurs — the input, the node parameters it was bound to, node logs and
     * warnings. Inputs without a hash (numbers, options) are kept.
     */
    static ObjectNode withoutFilePaths(ObjectNode provenance) {
        Map<String, String> replace = new LinkedHashMap<>();
        JsonNode inputs = provenance.path("inputs");
        for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> in = it.next();
            JsonNode value = in.getValue().path("value");
            JsonNode hash = in.getValue().path("sha256");
            if (value.isTextual() && hash.isTextual() && !value.asText().isBlank()) {
                replace.put(value.asText(), "sha256:" + hash.asText());
                ((ObjectNode) in.getValue()).put("value", "sha256:" + hash.asText());
            }
        }
        // longest first, so a path is replaced before a shorter path it contains
        List<Map.Entry<String, String>> order = new ArrayList<>(replace.entrySet());
        order.sort((a, b) -> b.getKey().length() - a.getKey().length());
        return (ObjectNode) scrub(provenance, order);
    }

    private static JsonNode scrub(JsonNode node, List<Map.Entry<String, String>> replace) {
        if (node.isTextual()) {
            String text = node.asText();
            for (Map.Entry<String, String> e : replace) {
                text = text.replace(e.getKey(), e.getValue());
            }
            return TextNode.valueOf(text);
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                o.set(n, scrub(o.get(n), replace));
            }
        } else if (node.isArray()) {
            var a = (com.fasterxml.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, scrub(a.get(i), replace));
            }
        }
        return node;
    }
}
