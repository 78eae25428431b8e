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
package org.ferrum.pipeline.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.table.TableCsv;
import org.ferrum.pipeline.FakeOperators;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The headless runner's files, exit statuses and messages, with fake operators. */
@Timeout(60)
class HeadlessRunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private FakeOperators fake;
    private HeadlessRunner runner;

    @BeforeEach
    void setUp() {
        fake = new FakeOperators();
        runner = new HeadlessRunner(
                fake.registry(),
                dir,
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Path save(String name, Pipeline p) throws Exception {
        Path file = dir.resolve(name);
        PipelineFormat.write(p, file);
        return file;
    }

    private static List<String> listing(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private JsonNode provenance(Path outDir) throws Exception {
        return new ObjectMapper().readTree(Files.readString(outDir.resolve(Provenance.FILE_NAME)));
    }

    @Test
    void successfulRunWritesVolumeTableAndProvenanceAndExitsZero() throws Exception {
        Files.writeString(dir.resolve("value.txt"), "0.25", StandardCharsets.UTF_8);
        Pipeline p = FakeOperators.pipeline()
                .node("vol", FakeOperators.VOLUME, "value", 2.5)
                .node("r", FakeOperators.READ)
                .node("stats", FakeOperators.TABLE)
                .edge("r.value", "stats.value")
                .input("value", "r", "path", "missing-default.txt")
                .output("chi", "vol.volume")
                .output("stats", "stats.table")
                .output("v", "r.value")
                .build();
        Path file = save("p.json", p);
        int status = runner.run(Path.of("p.json"), Map.of("value", "value.txt"), Path.of("results"));
        assertEquals(HeadlessRunner.OK, status, errLines().toString());
        assertTrue(errLines().isEmpty(), errLines().toString());
        Path results = dir.resolve("results");
        assertEquals(List.of("chi.nii.gz", Provenance.FILE_NAME, "stats.csv", "v.csv"), listing(results));

        Volume<FloatType> chi = VolumeFiles.readFloat(results.resolve("chi.nii.gz"));
        assertEquals(List.of(4L, 3L, 2L), List.of(chi.dimension(0), chi.dimension(1), chi.dimension(2)));
        assertEquals(PhysicalUnit.PPM, chi.unit());
        for (FloatType t : Views.flatIterable(chi.image())) {
            assertEquals(2.5f, t.get(), 0);
        }
        assertEquals(2.0, chi.geometry().voxelSize()[2], 1e-6);

        Table stats = TableCsv.read(results.resolve("stats.csv"));
        assertEquals(1, stats.rowCount());
        assertEquals(0.25, stats.number(0, "value"), 0);
        assertEquals(
                PhysicalUnit.PPM,
                stats.columns().get(stats.columnIndex("value")).unit());
        Table v = TableCsv.read(results.resolve("v.csv"));
        assertEquals(0.25, v.number(0, "value"), 0);

        JsonNode prov = provenance(results);
        assertEquals("succeeded", prov.get("status").asText());
        assertEquals(file.toString(), prov.get("pipelineFile").asText());
        // a relative --input is relative to the caller's working directory
        assertEquals(
                dir.resolve("value.txt").toString(),
                prov.get("inputs").get("value").get("value").asText());
        assertTrue(prov.get("inputs").get("value").get("sha256").asText().matches("[0-9a-f]{64}"));
        assertEquals("chi.nii.gz", prov.get("outputs").get("chi").asText());
        assertEquals("stats.csv", prov.get("outputs").get("stats").asText());
        assertEquals(3, prov.get("nodes").size());

        assertTrue(out().contains("p.json: 3 nodes in"), out());
        for (String id : List.of("vol", "r", "stats")) {
            assertTrue(out().lines().anyMatch(l -> l.trim().startsWith(id + " ") && l.contains("ran")), out());
        }
    }

    @Test
    void missingPipelineFileIsBadInputNamingIt() {
        int status = runner.run(Path.of("nowhere.json"), Map.of(), Path.of("out"));
        assertEquals(HeadlessRunner.BAD_INPUT, status);
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).contains("nowhere.json") && errLines().get(0).contains("not found"),
                errLines().get(0));
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void malformedJsonIsBadInputNamingTheFile() throws Exception {
        Files.writeString(
                dir.resolve("broken.json"),
                "{ \"format\": \"ferrum-pipeline\", \"nodes\": [ }",
                StandardCharsets.UTF_8);
        int status = runner.run(Path.of("broken.json"), Map.of(), Path.of("out"));
        assertEquals(HeadlessRunner.BAD_INPUT, status);
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(errLines().get(0).startsWith("broken.json: "), errLines().get(0));
        assertTrue(errLines().get(0).contains("JSON"), errLines().get(0));
        assertFalse(Files.exists(dir.resolve("out")));
    }

    private void assertOneProblemLine(Pipeline p, Map<String, String> inputs, String... fragments) throws Exception {
        save("p.json", p);
        int status = runner.run(Path.of("p.json"), inputs, Path.of("out"));
        assertEquals(HeadlessRunner.BAD_INPUT, status);
        assertEquals(1, errLines().size(), errLines().toString());
        String line = errLines().get(0);
        assertTrue(line.startsWith("p.json: "), line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "'" + f + "' missing in: " + line);
        }
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a pipeline that cannot run");
    }

    @Test
    void unknownOperatorIsBadInputNamingNodeAndOperator() throws Exception {
        assertOneProblemLine(
                FakeOperators.pipeline().node("mystery", "fake.nope").build(), Map.of(), "'mystery'", "'fake.nope'");
    }

    @Test
    void portTypeMismatchIsBadInputNamingTheEdge() throws Exception {
        assertOneProblemLine(
                FakeOperators.pipeline()
                        .node("vol", FakeOperators.VOLUME, "value", 1.0)
                        .node("add", FakeOperators.ADD)
                        .edge("vol.volume", "add.a")
                        .build(),
                Map.of(),
                "vol.volume",
                "add.a",
                "volume",
                "scalar");
    }

    @Test
    void cycleIsBadInputNamingTheNodes() throws Exception {
        assertOneProblemLine(
                FakeOperators.pipeline()
                        .node("x", FakeOperators.ADD)
                        .node("y", FakeOperators.ADD)
                        .edge("x.sum", "y.a")
                        .edge("y.sum", "x.a")
                        .build(),
                Map.of(),
                "cycle",
                "x",
                "y");
    }

    @Test
    void unknownInputNameIsBadInput() throws Exception {
        assertOneProblemLine(
                FakeOperators.pipeline()
                        .node("r", FakeOperators.READ)
                        .input("data", "r", "path", "d.txt")
                        .build(),
                Map.of("dtaa", "x.txt"),
                "unknown input 'dtaa'",
                "data");
    }

    @Test
    void outputNamesThatLeaveTheOutputFolderAreRefusedBeforeAnythingRuns() throws Exception {
        Path victim = Files.writeString(dir.resolve("x.csv"), "an input that must survive");
        save(
                "p.json",
                FakeOperators.pipeline()
                        .node("a", FakeOperators.CONST, "value", 3.0)
                        .output("../x", "a.value")
                        .output(dir.resolve("abs").toString(), "a.value")
                        .output("", "a.value")
                        .build());
        assertEquals(HeadlessRunner.BAD_INPUT, runner.run(Path.of("p.json"), Map.of(), Path.of("out")));
        List<String> lines = errLines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("p.json: output '../x': holds a path separator"), lines.get(0));
        assertTrue(
                lines.get(1).startsWith("p.json: output '" + dir.resolve("abs") + "': holds a path separator"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("p.json: output '': the name is empty"), lines.get(2));
        assertEquals(0, fake.runs("a"));
        assertEquals("an input that must survive", Files.readString(victim));
        assertEquals(List.of("p.json", "x.csv"), listing(dir));
    }

    @Test
    void everyProblemGetsItsOwnLine() throws Exception {
        save(
                "p.json",
                FakeOperators.pipeline()
                        .node("u", "fake.nope")
                        .node("add", FakeOperators.ADD)
                        .node("w", "fake.other")
                        .build());
        assertEquals(HeadlessRunner.BAD_INPUT, runner.run(Path.of("p.json"), Map.of(), Path.of("out")));
        List<String> lines = errLines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("p.json: ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("'u'")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("'w'")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("'add'") && l.contains("'a'")));
    }

    @Test
    void badInputNodeFailureExitsTwoAndStillWritesProvenance() throws Exception {
        save(
                "p.json",
                FakeOperators.pipeline()
                        .node("ok", FakeOperators.CONST)
                        .node("check", FakeOperators.BAD_INPUT)
                        .node("after", FakeOperators.ADD)
                        .edge("check.value", "after.a")
                        .output("ok", "ok.value")
                        .output("after", "after.sum")
                        .build());
        int status = runner.run(Path.of("p.json"), Map.of(), Path.of("out"));
        assertEquals(HeadlessRunner.BAD_INPUT, status);
        assertEquals(1, errLines().size(), errLines().toString());
        String line = errLines().get(0);
        assertTrue(line.startsWith("p.json: ") && line.contains("'check'") && line.contains("the mask is empty"), line);
        assertFalse(Files.exists(dir.resolve("out")), "a failed run does not publish --out");
        Path out = failedFolder();
        assertEquals(List.of("ok.csv", Provenance.FILE_NAME), listing(out));
        JsonNode prov = provenance(out);
        assertEquals("failed", prov.get("status").asText());
        assertEquals("ok.csv", prov.get("outputs").get("ok").asText());
        assertFalse(prov.get("outputs").has("after"));
    }

    /** The one {@code out.failed-<time>} folder a failed run left. */
    private Path failedFolder() throws Exception {
        List<String> failed =
                listing(dir).stream().filter(n -> n.startsWith("out.failed-")).toList();
        assertEquals(1, failed.size(), listing(dir).toString());
        return dir.resolve(failed.get(0));
    }

    @Test
    void otherNodeFailureExitsOneAndStillWritesProvenance() throws Exception {
        save(
                "p.json",
                FakeOperators.pipeline()
                        .node("f", FakeOperators.FAIL)
                        .output("f", "f.value")
                        .build());
        int status = runner.run(Path.of("p.json"), Map.of(), Path.of("out"));
        assertEquals(HeadlessRunner.FAILURE, status);
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).contains("'f'") && errLines().get(0).contains("deliberate failure"),
                errLines().get(0));
        JsonNode prov = provenance(failedFolder());
        assertEquals("failed", prov.get("status").asText());
        assertEquals("deliberate failure", prov.get("nodes").get(0).get("error").asText());
    }

    @Test
    void inputDefaultIsRelativeToThePipelineFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(sub.resolve("seven.txt"), "7", StandardCharsets.UTF_8);
        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("r", FakeOperators.READ)
                        .input("data", "r", "path", "seven.txt")
                        .output("v", "r.value")
                        .build(),
                sub.resolve("p.json"));
        assertEquals(
                HeadlessRunner.OK,
                runner.run(Path.of("pipelines/p.json"), Map.of(), Path.of("out")),
                errLines().toString());
        assertEquals(7.0, TableCsv.read(dir.resolve("out/v.csv")).number(0, "value"), 0);
    }

    @Test
    void listOperatorsPrintsIdsVersionsPortsAndParametersWithUnits() {
        assertEquals(HeadlessRunner.OK, runner.listOperators());
        String text = out();
        List<String> lines = text.lines().toList();
        assertTrue(
                lines.contains(lines.stream()
                        .filter(l -> l.startsWith("fake.add 1.0 "))
                        .findFirst()
                        .orElse("missing fake.add")),
                text);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+in\\s+a\\s+scalar\\s+first")), text);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+in\\s+b\\s+scalar\\s+\\(optional\\) second")), text);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+out\\s+sum\\s+scalar\\s+a \\+ b \\+ offset")), text);
        // a parameter with a default, a range and a unit
        String offset = lines.stream()
                .filter(l -> l.trim().startsWith("par  offset"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                offset.contains("default 0.0 ppm")
                        && offset.contains("[-1000000, 1000000] ppm")
                        && offset.contains("added to the sum"),
                offset);
        // a required parameter still shows its unit
        String value = lines.stream()
                .filter(l -> l.trim().startsWith("par  value") && l.contains("every voxel"))
                .findFirst()
                .orElseThrow();
        assertTrue(value.contains("required") && value.contains("ppm"), value);
        String choice = lines.stream()
                .filter(l -> l.trim().startsWith("par  throwable"))
                .findFirst()
                .orElseThrow();
        assertTrue(choice.contains("one of [IllegalStateException, AssertionError, StackOverflowError]"), choice);
        // ports show their quantity and units (issue 16)
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("\\s+in\\s+field\\s+volume\\s+\\[field in Hz\\] a field map")),
                text);
        assertTrue(text.endsWith("15 operators" + System.lineSeparator()), text);
    }

    @Test
    void listOperatorsReportsRegistrationClashes() {
        FakeOperators a = new FakeOperators();
        java.util.List<org.ferrum.pipeline.api.Operator> ops =
                new java.util.ArrayList<>(a.registry().all());
        ops.addAll(new FakeOperators().registry().all().subList(0, 1));
        HeadlessRunner r = new HeadlessRunner(
                org.ferrum.pipeline.OperatorRegistry.of(ops),
                dir,
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        assertEquals(HeadlessRunner.OK, r.listOperators());
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).startsWith("warning: operator id '"),
                errLines().get(0));
    }

    @Test
    void runsRepeatedlyWithTheSameResults() throws Exception {
        Map<String, String> none = new LinkedHashMap<>();
        save(
                "p.json",
                FakeOperators.pipeline()
                        .node("a", FakeOperators.CONST, "value", 3.0)
                        .output("a", "a.value")
                        .build());
        assertEquals(HeadlessRunner.OK, runner.run(Path.of("p.json"), none, Path.of("out")));
        String first = Files.readString(dir.resolve("out/a.csv"));
        assertEquals(HeadlessRunner.OK, runner.run(Path.of("p.json"), none, Path.of("out"), true));
        assertEquals(first, Files.readString(dir.resolve("out/a.csv")));
        assertEquals(2, fake.runs("a"), "headless runs do not cache between runs");
    }
}
