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
package org.ferrum.brain.phantom;

import java.util.Locale;

/**
 * A rigid motion of the head in scanner (patient) coordinates, DICOM LPS, mm: p′ = R·p + t, with R a rotation about
 * the patient origin (the phantom head's centre) and t a translation.
 *
 * <p>Contract: {@link #apply} maps a point of the head at rest (the anatomy's own coordinates) to where it lies in the
 * scanner after the motion; {@link #applyInverse} undoes it exactly (Rᵀ·(p′ − t)). {@link #ofAngles} builds
 * R = R<sub>S</sub>(γ)·R<sub>P</sub>(β)·R<sub>L</sub>(α) (right-handed rotations about the L, P and S axes, applied L
 * first), the usual roll/pitch/yaw reading of head motion (α about L–R is a nod). {@link #then} composes.
 *
 * @param rotation    R, row-major 3×3, orthonormal with determinant +1
 * @param translation t in mm (L, P, S)
 */
public record RigidMotion(double[] rotation, double[] translation) {

    /** No motion. */
    public static final RigidMotion IDENTITY = ofAngles(0, 0, 0, 0, 0, 0);

    public RigidMotion {
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("a rigid motion needs a 3×3 rotation and a 3-vector translation");
        }
        rotation = rotation.clone();
        translation = translation.clone();
    }

    /**
     * R = R<sub>S</sub>(γ)·R<sub>P</sub>(β)·R<sub>L</sub>(α), then the translation (tL, tP, tS) mm.
     *
     * @param aboutL α in degrees, right-handed about +L (x)
     * @param aboutP β in degrees, right-handed about +P (y)
     * @param aboutS γ in degrees, right-handed about +S (z)
     */
    public static RigidMotion ofAngles(
            double aboutL, double aboutP, double aboutS, double shiftL, double shiftP, double shiftS) {
        double a = Math.toRadians(aboutL), b = Math.toRadians(aboutP), g = Math.toRadians(aboutS);
        double[] rx = {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rz = {Math.cos(g), -Math.sin(g), 0, Math.sin(g), Math.cos(g), 0, 0, 0, 1};
        return new RigidMotion(multiply(rz, multiply(ry, rx)), new double[] {shiftL, shiftP, shiftS});
    }

    /** p′ = R·p + t. */
    public double[] apply(double x, double y, double z) {
        double[] r = rotation, t = translation;
        return new double[] {
            r[0] * x + r[1] * y + r[2] * z + t[0],
            r[3] * x + r[4] * y + r[5] * z + t[1],
            r[6] * x + r[7] * y + r[8] * z + t[2]
        };
    }

    /** p = Rᵀ·(p′ − t), the point of the head at rest now at p′. */
    public double[] applyInverse(double x, double y, double z) {
        double[] r = rotation;
        double u = x - translation[0], v = y - translation[1], w = z - translation[2];
        return new double[] {
            r[0] * u + r[3] * v + r[6] * w, r[1] * u + r[4] * v + r[7] * w, r[2] * u + r[5] * v + r[8] * w
        };
    }

    /** The motion {@code after} ∘ this: first this one, then {@code after}. */
    public RigidMotion then(RigidMotion after) {
        double[] r = multiply(after.rotation, rotation);
        double[] t = after.apply(translation[0], translation[1], translation[2]);
        return new RigidMotion(r, t);
    }

    /** The inverse motion. */
    public RigidMotion inverse() {
        double[] r = rotation;
        double[] rt = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
        RigidMotion inv = new RigidMotion(rt, new double[3]);
        double[] t = inv.apply(translation[0], translation[1], translation[2]);
        return new RigidMotion(rt, new double[] {-t[0], -t[1], -t[2]});
    }

    /** The rotation angle |θ| in degrees (from the trace: cos θ = (tr R − 1)/2). */
    public double angleDegrees() {
        double c = (rotation[0] + rotation[4] + rotation[8] - 1) / 2;
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** |t| in mm. */
    public double shiftMm() {
        return Math.sqrt(
                translation[0] * translation[0] + translation[1] * translation[1] + translation[2] * translation[2]);
    }

    /** The 4×4 homogeneous matrix, row-major (last row 0 0 0 1). */
    public double[] matrix4() {
        double[] r = rotation, t = translation;
        return new double[] {r[0], r[1], r[2], t[0], r[3], r[4], r[5], t[1], r[6], r[7], r[8], t[2], 0, 0, 0, 1};
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "rigid motion %.2f° and (%.2f, %.2f, %.2f) mm LPS",
                angleDegrees(),
                translation[0],
                translation[1],
                translation[2]);
    }
}
