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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.junit.jupiter.api.Test;

class PortTypeTest {

    @Test
    void maskFeedsVolumeButNotTheOtherWayRound() {
        assertTrue(PortTypes.MASK.isAssignableTo(PortTypes.VOLUME));
        assertFalse(PortTypes.VOLUME.isAssignableTo(PortTypes.MASK));
        assertTrue(PortTypes.LABEL_MAP.isAssignableTo(PortTypes.VOLUME));
    }

    @Test
    void siblingsAndUnrelatedTypesDoNotMix() {
        assertFalse(PortTypes.MASK.isAssignableTo(PortTypes.LABEL_MAP));
        assertFalse(PortTypes.LABEL_MAP.isAssignableTo(PortTypes.MASK));
        assertFalse(PortTypes.COMPLEX_VOLUME.isAssignableTo(PortTypes.VOLUME));
        assertFalse(PortTypes.VOLUME.isAssignableTo(PortTypes.COMPLEX_VOLUME));
        assertFalse(PortTypes.SCALAR.isAssignableTo(PortTypes.TABLE));
        assertFalse(PortTypes.MULTI_ECHO_GRE.isAssignableTo(PortTypes.VOLUME));
    }

    @Test
    void everyTypeFeedsItself() {
        for (PortType<?> t : new PortType<?>[] {
            PortTypes.VOLUME,
            PortTypes.COMPLEX_VOLUME,
            PortTypes.MASK,
            PortTypes.LABEL_MAP,
            PortTypes.MULTI_ECHO_GRE,
            PortTypes.TABLE,
            PortTypes.SCALAR
        }) {
            assertTrue(t.isAssignableTo(t), t::id);
        }
    }

    @Test
    void refinementIsTransitive() {
        PortType<Volume<FloatType>> fieldMap =
                PortType.refining(PortTypes.VOLUME, "field-map", "Field map", PortTypes.VOLUME.javaType());
        PortType<Volume<FloatType>> unwrapped =
                PortType.refining(fieldMap, "unwrapped-field-map", "Unwrapped field map", PortTypes.VOLUME.javaType());
        assertTrue(unwrapped.isAssignableTo(fieldMap));
        assertTrue(unwrapped.isAssignableTo(PortTypes.VOLUME));
        assertFalse(fieldMap.isAssignableTo(unwrapped));
        assertFalse(unwrapped.isAssignableTo(PortTypes.MASK));
    }

    @Test
    void equalityIsById() {
        PortType<String> other = PortType.of("volume", "Something else", String.class);
        assertEquals(PortTypes.VOLUME, other);
        assertEquals(PortTypes.VOLUME.hashCode(), other.hashCode());
        assertTrue(PortTypes.MASK.isAssignableTo(other));
        assertNotEquals(PortTypes.VOLUME, PortTypes.MASK);
        assertNotEquals(PortTypes.VOLUME, "volume");
        assertEquals("mask", PortTypes.MASK.toString());
        assertEquals("Mask", PortTypes.MASK.displayName());
    }

    @Test
    void acceptsAndCastCheckTheJavaType() {
        Scalar s = new Scalar(1.5, PhysicalUnit.PPM);
        assertTrue(PortTypes.SCALAR.accepts(s));
        assertFalse(PortTypes.SCALAR.accepts(1.5));
        assertFalse(PortTypes.SCALAR.accepts(null));
        assertEquals(s, PortTypes.SCALAR.cast(s));
        assertThrows(ClassCastException.class, () -> PortTypes.SCALAR.cast("x"));
        assertEquals("1.5 ppm", s.toString());
        assertThrows(NullPointerException.class, () -> new Scalar(1, null));
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> PortType.of(null, "x", Object.class));
        assertThrows(NullPointerException.class, () -> PortType.of("x", null, Object.class));
        assertThrows(NullPointerException.class, () -> PortType.of("x", "x", null));
        assertThrows(NullPointerException.class, () -> PortType.refining(null, "x", "x", Object.class));
    }
}
