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

import java.util.Arrays;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.statistics.SampleStatistics;

/**
 * Statistics of one ROI label over every linked map, each in its own unit: the table the comparison
 * window shows (χ in ppm, R2* in 1/s, LIC in mg Fe/g dw side by side). The numbers come from
 * {@link SampleStatistics} (exact median, definition-7 quartiles, NaN voxels counted apart).
 *
 * <p>The maps must lie on the label map's grid (resample with {@link GridResampling} first); frame 0
 * of 4-D maps is used.
 */
public final class RoiStatistics {

    private RoiStatistics() {}

    /** The values of {@code map} (frame 0) in the voxels labelled {@code label}, in voxel order. */
    public static float[] values(Volume<FloatType> map, Volume<FloatType> labels, int label) {
        if (!GridResampling.sameGrid(labels, map)) {
            throw new IllegalArgumentException("the map is not on the label map's grid; resample it first");
        }
        float[] v = VolumeArrays.frame(map, 0);
        float[] l = VolumeArrays.frame(labels, 0);
        float[] out = new float[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (Math.round(l[i]) == label && l[i] != 0) {
                out[n++] = v[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Statistics of {@code map} in ROI {@code label}. */
    public static SampleStatistics of(Volume<FloatType> map, Volume<FloatType> labels, int label) {
        float[] v = values(map, labels, label);
        Arrays.sort(v);
        return SampleStatistics.ofSorted(v, 0, v.length);
    }

    /**
     * One row per map: map, unit, voxels (n), NaN voxels, mean, SD, median, Q1, Q3, min, max. The number
     * columns are declared dimensionless because each row has its own unit, named in the unit column.
     */
    public static Table table(List<NamedVolume> maps, Volume<FloatType> labels, int label) {
        PhysicalUnit none = PhysicalUnit.DIMENSIONLESS;
        Table.Builder b = Table.builder(
                Table.Column.text("map"),
                Table.Column.text("unit"),
                Table.Column.number("n", none),
                Table.Column.number("nNaN", none),
                Table.Column.number("mean", none),
                Table.Column.number("sd", none),
                Table.Column.number("median", none),
                Table.Column.number("q1", none),
                Table.Column.number("q3", none),
                Table.Column.number("min", none),
                Table.Column.number("max", none));
        for (NamedVolume m : maps) {
            SampleStatistics s = of(m.volume(), labels, label);
            b.row(
                    m.name(),
                    m.volume().unit().symbol(),
                    (double) s.n(),
                    (double) s.nNaN(),
                    s.mean(),
                    s.sd(),
                    s.median(),
                    s.q1(),
                    s.q3(),
                    s.min(),
                    s.max());
        }
        return b.build();
    }
}
