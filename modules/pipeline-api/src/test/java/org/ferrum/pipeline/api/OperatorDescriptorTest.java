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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorDescriptorTest {

    private static final Port IN = Port.required("volume", PortTypes.VOLUME, "in");
    private static final Port OUT = Port.output("mask", PortTypes.MASK, "out");
    private static final Parameter P = Parameter.number("threshold", 0.5, 0.0, 1.0, null, "t");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "Qsm",
                "qsm.Tkd",
                "qsm..tkd",
                ".qsm",
                "qsm.",
                "qsm_tkd",
                "1qsm",
                "-qsm",
                "qsm tkd",
                "qsm/tkd",
                "qsm.-x"
            })
    void badIds(String id) {
        String m = assertThrows(IllegalArgumentException.class, () -> OperatorDescriptor.builder(id, "1.0")
                        .build())
                .getMessage();
        assertTrue(m.contains("dotted lower case"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qsm", "qsm.dipole.tkd", "io.read-volume", "a.1b", "a1.b-c", "x.0"})
    void goodIds(String id) {
        assertEquals(id, OperatorDescriptor.builder(id, "1.0").build().id());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1", "1.", ".1", "1.0.0", "v1.0", "1.x", " 1.0", "1.0 ", "-1.0", "1,0"})
    void badVersions(String version) {
        String m = assertThrows(IllegalArgumentException.class, () -> OperatorDescriptor.builder("a.b", version)
                        .build())
                .getMessage();
        assertTrue(m.contains("operator a.b") && m.contains("MAJOR.MINOR"), m);
    }

    @Test
    void goodVersionsAndMajor() {
        assertEquals(1, OperatorDescriptor.builder("a", "1.0").build().majorVersion());
        assertEquals(10, OperatorDescriptor.builder("a", "10.23").build().majorVersion());
        assertEquals(0, OperatorDescriptor.builder("a", "0.9").build().majorVersion());
    }

    @Test
    void duplicateInputs() {
        String m = assertThrows(IllegalArgumentException.class, () -> OperatorDescriptor.builder("a", "1.0")
                        .input(IN)
                        .input(Port.optional("volume", PortTypes.MASK, "again"))
                        .build())
                .getMessage();
        assertEquals("operator a declares input 'volume' twice", m);
    }

    @Test
    void duplicateOutputs() {
        String m = assertThrows(IllegalArgumentException.class, () -> OperatorDescriptor.builder("a", "1.0")
                        .output(OUT)
                        .output(OUT)
                        .build())
                .getMessage();
        assertEquals("operator a declares output 'mask' twice", m);
    }

    @Test
    void duplicateParameters() {
        String m = assertThrows(IllegalArgumentException.class, () -> OperatorDescriptor.builder("a", "1.0")
                        .parameter(P)
                        .parameter(Parameter.text("threshold", "", ""))
                        .build())
                .getMessage();
        assertEquals("operator a declares parameter 'threshold' twice", m);
    }

    @Test
    void anInputAndAnOutputMayShareAName() {
        OperatorDescriptor d = OperatorDescriptor.builder("a", "1.0")
                .input(IN)
                .output(Port.output("volume", PortTypes.VOLUME, "same name"))
                .build();
        assertEquals(PortTypes.VOLUME, d.input("volume").orElseThrow().type());
        assertEquals("same name", d.output("volume").orElseThrow().description());
    }

    @Test
    void builderDefaultsAndLookups() {
        OperatorDescriptor d = OperatorDescriptor.builder("volume.threshold", "1.2")
                .input(IN)
                .output(OUT)
                .parameter(P)
                .build();
        assertEquals("volume.threshold", d.displayName());
        assertEquals("Other", d.category());
        assertEquals("", d.description());
        assertEquals(Optional.of(IN), d.input("volume"));
        assertEquals(Optional.of(OUT), d.output("mask"));
        assertEquals(Optional.of(P), d.parameter("threshold"));
        assertEquals(Optional.empty(), d.input("mask"));
        assertEquals(Optional.empty(), d.output("volume"));
        assertEquals(Optional.empty(), d.parameter("x"));
        OperatorDescriptor named = OperatorDescriptor.builder("a", "1.0")
                .displayName("Threshold")
                .category("Masks/Simple")
                .description("Voxels above a value.")
                .build();
        assertEquals("Threshold", named.displayName());
        assertEquals("Masks/Simple", named.category());
        assertEquals("Voxels above a value.", named.description());
    }

    @Test
    void listsAreImmutableCopies() {
        List<Port<?>> inputs = new ArrayList<>();
        inputs.add(IN);
        OperatorDescriptor d = new OperatorDescriptor("a", "1.0", "A", "Other", "", inputs, List.of(), List.of());
        inputs.add(Port.optional("other", PortTypes.VOLUME, ""));
        assertEquals(List.of(IN), d.inputs());
        assertThrows(UnsupportedOperationException.class, () -> d.inputs().add(IN));
        assertThrows(UnsupportedOperationException.class, () -> d.parameters().add(P));
        OperatorDescriptor.Builder b = OperatorDescriptor.builder("a", "1.0").input(IN);
        OperatorDescriptor first = b.build();
        b.output(OUT);
        assertEquals(List.of(), first.outputs());
    }

    @Test
    void nullTexts() {
        assertThrows(
                NullPointerException.class,
                () -> OperatorDescriptor.builder("a", "1.0").displayName(null).build());
        assertThrows(
                NullPointerException.class,
                () -> OperatorDescriptor.builder("a", "1.0").category(null).build());
        assertThrows(
                NullPointerException.class,
                () -> OperatorDescriptor.builder("a", "1.0").description(null).build());
    }
}
