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
package org.ferrum.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineValidator;
import org.ferrum.pipeline.Problem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ChainEvaluation}: its pipeline validates against the installed operators and round-trips through the JSON
 * format (fast); and, tagged "validation", the quick run: every chain on the physical whole-head phantom at 2 mm.
 * The full run is the command in the README ({@code QsmChainEvaluation} in modules/benchmarks).
 */
class ChainEvaluationTest {

    private static final double[] FIVE_ECHOES = {4, 10, 16, 22, 28};

    @Test
    void itsPipelineValidatesAndIsAFerrumPipeline() throws Exception {
        ChainEvaluation e = new ChainEvaluation(true);
        var pipeline = e.pipeline(ChainEvaluation.Case.wholeHead(2, 3, FIVE_ECHOES, 20, 100, 1));
        List<Problem> problems = PipelineValidator.validate(pipeline, OperatorRegistry.installed());
        assertEquals(List.of(), problems);
        assertEquals(
                PipelineFormat.write(pipeline),
                PipelineFormat.write(PipelineFormat.parse(PipelineFormat.write(pipeline))));
        assertEquals(16 + 1 + 3 + 8 + 2, e.chains().size());
    }

    @Test
    @Tag("validation")
    void quickRunAtTwoMillimetres() throws Exception {
        ChainEvaluation e = new ChainEvaluation(false, List.of("tkd", "tv"));
        List<ChainEvaluation.Row> rows = e.run(ChainEvaluation.Case.wholeHead(2, 3, FIVE_ECHOES, 20, 100, 1));
        String table = ChainEvaluation.markdown(rows);
        System.out.println(table);
        Path out = Path.of("target", "chain-evaluation-2mm.md");
        Files.writeString(out, table);
        ChainEvaluation.Row oracle = rows.stream()
                .filter(r -> r.chain().startsWith("oracle: true local field + mask → TV"))
                .findFirst()
                .orElseThrow();
        // the inversion alone on the physical phantom (no inverse crime) must stay usable; chains are reported, not
        // bounded
        assertTrue(oracle.metrics() != null && oracle.metrics().nrmsePercent() < 50, "oracle TV " + oracle);
        assertTrue(rows.stream().filter(r -> r.metrics() != null).count() >= rows.size() / 2, table);
    }
}
