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
package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.ferrum.core.VolumeArrays;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Background field removal against the truth local field of the numerical head (issue 13, item 6): 112×144×112 voxels
 * of 1.5 mm, 3 T, TE 3/8/13/18/23 ms, SNR 100 (fields made on a B0-aligned grid twice as fine when oblique), straight
 * and oblique 20°, seeds 5 and 6 (the noise); the field from the wrapped phase as the pipeline makes it (ROMEO, weighted
 * echo fit) and the phantom's brain mask. Score: NRMSE of the local field over the output (eroded) mask, both
 * means removed, ‖(l − l̄) − (t − t̄)‖ / ‖t − t̄‖, and the % of the brain the output mask keeps. Slow (several minutes on
 * 2 cores): run with {@code -Pvalidation}.
 */
@Tag("validation")
class BackgroundRemovalValidationTest {

    private record Method(String name, Supplier<Operator> operator, Map<String, Object> parameters) {}

    private static final List<Method> METHODS = List.of(
            new Method("PDF (defaults)", ProjectionOntoDipoleFieldsOperator::new, Map.of()),
            new Method("LBV (defaults)", LaplacianBoundaryValueOperator::new, Map.of()),
            new Method(
                    "V-SHARP 12 mm, threshold 0.05 (former default)", VSharpOperator::new, Map.of("max_radius", 12.0)),
            new Method("V-SHARP 6 mm, threshold 0.05 (default)", VSharpOperator::new, Map.of("max_radius", 6.0)),
            new Method("V-SHARP 18 mm, threshold 0.05", VSharpOperator::new, Map.of("max_radius", 18.0)),
            new Method(
                    "V-SHARP 12 mm, threshold 0.02",
                    VSharpOperator::new,
                    Map.of("max_radius", 12.0, "threshold", 0.02)),
            new Method(
                    "V-SHARP 12 mm, threshold 0.1", VSharpOperator::new, Map.of("max_radius", 12.0, "threshold", 0.1)));

    @Test
    void backgroundRemovalAgainstTheTruthLocalField() throws OperatorException {
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        List<String> cases = new ArrayList<>();
        for (double degrees : new double[] {0, 20}) {
            for (long seed : new long[] {5, 6}) {
                HeadPhantom p = HeadPhantom.builder()
                        .size(112, 144, 112)
                        .voxelSize(1.5, 1.5, 1.5)
                        .obliqueDegrees(degrees)
                        .echoTimesMs(3, 8, 13, 18, 23)
                        .seed(seed)
                        .generate();
                cases.add(String.format(Locale.ROOT, "%.0f°, seed %d", degrees, seed));
                // the field as the pipeline makes it (noise differs with the seed): ROMEO, then the weighted echo fit
                OperatorHarness unwrap = OperatorHarness.of(new RomeoUnwrappingOperator())
                        .input("gre", p.gre())
                        .input("mask", p.brainMask())
                        .run();
                OperatorHarness combine = OperatorHarness.of(new EchoCombinationOperator())
                        .input("gre", unwrap.output("gre", PortTypes.MULTI_ECHO_GRE))
                        .input("mask", p.brainMask())
                        .run();
                var field = combine.output("field", PortTypes.VOLUME);
                for (Method m : METHODS) {
                    OperatorHarness c = OperatorHarness.of(m.operator().get())
                            .input("field", field)
                            .input("mask", p.brainMask())
                            .input("gre", p.gre());
                    m.parameters().forEach(c::set);
                    long t0 = System.nanoTime();
                    c.run();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double[] score = score(p, c);
                    results.computeIfAbsent(m.name(), k -> new ArrayList<>())
                            .add(new double[] {score[0], score[1], seconds});
                    System.out.printf(
                            Locale.ROOT,
                            "%s, %s: NRMSE %.1f %%, kept %.1f %%, %.1f s%n",
                            cases.get(cases.size() - 1),
                            m.name(),
                            100 * score[0],
                            100 * score[1],
                            seconds);
                    c.logLines().stream().filter(l -> l.startsWith("warning")).forEach(System.out::println);
                }
            }
        }
        StringBuilder table = new StringBuilder("\n| method |");
        cases.forEach(c -> table.append(' ').append(c).append(" |"));
        table.append(" mean |\n|---|");
        cases.forEach(c -> table.append("---|"));
        table.append("---|\n");
        results.forEach((name, rows) -> {
            table.append("| ").append(name).append(" |");
            double sum = 0;
            for (double[] r : rows) {
                table.append(String.format(Locale.ROOT, " %.1f %% (%.0f %%) |", 100 * r[0], 100 * r[1]));
                sum += r[0];
            }
            table.append(String.format(Locale.ROOT, " %.1f %% |%n", 100 * sum / rows.size()));
        });
        System.out.println(table);
        for (double[] r : results.get("PDF (defaults)")) {
            assertTrue(r[0] < 1.0, "PDF local-field NRMSE " + r[0]);
        }
    }

    /** {NRMSE over the output mask ∩ brain with means removed, fraction of the brain kept}. */
    static double[] score(HeadPhantom p, OperatorHarness c) {
        float[] local = VolumeArrays.frame(c.output("local_field", PortTypes.VOLUME), 0);
        float[] m = VolumeArrays.frame(c.output("mask", PortTypes.MASK), 0);
        float[] truth = VolumeArrays.frame(p.localField(), 0);
        float[] brain = VolumeArrays.frame(p.brainMask(), 0);
        double ml = 0, mt = 0;
        int n = 0, nb = 0;
        for (int v = 0; v < local.length; v++) {
            nb += brain[v] != 0 ? 1 : 0;
            if (m[v] != 0 && brain[v] != 0) {
                ml += local[v];
                mt += truth[v];
                n++;
            }
        }
        ml /= n;
        mt /= n;
        double e = 0, r = 0;
        for (int v = 0; v < local.length; v++) {
            if (m[v] != 0 && brain[v] != 0) {
                double d = (local[v] - ml) - (truth[v] - mt);
                e += d * d;
                r += (truth[v] - mt) * (truth[v] - mt);
            }
        }
        return new double[] {Math.sqrt(e / r), n / (double) nb};
    }
}
