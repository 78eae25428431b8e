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
package org.ferrum.batch.manifest;

import static org.ferrum.batch.manifest.Fixtures.DESCRIPTION;
import static org.ferrum.batch.manifest.Fixtures.touch;
import static org.ferrum.batch.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.OperatorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An optional input ({@code mask}, no default) that some tasks lack is bound to the empty value for them, which leaves
 * its branch out of their runs ({@code InputBinding}), instead of being a problem.
 */
class OptionalInputTest {

    @TempDir
    Path dir;

    private List<String> masks(Path manifest, Map<String, String> overrides) throws Exception {
        return CohortManifest.read(
                        manifest,
                        Fixtures.pipelineWithOptionalMask(),
                        dir.resolve("p.json"),
                        overrides,
                        OperatorRegistry.installed(),
                        dir)
                .stream()
                .map(t -> t.inputs().get("mask"))
                .toList();
    }

    @Test
    void anEmptyCellLeavesTheBranchOut() throws Exception {
        touch(dir.resolve("a.nii.gz"));
        touch(dir.resolve("m.nii.gz"));
        Path csv =
                write(dir.resolve("c.csv"), "subject,visit,t1w,upper,mask\n01,,a.nii.gz,1,\n02,,a.nii.gz,1,m.nii.gz\n");
        assertEquals(List.of("", dir.resolve("m.nii.gz").toString()), masks(csv, Map.of()));
    }

    @Test
    void aSessionWithoutTheSuffixOrGlobLeavesTheBranchOut() throws Exception {
        Path ds = dir.resolve("ds");
        write(ds.resolve("dataset_description.json"), DESCRIPTION);
        for (String s : List.of("1", "2")) {
            touch(ds.resolve("sub-01/ses-" + s + "/anat/sub-01_ses-" + s + "_T1w.nii.gz"));
            touch(ds.resolve("sub-01/ses-" + s + "/anat/sub-01_ses-" + s + "_dseg.nii.gz"));
        }
        Path mask = touch(ds.resolve("sub-01/ses-1/anat/sub-01_ses-1_mask.nii.gz"));
        assertEquals(List.of(mask.toString(), ""), masks(ds, Map.of("upper", "1")));
        assertEquals(List.of(mask.toString(), ""), masks(ds, Map.of("upper", "1", "mask", "anat/*_mask.nii.gz")));
    }
}
