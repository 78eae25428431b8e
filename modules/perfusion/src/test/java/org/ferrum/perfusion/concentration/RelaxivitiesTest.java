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
package org.ferrum.perfusion.concentration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.perfusion.concentration.Relaxivity.Medium;
import org.junit.jupiter.api.Test;

class RelaxivitiesTest {

    @Test
    void publishedValues() {
        // Shen 2015 abstract (human whole blood): gadobutrol 4.6 / 4.5 / 4.2 at 1.5 / 3 / 7 T
        assertEquals(
                4.6,
                Relaxivities.lookup(ContrastAgent.GADOBUTROL, Medium.BLOOD, 1.5)
                        .relaxivity()
                        .r1());
        assertEquals(
                4.2,
                Relaxivities.lookup(ContrastAgent.GADOBUTROL, Medium.BLOOD, 7)
                        .relaxivity()
                        .r1());
        assertEquals(
                5.4,
                Relaxivities.lookup(ContrastAgent.GADOBENATE, Medium.BLOOD, 3)
                        .relaxivity()
                        .r1());
        // Szomolanyi 2019 abstract (human plasma): gadoteridol 3.28 at 3 T
        assertEquals(
                3.28,
                Relaxivities.lookup(ContrastAgent.GADOTERIDOL, Medium.PLASMA, 3, Relaxivities.SZOMOLANYI_2019)
                        .relaxivity()
                        .r1());
        var rohrer = Relaxivities.lookup(ContrastAgent.GADOTERATE, Medium.PLASMA, 2.89);
        assertTrue(rohrer.exact() == false && rohrer.relaxivity().source().contains("interpolated"));
        assertTrue(Relaxivities.lookup(ContrastAgent.GADOTERATE, Medium.PLASMA, 3.0)
                .exact());
        assertEquals(
                Relaxivities.ROHRER_2005,
                Relaxivities.lookup(ContrastAgent.GADOTERATE, Medium.PLASMA, 1.5)
                        .relaxivity()
                        .source());
    }

    @Test
    void everyAgentHasPlasmaAndBlood() {
        for (ContrastAgent a : ContrastAgent.values()) {
            for (Medium m : Medium.values()) {
                for (double b0 : new double[] {1.5, 3.0}) {
                    var c = Relaxivities.lookup(a, m, b0);
                    assertTrue(c.exact(), a + " " + m + " " + b0);
                    assertTrue(c.relaxivity().r1() > 2 && c.relaxivity().r1() < 7);
                }
            }
        }
    }

    @Test
    void interpolatesAndExtrapolatesWithANote() {
        var mid = Relaxivities.lookup(ContrastAgent.GADOBENATE, Medium.PLASMA, 2.25);
        assertEquals((6.3 + 5.5) / 2, mid.relaxivity().r1(), 1e-12);
        assertFalse(mid.exact());
        var far = Relaxivities.lookup(ContrastAgent.GADOBENATE, Medium.PLASMA, 7.0);
        assertEquals(5.5, far.relaxivity().r1());
        assertTrue(far.note().contains("nearest published field"), far.note());
    }
}
