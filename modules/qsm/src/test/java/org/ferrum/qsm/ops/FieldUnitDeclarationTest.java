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
package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.ops.ReadVolumeOperator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field map written by another tool (NIfTI with no unit, as SEPIA, QSMxT and MEDI write) is refused by a field input
 * with a message that says how to fix it, and feeds it once {@code io.read.volume} declares its unit.
 */
class FieldUnitDeclarationTest {

    @TempDir
    Path dir;

    @Test
    void unitlessFieldFileFeedsAFieldInputOnceDeclaredPpm() throws Exception {
        VoxelGrid g = new VoxelGrid(16, 16, 12, 2, 2, 2);
        Geometry geometry = Geometry.axisAligned(2, 2, 2);
        float[] field = new float[g.size()];
        boolean[] mask = new boolean[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int n = g.index(i, j, k);
                    field[n] = (float) (0.02 * Math.sin(0.4 * i) * Math.cos(0.3 * j) + 0.01 * (k - 6) / 6.0);
                    mask[n] = i > 2 && i < 13 && j > 2 && j < 13 && k > 1 && k < 10;
                }
            }
        }
        Volume<FloatType> ppm = VolumeArrays.volume(field, g, geometry, PhysicalUnit.PPM);
        Volume<FloatType> maskVolume = VolumeArrays.maskVolume(mask, g, geometry);
        Path file = dir.resolve("sepia_localfield.nii");
        VolumeFiles.write(ppm, file);
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 148, 228, (byte) 0); // NIfTI-1 descrip: no unit recorded, as other tools write
        Files.write(file, bytes);

        OperatorHarness asIs = OperatorHarness.of(new ReadVolumeOperator())
                .set("path", file.toString())
                .run();
        Volume<FloatType> unitless = asIs.output("volume", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.ARBITRARY, unitless.unit());
        // the field input declares ppm or Hz: an a.u. volume is refused at the port (by the executor, naming both ends)
        // and,
        // should it reach the operator, by the field reading with the hint how to declare the unit
        assertFalse(DipoleInversionOperator.FIELD.acceptsUnit(unitless.unit()));
        OperatorException refused = assertThrows(
                OperatorException.class,
                () -> FieldInputs.fieldPpm(
                        java.util.Optional.empty(), DipoleInversionOperator.FIELD.name(), unitless, mask));
        assertTrue(refused.isBadInput());
        assertEquals(
                "input 'local_field' is in a.u.; a field map must be in ppm or Hz; if the file holds ppm (or Hz), set"
                        + " unit=ppm (or unit=Hz) on the io.read.volume node that reads it",
                refused.getMessage());

        OperatorHarness declared = OperatorHarness.of(new ReadVolumeOperator())
                .set("path", file.toString())
                .set("unit", "ppm")
                .run();
        Volume<FloatType> read = declared.output("volume", PortTypes.VOLUME);
        assertEquals(PhysicalUnit.PPM, read.unit());
        OperatorHarness fromFile = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", read)
                .input("mask", maskVolume)
                .run();
        OperatorHarness direct = OperatorHarness.of(new ThresholdedKSpaceDivisionOperator())
                .input("local_field", ppm)
                .input("mask", maskVolume)
                .run();
        float[] chiFromFile = VolumeArrays.frame(fromFile.output("chi", PortTypes.VOLUME), 0);
        float[] chiDirect = VolumeArrays.frame(direct.output("chi", PortTypes.VOLUME), 0);
        assertArrayEquals(chiDirect, chiFromFile, 1e-7f);
        assertTrue(chiDirect[g.index(8, 8, 6)] != 0, "χ is 0 inside the mask");
    }
}
