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
package org.ferrum.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineValidator;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.api.PortTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample pipelines in testdata/pipelines/ are valid, canonical, point at real files and run. */
class SamplePipelinesTest {

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(TestVolumes.testData().resolve("pipelines"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .filter(SamplePipelinesTest::usesOnlyThisModulesOperators)
                    .toList();
            assertTrue(list.size() >= 2, "expected the sample pipelines, found " + list);
            return list.stream();
        }
    }

    /**
     * Samples built on algorithm modules (e.g. brain-qsm.json on modules/qsm) are checked by those modules'
     * tests, where their operators are installed; here only those made of the built-in operators.
     */
    private static boolean usesOnlyThisModulesOperators(Path file) {
        try {
            return PipelineFormat.read(file).nodes().stream()
                    .allMatch(n ->
                            OperatorRegistry.installed().find(n.operatorId()).isPresent());
        } catch (IOException e) {
            return true; // unreadable: let the tests below report it
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void validatesWithoutProblems(Path file) throws IOException {
        Pipeline p = PipelineFormat.read(file);
        List<Problem> problems = PipelineValidator.validate(p, OperatorRegistry.installed());
        assertEquals(List.of(), problems, file.getFileName().toString());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void isInCanonicalLayout(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(
                text,
                PipelineFormat.write(PipelineFormat.read(file)),
                file.getFileName().toString());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyNodeIsPlacedAndDefaultPathsExist(Path file) throws IOException {
        Pipeline p = PipelineFormat.read(file);
        p.nodes().forEach(n -> assertTrue(n.position() != null, n.id() + " has no editor position"));
        p.inputs().forEach((name, b) -> {
            boolean isPath = p.node(b.node())
                    .flatMap(n -> OperatorRegistry.installed().find(n.operatorId()))
                    .flatMap(op -> op.descriptor().parameter(b.parameter()))
                    .map(param -> param.type() == org.ferrum.pipeline.api.Parameter.Type.PATH)
                    .orElse(false);
            if (isPath) {
                assertTrue(Files.exists(file.getParent().resolve(b.defaultValue())), name + " → " + b.defaultValue());
            }
            assertFalse(b.description().isBlank(), "input " + name + " needs a description");
        });
    }

    @ParameterizedTest
    @MethodSource("samples")
    void runsWithItsDefaults(Path file) throws Exception {
        Pipeline p = PipelineFormat.read(file);
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(file.getParent()), null, null);
        assertTrue(
                run.succeeded(),
                () -> run.firstFailure().map(r -> r.nodeId() + ": " + r.error()).orElse("?"));
        assertEquals(p.outputs().keySet(), run.outputs().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void greRoiStatisticsGivesOneRowPerEchoOverTheMask() throws Exception {
        Path file = TestVolumes.testData().resolve("pipelines/gre-roi-statistics.json");
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 2)
                .run(PipelineFormat.read(file), RunOptions.defaults(file.getParent()), null, null);
        Volume<FloatType> mask = (Volume<FloatType>) run.outputs().get("mask");
        Table stats = (Table) run.outputs().get("stats");
        float[] m = TestVolumes.values(mask);
        long inside = 0;
        for (float v : m) {
            inside += (long) v;
        }
        assertTrue(
                inside > 0.3 * m.length && inside < 0.7 * m.length,
                "threshold near the median keeps about half: " + inside);
        assertEquals(3, stats.rowCount());
        for (int echo = 0; echo < 3; echo++) {
            assertEquals(echo + 1, stats.number(echo, "frame"));
            assertEquals(1, stats.number(echo, "label"));
            assertEquals(inside, stats.number(echo, "n"));
        }
        assertTrue(stats.number(0, "min") >= 0.00035, "first echo: every voxel in the mask is ≥ the threshold");
        assertTrue(stats.number(1, "mean") < stats.number(0, "mean"), "magnitude decays from echo 1 to echo 2");
        assertEquals(
                PhysicalUnit.ARBITRARY,
                stats.columns().get(stats.columnIndex("mean")).unit());
        assertTrue(PortTypes.MASK.accepts(mask));
    }
}
