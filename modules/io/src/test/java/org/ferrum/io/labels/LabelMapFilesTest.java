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
package org.ferrum.io.labels;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMapFilesTest {

    /** An aseg-like 3×2×2 uchar .mgz built byte by byte holding 0, 12 (L putamen), 51 (R putamen), 10 and 99. */
    private static Path asegMgz(Path dir, String name) throws Exception {
        byte[] v = {0, 12, 12, 51, 51, 0, 10, 10, 99, 0, 0, 0};
        byte[] file = MghFilesTest.mgh(
                new int[] {3, 2, 2, 1}, 0, true, new float[] {1, 1, 1}, MghFilesTest.LIA, new float[] {0, 0, 0}, v);
        Path f = dir.resolve(name);
        Files.write(f, MghFilesTest.gzip(file));
        return f;
    }

    private static Volume<FloatType> labelVolume(float... values) {
        Volume<FloatType> v = Volumes.createFloat(
                new long[] {values.length, 1, 1}, Geometry.axisAligned(1, 1, 2), PhysicalUnit.DIMENSIONLESS);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    @Test
    void asegMgzWithoutLutTakesTheBuiltInLegendAndNamesTheUnknownLabel(@TempDir Path dir) throws Exception {
        LabelMapFiles.Read r = LabelMapFiles.read(asegMgz(dir, "aseg.mgz"), Optional.empty());
        LabelTable legend = r.labels().labels();
        assertEquals(
                List.of(10, 12, 51),
                legend.entries().stream().map(LabelEntry::value).toList());
        LabelEntry putamen = legend.entry(12).orElseThrow();
        assertEquals("Left-Putamen", putamen.name());
        assertEquals("putamen", putamen.structure());
        assertEquals(Hemisphere.LEFT, putamen.hemisphere());
        assertEquals(0xEC0DB0, putamen.rgb()); // FreeSurfer's 236 13 176
        assertEquals(Hemisphere.RIGHT, legend.entry(51).orElseThrow().hemisphere());
        assertEquals("thalamus", legend.entry(10).orElseThrow().structure());
        assertEquals("label 99", legend.name(99));
        assertTrue(r.legendSource().startsWith("built-in FreeSurfer/CMA legend"), r.legendSource());
        assertEquals(
                List.of("aseg.mgz: the legend (" + r.legendSource() + ") has no entry for label 99 present in"
                        + " the map; called \"label N\""),
                r.warnings());
    }

    @Test
    void aUserLutWinsOverTheBuiltInLegend(@TempDir Path dir) throws Exception {
        Path lut = dir.resolve("MyColorLUT.txt");
        Files.writeString(
                lut,
                """
                # my own colour table
                #No. Label Name                R   G   B   A
                0   Unknown                    0   0   0   0
                10  Left-Thalamus-Proper       0   118 14  0
                12  Putamen_L                  1   2   3   0

                51  Putamen_R                  4   5   6   0
                99  Red-Nucleus                200 0   0   0
                """);
        LabelMapFiles.Read r = LabelMapFiles.read(asegMgz(dir, "aparc+aseg.mgz"), Optional.of(lut));
        LabelTable legend = r.labels().labels();
        assertEquals("Putamen_L", legend.name(12));
        assertEquals(Hemisphere.LEFT, legend.entry(12).orElseThrow().hemisphere());
        assertEquals(0x010203, legend.entry(12).orElseThrow().rgb());
        assertEquals("thalamus proper", legend.entry(10).orElseThrow().structure());
        assertEquals("red nucleus", legend.entry(99).orElseThrow().structure());
        assertEquals(Hemisphere.MIDLINE, legend.entry(99).orElseThrow().hemisphere());
        assertEquals(lut.toString(), r.legendSource());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void bidsDsegNiftiWithItsTsvSiblingOrTheDatasetsDsegTsv(@TempDir Path dir) throws Exception {
        Path anat = dir.resolve("derivatives/seg/sub-01/anat");
        Files.createDirectories(anat);
        Path map = anat.resolve("sub-01_space-T1w_desc-aseg_dseg.nii.gz");
        VolumeFiles.write(labelVolume(0, 1, 2, 2, 3), map);
        // Columns in another order, with abbreviation, as the BIDS derivatives spec allows.
        Files.writeString(
                dir.resolve("derivatives/seg/dseg.tsv"),
                "name\tabbreviation\tindex\tcolor\nLeft caudate\tLCd\t1\t#7abadc\nRight caudate\tRCd\t2\tn/a\n"
                        + "brain stem\tBS\t3\t#779fb0\n");
        LabelMapFiles.Read inherited = LabelMapFiles.read(map, Optional.empty());
        assertEquals(dir.resolve("derivatives/seg/dseg.tsv").toString(), inherited.legendSource());
        LabelTable legend = inherited.labels().labels();
        assertEquals("caudate", legend.entry(1).orElseThrow().structure());
        assertEquals(Hemisphere.LEFT, legend.entry(1).orElseThrow().hemisphere());
        assertEquals(0x7ABADC, legend.entry(1).orElseThrow().rgb());
        assertEquals(
                LabelLegends.defaultColour(2), legend.entry(2).orElseThrow().rgb());
        assertEquals(List.of(), inherited.warnings());

        Files.writeString(
                anat.resolve("sub-01_space-T1w_desc-aseg_dseg.tsv"), "index\tname\n1\tcaudate_L\n2\tcaudate_R\n");
        LabelMapFiles.Read sibling = LabelMapFiles.read(map, Optional.empty());
        assertEquals("caudate_R", sibling.labels().labels().name(2));
        assertEquals(
                List.of("sub-01_space-T1w_desc-aseg_dseg.nii.gz: the legend ("
                        + anat.resolve("sub-01_space-T1w_desc-aseg_dseg.tsv")
                        + ") has no entry for label 3 present in the"
                        + " map; called \"label N\""),
                sibling.warnings());
    }

    @Test
    void fslFirstOutputsUseTheCmaNumberingAndUncorrectedBoundariesAreSaid(@TempDir Path dir) throws Exception {
        Path seg = dir.resolve("T1_all_fast_firstseg.nii.gz");
        VolumeFiles.write(labelVolume(0, 10, 49, 11, 50, 12, 51, 13, 52, 16, 17, 53, 18, 54, 26, 58), seg);
        LabelMapFiles.Read r = LabelMapFiles.read(seg, Optional.empty());
        assertEquals(List.of(), r.warnings());
        assertEquals(15, r.labels().labels().entries().size());
        assertEquals("Right-Pallidum", r.labels().labels().name(52));
        assertEquals("Brain-Stem", r.labels().labels().name(16));
        assertEquals(List.of(10, 49), r.labels().labels().valuesOf("thalamus"));

        Path uncorrected = dir.resolve("T1_first-L_Puta_first.nii.gz");
        VolumeFiles.write(labelVolume(0, 12, 112, 112), uncorrected);
        List<String> w = LabelMapFiles.read(uncorrected, Optional.empty()).warnings();
        assertEquals(
                "T1_first-L_Puta_first.nii.gz: values 112 are FIRST's boundary voxels (label + 100) of an"
                        + " uncorrected _first output; use the boundary-corrected *_firstseg file",
                w.get(0));
    }

    @Test
    void refusesImagesAndFourDimensionalFiles(@TempDir Path dir) throws Exception {
        Path t1 = dir.resolve("t1.nii.gz");
        VolumeFiles.write(labelVolume(0, 1, 2.5f), t1);
        VolumeFormatException e =
                assertThrows(VolumeFormatException.class, () -> LabelMapFiles.read(t1, Optional.empty()));
        assertEquals(
                "t1.nii.gz: voxel (2, 0, 0) holds 2.5, but a label map holds whole numbers ≥ 0 (is this an"
                        + " image rather than labels?)",
                e.getMessage());
        Path neg = dir.resolve("neg.nii");
        VolumeFiles.write(labelVolume(0, -1), neg);
        assertTrue(assertThrows(VolumeFormatException.class, () -> LabelMapFiles.read(neg, Optional.empty()))
                .getMessage()
                .startsWith("neg.nii: voxel (1, 0, 0) holds -1.0"));
        Path four = dir.resolve("four.nii.gz");
        VolumeFiles.write(
                Volumes.createFloat(new long[] {2, 2, 2, 3}, Geometry.identity(), PhysicalUnit.DIMENSIONLESS), four);
        assertEquals(
                "four.nii.gz: holds 3 frames (4-D); a label map is one 3-D frame",
                assertThrows(VolumeFormatException.class, () -> LabelMapFiles.read(four, Optional.empty()))
                        .getMessage());
    }

    @Test
    void ferrumsOwnLabelMapsKeepTheirLegendThroughNiftiAndDsegTsv(@TempDir Path dir) throws Exception {
        LabelTable legend = LabelTable.of(List.of(
                LabelEntry.named(1, "Left-Putamen", 0xEC0DB0),
                LabelEntry.named(2, "red nucleus R", 0xC80000),
                LabelEntry.named(3, "substantia nigra", 0x102030)));
        Path f = dir.resolve("nuclei.nii.gz");
        VolumeFiles.write(labelVolume(0, 1, 2, 3).withLabels(legend), f);
        assertEquals(
                "index\tname\tcolor\n1\tLeft-Putamen\t#ec0db0\n2\tred nucleus R\t#c80000\n"
                        + "3\tsubstantia nigra\t#102030\n",
                Files.readString(dir.resolve("nuclei.tsv")));
        assertEquals(legend, VolumeFiles.readFloat(f).labels());
        LabelMapFiles.Read r = LabelMapFiles.read(f, Optional.empty());
        assertEquals(legend, r.labels().labels());
        // A volume without a legend writes no table.
        VolumeFiles.write(labelVolume(0, 1), dir.resolve("plain.nii"));
        assertFalse(Files.exists(dir.resolve("plain.tsv")));
    }

    @Test
    void builtInLegendPairsSidesOfOneStructure() {
        LabelTable fs = LabelLegends.freeSurfer();
        assertEquals(List.of(11, 50), fs.valuesOf("caudate"));
        assertEquals(List.of(13, 52), fs.valuesOf("pallidum"));
        assertEquals(List.of(2, 41), fs.valuesOf("cerebral white matter"));
        assertEquals(List.of(4, 43), fs.valuesOf("lateral ventricle"));
        assertEquals(List.of(1035, 2035), fs.valuesOf("ctx insula"));
        assertEquals(Hemisphere.MIDLINE, fs.entry(16).orElseThrow().hemisphere());
        assertEquals("CSF", fs.name(24));
        for (LabelEntry e : fs.entries()) {
            if (e.name().startsWith("Left-")) {
                assertEquals(Hemisphere.LEFT, e.hemisphere(), e.name());
            } else if (e.name().startsWith("Right-")) {
                assertEquals(Hemisphere.RIGHT, e.hemisphere(), e.name());
            }
        }
    }

    @Test
    void freeSurferLutLinesThatAreWrongAreRefusedWithTheLine(@TempDir Path dir) throws Exception {
        Path lut = dir.resolve("bad.txt");
        Files.writeString(lut, "# c\n12 Left-Putamen 236 13 176 0\n51 Right Putamen 1 2 3 0\n");
        Exception e = assertThrows(Exception.class, () -> LabelLegends.read(lut));
        assertEquals("bad.txt: line 3: 7 fields, but a colour table line has 6: index name R G B A", e.getMessage());
    }
}
