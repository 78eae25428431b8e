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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Repeatability coefficient and percent change against a published worked example and values worked out by hand. */
class RepeatabilityAndPercentChangeTest {

    /**
     * Peak expiratory flow (l/min) of 17 subjects measured twice with the Wright meter (Bland &amp; Altman, Lancet
     * 1986;i:307–310, Table 1), the worked example of Bland &amp; Altman, "Measurement error", BMJ 1996;312:1654, which
     * prints s_w = 15.3 l/min and a repeatability of 2.77 × 15.3 = 42.4 l/min.
     */
    private static final double[] WRIGHT_1 = {
        494, 395, 516, 434, 476, 557, 413, 442, 650, 433, 417, 656, 267, 478, 178, 423, 427
    };

    private static final double[] WRIGHT_2 = {
        490, 397, 512, 401, 470, 611, 415, 431, 638, 429, 420, 633, 275, 492, 165, 372, 421
    };

    @Test
    void repeatabilityFromTestRetestPairsMatchesBlandAndAltman1996() {
        RepeatabilityCoefficient rc = RepeatabilityCoefficient.ofPairs(WRIGHT_1, WRIGHT_2);
        assertEquals(15.3, rc.withinSubjectSd(), 0.05);
        assertEquals(42.4, rc.value(), 0.05);
        // Σd² = 7966 over 17 pairs: s_w = √(7966 / 34) exactly
        assertEquals(Math.sqrt(7966.0 / 34), rc.withinSubjectSd(), 1e-12);
    }

    @Test
    void pairsAreTheReplicateFormulaWithTwoValuesPerSubject() {
        double[][] replicates = new double[WRIGHT_1.length][];
        for (int i = 0; i < replicates.length; i++) {
            replicates[i] = new double[] {WRIGHT_1[i], WRIGHT_2[i]};
        }
        assertEquals(
                RepeatabilityCoefficient.ofReplicates(replicates).value(),
                RepeatabilityCoefficient.ofPairs(WRIGHT_1, WRIGHT_2).value(),
                1e-9);
        assertThrows(
                IllegalArgumentException.class,
                () -> RepeatabilityCoefficient.ofPairs(new double[] {1}, new double[] {}));
        assertThrows(
                IllegalArgumentException.class,
                () -> RepeatabilityCoefficient.ofPairs(new double[] {1}, new double[] {Double.NaN}));
    }

    @Test
    void repeatabilityCoefficientFromReplicates() {
        assertEquals(1.385, RepeatabilityCoefficient.ofWithinSubjectSd(0.5).value(), 1e-12);
        // subject 1: 10, 12 → SS 2 (1 df); subject 2: 20, 21, 23 → mean 64/3, SS 14/3 (2 df); wSD² = (20/3)/3
        RepeatabilityCoefficient rc =
                RepeatabilityCoefficient.ofReplicates(new double[][] {{10, 12}, {20, 21, 23}, {7}});
        assertEquals(Math.sqrt(20.0 / 9), rc.withinSubjectSd(), 1e-12);
        assertEquals(2.77 * Math.sqrt(20.0 / 9), rc.value(), 1e-12);
        assertEquals(12, RepeatabilityCoefficient.given(12).value());
        assertThrows(IllegalArgumentException.class, () -> RepeatabilityCoefficient.ofReplicates(new double[][] {{1}}));
    }

    @Test
    void percentChangeFromBaseline() {
        assertEquals(25, PercentChange.fromBaseline(2.0, 2.5), 1e-12);
        assertEquals(-40, PercentChange.fromBaseline(2.0, 1.2), 1e-12);
        assertEquals(0, PercentChange.fromBaseline(-3, -3), 0);
        assertThrows(IllegalArgumentException.class, () -> PercentChange.fromBaseline(0, 1));
        assertThrows(IllegalArgumentException.class, () -> PercentChange.fromBaseline(Double.NaN, 1));
    }

    @Test
    void meanPercentChangeWithStudentTInterval() {
        // individual changes +10 %, +20 %, +30 %: mean 20, SD 10, SE 10/√3, t(0.975, 2) = 4.302652730 (tables: 4.303)
        PercentChange.Estimate e = PercentChange.mean(new double[] {10, 5, 2}, new double[] {11, 6, 2.6}, 0.95);
        assertEquals(3, e.n());
        assertEquals(20, e.mean(), 1e-12);
        double half = 4.302652729911275 * 10 / Math.sqrt(3);
        assertEquals(20 - half, e.interval().lower(), 1e-8);
        assertEquals(20 + half, e.interval().upper(), 1e-8);
        // the mean of individual changes, not the change of the means (which would be 100·(19.6 − 17)/17 = 15.3 %)
        assertTrue(Math.abs(e.mean() - 100 * (19.6 - 17) / 17) > 4);
    }

    @Test
    void oneSubjectHasNoInterval() {
        PercentChange.Estimate e = PercentChange.mean(new double[] {4}, new double[] {3}, 0.95);
        assertEquals(-25, e.mean(), 1e-12);
        assertFalse(e.interval().defined());
        assertThrows(
                IllegalArgumentException.class,
                () -> PercentChange.mean(new double[] {1, 0}, new double[] {1, 1}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> PercentChange.mean(new double[] {1}, new double[] {1}, 1.0));
    }
}
