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
package org.ferrum.pipeline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PortTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1in", "_in", "-in", "in put", "in.put", "in/put", "ü"})
    void badNames(String name) {
        String m = assertThrows(IllegalArgumentException.class, () -> Port.required(name, PortTypes.VOLUME, ""))
                .getMessage();
        assertTrue(m.contains("port name"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in", "Volume", "echo2", "field_map", "b0-map"})
    void goodNames(String name) {
        assertEquals(name, Port.optional(name, PortTypes.VOLUME, "").name());
    }

    @Test
    void factories() {
        assertTrue(Port.required("a", PortTypes.MASK, "d").required());
        assertFalse(Port.optional("a", PortTypes.MASK, "d").required());
        Port out = Port.output("a", PortTypes.TABLE, "d");
        assertTrue(out.required());
        assertEquals(PortTypes.TABLE, out.type());
        assertEquals("d", out.description());
    }

    @Test
    void typeAndDescriptionAreRequired() {
        assertThrows(NullPointerException.class, () -> Port.required("a", null, ""));
        assertThrows(NullPointerException.class, () -> Port.required("a", PortTypes.VOLUME, null));
    }

    /** Quantity and units as the palette, the pins and the validator's messages show them. */
    @Test
    void unitTextSaysQuantityAndUnits() {
        Port<?> field = Port.required("f", PortTypes.VOLUME, "field")
                .of(Quantities.FIELD, org.ferrum.core.PhysicalUnit.PPM, org.ferrum.core.PhysicalUnit.HERTZ);
        assertEquals("field in ppm or Hz", field.unitText());
        assertEquals(
                "mask, no unit",
                Port.output("m", PortTypes.MASK, "mask")
                        .of(Quantities.MASK, org.ferrum.core.PhysicalUnit.DIMENSIONLESS)
                        .unitText());
        assertEquals(
                "in 1/s",
                Port.output("r", PortTypes.VOLUME, "rate")
                        .in(org.ferrum.core.PhysicalUnit.PER_SECOND)
                        .unitText());
        assertEquals("", Port.output("v", PortTypes.VOLUME, "any").unitText());
        Port<?> chi = Port.output("chi", PortTypes.VOLUME, "χ")
                .of(Quantities.SUSCEPTIBILITY, org.ferrum.core.PhysicalUnit.PPM);
        assertEquals(
                "gives susceptibility in ppm but takes field in ppm or Hz",
                Port.mismatch(chi, field).orElseThrow());
        assertTrue(Port.mismatch(field, Port.required("any", PortTypes.VOLUME, "any"))
                .isEmpty());
    }
}
