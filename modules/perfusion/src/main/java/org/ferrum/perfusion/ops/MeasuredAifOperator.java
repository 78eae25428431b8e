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
package org.ferrum.perfusion.ops;

import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.aif.BloodPlasma;
import org.ferrum.perfusion.aif.MeasuredAif;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/** An AIF measured in an arterial ROI ({@link MeasuredAif}), optionally with automatic voxel selection. */
@ServiceProvider(service = Operator.class)
public final class MeasuredAifOperator implements Operator {

    public static final Port<DynamicSeries> CONCENTRATION = Port.required(
            "concentration", PerfusionPorts.DYNAMIC_SERIES, "Concentration series (mM; whole blood in arteries)");
    public static final Port<Volume<FloatType>> ROI = Port.optional(
            "roi",
            PortTypes.VOLUME,
            "Arterial ROI: a mask, or a label map with 'label'; with 'automatic', the region searched (default: all"
                    + " voxels)");
    public static final Parameter<Long> LABEL =
            Parameter.integer("label", 0L, 0L, 1_000_000L, "The ROI's label in a label map (0: every non-zero voxel)");
    public static final Parameter<Boolean> AUTOMATIC = Parameter.flag(
            "automatic",
            false,
            "Choose the arterial voxels automatically (high peak enhancement, then earliest peak) within the ROI");
    public static final Parameter<Long> VOXEL_COUNT = Parameter.integer(
            "voxel_count",
            MeasuredAif.Selection.DEFAULTS.voxelCount(),
            1L,
            100_000L,
            "With 'automatic': how many voxels are averaged");
    public static final Parameter<Double> ENHANCEMENT_FRACTION = Parameter.number(
            "enhancement_fraction",
            MeasuredAif.Selection.DEFAULTS.enhancementFraction(),
            0.0001,
            1.0,
            null,
            "With 'automatic': the fraction of candidates, by peak enhancement, among which the earliest peaks are"
                    + " chosen");
    public static final Parameter<Long> BASELINE_FRAMES = Parameter.integer(
            "baseline_frames",
            MeasuredAif.Selection.DEFAULTS.baselineFrames(),
            1L,
            10000L,
            "With 'automatic': frames forming each curve's baseline (peak enhancement is measured from it)");
    public static final Parameter<Double> HAEMATOCRIT = Parameter.number(
            "haematocrit",
            BloodPlasma.DEFAULT_HAEMATOCRIT,
            0.0,
            0.95,
            null,
            "Large-vessel haematocrit for C_p = C_b/(1 − Hct) (a fraction; 0.42 typical adult)");
    public static final Port<ArterialInputFunction> AIF = Port.output(
            "aif", PerfusionPorts.AIF, "Plasma concentration (mM): the median over the voxels used, frame by frame");
    public static final Port<Volume<FloatType>> AIF_VOXELS =
            Port.output("aif_voxels", PortTypes.MASK, "The voxels used (1), others 0");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("perfusion.aif.measured", "1.0")
            .displayName("Measured AIF")
            .category("Perfusion")
            .description("The median concentration of arterial voxels (an ROI, or chosen automatically by early, high"
                    + " enhancement), frame by frame, converted from whole blood to plasma with the haematocrit.")
            .input(CONCENTRATION)
            .input(ROI)
            .parameter(LABEL)
            .parameter(AUTOMATIC)
            .parameter(VOXEL_COUNT)
            .parameter(ENHANCEMENT_FRACTION)
            .parameter(BASELINE_FRAMES)
            .parameter(HAEMATOCRIT)
            .output(AIF)
            .output(AIF_VOXELS)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DynamicSeries series = context.input(CONCENTRATION);
        Volume<FloatType> frame0 = series.frames().frame(0);
        boolean automatic = context.get(AUTOMATIC);
        Optional<Volume<FloatType>> roiVolume = context.optionalInput(ROI);
        boolean[] roi = null;
        if (roiVolume.isPresent()) {
            SharedGrid.requireSameSpace(CONCENTRATION.name(), frame0, ROI.name(), roiVolume.get());
            float[] values = VolumeArrays.frame(roiVolume.get(), 0);
            long label = context.get(LABEL);
            roi = new boolean[values.length];
            int count = 0;
            for (int n = 0; n < values.length; n++) {
                roi[n] = label == 0 ? values[n] != 0 && !Float.isNaN(values[n]) : values[n] == label;
                count += roi[n] ? 1 : 0;
            }
            if (count == 0) {
                throw OperatorException.badInput("input '" + ROI.name() + "' is empty"
                        + (label == 0 ? " (no non-zero voxel)" : " (no voxel has label " + label + ")"));
            }
        } else if (!automatic) {
            throw OperatorException.badInput("connect input '" + ROI.name() + "' or set parameter '" + AUTOMATIC.name()
                    + "' to choose arterial voxels automatically");
        }
        int frames = series.frameCount();
        float[][] c = new float[frames][];
        for (int t = 0; t < frames; t++) {
            c[t] = VolumeArrays.frame(series.frames(), t);
        }
        boolean[] used = roi;
        if (automatic) {
            MeasuredAif.Selection selection = new MeasuredAif.Selection(
                    Math.toIntExact(context.get(VOXEL_COUNT)),
                    context.get(ENHANCEMENT_FRACTION),
                    Math.toIntExact(Math.min(context.get(BASELINE_FRAMES), frames - 1)));
            used = MeasuredAif.select(c, roi, selection);
            int n = VolumeArrays.count(used);
            if (n < selection.voxelCount()) {
                context.warn(String.format(
                        Locale.ROOT,
                        "only %d voxel%s with finite curves to choose from (parameter '%s' is %d)",
                        n,
                        n == 1 ? "" : "s",
                        VOXEL_COUNT.name(),
                        selection.voxelCount()));
            }
        }
        double[] blood = MeasuredAif.medianCurve(c, used);
        if (blood == null) {
            throw OperatorException.badInput(
                    "input '" + CONCENTRATION.name() + "' has no finite concentration in the AIF voxels"
                            + (roi == null ? "" : " of '" + ROI.name() + "'"));
        }
        double hct = context.get(HAEMATOCRIT);
        int voxels = VolumeArrays.count(used);
        ArterialInputFunction aif = new ArterialInputFunction(
                series.frameTimes(),
                MeasuredAif.plasma(blood, hct),
                String.format(
                        Locale.ROOT,
                        "measured AIF, median of %d voxel%s (%s), plasma with Hct %.3g",
                        voxels,
                        voxels == 1 ? "" : "s",
                        automatic ? "chosen automatically" : "ROI",
                        hct));
        context.log(aif.source());
        context.output(AIF, aif);
        context.output(AIF_VOXELS, VolumeArrays.maskVolume(used, VoxelGrid.of(frame0), frame0.geometry()));
        context.progress(1, "measured AIF");
    }
}
