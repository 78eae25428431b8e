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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

class ApplyMaskTest {

    private static final float NAN = Float.NaN;

    @SuppressWarnings("unchecked")
    private static Volume<FloatType> masked(Volume<FloatType> v, Volume<FloatType> mask, String outside)
            throws OperatorException {
        OperatorHarness c =
                OperatorHarness.of(new ApplyMaskOperator()).input("volume", v).input("mask", mask);
        if (outside != null) {
            c.set("outside", outside);
        }
        Volume<FloatType> out = c.run().output("volume", PortTypes.VOLUME);
        assertEquals(v.unit(), out.unit());
        assertEquals(v.geometry(), out.geometry());
        assertArrayEquals(v.dimensions(), out.dimensions());
        return out;
    }

    @Test
    void outsideIsNaNByDefaultOrZero() throws OperatorException {
        Volume<FloatType> phase = of(new long[] {2, 2, 1}, PhysicalUnit.RADIAN, 1, -2, 3, NAN);
        Volume<FloatType> mask = of(new long[] {2, 2, 1}, PhysicalUnit.DIMENSIONLESS, 1, 0, NAN, 1);
        assertArrayEquals(new float[] {1, NAN, NAN, NAN}, values(masked(phase, mask, null)));
        assertArrayEquals(new float[] {1, 0, 0, NAN}, values(masked(phase, mask, "zero")));
    }

    @Test
    void oneMaskFrameServesEveryFrameAndPerFrameMasksTheirOwn() throws OperatorException {
        Volume<FloatType> echoes = of(new long[] {2, 1, 1, 3}, PhysicalUnit.ARBITRARY, 1, 2, 3, 4, 5, 6);
        Volume<FloatType> mask3d = of(new long[] {2, 1, 1}, PhysicalUnit.DIMENSIONLESS, 0, 1);
        assertArrayEquals(new float[] {0, 2, 0, 4, 0, 6}, values(masked(echoes, mask3d, "zero")));
        Volume<FloatType> mask4d = of(new long[] {2, 1, 1, 3}, PhysicalUnit.DIMENSIONLESS, 1, 0, 0, 1, 1, 1);
        assertArrayEquals(new float[] {1, 0, 0, 4, 5, 6}, values(masked(TestVolumes.onCells(echoes), mask4d, "zero")));
    }

    @Test
    void maskOnAnotherGridIsRefused() {
        Volume<FloatType> v = of(new long[] {2, 2, 1}, PhysicalUnit.PPM, 1, 2, 3, 4);
        Volume<FloatType> small = of(new long[] {2, 1, 1}, PhysicalUnit.DIMENSIONLESS, 1, 1);
        OperatorException e = assertThrows(OperatorException.class, () -> masked(v, small, null));
        assertTrue(e.isBadInput());
        assertEquals("inputs 'volume' and 'mask' differ in size: 2×2×1 vs 2×1×1", e.getMessage());
        Volume<FloatType> echoes = of(new long[] {2, 1, 1, 3}, PhysicalUnit.ARBITRARY, 1, 2, 3, 4, 5, 6);
        Volume<FloatType> twoFrames = of(new long[] {2, 1, 1, 2}, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1);
        e = assertThrows(OperatorException.class, () -> masked(echoes, twoFrames, null));
        assertEquals(
                "input 'mask' has 2 frames but 'volume' has 3 (2×1×1×2 vs 2×1×1×3); give one mask frame for all,"
                        + " or one per frame",
                e.getMessage());
    }
}
