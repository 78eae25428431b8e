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
package org.ferrum.pipeline.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Scalar;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openide.util.lookup.ServiceProvider;

/**
 * The extension contract of issue 3: an operator that lives outside the pipeline module (here on the
 * test class path, as another module's jar would be), registered only with {@code @ServiceProvider},
 * appears in {@code --list-operators} and runs in a pipeline file with no other change.
 */
class PluggedInOperatorTest {

    /** A stand-in for an algorithm module's operator: it doubles a number in ppm. */
    @ServiceProvider(service = Operator.class)
    public static final class Doubler implements Operator {
        private static final Parameter<Double> VALUE =
                Parameter.number("value", 1, null, null, PhysicalUnit.PPM, "The number to double");
        private static final Port<Scalar> TWICE =
                Port.output("twice", PortTypes.SCALAR, "2 × value").in(PhysicalUnit.PPM);
        private static final OperatorDescriptor D = OperatorDescriptor.builder("test.plugged.doubler", "1.0")
                .displayName("Doubler (test plug-in)")
                .category("Test")
                .description("Twice its parameter, in ppm.")
                .parameter(VALUE)
                .output(TWICE)
                .build();

        @Override
        public OperatorDescriptor descriptor() {
            return D;
        }

        @Override
        public void run(OperatorContext context) {
            context.output(TWICE, new Scalar(2 * context.get(VALUE), PhysicalUnit.PPM));
        }
    }

    @TempDir
    Path tmp;

    @Test
    void appearsInListOperatorsAndRunsFromAPipelineFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HeadlessRunner runner = new HeadlessRunner(
                OperatorRegistry.installed(),
                tmp,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, runner.listOperators());
        assertTrue(
                out.toString(StandardCharsets.UTF_8)
                        .contains("test.plugged.doubler 1.0 — Doubler (test plug-in) [Test]"),
                out.toString());

        Files.writeString(
                tmp.resolve("p.json"),
                """
                { "format": "ferrum-pipeline", "formatVersion": 1, "name": "plug-in",
                  "nodes": [ { "id": "d", "operator": "test.plugged.doubler", "version": "1.0", "parameters": { "value": 0.25 } } ],
                  "outputs": { "result": "d.twice" } }
                """);
        assertEquals(
                0,
                runner.run(Path.of("p.json"), java.util.Map.of(), Path.of("out")),
                err.toString(StandardCharsets.UTF_8));
        String csv = Files.readString(tmp.resolve("out/result.csv"));
        assertTrue(csv.contains("0.5"), csv);
        assertTrue(csv.contains("ppm"), csv);
    }
}
