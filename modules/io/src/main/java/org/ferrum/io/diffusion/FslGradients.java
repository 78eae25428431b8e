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
package org.ferrum.io.diffusion;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.Geometry;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.VolumeFormatException;

/**
 * FSL's {@code .bval} / {@code .bvec} text files, as dcm2niix writes them beside a diffusion NIfTI, and the
 * conversion between their frame and the patient's.
 *
 * <h2>Format</h2>
 * {@code .bval}: one line, one b-value per volume in s/mm², separated by spaces. {@code .bvec}: three lines (x, y,
 * z), one column per volume; volumes without a gradient (b = 0, isotropic trace) have 0 0 0.
 *
 * <h2>Frame (FSL's convention)</h2>
 * A bvec is a unit vector along the image's <em>voxel axes</em> (i, j, k of the NIfTI as stored), and its x
 * component is negated when the voxel → world matrix has a positive determinant (FSL treats images as if stored
 * in radiological order). dcm2niix writes the same rule for its own voxel order, in which it flips the rows (its
 * "y flip"), so its bvec y is the negative of the one for DICOM's row order; Ferrum stores rows as DICOM does, so
 * Ferrum's bvec for the same volume differs from dcm2niix's in the signs the two voxel orders imply, and both
 * describe the same direction in the patient. {@link #toPatient} maps a bvec back to LPS, which is how the tests
 * compare the two.
 */
public final class FslGradients {

    private FslGradients() {}

    /** The FSL bvec of an LPS direction (unit) for a volume of geometry {@code g}; 0 0 0 for null. */
    public static double[] toFsl(double[] lps, Geometry g) {
        if (lps == null) {
            return new double[3];
        }
        double[] v = g.directionInVoxelAxes(lps);
        if (determinant(g) > 0) {
            v[0] = -v[0];
        }
        return v;
    }

    /** The LPS unit direction of an FSL bvec for a volume of geometry {@code g}; null for a zero vector. */
    public static double[] toPatient(double[] bvec, Geometry g) {
        double n = Math.sqrt(bvec[0] * bvec[0] + bvec[1] * bvec[1] + bvec[2] * bvec[2]);
        if (!(n > 1e-6)) {
            return null;
        }
        double[] v = {bvec[0] / n, bvec[1] / n, bvec[2] / n};
        if (determinant(g) > 0) {
            v[0] = -v[0];
        }
        double[][] axes = g.axisDirections();
        double[] w = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                w[r] += v[c] * axes[c][r];
            }
        }
        double wn = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        return new double[] {w[0] / wn, w[1] / wn, w[2] / wn};
    }

    /** Determinant of the 3×3 voxel → LPS block (the same sign as the RAS one: two axes flip). */
    static double determinant(Geometry g) {
        double[] a = g.affine();
        return a[0] * (a[5] * a[10] - a[6] * a[9])
                - a[1] * (a[4] * a[10] - a[6] * a[8])
                + a[2] * (a[4] * a[9] - a[5] * a[8]);
    }

    /** Writes {@code bval} and {@code bvec} (atomically), {@code bvecs[v]} the FSL vector of volume v. */
    public static void write(Path bval, Path bvec, double[] bValues, double[][] bvecs) throws IOException {
        if (bValues.length != bvecs.length) {
            throw new IllegalArgumentException(bValues.length + " b-values but " + bvecs.length + " vectors");
        }
        StringBuilder b = new StringBuilder();
        for (int v = 0; v < bValues.length; v++) {
            b.append(v == 0 ? "" : " ").append(number(bValues[v]));
        }
        b.append('\n');
        StringBuilder g = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < bvecs.length; v++) {
                g.append(v == 0 ? "" : " ").append(number(bvecs[v][c] == 0 ? 0 : bvecs[v][c]));
            }
            g.append('\n');
        }
        AtomicFiles.write(bval, tmp -> Files.writeString(tmp, b, StandardCharsets.US_ASCII));
        AtomicFiles.write(bvec, tmp -> Files.writeString(tmp, g, StandardCharsets.US_ASCII));
    }

    /** Six significant digits, no exponent, no trailing zeros ({@code 1000}, {@code -0.492355}). */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** The b-values of a {@code .bval} file (numbers separated by white space, finite and ≥ 0). */
    public static double[] readBval(Path bval) throws IOException {
        List<double[]> rows = rows(bval);
        List<Double> all = new ArrayList<>();
        for (double[] r : rows) {
            for (double x : r) {
                all.add(x);
            }
        }
        double[] b = new double[all.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = all.get(i);
            if (!(b[i] >= 0) || !Double.isFinite(b[i])) {
                throw new VolumeFormatException(
                        bval, "b-value " + (i + 1) + " is " + b[i] + ", not a finite number ≥ 0 (s/mm²)");
            }
        }
        return b;
    }

    /** The vectors of a {@code .bvec} file: three lines of n numbers (or n lines of three), as {@code [v][xyz]}. */
    public static double[][] readBvec(Path bvec, int volumes) throws IOException {
        List<double[]> rows = rows(bvec);
        double[][] out = new double[volumes][3];
        if (rows.size() == 3 && rows.stream().allMatch(r -> r.length == volumes)) {
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < volumes; v++) {
                    out[v][c] = rows.get(c)[v];
                }
            }
        } else if (rows.size() == volumes && rows.stream().allMatch(r -> r.length == 3)) {
            for (int v = 0; v < volumes; v++) {
                out[v] = rows.get(v).clone();
            }
        } else {
            throw new VolumeFormatException(
                    bvec,
                    "expected 3 lines of " + volumes + " numbers (one column per volume), found " + rows.size()
                            + " lines of "
                            + rows.stream()
                                    .map(r -> Integer.toString(r.length))
                                    .distinct()
                                    .toList() + " numbers");
        }
        return out;
    }

    private static List<double[]> rows(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            line++;
            String t = s.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] parts = t.split("[\\s,]+");
            double[] r = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    r[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new VolumeFormatException(file, "line " + line + ": '" + parts[i] + "' is not a number");
                }
                if (!Double.isFinite(r[i])) {
                    throw new VolumeFormatException(file, "line " + line + ": '" + parts[i] + "' is not finite");
                }
            }
            rows.add(r);
        }
        return rows;
    }
}
