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

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

    private static SampleStatistics of(float... values) {
        float[] v = values.clone();
        Arrays.sort(v);
        return SampleStatistics.ofSorted(v, 0, v.length);
    }

    @Test
    void quartilesOfAnOddSampleFallOnOrderStatistics() {
        // 1 2 4 7 10: h = (5-1)·0.25 = 1 → x(1) = 2; h = 3 → x(3) = 7; median x(2) = 4
        SampleStatistics s = of(10, 1, 7, 2, 4);
        assertEquals(2.0, s.q1(), 0);
        assertEquals(7.0, s.q3(), 0);
        assertEquals(5.0, s.iqr(), 0);
        assertEquals(4.0, s.median(), 0);
        assertEquals(4.8, s.mean(), 1e-12);
    }

    @Test
    void quartilesOfAnEvenSampleInterpolateLinearly() {
        // 1 2 3 4: h = 0.75 → 1 + 0.75·(2−1) = 1.75; h = 2.25 → 3 + 0.25·(4−3) = 3.25; median (2+3)/2
        SampleStatistics s = of(4, 3, 2, 1);
        assertEquals(1.75, s.q1(), 1e-12);
        assertEquals(3.25, s.q3(), 1e-12);
        assertEquals(2.5, s.median(), 0);
    }

    @Test
    void nanValuesAreLeftOutAndCounted() {
        // sorted: 1 2 3 NaN → n = 3; q1: h = 0.5 → 1.5; q3: h = 1.5 → 2.5; sd = √((1+0+1)/2) = 1
        SampleStatistics s = of(3, Float.NaN, 1, 2);
        assertEquals(3, s.n());
        assertEquals(1, s.nNaN());
        assertEquals(1.5, s.q1(), 1e-12);
        assertEquals(2.5, s.q3(), 1e-12);
        assertEquals(1.0, s.sd(), 1e-12);
    }

    @Test
    void infiniteValuesAreLeftOutAndCounted() {
        // sorted: −∞ 1 2 3 +∞ +∞ NaN → the finite 1 2 3
        SampleStatistics s =
                of(Float.POSITIVE_INFINITY, 3, Float.NaN, 1, Float.NEGATIVE_INFINITY, 2, Float.POSITIVE_INFINITY);
        assertEquals(3, s.n());
        assertEquals(1, s.nNaN());
        assertEquals(3, s.nInf());
        assertEquals(2.0, s.mean(), 0);
        assertEquals(1.0, s.sd(), 1e-12);
        assertEquals(1.0, s.min(), 0);
        assertEquals(3.0, s.max(), 0);
        SampleStatistics none = of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        assertEquals(0, none.n());
        assertEquals(2, none.nInf());
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.min()));
    }

    @Test
    void anAllNanRegionHasNoStatistics() {
        SampleStatistics s = of(Float.NaN, Float.NaN);
        assertEquals(0, s.n());
        assertEquals(2, s.nNaN());
        assertTrue(Double.isNaN(s.q1()) && Double.isNaN(s.q3()) && Double.isNaN(s.median()));
    }

    @Test
    void quantileEndsAreMinAndMaxAndPOutsideTheUnitIntervalIsRefused() {
        float[] v = {-2, 0, 5};
        assertEquals(-2, SampleStatistics.quantile(v, 0, 3, 0), 0);
        assertEquals(5, SampleStatistics.quantile(v, 0, 3, 1), 0);
        assertEquals(2.5, SampleStatistics.quantile(v, 0, 3, 0.75), 1e-12); // h = 1.5 → 0 + 0.5·5
        assertThrows(IllegalArgumentException.class, () -> SampleStatistics.quantile(v, 0, 3, 1.5));
    }
}
