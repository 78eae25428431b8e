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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ferrum.pipeline.api.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the executor refuses to run, and how named inputs are bound. */
@Timeout(60)
class ExecutorValidationTest {

    @TempDir
    Path dir;

    @Test
    void invalidPipelineThrowsWithEveryProblemAndRunsNothing() {
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("u", "fake.nope")
                .node("n", FakeOperators.ADD, "offset", "lots")
                .node("m", FakeOperators.ADD)
                .node("k", FakeOperators.CONST)
                .edge("k.value", "m.a")
                .build();
        PipelineValidationException e = assertThrows(PipelineValidationException.class, () -> new PipelineExecutor(
                        fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, null));
        Set<Problem.Kind> kinds = e.problems().stream()
                .filter(Problem::isError)
                .map(Problem::kind)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        Problem.Kind.UNKNOWN_OPERATOR,
                        Problem.Kind.BAD_PARAMETER,
                        Problem.Kind.UNCONNECTED_REQUIRED_INPUT),
                kinds,
                e.problems().toString());
        assertTrue(e.getMessage().contains("unknown operator 'fake.nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("'offset'"), e.getMessage());
        assertTrue(e.getMessage().contains("required input 'a'"), e.getMessage());
        assertEquals(0, fake.runs("k"));
    }

    @Test
    void unknownInputNameIsReported() {
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("r", FakeOperators.READ)
                .input("data", "r", "path", "x.txt")
                .build();
        PipelineValidationException e = assertThrows(PipelineValidationException.class, () -> new PipelineExecutor(
                        fake.registry(), ResultCache.disabled(), 2)
                .run(p, new RunOptions(Map.of("dta", "y.txt"), dir), null, null));
        List<Problem> errors = e.problems().stream().filter(Problem::isError).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(Problem.Kind.BAD_INPUT_BINDING, errors.get(0).kind());
        assertTrue(
                errors.get(0).message().contains("unknown input 'dta'"),
                errors.get(0).message());
        assertTrue(errors.get(0).message().contains("data"), errors.get(0).message());
    }

    @Test
    void missingRequiredInputIsReported() {
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("r", FakeOperators.READ)
                .input("data", "r", "path", null)
                .build();
        PipelineValidationException e = assertThrows(PipelineValidationException.class, () -> new PipelineExecutor(
                        fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, null));
        assertTrue(e.getMessage().contains("--input data="), e.getMessage());
    }

    @Test
    void namedInputSetsTheParameterAndItsFileIsHashed() throws Exception {
        FakeOperators fake = new FakeOperators();
        Path given = Files.writeString(dir.resolve("given.txt"), "6", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("default.txt"), "2", StandardCharsets.UTF_8);
        Pipeline p = FakeOperators.pipeline()
                .node("r", FakeOperators.READ)
                .input("data", "r", "path", "default.txt")
                .output("v", "r.value")
                .build();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2);

        Execution byDefault = ex.run(p, RunOptions.defaults(dir), null, null);
        assertEquals(2.0, ((Scalar) byDefault.outputs().get("v")).value(), 0);
        assertEquals(Map.of("data", "default.txt"), byDefault.inputValues());

        Execution byValue = ex.run(p, new RunOptions(Map.of("data", given.toString()), dir), null, null);
        assertEquals(6.0, ((Scalar) byValue.outputs().get("v")).value(), 0);
        assertEquals(
                given.toString(),
                byValue.pipeline().node("r").orElseThrow().parameters().get("path"));
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(given)));
        assertEquals(Map.of("data", sha), byValue.inputHashes());
        assertTrue(
                byValue.nodeRun("r").orElseThrow().reason().contains("parameter 'path' changed"),
                byValue.nodeRun("r").orElseThrow().reason());
    }

    @Test
    void emptyPipelineRunsAndSucceeds() throws Exception {
        Execution run = new PipelineExecutor(new FakeOperators().registry(), ResultCache.disabled(), 2)
                .run(FakeOperators.pipeline().build(), RunOptions.defaults(dir), null, null);
        assertTrue(run.succeeded());
        assertTrue(run.nodeRuns().isEmpty());
    }
}
