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

import org.junit.jupiter.api.Test;

class BlandAltmanTest {

    @Test
    void aTinyExampleComputedByHand() {
        // a − b = 1, 2, 3, 6 (and one pair with a NaN, left out)
        // bias = 12/4 = 3; squares about 3: 4 + 1 + 0 + 9 = 14; SD = √(14/3) = 2.1602469
        // limits 3 ± 1.96 · 2.1602469 = 3 ± 4.2341 → [−1.2341, 7.2341]; median of 1 2 3 6 = 2.5
        float[] a = {5, 6, 10, 16, Float.NaN};
        float[] b = {4, 4, 7, 10, 3};
        BlandAltman ba = BlandAltman.of(a, b);
        assertEquals(4, ba.n());
        assertEquals(1, ba.nNaN());
        assertEquals(3.0, ba.bias(), 1e-12);
        assertEquals(Math.sqrt(14.0 / 3), ba.sd(), 1e-12);
        assertEquals(3 - 1.96 * Math.sqrt(14.0 / 3), ba.lowerLimit(), 1e-12);
        assertEquals(7.23408, ba.upperLimit(), 1e-5);
        assertEquals(2.5, ba.medianDifference(), 0);
    }

    @Test
    void onePairHasNoSpread() {
        BlandAltman ba = BlandAltman.of(new float[] {2}, new float[] {1});
        assertEquals(1.0, ba.bias(), 0);
        assertTrue(Double.isNaN(ba.sd()) && Double.isNaN(ba.upperLimit()));
    }
}
