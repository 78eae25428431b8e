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
package org.ferrum.pipeline;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ferrum.io.AtomicFiles;

/**
 * {@code provenance.json}: everything needed to know how a set of outputs was made and to make them
 * again — Ferrum version, Java and OS, the pipeline as run, named input values with the SHA-256 of the
 * files they name, per node the operator id and version, effective parameters, status, why it ran,
 * cache key and time, and the output files written.
 */
public final class Provenance {

    /** File name written next to the outputs. */
    public static final String FILE_NAME = "provenance.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Provenance() {}

    /** The provenance document of a run; {@code outputFiles} maps output names to the files written. */
    public static ObjectNode document(Execution run, Path pipelineFile, Map<String, String> outputFiles) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("ferrumVersion", FerrumVersion.get());
        root.put("started", run.started().toString());
        root.put("wallSeconds", run.nanos() / 1e9);
        root.put("status", run.succeeded() ? "succeeded" : run.cancelled() ? "cancelled" : "failed");
        ObjectNode env = root.putObject("environment");
        env.put("java", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        env.put("javaVendor", System.getProperty("java.vendor"));
        env.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        env.put("processors", Runtime.getRuntime().availableProcessors());
        if (pipelineFile != null) {
            root.put("pipelineFile", pipelineFile.toAbsolutePath().toString());
        }
        try {
            root.set("pipeline", MAPPER.readTree(PipelineFormat.write(run.pipeline())));
        } catch (IOException e) {
            throw new IllegalStateException("pipeline JSON cannot be re-read", e);
        }
        ObjectNode inputs = root.putObject("inputs");
        run.inputValues().forEach((name, value) -> {
            ObjectNode o = inputs.putObject(name);
            o.put("value", value);
            String h = run.inputHashes().get(name);
            if (h != null) {
                o.put("sha256", h);
            }
        });
        if (!run.omitted().isEmpty()) {
            ObjectNode omitted = root.putObject("omitted");
            run.omitted().forEach(omitted::put);
        }
        ArrayNode nodes = root.putArray("nodes");
        for (NodeRun r : run.nodeRuns()) {
            ObjectNode o = nodes.addObject();
            o.put("id", r.nodeId());
            o.put("operator", r.operatorId());
            o.put("version", r.version());
            ObjectNode params = o.putObject("parameters");
            r.parameters().forEach((k, v) -> params.set(k, PipelineFormat.toJson(v)));
            o.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            o.put("reason", r.reason());
            if (r.error() != null) {
                o.put("error", r.error());
            }
            if (r.cacheKey() != null) {
                o.put("cacheKey", r.cacheKey());
            }
            o.put("seconds", r.nanos() / 1e9);
            if (!r.log().isEmpty()) {
                ArrayNode log = o.putArray("log");
                r.log().forEach(log::add);
            }
            if (!r.warnings().isEmpty()) {
                ArrayNode warned = o.putArray("warnings");
                r.warnings().forEach(warned::add);
            }
        }
        ObjectNode outs = root.putObject("outputs");
        outputFiles.forEach(outs::put);
        if (!run.warnings().isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            run.warnings().forEach(p -> w.add(p.message()));
        }
        return root;
    }

    /** Writes {@code provenance.json} into {@code directory}, atomically. */
    public static Path write(Execution run, Path pipelineFile, Map<String, String> outputFiles, Path directory)
            throws IOException {
        return write(document(run, pipelineFile, outputFiles), directory);
    }

    /** Writes a provenance document (from {@link #document}, perhaps amended) into {@code directory}, atomically. */
    public static Path write(ObjectNode document, Path directory) throws IOException {
        Path target = directory.resolve(FILE_NAME);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        AtomicFiles.writeString(target, MAPPER.writer(printer).writeValueAsString(document) + "\n");
        return target;
    }

    /**
     * Removes from a provenance document every place that names an input file: in a cohort, folder and file names
     * may carry a patient's name or a hospital's record number, while the content hash identifies the file as
     * well. The value of each input that names a file or folder (those with a {@code sha256}) is replaced by
     * {@code "<input NAME>"}, in {@code inputs}, in the pipeline as run and node parameters, and inside node logs, warnings and errors;
     * {@code pipelineFile} keeps only the file's name. Values that are not files (numbers, choices) stay.
     *
     * @return {@code document}, changed in place
     */
    public static ObjectNode withoutInputPaths(ObjectNode document, Execution run) {
        Map<String, String> placeholders = new java.util.LinkedHashMap<>();
        run.inputHashes().keySet().forEach(name -> {
            String value = run.inputValues().get(name);
            if (value != null && !value.isEmpty()) {
                placeholders.put(value, "<input " + name + ">");
            }
        });
        if (document.hasNonNull("pipelineFile")) {
            Path file = Path.of(document.get("pipelineFile").asText()).getFileName();
            document.put("pipelineFile", file == null ? "" : file.toString());
        }
        com.fasterxml.jackson.databind.JsonNode inputs = document.get("inputs");
        if (inputs instanceof ObjectNode in) {
            in.fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ObjectNode o && o.has("sha256")) {
                    o.put("value", "<input " + e.getKey() + ">");
                }
            });
        }
        if (document.get("pipeline") instanceof ObjectNode asRun) {
            replaceTexts(asRun, placeholders); // the pipeline as run has the input values in its nodes' parameters
        }
        if (document.get("nodes") instanceof ArrayNode nodes) {
            for (com.fasterxml.jackson.databind.JsonNode n : nodes) {
                if (n instanceof ObjectNode node) {
                    replaceTexts(node, placeholders);
                }
            }
        }
        return document;
    }

    /** Replaces every occurrence of each key by its value in the text members of {@code node}, recursively. */
    private static void replaceTexts(com.fasterxml.jackson.databind.JsonNode node, Map<String, String> placeholders) {
        if (node instanceof ObjectNode o) {
            java.util.List<String> names = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                com.fasterxml.jackson.databind.JsonNode v = o.get(name);
                if (v.isTextual()) {
                    o.put(name, replaced(v.asText(), placeholders));
                } else {
                    replaceTexts(v, placeholders);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, JsonNodeFactory.instance.textNode(replaced(a.get(i).asText(), placeholders)));
                } else {
                    replaceTexts(a.get(i), placeholders);
                }
            }
        }
    }

    private static String replaced(String text, Map<String, String> placeholders) {
        String s = text;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }
}
