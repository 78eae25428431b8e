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
package org.ferrum.dicom.deid;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ferrum.dicom.DicomFile;
import org.ferrum.dicom.DicomFormatException;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.NotDicomException;
import org.ferrum.io.AtomicFiles;

/**
 * De-identifies every file under a folder into another, mirroring the folder tree, and writes the audit.
 *
 * <p>Contract: inputs are only read. Each output file is written atomically ({@link AtomicFiles}) at the same
 * relative path; a file that cannot be read or rewritten is not written and the run goes on. The audit {@value
 * #AUDIT} is written last (atomically), so an output folder without it is an unfinished run. Messages and the audit
 * name files by their path relative to the input folder and values by keyed hashes only, never by value.
 *
 * <p>Audit columns: {@code file, status, path, tag, name, action, old_value_hash, new_value, reason}; one row per
 * changed attribute (status {@code changed}) and one row per file with its status ({@code written}, {@code
 * flagged-written}, {@code flagged}, {@code failed}, {@code not-dicom}) and reason.
 */
public final class DeidentificationRun {

    /** The audit's file name in the output folder. */
    public static final String AUDIT = "deidentification-audit.csv";

    /** Counts for the summary. {@code flagged} counts both flagged statuses. */
    public record Summary(int filesIn, int written, int flagged, int failed, int notDicom, Path audit) {}

    /** Told about each file as it finishes, in input order. */
    public interface Listener {
        void file(String relativePath, Deidentifier.Status status, String reason);
    }

    private DeidentificationRun() {}

    /**
     * The options named in a comma-separated list of {@link DeidentificationOption#cliName()}s (blank: none).
     *
     * @throws IllegalArgumentException naming an unknown option (and listing the known ones) or two that exclude
     *     each other
     */
    public static Set<DeidentificationOption> parseOptions(String list) {
        Set<DeidentificationOption> options = EnumSet.noneOf(DeidentificationOption.class);
        if (list == null) {
            return options;
        }
        for (String name : list.split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                continue;
            }
            options.add(DeidentificationOption.byCliName(n)
                    .orElseThrow(() -> new IllegalArgumentException("unknown option '" + n + "'; the options are "
                            + Stream.of(DeidentificationOption.values())
                                    .map(DeidentificationOption::cliName)
                                    .collect(Collectors.joining(", ")))));
        }
        if (options.contains(DeidentificationOption.RETAIN_FULL_DATES)
                && options.contains(DeidentificationOption.RETAIN_MODIFIED_DATES)) {
            throw new IllegalArgumentException("retain-full-dates and retain-modified-dates exclude each other");
        }
        return options;
    }

    /**
     * Why {@code out} cannot receive a run from {@code in}, or null: {@code in} must be a folder; {@code out} must lie
     * outside it and not contain it, and be new or an empty folder (a run never mixes with older files).
     */
    public static String locationProblem(Path in, Path out) {
        Path i = in.toAbsolutePath().normalize();
        Path o = out.toAbsolutePath().normalize();
        if (!Files.isDirectory(i)) {
            return (Files.exists(i) ? "not a folder" : "no such folder")
                    + " (the input is the folder that holds the DICOM files)";
        }
        if (o.startsWith(i) || i.startsWith(o)) {
            return "the output folder must be outside the input folder and not contain it";
        }
        if (Files.exists(o)) {
            if (!Files.isDirectory(o)) {
                return "the output exists and is not a folder";
            }
            try (Stream<Path> s = Files.list(o)) {
                if (s.findAny().isPresent()) {
                    return "the output folder is not empty; de-identify into a new or empty folder";
                }
            } catch (IOException e) {
                return "the output folder cannot be listed (" + e.getClass().getSimpleName() + ")";
            }
        }
        return null;
    }

    /**
     * Runs over every regular file under {@code in} (symbolic links not followed), in sorted order, on {@code
     * threads} threads.
     */
    public static Summary run(Deidentifier deid, Path in, Path out, int threads, Listener listener) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(in)) {
            files = s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
        Files.createDirectories(out);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "ferrum-deidentify");
            t.setDaemon(true);
            return t;
        });
        int[] counts = new int[4]; // written, flagged, failed, not DICOM
        Path auditFile = out.resolve(AUDIT);
        try {
            List<Future<Deidentifier.Outcome>> futures = new ArrayList<>(files.size());
            for (Path f : files) {
                futures.add(pool.submit(() -> one(deid, in, out, f)));
            }
            // The audit streams into a temporary file that becomes AUDIT only when every file is done.
            AtomicFiles.write(auditFile, tmp -> {
                try (BufferedWriter audit = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    audit.write("file,status,path,tag,name,action,old_value_hash,new_value,reason\n");
                    for (int k = 0; k < files.size(); k++) {
                        String rel = relative(in, files.get(k));
                        Deidentifier.Outcome o = outcome(futures.get(k), in, files.get(k));
                        switch (o.status()) {
                            case WRITTEN -> counts[0]++;
                            case FLAGGED_WRITTEN -> {
                                counts[0]++;
                                counts[1]++;
                            }
                            case FLAGGED -> counts[1]++;
                            case FAILED -> counts[2]++;
                            case NOT_DICOM -> counts[3]++;
                        }
                        for (Deidentifier.Change c : o.changes()) {
                            row(
                                    audit,
                                    rel,
                                    "changed",
                                    c.path(),
                                    tagOf(c.path()),
                                    c.name(),
                                    c.action(),
                                    c.oldValueHash(),
                                    c.newValue(),
                                    "");
                        }
                        row(audit, rel, statusName(o.status()), "", "", "", "", "", "", o.reason());
                        listener.file(rel, o.status(), o.reason());
                    }
                }
            });
        } finally {
            pool.shutdownNow();
        }
        int written = counts[0];
        int flagged = counts[1];
        int failed = counts[2];
        int notDicom = counts[3];
        return new Summary(files.size(), written, flagged, failed, notDicom, auditFile);
    }

    private static Deidentifier.Outcome outcome(Future<Deidentifier.Outcome> future, Path in, Path file)
            throws IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new Deidentifier.Outcome(
                    Deidentifier.Status.FAILED,
                    null,
                    List.of(),
                    c.getClass().getSimpleName() + ": " + scrub(String.valueOf(c.getMessage()), in, file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("de-identification interrupted");
        }
    }

    private static Deidentifier.Outcome one(Deidentifier deid, Path in, Path out, Path file) throws IOException {
        DicomFile dicom;
        try {
            dicom = DicomParser.read(file);
        } catch (NotDicomException e) {
            return new Deidentifier.Outcome(Deidentifier.Status.NOT_DICOM, null, List.of(), "not a DICOM file");
        } catch (DicomFormatException e) {
            return new Deidentifier.Outcome(
                    Deidentifier.Status.FAILED, null, List.of(), scrub(e.getMessage(), in, file));
        }
        Deidentifier.Outcome o = deid.deidentify(dicom);
        if (o.status() == Deidentifier.Status.FAILED) {
            return new Deidentifier.Outcome(o.status(), null, o.changes(), scrub(o.reason(), in, file));
        }
        if (o.bytes() != null) {
            byte[] bytes = o.bytes();
            Path target = out.resolve(in.relativize(file).toString());
            AtomicFiles.write(target, tmp -> Files.write(tmp, bytes));
            return new Deidentifier.Outcome(o.status(), null, o.changes(), o.reason());
        }
        return o;
    }

    /** A message with the file's absolute path replaced by its path relative to the input folder. */
    static String scrub(String message, Path in, Path file) {
        if (message == null) {
            return "";
        }
        return message.replace(file.toAbsolutePath().toString(), relative(in, file))
                .replace(file.toString(), relative(in, file))
                .replace(in.toAbsolutePath().toString(), "IN");
    }

    static String relative(Path in, Path file) {
        return in.relativize(file).toString().replace('\\', '/');
    }

    private static String statusName(Deidentifier.Status s) {
        return switch (s) {
            case WRITTEN -> "written";
            case FLAGGED_WRITTEN -> "flagged-written";
            case FLAGGED -> "flagged";
            case FAILED -> "failed";
            case NOT_DICOM -> "not-dicom";
        };
    }

    private static String tagOf(String path) {
        int k = path.lastIndexOf('>');
        return k < 0 ? path : path.substring(k + 1);
    }

    /** One CSV row (RFC 4180 quoting). */
    private static void row(Writer w, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells[i] == null ? "" : cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                w.write('"');
                w.write(c.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(c);
            }
        }
        w.write('\n');
    }
}
