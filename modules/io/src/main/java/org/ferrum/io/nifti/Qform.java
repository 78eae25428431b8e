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
package org.ferrum.io.nifti;

/**
 * NIfTI's quaternion representation of the voxel→RAS mapping ("method 2" in nifti1.h, section
 * "3D IMAGE (VOLUME) ORIENTATION AND LOCATION IN SPACE"): a rotation given by the unit quaternion
 * (a, b, c, d) with a = √(1 − b² − c² − d²) ≥ 0, voxel sizes pixdim[1..3], a handedness factor
 * qfac = ±1 applied to the third axis, and an offset:
 *
 * <pre>
 *   [x y z]ᵀ = R · [pixdim1·i, pixdim2·j, qfac·pixdim3·k]ᵀ + [qoffset_x, qoffset_y, qoffset_z]ᵀ
 *
 *   R = | a²+b²−c²−d²   2(bc−ad)      2(bd+ac)    |
 *       | 2(bc+ad)      a²+c²−b²−d²   2(cd−ab)    |
 *       | 2(bd−ac)      2(cd+ab)      a²+d²−c²−b² |
 * </pre>
 *
 * The quaternion fields hold (b, c, d) only; a is implied.
 *
 * @param b       quatern_b
 * @param c       quatern_c
 * @param d       quatern_d
 * @param offset  qoffset_x, qoffset_y, qoffset_z (mm, RAS)
 * @param spacing pixdim[1], pixdim[2], pixdim[3]
 * @param qfac    pixdim[0] as the standard reads it: −1 if negative, else +1
 */
record Qform(double b, double c, double d, double[] offset, double[] spacing, double qfac) {

    /**
     * The row-major 4×4 voxel→RAS affine of this qform.
     *
     * @throws IllegalArgumentException if b² + c² + d² exceeds 1 by more than rounding
     */
    double[] rasAffine() {
        double bb = b, cc = c, dd = d;
        double s = bb * bb + cc * cc + dd * dd;
        double a;
        if (s > 1 + 1e-5) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT, "quaternion (b, c, d) = (%g, %g, %g) has b²+c²+d² = %g > 1", bb, cc, dd, s));
        }
        if (1 - s < 1e-7) {
            // a 180° rotation stored in float rounds to b²+c²+d² ≈ 1: a = 0 and (b, c, d) renormalised
            double n = Math.sqrt(s);
            bb /= n;
            cc /= n;
            dd /= n;
            a = 0;
        } else {
            a = Math.sqrt(1 - s);
        }
        double[][] r = {
            {a * a + bb * bb - cc * cc - dd * dd, 2 * (bb * cc - a * dd), 2 * (bb * dd + a * cc)},
            {2 * (bb * cc + a * dd), a * a + cc * cc - bb * bb - dd * dd, 2 * (cc * dd - a * bb)},
            {2 * (bb * dd - a * cc), 2 * (cc * dd + a * bb), a * a + dd * dd - cc * cc - bb * bb}
        };
        double[] scale = {spacing[0], spacing[1], qfac * spacing[2]};
        double[] m = new double[16];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                m[row * 4 + col] = r[row][col] * scale[col];
            }
            m[row * 4 + 3] = offset[row];
        }
        m[15] = 1;
        return m;
    }

    /**
     * The qform closest to a voxel→RAS affine: voxel sizes are the column norms, the rotation is the
     * orthogonal matrix nearest to the normalised columns (polar decomposition, so a sheared sform
     * still gives a valid qform), qfac = −1 when the columns are left-handed (the third column is
     * then negated), and the quaternion is extracted from the rotation with the numerically stable
     * branch on its largest diagonal term, sign chosen so that a ≥ 0 as the standard requires.
     */
    static Qform ofRasAffine(double[] m) {
        double[] spacing = new double[3];
        double[][] r = new double[3][3];
        for (int col = 0; col < 3; col++) {
            double n = Math.sqrt(m[col] * m[col] + m[4 + col] * m[4 + col] + m[8 + col] * m[8 + col]);
            spacing[col] = n;
            for (int row = 0; row < 3; row++) {
                r[row][col] = m[row * 4 + col] / n;
            }
        }
        double qfac = 1;
        if (det(r) < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) {
                r[row][2] = -r[row][2];
            }
        }
        r = nearestRotation(r);
        double tr = r[0][0] + r[1][1] + r[2][2];
        double a, b, c, d;
        if (tr > 0) {
            a = 0.5 * Math.sqrt(1 + tr);
            b = (r[2][1] - r[1][2]) / (4 * a);
            c = (r[0][2] - r[2][0]) / (4 * a);
            d = (r[1][0] - r[0][1]) / (4 * a);
        } else if (r[0][0] >= r[1][1] && r[0][0] >= r[2][2]) {
            b = 0.5 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
            a = (r[2][1] - r[1][2]) / (4 * b);
            c = (r[0][1] + r[1][0]) / (4 * b);
            d = (r[0][2] + r[2][0]) / (4 * b);
        } else if (r[1][1] >= r[2][2]) {
            c = 0.5 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
            a = (r[0][2] - r[2][0]) / (4 * c);
            b = (r[0][1] + r[1][0]) / (4 * c);
            d = (r[1][2] + r[2][1]) / (4 * c);
        } else {
            d = 0.5 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
            a = (r[1][0] - r[0][1]) / (4 * d);
            b = (r[0][2] + r[2][0]) / (4 * d);
            c = (r[1][2] + r[2][1]) / (4 * d);
        }
        if (a < 0) {
            b = -b;
            c = -c;
            d = -d;
        }
        return new Qform(b, c, d, new double[] {m[3], m[7], m[11]}, spacing, qfac);
    }

    /** Polar decomposition by Newton's iteration X ← (X + X⁻ᵀ)/2, which converges to the nearest rotation. */
    private static double[][] nearestRotation(double[][] x) {
        for (int it = 0; it < 30; it++) {
            double[][] inv = inverse(x);
            double[][] next = new double[3][3];
            double change = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    next[i][j] = 0.5 * (x[i][j] + inv[j][i]);
                    change = Math.max(change, Math.abs(next[i][j] - x[i][j]));
                }
            }
            x = next;
            if (change < 1e-15) {
                break;
            }
        }
        return x;
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] inverse(double[][] m) {
        double det = det(m);
        double[][] r = new double[3][3];
        r[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
        r[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        r[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        r[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
        r[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        r[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        r[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
        r[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        r[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
        return r;
    }
}
