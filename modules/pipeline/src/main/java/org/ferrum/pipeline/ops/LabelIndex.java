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
package org.ferrum.pipeline.ops;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.LabelErosion;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.SharedGrid;

/**
 * The labels of a one-frame label map (or mask) as integers, with where each row's labelled voxels
 * start in a list of all labelled voxels: what region statistics need to gather a volume's values by
 * label in one parallel pass.
 *
 * <p>Contract: {@code label[x + nx·r]} is the label of voxel x of row r (rows as in {@link VoxelLoop});
 * a voxel is labelled if its label is &gt; 0; {@code rowStart[r]} is the number of labelled voxels in
 * rows 0…r−1, so row r's labelled voxels are entries {@code rowStart[r]…rowStart[r+1]−1} of a list in
 * row order, and {@code rowStart[rows]} counts them all.
 */
final class LabelIndex {

    final int[] label;
    final long[] rowStart;

    private LabelIndex(int[] label, long[] rowStart) {
        this.label = label;
        this.rowStart = rowStart;
    }

    /** Number of voxels with a label &gt; 0. */
    long labelledVoxels() {
        return rowStart[rowStart.length - 1];
    }

    /**
     * Reads and checks the labels on input {@code port}: every voxel must hold a whole number in
     * [0, 2³¹ − 1].
     *
     * @throws OperatorException bad input naming the first offending voxel found and its value
     */
    static LabelIndex of(Stage stage, String port, Volume<FloatType> labels) throws OperatorException {
        long nx = labels.dimension(0);
        long voxels = labels.voxelsPerFrame();
        if (voxels > Volumes.MAX_ARRAY_ELEMENTS) {
            throw OperatorException.failure(
                    "input '" + port + "' (" + SharedGrid.size(labels) + ") has more voxels than"
                            + " region statistics can index (" + Volumes.MAX_ARRAY_ELEMENTS + ")",
                    null);
        }
        int[] label = new int[(int) voxels];
        long rows = VoxelLoop.rowCount(labels);
        long[] rowStart = new long[(int) rows + 1];
        try {
            VoxelLoop.rows(stage, labels, (from, to) -> {
                RandomAccess<FloatType> access = labels.image().randomAccess();
                for (long r = from; r < to; r++) {
                    VoxelLoop.toRowStart(access, labels, r);
                    int count = 0;
                    for (long x = 0; x < nx; x++) {
                        if (x > 0) {
                            access.fwd(0);
                        }
                        float v = access.get().get();
                        if (!(v >= 0 && v < 0x1p31f && v == Math.rint(v))) {
                            throw new InvalidLabel(x, r % labels.dimension(1), r / labels.dimension(1), v);
                        }
                        int l = (int) v;
                        label[(int) (x + nx * r)] = l;
                        if (l > 0) {
                            count++;
                        }
                    }
                    rowStart[(int) r + 1] = count;
                }
            });
        } catch (InvalidLabel e) {
            throw OperatorException.badInput(
                    "input '" + port + "': voxel (" + e.x + ", " + e.y + ", " + e.z + ") holds " + e.value
                            + "; a label map holds whole numbers ≥ 0 (0 = background) and a mask 0 or 1");
        }
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        return new LabelIndex(label, rowStart);
    }

    /**
     * The labels present ({@code > 0}), ascending.
     */
    int[] labels() {
        return java.util.Arrays.stream(label)
                .filter(l -> l > 0)
                .distinct()
                .sorted()
                .toArray();
    }

    /**
     * This index with every region eroded {@code steps} times ({@link LabelErosion}: in one step a labelled voxel loses
     * its label when one of its six face neighbours inside the grid holds another label, background included; the
     * grid's edge does not erode).
     *
     * @param nx, ny, nz the grid (rows as in {@link VoxelLoop}: row r = y + ny·z)
     */
    LabelIndex eroded(long nx, long ny, long nz, int steps) {
        int[] current = LabelErosion.eroded(label, (int) nx, (int) ny, (int) nz, steps);
        long rows = ny * nz;
        long[] starts = new long[(int) rows + 1];
        for (int r = 0; r < rows; r++) {
            int count = 0;
            for (int x = 0; x < nx; x++) {
                count += current[(int) (x + nx * r)] > 0 ? 1 : 0;
            }
            starts[r + 1] = starts[r] + count;
        }
        return new LabelIndex(current, starts);
    }

    /** Thrown out of the parallel loop at the first voxel that is not a label. */
    private static final class InvalidLabel extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long x;
        final long y;
        final long z;
        final float value;

        InvalidLabel(long x, long y, long z, float value) {
            super(null, null, false, false);
            this.x = x;
            this.y = y;
            this.z = z;
            this.value = value;
        }
    }
}
