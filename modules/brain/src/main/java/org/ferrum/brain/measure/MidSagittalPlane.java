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
package org.ferrum.brain.measure;

import java.util.Locale;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;

/**
 * The mid-sagittal plane that splits a label with no side in its legend (the phantom's one bilateral "putamen", a
 * {@link Hemisphere#BOTH} or {@link Hemisphere#MIDLINE} entry) into its left and right parts.
 *
 * <p>Contract: the plane's normal {@code n} is the direction of the grid's index axis nearest the patient's L–R
 * axis, turned to point to the patient's left (+x in LPS); it passes through {@code point}: the centroid (patient
 * mm, every voxel weighted 1) of the brain mask when there is one, else the patient origin (x = 0 mm, the scanner's
 * L–R centre, on which heads are placed). A voxel centre p is on the left when (p − point)·n &gt; {@link #ON_PLANE_MM},
 * on the right when it is &lt; −{@link #ON_PLANE_MM}, and on the plane otherwise (then counted in neither side, only
 * in "both").
 *
 * <p>Why the grid axis and not the patient x axis: slices are prescribed on the head (its midline, the AC–PC line),
 * so the grid's L–R axis is the head's even when the head is rolled or turned in the scanner; an oblique-axial
 * tilt about L–R leaves it along patient x. A head turned within the grid needs labels that carry their side (e.g.
 * FreeSurfer's Left-/Right- labels), which are never split.
 *
 * @param point  a point on the plane, patient mm (LPS)
 * @param normal the unit normal, towards the patient's left
 * @param how    how the plane was found, for logs
 */
public record MidSagittalPlane(double[] point, double[] normal, String how) {

    /** Voxel centres closer to the plane than this (mm) belong to neither side. */
    public static final double ON_PLANE_MM = 1e-6;

    public MidSagittalPlane {
        point = point.clone();
        normal = normal.clone();
    }

    /** The plane for this grid, through the centroid of {@code mask} (null: through the patient origin). */
    public static MidSagittalPlane of(Geometry geometry, VoxelGrid grid, boolean[] mask) {
        double[][] axes = geometry.axisDirections();
        int nearest = 0;
        for (int c = 1; c < 3; c++) {
            if (Math.abs(axes[c][0]) > Math.abs(axes[nearest][0])) {
                nearest = c;
            }
        }
        double[] n = axes[nearest].clone();
        if (n[0] < 0) {
            for (int r = 0; r < 3; r++) {
                n[r] = -n[r];
            }
        }
        char letter = "ijk".charAt(nearest);
        if (mask == null) {
            return new MidSagittalPlane(
                    new double[3],
                    n,
                    String.format(
                            Locale.ROOT,
                            "mid-sagittal plane through the patient origin (x = 0 mm), normal to grid axis %c"
                                    + " (%.3f, %.3f, %.3f LPS)",
                            letter,
                            n[0],
                            n[1],
                            n[2]));
        }
        double si = 0, sj = 0, sk = 0;
        long count = 0;
        for (int k = 0, v = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, v++) {
                    if (mask[v]) {
                        si += i;
                        sj += j;
                        sk += k;
                        count++;
                    }
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the brain mask is empty, so it has no centroid");
        }
        double[] c = geometry.toPatient(si / count, sj / count, sk / count);
        return new MidSagittalPlane(
                c,
                n,
                String.format(
                        Locale.ROOT,
                        "mid-sagittal plane through the brain mask's centroid (%.2f, %.2f, %.2f) mm LPS, normal to"
                                + " grid axis %c (%.3f, %.3f, %.3f LPS)",
                        c[0],
                        c[1],
                        c[2],
                        letter,
                        n[0],
                        n[1],
                        n[2]));
    }

    /**
     * The signed distance (mm, positive to the left) of every voxel centre of the grid from the plane, as a function
     * of the index: d(i, j, k) = d₀ + i·gᵢ + j·gⱼ + k·gₖ, since the voxel → patient map is affine. Returns
     * {d₀, gᵢ, gⱼ, gₖ}.
     */
    public double[] distanceCoefficients(Geometry geometry) {
        double[] o = geometry.toPatient(0, 0, 0);
        double[] out = new double[4];
        out[0] = (o[0] - point[0]) * normal[0] + (o[1] - point[1]) * normal[1] + (o[2] - point[2]) * normal[2];
        for (int c = 0; c < 3; c++) {
            double g = 0;
            for (int r = 0; r < 3; r++) {
                g += geometry.get(r, c) * normal[r];
            }
            out[1 + c] = g;
        }
        return out;
    }

    /** The side of a signed distance from the plane: LEFT, RIGHT, or MIDLINE on the plane. */
    public static Hemisphere sideOf(double distanceMm) {
        return distanceMm > ON_PLANE_MM
                ? Hemisphere.LEFT
                : distanceMm < -ON_PLANE_MM ? Hemisphere.RIGHT : Hemisphere.MIDLINE;
    }
}
