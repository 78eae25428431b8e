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

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SampleStatistics#medianInPlace} against the median of the sorted values ({@link SampleStatistics#ofSorted}). */
class SampleStatisticsMedianTest {

    private static double sortedMedian(float[] values) {
        float[] s = values.clone();
        Arrays.sort(s);
        return SampleStatistics.ofSorted(s, 0, s.length).median();
    }

    private static void check(float[] values, String what) {
        double expected = sortedMedian(values);
        float[] copy = values.clone();
        double median = SampleStatistics.medianInPlace(copy, 0, copy.length);
        assertEquals(
                expected, median, 0, what + " " + Arrays.toString(Arrays.copyOf(values, Math.min(12, values.length))));
        float[] a = values.clone();
        float[] b = copy.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertTrue(Arrays.equals(a, b), what + ": the values are only reordered");
    }

    @Test
    void equalsTheSortedMedianOnRandomTiedAndNonFiniteSamples() {
        Random random = new Random(18);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(trial < 1000 ? 12 : 500);
            int kinds = 1 + random.nextInt(6); // few distinct values: many ties
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                v[i] = u < 0.05
                        ? Float.NaN
                        : u < 0.08
                                ? Float.POSITIVE_INFINITY
                                : u < 0.1
                                        ? Float.NEGATIVE_INFINITY
                                        : trial % 2 == 0 ? random.nextInt(kinds) : (float) random.nextGaussian();
            }
            check(v, "trial " + trial);
        }
    }

    @Test
    void sortedReversedAndConstantInputs() {
        int n = 100_001;
        float[] up = new float[n];
        float[] down = new float[n];
        float[] constant = new float[n];
        for (int i = 0; i < n; i++) {
            up[i] = i;
            down[i] = n - i;
            constant[i] = -0.03f;
        }
        check(up, "ascending");
        check(down, "descending");
        check(constant, "constant");
        check(Arrays.copyOf(up, n - 1), "ascending, even n");
        assertTrue(
                Double.isNaN(SampleStatistics.medianInPlace(new float[] {Float.NaN, Float.NEGATIVE_INFINITY}, 0, 2)));
        assertEquals(2.5, SampleStatistics.medianInPlace(new float[] {9, 4, 1, 2, 3, 0}, 1, 5), 0, "a sub-range");
    }
}
