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
package org.ferrum.liver.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.ferrum.liver.phantom.LiverIronPhantom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * liver-hqsm.json on a small {@link LiverIronPhantom} (coarse grid, one region set, 1.5 T): field simulated on a 2× finer
 * grid with intra-voxel dephasing, truth constants different from the pipeline's defaults and passed as its inputs.
 *
 * <p>Asserted: issue 13's target (within 15 %, or 1 mg/g below 5 mg/g) in every region whose fat–water fit is sound
 * (fitted R2* within 25 % of the truth, {@code fatWaterSound}, the validation study's rule), LIC_QSM rising with LIC over
 * all regions, and at most the one known unsound region. Known miss (issue 13, open): at LIC 25 / PDFF 12 % (R2* 976 s⁻¹)
 * the merged fat–water fit returns R2* ≈ 1240 s⁻¹ and LIC_QSM ≈ 14.6 (−42 %); the fat–water fit before issue 13 read
 * R2* 964 there (but swapped whole high-iron, low-fat regions elsewhere).
 */
class LiverIronQsmTest {

    @TempDir
    Path tmp;

    @Test
    void licFromQsmOnTheIndependentAbdomen() throws Exception {
        Path pipeline = Path.of(System.getProperty("ferrum.pipeline", LiverIronStudy.PIPELINE.toString()));
        double b0 = Double.parseDouble(System.getProperty("ferrum.b0", "1.5"));
        LiverIronPhantom p = LiverIronPhantom.builder()
                .fieldStrength(b0)
                .size(48, 36, 16)
                .spacing(7.3, 7.3, 9.4)
                .liver(new double[] {3, 12, 25}, new double[] {0.30, 0.03, 0.12})
                .seed(7)
                .build();
        LiverIronStudy.Result r = LiverIronStudy.run(p, 7, tmp, Map.of(), pipeline);
        System.out.println(LiverIronStudy.HEADER);
        r.rows().forEach(row -> System.out.println(row.format()));
        System.out.printf("pipeline %.1f s%n", r.seconds());
        int unsound = 0;
        LiverIronStudy.Row previous = null;
        for (LiverIronStudy.Row row : r.rows().stream()
                .sorted(java.util.Comparator.comparingDouble(LiverIronStudy.Row::lic))
                .toList()) {
            if (row.fatWaterSound()) {
                assertTrue(row.withinTarget(), row.format());
            } else {
                unsound++;
            }
            if (previous != null) {
                assertTrue(
                        row.licQsm() > previous.licQsm(),
                        "LIC_QSM must rise with LIC: " + previous.format() + " then " + row.format());
            }
            previous = row;
        }
        assertTrue(unsound <= 1, unsound + " regions with an unsound fat–water fit (known: the R2* ≈ 1000 s⁻¹ one)");
    }
}
