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
package org.ferrum.dicom;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.Geometry;

/**
 * The voxel → patient (LPS mm) affine of a stack of parallel 2-D images, from the Image Plane module
 * (PS3.3 C.7.6.2): voxel (i, j, k) with i the column index, j the row index and k the slice index
 * (slices sorted by their position along the normal) lies at
 * <pre>
 *   P(i, j, k) = S₀ + i · Δc · r + j · Δr · c + k · t
 * </pre>
 * where S₀ is ImagePositionPatient of the first slice (centre of its first transmitted voxel), r and c the
 * row and column direction cosines of ImageOrientationPatient (r points along a row, i.e. towards
 * increasing column index), Δc = PixelSpacing[1] (column spacing) and Δr = PixelSpacing[0] (row spacing),
 * PS3.3 C.7.6.2.1.1 equation C.7.6.2.1-1. The slice step {@code t} is taken from the positions themselves,
 * {@code (S_{n−1} − S₀)/(n − 1)} — never from SliceThickness, which is the excitation's thickness and
 * differs from the spacing whenever slices have gaps or overlap. For a single slice the step is the unit
 * normal r × c times SpacingBetweenSlices (or SliceThickness, or 1 mm).
 *
 * <p>Consistency: every slice must lie within {@code 0.02 mm + 0.5 %} of the step from where the uniform
 * step puts it; otherwise the stack is not one volume (missing slices, two stacks, variable gaps) and a
 * {@link DicomFormatException} names the slices.
 */
final class SliceGeometry {

    private SliceGeometry() {}

    /** The unit normal r × c of an ImageOrientationPatient. */
    public static double[] normal(double[] iop) {
        double[] n = {
            iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]
        };
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }

    /**
     * The affine of slices at {@code positions} (already sorted along the normal).
     *
     * @param where           the series or file named in errors
     * @param iop             ImageOrientationPatient (6 values)
     * @param rowSpacing      PixelSpacing[0]
     * @param columnSpacing   PixelSpacing[1]
     * @param positions       ImagePositionPatient of each slice, in slice order
     * @param singleSliceStep slice spacing for a single slice (mm), used only when there is one position
     * @param normal          the slice normal for a single slice (null: r × c)
     * @throws DicomFormatException if the slices are not evenly spaced on one line
     */
    public static Geometry affine(
            Path where,
            double[] iop,
            double rowSpacing,
            double columnSpacing,
            List<double[]> positions,
            double singleSliceStep,
            double[] normal)
            throws DicomFormatException {
        int n = positions.size();
        double[] s0 = positions.get(0);
        double[] t = new double[3];
        if (n == 1) {
            double[] nn = normal != null ? normal : normal(iop);
            double d = Double.isFinite(singleSliceStep) && singleSliceStep > 0 ? singleSliceStep : 1;
            for (int a = 0; a < 3; a++) {
                t[a] = nn[a] * d;
            }
        } else {
            double[] last = positions.get(n - 1);
            for (int a = 0; a < 3; a++) {
                t[a] = (last[a] - s0[a]) / (n - 1);
            }
            double step = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
            if (!(step > 1e-6)) {
                throw new DicomFormatException(where, "all " + n + " slices are at the same position " + fmt(s0));
            }
            double tol = 0.02 + 0.005 * step;
            for (int k = 1; k < n - 1; k++) {
                double[] p = positions.get(k);
                double err = 0;
                for (int a = 0; a < 3; a++) {
                    double d = p[a] - (s0[a] + k * t[a]);
                    err += d * d;
                }
                if (Math.sqrt(err) > tol) {
                    throw new DicomFormatException(
                            where,
                            String.format(
                                    Locale.ROOT,
                                    "inconsistent slice spacing: slice %d of %d is %.4f mm away from where an even step of %.4f mm puts it "
                                            + "(gap before it %.4f mm, after it %.4f mm); slices missing, or more than one stack in the series",
                                    k + 1,
                                    n,
                                    Math.sqrt(err),
                                    step,
                                    dist(positions.get(k - 1), p),
                                    dist(p, positions.get(k + 1))));
                }
            }
        }
        double[] r = {iop[0], iop[1], iop[2]}, c = {iop[3], iop[4], iop[5]};
        return Geometry.ofAffine(
                r[0] * columnSpacing,
                c[0] * rowSpacing,
                t[0],
                s0[0],
                r[1] * columnSpacing,
                c[1] * rowSpacing,
                t[1],
                s0[1],
                r[2] * columnSpacing,
                c[2] * rowSpacing,
                t[2],
                s0[2]);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static String fmt(double[] p) {
        return String.format(Locale.ROOT, "(%.3f, %.3f, %.3f)", p[0], p[1], p[2]);
    }
}
