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
package org.ferrum.brain.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.brain.nuclei.Nucleus;
import org.ferrum.brain.nuclei.NucleusGrowing;
import org.ferrum.brain.nuclei.NucleusSeed;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code brain.nuclei.grow}: substantia nigra, red nucleus and dentate nucleus grown on χ from the user's clicks,
 * boxes or drawn regions ({@link NucleusGrowing}, whose rules and defaults it uses); a label map with its legend and
 * one table row per grown nucleus.
 */
@ServiceProvider(service = Operator.class)
public final class NucleusGrowOperator implements Operator {

    public static final String ID = "brain.nuclei.grow";

    public static final Port<Volume<FloatType>> CHI = Port.required(
                    "chi", PortTypes.VOLUME, "Susceptibility map the nuclei are grown on (ppm or ppb; NaN = no value)")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM, PhysicalUnit.PPB);
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask", PortTypes.MASK, "Brain mask: nuclei grow only inside it (absent: every voxel with a χ)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> SEED_LABELS = Port.optional(
            "seed_labels",
            PortTypes.LABEL_MAP,
            "Seeds drawn in the viewer on χ's grid: each label one click (small sphere), box or drawn region, its legend"
                    + " name giving nucleus and side (e.g. Left-Substantia-Nigra, red nucleus R, dentate_L)");
    public static final Port<Volume<FloatType>> LABELS = Port.optional(
            "labels",
            PortTypes.LABEL_MAP,
            "A label map on χ's grid to merge the grown nuclei into (FreeSurfer aseg, FSL FIRST, an atlas brought over"
                    + " by registration.apply), with its legend");
    public static final Parameter<String> SEEDS = Parameter.text(
            "seeds",
            "",
            "Seeds typed as text: " + NucleusSeed.SYNTAX + "; e.g. 'substantia nigra left=11,18,-13;"
                    + " red nucleus right=-5,20,-8; dentate left=8,36,-24:20,52,-12'");
    public static final Parameter<String> CONNECTIVITY = Parameter.choice(
            "connectivity",
            "6",
            List.of("6", "26"),
            "Voxel neighbours of the growth: 6 (faces; does not cross one-voxel diagonal bridges) or 26");
    public static final Parameter<Double> CONTRAST_FRACTION = Parameter.number(
            "contrast_fraction",
            NucleusGrowing.Params.DEFAULTS.contrastFraction(),
            0.05,
            0.95,
            null,
            "f: threshold = background + f × (interior − background); ½ is the half-contrast edge of a blurred nucleus");
    public static final Parameter<Double> NOISE_SIGMAS = Parameter.number(
            "noise_sigmas",
            NucleusGrowing.Params.DEFAULTS.noiseSigmas(),
            0.0,
            20.0,
            null,
            "z: the threshold is at least z noise SDs of the background (from neighbour differences) above its median");
    public static final Parameter<Double> CLOSING = Parameter.number(
            "closing_voxels",
            NucleusGrowing.Params.DEFAULTS.closingVoxels(),
            0.0,
            3.0,
            null,
            "Radius of the morphological closing of each nucleus, in voxels (0: none)");
    public static final Parameter<Boolean> FILL_HOLES = Parameter.flag(
            "fill_holes", NucleusGrowing.Params.DEFAULTS.fillHoles(), "Fill holes enclosed by a nucleus");

    public static final Port<Volume<FloatType>> NUCLEI = Port.output(
                    "nuclei",
                    PortTypes.LABEL_MAP,
                    "The grown nuclei on χ's grid, with their legend (Left-Substantia-Nigra 9901, Right- 9902,"
                            + " Left-Red-Nucleus 9903, Right- 9904, Left-Dentate-Nucleus 9905, Right- 9906)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> MERGED = Port.output(
                    "merged",
                    PortTypes.LABEL_MAP,
                    "Input 'labels' with the grown nuclei painted over it and both legends joined (the nuclei alone"
                            + " when 'labels' is not connected)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Table> TABLE = Port.output(
            "table",
            PortTypes.TABLE,
            "One row per grown nucleus: nucleus, hemisphere, label, voxels, volume, threshold, interior and background χ,"
                    + " mean χ (ppm), whether a leak was stopped, the seed");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Grow nuclei on χ")
            .category("Brain iron")
            .description("Substantia nigra, red nucleus and dentate nucleus grown on χ from a click, box or drawn"
                    + " region per nucleus and side: threshold at half the contrast between the nucleus's interior and"
                    + " its surrounding shell (medians; at least 3 robust SDs above the background), seeded region"
                    + " growing of all seeds together (Adams & Bischof 1994), a leak stop on a volume jump or above"
                    + " twice the nucleus's typical volume, closing and hole filling.")
            .input(CHI)
            .input(MASK)
            .input(SEED_LABELS)
            .input(LABELS)
            .parameter(SEEDS)
            .parameter(CONNECTIVITY)
            .parameter(CONTRAST_FRACTION)
            .parameter(NOISE_SIGMAS)
            .parameter(CLOSING)
            .parameter(FILL_HOLES)
            .output(NUCLEI)
            .output(TABLE)
            .output(MERGED)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The one place the parameters are read. */
    static NucleusGrowing.Params params(OperatorContext context) {
        NucleusGrowing.Params d = NucleusGrowing.Params.DEFAULTS;
        return new NucleusGrowing.Params(
                d.seedRadiusMm(),
                d.boxMarginMm(),
                context.get(CONTRAST_FRACTION),
                context.get(NOISE_SIGMAS),
                d.shellGapMm(),
                d.shellWidthMm(),
                d.leakJump(),
                d.leakSteps(),
                d.maxIterations(),
                "26".equals(context.get(CONNECTIVITY))
                        ? NucleusGrowing.Connectivity.TWENTY_SIX
                        : NucleusGrowing.Connectivity.SIX,
                context.get(CLOSING),
                context.get(FILL_HOLES));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> chiVolume = context.input(CHI);
        if (chiVolume.frames() != 1) {
            throw OperatorException.badInput("input 'chi' has " + chiVolume.frames() + " frames; give one 3-D χ map");
        }
        NucleusGrowing.Params params = params(context);
        VoxelGrid grid = VoxelGrid.of(chiVolume);
        float[] chi = VolumeArrays.frame(chiVolume, 0).clone();
        if (chiVolume.unit() != PhysicalUnit.PPM) {
            for (int n = 0; n < chi.length; n++) {
                chi[n] = (float) chiVolume.unit().convert(chi[n], PhysicalUnit.PPM);
            }
        }
        boolean[] mask = null;
        Optional<Volume<FloatType>> maskVolume = context.optionalInput(MASK);
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(CHI.name(), chiVolume, MASK.name(), maskVolume.get());
            mask = VolumeInputs.mask(maskVolume.get(), MASK.name());
        }
        List<NucleusSeed> seeds = new ArrayList<>();
        try {
            seeds.addAll(NucleusSeed.parseAll(context.get(SEEDS)));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter 'seeds', " + e.getMessage());
        }
        Optional<Volume<FloatType>> seedLabels = context.optionalInput(SEED_LABELS);
        if (seedLabels.isPresent()) {
            SharedGrid.requireSameSpace(CHI.name(), chiVolume, SEED_LABELS.name(), seedLabels.get());
            seeds.addAll(regionSeeds(seedLabels.get()));
        }
        Optional<Volume<FloatType>> atlas = context.optionalInput(LABELS);
        if (atlas.isPresent()) {
            SharedGrid.requireSameSpace(CHI.name(), chiVolume, LABELS.name(), atlas.get());
            requireMergeable(atlas.get());
        }
        if (seeds.isEmpty()) {
            throw OperatorException.badInput("no seed: connect 'seed_labels' (drawn in the viewer) or type parameter"
                    + " 'seeds', e.g. 'substantia nigra left=11,18,-13'");
        }
        context.progress(0.05, "growing " + seeds.size() + " nuclei");
        NucleusGrowing.Result result;
        try {
            result = NucleusGrowing.grow(
                    chi, mask, null, grid, chiVolume.geometry(), seeds, params, context.cancellation());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(e.getMessage());
        }
        context.progress(0.9, "writing the label map and table");
        float[] labels = new float[chi.length];
        for (int n = 0; n < labels.length; n++) {
            labels[n] = result.labels()[n];
        }
        Table.Builder table = Table.builder(
                Column.text("nucleus"),
                Column.text("hemisphere"),
                Column.number("label", null),
                Column.number("voxels", null),
                Column.number("volume_ml", null),
                Column.number("threshold", PhysicalUnit.PPM),
                Column.number("interior", PhysicalUnit.PPM),
                Column.number("background", PhysicalUnit.PPM),
                Column.number("background_sd", PhysicalUnit.PPM),
                Column.number("mean_chi", PhysicalUnit.PPM),
                Column.text("leak_stopped"),
                Column.text("seed"));
        for (NucleusGrowing.Grown g : result.nuclei()) {
            table.row(
                    g.entry().structure(),
                    g.entry().hemisphere().word(),
                    g.entry().value(),
                    g.voxels(),
                    g.volumeMl(),
                    g.thresholdPpm(),
                    g.interiorPpm(),
                    g.backgroundPpm(),
                    g.backgroundSigmaPpm(),
                    g.meanPpm(),
                    g.leakStopped() ? "yes" : "no",
                    g.seed().source());
            String line = g.summary();
            context.log(line);
            if (g.leakStopped()) {
                context.warn(g.entry().name() + ": the growth leaked (volume jump or above "
                        + g.seed().nucleus().maxVolumeMl() + " ml) and was stopped at threshold "
                        + String.format(Locale.ROOT, "%.4f ppm", g.thresholdPpm()) + "; check it in the viewer");
            }
            if (g.voxels() == 0) {
                context.warn(g.entry().name() + ": nothing grew from seed '"
                        + g.seed().source() + "' (its voxels were taken by another nucleus)");
            }
        }
        Volume<FloatType> nuclei = VolumeArrays.volume(labels, grid, chiVolume.geometry(), PhysicalUnit.DIMENSIONLESS)
                .withLabels(result.legend());
        Volume<FloatType> merged = atlas.isPresent() ? merged(atlas.get(), labels, result.legend(), context) : nuclei;
        context.output(NUCLEI, nuclei);
        context.output(TABLE, table.build());
        context.output(MERGED, merged);
        context.progress(1.0, "done");
    }

    /**
     * Refuses a label map that cannot take the grown nuclei: not one 3-D frame, or a legend that gives one of the
     * nuclei's values (9901–9906) another name.
     */
    static void requireMergeable(Volume<FloatType> atlas) throws OperatorException {
        if (atlas.frames() != 1) {
            throw OperatorException.badInput(
                    "input 'labels' has " + atlas.frames() + " frames; give one 3-D label map to merge into");
        }
        for (Nucleus n : Nucleus.values()) {
            for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                LabelEntry ours = n.entry(side);
                Optional<LabelEntry> theirs = atlas.labels().entry(ours.value());
                if (theirs.isPresent() && !theirs.get().name().equals(ours.name())) {
                    throw OperatorException.badInput("input 'labels' uses value " + ours.value() + " for '"
                            + theirs.get().name() + "', the value of the grown " + ours.name()
                            + "; renumber that label before merging");
                }
            }
        }
    }

    /**
     * {@code atlas} with the grown nuclei painted over it (a grown voxel takes the nucleus's value) and the legends
     * joined; a warning where the atlas already labels the same structure and side (both are kept: the atlas's label
     * where no nucleus grew).
     */
    static Volume<FloatType> merged(
            Volume<FloatType> atlas, float[] nuclei, LabelTable legend, OperatorContext context) {
        float[] out = VolumeArrays.frame(atlas, 0).clone();
        for (int n = 0; n < out.length; n++) {
            if (nuclei[n] != 0) {
                out[n] = nuclei[n];
            }
        }
        for (LabelEntry ours : legend.entries()) {
            for (LabelEntry theirs : atlas.labels().entries()) {
                if (theirs.value() != ours.value()
                        && theirs.hemisphere() == ours.hemisphere()
                        && Nucleus.parseOrNull(theirs.structure()) == Nucleus.parseOrNull(ours.structure())) {
                    context.warn("input 'labels' already has '" + theirs.name() + "' (" + theirs.value() + "); the"
                            + " grown " + ours.name() + " (" + ours.value() + ") is painted over it where they"
                            + " overlap and both stay in the legend");
                }
            }
        }
        return VolumeArrays.volume(out, VoxelGrid.of(atlas), atlas.geometry(), PhysicalUnit.DIMENSIONLESS)
                .withLabels(atlas.labels().merged(legend));
    }

    /** One seed per label of the drawn seed map, nucleus and side from its legend. */
    static List<NucleusSeed> regionSeeds(Volume<FloatType> seedMap) throws OperatorException {
        if (seedMap.frames() != 1) {
            throw OperatorException.badInput(
                    "input 'seed_labels' has " + seedMap.frames() + " frames; give one 3-D" + " label map");
        }
        float[] values = VolumeArrays.frame(seedMap, 0);
        TreeMap<Integer, List<Integer>> voxels = new TreeMap<>();
        for (int n = 0; n < values.length; n++) {
            if (values[n] != 0 && !Float.isNaN(values[n])) {
                voxels.computeIfAbsent(Math.round(values[n]), k -> new ArrayList<>())
                        .add(n);
            }
        }
        LabelTable legend = seedMap.labels();
        List<NucleusSeed> seeds = new ArrayList<>();
        for (var e : voxels.entrySet()) {
            int value = e.getKey();
            Optional<LabelEntry> entry = legend.entry(value);
            if (entry.isEmpty()) {
                throw OperatorException.badInput("input 'seed_labels': label " + value + " has no name in its legend;"
                        + " name it after a nucleus and side (e.g. Left-Substantia-Nigra)");
            }
            Nucleus nucleus;
            try {
                nucleus = Nucleus.parse(entry.get().structure());
            } catch (IllegalArgumentException ex) {
                throw OperatorException.badInput("input 'seed_labels': label " + value + " '"
                        + entry.get().name() + "': " + ex.getMessage());
            }
            if (entry.get().hemisphere() != Hemisphere.LEFT && entry.get().hemisphere() != Hemisphere.RIGHT) {
                throw OperatorException.badInput("input 'seed_labels': label " + value + " '"
                        + entry.get().name()
                        + "' names no side; call it e.g. Left-" + entry.get().name() + " or "
                        + entry.get().name() + "_R");
            }
            seeds.add(NucleusSeed.region(
                    nucleus,
                    entry.get().hemisphere(),
                    e.getValue().stream().mapToInt(Integer::intValue).toArray(),
                    "seed_labels " + value + " '" + entry.get().name() + "'"));
        }
        return seeds;
    }
}
