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
package org.ferrum.pipeline;

import java.util.List;
import java.util.Map;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;

/**
 * Test doubles: small fake operators (descriptors only; running them does nothing) and a pipeline
 * that uses every feature of the model and is valid against {@link #registry()}.
 */
final class TestOperators {

    /** An operator that is only its descriptor. */
    record Fake(OperatorDescriptor descriptor) implements Operator {
        @Override
        public void run(OperatorContext context) {
            // validation and file tests never run operators
        }
    }

    /** Reads a volume: no inputs, output {@code volume}, required {@code path} (no default). */
    static final OperatorDescriptor SOURCE = OperatorDescriptor.builder("test.source", "1.0")
            .output(Port.output("volume", PortTypes.VOLUME, "the volume read"))
            .parameter(Parameter.path("path", null, "file to read"))
            .build();

    /** Thresholds a volume into a mask: input {@code volume}, output {@code mask}, {@code threshold} in [0, 1] ppm. */
    static final OperatorDescriptor MASK = OperatorDescriptor.builder("test.mask", "1.2")
            .input(Port.required("volume", PortTypes.VOLUME, "volume to threshold"))
            .output(Port.output("mask", PortTypes.MASK, "voxels above the threshold"))
            .parameter(Parameter.number("threshold", 0.5, 0.0, 1.0, PhysicalUnit.PPM, "threshold"))
            .build();

    /**
     * Combines two volumes: required {@code a}, optional {@code b}, output {@code out}; parameters of
     * every other type.
     */
    static final OperatorDescriptor COMBINE = OperatorDescriptor.builder("test.combine", "2.0")
            .input(Port.required("a", PortTypes.VOLUME, "first"))
            .input(Port.optional("b", PortTypes.VOLUME, "second, optional"))
            .output(Port.output("out", PortTypes.VOLUME, "combination"))
            .parameter(Parameter.integer("iterations", 10, 1L, 100L, "iterations"))
            .parameter(Parameter.choice("method", "fast", List.of("fast", "exact"), "method"))
            .parameter(Parameter.flag("enabled", true, "on/off"))
            .parameter(Parameter.text("label", "", "a label"))
            .build();

    /** Needs a mask: input {@code mask} (MASK), output {@code table}. */
    static final OperatorDescriptor MASK_STATS = OperatorDescriptor.builder("test.mask-stats", "1.0")
            .input(Port.required("mask", PortTypes.MASK, "region"))
            .output(Port.output("table", PortTypes.TABLE, "statistics"))
            .build();

    /** Volume → volume, for chains and cycles; one unbounded number whose name contains "outside". */
    static final OperatorDescriptor FILTER = OperatorDescriptor.builder("test.filter", "1.0")
            .input(Port.required("in", PortTypes.VOLUME, "input"))
            .output(Port.output("out", PortTypes.VOLUME, "output"))
            .parameter(Parameter.number("outside", 0.0, null, null, null, "value given to voxels outside the mask"))
            .build();

    /** A field map in Hz: output {@code field} declared as field in Hz. */
    static final OperatorDescriptor FIELD_HZ = OperatorDescriptor.builder("test.field-hz", "1.0")
            .output(Port.output("field", PortTypes.VOLUME, "field map").of(Quantities.FIELD, PhysicalUnit.HERTZ))
            .build();

    /** A dipole inversion that takes the field in ppm only: input {@code local_field}, output {@code chi} in ppm. */
    static final OperatorDescriptor TKD = OperatorDescriptor.builder("test.tkd", "1.0")
            .input(Port.required("local_field", PortTypes.VOLUME, "local field").of(Quantities.FIELD, PhysicalUnit.PPM))
            .output(Port.output("chi", PortTypes.VOLUME, "susceptibility")
                    .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM))
            .build();

    private TestOperators() {}

    static OperatorRegistry registry() {
        return OperatorRegistry.of(List.of(
                new Fake(SOURCE),
                new Fake(MASK),
                new Fake(COMBINE),
                new Fake(MASK_STATS),
                new Fake(FILTER),
                new Fake(FIELD_HZ),
                new Fake(TKD)));
    }

    static Map<String, Object> params(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * A valid pipeline using every feature: inputs with and without default, nodes with String, Boolean,
     * Long and Double parameters, positions present and absent, edges (one MASK → VOLUME), outputs.
     */
    static Pipeline full() {
        Map<String, InputBinding> inputs = new java.util.LinkedHashMap<>();
        inputs.put("gre", new InputBinding("read", "path", "../data/gre.nii.gz", "multi-echo magnitude"));
        inputs.put("label", new InputBinding("comb", "label", null, "name of the run"));
        Map<String, PortRef> outputs = new java.util.LinkedHashMap<>();
        outputs.put("result", PortRef.parse("comb.out"));
        outputs.put("stats", PortRef.parse("stats.table"));
        return new Pipeline(
                "Full – χ test",
                "uses every feature of the file format",
                List.of(
                        new Node("read", "test.source", "1.0", Map.of(), new Node.Position(40, 80)),
                        new Node(
                                "mask",
                                "test.mask",
                                "1.2",
                                params("threshold", 0.25),
                                new Node.Position(260.5, -12.25)),
                        new Node(
                                "comb",
                                "test.combine",
                                "2.0",
                                params("method", "exact", "iterations", 7L, "enabled", false, "label", "run 1"),
                                null),
                        new Node("stats", "test.mask-stats", "1.0", Map.of(), new Node.Position(500, 80))),
                List.of(
                        Edge.of("read.volume", "mask.volume"), Edge.of("read.volume", "comb.a"),
                        Edge.of("mask.mask", "comb.b"), Edge.of("mask.mask", "stats.mask")),
                inputs,
                outputs);
    }
}
