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
 * An affine map y = A x + b between two patient spaces (mm LPS, fixed → moving; see {@link SpatialTransform}), with a
 * centre c that only matters for how the map is written down: ITK stores an affine as a matrix A, a translation t and
 * a centre c with y = A (x − c) + c + t, so b = t + c − A c (ITK's "offset").
 *
 * <p>Contract: immutable; {@link #inverse()} is exact (the inverse matrix, computed once) and empty only for a
 * singular A (|det A| below 1e-12 of the matrix scale cubed). Two transforms with the same A and b are the same map
 * whatever their centres.
 */
public final class AffineTransform implements SpatialTransform {

    private static final AffineTransform IDENTITY =
            new AffineTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3], new double[3], "identity");

    private final double[] a; // row-major 3×3
    private final double[] b; // offset
    private final double[] centre;
    private final String description;

    private AffineTransform(double[] a, double[] b, double[] centre, String description) {
        for (double v : a) {
            requireFinite(v, "matrix");
        }
        for (int d = 0; d < 3; d++) {
            requireFinite(b[d], "offset");
            requireFinite(centre[d], "centre");
        }
        this.a = a;
        this.b = b;
        this.centre = centre;
        this.description = description;
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("affine transform: non-finite " + what + " entry " + v);
        }
    }

    /** The identity map. */
    public static AffineTransform identity() {
        return IDENTITY;
    }

    /** A pure translation y = x + t (mm). */
    public static AffineTransform translation(double tx, double ty, double tz) {
        return new AffineTransform(
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {tx, ty, tz}, new double[3], "translation");
    }

    /**
     * The map y = A x + b from a row-major 3×4 matrix [A | b] (12 values) or a row-major 4×4 homogeneous matrix (16
     * values, last row 0 0 0 1).
     */
    public static AffineTransform ofMatrix(double... rowMajor) {
        if (rowMajor.length != 12 && rowMajor.length != 16) {
            throw new IllegalArgumentException("an affine matrix has 12 or 16 values, got " + rowMajor.length);
        }
        if (rowMajor.length == 16
                && (rowMajor[12] != 0 || rowMajor[13] != 0 || rowMajor[14] != 0 || rowMajor[15] != 1)) {
            throw new IllegalArgumentException(
                    "an affine 4×4 matrix ends with the row 0 0 0 1, got " + Arrays.toString(rowMajor));
        }
        double[] m = new double[9];
        double[] o = new double[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[3 * r + c] = rowMajor[4 * r + c];
            }
            o[r] = rowMajor[4 * r + 3];
        }
        return new AffineTransform(m, o, new double[3], "affine");
    }

    /**
     * ITK's parameterisation: y = A (x − c) + c + t.
     *
     * @param matrix      A, row-major 3×3 (9 values)
     * @param translation t (mm)
     * @param centre      c (mm LPS)
     */
    public static AffineTransform centred(double[] matrix, double[] translation, double[] centre) {
        return centred(matrix, translation, centre, "affine");
    }

    static AffineTransform centred(double[] matrix, double[] translation, double[] centre, String description) {
        if (matrix.length != 9 || translation.length < 3 || centre.length < 3) {
            throw new IllegalArgumentException(
                    "a centred affine needs a 3×3 matrix (9 values), a translation and a centre");
        }
        double[] m = matrix.clone();
        double[] o = new double[3];
        for (int r = 0; r < 3; r++) {
            o[r] = translation[r]
                    + centre[r]
                    - (m[3 * r] * centre[0] + m[3 * r + 1] * centre[1] + m[3 * r + 2] * centre[2]);
        }
        return new AffineTransform(m, o, Arrays.copyOf(centre, 3), description);
    }

    /**
     * The affine map of {@code transform} if it is one: an {@code AffineTransform}, a {@link RigidTransform}, or a
     * {@link CompositeTransform} whose parts all are (multiplied out); empty otherwise.
     */
    public static Optional<AffineTransform> of(SpatialTransform transform) {
        if (transform instanceof AffineTransform affine) {
            return Optional.of(affine);
        }
        if (transform instanceof RigidTransform rigid) {
            return Optional.of(rigid.affine());
        }
        if (transform instanceof CompositeTransform composite) {
            return composite.affine();
        }
        return Optional.empty();
    }

    @Override
    public void apply(double[] fixed, double[] moving) {
        double x = fixed[0], y = fixed[1], z = fixed[2];
        moving[0] = a[0] * x + a[1] * y + a[2] * z + b[0];
        moving[1] = a[3] * x + a[4] * y + a[5] * z + b[1];
        moving[2] = a[6] * x + a[7] * y + a[8] * z + b[2];
    }

    /** A (row-major 3×3, a copy). */
    public double[] matrix() {
        return a.clone();
    }

    /** b of y = A x + b (mm; ITK's "offset"). */
    public double[] offset() {
        return b.clone();
    }

    /** The centre c this transform is written about (mm LPS; 0 unless given). */
    public double[] centre() {
        return centre.clone();
    }

    /** t of y = A (x − c) + c + t for this transform's centre c (ITK's "translation"). */
    public double[] translation() {
        double[] t = new double[3];
        for (int r = 0; r < 3; r++) {
            t[r] = b[r] - centre[r] + a[3 * r] * centre[0] + a[3 * r + 1] * centre[1] + a[3 * r + 2] * centre[2];
        }
        return t;
    }

    /** The same map written about another centre (for files; the map does not change). */
    public AffineTransform withCentre(double[] newCentre) {
        return new AffineTransform(a, b, Arrays.copyOf(newCentre, 3), description);
    }

    /** The row-major 4×4 homogeneous matrix. */
    public double[] homogeneous() {
        return new double[] {a[0], a[1], a[2], b[0], a[3], a[4], a[5], b[1], a[6], a[7], a[8], b[2], 0, 0, 0, 1};
    }

    /** det A. */
    public double determinant() {
        return a[0] * (a[4] * a[8] - a[5] * a[7])
                - a[1] * (a[3] * a[8] - a[5] * a[6])
                + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /** The map x ↦ this(inner(x)): {@code inner} is applied first. The centre is {@code inner}'s. */
    public AffineTransform after(AffineTransform inner) {
        double[] m = new double[9];
        double[] o = new double[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[3 * r + c] = a[3 * r] * inner.a[c] + a[3 * r + 1] * inner.a[3 + c] + a[3 * r + 2] * inner.a[6 + c];
            }
            o[r] = a[3 * r] * inner.b[0] + a[3 * r + 1] * inner.b[1] + a[3 * r + 2] * inner.b[2] + b[r];
        }
        return new AffineTransform(m, o, inner.centre.clone(), "affine");
    }

    @Override
    public Optional<SpatialTransform> inverse() {
        return inverseAffine().map(t -> t);
    }

    /** The exact inverse x = A⁻¹ (y − b), written about the image of this transform's centre. */
    public Optional<AffineTransform> inverseAffine() {
        double det = determinant();
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (!(Math.abs(det) > 1e-12 * scale * scale * scale)) {
            return Optional.empty();
        }
        double[] inv = {
            (a[4] * a[8] - a[5] * a[7]) / det,
            (a[2] * a[7] - a[1] * a[8]) / det,
            (a[1] * a[5] - a[2] * a[4]) / det,
            (a[5] * a[6] - a[3] * a[8]) / det,
            (a[0] * a[8] - a[2] * a[6]) / det,
            (a[2] * a[3] - a[0] * a[5]) / det,
            (a[3] * a[7] - a[4] * a[6]) / det,
            (a[1] * a[6] - a[0] * a[7]) / det,
            (a[0] * a[4] - a[1] * a[3]) / det
        };
        double[] o = new double[3];
        for (int r = 0; r < 3; r++) {
            o[r] = -(inv[3 * r] * b[0] + inv[3 * r + 1] * b[1] + inv[3 * r + 2] * b[2]);
        }
        double[] c = new double[3];
        apply(centre, c);
        return Optional.of(new AffineTransform(inv, o, c, "inverse of " + description));
    }

    @Override
    public String describe() {
        if (this == IDENTITY) {
            return "identity";
        }
        return String.format(
                Locale.ROOT,
                "%s (12 parameters; A = [%.5g %.5g %.5g; %.5g %.5g %.5g; %.5g %.5g %.5g], b = (%.4g, %.4g, %.4g) mm)",
                description,
                a[0],
                a[1],
                a[2],
                a[3],
                a[4],
                a[5],
                a[6],
                a[7],
                a[8],
                b[0],
                b[1],
                b[2]);
    }

    @Override
    public String toString() {
        return describe();
    }
}
