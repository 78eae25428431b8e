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
package org.ferrum.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Affine, rigid and composite transforms against hand-computed mappings and their exact inverses. */
class TransformsTest {

    private static double[] map(SpatialTransform t, double... p) {
        double[] out = new double[3];
        t.apply(p, out);
        return out;
    }

    @Test
    void eulerRotationAboutACentreMapsAsRightHandedRotations() {
        // 90° about z around (10, 20, 30): the point 1 mm along +x from the centre goes 1 mm along +y
        RigidTransform rz =
                RigidTransform.euler(new double[] {0, 0, Math.PI / 2}, new double[3], new double[] {10, 20, 30});
        assertArrayEquals(new double[] {10, 21, 30}, map(rz, 11, 20, 30), 1e-12);
        // 90° about x: +y → +z; 90° about y: +z → +x
        RigidTransform rx =
                RigidTransform.euler(new double[] {Math.PI / 2, 0, 0}, new double[] {1, 2, 3}, new double[3]);
        assertArrayEquals(new double[] {1, 2, 4}, map(rx, 0, 1, 0), 1e-12);
        RigidTransform ry = RigidTransform.euler(new double[] {0, Math.PI / 2, 0}, new double[3], new double[3]);
        assertArrayEquals(new double[] {1, 0, 0}, map(ry, 0, 0, 1), 1e-12);
    }

    @Test
    void eulerOrdersDifferAsItkDefines() {
        // ZXY (default): R = Rz Rx Ry, so Ry acts first; ZYX: R = Rz Ry Rx
        double[] angles = {Math.PI / 2, Math.PI / 2, 0};
        RigidTransform zxy = RigidTransform.of(RigidTransform.Rotation.EULER_ZXY, angles, new double[3], new double[3]);
        RigidTransform zyx = RigidTransform.of(RigidTransform.Rotation.EULER_ZYX, angles, new double[3], new double[3]);
        // e_z: ZXY: Ry(90°) e_z = e_x, then Rx(90°) e_x = e_x → (1, 0, 0); ZYX: Rx e_z = −e_y, Ry(−e_y) = −e_y
        assertArrayEquals(new double[] {1, 0, 0}, map(zxy, 0, 0, 1), 1e-12);
        assertArrayEquals(new double[] {0, -1, 0}, map(zyx, 0, 0, 1), 1e-12);
    }

    @Test
    void versorIsTheQuaternionsRotation() {
        double s = Math.sin(Math.PI / 4);
        RigidTransform v = RigidTransform.of(
                RigidTransform.Rotation.VERSOR, new double[] {0, 0, s}, new double[] {1, 2, 3}, new double[3]);
        assertArrayEquals(new double[] {1, 3, 3}, map(v, 1, 0, 0), 1e-12);
    }

    @Test
    void affineInverseIsExactAndCentreDoesNotChangeTheMap() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] m = new double[9];
            for (int i = 0; i < 9; i++) {
                m[i] = (i % 4 == 0 ? 1 : 0) + 0.3 * random.nextGaussian();
            }
            double[] t = {random.nextGaussian() * 20, random.nextGaussian() * 20, random.nextGaussian() * 20};
            double[] c = {random.nextGaussian() * 50, random.nextGaussian() * 50, random.nextGaussian() * 50};
            AffineTransform a = AffineTransform.centred(m, t, c);
            SpatialTransform inverse = a.inverse().orElseThrow();
            double[] p = {random.nextGaussian() * 80, random.nextGaussian() * 80, random.nextGaussian() * 80};
            assertArrayEquals(p, map(inverse, map(a, p)), 1e-9);
            // y = A (x − c) + c + t by hand
            double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
            double[] expected = new double[3];
            for (int r = 0; r < 3; r++) {
                expected[r] = m[3 * r] * d[0] + m[3 * r + 1] * d[1] + m[3 * r + 2] * d[2] + c[r] + t[r];
            }
            assertArrayEquals(expected, map(a, p), 1e-9);
            assertArrayEquals(map(a, p), map(a.withCentre(new double[] {1, 2, 3}), p), 1e-9);
        }
        assertTrue(
                AffineTransform.ofMatrix(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0)
                        .inverse()
                        .isEmpty(),
                "singular");
    }

    @Test
    void compositeAppliesTheLastAddedFirstAndInvertsInReverse() {
        SpatialTransform shift = AffineTransform.translation(10, 0, 0);
        SpatialTransform turn = RigidTransform.euler(new double[] {0, 0, Math.PI / 2}, new double[3], new double[3]);
        CompositeTransform c = CompositeTransform.ofQueue(shift, turn); // T0 = shift, T1 = turn: x ↦ shift(turn(x))
        assertArrayEquals(new double[] {10, 1, 0}, map(c, 1, 0, 0), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, map(c.inverse().orElseThrow(), 10, 1, 0), 1e-12);
        assertArrayEquals(map(c, 3, -4, 5), map(c.affine().orElseThrow(), 3, -4, 5), 1e-12);
        SpatialTransform folding = new SpatialTransform() {
            @Override
            public void apply(double[] fixed, double[] moving) {
                System.arraycopy(fixed, 0, moving, 0, 3);
            }

            @Override
            public Optional<SpatialTransform> inverse() {
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "field";
            }
        };
        assertTrue(c.add(folding).inverse().isEmpty(), "a part without inverse leaves the composite without one");
        assertTrue(c.add(folding).affine().isEmpty());
    }
}
