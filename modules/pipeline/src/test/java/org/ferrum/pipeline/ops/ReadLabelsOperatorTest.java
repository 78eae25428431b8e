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

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.labels.MghFiles;
import org.ferrum.io.labels.MghType;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code io.read.labels}, and the legend's names reaching {@code roi.measurements} and {@code roi.statistics}. */
class ReadLabelsOperatorTest {

    private static final Geometry GRID = Geometry.axisAligned(1, 1, 2);

    private static Volume<FloatType> volume(PhysicalUnit unit, float... values) {
        Volume<FloatType> v = Volumes.createFloat(new long[] {values.length, 1, 1}, GRID, unit);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    /** An aseg-like map: 0, left putamen (12) ×2, right putamen (51) ×3, 77 ×1. */
    private static Path aseg(Path dir) throws Exception {
        Path f = dir.resolve("aseg.mgz");
        MghFiles.write(volume(PhysicalUnit.DIMENSIONLESS, 0, 12, 12, 51, 51, 51, 77), f, MghType.INT);
        return f;
    }

    @Test
    void readsAsegWithNamesThatReachTheMeasurementTables(@TempDir Path dir) throws Exception {
        OperatorHarness read = OperatorHarness.of(new ReadLabelsOperator())
                .baseDirectory(dir)
                .set(ReadLabelsOperator.PATH, "aseg.mgz");
        aseg(dir);
        Volume<FloatType> labels = read.run().output(ReadLabelsOperator.LABELS);
        assertEquals("Left-Putamen", labels.labels().name(12));
        assertEquals(Hemisphere.RIGHT, labels.labels().entry(51).orElseThrow().hemisphere());
        assertEquals("WM-hypointensities", labels.labels().name(77));
        assertEquals(List.of(), read.warnings());
        assertTrue(
                read.logLines().stream().anyMatch(l -> l.contains("12 Left-Putamen, 51 Right-Putamen")),
                read.logLines().toString());

        // χ in ppm: left putamen 0.1, 0.3; right 0.2 ×3; label 77 −0.05.
        Volume<FloatType> chi = volume(PhysicalUnit.PPM, 9, 0.1f, 0.3f, 0.2f, 0.2f, 0.2f, -0.05f);
        Table m = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, labels.withGeometry(GRID))
                .input(RoiMeasurementsOperator.MAPS.get(0), chi)
                .set(RoiMeasurementsOperator.MAP_NAMES, "chi")
                .set(RoiMeasurementsOperator.LABEL_NAMES, "77=white matter lesion")
                .run()
                .output(RoiMeasurementsOperator.MEASUREMENTS);
        assertEquals("Left-Putamen", m.text(0, "name"));
        assertEquals(0.2, m.number(0, "median"), 1e-6);
        assertEquals("Right-Putamen", m.text(1, "name"));
        assertEquals("white matter lesion", m.text(2, "name")); // the parameter wins for the label it names

        Table s = OperatorHarness.of(new RoiStatisticsOperator())
                .input(RoiStatisticsOperator.VOLUME, chi)
                .input(RoiStatisticsOperator.LABELS, labels.withGeometry(GRID))
                .run()
                .output(RoiStatisticsOperator.TABLE);
        assertEquals(
                List.of("label", "name", "n", "n_nan", "n_inf", "mean", "median", "sd", "min", "max"),
                s.columns().stream().map(Table.Column::name).toList());
        assertEquals("Right-Putamen", s.text(1, "name"));
        assertEquals(3, s.number(1, "n"));
        // Without any names the table keeps its old columns.
        Table plain = OperatorHarness.of(new RoiStatisticsOperator())
                .input(RoiStatisticsOperator.VOLUME, chi)
                .input(RoiStatisticsOperator.LABELS, volume(PhysicalUnit.DIMENSIONLESS, 0, 1, 1, 2, 2, 2, 2))
                .run()
                .output(RoiStatisticsOperator.TABLE);
        assertFalse(plain.columns().stream().anyMatch(c -> c.name().equals("name")));
    }

    @Test
    void aLutMissingALabelIsAWarningNamingTheValues(@TempDir Path dir) throws Exception {
        aseg(dir);
        Files.writeString(dir.resolve("lut.txt"), "12 Left-Putamen 236 13 176 0\n51 Right-Putamen 236 13 176 0\n");
        OperatorHarness h = OperatorHarness.of(new ReadLabelsOperator())
                .baseDirectory(dir)
                .set(ReadLabelsOperator.PATH, "aseg.mgz")
                .set(ReadLabelsOperator.LUT, "lut.txt")
                .run();
        assertEquals(
                List.of("aseg.mgz: the legend (" + dir.resolve("lut.txt") + ") has no entry for label 77"
                        + " present in the map; called \"label N\""),
                h.warnings());
        assertEquals("label 77", h.output(ReadLabelsOperator.LABELS).labels().name(77));
    }

    @Test
    void badFilesAreRefusedNamingParameterAndFile(@TempDir Path dir) throws Exception {
        VolumeFiles.write(volume(PhysicalUnit.ARBITRARY, 0, 1.5f), dir.resolve("t1.nii.gz"));
        String msg = OperatorHarness.of(new ReadLabelsOperator())
                .baseDirectory(dir)
                .set(ReadLabelsOperator.PATH, "t1.nii.gz")
                .runExpectingBadInput();
        assertEquals(
                "parameter 'path': t1.nii.gz: voxel (1, 0, 0) holds 1.5, but a label map holds whole numbers ≥ 0"
                        + " (is this an image rather than labels?)",
                msg);
        aseg(dir);
        assertEquals(
                "parameter 'lut': " + dir.resolve("nope.txt") + " does not exist",
                OperatorHarness.of(new ReadLabelsOperator())
                        .baseDirectory(dir)
                        .set(ReadLabelsOperator.PATH, "aseg.mgz")
                        .set(ReadLabelsOperator.LUT, "nope.txt")
                        .runExpectingBadInput());
        Files.write(dir.resolve("broken.mgz"), new byte[] {1, 2, 3});
        assertTrue(OperatorHarness.of(new ReadLabelsOperator())
                .baseDirectory(dir)
                .set(ReadLabelsOperator.PATH, "broken.mgz")
                .runExpectingBadInput()
                .startsWith("parameter 'path': broken.mgz: not a complete gzip stream"));
    }
}
