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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.Scalar;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional named inputs: left empty, their node and every node that needs it on a required port are left out, nodes
 * that take it on an optional port run without it, and the run says what was not produced.
 */
@Timeout(60)
class OptionalInputsTest {

    @TempDir
    Path dir;

    private final FakeOperators fake = new FakeOperators();
    private Pipeline pipeline;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "1.5");
        Files.writeString(dir.resolve("b.txt"), "10");
        // ra → sum.a (required); rb → sum.b (optional) and → bonly.a (required)
        pipeline = FakeOperators.pipeline()
                .node("ra", FakeOperators.READ)
                .node("rb", FakeOperators.READ)
                .node("sum", FakeOperators.ADD)
                .node("bonly", FakeOperators.ADD)
                .edge("ra.value", "sum.a")
                .edge("rb.value", "sum.b")
                .edge("rb.value", "bonly.a")
                .input("a", "ra", "path", "a.txt")
                .optionalInput("b", "rb", "path", null)
                .output("sum", "sum.sum")
                .output("bonly", "bonly.sum")
                .build();
    }

    private Execution run(Map<String, String> inputs) throws PipelineValidationException {
        return new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(pipeline, new RunOptions(inputs, dir), null, Cancellation.NEVER);
    }

    @Test
    void givenOptionalInputRunsEverything() throws Exception {
        Execution e = run(Map.of("b", "b.txt"));
        assertTrue(e.succeeded());
        assertEquals(11.5, ((Scalar) e.outputs().get("sum")).value(), 1e-12);
        assertEquals(10.0, ((Scalar) e.outputs().get("bonly")).value(), 1e-12);
        assertTrue(e.omitted().isEmpty());
    }

    @Test
    void emptyOptionalInputLeavesItsBranchOut() throws Exception {
        for (Map<String, String> inputs : List.of(Map.<String, String>of(), Map.of("b", ""), Map.of("b", "  "))) {
            Execution e = run(inputs);
            assertTrue(e.succeeded(), inputs.toString());
            assertEquals(1.5, ((Scalar) e.outputs().get("sum")).value(), 1e-12, "sum ran without its optional b");
            assertFalse(e.outputs().containsKey("bonly"));
            assertEquals(
                    Map.of("rb", "optional input 'b' not given", "bonly", "optional input 'b' not given"), e.omitted());
            assertEquals(0, fake.runs("rb"));
            assertEquals(0, fake.runs("bonly"));
        }
    }

    @Test
    void emptyRequiredInputIsRefusedBeforeAnythingRuns() {
        Pipeline required = new Pipeline(
                pipeline.name(),
                pipeline.description(),
                pipeline.nodes(),
                pipeline.edges(),
                Map.of("a", pipeline.inputs().get("a"), "b", new InputBinding("rb", "path", null, "required b")),
                pipeline.outputs());
        PipelineValidationException ex = assertThrows(PipelineValidationException.class, () -> new PipelineExecutor(
                        fake.registry(), ResultCache.disabled(), 1)
                .run(required, new RunOptions(Map.of("b", ""), dir), null, Cancellation.NEVER));
        assertTrue(ex.getMessage().contains("input 'b' is given empty, but it is required"), ex.getMessage());
        assertEquals(0, fake.runs("ra"));
    }

    @Test
    void unknownInputNamesAreCheckedAgainstTheWholePipeline() throws Exception {
        Execution e = run(Map.of("b", ""));
        assertTrue(e.succeeded());
        PipelineValidationException ex = assertThrows(PipelineValidationException.class, () -> run(Map.of("c", "x")));
        assertTrue(ex.getMessage().contains("unknown input 'c'"), ex.getMessage());
    }

    @Test
    void optionalFlagRoundTripsAndIsWrittenOnlyWhenTrue() throws Exception {
        String text = PipelineFormat.write(pipeline);
        assertTrue(text.contains("\"optional\" : true"), text);
        assertEquals(1, text.split("\"optional\"", -1).length - 1, "only the optional input carries the flag");
        Path file = dir.resolve("p.json");
        Files.writeString(file, text);
        Pipeline back = PipelineFormat.read(file);
        assertEquals(pipeline, back);
        assertTrue(back.inputs().get("b").optional());
        assertFalse(back.inputs().get("a").optional());
    }

    @Test
    void headlessRunSaysWhatWasLeftOutAndRecordsItInProvenance() throws Exception {
        Path file = dir.resolve("p.json");
        PipelineFormat.write(pipeline, file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HeadlessRunner runner = new HeadlessRunner(
                fake.registry(),
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = runner.run(file, Map.of("b", ""), dir.resolve("out"));
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(HeadlessRunner.OK, status, o + err.toString(StandardCharsets.UTF_8));
        assertTrue(o.contains("rb left out: optional input 'b' not given"), o);
        assertTrue(o.contains("not produced (their nodes were left out): bonly"), o);
        assertTrue(Files.exists(dir.resolve("out/sum.csv")));
        assertFalse(Files.exists(dir.resolve("out/bonly.csv")));
        String provenance = Files.readString(dir.resolve("out").resolve(Provenance.FILE_NAME));
        assertTrue(provenance.contains("\"omitted\""), provenance);
    }
}
