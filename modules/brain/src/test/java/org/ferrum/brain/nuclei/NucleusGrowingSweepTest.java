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
package org.ferrum.brain.nuclei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Dice table of the module README ("Nuclei grown on χ"): voxel size (1, 2 mm) × χ (exact, smoothed σ 0.7/1/1.5 mm, TV-ADMM from the local
 * field) × noise × click offsets (as placed, mirrored, ×1.3: up to 4.6 mm from the centre). Slow (≈ 2 min): runs with {@code -Pvalidation}.
 *
 * <pre>
 * mvn -o -q -pl modules/brain -am test -Pvalidation -Dtest=NucleusGrowingSweepTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("validation")
class NucleusGrowingSweepTest {

    @Test
    void diceTable() {
        StringBuilder md =
                new StringBuilder("| voxel | χ | noise | clicks | SN L | SN R | RN L | RN R | DN L | DN R | min |"
                        + " leaks | s |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        int rows = 0;
        for (double vox : new double[] {2, 1}) {
            NucleusPhantom ph = new NucleusPhantom(vox);
            List<Object[]> cases = new ArrayList<>();
            for (double noise : new double[] {0.01, 0.02}) {
                cases.add(new Object[] {"exact", noise, ph.chi(0, noise, 7)});
            }
            for (double blur : new double[] {0.7, 1, 1.5}) {
                cases.add(new Object[] {"smoothed σ " + blur + " mm", 0.01, ph.chi(blur, 0.01, 7)});
            }
            for (double fieldNoise : new double[] {0.005, 0.01}) {
                cases.add(
                        new Object[] {"TV-ADMM from local field", fieldNoise, ph.chiFromTotalVariation(fieldNoise, 7)});
            }
            for (Object[] c : cases) {
                for (double offset : new double[] {1, -1, 1.3}) {
                    long t0 = System.nanoTime();
                    NucleusGrowing.Result r;
                    try {
                        r = ph.grow((float[]) c[2], NucleusPhantom.clicks(offset), NucleusGrowing.Params.DEFAULTS);
                    } catch (IllegalArgumentException e) {
                        md.append(String.format(
                                Locale.ROOT,
                                "| %.0f mm | %s | %.3f ppm | ×%.1f | refused: %s |%n",
                                vox,
                                c[0],
                                (double) c[1],
                                offset,
                                e.getMessage()));
                        rows++;
                        continue;
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    Map<String, Double> dice = ph.dice(r);
                    StringBuilder row = new StringBuilder(String.format(
                            Locale.ROOT, "| %.0f mm | %s | %.3f ppm | ×%.1f |", vox, c[0], (double) c[1], offset));
                    double min = 1;
                    for (double d : dice.values()) {
                        row.append(String.format(Locale.ROOT, " %.3f |", d));
                        min = Math.min(min, d);
                    }
                    long leaks = r.nuclei().stream()
                            .filter(NucleusGrowing.Grown::leakStopped)
                            .count();
                    row.append(String.format(Locale.ROOT, " %.3f | %d | %.2f |%n", min, leaks, seconds));
                    md.append(row);
                    rows++;
                    if (offset == 1) {
                        System.out.print(NucleusPhantom.describe(r, dice));
                    }
                }
            }
        }
        System.out.println(md);
        assertEquals(42, rows);
    }
}
