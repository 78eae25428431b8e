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
package org.ferrum.core.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusteredProportionTest {

    @Test
    void raoScottVarianceOfAHandWorkedRatio() {
        // Sensitivity over four patients: 2 of 3, 1 of 1, 0 of 2, 3 of 3 metastatic nodes called positive.
        // p = 6/9 = 2/3; residuals yᵢ − p mᵢ = 0, 1/3, −4/3, 1; squares sum to 0 + 1/9 + 16/9 + 1 = 26/9.
        // var = K/(K−1) · Σ r² / M² = 4/3 · 26/9 / 81 = 104/2187 = 0.0475537…; SE = 0.2180682
        // CI = 2/3 ± 1.959964 · 0.2180682 = 0.2392609 … 1.0940724, truncated to 1.
        ClusteredProportion p = ClusteredProportion.of(new long[] {2, 1, 0, 3}, new long[] {3, 1, 2, 3});
        assertEquals(2.0 / 3, p.estimate(), 1e-15);
        assertEquals(Math.sqrt(104.0 / 2187), p.standardError(), 1e-15);
        assertEquals(0.2392609, p.interval().lower(), 1e-6);
        assertEquals(1.0, p.interval().upper());
        assertEquals(4, p.clusters());
        // Wilson for 6/9 from R 4.2.2: prop.test(6, 9, correct = FALSE)$conf.int = 0.354202135580 0.879416181613
        assertEquals(0.354202135580, p.wilson().lower(), 1e-9);
        assertEquals(0.879416181613, p.wilson().upper(), 1e-9);
    }

    /**
     * The ratio estimator's variance is the cluster-robust (CR1) variance of an intercept-only least-squares fit to
     * the units' 0/1 outcomes, whose small-sample factor G/(G − 1) · (N − 1)/(N − 1) is K/(K − 1). Reference: Python
     * statsmodels 0.15.0, {@code OLS(y, ones).fit(cov_type="cluster", cov_kwds={"groups": g, "use_correction": True})
     * .bse[0]}: 0.21806816953895916 for the example above, 0.0804839803111438 for ten patients with 3/4, 0/2, 5/5,
     * 1/3, 2/2, 4/7, 0/1, 1/1, 6/8, 2/3.
     */
    @Test
    void matchesStatsmodelsClusterRobustStandardError() {
        assertEquals(
                0.21806816953895916,
                ClusteredProportion.of(new long[] {2, 1, 0, 3}, new long[] {3, 1, 2, 3})
                        .standardError(),
                1e-15);
        ClusteredProportion p = ClusteredProportion.of(
                new long[] {3, 0, 5, 1, 2, 4, 0, 1, 6, 2}, new long[] {4, 2, 5, 3, 2, 7, 1, 1, 8, 3});
        assertEquals(24.0 / 36, p.estimate(), 1e-15);
        assertEquals(0.0804839803111438, p.standardError(), 1e-15);
    }

    @Test
    void clustersWithoutUnitsDoNotCount() {
        // The same data with two patients who have no metastatic node: K stays 4.
        ClusteredProportion p = ClusteredProportion.of(new long[] {2, 0, 1, 0, 0, 3}, new long[] {3, 0, 1, 0, 2, 3});
        assertEquals(4, p.clusters());
        assertEquals(Math.sqrt(104.0 / 2187), p.standardError(), 1e-15);
    }

    @Test
    void oneUnitPerClusterIsTheBinomial() {
        // 81 of 263 (Newcombe 1998, Stat Med 17:857, Table I example): independent units, so
        // var = p(1 − p)/(n − 1) exactly; Wilson from R: prop.test(81, 263, correct = FALSE)$conf.int
        // = 0.255288519878 0.366209576983 (Newcombe's table: 0.2553 to 0.3662).
        ClusteredProportion p = ClusteredProportion.independent(81, 263);
        double phat = 81.0 / 263;
        assertEquals(Math.sqrt(phat * (1 - phat) / 262), p.standardError(), 1e-15);
        assertEquals(0.255288519878, p.wilson().lower(), 1e-9);
        assertEquals(0.366209576983, p.wilson().upper(), 1e-9);
        assertEquals(263.0 / 262, p.designEffect(), 1e-12);
    }

    @Test
    void degenerateProportions() {
        ClusteredProportion none = ClusteredProportion.of(new long[] {0, 0}, new long[] {0, 0});
        assertTrue(Double.isNaN(none.estimate()));
        assertTrue(!none.interval().defined());
        ClusteredProportion single = ClusteredProportion.of(new long[] {2}, new long[] {3});
        assertTrue(!single.interval().defined(), "one cluster gives no between-cluster variance");
        assertTrue(single.wilson().defined());
    }

    /**
     * Coverage with intra-patient correlation: patients are "easy" (each metastatic node detected with probability
     * 0.95) or "hard" (0.45) with equal chance, so the true node-level sensitivity is 0.70 and the intra-cluster
     * correlation is 0.0625/0.21 ≈ 0.30; 1–8 metastatic nodes per patient, 50 patients. The Rao–Scott interval should
     * cover 0.70 about 95 % of the time; the Wilson interval, which takes nodes as independent, must fall well short
     * (design effect ≈ 1 + (4.5 − 1)·0.3 ≈ 2, so roughly 83 %). The patient bootstrap should cover about as well as
     * Rao–Scott.
     */
    @Test
    void clusteredIntervalCoversWhereTheBinomialDoesNot() {
        SplittableRandom random = new SplittableRandom(20);
        int replications = 400;
        int patients = 50;
        int raoScott = 0;
        int wilson = 0;
        int bootstrap = 0;
        for (int r = 0; r < replications; r++) {
            long[] y = new long[patients];
            long[] m = new long[patients];
            int units = 0;
            int[] sizes = new int[patients];
            for (int i = 0; i < patients; i++) {
                sizes[i] = 1 + random.nextInt(8);
                units += sizes[i];
            }
            int[] cluster = new int[units];
            boolean[] truth = new boolean[units];
            boolean[] call = new boolean[units];
            int u = 0;
            for (int i = 0; i < patients; i++) {
                double detect = random.nextBoolean() ? 0.95 : 0.45;
                m[i] = sizes[i];
                for (int k = 0; k < sizes[i]; k++, u++) {
                    boolean hit = random.nextDouble() < detect;
                    y[i] += hit ? 1 : 0;
                    cluster[u] = i;
                    truth[u] = true;
                    call[u] = hit;
                }
            }
            ClusteredProportion p = ClusteredProportion.of(y, m);
            raoScott += p.interval().contains(0.70) ? 1 : 0;
            wilson += p.wilson().contains(0.70) ? 1 : 0;
            DiagnosticAccuracy table = DiagnosticAccuracy.of(cluster, truth, call);
            assertEquals(p, table.estimate(DiagnosticAccuracy.Measure.SENSITIVITY));
            bootstrap += table.bootstrap(500, r)
                            .get(DiagnosticAccuracy.Measure.SENSITIVITY)
                            .interval()
                            .contains(0.70)
                    ? 1
                    : 0;
        }
        double rs = (double) raoScott / replications;
        double w = (double) wilson / replications;
        double b = (double) bootstrap / replications;
        assertTrue(rs >= 0.91 && rs <= 0.98, "Rao–Scott coverage " + rs);
        assertTrue(b >= 0.90 && b <= 0.98, "bootstrap coverage " + b);
        assertTrue(w <= 0.88, "Wilson coverage " + w + " should suffer from the clustering");
    }
}
