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

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.VolumeArrays;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.aif.BloodPlasma;
import org.ferrum.perfusion.aif.BolusArrival;
import org.ferrum.perfusion.aif.MeasuredAif;
import org.ferrum.perfusion.aif.PopulationAif;
import org.ferrum.perfusion.aif.PopulationAifs;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.openide.util.lookup.ServiceProvider;

/** A population AIF ({@link PopulationAif}) on the series' frame times, arrival given or found from the data. */
@ServiceProvider(service = Operator.class)
public final class PopulationAifOperator implements Operator {

    public static final Port<DynamicSeries> DCE =
            Port.required("dce", PerfusionPorts.DYNAMIC_SERIES, "Any series of the acquisition: gives the frame times");
    public static final Port<DynamicSeries> CONCENTRATION = Port.optional(
            "concentration",
            PerfusionPorts.DYNAMIC_SERIES,
            "When connected, the arrival is found automatically: the onset of the mean curve of its earliest, most"
                    + " enhancing voxels, aligned with the model's onset");
    public static final Parameter<String> MODEL = Parameter.choice(
            "model",
            PopulationAif.PARKER_2006.id(),
            List.of(PopulationAif.PARKER_2006.id(), PopulationAif.WEINMANN_1984.id()),
            "parker2006: Parker et al. MRM 2006 (whole blood, first pass and recirculation); weinmann1984: Weinmann"
                    + " 1984 bi-exponential plasma decay (Tofts & Kermode 1991 parameters, no first pass)");
    public static final Parameter<Double> HAEMATOCRIT = Parameter.number(
            "haematocrit",
            BloodPlasma.DEFAULT_HAEMATOCRIT,
            0.0,
            0.95,
            null,
            "Large-vessel haematocrit for C_p = C_b/(1 − Hct) (a fraction; 0.42 typical adult)");
    public static final Parameter<Double> ARRIVAL = Parameter.number(
            "arrival",
            0.0,
            -600.0,
            3600.0,
            PhysicalUnit.SECOND,
            "Time (s, on the frame-time clock) of the model's origin; ignored when 'concentration' is connected");
    public static final Parameter<Long> BASELINE_FRAMES = Parameter.integer(
            "baseline_frames",
            MeasuredAif.Selection.DEFAULTS.baselineFrames(),
            1L,
            10000L,
            "Frames forming the baseline of the curve used to find the arrival automatically");
    public static final Port<ArterialInputFunction> AIF =
            Port.output("aif", PerfusionPorts.AIF, "Plasma concentration (mM) at the frame times");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("perfusion.aif.population", "1.0")
            .displayName("Population AIF")
            .category("Perfusion")
            .description("Samples a published population-averaged arterial input function at the series' frame times,"
                    + " converted to plasma with the haematocrit, with a given or automatically found bolus arrival.")
            .input(DCE)
            .input(CONCENTRATION)
            .parameter(MODEL)
            .parameter(HAEMATOCRIT)
            .parameter(ARRIVAL)
            .parameter(BASELINE_FRAMES)
            .output(AIF)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DynamicSeries dce = context.input(DCE);
        PopulationAif model = PopulationAif.of(context.get(MODEL)).orElseThrow();
        double hct = context.get(HAEMATOCRIT);
        double arrival = context.get(ARRIVAL);
        Optional<DynamicSeries> concentration = context.optionalInput(CONCENTRATION);
        if (concentration.isPresent()) {
            DynamicSeries c = concentration.get();
            if (c.frameCount() != dce.frameCount()) {
                throw OperatorException.badInput("input '" + CONCENTRATION.name() + "' has " + c.frameCount()
                        + " frames but '" + DCE.name() + "' has " + dce.frameCount());
            }
            int baseline = Math.toIntExact(Math.min(context.get(BASELINE_FRAMES), c.frameCount() - 1));
            float[][] frames = new float[c.frameCount()][];
            for (int t = 0; t < frames.length; t++) {
                frames[t] = VolumeArrays.frame(c.frames(), t);
            }
            MeasuredAif.Selection selection = new MeasuredAif.Selection(
                    MeasuredAif.Selection.DEFAULTS.voxelCount(),
                    MeasuredAif.Selection.DEFAULTS.enhancementFraction(),
                    baseline);
            double[] curve = MeasuredAif.meanCurve(frames, MeasuredAif.select(frames, null, selection));
            double found = curve == null
                    ? Double.NaN
                    : PopulationAifs.arrivalFrom(model, c.frameTimes(), curve, baseline, BolusArrival.DEFAULT_FRACTION);
            if (!Double.isFinite(found)) {
                throw OperatorException.badInput("input '" + CONCENTRATION.name()
                        + "' shows no bolus (no voxel rises above its baseline): set parameter '" + ARRIVAL.name()
                        + "' instead");
            }
            if (arrival != 0) {
                context.warn(String.format(
                        Locale.ROOT,
                        "parameter '%s' (%.3g s) is ignored: the arrival was found from '%s' (%.3g s)",
                        ARRIVAL.name(),
                        arrival,
                        CONCENTRATION.name(),
                        found));
            }
            arrival = found;
        }
        if (!model.wholeBlood() && hct != BloodPlasma.DEFAULT_HAEMATOCRIT) {
            context.warn("model " + model.id() + " gives plasma directly: parameter '" + HAEMATOCRIT.name()
                    + "' is not used");
        }
        ArterialInputFunction aif = PopulationAifs.sample(model, dce.frameTimes(), arrival, hct);
        context.log(aif.source());
        context.output(AIF, aif);
        context.progress(1, "population AIF");
    }
}
