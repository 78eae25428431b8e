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
package org.ferrum.relaxometry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.relaxometry.t2.MultiEchoSpinEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadMeseOperatorTest {

    private static final VoxelGrid GRID = new VoxelGrid(4, 3, 2, 1, 1, 2);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 2);

    @TempDir
    Path dir;

    private static float[][] frames(int echoes) {
        float[][] f = new float[echoes][GRID.size()];
        for (int e = 0; e < echoes; e++) {
            for (int v = 0; v < GRID.size(); v++) {
                f[e][v] = (float) (1000 * Math.exp(-(e + 1) * 0.01 / 0.05) + v);
            }
        }
        return f;
    }

    private Path fourD(String name, int echoes, String sidecar) throws Exception {
        Path image = dir.resolve(name + ".nii.gz");
        VolumeFiles.write(VolumeArrays.frames(frames(echoes), GRID, GEOMETRY, PhysicalUnit.ARBITRARY), image);
        if (sidecar != null) {
            Files.writeString(dir.resolve(name + ".json"), sidecar);
        }
        return image;
    }

    private MultiEchoSpinEcho read(Path path) throws Exception {
        return OperatorHarness.of(new ReadMeseOperator())
                .set(ReadMeseOperator.PATH, path.toString())
                .run()
                .output(ReadMeseOperator.MESE);
    }

    private String refused(Path path) {
        return OperatorHarness.of(new ReadMeseOperator())
                .set(ReadMeseOperator.PATH, path.toString())
                .runExpectingBadInput();
    }

    @Test
    void readsA4dFileWithAnEchoTimeList() throws Exception {
        Path image = fourD("sub-01_MESE", 4, "{\"EchoTime\": [0.01, 0.02, 0.03, 0.04], \"MagneticFieldStrength\": 3}");
        MultiEchoSpinEcho mese = read(image);
        assertEquals(4, mese.echoTimes().count());
        assertEquals(0.03, mese.echoTimes().seconds(2), 1e-12);
        assertEquals(3.0, mese.fieldStrength().orElseThrow());
        assertEquals(frames(4)[2][5], VolumeArrays.frame(mese.magnitude(), 2)[5], 1e-3);
        // the folder holding it reads the same
        assertEquals(4, read(dir).echoTimes().count());
    }

    @Test
    void readsPerEchoFilesInEchoOrder() throws Exception {
        float[][] f = frames(3);
        for (int e : new int[] {3, 1, 2}) {
            Path image = dir.resolve("sub-01_echo-" + e + "_MESE.nii.gz");
            VolumeFiles.write(VolumeArrays.volume(f[e - 1].clone(), GRID, GEOMETRY, PhysicalUnit.ARBITRARY), image);
            Files.writeString(dir.resolve("sub-01_echo-" + e + "_MESE.json"), "{\"EchoTime\": " + 0.012 * e + "}");
        }
        MultiEchoSpinEcho mese = read(dir.resolve("sub-01_echo-2_MESE.nii.gz"));
        assertEquals(3, mese.echoTimes().count());
        assertEquals(0.036, mese.echoTimes().seconds(2), 1e-12);
        assertEquals(f[2][7], VolumeArrays.frame(mese.magnitude(), 2)[7], 1e-3);
        assertTrue(mese.fieldStrength().isEmpty());
        assertEquals(3, read(dir).echoTimes().count());
    }

    @Test
    void missingEchoTimesAreRefusedNamingTheSidecarAndField() throws Exception {
        Path image = fourD("sub-01_MESE", 3, "{\"MagneticFieldStrength\": 3}");
        String message = refused(image);
        assertTrue(
                message.contains("path") && message.contains("sub-01_MESE.json") && message.contains("EchoTime"),
                message);
    }

    @Test
    void echoTimesThatDoNotIncreaseAreRefused() throws Exception {
        Path image = fourD("sub-01_MESE", 3, "{\"EchoTime\": [0.01, 0.03, 0.02]}");
        String message = refused(image);
        assertTrue(message.contains("EchoTime") && message.contains("increase"), message);
    }

    @Test
    void echoTimesInMillisecondsAreRefused() throws Exception {
        Path image = fourD("sub-01_MESE", 3, "{\"EchoTime\": [10, 20, 30]}");
        String message = refused(image);
        assertTrue(message.contains("EchoTime") && message.contains("not ms"), message);
    }

    @Test
    void aListOfTheWrongLengthIsRefused() throws Exception {
        Path image = fourD("sub-01_MESE", 3, "{\"EchoTime\": [0.01, 0.02]}");
        String message = refused(image);
        assertTrue(message.contains("2 echo times") && message.contains("3 echoes"), message);
    }

    @Test
    void aMissingSidecarIsRefused() throws Exception {
        Path image = fourD("sub-01_MESE", 3, null);
        String message = refused(image);
        assertTrue(message.contains("sidecar") && message.contains("sub-01_MESE.json"), message);
    }

    @Test
    void aFolderWithOtherImagesOrNothingIsRefused() throws Exception {
        Volume<FloatType> v = VolumeArrays.volume(new float[GRID.size()], GRID, GEOMETRY, PhysicalUnit.ARBITRARY);
        VolumeFiles.write(v, dir.resolve("sub-01_T1w.nii.gz"));
        assertTrue(refused(dir).contains("_MESE"), refused(dir));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String message = refused(empty);
        assertTrue(message.contains("path") && message.contains("empty"), message);
        assertTrue(refused(dir.resolve("nothing-here")).contains("does not exist"));
    }
}
