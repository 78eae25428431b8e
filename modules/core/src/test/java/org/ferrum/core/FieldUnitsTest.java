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
        for (double b0 : new double[]{1.5, 3, 7}) {
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
