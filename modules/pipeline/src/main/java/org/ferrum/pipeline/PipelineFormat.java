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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.io.AtomicFiles;

/**
 * Pipeline files: JSON with a format name and version.
 *
 * <pre>{@code
 * { "format": "ferrum-pipeline", "formatVersion": 1, "name": "…", "description": "…",
 *   "inputs":  { "gre": { "node": "read", "parameter": "path", "default": "../gre/x", "description": "…" } },
 *   "nodes":   [ { "id": "read", "operator": "io.read.volume", "version": "1.0",
 *                  "parameters": { "path": "…" }, "position": { "x": 40, "y": 80 } } ],
 *   "edges":   [ { "from": "read.volume", "to": "mask.volume" } ],
 *   "outputs": { "mask": "mask.mask" } }
 * }</pre>
 *
 * <p>An input may carry {@code "optional": true} (after its description; written only when true, so files without
 * optional inputs are unchanged): see {@link InputBinding}.
 *
 * <p>Contract: {@code read(write(p)).equals(p)} for every pipeline, and {@code write(read(s))} equals
 * {@code s} for every text {@link #write} produced (two-space indent, keys in the order above, nodes,
 * edges, inputs and outputs in model order, parameter values keeping their JSON type). Reading checks
 * only the file's shape; meaning (operators, ports, cycles) is {@link PipelineValidator}'s job.
 */
public final class PipelineFormat {

    /** Value of the {@code "format"} key. */
    public static final String FORMAT_NAME = "ferrum-pipeline";
    /** Highest {@code "formatVersion"} this release reads and the one it writes. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PipelineFormat() {}

    /** Reads a pipeline file; messages name the file. */
    public static Pipeline read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PipelineFormatException(file + ": cannot read pipeline file (" + e.getMessage() + ")", e);
        }
        try {
            return parse(text);
        } catch (PipelineFormatException e) {
            throw new PipelineFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses pipeline JSON text. */
    public static Pipeline parse(String json) throws PipelineFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new PipelineFormatException(
                    "not valid JSON"
                            + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                            + ": " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new PipelineFormatException("a pipeline file holds one JSON object");
        }
        String format = text(root, "format", "the file");
        if (!FORMAT_NAME.equals(format)) {
            throw new PipelineFormatException("\"format\" is '" + format + "', expected '" + FORMAT_NAME + "'");
        }
        JsonNode fv = root.get("formatVersion");
        if (fv == null || !fv.isIntegralNumber() || !fv.canConvertToInt()) {
            throw new PipelineFormatException("\"formatVersion\" is missing or not a whole number");
        }
        if (fv.asInt() > FORMAT_VERSION || fv.asInt() < 1) {
            throw new PipelineFormatException("\"formatVersion\" " + fv.asInt()
                    + " is not supported by this Ferrum (reads 1.." + FORMAT_VERSION + ")");
        }
        String name = root.path("name").asText("");
        String description = root.path("description").asText("");

        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : array(root, "nodes")) {
            String where = "node " + (n.has("id") ? "'" + n.get("id").asText() + "'" : "#" + (nodes.size() + 1));
            if (!n.isObject()) {
                throw new PipelineFormatException(where + " is not an object");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            JsonNode p = n.get("parameters");
            if (p != null && !p.isNull()) {
                if (!p.isObject()) {
                    throw new PipelineFormatException(where + ": \"parameters\" must be an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), scalar(e.getValue(), where + " parameter '" + e.getKey() + "'"));
                }
            }
            Node.Position pos = null;
            JsonNode jp = n.get("position");
            if (jp != null && !jp.isNull()) {
                if (!jp.path("x").isNumber() || !jp.path("y").isNumber()) {
                    throw new PipelineFormatException(where + ": \"position\" needs numeric x and y");
                }
                pos = new Node.Position(jp.get("x").asDouble(), jp.get("y").asDouble());
            }
            nodes.add(
                    new Node(text(n, "id", where), text(n, "operator", where), text(n, "version", where), params, pos));
        }

        List<Edge> edges = new ArrayList<>();
        for (JsonNode e : array(root, "edges")) {
            String where = "edge #" + (edges.size() + 1);
            try {
                edges.add(new Edge(PortRef.parse(text(e, "from", where)), PortRef.parse(text(e, "to", where))));
            } catch (IllegalArgumentException ex) {
                throw new PipelineFormatException(where + ": " + ex.getMessage());
            }
        }

        Map<String, InputBinding> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "inputs").entrySet()) {
            String where = "input '" + e.getKey() + "'";
            JsonNode b = e.getValue();
            if (!b.isObject()) {
                throw new PipelineFormatException(where + " must be an object with \"node\" and \"parameter\"");
            }
            JsonNode def = b.get("default");
            inputs.put(
                    e.getKey(),
                    new InputBinding(
                            text(b, "node", where),
                            text(b, "parameter", where),
                            def == null || def.isNull() ? null : def.asText(),
                            b.path("description").asText(""),
                            b.path("optional").asBoolean(false)));
        }

        Map<String, PortRef> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "outputs").entrySet()) {
            if (!e.getValue().isTextual()) {
                throw new PipelineFormatException("output '" + e.getKey() + "' must be a string 'node.port'");
            }
            try {
                outputs.put(e.getKey(), PortRef.parse(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw new PipelineFormatException("output '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        return new Pipeline(name, description, nodes, edges, inputs, outputs);
    }

    /** The pipeline as JSON text (see the class contract for its exact layout). */
    public static String write(Pipeline p) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT_NAME);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("name", p.name());
        root.put("description", p.description());
        ObjectNode inputs = root.putObject("inputs");
        p.inputs().forEach((name, b) -> {
            ObjectNode o = inputs.putObject(name);
            o.put("node", b.node());
            o.put("parameter", b.parameter());
            if (b.defaultValue() != null) {
                o.put("default", b.defaultValue());
            }
            o.put("description", b.description());
            if (b.optional()) {
                o.put("optional", true);
            }
        });
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : p.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("operator", n.operatorId());
            o.put("version", n.operatorVersion());
            ObjectNode params = o.putObject("parameters");
            n.parameters().forEach((k, v) -> params.set(k, toJson(v)));
            if (n.position() != null) {
                ObjectNode pos = o.putObject("position");
                pos.put("x", n.position().x());
                pos.put("y", n.position().y());
            }
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge e : p.edges()) {
            ObjectNode o = edges.addObject();
            o.put("from", e.from().toString());
            o.put("to", e.to().toString());
        }
        ObjectNode outputs = root.putObject("outputs");
        p.outputs().forEach((name, ref) -> outputs.put(name, ref.toString()));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise pipeline", e);
        }
    }

    /**
     * Writes the pipeline atomically: to a temporary file beside the target, then moved over it, so a
     * crash never leaves a half-written pipeline.
     */
    public static void write(Pipeline p, Path file) throws IOException {
        AtomicFiles.writeString(file, write(p));
    }

    /** JSON form of a parameter value (String, Boolean, integral Number → integer, other Number → double). */
    static JsonNode toJson(Object v) {
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            // JSON has no NaN or infinity: write them as text, which the parameter's coercion then refuses
            // with a clear message instead of the file becoming unreadable.
            return Double.isFinite(n.doubleValue()) ? F.numberNode(n.doubleValue()) : F.textNode(String.valueOf(n));
        }
        return F.textNode(String.valueOf(v));
    }

    private static Object scalar(JsonNode v, String where) throws PipelineFormatException {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new PipelineFormatException(where + " is too large a whole number");
            }
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        throw new PipelineFormatException(where + " must be a string, number or true/false");
    }

    private static String text(JsonNode o, String key, String where) throws PipelineFormatException {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new PipelineFormatException(where + ": \"" + key + "\" is missing or not a non-empty string");
        }
        return v.asText();
    }

    private static List<JsonNode> array(JsonNode root, String key) throws PipelineFormatException {
        JsonNode a = root.get(key);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new PipelineFormatException("\"" + key + "\" must be an array");
        }
        List<JsonNode> list = new ArrayList<>();
        a.forEach(list::add);
        return list;
    }

    private static Map<String, JsonNode> object(JsonNode root, String key) throws PipelineFormatException {
        JsonNode o = root.get(key);
        Map<String, JsonNode> map = new LinkedHashMap<>();
        if (o == null || o.isNull()) {
            return map;
        }
        if (!o.isObject()) {
            throw new PipelineFormatException("\"" + key + "\" must be an object");
        }
        o.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
