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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

class ThresholdTest {

    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    private static final Volume<FloatType> CHI = of(new long[] {3, 2, 1}, PhysicalUnit.PPM, NAN, 1, 2, 3, -INF, INF);

    @SuppressWarnings("unchecked")
    private static float[] mask(Volume<FloatType> v, Object lower, Object upper, Object inclusive)
            throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new ThresholdOperator()).input("volume", v);
        if (lower != null) {
            c.set("lower", lower);
        }
        if (upper != null) {
            c.set("upper", upper);
        }
        if (inclusive != null) {
            c.set("inclusive", inclusive);
        }
        Volume<FloatType> m = c.run().output("mask", PortTypes.MASK);
        assertEquals(PhysicalUnit.DIMENSIONLESS, m.unit());
        assertEquals(v.geometry(), m.geometry());
        assertArrayEquals(v.dimensions(), m.dimensions());
        return values(m);
    }

    @Test
    void inclusiveBoundsKeepVoxelsEqualToThem() throws OperatorException {
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 0}, mask(CHI, 1, 2, null));
    }

    @Test
    void exclusiveBoundsDropVoxelsEqualToThem() throws OperatorException {
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0}, mask(CHI, 1, 3, false));
    }

    @Test
    void defaultBoundsTakeEveryFiniteVoxelAndNeverNaN() throws OperatorException {
        assertArrayEquals(new float[] {0, 1, 1, 1, 0, 0}, mask(CHI, null, null, null));
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, mask(CHI, 1.5, null, null));
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0}, mask(CHI, null, 1.5, null));
    }

    @Test
    void fourDimensionalInputGivesAMaskPerFrame() throws OperatorException {
        Volume<FloatType> v = of(new long[] {2, 1, 1, 2}, PhysicalUnit.ARBITRARY, 1, 5, 5, 1);
        assertArrayEquals(new float[] {0, 1, 1, 0}, mask(v, 3, null, null));
    }

    @Test
    void cellImagesGiveTheSameMask() throws OperatorException {
        float[] values = new float[5 * 3 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7) % 11;
        }
        Volume<FloatType> v = of(new long[] {5, 3, 3}, PhysicalUnit.ARBITRARY, values);
        assertArrayEquals(mask(v, 3, 8, null), mask(TestVolumes.onCells(v), 3, 8, null));
    }

    @Test
    void crossedBoundsAreRefusedInTheInputsUnit() {
        OperatorException e = assertThrows(OperatorException.class, () -> mask(CHI, 3, 2, null));
        assertTrue(e.isBadInput());
        assertEquals(
                "parameter 'lower' = 3.0 ppm is above 'upper' = 2.0 ppm: no voxel could be inside", e.getMessage());
        e = assertThrows(OperatorException.class, () -> mask(CHI, 2, 2, false));
        assertEquals(
                "parameter 'lower' = 2.0 ppm is equal to 'upper' = 2.0 ppm with 'inclusive' off: no voxel could be inside",
                e.getMessage());
    }

    @Test
    void reportsProgressAndHonoursCancel() throws OperatorException {
        OperatorHarness c =
                OperatorHarness.of(new ThresholdOperator()).input("volume", CHI).run();
        assertEquals(1.0, c.progressReports().get(c.progressReports().size() - 1));
        OperatorHarness cancelled =
                OperatorHarness.of(new ThresholdOperator()).input("volume", CHI).cancel();
        assertThrows(CancellationException.class, cancelled::run);
    }
}
