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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.statistics.SampleStatistics;
import org.ferrum.pipeline.api.LabelNames;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * Statistics of a volume's values in each region of a label map (or in the inside of a mask).
 *
 * <p>Contract: one row per label &gt; 0 present in {@code labels} (ascending), for a 4-D volume one
 * row per frame and label (frame-major, frames numbered from 1 in a {@code frame} column that only
 * 4-D volumes get). Columns: {@code label}, {@code name} (only when names are known: from {@code label_names}, else
 * the label map's legend, {@link LabelNames#parse(String, String, org.ferrum.core.labels.LabelTable)}; "label N" for a
 * label neither names; version 1.2), {@code n} (finite voxels), {@code n_nan} (NaN voxels) and
 * {@code n_inf} (±∞ voxels), both left out of everything else, then {@code mean}, {@code median},
 * {@code sd}, {@code min}, {@code max} in the volume's unit as {@link SampleStatistics} defines them
 * (median exact, sd the sample SD with n − 1).
 *
 * <p>Suspect input is counted and said, not passed on silently: a label map with no voxel &gt; 0 is refused
 * (the table would have no rows — e.g. a threshold of an all-NaN volume); infinite voxels and regions
 * without a single finite value each give one warning ({@link OperatorContext#warn}, with the counts), and
 * their rows stay in the table with NaN statistics. Version 1.1 added {@code n_inf} (1.0 let one infinite
 * voxel turn a region's mean into ±∞ and its SD into NaN). {@code labels} must hold whole numbers ≥ 0 and be one 3-D frame on the volume's grid (same
 * x, y, z size and placement within 10⁻³ mm); a mask is the label map of the one region 1.
 *
 * <p>How: per frame, every labelled voxel becomes one 64-bit key (label in the high half, the value's
 * bits in the low half, ordered so that unsigned order is {@link Float#compare} order); one parallel
 * sort of the keys then lays out each region's values contiguously and in ascending order, NaNs
 * last, and one pass reads off every statistic, the median included.
 */
@ServiceProvider(service = Operator.class)
public final class RoiStatisticsOperator implements Operator {

    static final String ID = "roi.statistics";

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The values (3-D, or 4-D for statistics per frame)");
    public static final Port<Volume<FloatType>> LABELS = Port.required(
            "labels",
            PortTypes.VOLUME,
            "A label map (whole numbers, 0 = background) or a mask (1 inside), 3-D on the volume's grid");
    public static final Parameter<String> LABEL_NAMES = Parameter.text(
            "label_names",
            "",
            "Names of the labels, e.g. '1=tumour,2=cord'; labels not named here take the label map's legend"
                    + " (FreeSurfer, FIRST, dseg.tsv); with no names at all the table has no name column");
    public static final Port<Table> TABLE =
            Port.output("table", PortTypes.TABLE, "One row per region (and frame), values in the volume's unit");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.2")
            .displayName("ROI statistics")
            .category(Categories.STATISTICS)
            .description(
                    "n, mean, median, sample SD, min and max of the volume in each labelled region (per frame for 4-D);"
                            + " NaN and infinite voxels are left out and counted.")
            .inputs(List.of(VOLUME, LABELS))
            .parameter(LABEL_NAMES)
            .output(TABLE)
            .build();

    private static final double LABEL_SHARE = 0.2;

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        Volume<FloatType> labels = context.input(LABELS);
        Map<Integer, String> names = LabelNames.parse(LABEL_NAMES.name(), context.get(LABEL_NAMES), labels.labels());
        SharedGrid.requireSameSpace("volume", volume, "labels", labels);
        if (labels.frames() != 1) {
            throw OperatorException.badInput("input 'labels' has " + labels.frames() + " frames ("
                    + SharedGrid.size(labels) + "); labels are one 3-D frame, applied to every frame of the volume");
        }
        LabelIndex index = LabelIndex.of(new Stage(context, "reading labels", 0, LABEL_SHARE), "labels", labels);
        if (index.labelledVoxels() == 0) {
            throw OperatorException.badInput(
                    "input 'labels' (" + SharedGrid.size(labels) + ") has no voxel > 0, so there is no"
                            + " region to measure (an empty mask, e.g. a threshold of an all-NaN or all-zero volume?)");
        }
        if (index.labelledVoxels() > Volumes.MAX_ARRAY_ELEMENTS) {
            throw OperatorException.failure(
                    index.labelledVoxels() + " labelled voxels are more than region statistics can" + " sort at once ("
                            + Volumes.MAX_ARRAY_ELEMENTS + ")",
                    null);
        }

        boolean perFrame = volume.numDimensions() == 4;
        PhysicalUnit unit = volume.unit();
        List<Column> columns = new ArrayList<>();
        if (perFrame) {
            columns.add(Column.number("frame", null));
        }
        columns.addAll(List.of(Column.number("label", null)));
        if (!names.isEmpty()) {
            columns.add(Column.text("name"));
        }
        columns.addAll(List.of(
                Column.number("n", null),
                Column.number("n_nan", null),
                Column.number("n_inf", null),
                Column.number("mean", unit),
                Column.number("median", unit),
                Column.number("sd", unit),
                Column.number("min", unit),
                Column.number("max", unit)));
        Table.Builder table = Table.builder(columns.toArray(Column[]::new));

        int frames = volume.frames();
        long infinite = 0;
        List<String> empty = new ArrayList<>();
        double share = (1 - LABEL_SHARE) / frames;
        for (int t = 0; t < frames; t++) {
            Stage stage = new Stage(
                    context,
                    "statistics of frame " + (t + 1) + " of " + frames,
                    LABEL_SHARE + t * share,
                    LABEL_SHARE + (t + 0.7) * share);
            long[] keys = keysOf(stage, volume.frame(t), index);
            context.checkCancelled();
            Arrays.parallelSort(keys);
            context.checkCancelled();
            float[] values = new float[keys.length];
            for (int i = 0; i < keys.length; i++) {
                values[i] = valueOf(keys[i]);
            }
            for (int from = 0; from < keys.length; ) {
                int label = labelOf(keys[from]);
                int to = from + 1;
                while (to < keys.length && labelOf(keys[to]) == label) {
                    to++;
                }
                SampleStatistics s = SampleStatistics.ofSorted(values, from, to);
                List<Object> row = new ArrayList<>();
                if (perFrame) {
                    row.add(t + 1);
                }
                row.add(label);
                if (!names.isEmpty()) {
                    row.add(LabelNames.nameOf(names, label));
                }
                row.addAll(List.of(s.n(), s.nNaN(), s.nInf(), s.mean(), s.median(), s.sd(), s.min(), s.max()));
                table.row(row.toArray());
                infinite += s.nInf();
                if (s.n() == 0) {
                    empty.add((perFrame ? "frame " + (t + 1) + " " : "") + "label " + label + " (" + s.nNaN() + " NaN, "
                            + s.nInf() + " infinite)");
                }
                from = to;
            }
            context.progress(LABEL_SHARE + (t + 1) * share, "statistics of frame " + (t + 1) + " of " + frames);
        }
        Table result = table.build();
        if (infinite > 0) {
            context.warn(infinite + " labelled voxel value(s) of input 'volume' are ±∞; they are left out of the"
                    + " statistics and counted in n_inf");
        }
        if (!empty.isEmpty()) {
            context.warn(empty.size() + " of " + result.rowCount() + " rows have no finite value, so their"
                    + " statistics are NaN: " + String.join(", ", empty.subList(0, Math.min(5, empty.size())))
                    + (empty.size() > 5 ? ", …" : ""));
        }
        context.log(result.rowCount() + " rows over " + frames + (frames == 1 ? " frame" : " frames") + ", "
                + index.labelledVoxels() + " labelled voxels per frame");
        context.output(TABLE, result);
    }

    /** The sort keys of the labelled voxels of one 3-D frame, in row order. */
    static long[] keysOf(Stage stage, Volume<FloatType> frame, LabelIndex index) {
        long[] keys = new long[(int) index.labelledVoxels()];
        long nx = frame.dimension(0);
        VoxelLoop.rows(stage, frame, (from, to) -> {
            RandomAccess<FloatType> access = frame.image().randomAccess();
            for (long r = from; r < to; r++) {
                VoxelLoop.toRowStart(access, frame, r);
                int k = (int) index.rowStart[(int) r];
                int base = (int) (nx * r);
                for (int x = 0; x < nx; x++) {
                    if (x > 0) {
                        access.fwd(0);
                    }
                    int label = index.label[base + x];
                    if (label > 0) {
                        keys[k++] = key(label, access.get().get());
                    }
                }
            }
        });
        return keys;
    }

    /**
     * {@code label · 2³² + u(v)}, where {@code u} maps floats to unsigned 32-bit integers in
     * {@link Float#compare} order: the canonical bits ({@link Float#floatToIntBits}, one NaN above +∞),
     * with all but the sign bit flipped for negative values, then the sign bit flipped. As labels are
     * ≥ 0, signed order of keys is (label, value) order.
     */
    static long key(int label, float v) {
        int bits = Float.floatToIntBits(v);
        int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
        return ((long) label << 32) | Integer.toUnsignedLong(ordered ^ 0x80000000);
    }

    static int labelOf(long key) {
        return (int) (key >>> 32);
    }

    /** Inverse of {@link #key} for the value. */
    static float valueOf(long key) {
        int ordered = (int) key ^ 0x80000000;
        return Float.intBitsToFloat(ordered >= 0 ? ordered : ordered ^ 0x7fffffff);
    }
}
