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

import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;

/**
 * The paint and erase brushes of ROI editing, as in 3D Slicer's segment editor: a disc in the slice being drawn on (2-D)
 * or a sphere (3-D), with its radius in patient millimetres, so the brush is round in the patient whatever the voxel
 * size. A voxel is under the brush when its centre lies within the radius of the brush centre (the centre of the voxel
 * under the mouse); for the disc, only voxels of that slice count (the in-plane distance). Painting sets the voxels to
 * the active label, over any other label; erasing sets the voxels of the active label to 0 and leaves other labels.
 *
 * @param shape    disc (2-D) or sphere (3-D)
 * @param radiusMm radius in mm (&gt; 0)
 */
public record Brush(Shape shape, double radiusMm) {

    /** Where the brush reaches. */
    public enum Shape {
        /** The voxels of the current slice within the radius (in the slice plane). */
        DISC("2-D disc"),
        /** The voxels within the radius in 3-D. */
        SPHERE("3-D sphere");

        private final String label;

        Shape(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public Brush {
        if (shape == null) {
            throw new IllegalArgumentException("the brush needs a shape");
        }
        if (!(radiusMm > 0) || Double.isInfinite(radiusMm)) {
            throw new IllegalArgumentException("the brush radius must be a positive number of mm, got " + radiusMm);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.3g mm", shape, radiusMm);
    }

    /**
     * One dab of the brush centred on voxel {@code centre}.
     *
     * @param normalAxis the index axis normal to the slice drawn on (used by the disc: the dab stays in slice
     *                   {@code centre[normalAxis]})
     * @param label      the active label (≥ 1)
     * @param erase      false: set the voxels to {@code label}; true: set the voxels holding {@code label} to 0
     * @return the number of voxels changed
     */
    public int dab(
            LabelEdit.Recorder into,
            Volume<FloatType> labels,
            long[] centre,
            int normalAxis,
            int label,
            boolean erase) {
        Geometry g = labels.geometry();
        double[] vs = g.voxelSize();
        int[] size = {(int) labels.dimension(0), (int) labels.dimension(1), (int) labels.dimension(2)};
        int[] lo = new int[3], hi = new int[3];
        for (int d = 0; d < 3; d++) {
            int reach = (int) Math.ceil(radiusMm / vs[d]) + 1;
            boolean flat = shape == Shape.DISC && d == normalAxis;
            lo[d] = (int) Math.max(0, flat ? centre[d] : centre[d] - reach);
            hi[d] = (int) Math.min(size[d] - 1, flat ? centre[d] : centre[d] + reach);
        }
        double[] c = g.toPatient(centre[0], centre[1], centre[2]);
        double r2 = radiusMm * radiusMm;
        float[] a = into.array();
        float value = erase ? 0f : label;
        int changed = 0;
        for (int k = lo[2]; k <= hi[2]; k++) {
            for (int j = lo[1]; j <= hi[1]; j++) {
                for (int i = lo[0]; i <= hi[0]; i++) {
                    double[] p = g.toPatient(i, j, k);
                    double dx = p[0] - c[0], dy = p[1] - c[1], dz = p[2] - c[2];
                    if (dx * dx + dy * dy + dz * dz > r2) {
                        continue;
                    }
                    int n = i + size[0] * (j + size[1] * k);
                    if (erase && Math.round(a[n]) != label) {
                        continue;
                    }
                    if (into.set(n, value)) {
                        changed++;
                    }
                }
            }
        }
        return changed;
    }
}
