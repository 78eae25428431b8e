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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;

/** A small pipeline over real operators, and file helpers, for the manifest tests. */
final class Fixtures {

    private Fixtures() {}

    /**
     * Inputs: {@code t1w} (a path, no default), {@code dseg} (a path, default {@code seg.nii.gz}), {@code lower} (a
     * number, default 1), {@code upper} (a number, no default).
     */
    static Pipeline pipeline() throws Exception {
        return PipelineFormat.parse(
                """
                {
                  "format": "ferrum-pipeline", "formatVersion": 1, "name": "test",
                  "inputs": {
                    "t1w":   {"node": "image", "parameter": "path"},
                    "dseg":  {"node": "labels", "parameter": "path", "default": "seg.nii.gz"},
                    "lower": {"node": "thr", "parameter": "lower", "default": "1"},
                    "upper": {"node": "thr", "parameter": "upper"}
                  },
                  "nodes": [
                    {"id": "image", "operator": "io.read.volume", "version": "1.0", "parameters": {}},
                    {"id": "labels", "operator": "io.read.volume", "version": "1.0", "parameters": {}},
                    {"id": "thr", "operator": "volume.threshold", "version": "1.0", "parameters": {}}
                  ],
                  "edges": [{"from": "labels.volume", "to": "thr.volume"}],
                  "outputs": {"mask": "thr.mask"}
                }
                """);
    }

    /** {@link #pipeline()} with one more input: {@code mask}, a path that may be left empty (no default). */
    static Pipeline pipelineWithOptionalMask() throws Exception {
        Pipeline p = pipeline();
        java.util.Map<String, org.ferrum.pipeline.InputBinding> inputs = new java.util.LinkedHashMap<>(p.inputs());
        inputs.put("mask", new org.ferrum.pipeline.InputBinding("masks", "path", null, "", true));
        java.util.List<org.ferrum.pipeline.Node> nodes = new java.util.ArrayList<>(p.nodes());
        nodes.add(new org.ferrum.pipeline.Node("masks", "io.read.volume", "1.0", java.util.Map.of(), null));
        return new Pipeline(p.name(), p.description(), nodes, p.edges(), inputs, p.outputs());
    }

    /** Writes UTF-8 text, creating folders; returns the file. */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** An empty file (the manifest reads names, not images), creating folders. */
    static Path touch(Path file) throws IOException {
        return write(file, "");
    }

    /**
     * The repository's {@code testdata} folder: the system property {@code ferrum.testdata} the parent POM's surefire
     * configuration sets, else looked up from the working directory upwards (as the operator test kit does; batch
     * does not depend on the kit).
     */
    static Path testData() {
        String p = System.getProperty("ferrum.testdata");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata/pipelines"))) {
                return d.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata not found: set -Dferrum.testdata");
    }

    static final String DESCRIPTION = "{\"Name\": \"test\", \"BIDSVersion\": \"1.10.0\"}";
}
