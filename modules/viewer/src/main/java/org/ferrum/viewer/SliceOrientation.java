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
package org.ferrum.viewer;

import org.ferrum.core.Geometry;

/**
 * How a volume's index axes lie on screen for one plane, and the orientation letters at the screen's
 * edges, both derived from the geometry's affine.
 *
 * <p>Each patient axis (x, y, z in LPS) is matched with the index axis whose direction is closest to it
 * (largest |direction cosine|, assigned greedily from the largest so that the match is one-to-one even
 * for strongly oblique volumes). The slice is taken along index axes, never resampled: for an oblique
 * volume the edges' letters name the nearest anatomical direction of the actual screen axes.
 *
 * @param plane            the plane shown
 * @param convention       radiological or neurological
 * @param horizontalAxis   index axis (0, 1, 2) running along screen columns
 * @param horizontalFlip   true if the index decreases towards the screen's right
 * @param verticalAxis     index axis running down screen rows
 * @param verticalFlip     true if the index decreases downwards
 * @param normalAxis       index axis that selects the slice
 * @param left             letter at the left edge, e.g. 'R' for a radiological axial slice
 * @param right            letter at the right edge
 * @param top              letter at the top edge
 * @param bottom           letter at the bottom edge
 */
public record SliceOrientation(
        Plane plane,
        DisplayConvention convention,
        int horizontalAxis,
        boolean horizontalFlip,
        int verticalAxis,
        boolean verticalFlip,
        int normalAxis,
        char left,
        char right,
        char top,
        char bottom) {

    /** The orientation of {@code plane} for a volume placed by {@code geometry}. */
    public static SliceOrientation of(Geometry geometry, Plane plane, DisplayConvention convention) {
        double[][] dirs = geometry.axisDirections(); // dirs[indexAxis][patientAxis]
        int[] indexAxisOf = nearestIndexAxes(dirs);
        int[] right = convention.screenRight(plane);
        int[] down = convention.screenDown(plane);
        int h = indexAxisOf[right[0]];
        int v = indexAxisOf[down[0]];
        int n = indexAxisOf[plane.normalPatientAxis()];
        boolean hFlip = Math.signum(dirs[h][right[0]]) != right[1];
        boolean vFlip = Math.signum(dirs[v][down[0]]) != down[1];
        double[] rightDir = scaled(dirs[h], hFlip ? -1 : 1);
        double[] downDir = scaled(dirs[v], vFlip ? -1 : 1);
        return new SliceOrientation(
                plane,
                convention,
                h,
                hFlip,
                v,
                vFlip,
                n,
                Geometry.nearestAxisLetter(scaled(rightDir, -1)),
                Geometry.nearestAxisLetter(rightDir),
                Geometry.nearestAxisLetter(scaled(downDir, -1)),
                Geometry.nearestAxisLetter(downDir));
    }

    /**
     * For each patient axis p, the index axis closest to it: repeatedly take the largest remaining
     * |dirs[index][patient]| and retire its row and column.
     */
    static int[] nearestIndexAxes(double[][] dirs) {
        int[] result = {-1, -1, -1};
        boolean[] indexUsed = new boolean[3];
        for (int round = 0; round < 3; round++) {
            int bestI = -1, bestP = -1;
            double best = -1;
            for (int i = 0; i < 3; i++) {
                for (int p = 0; p < 3; p++) {
                    if (!indexUsed[i] && result[p] < 0 && Math.abs(dirs[i][p]) > best) {
                        best = Math.abs(dirs[i][p]);
                        bestI = i;
                        bestP = p;
                    }
                }
            }
            result[bestP] = bestI;
            indexUsed[bestI] = true;
        }
        return result;
    }

    private static double[] scaled(double[] d, double s) {
        return new double[] {d[0] * s, d[1] * s, d[2] * s};
    }
}
