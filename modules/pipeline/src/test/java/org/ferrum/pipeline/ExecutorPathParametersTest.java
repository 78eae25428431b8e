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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.labels.MghFiles;
import org.ferrum.io.labels.MghType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path parameters as the executor hands them to operators: a relative path resolves against the pipeline's folder, a
 * blank one stays blank ("no file"). Found at integration of issue 18: a blank optional LUT of io.read.labels reached
 * the operator as the pipeline's folder and was refused as "not a file"; the operator test kit, which does not resolve
 * paths, could not show it.
 */
class ExecutorPathParametersTest {

    @Test
    void aBlankOptionalPathStaysBlankAndARelativeOneResolves(@TempDir Path dir) throws Exception {
        Volume<FloatType> map =
                Volumes.createFloat(new long[] {3, 1, 1}, Geometry.axisAligned(1, 1, 1), PhysicalUnit.DIMENSIONLESS);
        Volumes.floats(map)[1] = 12;
        Volumes.floats(map)[2] = 51;
        MghFiles.write(map, dir.resolve("aseg.mgz"), MghType.INT);
        Pipeline p = PipelineFormat.parse(
                """
                {"format": "ferrum-pipeline", "formatVersion": 1, "name": "labels",
                 "nodes": [{"id": "read", "operator": "io.read.labels", "version": "1.0",
                            "parameters": {"path": "aseg.mgz"}}],
                 "edges": [], "outputs": {"labels": "read.labels"}}
                """);
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 1)
                .run(p, RunOptions.defaults(dir), null, null);
        assertTrue(run.succeeded(), () -> run.firstFailure().map(r -> r.error()).orElse("?"));
        @SuppressWarnings("unchecked")
        Volume<FloatType> labels = (Volume<FloatType>) run.outputs().get("labels");
        assertEquals("Left-Putamen", labels.labels().name(12));
        assertEquals("Right-Putamen", labels.labels().name(51));
    }
}
