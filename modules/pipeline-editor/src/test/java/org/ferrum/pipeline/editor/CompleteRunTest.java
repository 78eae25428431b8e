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
package org.ferrum.pipeline.editor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.junit.jupiter.api.Test;

/**
 * "Save to study" needs a whole run: found at integration of issue 18, a brain-iron run without seeds (its grow node
 * left out by the empty optional input) was not taken for one, so the run could not be saved.
 */
class CompleteRunTest {

    private static Pipeline pipeline(String... ids) throws Exception {
        StringBuilder nodes = new StringBuilder();
        for (String id : ids) {
            nodes.append(nodes.length() == 0 ? "" : ",")
                    .append("{\"id\": \"")
                    .append(id)
                    .append("\", \"operator\": \"gre.magnitude\", \"version\": \"1.0\", \"parameters\": {}}");
        }
        return PipelineFormat.parse(
                "{\"format\": \"ferrum-pipeline\", \"formatVersion\": 1, \"name\": \"p\", \"nodes\": [" + nodes
                        + "], \"edges\": []}");
    }

    private static Execution run(Pipeline asRun, Map<String, String> omitted) {
        return new Execution(asRun, List.of(), Map.of(), Map.of(), Map.of(), List.of(), Instant.now(), 0, omitted);
    }

    @Test
    void nodesLeftOutByAnEmptyOptionalInputStillMakeAWholeRun() throws Exception {
        assertTrue(EditorParts.isCompleteRun(run(pipeline("a", "b"), Map.of()), 2));
        assertTrue(EditorParts.isCompleteRun(run(pipeline("a"), Map.of("b", "optional input 'seeds' not given")), 2));
    }

    @Test
    void aRunToTheSelectedNodeIsNotAWholeRun() throws Exception {
        assertFalse(EditorParts.isCompleteRun(run(pipeline("a"), Map.of()), 2));
    }
}
