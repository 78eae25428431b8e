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

import static org.ferrum.pipeline.ops.TestVolumes.of;
import static org.ferrum.pipeline.ops.TestVolumes.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.table.TableCsv;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, writing and picking echoes or frames. */
class FileOperatorsTest {

    @TempDir
    Path dir;

    private static final Volume<FloatType> ECHOES =
            of(new long[] {2, 1, 1, 3}, PhysicalUnit.ARBITRARY, 10, 20, 8, 16, 6, 12);

    private static MultiEchoGre gre() {
        Volume<FloatType> phase = of(new long[] {2, 1, 1, 3}, PhysicalUnit.RADIAN, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f);
        return new MultiEchoGre(ECHOES, phase, new GreAcquisition(EchoTimes.ofMilliseconds(4, 8, 12), 3));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsTheTestMagnitudeWithItsScaling() throws OperatorException, IOException {
        Path mag = TestVolumes.testData().resolve("gre/mriresearchtools-small/Mag.nii");
        OperatorHarness c = OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(mag.getParent())
                .set("path", "Mag.nii")
                .run();
        Volume<FloatType> v = c.output("volume", PortTypes.VOLUME);
        assertArrayEquals(new long[] {51, 51, 41, 3}, v.dimensions());
        assertEquals(PhysicalUnit.ARBITRARY, v.unit());
        assertArrayEquals(values(VolumeFiles.readFloat(mag)), values(v));
        assertTrue(c.logLines().get(0).contains("51×51×41×3"), c.logLines().toString());
    }

    /** A NIfTI-1 file as other tools write it: values, no unit in descrip (bytes 148–227 cleared). */
    static Path unitlessNifti(Path file, Volume<FloatType> v) throws IOException {
        VolumeFiles.write(v, file);
        byte[] bytes = Files.readAllBytes(file);
        java.util.Arrays.fill(bytes, 148, 228, (byte) 0);
        Files.write(file, bytes);
        return file;
    }

    @Test
    @SuppressWarnings("unchecked")
    void unitParameterDeclaresTheUnitOfAUnitlessFile() throws OperatorException, IOException {
        Volume<FloatType> field = of(new long[] {2, 1, 1}, PhysicalUnit.PPM, 0.05f, -0.02f);
        unitlessNifti(dir.resolve("sepia_field.nii"), field);
        OperatorHarness asIs = OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "sepia_field.nii")
                .run();
        Volume<FloatType> raw = asIs.output("volume", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.ARBITRARY, raw.unit());

        OperatorHarness ppm = OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "sepia_field.nii")
                .set("unit", "ppm")
                .run();
        Volume<FloatType> v = ppm.output("volume", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.PPM, v.unit());
        assertArrayEquals(new float[] {0.05f, -0.02f}, values(v)); // labelled, not converted
        assertTrue(
                ppm.logLines().stream().anyMatch(l -> l.contains("records no physical unit") && l.contains("ppm")),
                ppm.logLines().toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void unitThatContradictsTheFileIsRefusedUnlessForced() throws OperatorException, IOException {
        Path chi = dir.resolve("chi.nii");
        VolumeFiles.write(of(new long[] {2, 1, 1}, PhysicalUnit.PPB, 50f, -20f), chi);
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "chi.nii")
                .set("unit", "ppm")
                .run());
        assertTrue(e.isBadInput());
        assertEquals(
                "parameter 'unit': " + chi + " records its values in ppb, not ppm; set unit='from file' to read them"
                        + " as ppb (operators convert ppb to ppm themselves), or force_unit=true if the file's unit is wrong",
                e.getMessage());
        OperatorException hz = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "chi.nii")
                .set("unit", "Hz")
                .run());
        assertFalse(hz.getMessage().contains("convert"), hz.getMessage());

        OperatorHarness forced = OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "chi.nii")
                .set("unit", "ppm")
                .set("force_unit", true)
                .run();
        Volume<FloatType> v = forced.output("volume", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.PPM, v.unit());
        assertArrayEquals(new float[] {50f, -20f}, values(v));
        assertTrue(
                forced.warnings().stream().anyMatch(l -> l.contains("relabelled")),
                forced.warnings().toString());
        // the unit the file records, asked for explicitly, is no contradiction
        OperatorHarness same = OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "chi.nii")
                .set("unit", "ppb")
                .run();
        Volume<FloatType> ppb = same.output("volume", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.PPB, ppb.unit());
    }

    @Test
    void missingOrCorruptVolumeFilesAreBadInputNamingTheFile() throws IOException {
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "nope.nii")
                .run());
        assertTrue(e.isBadInput());
        assertEquals("parameter 'path': " + dir.resolve("nope.nii") + ": no such file or folder", e.getMessage());

        Path corrupt = dir.resolve("corrupt.nii");
        Files.write(corrupt, new byte[100]);
        e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "corrupt.nii")
                .run());
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().startsWith("parameter 'path': " + corrupt + ": "), e.getMessage());

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ReadVolumeOperator())
                .baseDirectory(dir)
                .set("path", "notes.txt")
                .run());
        assertTrue(
                e.getMessage().startsWith("parameter 'path': " + text + ": no reader recognises this file"),
                e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesAVolumeIntoNewFoldersAndItReadsBack() throws OperatorException, IOException {
        Volume<FloatType> chi = of(new long[] {2, 2, 1}, PhysicalUnit.PPM, 0.5f, -0.25f, Float.NaN, 3);
        OperatorHarness.of(new WriteVolumeOperator())
                .baseDirectory(dir)
                .input("volume", chi)
                .set("path", "out/sub/chi.nii.gz")
                .run();
        Volume<FloatType> back = VolumeFiles.readFloat(dir.resolve("out/sub/chi.nii.gz"));
        assertEquals(PhysicalUnit.PPM, back.unit());
        assertEquals(chi.geometry(), back.geometry());
        assertArrayEquals(values(chi), values(back));
    }

    @Test
    void writingToAnUnknownFormatIsBadInput() {
        Volume<FloatType> chi = of(new long[] {1, 1, 1}, PhysicalUnit.PPM, 1);
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new WriteVolumeOperator())
                .baseDirectory(dir)
                .input("volume", chi)
                .set("path", "chi.mha")
                .run());
        assertTrue(e.isBadInput());
        assertTrue(
                e.getMessage()
                        .startsWith("parameter 'path': " + dir.resolve("chi.mha") + ": no writer for this file name"),
                e.getMessage());
    }

    @Test
    void writesATableAsCsv() throws OperatorException, IOException {
        Table t = Table.builder(Column.number("label", null), Column.number("mean", PhysicalUnit.PPM))
                .row(1, 0.125)
                .build();
        OperatorHarness.of(new WriteTableOperator())
                .baseDirectory(dir)
                .input("table", t)
                .set("path", "res/stats.csv")
                .run();
        assertEquals("label,mean [ppm]\n1,0.125\n", Files.readString(dir.resolve("res/stats.csv")));
        assertEquals(t, TableCsv.read(dir.resolve("res/stats.csv")));
    }

    @Test
    void writingATableWhereAFileBlocksTheFolderFails() throws IOException {
        Files.writeString(dir.resolve("blocker"), "x");
        Table t = Table.builder(Column.number("x", null)).row(1).build();
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new WriteTableOperator())
                .baseDirectory(dir)
                .input("table", t)
                .set("path", "blocker/t.csv")
                .run());
        assertTrue(e.getMessage().contains(dir.resolve("blocker/t.csv").toString()), e.getMessage());
    }

    @Test
    void readsABidsMultiEchoFolderOrOneOfItsFiles() throws OperatorException, IOException {
        Path folder = dir.resolve("anat");
        BidsMultiEcho.write(gre(), folder, "sub-01");
        for (String path : new String[] {"anat", "anat/sub-01_echo-2_part-phase_MEGRE.nii.gz"}) {
            MultiEchoGre read = OperatorHarness.of(new ReadMultiEchoGreOperator())
                    .baseDirectory(dir)
                    .set("path", path)
                    .run()
                    .output("gre", PortTypes.MULTI_ECHO_GRE);
            assertEquals(3, read.echoCount());
            assertEquals(0.008, read.acquisition().echoTimes().seconds(1), 1e-12);
            assertArrayEquals(values(ECHOES), values(read.magnitude()));
            assertTrue(read.phase().isPresent());
        }
    }

    @Test
    void missingOrEmptyGreFolderIsBadInput() throws IOException {
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new ReadMultiEchoGreOperator())
                        .baseDirectory(dir)
                        .set("path", "absent")
                        .run());
        assertTrue(e.isBadInput());
        assertEquals("parameter 'path': " + dir.resolve("absent") + ": no such file or folder", e.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ReadMultiEchoGreOperator())
                .baseDirectory(dir)
                .set("path", "empty")
                .run());
        assertTrue(e.isBadInput());
        assertTrue(
                e.getMessage().startsWith("parameter 'path': " + dir.resolve("empty") + ": no multi-echo images"),
                e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void magnitudeOfOneEchoIsThatFrame() throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new GreMagnitudeOperator())
                .input("gre", gre())
                .set("echo", 2)
                .run();
        Volume<FloatType> m = c.output("magnitude", PortTypes.VOLUME);
        assertArrayEquals(new long[] {2, 1, 1}, m.dimensions());
        assertArrayEquals(new float[] {8, 16}, values(m));
        assertEquals(PhysicalUnit.ARBITRARY, m.unit());
        assertEquals(ECHOES.geometry(), m.geometry());
        assertTrue(
                c.logLines().get(0).startsWith("echo 2: TE = 8"), c.logLines().toString());
        Volume<FloatType> first = OperatorHarness.of(new GreMagnitudeOperator())
                .input("gre", gre())
                .run()
                .output("magnitude", PortTypes.VOLUME);
        assertArrayEquals(new float[] {10, 20}, values(first));
    }

    @Test
    void echoBeyondTheSeriesIsBadInput() {
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new GreMagnitudeOperator())
                .input("gre", gre())
                .set("echo", 4)
                .run());
        assertTrue(e.isBadInput());
        assertEquals("parameter 'echo' = 4, but the GRE series on input 'gre' has 3 echoes", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> OperatorHarness.of(new GreMagnitudeOperator()).set("echo", 0),
                "the declared range refuses echo 0 before the operator runs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void selectsAFrameOfA4dVolume() throws OperatorException {
        Volume<FloatType> f = OperatorHarness.of(new SelectFrameOperator())
                .input("volume", TestVolumes.onCells(ECHOES))
                .set("frame", 3)
                .run()
                .output("frame", PortTypes.VOLUME);
        assertArrayEquals(new float[] {6, 12}, values(f));
        Volume<FloatType> flat = of(new long[] {2, 1, 1}, PhysicalUnit.PPM, 1, 2);
        assertArrayEquals(
                new float[] {1, 2},
                values(OperatorHarness.of(new SelectFrameOperator())
                        .input("volume", flat)
                        .run()
                        .output("frame", PortTypes.VOLUME)));
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new SelectFrameOperator())
                .input("volume", flat)
                .set("frame", 2)
                .run());
        assertEquals("parameter 'frame' = 2, but input 'volume' (2×1×1) has 1 frame", e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
