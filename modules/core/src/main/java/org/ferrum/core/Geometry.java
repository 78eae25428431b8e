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

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a volume's voxels are in the patient: the 4×4 affine that maps zero-based voxel indices
 * (i, j, k) to patient coordinates in millimetres, in the DICOM patient coordinate system (LPS:
 * +x towards the patient's Left, +y Posterior, +z Superior; DICOM PS3.3 C.7.6.2.1.1).
 *
 * <p>Contract: {@code (x, y, z, 1)ᵀ = A · (i, j, k, 1)ᵀ}, where {@code A} is {@link #affine()} with last
 * row (0, 0, 0, 1). Column {@code c} of the upper 3×3 block is the step in mm taken when index
 * {@code c} grows by one; its norm is the voxel size along that axis and its direction the axis'
 * direction cosine. The upper 3×3 block must be invertible. Instances are immutable.
 *
 * <p>NIfTI stores the same mapping in RAS; readers flip the signs of the first two rows (see
 * {@link #fromRas(double[])}).
 */
public final class Geometry {

    private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

    private final double[] a; // row-major 4×4
    private final double[] inverse; // row-major 4×4

    private Geometry(double[] a) {
        this.a = a;
        this.inverse = invert(a);
    }

    /**
     * A geometry from a row-major 4×4 voxel→LPS affine (16 values) or its top three rows (12 values).
     *
     * @throws IllegalArgumentException if the matrix has the wrong size, non-finite entries, a last row
     *                                  other than (0, 0, 0, 1) or a singular 3×3 block
     */
    public static Geometry ofAffine(double... rowMajor) {
        double[] m;
        if (rowMajor.length == 12) {
            m = Arrays.copyOf(rowMajor, 16);
            m[15] = 1;
        } else if (rowMajor.length == 16) {
            m = rowMajor.clone();
        } else {
            throw new IllegalArgumentException("an affine needs 12 or 16 values, got " + rowMajor.length);
        }
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine has a non-finite entry: " + Arrays.toString(m));
            }
        }
        if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1) {
            throw new IllegalArgumentException("affine's last row must be (0, 0, 0, 1): " + Arrays.toString(m));
        }
        return new Geometry(m);
    }

    /** A geometry from a row-major 4×4 voxel→RAS affine (NIfTI's convention), converted to LPS. */
    public static Geometry fromRas(double... rowMajorRas) {
        Geometry ras = ofAffine(rowMajorRas);
        double[] m = ras.a.clone();
        for (int c = 0; c < 4; c++) {
            m[c] = -m[c];
            m[4 + c] = -m[4 + c];
        }
        return new Geometry(m);
    }

    /** Axis-aligned voxels of the given size in mm, index axes along +x, +y, +z (L, P, S), origin at 0. */
    public static Geometry axisAligned(double dx, double dy, double dz) {
        return ofAffine(dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0);
    }

    /** Unit voxels, index axes along L, P, S. */
    public static Geometry identity() {
        return new Geometry(IDENTITY.clone());
    }

    /** The row-major 4×4 voxel→LPS affine (a copy). */
    public double[] affine() {
        return a.clone();
    }

    /** The row-major 4×4 voxel→RAS affine, as NIfTI's sform/qform store it (a copy). */
    public double[] rasAffine() {
        double[] m = a.clone();
        for (int c = 0; c < 4; c++) {
            m[c] = -m[c];
            m[4 + c] = -m[4 + c];
        }
        return m;
    }

    /** Entry (row, column) of the affine. */
    public double get(int row, int column) {
        return a[row * 4 + column];
    }

    /** Voxel sizes in mm along the three index axes (column norms of the 3×3 block). */
    public double[] voxelSize() {
        double[] s = new double[3];
        for (int c = 0; c < 3; c++) {
            s[c] = Math.sqrt(a[c] * a[c] + a[4 + c] * a[4 + c] + a[8 + c] * a[8 + c]);
        }
        return s;
    }

    /** Patient coordinates (mm) of voxel (0, 0, 0)'s centre. */
    public double[] origin() {
        return new double[] {a[3], a[7], a[11]};
    }

    /**
     * Direction cosines of the index axes: {@code result[c]} is the unit LPS vector along which index
     * {@code c} grows.
     */
    public double[][] axisDirections() {
        double[] s = voxelSize();
        double[][] d = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                d[c][r] = a[r * 4 + c] / s[c];
            }
        }
        return d;
    }

    /** Patient coordinates (mm) of the (possibly fractional) voxel index (i, j, k). */
    public double[] toPatient(double i, double j, double k) {
        return apply(a, i, j, k);
    }

    /** Voxel index (fractional) of the patient point (x, y, z) in mm. */
    public double[] toVoxel(double x, double y, double z) {
        return apply(inverse, x, y, z);
    }

    /**
     * A patient-space direction expressed along the volume's index axes, normalised to unit length:
     * the components {@code v} with {@code Σ_c v[c] · axisDirections()[c] ∥ direction}. For orthogonal
     * axes this is the projection of the direction on each axis. Algorithms that work in voxel space
     * (e.g. the dipole kernel with an oblique B0) use this, so oblique acquisitions give the same result
     * as straight ones.
     *
     * @param directionLps a non-zero vector in LPS
     */
    public double[] directionInVoxelAxes(double[] directionLps) {
        double n = norm(directionLps);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException(
                    "direction must be a finite non-zero vector: " + Arrays.toString(directionLps));
        }
        double[][] d = axisDirections();
        // Solve D v = b with D's columns the unit axis directions (Cramer's rule; D is 3×3 and invertible).
        double[] col0 = d[0], col1 = d[1], col2 = d[2];
        double det = det3(col0, col1, col2);
        double[] v = {
            det3(directionLps, col1, col2) / det,
            det3(col0, directionLps, col2) / det,
            det3(col0, col1, directionLps) / det
        };
        double vn = norm(v);
        for (int c = 0; c < 3; c++) {
            v[c] /= vn;
        }
        return v;
    }

    /**
     * Three letters naming the anatomical direction each index axis points to most (DICOM letters:
     * L/R, P/A, S/I), e.g. {@code "LPS"} or {@code "RAS"}. For oblique volumes this is the nearest axis.
     */
    public String orientationCode() {
        StringBuilder sb = new StringBuilder(3);
        for (double[] dir : axisDirections()) {
            sb.append(nearestAxisLetter(dir));
        }
        return sb.toString();
    }

    /**
     * The DICOM letter (L, R, P, A, S, I) of the anatomical direction nearest to {@code directionLps}.
     */
    public static char nearestAxisLetter(double[] directionLps) {
        int best = 0;
        for (int r = 1; r < 3; r++) {
            if (Math.abs(directionLps[r]) > Math.abs(directionLps[best])) {
                best = r;
            }
        }
        boolean positive = directionLps[best] >= 0;
        return switch (best) {
            case 0 -> positive ? 'L' : 'R';
            case 1 -> positive ? 'P' : 'A';
            default -> positive ? 'S' : 'I';
        };
    }

    /**
     * Largest angle (radians) between an index axis and its nearest patient axis; 0 for a straight
     * acquisition.
     */
    public double obliquity() {
        double worst = 0;
        for (double[] dir : axisDirections()) {
            double max = Math.max(Math.abs(dir[0]), Math.max(Math.abs(dir[1]), Math.abs(dir[2])));
            worst = Math.max(worst, Math.acos(Math.min(1.0, max)));
        }
        return worst;
    }

    /**
     * The geometry of a sub-grid whose voxel (0, 0, 0) is this grid's voxel {@code offset} (negative
     * offsets describe padding). Voxel sizes and directions are unchanged.
     */
    public Geometry translatedBy(long... offset) {
        double[] m = a.clone();
        double[] p = toPatient(offset[0], offset[1], offset[2]);
        m[3] = p[0];
        m[7] = p[1];
        m[11] = p[2];
        return new Geometry(m);
    }

    /** True if every affine entry differs by at most {@code toleranceMm}. */
    public boolean approximatelyEquals(Geometry other, double toleranceMm) {
        for (int n = 0; n < 12; n++) {
            if (Math.abs(a[n] - other.a[n]) > toleranceMm) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && Arrays.equals(a, g.a);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(a);
    }

    @Override
    public String toString() {
        double[] s = voxelSize();
        double[] o = origin();
        return String.format(
                Locale.ROOT,
                "Geometry[%s, voxel %.4g×%.4g×%.4g mm, origin (%.4g, %.4g, %.4g) mm LPS]",
                orientationCode(),
                s[0],
                s[1],
                s[2],
                o[0],
                o[1],
                o[2]);
    }

    private static double[] apply(double[] m, double i, double j, double k) {
        return new double[] {
            m[0] * i + m[1] * j + m[2] * k + m[3],
            m[4] * i + m[5] * j + m[6] * k + m[7],
            m[8] * i + m[9] * j + m[10] * k + m[11]
        };
    }

    private static double det3(double[] c0, double[] c1, double[] c2) {
        return c0[0] * (c1[1] * c2[2] - c1[2] * c2[1])
                - c1[0] * (c0[1] * c2[2] - c0[2] * c2[1])
                + c2[0] * (c0[1] * c1[2] - c0[2] * c1[1]);
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** Inverse of an affine 4×4 (row-major) via the inverse of its 3×3 block. */
    private static double[] invert(double[] m) {
        double[] c0 = {m[0], m[4], m[8]}, c1 = {m[1], m[5], m[9]}, c2 = {m[2], m[6], m[10]};
        double det = det3(c0, c1, c2);
        double scale = Math.abs(m[0])
                + Math.abs(m[5])
                + Math.abs(m[10])
                + Math.abs(m[1])
                + Math.abs(m[2])
                + Math.abs(m[4])
                + Math.abs(m[6])
                + Math.abs(m[8])
                + Math.abs(m[9]);
        if (!(Math.abs(det) > 1e-12 * scale * scale * scale)) {
            throw new IllegalArgumentException("affine's 3×3 block is singular: " + Arrays.toString(m));
        }
        double[] r = new double[16];
        r[0] = (m[5] * m[10] - m[6] * m[9]) / det;
        r[1] = (m[2] * m[9] - m[1] * m[10]) / det;
        r[2] = (m[1] * m[6] - m[2] * m[5]) / det;
        r[4] = (m[6] * m[8] - m[4] * m[10]) / det;
        r[5] = (m[0] * m[10] - m[2] * m[8]) / det;
        r[6] = (m[2] * m[4] - m[0] * m[6]) / det;
        r[8] = (m[4] * m[9] - m[5] * m[8]) / det;
        r[9] = (m[1] * m[8] - m[0] * m[9]) / det;
        r[10] = (m[0] * m[5] - m[1] * m[4]) / det;
        for (int row = 0; row < 3; row++) {
            r[row * 4 + 3] = -(r[row * 4] * m[3] + r[row * 4 + 1] * m[7] + r[row * 4 + 2] * m[11]);
        }
        r[15] = 1;
        return r;
    }
}
