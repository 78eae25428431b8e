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
package org.ferrum.brain.nuclei;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrum.core.labels.Hemisphere;
import org.junit.jupiter.api.Test;

class NucleusSeedTest {

    @Test
    void clicksAndBoxesAreRead() {
        List<NucleusSeed> s = NucleusSeed.parseAll(
                "substantia nigra left=12.5,-18,-13; RN r = -5,20,-8 ;dentate LEFT=8,36,-24:20,52,-12;");
        assertEquals(3, s.size());
        assertEquals(Nucleus.SUBSTANTIA_NIGRA, s.get(0).nucleus());
        assertEquals(Hemisphere.LEFT, s.get(0).side());
        assertArrayEquals(new double[] {12.5, -18, -13}, s.get(0).point());
        assertEquals(Nucleus.RED_NUCLEUS, s.get(1).nucleus());
        assertEquals(Hemisphere.RIGHT, s.get(1).side());
        assertEquals(NucleusSeed.Kind.BOX, s.get(2).kind());
        assertArrayEquals(new double[] {20, 52, -12}, s.get(2).corner());
        assertTrue(NucleusSeed.parseAll("  ").isEmpty());
    }

    @Test
    void aBadEntryIsNamedWithWhatIsWrong() {
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> NucleusSeed.parseAll("sn left=1,2,3; red nucleus rigth=1,2,3"))
                .getMessage();
        assertTrue(m.startsWith("entry 2 'red nucleus rigth=1,2,3'"), m);
        assertTrue(m.contains("rigth"), m);
        m = assertThrows(IllegalArgumentException.class, () -> NucleusSeed.parseAll("putamen left=1,2,3"))
                .getMessage();
        assertTrue(m.contains("'putamen' is not a nucleus"), m);
        m = assertThrows(IllegalArgumentException.class, () -> NucleusSeed.parseAll("sn left=1,2"))
                .getMessage();
        assertTrue(m.contains("not three coordinates"), m);
        m = assertThrows(IllegalArgumentException.class, () -> NucleusSeed.parseAll("sn both=1,2,3"))
                .getMessage();
        assertTrue(m.contains("left or right"), m);
    }

    @Test
    void nucleusPriorsAndLabelsAreConsistent() {
        for (Nucleus n : Nucleus.values()) {
            assertEquals(n, Nucleus.parse(n.structure()));
            assertEquals(n.structure(), n.entry(Hemisphere.LEFT).structure());
            assertEquals(Hemisphere.RIGHT, n.entry(Hemisphere.RIGHT).hemisphere());
            assertEquals(n.value(Hemisphere.LEFT) + 1, n.value(Hemisphere.RIGHT));
            assertTrue(n.maxVolumeMl() > n.typicalMaxMl() && n.typicalMaxMl() > n.typicalMinMl());
        }
        // a sphere of 0.4 ml has a radius of 4.57 mm
        assertEquals(4.571, Nucleus.SUBSTANTIA_NIGRA.typicalRadiusMm(), 1e-3);
    }
}
