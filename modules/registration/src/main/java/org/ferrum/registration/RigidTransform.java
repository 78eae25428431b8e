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

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A rigid transform y = R (x − c) + c + t (fixed → moving, mm LPS) with R a rotation about the centre c, parameterised
 * as ITK does, so that its six parameters and three (or four) fixed parameters are those ITK, ANTs and 3D Slicer write:
 *
 * <ul>
 *   <li>{@link Rotation#EULER_ZXY} ({@code Euler3DTransform}, the default): angles (θx, θy, θz) in radians,
 *       R = R<sub>z</sub>(θz) R<sub>x</sub>(θx) R<sub>y</sub>(θy) — R<sub>y</sub> applied first;
 *   <li>{@link Rotation#EULER_ZYX} ({@code Euler3DTransform} with its "compute ZYX" flag, fixed parameter 4 = 1):
 *       R = R<sub>z</sub> R<sub>y</sub> R<sub>x</sub>;
 *   <li>{@link Rotation#VERSOR} ({@code VersorRigid3DTransform}): the vector part (v<sub>x</sub>, v<sub>y</sub>,
 *       v<sub>z</sub>) of a unit quaternion, w = √(1 − |v|²) ≥ 0, i.e. a rotation by 2 asin|v| about v.
 * </ul>
 *
 * <p>Each elementary rotation is right-handed about its axis: R<sub>x</sub>(θ) = [1 0 0; 0 cos −sin; 0 sin cos],
 * and so on. Contract: immutable; the inverse is exact (an affine map with R<sup>T</sup>).
 */
public final class RigidTransform implements SpatialTransform {

    /** How the three rotation parameters are read. */
    public enum Rotation {
        EULER_ZXY,
        EULER_ZYX,
        VERSOR
    }

    private final Rotation kind;
    private final double[] rotation;
    private final double[] translation;
    private final double[] centre;
    private final AffineTransform affine;

    private RigidTransform(Rotation kind, double[] rotation, double[] translation, double[] centre) {
        this.kind = kind;
        this.rotation = Arrays.copyOf(rotation, 3);
        this.translation = Arrays.copyOf(translation, 3);
        this.centre = Arrays.copyOf(centre, 3);
        if (kind == Rotation.VERSOR) {
            double n2 = rotation[0] * rotation[0] + rotation[1] * rotation[1] + rotation[2] * rotation[2];
            if (!(n2 <= 1 + 1e-12)) {
                throw new IllegalArgumentException(
                        "a versor's vector part has norm ≤ 1, got " + Math.sqrt(n2) + " " + Arrays.toString(rotation));
            }
        }
        this.affine =
                AffineTransform.centred(rotationMatrix(kind, this.rotation), this.translation, this.centre, "rigid");
    }

    /** Euler angles (radians) in ITK's default order R = Rz Rx Ry, translation t (mm), centre c (mm LPS). */
    public static RigidTransform euler(double[] angles, double[] translation, double[] centre) {
        return new RigidTransform(Rotation.EULER_ZXY, angles, translation, centre);
    }

    /** A rigid transform with the given rotation parameterisation (see the class comment). */
    public static RigidTransform of(Rotation kind, double[] rotation, double[] translation, double[] centre) {
        return new RigidTransform(kind, rotation, translation, centre);
    }

    /** The rotation matrix (row-major 3×3) of three rotation parameters read as {@code kind}. */
    public static double[] rotationMatrix(Rotation kind, double[] p) {
        if (kind == Rotation.VERSOR) {
            double x = p[0], y = p[1], z = p[2];
            double w = Math.sqrt(Math.max(0, 1 - x * x - y * y - z * z));
            return new double[] {
                1 - 2 * (y * y + z * z),
                2 * (x * y - w * z),
                2 * (x * z + w * y),
                2 * (x * y + w * z),
                1 - 2 * (x * x + z * z),
                2 * (y * z - w * x),
                2 * (x * z - w * y),
                2 * (y * z + w * x),
                1 - 2 * (x * x + y * y)
            };
        }
        double[] rx = axisRotation(0, p[0]), ry = axisRotation(1, p[1]), rz = axisRotation(2, p[2]);
        return kind == Rotation.EULER_ZXY ? multiply(rz, multiply(rx, ry)) : multiply(rz, multiply(ry, rx));
    }

    /** The right-handed rotation by {@code angle} radians about index axis {@code axis} (0 x, 1 y, 2 z). */
    static double[] axisRotation(int axis, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle);
        return switch (axis) {
            case 0 -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 1 -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            default -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
        };
    }

    /** d/dangle of {@link #axisRotation}. */
    static double[] axisRotationDerivative(int axis, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle);
        return switch (axis) {
            case 0 -> new double[] {0, 0, 0, 0, -s, -c, 0, c, -s};
            case 1 -> new double[] {-s, 0, c, 0, 0, 0, -c, 0, -s};
            default -> new double[] {-s, -c, 0, c, -s, 0, 0, 0, 0};
        };
    }

    static double[] multiply(double[] p, double[] q) {
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[3 * r + c] = p[3 * r] * q[c] + p[3 * r + 1] * q[3 + c] + p[3 * r + 2] * q[6 + c];
            }
        }
        return m;
    }

    public Rotation kind() {
        return kind;
    }

    /** The three rotation parameters (radians for Euler angles, the versor's vector part otherwise). */
    public double[] rotation() {
        return rotation.clone();
    }

    /** t (mm). */
    public double[] translation() {
        return translation.clone();
    }

    /** c (mm LPS). */
    public double[] centre() {
        return centre.clone();
    }

    /** The same map as an affine transform (written about the same centre). */
    public AffineTransform affine() {
        return affine;
    }

    @Override
    public void apply(double[] fixed, double[] moving) {
        affine.apply(fixed, moving);
    }

    @Override
    public Optional<SpatialTransform> inverse() {
        return affine.inverse();
    }

    @Override
    public String describe() {
        double[] t = translation;
        if (kind == Rotation.VERSOR) {
            double angle = 2
                    * Math.asin(Math.min(
                            1,
                            Math.sqrt(rotation[0] * rotation[0]
                                    + rotation[1] * rotation[1]
                                    + rotation[2] * rotation[2])));
            return String.format(
                    Locale.ROOT,
                    "rigid (6 parameters; versor rotation %.3f° about (%.4g, %.4g, %.4g), translation (%.4g, %.4g, %.4g) mm)",
                    Math.toDegrees(angle),
                    rotation[0],
                    rotation[1],
                    rotation[2],
                    t[0],
                    t[1],
                    t[2]);
        }
        return String.format(
                Locale.ROOT,
                "rigid (6 parameters; Euler %s angles (%.3f°, %.3f°, %.3f°), translation (%.4g, %.4g, %.4g) mm)",
                kind == Rotation.EULER_ZXY ? "ZXY" : "ZYX",
                Math.toDegrees(rotation[0]),
                Math.toDegrees(rotation[1]),
                Math.toDegrees(rotation[2]),
                t[0],
                t[1],
                t[2]);
    }

    @Override
    public String toString() {
        return describe();
    }
}
