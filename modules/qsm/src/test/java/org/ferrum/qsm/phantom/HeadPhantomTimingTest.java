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
package org.ferrum.qsm.phantom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Generation time of the phantom at the sizes the benchmarks use. Opt-in (too heavy for the shared test run):
 * {@code mvn -o test -pl modules/qsm -Dtest=HeadPhantomTimingTest -Dferrum.timing=true}.
 */
@EnabledIfSystemProperty(named = "ferrum.timing", matches = "true")
class HeadPhantomTimingTest {

    @Test
    void defaultSizeGeneratesInAFewSeconds() {
        assertTrue(time(96, 96, 64, 2.0) < 10_000);
    }

    @Test
    void benchmarkSizeGeneratesInUnderTwentySeconds() {
        assertTrue(time(256, 256, 128, 1.0) < 20_000);
    }

    private static long time(int nx, int ny, int nz, double d) {
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 2; rep++) { // the first run includes JIT warm-up and FFT planning
            long t0 = System.nanoTime();
            HeadPhantom p = HeadPhantom.builder()
                    .size(nx, ny, nz)
                    .voxelSize(d, d, d)
                    .obliqueDegrees(rep == 0 ? 0 : 15)
                    .generate(
                            org.ferrum.core.parallel.Cancellation.NEVER,
                            (f, m) -> System.out.printf(
                                    Locale.ROOT, "  %.2f %s at %d ms%n", f, m, (System.nanoTime() - t0) / 1_000_000));
            float[] l = Volumes.floats(p.localField()), b = Volumes.floats(p.backgroundField());
            boolean[] m = p.brainMaskArray();
            double ml = 0, mb = 0;
            for (int n = 0; n < m.length; n++) {
                if (m[n]) {
                    ml = Math.max(ml, Math.abs(l[n]));
                    mb = Math.max(mb, Math.abs(b[n]));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d ms; in the brain max|local| %.3f ppm, max|background| %.3f ppm%n",
                    p,
                    p.generationMillis(),
                    ml,
                    mb);
            best = Math.min(best, p.generationMillis());
        }
        return best;
    }
}
