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
package org.ferrum.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeometryTest {

    private static final double EPS = 1e-12;

    /** Row-major 3×4 affine R·diag(s) with origin o, R a rotation by {@code angle} about the LPS x axis. */
    private static Geometry rotatedAboutX(double angle, double[] s, double[] o) {
        double c = Math.cos(angle), n = Math.sin(angle);
        return Geometry.ofAffine(s[0], 0, 0, o[0], 0, c * s[1], -n * s[2], o[1], 0, n * s[1], c * s[2], o[2]);
    }

    @Test
    void patientToVoxelInvertsVoxelToPatient() {
        Geometry g = Geometry.ofAffine(0.9, 0.1, -0.2, 12.5, -0.15, 1.1, 0.3, -40, 0.05, -0.25, 2.2, 7.75);
        for (double[] ijk : new double[][] {{0, 0, 0}, {10, 20, 30}, {-3.5, 7.25, 100}}) {
            double[] p = g.toPatient(ijk[0], ijk[1], ijk[2]);
            assertArrayEquals(ijk, g.toVoxel(p[0], p[1], p[2]), 1e-9);
        }
    }

    @Test
    void originIsPatientPositionOfFirstVoxel() {
        Geometry g = Geometry.ofAffine(2, 0, 0, -100, 0, 3, 0, 50, 0, 0, 4, 25);
        assertArrayEquals(new double[] {-100, 50, 25}, g.origin(), EPS);
        assertArrayEquals(new double[] {-98, 56, 37}, g.toPatient(1, 2, 3), EPS);
    }

    @Test
    void rasAffineIsLpsWithFirstTwoRowsNegated() {
        double[] ras = {2, 0, 0, 10, 0, 2, 0, 20, 0, 0, 2.5, 30, 0, 0, 0, 1};
        Geometry g = Geometry.fromRas(ras);
        // LPS = diag(−1, −1, 1) · RAS (DICOM PS3.3 C.7.6.2.1.1 vs NIfTI-1 qform/sform)
        assertArrayEquals(new double[] {-10, -20, 30}, g.origin(), EPS);
        assertArrayEquals(new double[] {-(2 + 10), -(2 * 3 + 20), 2.5 * 4 + 30}, g.toPatient(1, 3, 4), EPS);
        assertArrayEquals(new double[] {-2 + -10, -20, 30}, g.toPatient(1, 0, 0), EPS);
        assertArrayEquals(ras, g.rasAffine(), EPS);
        assertEquals("RAS", g.orientationCode());
    }

    @Test
    void voxelSizesAreColumnNormsEvenWhenRotated() {
        Geometry g = rotatedAboutX(Math.toRadians(25), new double[] {0.5, 0.75, 2.0}, new double[] {1, 2, 3});
        assertArrayEquals(new double[] {0.5, 0.75, 2.0}, g.voxelSize(), EPS);
        assertArrayEquals(
                new double[] {1.5, 2.5, 3.5},
                Geometry.axisAligned(1.5, 2.5, 3.5).voxelSize(),
                EPS);
    }

    @Test
    void orientationCodeNamesNearestAnatomicalDirection() {
        assertEquals("LPS", Geometry.identity().orientationCode());
        assertEquals("LPS", Geometry.axisAligned(1, 1, 2).orientationCode());
        assertEquals("RAS", Geometry.fromRas(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0).orientationCode());
        // A coronal-like LIP grid: i → L, j → −S (inferior), k → P.
        assertEquals(
                "LIP", Geometry.ofAffine(1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0).orientationCode());
        // 60° about z: i → (cos 60°, sin 60°, 0) is nearest P; j → (−sin 60°, cos 60°, 0) is nearest R.
        double c = Math.cos(Math.toRadians(60)), s = Math.sin(Math.toRadians(60));
        Geometry oblique = Geometry.ofAffine(c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0);
        assertEquals("PRS", oblique.orientationCode());
        assertEquals(Math.toRadians(30), oblique.obliquity(), 1e-12);
        assertEquals(0, Geometry.axisAligned(1, 2, 3).obliquity(), EPS);
    }

    @Test
    void directionInVoxelAxesOfObliqueGridMatchesHandComputation() {
        // Index axes: e0 = (1, 0, 0), e1 = (0, cos θ, sin θ), e2 = (0, −sin θ, cos θ). B0 = ẑ has components
        // (ẑ·e0, ẑ·e1, ẑ·e2) = (0, sin θ, cos θ) in that orthonormal frame, whatever the voxel sizes.
        double theta = Math.toRadians(30);
        Geometry g = rotatedAboutX(theta, new double[] {0.6, 0.6, 2.0}, new double[] {-5, 3, 11});
        assertArrayEquals(
                new double[] {0, 0.5, Math.sqrt(3) / 2}, g.directionInVoxelAxes(new double[] {0, 0, 1}), 1e-12);
        // length does not matter, sign does
        assertArrayEquals(
                new double[] {0, -0.5, -Math.sqrt(3) / 2}, g.directionInVoxelAxes(new double[] {0, 0, -7}), 1e-12);
        assertArrayEquals(
                new double[] {0, 0, 1},
                Geometry.axisAligned(1, 1, 3).directionInVoxelAxes(new double[] {0, 0, 1}),
                EPS);
        assertThrows(IllegalArgumentException.class, () -> g.directionInVoxelAxes(new double[] {0, 0, 0}));
    }

    @Test
    void singularOrMalformedAffinesAreRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Geometry.ofAffine(1, 2, 0, 0, 2, 4, 0, 0, 0, 0, 1, 0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Geometry.axisAligned(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Geometry.ofAffine(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> Geometry.ofAffine(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1));
        assertThrows(
                IllegalArgumentException.class, () -> Geometry.ofAffine(1, 0, 0, Double.NaN, 0, 1, 0, 0, 0, 0, 1, 0));
    }

    @Test
    void translatedByMovesOriginToTheOffsetVoxel() {
        Geometry g = rotatedAboutX(Math.toRadians(10), new double[] {1, 2, 3}, new double[] {4, 5, 6});
        Geometry shifted = g.translatedBy(-2, 3, -4);
        assertArrayEquals(g.toPatient(-2, 3, -4), shifted.origin(), 1e-12);
        assertArrayEquals(g.toPatient(5, 6, 7), shifted.toPatient(7, 3, 11), 1e-12);
        assertArrayEquals(g.voxelSize(), shifted.voxelSize(), 1e-12);
    }

    @Test
    void equalityIsByAffine() {
        assertEquals(Geometry.axisAligned(1, 1, 1), Geometry.identity());
        assertEquals(
                Geometry.axisAligned(1, 1, 1).hashCode(), Geometry.identity().hashCode());
        assertTrue(Geometry.identity()
                .approximatelyEquals(Geometry.ofAffine(1, 0, 0, 1e-4, 0, 1, 0, 0, 0, 0, 1, 0), 1e-3));
    }
}
