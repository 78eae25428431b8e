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

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.concentration.ContrastAgent;
import org.ferrum.perfusion.concentration.Relaxivities;
import org.ferrum.perfusion.concentration.Relaxivity;
import org.ferrum.perfusion.concentration.SignalToConcentration;
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

/** DCE signal to concentration ({@link SignalToConcentration}), with the relaxivity from {@link Relaxivities}. */
@ServiceProvider(service = Operator.class)
public final class ConcentrationOperator implements Operator {

    /** The agent whose relaxivity is used when {@code relaxivity} is not set. */
    public static final String DEFAULT_AGENT = ContrastAgent.GADOBUTROL.id();

    public static final Port<DynamicSeries> DCE =
            Port.required("dce", PerfusionPorts.DYNAMIC_SERIES, "The dynamic SPGR signal (a.u.)");
    public static final Port<Volume<FloatType>> T1 = Port.optional(
                    "t1",
                    PortTypes.VOLUME,
                    "Baseline T1 map (e.g. relax.t1.vfa's 't1', or 't1_water' with a PDFF); else 't1_fixed'")
            .of(Quantities.T1, PhysicalUnit.SECOND, PhysicalUnit.MILLISECOND);
    public static final Port<Volume<FloatType>> PDFF = Port.optional(
                    "pdff",
                    PortTypes.VOLUME,
                    "Proton-density fat fraction (%): with it only the water R1 changes (two-compartment SPGR)")
            .of(Quantities.PDFF, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> B1 = Port.optional(
                    "b1",
                    PortTypes.VOLUME,
                    "Relative flip angle (actual/nominal; 1 or 100 % = nominal): the flip angle per voxel is nominal × b1")
            .of(Quantities.RELATIVE_FLIP_ANGLE, PhysicalUnit.DIMENSIONLESS, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask", PortTypes.MASK, "Where to convert; NaN outside (default: everywhere)")
            .in(PhysicalUnit.DIMENSIONLESS);

    public static final Parameter<Long> BASELINE_START = Parameter.integer(
            "baseline_start",
            SignalToConcentration.Params.DEFAULTS.baselineStart(),
            0L,
            10000L,
            "First baseline frame, 0-based (frames before it, e.g. not yet in steady state, are skipped)");
    public static final Parameter<Long> BASELINE_FRAMES = Parameter.integer(
            "baseline_frames",
            SignalToConcentration.Params.DEFAULTS.baselineFrames(),
            1L,
            10000L,
            "How many frames from 'baseline_start' on are averaged for the pre-contrast signal");
    public static final Parameter<Double> T1_FIXED = Parameter.number(
            "t1_fixed",
            0.0,
            0.0,
            100.0,
            PhysicalUnit.SECOND,
            "Baseline T1 used everywhere when no 't1' map is connected (0: none, then a map is required)");
    public static final Parameter<String> AGENT = Parameter.choice(
            "agent",
            DEFAULT_AGENT,
            Arrays.stream(ContrastAgent.values()).map(ContrastAgent::id).toList(),
            "Contrast agent: its plasma relaxivity at the series' field strength is taken from the published table"
                    + " (Rohrer 2005)");
    public static final Parameter<Double> FAT_T1 = Parameter.number(
            "fat_t1",
            SignalToConcentration.Params.DEFAULTS.fatT1(),
            0.05,
            5.0,
            PhysicalUnit.SECOND,
            "T1 of fat, used with a 'pdff' input");
    public static final Parameter<Double> RELAXIVITY = Parameter.number(
            "relaxivity",
            0.0,
            0.0,
            100.0,
            PhysicalUnit.PER_SECOND_PER_MILLIMOLAR,
            "r1 to use instead of the table's (0: from 'agent' and the field strength)");
    public static final Parameter<Double> FIELD_STRENGTH = Parameter.number(
            "field_strength",
            3.0,
            0.01,
            20.0,
            PhysicalUnit.TESLA,
            "B0 used for the relaxivity only when the series does not say (a warning tells)");

    public static final Port<DynamicSeries> CONCENTRATION = Port.output(
            "concentration",
            PerfusionPorts.DYNAMIC_SERIES,
            "Concentration (mM) per frame; with a PDFF, in the water (non-fat) compartment");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("perfusion.concentration", "1.0")
            .displayName("DCE signal to concentration")
            .category("Perfusion")
            .description(
                    "Inverts the SPGR signal with the baseline T1 (map or fixed) and the M0 of the baseline frames,"
                            + " C = (R1(t) − R1₀)/r1; with a fat fraction only the water R1 changes.")
            .input(DCE)
            .input(T1)
            .input(PDFF)
            .input(B1)
            .input(MASK)
            .parameter(BASELINE_START)
            .parameter(BASELINE_FRAMES)
            .parameter(T1_FIXED)
            .parameter(AGENT)
            .parameter(FAT_T1)
            .parameter(RELAXIVITY)
            .parameter(FIELD_STRENGTH)
            .output(CONCENTRATION)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DynamicSeries dce = context.input(DCE);
        Volume<FloatType> frames = dce.frames();
        Volume<FloatType> frame0 = frames.frame(0);
        SignalToConcentration.Params params = params(context);
        int nFrames = dce.frameCount();
        if (params.baselineStart() + params.baselineFrames() > nFrames - 1) {
            throw OperatorException.badInput(String.format(
                    Locale.ROOT,
                    "parameters '%s' %d and '%s' %d: the baseline must end before the last of the %d frames of '%s'",
                    BASELINE_START.name(),
                    params.baselineStart(),
                    BASELINE_FRAMES.name(),
                    params.baselineFrames(),
                    nFrames,
                    DCE.name()));
        }
        if (!(dce.flipAngle() > 0) || !(dce.repetitionTime() > 0)) {
            throw OperatorException.badInput("input '" + DCE.name() + "' has no usable flip angle (" + dce.flipAngle()
                    + " deg) or TR (" + dce.repetitionTime() + " s)");
        }
        float[] t1 = null;
        Optional<Volume<FloatType>> t1Volume = context.optionalInput(T1);
        if (t1Volume.isPresent()) {
            SharedGrid.requireSameSpace(
                    DCE.name(), frame0, T1.name(), t1Volume.get().frame(0));
            t1 = VolumeArrays.frame(t1Volume.get(), 0);
            double toSeconds = t1Volume.get().unit().convert(1.0, PhysicalUnit.SECOND);
            if (toSeconds != 1.0) {
                for (int n = 0; n < t1.length; n++) {
                    t1[n] *= (float) toSeconds;
                }
            }
        } else if (!(context.get(T1_FIXED) > 0)) {
            throw OperatorException.badInput(
                    "no baseline T1: connect input '" + T1.name() + "' or set parameter '" + T1_FIXED.name() + "' (s)");
        }
        float[] pdff = null;
        Optional<Volume<FloatType>> pdffVolume = context.optionalInput(PDFF);
        if (pdffVolume.isPresent()) {
            SharedGrid.requireSameSpace(
                    DCE.name(), frame0, PDFF.name(), pdffVolume.get().frame(0));
            pdff = VolumeArrays.frame(pdffVolume.get(), 0);
        }
        float[] b1 = null;
        Optional<Volume<FloatType>> b1Volume = context.optionalInput(B1);
        if (b1Volume.isPresent()) {
            SharedGrid.requireSameSpace(
                    DCE.name(), frame0, B1.name(), b1Volume.get().frame(0));
            b1 = VolumeArrays.frame(b1Volume.get(), 0);
            if (b1Volume.get().unit() == PhysicalUnit.PERCENT) {
                for (int n = 0; n < b1.length; n++) {
                    b1[n] /= 100f;
                }
            }
        }
        boolean[] mask = null;
        Optional<Volume<FloatType>> maskVolume = context.optionalInput(MASK);
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(DCE.name(), frame0, MASK.name(), maskVolume.get());
            mask = VolumeInputs.mask(maskVolume.get(), MASK.name());
        }
        double r1 = relaxivity(context, dce);
        float[][] signal = new float[nFrames][];
        for (int t = 0; t < nFrames; t++) {
            signal[t] = VolumeArrays.frame(frames, t);
        }
        context.progress(0.1, "converting " + nFrames + " frames");
        SignalToConcentration.Result result;
        try {
            result = SignalToConcentration.apply(
                    signal,
                    t1,
                    context.get(T1_FIXED),
                    pdff,
                    b1,
                    mask,
                    dce.flipAngle(),
                    dce.repetitionTime(),
                    r1,
                    params,
                    context.cancellation());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(e.getMessage(), e);
        }
        VoxelGrid grid = VoxelGrid.of(frame0);
        report(context, result.report(), grid);
        context.output(
                CONCENTRATION,
                dce.withFrames(
                        VolumeArrays.frames(result.concentration(), grid, frames.geometry(), PhysicalUnit.MILLIMOLAR)));
        context.progress(1, "converted");
    }

    private static double relaxivity(OperatorContext context, DynamicSeries dce) {
        double given = context.get(RELAXIVITY);
        if (given > 0) {
            context.log(String.format(Locale.ROOT, "relaxivity %.4g /s/mM (parameter '%s')", given, RELAXIVITY.name()));
            return given;
        }
        double field = dce.fieldStrength();
        if (!(field > 0)) {
            field = context.get(FIELD_STRENGTH);
            context.warn(String.format(
                    Locale.ROOT,
                    "input '%s' gives no field strength: the relaxivity is taken at %.3g T (parameter '%s')",
                    DCE.name(),
                    field,
                    FIELD_STRENGTH.name()));
        }
        ContrastAgent agent = ContrastAgent.of(context.get(AGENT)).orElseThrow();
        Relaxivities.Choice choice = Relaxivities.lookup(agent, Relaxivity.Medium.PLASMA, field);
        if (!choice.exact()) {
            context.warn(choice.note());
        }
        context.log("relaxivity: " + choice.relaxivity());
        return choice.relaxivity().r1();
    }

    /** Warnings for net-negative voxels (count, first voxel, bounding box) and undefined samples. */
    static void report(OperatorContext context, SignalToConcentration.Report report, VoxelGrid grid) {
        if (report.netNegativeVoxels() > 0) {
            boolean[] neg = report.netNegative();
            int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
            int[] hi = {-1, -1, -1};
            int first = -1;
            for (int n = 0; n < neg.length; n++) {
                if (!neg[n]) {
                    continue;
                }
                if (first < 0) {
                    first = n;
                }
                int[] ijk = ijk(n, grid);
                for (int d = 0; d < 3; d++) {
                    lo[d] = Math.min(lo[d], ijk[d]);
                    hi[d] = Math.max(hi[d], ijk[d]);
                }
            }
            int[] f = ijk(first, grid);
            context.warn(String.format(
                    Locale.ROOT,
                    "%d voxel%s of '%s' have a mean concentration below zero after the baseline (kept, not clamped;"
                            + " first at voxel (%d, %d, %d), all within (%d..%d, %d..%d, %d..%d)): check the"
                            + " baseline T1, the baseline frames and the relaxivity there",
                    report.netNegativeVoxels(),
                    report.netNegativeVoxels() == 1 ? "" : "s",
                    CONCENTRATION.name(),
                    f[0],
                    f[1],
                    f[2],
                    lo[0],
                    hi[0],
                    lo[1],
                    hi[1],
                    lo[2],
                    hi[2]));
        }
        if (report.undefinedSamples() > 0) {
            int[] f = ijk(report.firstUndefinedVoxel(), grid);
            context.warn(String.format(
                    Locale.ROOT,
                    "%d voxel-frames of '%s' are NaN (signal ≤ 0 or above the SPGR limit for the baseline M0, or no"
                            + " usable baseline/T1; first at voxel (%d, %d, %d))",
                    report.undefinedSamples(),
                    CONCENTRATION.name(),
                    f[0],
                    f[1],
                    f[2]));
        }
        context.log("concentration: " + report.negativeSamples() + " voxel-frames after the baseline below zero");
    }

    private static int[] ijk(int n, VoxelGrid grid) {
        int i = n % grid.nx();
        int j = (n / grid.nx()) % grid.ny();
        int k = n / (grid.nx() * grid.ny());
        return new int[] {i, j, k};
    }

    /** The algorithm's parameters from the node's (one place that reads them). */
    static SignalToConcentration.Params params(OperatorContext context) {
        return new SignalToConcentration.Params(
                Math.toIntExact(context.get(BASELINE_START)),
                Math.toIntExact(context.get(BASELINE_FRAMES)),
                context.get(FAT_T1));
    }

    static List<String> agents() {
        return Arrays.stream(ContrastAgent.values()).map(ContrastAgent::id).toList();
    }
}
