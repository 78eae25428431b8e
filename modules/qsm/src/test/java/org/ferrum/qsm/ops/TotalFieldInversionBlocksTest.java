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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.inversion.SpherePhantom;
import org.junit.jupiter.api.Test;

/**
 * qsm.dipole.tfi with {@code block}: χ comes back on the input's grid and geometry, 0 outside the mask, and the sphere
 * beside an air sphere (TotalFieldInversionTest's setting, in an oblique, shifted frame) is recovered from 2×2×2 blocks.
 */
class TotalFieldInversionBlocksTest {

    private static final VoxelGrid GRID = SpherePhantom.GRID;
    private static final Geometry GEOMETRY = Geometry.ofAffine(1, 0, 0, -31, 0, 1, 0, 12, 0, 0, 1, -40);

    @Test
    void blockAveragedTfiReturnsChiOnTheInputGrid() throws OperatorException {
        double[] b0 = {0, 0, 1};
        float[] field = SpherePhantom.field(b0);
        SpherePhantom.addField(field, GRID, new double[] {32, 32, 12}, 6, 3.0, b0);
        boolean[] mask = SpherePhantom.ball(GRID, SpherePhantom.CENTRE, 24);
        boolean[] air = SpherePhantom.ball(GRID, new double[] {32, 32, 12}, 8);
        for (int n = 0; n < mask.length; n++) {
            mask[n] &= !air[n];
        }
        float[] ones = new float[GRID.size()];
        Arrays.fill(ones, 1f);
        for (String block : new String[] {"2,2,2", "auto"}) {
            OperatorHarness c = OperatorHarness.of(new TotalFieldInversionOperator())
                    .input("field", VolumeArrays.volume(field, GRID, GEOMETRY, PhysicalUnit.PPM))
                    .input("mask", VolumeArrays.maskVolume(mask, GRID, GEOMETRY))
                    .input("magnitude", VolumeArrays.volume(ones, GRID, GEOMETRY, PhysicalUnit.ARBITRARY))
                    .set("lambda", 2000)
                    .set("edge_percent", 0)
                    .set("max_iterations", 10)
                    .set("tolerance", 0.01)
                    .set("cg_max_iterations", 200)
                    .set("cg_tolerance", 0.003)
                    .set("block", block)
                    .set("block_mm", 2.0)
                    .run();
            Volume<FloatType> out = c.output("chi", PortTypes.VOLUME);
            assertEquals(GEOMETRY, out.geometry(), "χ on the input's geometry");
            assertEquals(GRID, VoxelGrid.of(out));
            float[] chi = VolumeArrays.frame(out, 0);
            for (int n = 0; n < chi.length; n++) {
                if (!mask[n]) {
                    assertEquals(0f, chi[n], "0 outside the mask at " + n);
                }
            }
            double delta = SpherePhantom.recoveredDeltaChi(chi, mask);
            System.out.printf("TFI operator, block %s: Δχ %.4f of 0.1 ppm%n", block, delta);
            assertEquals(0.1, delta, 0.015, block);
            assertTrue(
                    c.logLines().stream().anyMatch(l -> l.contains("blocks of 2×2×2")),
                    String.join("\n", c.logLines()));
        }
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new TotalFieldInversionOperator())
                        .input("field", VolumeArrays.volume(field, GRID, GEOMETRY, PhysicalUnit.PPM))
                        .input("mask", VolumeArrays.maskVolume(mask, GRID, GEOMETRY))
                        .input("magnitude", VolumeArrays.volume(ones, GRID, GEOMETRY, PhysicalUnit.ARBITRARY))
                        .set("block", "4,4")
                        .run());
        assertTrue(e.getMessage().contains("block"), e.getMessage());
    }
}
