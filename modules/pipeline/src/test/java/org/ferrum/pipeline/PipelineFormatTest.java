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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineFormatTest {

    /** Canonical text as {@link PipelineFormat#write} lays it out. */
    private static final String CANONICAL =
            """
            {
              "format" : "ferrum-pipeline",
              "formatVersion" : 1,
              "name" : "Mask",
              "description" : "thresholds a volume",
              "inputs" : {
                "gre" : {
                  "node" : "read",
                  "parameter" : "path",
                  "default" : "gre.nii",
                  "description" : "input volume"
                },
                "thr" : {
                  "node" : "mask",
                  "parameter" : "threshold",
                  "description" : ""
                }
              },
              "nodes" : [
                {
                  "id" : "read",
                  "operator" : "test.source",
                  "version" : "1.0",
                  "parameters" : { },
                  "position" : {
                    "x" : 40.0,
                    "y" : 80.5
                  }
                },
                {
                  "id" : "mask",
                  "operator" : "test.mask",
                  "version" : "1.2",
                  "parameters" : {
                    "threshold" : 0.5,
                    "note" : "text",
                    "count" : 3,
                    "flag" : true
                  }
                }
              ],
              "edges" : [
                {
                  "from" : "read.volume",
                  "to" : "mask.volume"
                }
              ],
              "outputs" : {
                "mask" : "mask.mask"
              }
            }
            """;

    /** The same pipeline written by hand: other key order, other indentation, integer positions, no empty parts. */
    private static final String HAND_WRITTEN =
            """
            {"nodes": [
                {"operator": "test.source", "id": "read", "position": {"y": 80.5, "x": 40}, "version": "1.0"},
                {"parameters": {"threshold": 0.5, "note": "text", "count": 3, "flag": true},
                 "version": "1.2", "id": "mask", "operator": "test.mask"}],
             "outputs": {"mask": "mask.mask"},
             "formatVersion": 1,
             "edges": [{"to": "mask.volume", "from": "read.volume"}],
             "inputs": {"gre": {"description": "input volume", "default": "gre.nii", "parameter": "path", "node": "read"},
                        "thr": {"parameter": "threshold", "node": "mask"}},
             "description": "thresholds a volume",
             "name": "Mask", "format": "ferrum-pipeline"}
            """;

    @Test
    void roundTripOfPipelineUsingEveryFeature() throws Exception {
        Pipeline p = TestOperators.full();
        Pipeline back = PipelineFormat.parse(PipelineFormat.write(p));
        assertEquals(p, back);
        // Record equality of maps ignores order; the format promises to keep it.
        assertEquals(List.copyOf(p.inputs().keySet()), List.copyOf(back.inputs().keySet()));
        assertEquals(
                List.copyOf(p.outputs().keySet()), List.copyOf(back.outputs().keySet()));
        for (int i = 0; i < p.nodes().size(); i++) {
            assertEquals(
                    List.copyOf(p.nodes().get(i).parameters().keySet()),
                    List.copyOf(back.nodes().get(i).parameters().keySet()));
        }
        // Parameter values keep their JSON type.
        Map<String, Object> comb = back.node("comb").orElseThrow().parameters();
        assertInstanceOf(String.class, comb.get("method"));
        assertInstanceOf(Long.class, comb.get("iterations"));
        assertInstanceOf(Boolean.class, comb.get("enabled"));
        assertInstanceOf(
                Double.class, back.node("mask").orElseThrow().parameters().get("threshold"));
        assertNull(back.node("comb").orElseThrow().position());
        assertNull(back.inputs().get("label").defaultValue());
        // And writing again gives the same text.
        assertEquals(PipelineFormat.write(p), PipelineFormat.write(back));
    }

    @Test
    void roundTripKeepsWholeDoublesDoubleAndExtremeNumbers() throws Exception {
        Node n = new Node(
                "n",
                "test.x",
                "1.0",
                TestOperators.params(
                        "whole",
                        2.0,
                        "big",
                        1e300,
                        "tiny",
                        -4.9e-324,
                        "max",
                        Long.MAX_VALUE,
                        "min",
                        Long.MIN_VALUE,
                        "neg",
                        -0.0,
                        "empty",
                        "",
                        "quote",
                        "a \"b\" \\ c\nd",
                        "unicode",
                        "χ ≥ 1 µm"),
                new Node.Position(-0.5, 1e6));
        Pipeline p = new Pipeline("", "", List.of(n), List.of(), Map.of(), Map.of());
        Pipeline back = PipelineFormat.parse(PipelineFormat.write(p));
        assertEquals(p, back);
        assertInstanceOf(Double.class, back.nodes().get(0).parameters().get("whole"));
        assertInstanceOf(Long.class, back.nodes().get(0).parameters().get("max"));
    }

    @Test
    void emptyPipelineRoundTrips() throws Exception {
        Pipeline p = new Pipeline("", "", List.of(), List.of(), Map.of(), Map.of());
        assertEquals(p, PipelineFormat.parse(PipelineFormat.write(p)));
        Pipeline minimal = PipelineFormat.parse("{\"format\": \"ferrum-pipeline\", \"formatVersion\": 1}");
        assertEquals(p, minimal);
    }

    @Test
    void canonicalTextIsWrittenBackUnchanged() throws Exception {
        assertEquals(CANONICAL, PipelineFormat.write(PipelineFormat.parse(CANONICAL)));
    }

    @Test
    void canonicalTextOfEveryFeatureIsWrittenBackUnchanged() throws Exception {
        String text = PipelineFormat.write(TestOperators.full());
        assertEquals(text, PipelineFormat.write(PipelineFormat.parse(text)));
    }

    @Test
    void handWrittenFileGivesTheSameModel() throws Exception {
        Pipeline hand = PipelineFormat.parse(HAND_WRITTEN);
        assertEquals(PipelineFormat.parse(CANONICAL), hand);
        assertEquals(CANONICAL, PipelineFormat.write(hand));
        assertEquals(
                new Node.Position(40, 80.5), hand.node("read").orElseThrow().position());
        assertEquals(
                List.of("threshold", "note", "count", "flag"),
                List.copyOf(hand.node("mask").orElseThrow().parameters().keySet()));
    }

    @Test
    void windowsLineEndingsAreRead() throws Exception {
        assertEquals(PipelineFormat.parse(CANONICAL), PipelineFormat.parse(CANONICAL.replace("\n", "\r\n")));
    }

    static Stream<Arguments> malformed() {
        String head = "\"format\": \"ferrum-pipeline\", \"formatVersion\": 1";
        return Stream.of(
                Arguments.of("{ \"format\": ", "not valid JSON at line 1"),
                Arguments.of(
                        "{\n  \"format\": \"ferrum-pipeline\",\n  \"formatVersion\": 1,,\n}",
                        "not valid JSON at line 3"),
                Arguments.of("", "one JSON object"),
                Arguments.of("[1, 2]", "one JSON object"),
                Arguments.of("\"ferrum-pipeline\"", "one JSON object"),
                Arguments.of("{\"formatVersion\": 1}", "\"format\" is missing"),
                Arguments.of(
                        "{\"format\": \"other-format\", \"formatVersion\": 1}",
                        "\"format\" is 'other-format', expected 'ferrum-pipeline'"),
                Arguments.of(
                        "{\"format\": 7, \"formatVersion\": 1}", "\"format\" is missing or not a non-empty string"),
                Arguments.of("{\"format\": \"ferrum-pipeline\"}", "\"formatVersion\" is missing"),
                Arguments.of(
                        "{\"format\": \"ferrum-pipeline\", \"formatVersion\": \"1\"}",
                        "\"formatVersion\" is missing or not a whole number"),
                Arguments.of(
                        "{\"format\": \"ferrum-pipeline\", \"formatVersion\": 1.5}",
                        "\"formatVersion\" is missing or not a whole number"),
                Arguments.of(
                        "{\"format\": \"ferrum-pipeline\", \"formatVersion\": 2}",
                        "\"formatVersion\" 2 is not supported"),
                Arguments.of(
                        "{\"format\": \"ferrum-pipeline\", \"formatVersion\": 0}",
                        "\"formatVersion\" 0 is not supported"),
                Arguments.of("{" + head + ", \"nodes\": {}}", "\"nodes\" must be an array"),
                Arguments.of("{" + head + ", \"nodes\": [3]}", "node #1 is not an object"),
                Arguments.of(
                        "{" + head + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\"},"
                                + " {\"operator\": \"x\", \"version\": \"1.0\"}]}",
                        "node #2: \"id\" is missing"),
                Arguments.of(
                        "{" + head + ", \"nodes\": [{\"id\": \"\", \"operator\": \"x\", \"version\": \"1.0\"}]}",
                        "\"id\" is missing or not a non-empty string"),
                Arguments.of(
                        "{" + head + ", \"nodes\": [{\"id\": \"a\", \"version\": \"1.0\"}]}",
                        "node 'a': \"operator\" is missing"),
                Arguments.of(
                        "{" + head + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\"}]}",
                        "node 'a': \"version\" is missing"),
                Arguments.of(
                        "{" + head + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": 1.0}]}",
                        "node 'a': \"version\" is missing or not a non-empty string"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"parameters\": [1]}]}",
                        "node 'a': \"parameters\" must be an object"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"parameters\": \"p=1\"}]}",
                        "node 'a': \"parameters\" must be an object"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"parameters\": {\"p\": [1, 2]}}]}",
                        "node 'a' parameter 'p' must be a string, number or true/false"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"parameters\": {\"q\": {\"v\": 1}}}]}",
                        "node 'a' parameter 'q' must be a string, number or true/false"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"parameters\": {\"n\": null}}]}",
                        "node 'a' parameter 'n' must be a string, number or true/false"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"parameters\": {\"big\": 123456789012345678901234567890}}]}",
                        "node 'a' parameter 'big' is too large a whole number"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"position\": {\"x\": 1}}]}",
                        "node 'a': \"position\" needs numeric x and y"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"position\": {\"x\": \"1\", \"y\": 2}}]}",
                        "node 'a': \"position\" needs numeric x and y"),
                Arguments.of(
                        "{" + head
                                + ", \"nodes\": [{\"id\": \"a\", \"operator\": \"x\", \"version\": \"1.0\", \"position\": [1, 2]}]}",
                        "node 'a': \"position\" needs numeric x and y"),
                Arguments.of(
                        "{" + head
                                + ", \"edges\": [{\"from\": \"a.out\", \"to\": \"b.in\"}, {\"from\": \"a\", \"to\": \"b.in\"}]}",
                        "edge #2: expected 'node.port', got 'a'"),
                Arguments.of(
                        "{" + head + ", \"edges\": [{\"from\": \"a.out\", \"to\": \"b.\"}]}",
                        "edge #1: expected 'node.port', got 'b.'"),
                Arguments.of("{" + head + ", \"edges\": [{\"from\": \"a.out\"}]}", "edge #1: \"to\" is missing"),
                Arguments.of("{" + head + ", \"edges\": [\"a.out -> b.in\"]}", "edge #1: \"from\" is missing"),
                Arguments.of("{" + head + ", \"edges\": {}}", "\"edges\" must be an array"),
                Arguments.of("{" + head + ", \"inputs\": []}", "\"inputs\" must be an object"),
                Arguments.of("{" + head + ", \"inputs\": {\"gre\": \"read.path\"}}", "input 'gre' must be an object"),
                Arguments.of(
                        "{" + head + ", \"inputs\": {\"gre\": {\"parameter\": \"path\"}}}",
                        "input 'gre': \"node\" is missing"),
                Arguments.of(
                        "{" + head + ", \"inputs\": {\"gre\": {\"node\": \"read\"}}}",
                        "input 'gre': \"parameter\" is missing"),
                Arguments.of("{" + head + ", \"outputs\": []}", "\"outputs\" must be an object"),
                Arguments.of(
                        "{" + head + ", \"outputs\": {\"mask\": 3}}", "output 'mask' must be a string 'node.port'"),
                Arguments.of(
                        "{" + head + ", \"outputs\": {\"mask\": {\"node\": \"a\", \"port\": \"b\"}}}",
                        "output 'mask' must be a string 'node.port'"),
                Arguments.of(
                        "{" + head + ", \"outputs\": {\"mask\": \"mask\"}}",
                        "output 'mask': expected 'node.port', got 'mask'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("malformed")
    void malformedFilesAreRefusedWithAMessageNamingThePlace(String json, String expected) {
        PipelineFormatException e = assertThrows(PipelineFormatException.class, () -> PipelineFormat.parse(json));
        assertTrue(
                e.getMessage().contains(expected),
                () -> "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void readPrefixesTheFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.ferrum.json");
        Files.writeString(file, "{\"format\": \"ferrum-pipeline\", \"formatVersion\": 9}", StandardCharsets.UTF_8);
        PipelineFormatException e = assertThrows(PipelineFormatException.class, () -> PipelineFormat.read(file));
        assertTrue(e.getMessage().startsWith("broken.ferrum.json: \"formatVersion\" 9"), e.getMessage());
    }

    @Test
    void readOfAMissingFileNamesIt(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");
        IOException e = assertThrows(IOException.class, () -> PipelineFormat.read(file));
        assertTrue(e.getMessage().contains("absent.json"), e.getMessage());
    }

    @Test
    void writeToFileIsReadBackAndReplacesAtomically(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.ferrum.json");
        Files.writeString(file, "old content that is longer than nothing");
        Pipeline p = TestOperators.full();
        PipelineFormat.write(p, file);
        assertEquals(PipelineFormat.write(p), Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(p, PipelineFormat.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files are left beside the pipeline");
        }
        // Overwriting again replaces, still without leftovers.
        Pipeline q = new Pipeline("other", "", List.of(), List.of(), Map.of(), Map.of());
        PipelineFormat.write(q, file);
        assertEquals(q, PipelineFormat.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void writeCreatesMissingFolders(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/p.json");
        PipelineFormat.write(TestOperators.full(), file);
        assertEquals(TestOperators.full(), PipelineFormat.read(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failedWriteLeavesTheExistingFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.json");
        Files.createDirectory(file); // a folder where the file should go: the move must fail
        Files.writeString(file.resolve("inside"), "x");
        assertThrows(IOException.class, () -> PipelineFormat.write(TestOperators.full(), file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertFalse(Files.isRegularFile(file));
    }
}
