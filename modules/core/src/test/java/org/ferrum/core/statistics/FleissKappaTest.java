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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Fleiss' kappa on Fleiss' 1971 diagnoses data (30 patients, 6 psychiatrists, 5 diagnoses; the raw ratings as R irr's
 * {@code diagnoses} data set and statsmodels' test_inter_rater.py reproduce them). Published: κ = 0.4302445 and z =
 * 17.65183 (irr 0.84 {@code kappam.fleiss}, quoted in statsmodels' tests); category totals 26, 26, 30, 55, 43.
 */
class FleissKappaTest {

    static final int[][] DIAGNOSES = {
        {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5}, {2, 2, 2, 4, 4, 4},
        {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4}, {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5},
        {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4}, {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5},
        {3, 3, 3, 3, 3, 5}, {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
        {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4}, {1, 4, 4, 4, 4, 5},
        {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}
    };

    @Test
    void diagnosesGiveThePublishedKappaAndZ() {
        FleissKappa.Result r = FleissKappa.ofRatings(DIAGNOSES);
        assertEquals(0.4302445, r.kappa(), 5e-8);
        assertEquals(17.65183, r.z(), 5e-6);
        assertEquals(30, r.subjects());
        assertEquals(6, r.raters());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, r.categories());
        double[] totals = {26, 26, 30, 55, 43};
        for (int j = 0; j < 5; j++) {
            assertEquals(totals[j] / 180, r.proportions()[j], 1e-15);
        }
        // the delete-one jackknife, recomputed with statsmodels 0.15.0 fleiss_kappa on the 30 leave-one-out tables
        assertEquals(0.0550547210, r.ase(), 1e-10);
        assertEquals(r.kappa() - ConfidenceInterval.Z_975 * r.ase(), r.ci95().lower(), 1e-15);
        assertTrue(r.p() < 1e-60);
    }

    @Test
    void twoRatersGiveScottsPi() {
        // Fleiss' kappa for m = 2 is Scott's pi: p_o and p_e from the pooled margins. SAS table as pairs:
        // p_o = 13/19; pooled margins (5, 21, 12)/38 → p_e = (25 + 441 + 144)/1444 = 610/1444
        int[][] pairs = new int[19][];
        int[] a = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3};
        int[] b = {2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
        for (int t = 0; t < 19; t++) {
            pairs[t] = new int[] {a[t], b[t]};
        }
        double pe = 610.0 / 1444;
        assertEquals((13.0 / 19 - pe) / (1 - pe), FleissKappa.ofRatings(pairs).kappa(), 1e-14);
    }

    @Test
    void perfectAgreementHasKappaOneAndZeroJackknifeSe() {
        int[][] r = {{1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {1, 1, 1}};
        FleissKappa.Result f = FleissKappa.ofRatings(r);
        assertEquals(1, f.kappa(), 1e-15);
        assertEquals(0, f.ase(), 1e-12);
    }

    @Test
    void aSingleCategoryLeavesKappaUndefined() {
        FleissKappa.Result f = FleissKappa.ofRatings(new int[][] {{4, 4, 4}, {4, 4, 4}});
        assertTrue(Double.isNaN(f.kappa()));
        assertTrue(f.note().contains("one category"), f.note());
    }

    @Test
    void refusesUnequalRaterCountsAndSingleRaters() {
        assertThrows(IllegalArgumentException.class, () -> FleissKappa.ofRatings(new int[][] {{1, 2, 3}, {1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> FleissKappa.ofRatings(new int[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class, () -> FleissKappa.ofRatings(new int[0][]));
    }
}
