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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

/** The explicit unit conversion (issue 16): within one quantity, and field ppm ↔ Hz given B0. */
class ConvertUnitOperatorTest {

    private static float[] values(Volume<FloatType> v) {
        float[] out = new float[(int) Views.flatIterable(v.image()).size()];
        int i = 0;
        for (FloatType t : Views.flatIterable(v.image())) {
            out[i++] = t.get();
        }
        return out;
    }

    private static Volume<FloatType> convert(Volume<FloatType> in, String unit, double b0) throws OperatorException {
        OperatorHarness h = OperatorHarness.of(new ConvertUnitOperator())
                .input(ConvertUnitOperator.VOLUME, in)
                .set(ConvertUnitOperator.UNIT, unit)
                .set(ConvertUnitOperator.B0, b0)
                .run();
        return h.output(ConvertUnitOperator.CONVERTED);
    }

    @Test
    void onePpmAtThreeTeslaIs127Point73HertzForProtons() throws OperatorException {
        Volume<FloatType> ppm = TestVolumes.of(new long[] {2, 1, 1}, PhysicalUnit.PPM, 1f, Float.NaN);
        Volume<FloatType> hz = convert(ppm, "Hz", 3);
        assertEquals(PhysicalUnit.HERTZ, hz.unit());
        // Δf = γ̄ · B0 · δ = 42.577 478 518 MHz/T · 3 T · 1e-6 = 127.732 Hz
        double expected = FieldUnits.PROTON_GYROMAGNETIC_RATIO_HZ_PER_T * 3 * 1e-6;
        assertEquals(127.73, expected, 0.005);
        assertEquals(expected, values(hz)[0], 1e-4);
        assertTrue(Float.isNaN(values(hz)[1]), "NaN stays NaN");
        // and back
        Volume<FloatType> back = convert(hz, "ppm", 3);
        assertEquals(PhysicalUnit.PPM, back.unit());
        assertEquals(1, values(back)[0], 1e-6);
        assertEquals(ppm.geometry(), back.geometry());
    }

    @Test
    void unitsOfOneQuantityConvertByTheirFactor() throws OperatorException {
        assertEquals(
                20,
                values(convert(TestVolumes.of(new long[] {1, 1, 1}, PhysicalUnit.MILLISECOND, 20000f), "s", 0))[0],
                1e-4);
        assertEquals(
                1500, values(convert(TestVolumes.of(new long[] {1, 1, 1}, PhysicalUnit.PPM, 1.5f), "ppb", 0))[0], 1e-3);
    }

    @Test
    void aFieldConversionWithoutFieldStrengthOrAcrossQuantitiesIsBadInput() {
        String noB0 = OperatorHarness.of(new ConvertUnitOperator())
                .input(ConvertUnitOperator.VOLUME, TestVolumes.of(new long[] {1, 1, 1}, PhysicalUnit.HERTZ, 5f))
                .set(ConvertUnitOperator.UNIT, "ppm")
                .runExpectingBadInput();
        assertEquals(
                "converting Hz to ppm needs the field strength: set parameter 'b0' (T) or connect input 'gre'", noB0);
        String angle = OperatorHarness.of(new ConvertUnitOperator())
                .input(ConvertUnitOperator.VOLUME, TestVolumes.of(new long[] {1, 1, 1}, PhysicalUnit.RADIAN, 5f))
                .set(ConvertUnitOperator.UNIT, "ppm")
                .runExpectingBadInput();
        assertTrue(angle.startsWith("input 'volume' is in rad, which cannot be converted to ppm"), angle);
    }
}
