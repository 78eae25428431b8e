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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The provenance document and its atomic write. */
@Timeout(60)
class ProvenanceTest {

    @TempDir
    Path dir;

    private Execution execution(FakeOperators fake, Path data, boolean withFailure) throws Exception {
        FakeOperators.PipelineBuilder b = FakeOperators.pipeline()
                .node("r", FakeOperators.READ)
                .node("add", FakeOperators.ADD, "offset", 0.5)
                .edge("r.value", "add.a")
                .input("data", "r", "path", null)
                .output("sum", "add.sum");
        if (withFailure) {
            b.node("f", FakeOperators.FAIL);
        }
        return new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(b.build(), new RunOptions(Map.of("data", data.toString()), dir), null, null);
    }

    @Test
    void documentHoldsVersionPipelineInputsNodesAndOutputs() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "41.5", StandardCharsets.UTF_8);
        FakeOperators fake = new FakeOperators();
        Execution run = execution(fake, data, false);
        Path pipelineFile = dir.resolve("p.json");
        JsonNode doc = Provenance.document(run, pipelineFile, Map.of("sum", "sum.csv"));

        assertEquals(FerrumVersion.get(), doc.get("ferrumVersion").asText());
        assertFalse(doc.get("ferrumVersion").asText().isEmpty());
        assertEquals("succeeded", doc.get("status").asText());
        assertEquals(
                pipelineFile.toAbsolutePath().toString(),
                doc.get("pipelineFile").asText());
        assertTrue(doc.get("environment").get("java").asText().length() > 0);
        assertEquals(
                PipelineFormat.FORMAT_NAME, doc.get("pipeline").get("format").asText());
        assertEquals(2, doc.get("pipeline").get("nodes").size());
        // the pipeline as run: the input value is applied to the node
        assertEquals(
                data.toString(),
                doc.get("pipeline")
                        .get("nodes")
                        .get(0)
                        .get("parameters")
                        .get("path")
                        .asText());
        assertEquals(run.pipeline(), PipelineFormat.parse(new ObjectMapper().writeValueAsString(doc.get("pipeline"))));

        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data)));
        assertEquals(data.toString(), doc.get("inputs").get("data").get("value").asText());
        assertEquals(sha, doc.get("inputs").get("data").get("sha256").asText());

        JsonNode nodes = doc.get("nodes");
        assertEquals(2, nodes.size());
        for (JsonNode n : nodes) {
            NodeRun r = run.nodeRun(n.get("id").asText()).orElseThrow();
            assertEquals(r.operatorId(), n.get("operator").asText());
            assertEquals("1.0", n.get("version").asText());
            assertEquals("ran", n.get("status").asText());
            assertEquals("first run", n.get("reason").asText());
            assertEquals(r.cacheKey(), n.get("cacheKey").asText());
            assertTrue(n.get("cacheKey").asText().matches("[0-9a-f]{64}"));
            assertTrue(n.get("seconds").isNumber());
            assertTrue(n.get("seconds").asDouble() >= 0);
            assertFalse(n.has("error"));
        }
        JsonNode add = nodes.get(0).get("id").asText().equals("add") ? nodes.get(0) : nodes.get(1);
        assertEquals(0.5, add.get("parameters").get("offset").asDouble(), 0);
        assertTrue(add.get("parameters").get("offset").isDouble());
        JsonNode r = nodes.get(0).get("id").asText().equals("r") ? nodes.get(0) : nodes.get(1);
        assertEquals(data.toString(), r.get("parameters").get("path").asText());

        assertEquals("sum.csv", doc.get("outputs").get("sum").asText());
    }

    @Test
    void failedNodeHasItsErrorAndNoCacheKey() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "1", StandardCharsets.UTF_8);
        Execution run = execution(new FakeOperators(), data, true);
        JsonNode doc = Provenance.document(run, null, Map.of());
        assertEquals("failed", doc.get("status").asText());
        assertFalse(doc.has("pipelineFile"));
        JsonNode f = null;
        for (JsonNode n : doc.get("nodes")) {
            if (n.get("id").asText().equals("f")) {
                f = n;
            }
        }
        assertEquals("failed", f.get("status").asText());
        assertEquals("deliberate failure", f.get("error").asText());
        assertFalse(f.has("cacheKey"));
        assertTrue(doc.get("outputs").isEmpty());
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "2", StandardCharsets.UTF_8);
        Execution run = execution(new FakeOperators(), data, false);
        Path out = dir.resolve("out/deeper");
        Path written = Provenance.write(run, null, Map.of("sum", "sum.csv"), out);
        assertEquals(out.resolve(Provenance.FILE_NAME), written);
        assertEquals(List.of(Provenance.FILE_NAME), listing(out));
        JsonNode first = new ObjectMapper().readTree(Files.readString(written));
        assertEquals("sum.csv", first.get("outputs").get("sum").asText());
        String text = Files.readString(written, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n"), "ends with a newline");
        assertTrue(text.contains("\n  \"ferrumVersion\""), "two-space indent");

        Files.writeString(written, "stale", StandardCharsets.UTF_8);
        Provenance.write(run, null, Map.of(), out);
        assertEquals(List.of(Provenance.FILE_NAME), listing(out));
        JsonNode second = new ObjectMapper().readTree(Files.readString(written));
        assertEquals(0, second.get("outputs").size());
    }

    private static List<String> listing(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
