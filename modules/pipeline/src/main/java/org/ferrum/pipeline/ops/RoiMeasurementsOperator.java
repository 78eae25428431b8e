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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
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
 * {@code roi.measurements}: robust statistics of several parameter maps in each region of one label map, as one long
 * table — what a study stores per visit, region and parameter (the spine pipeline's {@code measurements}).
 *
 * <p>Contract: the connected inputs {@code map_1} … {@code map_12} (any quantity and unit, each one 3-D frame on the
 * grid of {@code labels}) are named by {@code map_names} in port order (blank: the port names). With {@code erode} = k
 * &gt; 0 every region first loses k voxel layers at its boundaries ({@link LabelIndex#eroded}: a voxel goes when a
 * face neighbour holds another label). Output {@code measurements}: one row per (region, map), regions ascending
 * (every label &gt; 0 of {@code labels}, also one eroded away), maps in port order; columns {@code label},
 * {@code name} (from {@code label_names}, else the label map's legend — FreeSurfer, FIRST, dseg.tsv names read by
 * {@code io.read.labels} — else "label N"; {@link LabelNames#parse(String, String, org.ferrum.core.labels.LabelTable)}), {@code map}, {@code unit} (the symbol of the map volume's
 * unit), {@code n} (finite voxels), {@code n_nan}, {@code n_inf} (voxels left out and counted), {@code median},
 * {@code q1}, {@code q3}, {@code iqr} = q3 − q1, {@code mean}, {@code sd} (sample SD, n − 1), in the map's unit, as
 * {@link SampleStatistics} defines them (quartiles: Hyndman &amp; Fan definition 7). Statistics are NaN when n = 0
 * (sd also when n = 1).
 *
 * <p>How: as {@code roi.statistics} — one 64-bit key per labelled voxel (label, value), one parallel sort per map, one
 * pass over the sorted values; so the values of a region come out in order and the median and quartiles are exact.
 */
@ServiceProvider(service = Operator.class)
public final class RoiMeasurementsOperator implements Operator {

    static final String ID = "roi.measurements";

    /** Number of optional map inputs. */
    public static final int MAP_PORTS = 12;

    public static final Port<Volume<FloatType>> LABELS = Port.required(
            "labels",
            PortTypes.VOLUME,
            "Label map (whole numbers, 0 = background; a mask is the label map of region 1), one 3-D frame; typed"
                    + " volume, as roi.statistics, so that a label file read by io.read.volume or a mask can feed it");

    /** {@code map_1} … {@code map_12}. */
    public static final List<Port<Volume<FloatType>>> MAPS = IntStream.rangeClosed(1, MAP_PORTS)
            .mapToObj(i -> Port.optional(
                    "map_" + i,
                    PortTypes.VOLUME,
                    "Parameter map " + i + " (any quantity and unit; 3-D on the labels' grid), named by map_names"))
            .toList();

    public static final Parameter<String> MAP_NAMES = Parameter.text(
            "map_names",
            "",
            "Names of the maps, comma-separated, e.g. 't1,ktrans,ve': one per connected map in port order, or one per"
                    + " port map_1 … map_N (unconnected ports' names skipped); blank: the port names");
    public static final Parameter<String> LABEL_NAMES = Parameter.text(
            "label_names",
            "",
            "Names of the labels, e.g. '1=tumour,2=normal marrow,3=cord'; labels not named here take the label map's"
                    + " legend (FreeSurfer, FIRST, dseg.tsv), else are called 'label N'");
    public static final Parameter<Long> ERODE = Parameter.integer(
            "erode",
            0,
            0L,
            20L,
            "Voxel layers taken off every region's boundary before measuring (0: none), against partial volume");
    public static final Port<Table> MEASUREMENTS = Port.output(
            "measurements",
            PortTypes.TABLE,
            "One row per region and map: n, NaN/∞ counts, median, quartiles, IQR, mean, SD in the map's unit");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("ROI measurements")
            .category(Categories.STATISTICS)
            .description("Per labelled region and connected map: median, quartiles (Hyndman & Fan definition 7), IQR,"
                    + " mean and SD, with the map's name and unit, as one long table (a row per region and map);"
                    + " NaN and infinite voxels are left out and counted. Optional erosion of the regions.")
            .inputs(concat(LABELS, MAPS))
            .parameter(MAP_NAMES)
            .parameter(LABEL_NAMES)
            .parameter(ERODE)
            .output(MEASUREMENTS)
            .build();

    private static final double LABEL_SHARE = 0.2;

    private static List<Port<?>> concat(Port<?> first, List<? extends Port<?>> rest) {
        List<Port<?>> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> labels = context.input(LABELS);
        Map<Integer, String> labelNames =
                LabelNames.parse(LABEL_NAMES.name(), context.get(LABEL_NAMES), labels.labels());
        if (labels.frames() != 1) {
            throw OperatorException.badInput("input 'labels' has " + labels.frames() + " frames ("
                    + SharedGrid.size(labels) + "); a label map is one 3-D frame");
        }
        Map<String, Volume<FloatType>> connected = new LinkedHashMap<>();
        for (Port<Volume<FloatType>> port : MAPS) {
            Optional<Volume<FloatType>> map = context.optionalInput(port);
            if (map.isPresent()) {
                SharedGrid.requireSameSpace(LABELS.name(), labels, port.name(), map.get());
                if (map.get().frames() != 1) {
                    throw OperatorException.badInput(
                            "input '" + port.name() + "' has " + map.get().frames() + " frames ("
                                    + SharedGrid.size(map.get()) + "); connect one 3-D map per port");
                }
                connected.put(port.name(), map.get());
            }
        }
        if (connected.isEmpty()) {
            throw OperatorException.badInput("no map is connected: connect at least one of map_1 … map_" + MAP_PORTS);
        }
        List<String> names = mapNames(context.get(MAP_NAMES), List.copyOf(connected.keySet()));

        LabelIndex index = LabelIndex.of(new Stage(context, "reading labels", 0, LABEL_SHARE), "labels", labels);
        int[] regions = index.labels();
        if (regions.length == 0) {
            throw OperatorException.badInput("input 'labels' (" + SharedGrid.size(labels)
                    + ") has no voxel > 0, so there is no region to measure");
        }
        int erode = context.get(ERODE).intValue();
        if (erode > 0) {
            long before = index.labelledVoxels();
            index = index.eroded(labels.dimension(0), labels.dimension(1), labels.dimension(2), erode);
            context.log("erosion by " + erode + " voxel(s): " + index.labelledVoxels() + " of " + before
                    + " labelled voxels kept");
            Set<Integer> kept = new HashSet<>();
            Arrays.stream(index.labels()).forEach(kept::add);
            List<String> gone = Arrays.stream(regions)
                    .filter(l -> !kept.contains(l))
                    .mapToObj(l -> LabelNames.nameOf(labelNames, l))
                    .toList();
            if (!gone.isEmpty()) {
                context.warn("erosion by " + erode + " voxel(s) leaves nothing of " + String.join(", ", gone)
                        + "; their rows have n = 0 and NaN statistics (lower 'erode')");
            }
        }
        if (index.labelledVoxels() > Volumes.MAX_ARRAY_ELEMENTS) {
            throw OperatorException.failure(
                    index.labelledVoxels() + " labelled voxels are more than region" + " statistics can sort at once ("
                            + Volumes.MAX_ARRAY_ELEMENTS + ")",
                    null);
        }

        // statistics[map][region]
        List<String> ports = List.copyOf(connected.keySet());
        SampleStatistics[][] statistics = new SampleStatistics[ports.size()][];
        double share = (1 - LABEL_SHARE) / ports.size();
        for (int m = 0; m < ports.size(); m++) {
            String port = ports.get(m);
            Stage stage = new Stage(
                    context, "statistics of " + names.get(m), LABEL_SHARE + m * share, LABEL_SHARE + (m + 0.7) * share);
            statistics[m] = perRegion(context, stage, connected.get(port).frame(0), index, regions);
            context.progress(LABEL_SHARE + (m + 1) * share, "statistics of " + names.get(m));
        }

        Table.Builder table = Table.builder(
                Column.number("label", null),
                Column.text("name"),
                Column.text("map"),
                Column.text("unit"),
                Column.number("n", null),
                Column.number("n_nan", null),
                Column.number("n_inf", null),
                Column.number("median", null),
                Column.number("q1", null),
                Column.number("q3", null),
                Column.number("iqr", null),
                Column.number("mean", null),
                Column.number("sd", null));
        for (int r = 0; r < regions.length; r++) {
            for (int m = 0; m < ports.size(); m++) {
                SampleStatistics s = statistics[m][r];
                PhysicalUnit unit = connected.get(ports.get(m)).unit();
                table.row(
                        regions[r],
                        LabelNames.nameOf(labelNames, regions[r]),
                        names.get(m),
                        unit == null ? "" : unit.symbol(),
                        s.n(),
                        s.nNaN(),
                        s.nInf(),
                        s.median(),
                        s.q1(),
                        s.q3(),
                        s.iqr(),
                        s.mean(),
                        s.sd());
                if (s.nInf() > 0) {
                    context.warn(names.get(m) + " in " + LabelNames.nameOf(labelNames, regions[r]) + ": " + s.nInf()
                            + " voxel(s) hold ±∞ and are left out (counted in n_inf)");
                }
            }
        }
        Table result = table.build();
        context.log(regions.length + " regions × " + ports.size() + " maps " + names);
        context.output(MEASUREMENTS, result);
    }

    /** The statistics of one map in each of {@code regions} (ascending), n = 0 for a region with no voxel. */
    private static SampleStatistics[] perRegion(
            OperatorContext context, Stage stage, Volume<FloatType> map, LabelIndex index, int[] regions) {
        long[] keys = RoiStatisticsOperator.keysOf(stage, map, index);
        context.checkCancelled();
        Arrays.parallelSort(keys);
        context.checkCancelled();
        float[] values = new float[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = RoiStatisticsOperator.valueOf(keys[i]);
        }
        SampleStatistics[] out = new SampleStatistics[regions.length];
        int from = 0;
        for (int r = 0; r < regions.length; r++) {
            int to = from;
            while (to < keys.length && RoiStatisticsOperator.labelOf(keys[to]) == regions[r]) {
                to++;
            }
            out[r] = SampleStatistics.ofSorted(values, from, to);
            from = to;
        }
        return out;
    }

    /**
     * The names of the connected maps (ports in order): {@code text} split at commas, one non-blank name per connected
     * port, or one per port {@code map_1} … {@code map_N} (N ≥ the highest connected port; names of unconnected ports
     * skipped), unique; blank text gives the port names.
     *
     * @throws OperatorException naming the parameter when the count or a name is wrong
     */
    static List<String> mapNames(String text, List<String> ports) throws OperatorException {
        if (text == null || text.isBlank()) {
            return ports;
        }
        List<String> names =
                Arrays.stream(text.split(",", -1)).map(String::trim).toList();
        if (names.size() != ports.size()) {
            // One name per port, map_1 … map_N: the names of ports left unconnected (e.g. their branch was left out
            // of the run because an optional pipeline input was empty) are skipped.
            int highest = ports.stream()
                    .mapToInt(p -> Integer.parseInt(p.substring(p.indexOf('_') + 1)))
                    .max()
                    .orElse(0);
            if (names.size() < highest || names.size() > MAP_PORTS) {
                throw OperatorException.badInput("parameter 'map_names' gives " + names.size() + " name(s) " + names
                        + " but " + ports.size() + " map(s) are connected " + ports
                        + "; give one name per connected map, or one per port map_1 … map_" + highest
                        + " (names of unconnected ports are skipped)");
            }
            List<String> byPort = new java.util.ArrayList<>();
            for (String p : ports) {
                byPort.add(names.get(Integer.parseInt(p.substring(p.indexOf('_') + 1)) - 1));
            }
            names = byPort;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.isEmpty() || n.length() > 64) {
                throw OperatorException.badInput("parameter 'map_names': the name of " + ports.get(i) + " is "
                        + (n.isEmpty() ? "blank" : "longer than 64 characters"));
            }
            if (!seen.add(n)) {
                throw OperatorException.badInput("parameter 'map_names' names two maps '" + n + "'");
            }
        }
        return names;
    }
}
