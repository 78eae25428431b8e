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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;

/**
 * The tasks of a cohort: read from a CSV manifest (columns {@code subject}, {@code visit}, optional {@code date},
 * one column per pipeline input) or from a BIDS dataset (subjects and sessions by the BIDS layout).
 *
 * <p>Contract (the rules in full, with examples, are in {@code modules/batch/MANIFEST.md}):
 * <ul>
 * <li>CSV: RFC 4180 (comma, double quotes), UTF-8 with or without byte order mark; header names case-insensitive for
 *     {@code subject}, {@code visit}, {@code date}, exact for inputs; labels may carry {@code sub-}/{@code ses-}
 *     and must then be BIDS labels (letters and digits); {@code visit} empty in every row or in none; {@code date}
 *     ISO 8601; path inputs (those setting a {@code PATH} parameter) relative to the CSV's folder and must exist;
 *     other values passed through; an empty cell keeps the input's default, leaves an optional input out, and is a
 *     problem for an input with neither.</li>
 * <li>BIDS: {@code dataset_description.json} with {@code Name} and {@code BIDSVersion}; one task per
 *     {@code sub-S/ses-V} (or {@code sub-S}); {@code derivatives/}, {@code sourcedata/}, {@code code/} and what
 *     {@code .bidsignore} names are skipped; a path input is bound by its {@code --input} glob relative to the
 *     session folder, else, if its name is a BIDS suffix (or it is read by a multi-echo GRE reader: {@code MEGRE}),
 *     by the one {@code *_<suffix>.nii[.gz]} in the session's datatype folders; the images of one multi-echo
 *     series count as one match, its first magnitude echo, for a multi-echo reader; the date from
 *     {@code sessions.tsv}, else {@code scans.tsv} {@code acq_time}, else the sidecars'
 *     {@code AcquisitionDateTime}/{@code AcquisitionDate}, else null.</li>
 * <li>{@code --input NAME=VALUE} applies to every task (over a CSV column), {@code {subject}} and {@code {visit}}
 *     replaced by the task's labels; relative paths of a CSV run are relative to the working directory.</li>
 * <li>Every problem is found before any is reported; a task whose only problems are missing files or folders is
 *     told apart ({@link ManifestException#missingData()}) so that a runner may go on with the others.</li>
 * </ul>
 *
 * <p>(API fixed by the lead for issue 19; the body is written by helper {@code manifest}.)
 */
public final class CohortManifest {

    private CohortManifest() {}

    /**
     * Reads and validates a manifest against a pipeline, reporting every problem at once.
     *
     * @param manifest     a {@code .csv} file or a BIDS dataset folder
     * @param pipeline     the pipeline to run
     * @param pipelineFile its file (default input values are relative to its folder)
     * @param overrides    {@code --input NAME=VALUE} given for every task; values may contain {@code {subject}} and
     *                     {@code {visit}}; for a BIDS dataset a value is a glob relative to the session folder
     * @return the tasks, in manifest order (CSV) or sorted by subject then session (BIDS)
     * @throws ManifestException listing every problem (missing file or folder, unknown input column, duplicate
     *                           subject-visit, bad label, an input bound nowhere that has no default, …)
     */
    public static List<CohortTask> read(
            Path manifest, Pipeline pipeline, Path pipelineFile, Map<String, String> overrides)
            throws ManifestException {
        return read(manifest, pipeline, pipelineFile, overrides, OperatorRegistry.installed(), Path.of(""));
    }

    /**
     * {@link #read(Path, Pipeline, Path, Map)} with the operators that tell path inputs from others, and the folder
     * relative {@code --input} paths are resolved against (for a CSV; a BIDS glob is relative to its session).
     */
    static List<CohortTask> read(
            Path manifest,
            Pipeline pipeline,
            Path pipelineFile,
            Map<String, String> overrides,
            OperatorRegistry registry,
            Path workingDirectory)
            throws ManifestException {
        PipelineInputs inputs = new PipelineInputs(pipeline, registry);
        List<String> problems = new ArrayList<>(inputs.unknownOverrides(overrides));
        Map<String, String> known = new LinkedHashMap<>(overrides);
        known.keySet().removeIf(k -> !inputs.has(k));
        Path file = workingDirectory.toAbsolutePath().resolve(manifest).normalize();
        Map<String, List<String>> missingData = new LinkedHashMap<>();
        List<CohortTask> tasks;
        if (Files.isDirectory(file)) {
            tasks = new BidsManifest(file, inputs, known, problems, missingData).read();
        } else if (Files.isRegularFile(file)) {
            tasks = new CsvManifest(file, inputs, known, workingDirectory.toAbsolutePath(), problems, missingData)
                    .read();
        } else {
            problems.add(file + ": no such manifest (a .csv file or a BIDS dataset folder)");
            tasks = List.of();
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems, tasks, missingData);
        }
        return tasks;
    }
}
