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

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.io.VolumeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved label-map output keeps its names: {@code <name>.nii.gz} with its dseg table {@code <name>.tsv}. */
class LabelOutputFilesTest {

    @Test
    void aLabelMapOutputIsSavedWithItsDsegTableAndReadBackWithItsLegend(@TempDir Path dir) throws Exception {
        Volume<FloatType> labels =
                Volumes.createFloat(new long[] {3, 1, 1}, Geometry.identity(), PhysicalUnit.DIMENSIONLESS);
        Volumes.floats(labels)[1] = 12;
        Volumes.floats(labels)[2] = 51;
        LabelTable legend = LabelTable.of(List.of(
                LabelEntry.named(12, "Left-Putamen", 0xEC0DB0), LabelEntry.named(51, "Right-Putamen", 0xEC0DB0)));
        assertEquals("labels.nii.gz", OutputFiles.write("labels", labels.withLabels(legend), dir));
        assertEquals(
                "index\tname\tcolor\n12\tLeft-Putamen\t#ec0db0\n51\tRight-Putamen\t#ec0db0\n",
                Files.readString(dir.resolve("labels.tsv")));
        assertEquals(legend, VolumeFiles.readFloat(dir.resolve("labels.nii.gz")).labels());
        OutputFiles.write("chi", labels, dir); // no legend, no table
        assertFalse(Files.exists(dir.resolve("chi.tsv")));
    }
}
