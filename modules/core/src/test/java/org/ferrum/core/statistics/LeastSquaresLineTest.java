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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The simple least-squares line and Student's t against values worked out by hand (worked sums in the comments). */
class LeastSquaresLineTest {

    @Test
    void tQuantilesMatchPrintedTables() {
        assertEquals(12.7062047, StudentT.quantile(0.975, 1), 1e-6);
        assertEquals(4.30265273, StudentT.quantile(0.975, 2), 1e-7);
        assertEquals(2.22813885, StudentT.quantile(0.975, 10), 1e-7);
        assertEquals(2.04227246, StudentT.quantile(0.975, 30), 1e-7);
        assertEquals(-2.22813885, StudentT.quantile(0.025, 10), 1e-7);
        assertEquals(0.75, StudentT.cdf(1, 1), 1e-12); // Cauchy: ½ + atan(1)/π
        assertEquals(0.5, StudentT.cdf(0, 7), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1, 3));
    }

    @Test
    void leastSquaresLineByHand() {
        // x̄ = 2.5, ȳ = 4.75, Sxx = 5, Sxy = 9.5, Syy = 18.75 → b = 1.9, a = 0, RSS = 0.7, s² = 0.35
        LeastSquaresLine l = LeastSquaresLine.fit(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 8});
        assertEquals(4, l.n());
        assertEquals(1.9, l.slope(), 1e-12);
        assertEquals(0.0, l.intercept(), 1e-12);
        assertEquals(Math.sqrt(0.07), l.slopeSe(), 1e-12); // √(s²/Sxx)
        assertEquals(Math.sqrt(0.525), l.interceptSe(), 1e-12); // √(s²(1/4 + 6.25/5))
        assertEquals(1 - 0.7 / 18.75, l.rSquared(), 1e-12);
        double half = 4.30265273 * Math.sqrt(0.07); // t(0.975, 2) · SE
        assertEquals(1.9 - half, l.slopeCiLower(), 1e-7);
        assertEquals(1.9 + half, l.slopeCiUpper(), 1e-7);
        assertEquals(7.6, l.at(4), 1e-12);
    }

    @Test
    void twoPointsGiveAnExactLineWithoutErrors() {
        LeastSquaresLine l = LeastSquaresLine.fit(new double[] {0, 2}, new double[] {1, 5});
        assertEquals(2, l.slope(), 1e-12);
        assertEquals(1, l.intercept(), 1e-12);
        assertTrue(Double.isNaN(l.slopeSe()) && Double.isNaN(l.slopeCiLower()));
        assertThrows(
                IllegalArgumentException.class, () -> LeastSquaresLine.fit(new double[] {3, 3}, new double[] {1, 2}));
    }
}
