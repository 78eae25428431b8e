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

import org.junit.jupiter.api.Test;

class FieldUnitsTest {

    @Test
    void onePpmAtThreeTeslaIs127Point73Hertz() {
        // γ̄ = 42.577 MHz/T: 1 ppm of 3 T × γ̄ = 127.73 Hz
        assertEquals(127.73, FieldUnits.ppmToHertz(1, 3), 0.005);
        assertEquals(-255.46, FieldUnits.ppmToHertz(-2, 3), 0.01);
        assertEquals(63.87, FieldUnits.ppmToHertz(1, 1.5), 0.005);
        assertEquals(1.0, FieldUnits.hertzToPpm(127.7324, 3), 1e-5);
    }

    @Test
    void conversionsAreInverse() {
        for (double b0 : new double[] {1.5, 3, 7}) {
            assertEquals(0.137, FieldUnits.hertzToPpm(FieldUnits.ppmToHertz(0.137, b0), b0), 1e-12);
        }
    }

    @Test
    void rejectsNonPositiveFieldStrength() {
        assertThrows(IllegalArgumentException.class, () -> FieldUnits.ppmToHertz(1, 0));
        assertThrows(IllegalArgumentException.class, () -> FieldUnits.hertzToPpm(1, -3));
        assertThrows(IllegalArgumentException.class, () -> FieldUnits.ppmToHertz(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FieldUnits.ppmToHertz(1, Double.POSITIVE_INFINITY));
    }
}
