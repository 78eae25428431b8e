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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ferrum.pipeline.FileFingerprints;
import org.ferrum.pipeline.InputBinding;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.api.Parameter;

/**
 * The content key of a cohort task: what its results depend on, so that a re-run can reuse a published task folder
 * whose key is unchanged (issue 19, contract 2).
 *
 * <p>Contract: the key is the hex SHA-256 of a canonical text made of
 * <ol>
 * <li>the pipeline as JSON ({@link PipelineFormat#write}) with node positions removed (moving a node on the canvas
 *     changes no result) and object members sorted by name;</li>
 * <li>{@code operator id@installed version} for every operator the pipeline uses, sorted: a new version of an
 *     operator reruns the tasks that use it;</li>
 * <li>every input of the pipeline, sorted by name, with the task's value (or the pipeline's default): for an input
 *     that sets a {@code PATH} parameter, the content hash of the file or folder it names ({@link FileFingerprints};
 *     {@code missing} if there is none) instead of the path, so that a cohort moved or copied elsewhere keeps its
 *     keys and a file rewritten with other bytes changes its task's key; for any other input, the value itself.</li>
 * </ol>
 * Equal keys ⇒ same pipeline, same operator code versions, same input bytes and values ⇒ the same results (operators
 * are deterministic for a fixed thread count; see the README).
 */
public final class TaskContentKey {

    private static final ObjectMapper SORTED =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TaskContentKey() {}

    /**
     * The key of one task.
     *
     * @param pipeline     the pipeline
     * @param pipelineFile its file (default input paths are relative to its folder)
     * @param registry     the installed operators (their versions enter the key)
     * @param inputs       the task's input values (absolute paths for path inputs); unbound inputs take the default
     * @param fingerprints the file hasher (reused across tasks: it remembers hashes of unchanged files)
     * @throws IOException if an input file cannot be read
     */
    public static String of(
            Pipeline pipeline,
            Path pipelineFile,
            OperatorRegistry registry,
            Map<String, String> inputs,
            FileFingerprints fingerprints)
            throws IOException {
        StringBuilder text = new StringBuilder("ferrum-task-key 1\n");
        text.append("pipeline ").append(canonicalPipeline(pipeline)).append('\n');
        TreeSet<String> operators = new TreeSet<>();
        for (Node n : pipeline.nodes()) {
            operators.add(n.operatorId() + "@"
                    + registry.find(n.operatorId())
                            .map(op -> op.descriptor().version())
                            .orElse("not-installed"));
        }
        operators.forEach(o -> text.append("operator ").append(o).append('\n'));
        Path base = pipelineFile.toAbsolutePath().getParent();
        for (Map.Entry<String, InputBinding> e : new TreeMap<>(pipeline.inputs()).entrySet()) {
            String name = e.getKey();
            String value = inputs.getOrDefault(name, e.getValue().defaultValue());
            text.append("input ").append(name).append('=');
            if (value == null) {
                text.append("<none>");
            } else if (isPathInput(pipeline, registry, e.getValue()) && !value.isBlank()) {
                String hash = fingerprints.hash(base.resolve(value).normalize());
                text.append("sha256:").append(hash == null ? "missing" : hash);
            } else {
                text.append("value:").append(value);
            }
            text.append('\n');
        }
        return sha256(text.toString());
    }

    /** The pipeline's JSON without node positions, members sorted by name. */
    static String canonicalPipeline(Pipeline pipeline) throws IOException {
        JsonNode tree = SORTED.readTree(PipelineFormat.write(pipeline));
        for (JsonNode n : tree.path("nodes")) {
            if (n instanceof ObjectNode o) {
                o.remove("position");
            }
        }
        Object plain = SORTED.convertValue(tree, Object.class);
        return SORTED.writeValueAsString(plain);
    }

    /** True if the input sets a {@code PATH} parameter of its node's operator. */
    static boolean isPathInput(Pipeline pipeline, OperatorRegistry registry, InputBinding binding) {
        return pipeline.node(binding.node())
                .flatMap(n -> registry.find(n.operatorId()))
                .flatMap(op -> op.descriptor().parameter(binding.parameter()))
                .map(p -> p.type() == Parameter.Type.PATH)
                .orElse(false);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
