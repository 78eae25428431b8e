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
package org.ferrum.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Scalar;
import org.openide.util.lookup.ServiceProvider;

/** Test-only operators, registered through META-INF/services (generated from {@code @ServiceProvider}). */
final class BatchTestOperators {

    private BatchTestOperators() {}

    private static final Port<Scalar> VALUE = Port.output("value", PortTypes.SCALAR, "1");

    /**
     * Fails the first time it runs for a marker file (creating it), succeeds afterwards: a transient failure, as a
     * network file system that hiccups once.
     */
    @ServiceProvider(service = Operator.class)
    public static final class Flaky implements Operator {
        static final Parameter<String> MARKER = Parameter.text("marker", "", "File made by the failing first run");
        private static final OperatorDescriptor D = OperatorDescriptor.builder("test.batch.flaky", "1.0")
                .displayName("Flaky (test)")
                .category("Test")
                .parameter(MARKER)
                .output(VALUE)
                .build();

        @Override
        public OperatorDescriptor descriptor() {
            return D;
        }

        @Override
        public void run(OperatorContext context) {
            Path marker = Path.of(context.get(MARKER));
            if (!Files.exists(marker)) {
                try {
                    Files.createFile(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("first attempt fails on purpose");
            }
            context.output(VALUE, new Scalar(1, PhysicalUnit.DIMENSIONLESS));
        }
    }

    /** Asks for a 16 GiB array: more heap than any test JVM has, so it runs out of memory at once. */
    @ServiceProvider(service = Operator.class)
    public static final class Greedy implements Operator {
        static final Parameter<Long> GIB = Parameter.integer("gib", 16, 1L, null, "GiB to allocate");
        private static final OperatorDescriptor D = OperatorDescriptor.builder("test.batch.greedy", "1.0")
                .displayName("Greedy (test)")
                .category("Test")
                .parameter(GIB)
                .output(VALUE)
                .build();

        @Override
        public OperatorDescriptor descriptor() {
            return D;
        }

        @Override
        public void run(OperatorContext context) {
            long[][] hog = new long[(int) (long) context.get(GIB)][];
            for (int i = 0; i < hog.length; i++) {
                hog[i] = new long[1 << 27]; // 1 GiB each
            }
            context.output(VALUE, new Scalar(hog.length, PhysicalUnit.DIMENSIONLESS));
        }
    }
}
