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
package org.ferrum.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.core.Table;
import org.ferrum.io.AtomicFiles;
import org.ferrum.pipeline.FerrumVersion;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.api.Scalar;

/**
 * The BIDS-derivatives layout of a cohort run (issue 19, contract 1; BIDS 1.9 "Derivatives: common data types and
 * metadata"): {@code OUT/derivatives/ferrum/dataset_description.json}, one folder per task
 * {@code sub-S/ses-V/} (or {@code sub-S/}), files named {@code sub-S_ses-V_desc-<output>_<suffix>.<ext>}, failed
 * tasks under {@code .failed/<task id>/}.
 */
public final class DerivativesLayout {

    /** The pipeline name under {@code derivatives/}. */
    public static final String PIPELINE_FOLDER = "ferrum";

    /** Where failed tasks keep their files, inside the derivatives folder; hidden, as BIDS validators skip dot files. */
    public static final String FAILED_FOLDER = ".failed";

    /** The reason file of a failed task. */
    public static final String FAILURE_FILE = "failure.txt";

    /** BIDS version the dataset description declares. */
    static final String BIDS_VERSION = "1.9.0";

    /**
     * Output name (letters and digits only, lower case) → BIDS suffix: the BIDS 1.9 parametric map suffixes (Appendix
     * "Quantitative MRI": {@code Chimap}, {@code R2starmap}, {@code T1map}, {@code T2map}) and the derivative
     * suffixes {@code dseg} and {@code mask}, for outputs named so; any other volume is a {@code map} and any table a
     * {@code table}.
     */
    private static final Map<String, String> SUFFIXES = Map.ofEntries(
            Map.entry("chi", "Chimap"),
            Map.entry("chimap", "Chimap"),
            Map.entry("qsm", "Chimap"),
            Map.entry("susceptibility", "Chimap"),
            Map.entry("r2star", "R2starmap"),
            Map.entry("r2starmap", "R2starmap"),
            Map.entry("r2s", "R2starmap"),
            Map.entry("t1", "T1map"),
            Map.entry("t1map", "T1map"),
            Map.entry("t2", "T2map"),
            Map.entry("t2map", "T2map"),
            Map.entry("dseg", "dseg"),
            Map.entry("labels", "dseg"),
            Map.entry("segmentation", "dseg"),
            Map.entry("mask", "mask"));

    private final Path root;

    /** @param out the {@code --out} folder; the layout lives in {@code out/derivatives/ferrum/} */
    public DerivativesLayout(Path out) {
        this.root = out.toAbsolutePath().normalize().resolve("derivatives").resolve(PIPELINE_FOLDER);
    }

    /** {@code OUT/derivatives/ferrum}. */
    public Path root() {
        return root;
    }

    /** The task's published folder: {@code sub-S/ses-V/} or {@code sub-S/}. */
    public Path taskFolder(CohortTask task) {
        Path subject = root.resolve("sub-" + task.subject());
        return task.visit().isEmpty() ? subject : subject.resolve("ses-" + task.visit());
    }

    /** Where a failed task's files go: {@code .failed/<task id>/}. */
    public Path failedFolder(CohortTask task) {
        return root.resolve(FAILED_FOLDER).resolve(task.id());
    }

    /** The BIDS {@code desc} label of an output: its letters and digits (a BIDS label is alphanumeric). */
    public static String descLabel(String outputName) {
        return outputName.replaceAll("[^A-Za-z0-9]", "");
    }

    /** The suffix of an output's file: see {@link #SUFFIXES}. */
    public static String suffix(String outputName, Object value) {
        String known = SUFFIXES.get(descLabel(outputName).toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        return value instanceof Table || value instanceof Scalar ? "table" : "map";
    }

    /** {@code sub-S_ses-V_desc-<output>_<suffix>}: the file name of an output without extension. */
    public static String fileStem(CohortTask task, String outputName, Object value) {
        return task.id() + "_desc-" + descLabel(outputName) + "_" + suffix(outputName, value);
    }

    /**
     * What keeps a pipeline's outputs from being named in this layout, one line each: an output name without letters
     * or digits, or two outputs whose {@code desc} labels are equal (e.g. {@code r2_star} and {@code r2star}).
     */
    public static List<String> namingProblems(Pipeline pipeline, String where) {
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String name : pipeline.outputs().keySet()) {
            String label = descLabel(name).toLowerCase(Locale.ROOT);
            if (label.isEmpty()) {
                problems.add(where + ": output '" + name
                        + "' has no letter or digit, so it cannot be a BIDS desc label (desc-<label>)");
            } else {
                String other = seen.putIfAbsent(label, name);
                if (other != null) {
                    problems.add(where + ": outputs '" + other + "' and '" + name + "' would both be desc-"
                            + descLabel(name) + " in BIDS file names (a label keeps only letters and digits); rename"
                            + " one");
                }
            }
        }
        return problems;
    }

    /**
     * Writes {@code dataset_description.json} (BIDS 1.9 derivative: Name, BIDSVersion, DatasetType "derivative",
     * GeneratedBy with Ferrum's name, version and the pipeline), atomically, if it is missing or says otherwise.
     */
    public void writeDatasetDescription(Pipeline pipeline) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode d = mapper.createObjectNode();
        d.put("Name", "Ferrum: " + pipeline.name());
        d.put("BIDSVersion", BIDS_VERSION);
        d.put("DatasetType", "derivative");
        ObjectNode by = d.putArray("GeneratedBy").addObject();
        by.put("Name", "Ferrum");
        by.put("Version", FerrumVersion.get());
        by.put("Description", "ferrum-batch run of the pipeline '" + pipeline.name() + "'");
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(d) + "\n";
        Path file = root.resolve("dataset_description.json");
        if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
            return;
        }
        Files.createDirectories(root);
        AtomicFiles.writeString(file, text);
    }
}
