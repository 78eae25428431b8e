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
package org.ferrum.io.table;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTableFilesTest {

    private static final LabelTable TABLE = new LabelTable(List.of(
            new LabelTable.Label(1, "liver right lobe", 0xFF0000),
            new LabelTable.Label(2, "liver left lobe", 0x00C000),
            new LabelTable.Label(7, "spleen", -1)));

    @Test
    void dsegRoundTripKeepsIndexNameAndColour(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub-01_dseg.tsv");
        LabelTableFiles.write(TABLE, f);
        assertEquals(
                "index\tname\tcolor\n1\tliver right lobe\t#ff0000\n2\tliver left lobe\t#00c000\n7\tspleen\tn/a\n",
                Files.readString(f));
        assertEquals(TABLE, LabelTableFiles.read(f));
    }

    @Test
    void dsegWithoutColoursAndWithExtraColumns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a_dseg.tsv");
        Files.writeString(f, "index\tname\tabbreviation\n0\tbackground\tBG\n3\tgrey matter\tGM\n");
        LabelTable t = LabelTableFiles.readDseg(f);
        assertEquals(
                List.of(new LabelTable.Label(0, "background", -1), new LabelTable.Label(3, "grey matter", -1)),
                t.labels());
        LabelTableFiles.writeDseg(new LabelTable(List.of(new LabelTable.Label(3, "gm", -1))), f);
        assertEquals("index\tname\n3\tgm\n", Files.readString(f));
    }

    @Test
    void freeSurferLutRoundTrip(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("FreeSurferColorLUT.txt");
        LabelTable t = new LabelTable(List.of(
                new LabelTable.Label(0, "Unknown", 0),
                new LabelTable.Label(2, "Left-Cerebral-White-Matter", 0xF5F5F5),
                new LabelTable.Label(17, "Left-Hippocampus", 0xDCD814)));
        LabelTableFiles.write(t, f);
        assertEquals(t, LabelTableFiles.read(f));
        // the FreeSurfer file's own layout: comments, blank lines, aligned columns
        Files.writeString(
                f,
                "#$Id: FreeSurferColorLUT.txt\n\n#No. Label Name:  R   G   B   A\n"
                        + "0   Unknown                  0   0   0   0\n  4   Left-Lateral-Ventricle   120  18 134  0\r\n");
        assertEquals(
                List.of(
                        new LabelTable.Label(0, "Unknown", 0),
                        new LabelTable.Label(4, "Left-Lateral-Ventricle", 0x781286)),
                LabelTableFiles.read(f).labels());
    }

    @Test
    void lutNamesWithSpacesAreWrittenWithUnderscoresAndLabelsWithoutColourGrey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("labels.txt");
        LabelTableFiles.write(TABLE, f);
        assertEquals(
                List.of(
                        new LabelTable.Label(1, "liver_right_lobe", 0xFF0000),
                        new LabelTable.Label(2, "liver_left_lobe", 0x00C000),
                        new LabelTable.Label(7, "spleen", 0x808080)),
                LabelTableFiles.read(f).labels());
    }

    private static String refusal(Path f, String text) throws Exception {
        Files.writeString(f, text);
        TableFormatException e = assertThrows(TableFormatException.class, () -> LabelTableFiles.read(f));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void dsegRefusalsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x_dseg.tsv");
        assertEquals(
                "x_dseg.tsv: line 1: no 'name' column (a dseg.tsv needs index and name; the header is 'index label')",
                refusal(f, "index\tlabel\n1\tliver\n"));
        assertEquals(
                "x_dseg.tsv: line 1: no 'index' column (a dseg.tsv needs index and name; the header is 'name color')",
                refusal(f, "name\tcolor\nliver\t#ff0000\n"));
        assertEquals(
                "x_dseg.tsv: line 3: index 1 appears twice (first on line 2)",
                refusal(f, "index\tname\n1\tliver\n1\tspleen\n"));
        assertEquals(
                "x_dseg.tsv: line 2: index 'one' is not a whole number 0 or more",
                refusal(f, "index\tname\none\tliver\n"));
        assertEquals(
                "x_dseg.tsv: line 3: 1 cells, but the header has 2 columns (cells are separated by tabs)",
                refusal(f, "index\tname\n1\tliver\n2 spleen\n"));
        assertEquals(
                "x_dseg.tsv: line 2: color 'red' is not #rrggbb (six hexadecimal digits)",
                refusal(f, "index\tname\tcolor\n1\tliver\tred\n"));
        assertEquals("x_dseg.tsv: line 2: label 1 has no name", refusal(f, "index\tname\n1\t\n"));
        assertTrue(refusal(f, "").startsWith("x_dseg.tsv: line 1: no header"));
    }

    @Test
    void lutRefusalsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lut.txt");
        assertEquals(
                "lut.txt: line 2: 5 fields, but a colour table line has 6: index name R G B A",
                refusal(f, "# c\n1 liver 255 0 0\n"));
        assertEquals(
                "lut.txt: line 3: index 1 appears twice (first on line 1)",
                refusal(f, "1 liver 255 0 0 0\n\n1 spleen 0 255 0 0\n"));
        assertEquals(
                "lut.txt: line 1: G '300' is not a whole number from 0 to 255", refusal(f, "1 liver 255 300 0 0\n"));
        assertEquals("lut.txt: line 1: index '-1' is not a whole number 0 or more", refusal(f, "-1 liver 255 0 0 0\n"));
    }

    @Test
    void aTableRefusesDuplicateIndicesAndNamesThatATsvCannotHold(@TempDir Path dir) {
        assertThrows(
                IllegalArgumentException.class,
                () -> new LabelTable(List.of(new LabelTable.Label(1, "a", -1), new LabelTable.Label(1, "b", -1))));
        LabelTable tab = new LabelTable(List.of(new LabelTable.Label(1, "a\tb", -1)));
        assertThrows(IllegalArgumentException.class, () -> LabelTableFiles.writeDseg(tab, dir.resolve("t.tsv")));
    }
}
