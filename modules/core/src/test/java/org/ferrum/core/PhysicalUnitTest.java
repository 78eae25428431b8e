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
package org.ferrum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhysicalUnitTest {

    @Test
    void convertsWithinAQuantity() {
        assertEquals(1.5, PhysicalUnit.MILLISECOND.convert(1500, PhysicalUnit.SECOND), 1e-12);
        assertEquals(2.5, PhysicalUnit.SECOND.convert(0.0025, PhysicalUnit.MILLISECOND), 1e-12);
        assertEquals(1.0, PhysicalUnit.PPB.convert(1000, PhysicalUnit.PPM), 1e-12);
        assertEquals(Math.PI, PhysicalUnit.DEGREE.convert(180, PhysicalUnit.RADIAN), 1e-12);
        assertEquals(1.0, PhysicalUnit.RADIAN_PER_SECOND.convert(2 * Math.PI, PhysicalUnit.HERTZ), 1e-12);
        assertEquals(0.5, PhysicalUnit.PERCENT.convert(50, PhysicalUnit.DIMENSIONLESS), 1e-12);
        assertEquals(2.0, PhysicalUnit.METRE.convert(0.002, PhysicalUnit.MILLIMETRE), 1e-12);
        assertEquals(42.0, PhysicalUnit.PER_SECOND.convert(42, PhysicalUnit.PER_SECOND));
    }

    @Test
    void refusesToConvertAcrossQuantities() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PhysicalUnit.PPM.convert(1, PhysicalUnit.HERTZ));
        assertTrue(e.getMessage().contains("ppm") && e.getMessage().contains("Hz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PhysicalUnit.SECOND.convert(1, PhysicalUnit.PER_SECOND));
        assertThrows(
                IllegalArgumentException.class,
                () -> PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT.convert(1, PhysicalUnit.MG_FE_PER_G_WET_WEIGHT));
    }

    @Test
    void parsesSymbolsAndNames() {
        assertEquals(PhysicalUnit.PER_SECOND, PhysicalUnit.parse("1/s"));
        assertEquals(PhysicalUnit.PPM, PhysicalUnit.parse(" PPM "));
        assertEquals(PhysicalUnit.MILLISECOND, PhysicalUnit.parse("millisecond"));
        assertEquals(PhysicalUnit.HERTZ, PhysicalUnit.parse("Hz"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhysicalUnit.parse("furlong"));
        assertTrue(e.getMessage().contains("furlong"), e.getMessage());
    }
}
