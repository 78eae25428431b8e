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
package org.ferrum.batch.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ferrum.io.bids.BidsSidecar;

/**
 * A BIDS dataset as a cohort: one task per session folder {@code sub-S/ses-V} (or per subject folder without
 * sessions), inputs bound per session. See {@link CohortManifest#read} and {@code modules/batch/MANIFEST.md}.
 */
final class BidsManifest {

    /**
     * BIDS image suffixes (BIDS specification 1.10, "Modality specific files" and "Derivatives": anatomical images and
     * parametric maps, file collections, field maps, diffusion, functional, perfusion, segmentations), matched
     * case-insensitively against input names.
     */
    static final List<String> SUFFIXES = List.of(
            "T1w",
            "T2w",
            "PDw",
            "T2starw",
            "FLAIR",
            "inplaneT1",
            "inplaneT2",
            "PDT2",
            "angio",
            "T2star",
            "FLASH",
            "PD",
            "T1map",
            "T2map",
            "T2starmap",
            "R1map",
            "R2map",
            "R2starmap",
            "PDmap",
            "MTRmap",
            "MTsat",
            "UNIT1",
            "T1rho",
            "MWFmap",
            "MTVmap",
            "Chimap",
            "S0map",
            "M0map",
            "MEGRE",
            "MESE",
            "VFA",
            "IRT1",
            "MP2RAGE",
            "MPM",
            "MTS",
            "MTR",
            "TB1map",
            "RB1map",
            "phasediff",
            "phase1",
            "phase2",
            "magnitude",
            "magnitude1",
            "magnitude2",
            "fieldmap",
            "epi",
            "dwi",
            "sbref",
            "bold",
            "cbv",
            "asl",
            "m0scan",
            "dseg",
            "probseg",
            "mask",
            "defacemask");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final PipelineInputs inputs;
    private final Map<String, String> overrides;
    private final List<String> problems;
    private final Map<String, List<String>> missingData;
    /** The current session's problems that are inputs not found there. */
    private List<String> sessionMissing = new ArrayList<>();

    private BidsIgnore ignore;

    BidsManifest(
            Path root,
            PipelineInputs inputs,
            Map<String, String> overrides,
            List<String> problems,
            Map<String, List<String>> missingData) {
        this.missingData = missingData;
        this.root = root.toAbsolutePath().normalize();
        this.inputs = inputs;
        this.overrides = overrides;
        this.problems = problems;
    }

    /** The BIDS suffix an input name is (case-insensitively), if any. */
    static Optional<String> suffix(String inputName) {
        return SUFFIXES.stream().filter(s -> s.equalsIgnoreCase(inputName)).findFirst();
    }

    /**
     * The tasks sorted by subject, then session, with those whose only problems are inputs not found in their session;
     * problems are added to the list given at construction, and those of missing data also to the map.
     */
    List<CohortTask> read() {
        describe();
        try {
            ignore = BidsIgnore.of(root);
        } catch (IOException | PatternSyntaxException e) {
            problems.add(root.resolve(".bidsignore") + ": cannot be read: " + e.getMessage());
            return List.of();
        }
        Map<String, Rule> rules = rules();
        List<CohortTask> tasks = new ArrayList<>();
        List<Path> subjects = folders(root, "sub-");
        if (subjects.isEmpty()) {
            problems.add(root + ": no subject folders (sub-<label>)");
        }
        for (Path subjectFolder : subjects) {
            String subject = label(subjectFolder, "sub-");
            if (subject == null) {
                continue;
            }
            List<Path> sessions = folders(subjectFolder, "ses-");
            Map<String, Dated> sessionDates = sessionsTsv(subjectFolder, subject);
            if (sessions.isEmpty()) {
                tasks.add(task(subject, "", subjectFolder, rules, null));
            }
            for (Path sessionFolder : sessions) {
                String visit = label(sessionFolder, "ses-");
                if (visit != null) {
                    Dated d = sessionDates.get(visit);
                    tasks.add(task(subject, visit, sessionFolder, rules, d == null ? null : d.date));
                }
            }
        }
        return tasks.stream().filter(t -> t != null).toList();
    }

    /** BIDS "Dataset description": {@code dataset_description.json} with {@code Name} and {@code BIDSVersion} REQUIRED. */
    private void describe() {
        Path d = root.resolve("dataset_description.json");
        if (!Files.isRegularFile(d)) {
            problems.add(d + ": missing: a BIDS dataset needs it (with Name and BIDSVersion)");
            return;
        }
        try {
            JsonNode json = JSON.readTree(d.toFile());
            if (json == null || !json.isObject()) {
                problems.add(d + ": not a JSON object");
                return;
            }
            for (String key : List.of("Name", "BIDSVersion")) {
                if (!json.path(key).isTextual() || json.path(key).asText().isBlank()) {
                    problems.add(d + ": no " + key + " (REQUIRED by BIDS)");
                }
            }
        } catch (IOException e) {
            problems.add(d + ": not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** How one input is bound in every session. */
    private sealed interface Rule permits Literal, Glob, Suffix {}

    /** A non-path {@code --input}, expanded per task. */
    private record Literal(String value) implements Rule {}

    /** A path {@code --input}: a glob relative to the session folder (or an absolute path), expanded per task. */
    private record Glob(String value) implements Rule {}

    /** No {@code --input}: the input's name is a BIDS suffix, looked for in the session's datatype folders. */
    private record Suffix(String suffix) implements Rule {}

    private Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (String name : inputs.names()) {
            String value = overrides.get(name);
            if (value != null) {
                rules.put(name, inputs.isPath(name) && !value.isBlank() ? new Glob(value) : new Literal(value));
                continue;
            }
            Optional<String> suffix = suffix(name);
            if (suffix.isEmpty() && inputs.readsMultiEchoGre(name)) {
                suffix = Optional.of("MEGRE"); // BIDS' suffix for multi-echo GRE, what such a reader takes
            }
            if (suffix.isPresent() && inputs.isPath(name)) {
                rules.put(name, new Suffix(suffix.get()));
            } else if (!inputs.mayStayUnbound(name)) {
                problems.add(root + ": input '" + name + "' is bound nowhere: its name is no BIDS suffix and it has"
                        + " no default in the pipeline; give --input " + name
                        + (inputs.isPath(name)
                                ? "=GLOB (relative to each session folder, e.g. anat/*_T1w.nii.gz)"
                                : "=VALUE"));
            }
        }
        return rules;
    }

    private CohortTask task(String subject, String visit, Path folder, Map<String, Rule> rules, LocalDate date) {
        int before = problems.size();
        sessionMissing = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<Path> bound = new ArrayList<>();
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
            String name = e.getKey();
            Rule rule = e.getValue();
            if (rule instanceof Literal l) {
                values.put(name, PipelineInputs.expand(l.value(), subject, visit));
                continue;
            }
            Optional<Path> p;
            if (rule instanceof Glob g) {
                String glob = PipelineInputs.expand(g.value(), subject, visit);
                p = one(name, folder, glob, "--input " + name + "=" + glob, globbed(folder, glob));
            } else {
                String suffix = ((Suffix) rule).suffix();
                p = one(
                        name,
                        folder,
                        "*_" + suffix + ".nii[.gz] in its datatype folders",
                        "input " + name + " (BIDS suffix " + suffix + ")",
                        suffixed(folder, suffix));
            }
            if (p.isPresent()) {
                bound.add(p.get());
                values.put(name, p.get().toString());
            } else if (inputs.isOptional(name)) {
                values.put(name, ""); // an optional input absent from this session: its branch is left out
            }
        }
        if (problems.size() - before > sessionMissing.size()) {
            return null;
        }
        if (date == null) {
            date = scansDate(subject, visit, folder);
        }
        if (date == null) {
            date = sidecarDate(folder, bound);
        }
        CohortTask task = new CohortTask(subject, visit, date, values);
        if (!sessionMissing.isEmpty()) {
            missingData.put(task.id(), List.copyOf(sessionMissing));
        }
        return task;
    }

    /**
     * The one path among {@code matches}: sidecars of matched images dropped, and the images of one multi-echo series
     * taken as its first magnitude echo when the input is read by a multi-echo GRE reader (which reads the series a
     * file belongs to). None (a problem, unless the input is optional and nothing matched) otherwise.
     */
    private Optional<Path> one(String name, Path folder, String pattern, String what, List<Path> matches) {
        List<Path> kept = withoutSidecars(matches);
        if (kept.size() > 1 && inputs.readsMultiEchoGre(name)) {
            Optional<Path> first = EchoSeries.firstEcho(kept);
            if (first.isPresent()) {
                return first;
            }
        }
        if (kept.size() == 1) {
            return Optional.of(kept.get(0));
        }
        if (kept.isEmpty()) {
            if (!inputs.isOptional(name)) {
                problems.add(folder + ": " + what + ": nothing matches " + pattern);
                sessionMissing.add(problems.get(problems.size() - 1));
            }
        } else {
            problems.add(folder + ": " + what + ": " + kept.size() + " matches, one needed: "
                    + kept.stream().map(p -> folder.relativize(p).toString()).collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }

    /** Files and folders under the session folder whose relative path matches the glob (an absolute value: itself). */
    private List<Path> globbed(Path folder, String glob) {
        Path literal;
        try {
            literal = folder.resolve(glob).normalize();
        } catch (InvalidPathException e) {
            literal = null;
        }
        if (literal != null && (Path.of(glob).isAbsolute() || !hasWildcard(glob))) {
            return Files.exists(literal) && !ignore.ignores(literal) ? List.of(literal) : List.of();
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            problems.add(folder + ": '" + glob + "' is not a glob: " + e.getDescription());
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> !p.equals(folder))
                    .filter(p -> matcher.matches(folder.relativize(p)))
                    .filter(p -> !ignore.ignores(p))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(folder + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    private static boolean hasWildcard(String glob) {
        return glob.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** NIfTI images {@code *_<suffix>.nii[.gz]} in the session's datatype folders ({@code anat/}, {@code dwi/}, …). */
    private List<Path> suffixed(Path folder, String suffix) {
        List<Path> found = new ArrayList<>();
        for (Path datatype :
                children(folder).stream().filter(Files::isDirectory).toList()) {
            for (Path f : children(datatype)) {
                String n = f.getFileName().toString();
                String stem = n.endsWith(".nii.gz")
                        ? n.substring(0, n.length() - 7)
                        : n.endsWith(".nii") ? n.substring(0, n.length() - 4) : null;
                if (stem != null && stem.endsWith("_" + suffix) && Files.isRegularFile(f) && !ignore.ignores(f)) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    /** Matches without the JSON sidecars of images that matched too (a glob such as {@code anat/*_T1w*}). */
    private static List<Path> withoutSidecars(List<Path> matches) {
        return matches.stream()
                .filter(p -> !p.getFileName().toString().endsWith(".json")
                        || matches.stream()
                                .noneMatch(m ->
                                        !m.equals(p) && BidsSidecar.pathFor(m).equals(p)))
                .toList();
    }

    /** The folders {@code <prefix>*} in a folder, sorted by name, not ignored. */
    private List<Path> folders(Path in, String prefix) {
        return children(in).stream()
                .filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p))
                .filter(p -> !ignore.ignores(p))
                .toList();
    }

    private List<Path> children(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(folder + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    /** A folder's label without its prefix; null (with a problem) if it is not a BIDS label. */
    private String label(Path folder, String prefix) {
        String name = folder.getFileName().toString();
        String label = name.substring(prefix.length());
        if (!Labels.isLabel(label)) {
            problems.add(folder + ": " + Labels.notALabel(label));
            return null;
        }
        return label;
    }

    private record Dated(LocalDate date) {}

    /** {@code sub-S/sub-S_sessions.tsv}: session label → date of its {@code acq_time} (BIDS "Sessions file"). */
    private Map<String, Dated> sessionsTsv(Path subjectFolder, String subject) {
        Path tsv = subjectFolder.resolve("sub-" + subject + "_sessions.tsv");
        Map<String, Dated> dates = new TreeMap<>();
        for (Tsv.Row r : Tsv.read(tsv, List.of("session_id"), problems)) {
            String session = Labels.strip(r.get("session_id"), "ses-");
            LocalDate d = acqTime(tsv, r);
            if (d != null) {
                dates.put(session, new Dated(d));
            }
        }
        return dates;
    }

    /** The earliest {@code acq_time} in the session's {@code scans.tsv} (BIDS "Scans file"), or null. */
    private LocalDate scansDate(String subject, String visit, Path folder) {
        String prefix = visit.isEmpty() ? "sub-" + subject : "sub-" + subject + "_ses-" + visit;
        Path tsv = folder.resolve(prefix + "_scans.tsv");
        LocalDate earliest = null;
        for (Tsv.Row r : Tsv.read(tsv, List.of("filename"), problems)) {
            LocalDate d = acqTime(tsv, r);
            if (d != null && (earliest == null || d.isBefore(earliest))) {
                earliest = d;
            }
        }
        return earliest;
    }

    /** A row's {@code acq_time} date; null if absent or {@code n/a}; a problem if not ISO 8601. */
    private LocalDate acqTime(Path tsv, Tsv.Row r) {
        String v = r.get("acq_time");
        if (v == null || v.isBlank() || v.equals("n/a")) {
            return null;
        }
        try {
            return Labels.date(v.strip());
        } catch (DateTimeParseException e) {
            problems.add(tsv + ":" + r.line() + ": " + r.column("acq_time") + ": '" + v
                    + "' is not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ss)");
            return null;
        }
    }

    /**
     * The earliest {@code AcquisitionDateTime} (else {@code AcquisitionDate}) of the sidecars of the bound images, else
     * of every sidecar in the session's datatype folders; null if none says.
     */
    private LocalDate sidecarDate(Path folder, List<Path> bound) {
        List<Path> sidecars = bound.stream()
                .filter(Files::isRegularFile)
                .map(BidsSidecar::pathFor)
                .filter(Files::isRegularFile)
                .toList();
        LocalDate d = earliest(sidecars);
        if (d != null) {
            return d;
        }
        List<Path> all = new ArrayList<>();
        for (Path datatype :
                children(folder).stream().filter(Files::isDirectory).toList()) {
            children(datatype).stream()
                    .filter(p -> p.getFileName().toString().endsWith(".json") && !ignore.ignores(p))
                    .forEach(all::add);
        }
        return earliest(all);
    }

    private LocalDate earliest(List<Path> sidecars) {
        LocalDate earliest = null;
        for (Path json : sidecars) {
            BidsSidecar s;
            try {
                s = BidsSidecar.read(json);
            } catch (IOException e) {
                problems.add(json + ": not a JSON sidecar: "
                        + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            for (String key : List.of("AcquisitionDateTime", "AcquisitionDate")) {
                Optional<String> v = s.text(key);
                if (v.isPresent() && !v.get().isBlank()) {
                    try {
                        LocalDate d = Labels.date(v.get().strip());
                        if (earliest == null || d.isBefore(earliest)) {
                            earliest = d;
                        }
                    } catch (DateTimeParseException e) {
                        problems.add(json + ": " + key + " '" + v.get() + "' is not an ISO 8601 date");
                    }
                    break;
                }
            }
        }
        return earliest;
    }
}
