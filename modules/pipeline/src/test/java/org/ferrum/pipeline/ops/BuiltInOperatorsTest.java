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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.junit.jupiter.api.Test;

/** Every built-in operator is found through Lookup and declares itself completely. */
class BuiltInOperatorsTest {

    static final List<String> IDS = List.of(
            ReadVolumeOperator.ID,
            ReadMultiEchoGreOperator.ID,
            WriteVolumeOperator.ID,
            WriteTableOperator.ID,
            GreMagnitudeOperator.ID,
            SelectFrameOperator.ID,
            ThresholdOperator.ID,
            VoxelArithmeticOperator.ID,
            ApplyMaskOperator.ID,
            RoiStatisticsOperator.ID,
            ReadLabelsOperator.ID);

    @Test
    void allAreInstalledThroughLookupWithoutClashes() {
        OperatorRegistry registry = OperatorRegistry.installed();
        for (String id : IDS) {
            assertTrue(registry.find(id).isPresent(), id + " is not registered");
        }
        assertEquals(List.of(), registry.conflicts());
        assertEquals(
                List.of(
                        "gre.magnitude",
                        "io.read.gre",
                        "io.read.labels",
                        "io.read.volume",
                        "io.write.table",
                        "io.write.volume",
                        "roi.statistics",
                        "volume.arithmetic",
                        "volume.frame",
                        "volume.mask.apply",
                        "volume.threshold"),
                IDS.stream().sorted().toList(),
                "ids are part of saved pipelines and must not change"); // io.write.dicom: modules/dicom
    }

    @Test
    void descriptorsAreCompleteAndStable() {
        OperatorRegistry registry = OperatorRegistry.installed();
        for (String id : IDS) {
            Operator op = registry.find(id).orElseThrow();
            OperatorDescriptor d = op.descriptor();
            assertEquals(d, op.descriptor(), id + ": descriptor() returns the same value every time");
            // roi.statistics 1.1: the n_inf column (issue 14); 1.2: label names (issue 18); the others are at 1.0
            assertEquals(id.equals("roi.statistics") ? "1.2" : "1.0", d.version(), id);
            assertFalse(d.displayName().isBlank() || d.displayName().equals(id), id + " needs a display name");
            assertFalse(d.category().isBlank() || d.category().equals("Other"), id + " needs a category");
            assertTrue(d.description().endsWith("."), id + ": one-line description ending with a full stop");
            assertFalse(d.description().contains("\n"), id);
            for (Port p : d.inputs()) {
                assertFalse(p.description().isBlank(), id + " input " + p.name());
            }
            for (Port p : d.outputs()) {
                assertFalse(p.description().isBlank(), id + " output " + p.name());
            }
            for (Parameter p : d.parameters()) {
                assertFalse(p.description().isBlank(), id + " parameter " + p.name());
                if (p.defaultValue() != null) {
                    assertEquals(p.defaultValue(), p.coerce(p.defaultValue()), id + " parameter " + p.name());
                }
            }
            assertTrue(
                    d.outputs().size() > 0 || id.startsWith("io.write."), id + " has no outputs but is not a writer");
        }
    }
}
