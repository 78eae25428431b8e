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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;

/**
 * Puts a map on another map's voxel grid for side-by-side display, so that linked views show the same
 * anatomy at the same screen position.
 *
 * <p>Policy: a map on the same grid (dimensions equal, affine within {@value #TOLERANCE_MM} mm) is used as
 * it is; a map placed differently but overlapping the reference is resampled nearest-neighbour onto the
 * reference grid (voxels outside the map become NaN, i.e. transparent); a map that does not overlap the
 * reference at all is refused with a {@link GeometryMismatchException} naming it. Nearest-neighbour keeps
 * the original values (no blurring of χ or R2*), which is what a reader of a quantitative map expects;
 * statistics should still be taken on the original grid.
 */
public final class GridResampling {

    /** Affines whose entries differ by no more than this (mm) are the same grid. */
    public static final double TOLERANCE_MM = 1e-3;

    private GridResampling() {}

    /** Thrown when a map cannot be shown beside the reference; the message is for the user. */
    public static final class GeometryMismatchException extends IllegalArgumentException {
        public GeometryMismatchException(String message) {
            super(message);
        }
    }

    /** True if {@code map} lies on {@code reference}'s grid (spatial dimensions and affine). */
    public static boolean sameGrid(Volume<?> reference, Volume<?> map) {
        for (int d = 0; d < 3; d++) {
            if (reference.dimension(d) != map.dimension(d)) {
                return false;
            }
        }
        return reference.geometry().approximatelyEquals(map.geometry(), TOLERANCE_MM);
    }

    /**
     * {@code map} on {@code reference}'s grid (see the class policy); all frames of a 4-D map are kept.
     *
     * @throws GeometryMismatchException if the map does not overlap the reference
     */
    public static NamedVolume onto(NamedVolume reference, NamedVolume map) {
        Volume<FloatType> ref = reference.volume(), src = map.volume();
        if (sameGrid(ref, src)) {
            return map;
        }
        if (!overlaps(ref, src)) {
            throw new GeometryMismatchException("'" + map.name() + "' does not overlap '" + reference.name()
                    + "' in the patient (" + src.geometry() + " vs " + ref.geometry() + "); it cannot be linked");
        }
        VoxelGrid grid = VoxelGrid.of(ref);
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int sx = (int) src.dimension(0), sy = (int) src.dimension(1), sz = (int) src.dimension(2);
        // reference voxel -> source voxel: src⁻¹ · ref, applied incrementally along x
        Geometry rg = ref.geometry(), sg = src.geometry();
        double[] o = sg.toVoxel(rg.origin()[0], rg.origin()[1], rg.origin()[2]);
        double[] ex = step(rg, sg, 0), ey = step(rg, sg, 1), ez = step(rg, sg, 2);
        float[][] frames = new float[src.frames()][];
        for (int t = 0; t < frames.length; t++) {
            float[] in = VolumeArrays.frame(src, t);
            float[] out = new float[grid.size()];
            int n = 0;
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++, n++) {
                        long a = Math.round(o[0] + i * ex[0] + j * ey[0] + k * ez[0]);
                        long b = Math.round(o[1] + i * ex[1] + j * ey[1] + k * ez[1]);
                        long c = Math.round(o[2] + i * ex[2] + j * ey[2] + k * ez[2]);
                        out[n] = a < 0 || b < 0 || c < 0 || a >= sx || b >= sy || c >= sz
                                ? Float.NaN
                                : in[(int) (a + sx * (b + (long) sy * c))];
                    }
                }
            }
            frames[t] = out;
        }
        Volume<FloatType> resampled = frames.length == 1
                ? VolumeArrays.volume(frames[0], grid, rg, src.unit())
                : VolumeArrays.frames(frames, grid, rg, src.unit());
        return new NamedVolume(map.name(), resampled);
    }

    /** Source-voxel displacement when the reference index along {@code axis} grows by one. */
    private static double[] step(Geometry ref, Geometry src, int axis) {
        double[] p0 = ref.toPatient(0, 0, 0);
        double[] p1 = ref.toPatient(axis == 0 ? 1 : 0, axis == 1 ? 1 : 0, axis == 2 ? 1 : 0);
        double[] v0 = src.toVoxel(p0[0], p0[1], p0[2]), v1 = src.toVoxel(p1[0], p1[1], p1[2]);
        return new double[] {v1[0] - v0[0], v1[1] - v0[1], v1[2] - v0[2]};
    }

    /**
     * True if the two voxel boxes (voxel edges, ±½ voxel around the centres) intersect: the source box's
     * eight corners are taken into the reference's voxel space and their bounding box tested against it
     * (exact for parallel grids, conservative for oblique ones).
     */
    static boolean overlaps(Volume<?> ref, Volume<?> src) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int corner = 0; corner < 8; corner++) {
            double i = (corner & 1) == 0 ? -0.5 : src.dimension(0) - 0.5;
            double j = (corner & 2) == 0 ? -0.5 : src.dimension(1) - 0.5;
            double k = (corner & 4) == 0 ? -0.5 : src.dimension(2) - 0.5;
            double[] p = src.geometry().toPatient(i, j, k);
            double[] v = ref.geometry().toVoxel(p[0], p[1], p[2]);
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.min(lo[d], v[d]);
                hi[d] = Math.max(hi[d], v[d]);
            }
        }
        for (int d = 0; d < 3; d++) {
            if (hi[d] <= -0.5 || lo[d] >= ref.dimension(d) - 0.5) {
                return false;
            }
        }
        return true;
    }
}
