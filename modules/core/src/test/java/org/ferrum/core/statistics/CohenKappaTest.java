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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.core.statistics.CohenKappa.Weights;
import org.junit.jupiter.api.Test;

/**
 * Cohen's kappa against published values. The 3 × 3 table and its figures are a SAS PROC FREQ printout, as issue 20
 * and statsmodels' test_inter_rater.py ("comparison to printout of a SAS example") quote it; the quadratic-weighted figures
 * and the "anxiety" figures come from statsmodels 0.15.0 {@code cohens_kappa} run on the same tables (SAS formulas,
 * an independent implementation), the anxiety data and its R irr 0.84 {@code kappa2} figures from statsmodels'
 * test_inter_rater.py.
 */
class CohenKappaTest {

    private static final long[][] SAS = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
    private static final int[] ONE_TWO_THREE = {1, 2, 3};

    @Test
    void simpleKappaOfTheSasTableMatchesThePrintout() {
        CohenKappa.Result r = CohenKappa.of(SAS, ONE_TWO_THREE, Weights.NONE);
        assertEquals(0.4842, r.kappa(), 5e-5);
        assertEquals(0.1380, r.ase(), 5e-5);
        assertEquals(0.2137, r.ci95().lower(), 5e-5);
        assertEquals(0.7547, r.ci95().upper(), 5e-5);
        assertEquals(0.1484, r.aseH0(), 5e-5);
        assertEquals(3.2626, r.z(), 5e-5);
        assertEquals(0.0011, r.p(), 5e-5);
        assertEquals(19, r.n());
        // statsmodels 0.15.0 to 10 digits
        assertEquals(0.4841628959, r.kappa(), 1e-10);
        assertEquals(0.1380135783, r.ase(), 1e-10);
        assertEquals(0.1483982819, r.aseH0(), 1e-10);
        assertEquals(0.001103987302, r.p(), 1e-12);
        assertEquals("", r.note());
    }

    @Test
    void linearWeightedKappaOfTheSasTableMatchesThePrintout() {
        CohenKappa.Result r = CohenKappa.of(SAS, ONE_TWO_THREE, Weights.LINEAR);
        assertEquals(0.4701, r.kappa(), 5e-5);
        assertEquals(0.1457, r.ase(), 5e-5);
        assertEquals(0.1845, r.ci95().lower(), 5e-5);
        assertEquals(0.7558, r.ci95().upper(), 5e-5);
        assertEquals(0.1426, r.aseH0(), 5e-5);
        assertEquals(3.2971, r.z(), 5e-5);
        assertEquals(0.0010, r.p(), 5e-5);
        assertEquals(0.4701195219, r.kappa(), 1e-10);
        assertEquals(0.1457460451, r.ase(), 1e-10);
        assertEquals(0.1425850776, r.aseH0(), 1e-10);
    }

    @Test
    void quadraticWeightedKappaOfTheSasTableMatchesStatsmodels() {
        CohenKappa.Result r = CohenKappa.of(SAS, ONE_TWO_THREE, Weights.QUADRATIC);
        assertEquals(0.4501607717, r.kappa(), 1e-10);
        assertEquals(0.1922326634, r.ase(), 1e-10);
        assertEquals(0.0733916749, r.ci95().lower(), 1e-9);
        assertEquals(0.8269298685, r.ci95().upper(), 1e-9);
        assertEquals(0.1879194683, r.aseH0(), 1e-10);
        assertEquals(2.3954983258, r.z(), 1e-9);
        assertEquals(0.01659779004, r.p(), 1e-10);
    }

    /** irr's anxiety data, raters 2 and 3: categories 1, 2, 3, 4, 6 (nobody used 5, rater 3 never used 6 twice). */
    private static final int[] ANXIETY_2 = {3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4};

    private static final int[] ANXIETY_3 = {2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2};

    @Test
    void anxietyRatingsMatchIrrAndStatsmodels() {
        CohenKappa.Result simple = CohenKappa.of(ANXIETY_2, ANXIETY_3, Weights.NONE);
        assertArrayEquals(new int[] {1, 2, 3, 4, 6}, simple.categories());
        // irr::kappa2(anxiety[,2:3]): -0.006289308, z -0.0604067, p 0.9518317
        assertEquals(-0.006289308, simple.kappa(), 1e-9);
        assertEquals(-0.0604067, simple.z(), 1e-7);
        assertEquals(0.9518317, simple.p(), 1e-7);
        assertEquals(0.1015728383, simple.ase(), 1e-10);
        // weights from the category values (6 is two steps from 4): statsmodels cohens_kappa(weights=values)
        CohenKappa.Result linear = CohenKappa.of(ANXIETY_2, ANXIETY_3, Weights.LINEAR);
        assertEquals(0.1262135922, linear.kappa(), 1e-10);
        assertEquals(0.1035097115, linear.ase(), 1e-10);
        assertEquals(0.1115472531, linear.aseH0(), 1e-10);
        CohenKappa.Result quadratic = CohenKappa.of(ANXIETY_2, ANXIETY_3, Weights.QUADRATIC);
        assertEquals(0.2297979798, quadratic.kappa(), 1e-10);
        assertEquals(0.1908766611, quadratic.ase(), 1e-10);
        assertEquals(0.1825191664, quadratic.aseH0(), 1e-10);
        // weights from ranks 1..5 instead (irr "equal"/"squared": 0.1459075, 0.2520325; z 1.282472, 1.437451)
        long[][] table = linear.table();
        CohenKappa.Result equal = CohenKappa.of(table, new int[] {1, 2, 3, 4, 5}, Weights.LINEAR);
        assertEquals(0.1459075, equal.kappa(), 1e-7);
        assertEquals(1.282472, equal.z(), 1e-6);
        CohenKappa.Result squared = CohenKappa.of(table, new int[] {1, 2, 3, 4, 5}, Weights.QUADRATIC);
        assertEquals(0.2520325, squared.kappa(), 1e-7);
        assertEquals(1.437451, squared.z(), 1e-6);
    }

    @Test
    void rawRatingsGiveTheSameAsTheirTable() {
        // the SAS table as 19 pairs
        int[] a = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3};
        int[] b = {2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
        CohenKappa.Result r = CohenKappa.of(a, b, Weights.NONE);
        assertArrayEquals(SAS, r.table());
        assertEquals(CohenKappa.of(SAS, ONE_TWO_THREE, Weights.NONE).kappa(), r.kappa(), 1e-15);
    }

    @Test
    void perfectAgreementHasKappaOneAndZeroGeneralAse() {
        int[] a = {1, 2, 3, 1, 2, 3, 3};
        CohenKappa.Result r = CohenKappa.of(a, a.clone(), Weights.QUADRATIC);
        assertEquals(1, r.kappa(), 1e-15);
        assertEquals(0, r.ase(), 1e-12);
        assertTrue(r.aseH0() > 0);
        assertEquals(1, r.ci95().lower(), 1e-12);
        assertEquals(1, r.ci95().upper(), 1e-12);
    }

    @Test
    void aSingleCategoryLeavesKappaUndefinedAndSaysWhy() {
        CohenKappa.Result r = CohenKappa.of(new int[] {2, 2, 2}, new int[] {2, 2, 2}, Weights.LINEAR);
        assertTrue(Double.isNaN(r.kappa()));
        assertFalse(r.ci95().defined());
        assertTrue(r.note().contains("single category"), r.note());
    }

    @Test
    void aCategoryUsedByOneRaterOnlyIsKept() {
        // rater 2 never uses 3: the table is still 3 × 3, with an empty column
        CohenKappa.Result r = CohenKappa.of(new int[] {1, 2, 3, 1}, new int[] {1, 2, 2, 1}, Weights.NONE);
        assertArrayEquals(new int[] {1, 2, 3}, r.categories());
        assertArrayEquals(new long[] {0, 1, 0}, r.table()[2]);
        // p_o = 3/4, p_e = (2·2 + 1·2)/16 = 6/16 → κ = (12 − 6)/(16 − 6) = 0.6
        assertEquals(0.6, r.kappa(), 1e-15);
    }

    @Test
    void refusesMismatchedOrEmptyInput() {
        assertThrows(
                IllegalArgumentException.class, () -> CohenKappa.of(new int[] {1}, new int[] {1, 2}, Weights.NONE));
        assertThrows(IllegalArgumentException.class, () -> CohenKappa.of(new int[0], new int[0], Weights.NONE));
        assertThrows(
                IllegalArgumentException.class,
                () -> CohenKappa.of(new long[][] {{1, 2}, {3, 4}}, new int[] {2, 1}, Weights.NONE));
    }
}
