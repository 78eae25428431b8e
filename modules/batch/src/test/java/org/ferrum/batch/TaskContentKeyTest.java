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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.FileFingerprints;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume key: what changes it and what does not (README "Resume rule"). */
class TaskContentKeyTest {

    @TempDir
    Path tmp;

    private String key(Pipeline p, Map<String, String> inputs, OperatorRegistry registry) throws Exception {
        return TaskContentKey.of(p, TestCohort.GRE_ROI_STATISTICS, registry, inputs, new FileFingerprints());
    }

    @Test
    void keyFollowsContentNotPlacesOrLayout() throws Exception {
        Pipeline p = PipelineFormat.read(TestCohort.GRE_ROI_STATISTICS);
        OperatorRegistry installed = TaskRunner.registry();
        Path a = tmp.resolve("a/Mag.nii");
        Files.createDirectories(a.getParent());
        Files.copy(TestCohort.MAGNITUDE, a);
        String base = key(p, Map.of("magnitude", a.toString()), installed);
        assertEquals(64, base.length());

        // the same bytes elsewhere (a moved cohort) and the same pipeline with nodes moved on the canvas: same key
        Path b = tmp.resolve("b/other-name.nii");
        Files.createDirectories(b.getParent());
        Files.copy(TestCohort.MAGNITUDE, b);
        assertEquals(base, key(p, Map.of("magnitude", b.toString()), installed));
        Pipeline moved = new Pipeline(
                p.name(),
                p.description(),
                p.nodes().stream()
                        .map(n -> n.withPosition(new org.ferrum.pipeline.Node.Position(1, 2)))
                        .toList(),
                p.edges(),
                p.inputs(),
                p.outputs());
        assertEquals(base, key(moved, Map.of("magnitude", a.toString()), installed));

        // a parameter value (the threshold input), one byte of the file, an operator version: new key
        assertNotEquals(base, key(p, Map.of("magnitude", a.toString(), "lower", "0.0004"), installed));
        byte[] bytes = Files.readAllBytes(b);
        bytes[bytes.length - 1] ^= 1;
        Files.write(b, bytes);
        assertNotEquals(base, key(p, Map.of("magnitude", b.toString()), installed));
        List<Operator> newer = installed.all().stream()
                .map(op -> op.descriptor().id().equals("roi.statistics") ? bumped(op) : op)
                .toList();
        assertNotEquals(base, key(p, Map.of("magnitude", a.toString()), OperatorRegistry.of(newer)));
    }

    /** The same operator claiming a newer version. */
    private static Operator bumped(Operator op) {
        OperatorDescriptor d = op.descriptor();
        return new Operator() {
            @Override
            public OperatorDescriptor descriptor() {
                OperatorDescriptor.Builder b = OperatorDescriptor.builder(
                                d.id(), d.version().split("\\.")[0] + ".99")
                        .displayName(d.displayName())
                        .category(d.category());
                d.parameters().forEach(b::parameter);
                d.inputs().forEach(b::input);
                d.outputs().forEach(b::output);
                return b.build();
            }

            @Override
            public void run(OperatorContext context) throws org.ferrum.pipeline.api.OperatorException {
                op.run(context);
            }
        };
    }
}
