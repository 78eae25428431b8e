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

import org.junit.jupiter.api.Test;

/** Φ against tabulated values (Abramowitz &amp; Stegun table 26.1; erfc from A&amp;S table 7.1 and its asymptotics). */
class StandardNormalTest {

    @Test
    void cdfMatchesTables() {
        assertEquals(0.5, StandardNormal.cdf(0), 1e-16);
        assertEquals(0.975, StandardNormal.cdf(ConfidenceInterval.Z_975), 1e-15);
        assertEquals(0.15865525393145705, StandardNormal.cdf(-1), 1e-15);
        assertEquals(0.9986501019683699, StandardNormal.cdf(3), 1e-15);
        assertEquals(0.9999683287581669, StandardNormal.cdf(4), 1e-15);
    }

    @Test
    void farTailsKeepRelativeAccuracy() {
        // Φ(−10) = 7.619853024160527e-24; P(|Z| ≥ 5) = 5.733031437583878e-7 (erfc(5/√2))
        assertEquals(7.619853024160527e-24, StandardNormal.cdf(-10), 1e-36);
        assertEquals(5.733031437583878e-7, StandardNormal.twoSidedP(5), 1e-19);
        assertEquals(5.733031437583878e-7, StandardNormal.twoSidedP(-5), 1e-19);
        // both sides of the series/continued-fraction switch at x = 1.5 (z = 1.5√2) and at x = 3: erfc(1.5) =
        // 0.033894853524689274, erfc(3) = 2.209049699858544e-5 (Python math.erfc)
        assertEquals(0.033894853524689274, StandardNormal.erfc(Math.nextDown(1.5)), 5e-16);
        assertEquals(0.033894853524689274, StandardNormal.erfc(1.5), 5e-16);
        assertEquals(2.209049699858544e-5, StandardNormal.erfc(3), 1e-19);
    }
}
