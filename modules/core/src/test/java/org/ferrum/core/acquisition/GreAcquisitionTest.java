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
package org.ferrum.core.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ferrum.core.Geometry;
import org.junit.jupiter.api.Test;

class GreAcquisitionTest {

    private static final EchoTimes TE = EchoTimes.ofMilliseconds(4, 8, 12);

    @Test
    void b0DirectionIsNormalised() {
        assertArrayEquals(
                new double[] {0, 0, 1}, new GreAcquisition(TE, 3, new double[] {0, 0, 2.5}).b0DirectionLps(), 0);
        double h = 1 / Math.sqrt(2);
        assertArrayEquals(
                new double[] {h, 0, -h}, new GreAcquisition(TE, 3, new double[] {3, 0, -3}).b0DirectionLps(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1}, new GreAcquisition(TE, 3, null).b0DirectionLps(), 0);
        assertArrayEquals(new double[] {0, 0, 1}, new GreAcquisition(TE, 7).b0DirectionLps(), 0);
        assertEquals(new GreAcquisition(TE, 3), new GreAcquisition(TE, 3, new double[] {0, 0, 4}));
        assertEquals(
                new GreAcquisition(TE, 3).hashCode(), new GreAcquisition(TE, 3, new double[] {0, 0, 4}).hashCode());
    }

    @Test
    void directionArrayCannotBeChangedFromOutside() {
        double[] b = {0, 0, 1};
        GreAcquisition acq = new GreAcquisition(TE, 3, b);
        b[0] = 1;
        acq.b0DirectionLps()[1] = 1;
        assertArrayEquals(new double[] {0, 0, 1}, acq.b0DirectionLps(), 0);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GreAcquisition(TE, 0));
        assertThrows(IllegalArgumentException.class, () -> new GreAcquisition(TE, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GreAcquisition(TE, 3000)); // mT mistaken for T
        assertThrows(IllegalArgumentException.class, () -> new GreAcquisition(TE, 3, new double[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new GreAcquisition(TE, 3, new double[] {0, 1}));
        assertThrows(NullPointerException.class, () -> new GreAcquisition(null, 3));
    }

    @Test
    void b0InVoxelAxesOfATiltedGrid() {
        // slices tilted by 20° about the L–R axis: B0 = ẑ has components (0, sin 20°, cos 20°) along the index axes
        double t = Math.toRadians(20);
        Geometry g = Geometry.ofAffine(1, 0, 0, 0, 0, Math.cos(t), -Math.sin(t), 0, 0, Math.sin(t), Math.cos(t), 0);
        assertArrayEquals(
                new double[] {0, Math.sin(t), Math.cos(t)}, new GreAcquisition(TE, 3).b0DirectionInVoxelAxes(g), 1e-12);
    }
}
