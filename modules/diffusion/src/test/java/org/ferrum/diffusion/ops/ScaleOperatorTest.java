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
package org.ferrum.diffusion.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/**
 * {@code diffusion.scale} through the test kit's {@link OperatorHarness}, which also checks the operator contract
 * (declared outputs set once with their type and unit, monotone progress, cancellation, bad-input messages).
 */
class ScaleOperatorTest {

    private static final VoxelGrid GRID = new VoxelGrid(4, 3, 2, 1, 1, 2);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 2);

    private static Volume<FloatType> ramp(PhysicalUnit unit) {
        float[] v = new float[GRID.size()];
        for (int n = 0; n < v.length; n++) {
            v[n] = n;
        }
        return VolumeArrays.volume(v, GRID, GEOMETRY, unit);
    }

    private static Volume<FloatType> lowerHalfMask() {
        boolean[] m = new boolean[GRID.size()];
        for (int n = 0; n < m.length / 2; n++) {
            m[n] = true;
        }
        return VolumeArrays.maskVolume(m, GRID, GEOMETRY);
    }

    @Test
    void scalesInsideTheMaskKeepingGridAndUnit() throws Exception {
        OperatorHarness h = OperatorHarness.of(new ScaleOperator())
                .input(ScaleOperator.VOLUME, ramp(PhysicalUnit.PPM))
                .input(ScaleOperator.MASK, lowerHalfMask())
                .set(ScaleOperator.FACTOR, -2.0)
                .run();
        Volume<FloatType> out = h.output(ScaleOperator.SCALED);
        float[] values = VolumeArrays.frame(out, 0);
        assertEquals(PhysicalUnit.PPM, out.unit());
        assertEquals(GEOMETRY, out.geometry());
        assertEquals(-2f * 5, values[5]);
        assertEquals(0f, values[GRID.size() - 1]);
        assertTrue(h.warnings().isEmpty(), h.warnings().toString());
    }

    @Test
    void factorZeroIsWarnedAbout() throws Exception {
        OperatorHarness h = OperatorHarness.of(new ScaleOperator())
                .input(ScaleOperator.VOLUME, ramp(PhysicalUnit.HERTZ))
                .set(ScaleOperator.FACTOR, 0.0)
                .run();
        assertEquals(1, h.warnings().size(), h.warnings().toString());
        assertTrue(h.warnings().get(0).contains("'factor' is 0"), h.warnings().get(0));
    }

    @Test
    void anEmptyMaskIsRefusedNamingThePort() {
        Volume<FloatType> empty = VolumeArrays.maskVolume(new boolean[GRID.size()], GRID, GEOMETRY);
        String message = OperatorHarness.of(new ScaleOperator())
                .input(ScaleOperator.VOLUME, ramp(PhysicalUnit.PPM))
                .input(ScaleOperator.MASK, empty)
                .runExpectingBadInput();
        assertTrue(message.contains("'mask'"), message);
    }

    @Test
    void stopsWhenCancelled() {
        OperatorHarness.of(new ScaleOperator())
                .input(ScaleOperator.VOLUME, ramp(PhysicalUnit.PPM))
                .cancel()
                .runExpectingCancellation();
    }

    @Test
    void isRegisteredThroughLookup() {
        List<String> ids = Lookup.getDefault().lookupAll(Operator.class).stream()
                .map(op -> op.descriptor().id())
                .toList();
        assertTrue(ids.contains("diffusion.scale"), ids.toString());
    }
}
