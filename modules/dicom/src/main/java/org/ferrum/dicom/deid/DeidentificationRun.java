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
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ferrum.dicom.DicomDataset;
import org.ferrum.dicom.DicomFile;
import org.ferrum.dicom.DicomFormatException;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.NotDicomException;
import org.ferrum.io.AtomicFiles;

/**
 * De-identifies every file under a folder into another under names made of de-identified identifiers only, and
 * writes the audit.
 *
 * <p>Why renaming: PS3.15 governs the data set, not file names, yet archives routinely name folders and files after
 * the patient ({@code SMITH_JOHN_19500101/}, {@code MRN12345/}, accession numbers); mirroring them would carry PHI into
 * the output, the audit and every message. So by default a file is written as {@link #outputName}: {@code
 * <pseudonym>/<study>/<series number>_<series>/<instance>.dcm}, where the pseudonym is the one written into the file
 * ({@link DeidentificationKeys#pseudonym}) and study, series and instance are keyed 16-hex-digit labels of the original
 * Study, Series and SOP Instance UIDs ({@link DeidentificationKeys#nameLabel}): the same for the same secret in every
 * run, at most about 100 characters in all, and unrelated to the UIDs without the secret. With {@code keepNames} the
 * input tree is mirrored instead (for inputs whose names are known to be free of PHI).
 *
 * <p>Contract: inputs are only read. Each output file is written atomically ({@link AtomicFiles}); a file that
 * cannot be read or rewritten is not written and the run goes on. Two inputs that map to the same output name are not
 * both written: the first in sorted input order is kept and each other one is reported as failed, naming the kept one
 * (whatever the thread timing, the same input wins). The audit {@value #AUDIT} is written last (atomically), so an
 * output folder without it is an unfinished run. Messages and the audit name an input file by {@link
 * DeidentificationKeys#inputName} of its relative path (by the relative path itself with {@code keepNames}) and values
 * by keyed hashes only, never by value.
 *
 * <p>Audit columns: {@code file, output, status, path, tag, name, action, old_value_hash, new_value, reason}; one row
 * per changed attribute (status {@code changed}) and one row per file with its status ({@code written}, {@code
 * flagged-written}, {@code flagged}, {@code failed}, {@code not-dicom}), its output name (empty if not written) and
 * reason.
 */
public final class DeidentificationRun {

    /** The audit's file name in the output folder. */
    public static final String AUDIT = "deidentification-audit.csv";

    /** The warning for a run that keeps the input names (after the option's name). */
    public static final String KEEP_NAMES_WARNING = "output folder and file names mirror the input's, and the audit and"
            + " messages name input files by their relative path: a folder or file named after a patient (name,"
            + " birth date, MRN, accession number) is copied as it is";

    /** Counts for the summary. {@code flagged} counts both flagged statuses. */
    public record Summary(int filesIn, int written, int flagged, int failed, int notDicom, Path audit) {}

    /** Told about each file as it finishes, in input order. */
    public interface Listener {
        /**
         * @param input  the input file's name for messages: {@link DeidentificationKeys#inputName} of its relative
         *     path, or the relative path itself when names are kept
         * @param output the written file's path relative to the output folder, or "" if nothing was written
         */
        void file(String input, String output, Deidentifier.Status status, String reason);
    }

    private static final int PATIENT_ID = 0x00100020;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final int SERIES_NUMBER = 0x00200011;
    private static final int SOP_INSTANCE_UID = 0x00080018;

    /** Which input (lowest sorted index) holds an output name; guards the write to it. */
    private static final class Claim {
        int owner = Integer.MAX_VALUE;
    }

    /** A finished file: its outcome (bytes dropped) and output name (null if nothing was written). */
    private record Done(Deidentifier.Outcome outcome, String output) {}

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

    /** {@link #run(Deidentifier, Path, Path, int, boolean, Listener)} with de-identified output names. */
    public static Summary run(Deidentifier deid, Path in, Path out, int threads, Listener listener) throws IOException {
        return run(deid, in, out, threads, false, listener);
    }

    /**
     * Runs over every regular file under {@code in} (symbolic links not followed), in sorted order, on {@code
     * threads} threads; {@code keepNames} mirrors the input tree instead of renaming.
     */
    public static Summary run(Deidentifier deid, Path in, Path out, int threads, boolean keepNames, Listener listener)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(in)) {
            files = s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
        List<String> names = files.stream()
                .map(f -> keepNames ? relative(in, f) : deid.keys().inputName(relative(in, f)))
                .toList();
        Files.createDirectories(out);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "ferrum-deidentify");
            t.setDaemon(true);
            return t;
        });
        ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();
        int[] counts = new int[4]; // written, flagged, failed, not DICOM
        Path auditFile = out.resolve(AUDIT);
        try {
            List<Future<Done>> futures = new ArrayList<>(files.size());
            for (int k = 0; k < files.size(); k++) {
                int index = k;
                futures.add(pool.submit(
                        () -> one(deid, in, out, files.get(index), index, names.get(index), keepNames, claims)));
            }
            // The audit streams into a temporary file that becomes AUDIT only when every file is done.
            AtomicFiles.write(auditFile, tmp -> {
                try (BufferedWriter audit = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    audit.write("file,output,status,path,tag,name,action,old_value_hash,new_value,reason\n");
                    for (int k = 0; k < files.size(); k++) {
                        String name = names.get(k);
                        Done d = outcome(futures.get(k), in, files.get(k), name);
                        Deidentifier.Outcome o = d.outcome();
                        String output = d.output() == null ? "" : d.output();
                        if (!output.isEmpty()) {
                            // Every input before k is finished, so the owner is final for k's verdict.
                            int owner;
                            Claim c = claims.get(output);
                            synchronized (c) {
                                owner = c.owner;
                            }
                            if (owner != k) {
                                o = new Deidentifier.Outcome(
                                        Deidentifier.Status.FAILED,
                                        null,
                                        o.changes(),
                                        "not written: its output name " + output + " is that of " + names.get(owner)
                                                + ", which is kept (same patient, study, series and SOP Instance UID)");
                                output = "";
                            }
                        }
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
                                    name,
                                    output,
                                    "changed",
                                    c.path(),
                                    tagOf(c.path()),
                                    c.name(),
                                    c.action(),
                                    c.oldValueHash(),
                                    c.newValue(),
                                    "");
                        }
                        row(audit, name, output, statusName(o.status()), "", "", "", "", "", "", o.reason());
                        listener.file(name, output, o.status(), o.reason());
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

    /**
     * The output name of a de-identified file, relative to the output folder and '/'-separated: {@code
     * <pseudonym>/<study>/<series number>_<series>/<instance>.dcm} with the pseudonym of the file's Patient ID and
     * {@link DeidentificationKeys#nameLabel}s of its Study, Series and SOP Instance UIDs (kinds {@code study}, {@code
     * series}, {@code sop}). A missing or unreadable Series Number is written {@code x}, a negative one as its
     * digits after {@code m}; a missing UID is labelled as the empty UID, except a missing SOP Instance UID, which
     * takes the label of the input's relative path (kind {@code input}) so that such files do not all clash.
     */
    public static String outputName(DeidentificationKeys keys, DicomDataset ds, String relativePath)
            throws DicomFormatException {
        String patient = keys.pseudonym(ds.string(PATIENT_ID).orElse(""));
        String study = keys.nameLabel("study", uid(ds, STUDY_INSTANCE_UID));
        String series = keys.nameLabel("series", uid(ds, SERIES_INSTANCE_UID));
        String sopUid = uid(ds, SOP_INSTANCE_UID);
        String sop = sopUid.isEmpty() ? keys.nameLabel("input", relativePath) : keys.nameLabel("sop", sopUid);
        String number;
        try {
            OptionalInt n = ds.integer(SERIES_NUMBER);
            number = n.isEmpty()
                    ? "x"
                    : n.getAsInt() < 0 ? "m" + (-(long) n.getAsInt()) : Integer.toString(n.getAsInt());
        } catch (DicomFormatException | RuntimeException e) {
            number = "x"; // a malformed IS: the number is only a reading aid, the label decides
        }
        return patient + "/" + study + "/" + number + "_" + series + "/" + sop + ".dcm";
    }

    private static String uid(DicomDataset ds, int tag) throws DicomFormatException {
        return DeidentificationKeys.trimUid(ds.string(tag).orElse(""));
    }

    private static Done outcome(Future<Done> future, Path in, Path file, String name) throws IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new Done(
                    new Deidentifier.Outcome(
                            Deidentifier.Status.FAILED,
                            null,
                            List.of(),
                            c.getClass().getSimpleName() + ": "
                                    + scrub(String.valueOf(c.getMessage()), in, file, name)),
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("de-identification interrupted");
        }
    }

    private static Done one(
            Deidentifier deid,
            Path in,
            Path out,
            Path file,
            int index,
            String name,
            boolean keepNames,
            ConcurrentHashMap<String, Claim> claims)
            throws IOException {
        DicomFile dicom;
        String target;
        try {
            dicom = DicomParser.read(file);
            target = keepNames ? relative(in, file) : outputName(deid.keys(), dicom.dataset(), relative(in, file));
        } catch (NotDicomException e) {
            return new Done(
                    new Deidentifier.Outcome(Deidentifier.Status.NOT_DICOM, null, List.of(), "not a DICOM file"), null);
        } catch (DicomFormatException e) {
            return new Done(
                    new Deidentifier.Outcome(
                            Deidentifier.Status.FAILED, null, List.of(), scrub(e.getMessage(), in, file, name)),
                    null);
        }
        Deidentifier.Outcome o = deid.deidentify(dicom);
        if (o.status() == Deidentifier.Status.FAILED) {
            return new Done(
                    new Deidentifier.Outcome(o.status(), null, o.changes(), scrub(o.reason(), in, file, name)), null);
        }
        if (o.bytes() != null) {
            byte[] bytes = o.bytes();
            // The lowest input index owns a name: a later claimant never writes, an earlier one replaces (atomically)
            // what a later one wrote before it, so the kept file does not depend on thread timing.
            Claim c = claims.computeIfAbsent(target, t -> new Claim());
            synchronized (c) {
                if (index < c.owner) {
                    AtomicFiles.write(out.resolve(target), tmp -> Files.write(tmp, bytes));
                    c.owner = index;
                }
            }
            return new Done(new Deidentifier.Outcome(o.status(), null, o.changes(), o.reason()), target);
        }
        return new Done(o, null);
    }

    /**
     * A message with the file's path (absolute, as walked, relative, and each of its folder and file names of 4 or
     * more characters) replaced by its {@code name} and the input folder by {@code IN}: those names may carry PHI.
     */
    static String scrub(String message, Path in, Path file, String name) {
        if (message == null) {
            return "";
        }
        String m = message.replace(file.toAbsolutePath().toString(), name)
                .replace(file.toString(), name)
                .replace(in.toAbsolutePath().toString(), "IN")
                .replace(in.toString(), "IN")
                .replace(relative(in, file), name);
        // A parser may name the file or a folder alone; components this short are too common to carry a name.
        // Longest first, so that a folder's name inside the file's name does not break the file's replacement.
        if (!name.equals(relative(in, file))) {
            List<String> parts = new ArrayList<>();
            in.relativize(file).forEach(part -> parts.add(part.toString()));
            parts.sort(java.util.Comparator.comparingInt(String::length).reversed());
            for (String part : parts) {
                if (part.length() >= 4) {
                    m = m.replace(part, name);
                }
            }
        }
        return m;
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
