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

import java.awt.geom.Path2D;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;

/**
 * Drawing regions of interest into a label map: an ellipse or a polygon on one displayed slice, or a
 * sphere in patient millimetres (3-D). A voxel belongs to a shape when its centre lies inside it (for
 * slices: the display pixel's centre, column + ½, row + ½). Drawing sets the voxels to the label,
 * overwriting what was there; label 0 erases. The label map is an ordinary 3-D volume on the map's grid
 * (unit: dimensionless), so it is saved as NIfTI like any map ({@code VolumeFiles.write}).
 */
public final class RoiDrawing {

    private RoiDrawing() {}

    /** An empty label map on {@code map}'s grid (3-D even for a 4-D map). */
    public static Volume<FloatType> emptyLabels(Volume<?> map) {
        return Volumes.createFloat(
                new long[] {map.dimension(0), map.dimension(1), map.dimension(2)},
                map.geometry(),
                PhysicalUnit.DIMENSIONLESS);
    }

    /**
     * Sets the voxels of {@code plane}'s slice {@code slice} whose display-pixel centres lie inside the
     * ellipse with centre (column, row) and semi-axes {@code a} (columns), {@code b} (rows), in display
     * pixels.
     *
     * @return the number of voxels set
     */
    public static int ellipse(
            Volume<FloatType> labels,
            SliceRenderer display,
            Plane plane,
            int slice,
            double centreColumn,
            double centreRow,
            double a,
            double b,
            int label) {
        display.requireSameGrid(labels, "label map");
        float[] out = Volumes.floats(labels);
        int count = 0;
        for (int r = 0; r < display.height(plane); r++) {
            for (int c = 0; c < display.width(plane); c++) {
                double x = (c + 0.5 - centreColumn) / a, y = (r + 0.5 - centreRow) / b;
                if (x * x + y * y <= 1) {
                    out[index(labels, display.voxelAt(plane, slice, c, r))] = label;
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Sets the voxels of a slice whose display-pixel centres lie inside the polygon with vertices
     * ({@code columns[n]}, {@code rows[n]}) in display pixels (even-odd rule; the polygon closes itself).
     * Freehand outlines are polygons with many vertices.
     *
     * @return the number of voxels set
     */
    public static int polygon(
            Volume<FloatType> labels,
            SliceRenderer display,
            Plane plane,
            int slice,
            double[] columns,
            double[] rows,
            int label) {
        if (columns.length != rows.length || columns.length < 3) {
            throw new IllegalArgumentException("a polygon needs at least three vertices with a column and a row each");
        }
        display.requireSameGrid(labels, "label map");
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        path.moveTo(columns[0], rows[0]);
        for (int n = 1; n < columns.length; n++) {
            path.lineTo(columns[n], rows[n]);
        }
        path.closePath();
        float[] out = Volumes.floats(labels);
        int count = 0;
        for (int r = 0; r < display.height(plane); r++) {
            for (int c = 0; c < display.width(plane); c++) {
                if (path.contains(c + 0.5, r + 0.5)) {
                    out[index(labels, display.voxelAt(plane, slice, c, r))] = label;
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Sets every voxel whose centre is within {@code radiusMm} of {@code centreMm} (LPS), measured in
     * patient space, so the sphere is round in the patient whatever the voxel size.
     *
     * @return the number of voxels set
     */
    public static int sphere(Volume<FloatType> labels, double[] centreMm, double radiusMm, int label) {
        Geometry g = labels.geometry();
        float[] out = Volumes.floats(labels);
        int nx = (int) labels.dimension(0), ny = (int) labels.dimension(1), nz = (int) labels.dimension(2);
        double r2 = radiusMm * radiusMm;
        int count = 0;
        for (int k = 0, n = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, n++) {
                    double[] p = g.toPatient(i, j, k);
                    double dx = p[0] - centreMm[0], dy = p[1] - centreMm[1], dz = p[2] - centreMm[2];
                    if (dx * dx + dy * dy + dz * dz <= r2) {
                        out[n] = label;
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static int index(Volume<?> v, long[] voxel) {
        return (int) (voxel[0] + v.dimension(0) * (voxel[1] + v.dimension(1) * voxel[2]));
    }
}
