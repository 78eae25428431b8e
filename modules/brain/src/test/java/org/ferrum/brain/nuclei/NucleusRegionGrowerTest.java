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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.RegionGrower;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/** The viewer's grower: found through Lookup, a click and a flat box drawn on one slice grow the phantom's nuclei. */
class NucleusRegionGrowerTest {

    @Test
    void foundThroughLookupAndGrowsFromAClickAndAFlatBox() {
        RegionGrower grower = Lookup.getDefault().lookupAll(RegionGrower.class).stream()
                .filter(g -> g instanceof NucleusRegionGrower)
                .findFirst()
                .orElseThrow();
        assertTrue(grower.structures().contains("substantia nigra"));
        NucleusPhantom ph = new NucleusPhantom(2);
        Volume<?> any = ph.phantom.chi();
        var chi = VolumeArrays.volume(ph.chi(0, 0.01, 2), ph.grid, any.geometry(), PhysicalUnit.PPM);

        RegionGrower.Grown click = grower.grow(
                chi,
                null,
                "dentate nucleus",
                Hemisphere.RIGHT,
                new double[] {-15, 42, -17},
                new double[] {-15, 42, -17},
                Cancellation.NEVER);
        assertEquals("Right-Dentate-Nucleus", click.entry().name());
        assertTrue(dice(click.voxels(), ph.truth(Nucleus.DENTATE_NUCLEUS, Hemisphere.RIGHT)) >= 0.9);

        // an axial box around the left dentate on the slice z = −17 (flat along z): widened through the slice
        RegionGrower.Grown box = grower.grow(
                chi,
                null,
                "dentate",
                Hemisphere.LEFT,
                new double[] {6, 34, -17},
                new double[] {22, 54, -17},
                Cancellation.NEVER);
        assertTrue(dice(box.voxels(), ph.truth(Nucleus.DENTATE_NUCLEUS, Hemisphere.LEFT)) >= 0.9, box.summary());

        // locked voxels (the user's own drawing over the lateral half of the right dentate) are left alone
        boolean[] locked = ph.truth(Nucleus.DENTATE_NUCLEUS, Hemisphere.RIGHT);
        double[] aff = any.geometry().affine();
        for (int n = 0; n < locked.length; n++) {
            locked[n] &= aff[0] * (n % ph.grid.nx()) + aff[3] < -15;
        }
        RegionGrower.Grown again = grower.grow(
                chi,
                locked,
                "dn",
                Hemisphere.RIGHT,
                new double[] {-12, 42, -17},
                new double[] {-12, 42, -17},
                Cancellation.NEVER);
        int grown = 0;
        for (int n = 0; n < locked.length; n++) {
            assertTrue(!(locked[n] && again.voxels()[n]), "a locked voxel was taken");
            grown += again.voxels()[n] ? 1 : 0;
        }
        assertTrue(grown > 20, "grew " + grown);

        var wrongUnit = VolumeArrays.volume(ph.chi(0, 0.01, 2), ph.grid, any.geometry(), PhysicalUnit.PER_SECOND);
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> grower.grow(
                                wrongUnit,
                                null,
                                "sn",
                                Hemisphere.LEFT,
                                new double[3],
                                new double[3],
                                Cancellation.NEVER))
                .getMessage();
        assertTrue(m.contains("ppm or ppb"), m);
    }

    static double dice(boolean[] a, boolean[] b) {
        int na = 0, nb = 0, both = 0;
        for (int n = 0; n < a.length; n++) {
            na += a[n] ? 1 : 0;
            nb += b[n] ? 1 : 0;
            both += a[n] && b[n] ? 1 : 0;
        }
        return 2.0 * both / (na + nb);
    }
}
