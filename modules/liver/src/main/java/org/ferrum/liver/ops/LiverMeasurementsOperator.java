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
package org.ferrum.liver.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.statistics.BlandAltman;
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
import org.ferrum.pipeline.api.VolumeInputs;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code liver.measurements}: the side-by-side table of a liver study, one row per labelled region.
 *
 * <p>Contract: one row per label &gt; 0 present in {@code labels}, ascending. Columns: {@code label}, {@code name}
 * (from {@code label_names}, else "label N"), {@code n} (voxels of the region); then for each connected map M, in
 * the order pdff, r2star, fieldmap, chi, lic_r2star, lic_qsm: {@code M_n} (non-NaN voxels), {@code M_n_nan}
 * (NaN voxels, left out; ±∞ voxels are left out too, counted in a warning), {@code M_median}, {@code M_q1}, {@code M_q3}, {@code M_iqr} in M's unit, quartiles as
 * {@link SampleStatistics} defines them (Hyndman &amp; Fan definition 7, linear interpolation). When both LIC maps are
 * connected, over the voxels where both are non-NaN: {@code lic_diff_n}, {@code lic_diff_n_nan},
 * {@code lic_diff_median} (median of LIC_QSM − LIC_R2*), and Bland–Altman {@code ba_bias}, {@code ba_sd},
 * {@code ba_loa_lower}, {@code ba_loa_upper} (bias ± 1.96·SD; {@link BlandAltman}) in mg Fe/g dw. With the optional
 * {@code mask} (the voxels the maps were fitted in, e.g. the fat–water signal mask) every map counts as NaN outside it,
 * so the zeros that fitting operators write there never enter a median, and a column {@code n_mask} (the region's voxels
 * inside the mask) follows {@code n}.
 */
@ServiceProvider(service = Operator.class)
public final class LiverMeasurementsOperator implements Operator {

    static final String ID = "liver.measurements";

    /** A map input and the unit it is read in. */
    record MapPort(Port<Volume<FloatType>> port, PhysicalUnit unit) {}

    public static final Port<Volume<FloatType>> LABELS = Port.required(
            "labels",
            PortTypes.VOLUME,
            "A label map (as roi.statistics takes it; a read volume or a mask is fine): whole numbers, 0 = background (e.g. 1"
                    + " liver, 2 spleen, 3 subcutaneous fat)");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
            "mask",
            PortTypes.MASK,
            "Voxels where the maps are valid (e.g. the fat–water signal mask); outside it every map counts as NaN");
    public static final Port<Volume<FloatType>> PDFF =
            MapInput.port("pdff", false, "PDFF", "Proton-density fat fraction (%)");
    public static final Port<Volume<FloatType>> R2STAR = MapInput.port("r2star", false, "R2*", "R2* (1/s)");
    public static final Port<Volume<FloatType>> FIELDMAP =
            MapInput.port("fieldmap", false, "field", "B0 field map (Hz)");
    public static final Port<Volume<FloatType>> CHI =
            MapInput.port("chi", false, "susceptibility", "Susceptibility (ppm)");
    public static final Port<Volume<FloatType>> LIC_R2STAR =
            MapInput.port("lic_r2star", false, "LIC", "LIC from R2* (mg Fe/g dw)");
    public static final Port<Volume<FloatType>> LIC_QSM =
            MapInput.port("lic_qsm", false, "LIC", "LIC from susceptibility (mg Fe/g dw)");
    public static final Parameter<String> LABEL_NAMES = Parameter.text(
            "label_names",
            "",
            "Names of the labels, e.g. '1=liver,2=spleen,3=subcutaneous fat'; unnamed labels are called 'label N'");
    public static final Port<Table> MEASUREMENTS =
            Port.output("measurements", PortTypes.TABLE, "One row per label; statistics in each map's unit");

    /** The optional maps with the unit each is read in, in column order. */
    static final List<MapPort> MAPS = List.of(
            new MapPort(PDFF, PhysicalUnit.PERCENT),
            new MapPort(R2STAR, PhysicalUnit.PER_SECOND),
            new MapPort(FIELDMAP, PhysicalUnit.HERTZ),
            new MapPort(CHI, PhysicalUnit.PPM),
            new MapPort(LIC_R2STAR, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT),
            new MapPort(LIC_QSM, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT));

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Liver measurements")
            .category(LiverCategory.NAME)
            .description(
                    "Per labelled region: median, quartiles (Hyndman & Fan definition 7) and IQR of PDFF, R2*, field, χ and"
                            + " both LICs, and the agreement of LIC_QSM with LIC_R2* (median difference; Bland–Altman bias, SD and 95 %"
                            + " limits of agreement, Bland & Altman, Lancet 1986). NaN voxels are left out and counted.")
            .inputs(List.of(LABELS, MASK, PDFF, R2STAR, FIELDMAP, CHI, LIC_R2STAR, LIC_QSM))
            .parameter(LABEL_NAMES)
            .output(MEASUREMENTS)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Map<Integer, String> names = parseNames(context.get(LABEL_NAMES));
        Volume<FloatType> labelVolume = context.input(LABELS);
        if (labelVolume.frames() != 1) {
            throw OperatorException.badInput(
                    "input 'labels' has " + labelVolume.frames() + " frames; a label map is one 3-D frame");
        }
        context.progress(0.05, "reading labels");
        int[] label = labels(VolumeArrays.frame(labelVolume, 0));
        Map<String, MapInput> maps = new LinkedHashMap<>();
        for (MapPort map : MAPS) {
            Optional<MapInput> m = MapInput.optional(context, map.port(), map.unit());
            if (m.isPresent()) {
                SharedGrid.requireSameSpace(
                        LABELS.name(), labelVolume, map.port().name(), m.get().volume());
                maps.put(map.port().name(), m.get());
            }
        }
        if (maps.isEmpty()) {
            throw OperatorException.badInput("no map is connected: connect at least one of "
                    + MAPS.stream().map(m -> m.port().name()).toList());
        }
        boolean agreement = maps.containsKey(LIC_R2STAR.name()) && maps.containsKey(LIC_QSM.name());
        Optional<Volume<FloatType>> maskVolume = context.optionalInput(MASK);
        boolean[] inside = null;
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(LABELS.name(), labelVolume, MASK.name(), maskVolume.get());
            inside = VolumeInputs.mask(maskVolume.get(), MASK.name());
        }

        // voxel indices grouped by label (counting sort), labels ascending
        TreeMap<Integer, int[]> regions = regions(label);
        context.log(regions.size() + " labelled regions " + regions.keySet() + "; maps " + maps.keySet()
                + (agreement ? "; LIC_QSM − LIC_R2* agreement per region" : ""));

        Table.Builder table =
                Table.builder(columns(maps, agreement, inside != null).toArray(Column[]::new));
        int done = 0;
        for (Map.Entry<Integer, int[]> region : regions.entrySet()) {
            context.checkCancelled();
            int[] voxels = region.getValue();
            List<Object> row = new ArrayList<>(List.of(
                    region.getKey(), names.getOrDefault(region.getKey(), "label " + region.getKey()), voxels.length));
            if (inside != null) {
                int in = 0;
                for (int v : voxels) {
                    in += inside[v] ? 1 : 0;
                }
                row.add(in);
            }
            for (MapInput m : maps.values()) {
                float[] v = gather(m.values(), voxels, inside);
                Arrays.sort(v);
                SampleStatistics s = SampleStatistics.ofSorted(v, 0, v.length);
                row.addAll(List.of(s.n(), s.nNaN(), s.median(), s.q1(), s.q3(), s.iqr()));
                if (s.nInf() > 0) {
                    // ±∞ is no measurement either, but unlike NaN it is not a documented "no value": say it
                    context.warn(m.port() + " in " + row.get(1) + ": " + s.nInf() + " voxels hold ±∞ and are left out"
                            + " of its median and quartiles (not counted in " + m.port() + "_n or " + m.port()
                            + "_n_nan)");
                }
            }
            if (agreement) {
                BlandAltman ba = BlandAltman.of(
                        gather(maps.get(LIC_QSM.name()).values(), voxels, inside),
                        gather(maps.get(LIC_R2STAR.name()).values(), voxels, inside));
                row.addAll(List.of(
                        ba.n(),
                        ba.nNaN(),
                        ba.medianDifference(),
                        ba.bias(),
                        ba.sd(),
                        ba.lowerLimit(),
                        ba.upperLimit()));
                context.log(String.format(
                        Locale.ROOT,
                        "%s: LIC_QSM − LIC_R2* over %d voxels: bias %.3f, SD %.3f, limits [%.3f, %.3f]"
                                + " mg Fe/g dw (%d voxels without both)",
                        row.get(1),
                        ba.n(),
                        ba.bias(),
                        ba.sd(),
                        ba.lowerLimit(),
                        ba.upperLimit(),
                        ba.nNaN()));
            }
            table.row(row.toArray());
            context.progress(0.1 + 0.9 * ++done / regions.size(), "region " + region.getKey());
        }
        context.output(MEASUREMENTS, table.build());
    }

    private static List<Column> columns(Map<String, MapInput> maps, boolean agreement, boolean masked) {
        List<Column> c =
                new ArrayList<>(List.of(Column.number("label", null), Column.text("name"), Column.number("n", null)));
        if (masked) {
            c.add(Column.number("n_mask", null));
        }
        for (MapInput m : maps.values()) {
            String p = m.port();
            c.addAll(List.of(
                    Column.number(p + "_n", null),
                    Column.number(p + "_n_nan", null),
                    Column.number(p + "_median", m.unit()),
                    Column.number(p + "_q1", m.unit()),
                    Column.number(p + "_q3", m.unit()),
                    Column.number(p + "_iqr", m.unit())));
        }
        if (agreement) {
            PhysicalUnit u = PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT;
            c.addAll(List.of(
                    Column.number("lic_diff_n", null),
                    Column.number("lic_diff_n_nan", null),
                    Column.number("lic_diff_median", u),
                    Column.number("ba_bias", u),
                    Column.number("ba_sd", u),
                    Column.number("ba_loa_lower", u),
                    Column.number("ba_loa_upper", u)));
        }
        return c;
    }

    private static int[] labels(float[] values) throws OperatorException {
        int[] label = new int[values.length];
        for (int n = 0; n < values.length; n++) {
            float v = values[n];
            if (!(v >= 0 && v < 0x1p31f && v == Math.rint(v))) {
                throw OperatorException.badInput("input 'labels': voxel " + n + " holds " + v
                        + "; a label map holds whole numbers ≥ 0 (0 = background)");
            }
            label[n] = (int) v;
        }
        return label;
    }

    private static TreeMap<Integer, int[]> regions(int[] label) throws OperatorException {
        TreeMap<Integer, int[]> count = new TreeMap<>();
        for (int l : label) {
            if (l > 0) {
                count.computeIfAbsent(l, k -> new int[1])[0]++;
            }
        }
        if (count.isEmpty()) {
            throw OperatorException.badInput("input 'labels' holds no region (every voxel is 0)");
        }
        TreeMap<Integer, int[]> regions = new TreeMap<>();
        Map<Integer, int[]> fill = new TreeMap<>();
        count.forEach((l, c) -> {
            regions.put(l, new int[c[0]]);
            fill.put(l, new int[1]);
        });
        for (int n = 0; n < label.length; n++) {
            if (label[n] > 0) {
                regions.get(label[n])[fill.get(label[n])[0]++] = n;
            }
        }
        return regions;
    }

    /** The values of {@code voxels}, NaN where {@code inside} (if given) is false. */
    private static float[] gather(float[] values, int[] voxels, boolean[] inside) {
        float[] out = new float[voxels.length];
        for (int i = 0; i < voxels.length; i++) {
            out[i] = inside == null || inside[voxels[i]] ? values[voxels[i]] : Float.NaN;
        }
        return out;
    }

    /**
     * Reads "1=liver,2=spleen".
     *
     * @throws OperatorException naming the parameter and the bad entry
     */
    static Map<Integer, String> parseNames(String text) throws OperatorException {
        return LabelNames.parse(LABEL_NAMES.name(), text);
    }
}
