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
package org.ferrum.relaxometry.ops;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
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
import org.ferrum.relaxometry.t1.FatT1;
import org.ferrum.relaxometry.t1.RelativeFlipAngle;
import org.ferrum.relaxometry.t1.VfaFit;
import org.ferrum.relaxometry.t1.VfaMapping;
import org.ferrum.relaxometry.t1.VfaMapping.Params;
import org.ferrum.relaxometry.t1.VfaSeries;
import org.openide.util.lookup.ServiceProvider;

/** T1 by variable flip angle: {@link VfaMapping} (DESPOT1 or nonlinear, B1, water–fat). */
@ServiceProvider(service = Operator.class)
public final class VfaT1MappingOperator implements Operator {

    static final String ID = "relax.t1.vfa";
    private static final Params DEFAULTS = Params.DEFAULTS;

    public static final Port<VfaSeries> VFA = Port.required("vfa", T1Ports.VFA, "The VFA series (relax.read.vfa)");
    public static final Port<Volume<FloatType>> B1 = Port.optional(
            "b1",
            PortTypes.VOLUME,
            "Relative flip angle actual/nominal on the VFA grid, as a ratio (≈ 1) or in % (≈ 100): a map in % unit is"
                    + " read as %, otherwise the median inside the mask decides (> 10 → %); default 1 everywhere");
    public static final Port<Volume<FloatType>> PDFF = Port.optional(
                    "pdff",
                    PortTypes.VOLUME,
                    "Proton-density fat fraction on the VFA grid (relax.fatwater); gives t1_water")
            .of(Quantities.PDFF, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> FAT_MASK = Port.optional(
            "fat_mask",
            PortTypes.MASK,
            "A region of (nearly) pure fat, e.g. subcutaneous fat: its median apparent T1 is the fat T1 of the"
                    + " water–fat model unless fat_t1 is set");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
            "mask",
            PortTypes.MASK,
            "Voxels to fit (and fat_mask's, when given); outputs 0 and status 4 elsewhere; default all");

    public static final Parameter<String> METHOD = Parameter.choice(
            "method",
            DEFAULTS.method(),
            List.of(VfaFit.Method.NONLINEAR.id(), VfaFit.Method.DESPOT1.id()),
            "nonlinear: Levenberg–Marquardt on S(α) = M0 sin α (1 − E1)/(1 − cos α E1), started from DESPOT1;"
                    + " despot1: the linear fit of S/sin α against S/tan α (Deoni et al., MRM 2003)");
    public static final Parameter<Double> FAT_T1 = Parameter.number(
            "fat_t1",
            DEFAULTS.fatT1(),
            0.0,
            5000.0,
            PhysicalUnit.SECOND,
            "Fat T1 of the water–fat model, s (values > 10 are read as ms); 0 = median apparent T1 in fat_mask, or"
                    + " without one the literature value for the field strength (0.288 s at 1.5 T, 0.371 s at 3 T:"
                    + " Gold et al., AJR 2004)");
    public static final Parameter<Double> T1_MIN = Parameter.number(
            "t1_min", DEFAULTS.t1Min(), 1e-4, 100.0, PhysicalUnit.SECOND, "Smallest T1 reported (status 2 at it)");
    public static final Parameter<Double> T1_MAX = Parameter.number(
            "t1_max", DEFAULTS.t1Max(), 1e-3, 1000.0, PhysicalUnit.SECOND, "Largest T1 reported (status 2 at it)");
    public static final Parameter<Double> MAX_PDFF = Parameter.number(
            "max_pdff",
            DEFAULTS.maxPdff(),
            0.0,
            100.0,
            PhysicalUnit.PERCENT,
            "Water T1 is fitted only where PDFF ≤ this (too little water signal above it: status_water 4)");

    private static final String STATUS_TEXT = "Fit status: " + FitStatus.legend()
            + " (2 also marks T1 at t1_min/t1_max); T1 is NaN where the status is 1 or 3";
    public static final Port<Volume<FloatType>> T1 = Port.output(
                    "t1", PortTypes.VOLUME, "Apparent (one-compartment) T1, s")
            .of(Quantities.T1, PhysicalUnit.SECOND);
    public static final Port<Volume<FloatType>> M0 = Port.output(
                    "m0", PortTypes.VOLUME, "M0, the signal's scale (a.u.)")
            .of(Quantities.M0, PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> T1_WATER = Port.output(
                    "t1_water",
                    PortTypes.VOLUME,
                    "Water T1 of the water–fat model, s, where pdff is given; a copy of t1 when it is not")
            .of(Quantities.T1, PhysicalUnit.SECOND);
    public static final Port<Volume<FloatType>> RMS = Port.output(
                    "rms", PortTypes.VOLUME, "RMS residual of the apparent fit, % of the mean signal")
            .of(Quantities.FIT_QUALITY, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> STATUS =
            Port.output("status", PortTypes.VOLUME, STATUS_TEXT).of(Quantities.FIT_STATUS, PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> STATUS_WATER = Port.output(
                    "status_water",
                    PortTypes.VOLUME,
                    "Status of the water fit, codes as status (4 also where PDFF > max_pdff); a copy of status without"
                            + " pdff")
            .of(Quantities.FIT_STATUS, PhysicalUnit.DIMENSIONLESS);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("T1 mapping (variable flip angle)")
            .category("Relaxometry")
            .description("T1 and M0 from spoiled gradient-echo images at several flip angles (Ernst 1966; DESPOT1:"
                    + " Deoni et al., MRM 2003), nonlinear (default) or linear, with B1 correction from a relative"
                    + " flip-angle map; with a PDFF map also the water T1 of a water–fat model in which only water's"
                    + " T1 is free (fat T1 given, measured in a fat region, or from the literature); RMS residual and"
                    + " a status map.")
            .inputs(List.of(VFA, B1, PDFF, FAT_MASK, MASK))
            .parameters(List.of(METHOD, FAT_T1, T1_MIN, T1_MAX, MAX_PDFF))
            .output(T1)
            .output(M0)
            .output(T1_WATER)
            .output(RMS)
            .output(STATUS)
            .output(STATUS_WATER)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The node's settings as the algorithm's record. */
    static Params params(OperatorContext context) {
        return new Params(
                context.get(METHOD),
                context.get(FAT_T1),
                context.get(T1_MIN),
                context.get(T1_MAX),
                context.get(MAX_PDFF));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        VfaSeries vfa = context.input(VFA);
        Params p = params(context);
        Volume<FloatType> signalVolume = vfa.signal();
        double[] angles = vfa.flipAnglesDegrees();
        if (angles.length < 2) {
            throw OperatorException.badInput("input '" + VFA.name() + "' has " + angles.length
                    + " flip angle(s); T1 by variable flip angle needs at least 2");
        }
        if (!(p.t1Min() < p.t1Max())) {
            throw OperatorException.badInput(String.format(
                    Locale.ROOT,
                    "parameters '%s' = %g s and '%s' = %g s: the minimum must be below the maximum",
                    T1_MIN.name(),
                    p.t1Min(),
                    T1_MAX.name(),
                    p.t1Max()));
        }
        VoxelGrid grid = VoxelGrid.of(signalVolume);
        boolean[] mask = optionalMask(context, vfa, MASK);
        float[] kappa = b1(context, vfa, mask);
        Optional<Volume<FloatType>> pdffInput = context.optionalInput(PDFF);
        float[] pdff = null;
        if (pdffInput.isPresent()) {
            SharedGrid.requireSameSpace(VFA.name(), signalVolume, PDFF.name(), pdffInput.get());
            pdff = VolumeArrays.frame(pdffInput.get(), 0);
        }
        boolean[] fatMask = optionalMask(context, vfa, FAT_MASK);
        if (fatMask != null && pdff == null) {
            context.warn("input '" + FAT_MASK.name() + "' is used only with '" + PDFF.name() + "'; ignored");
            fatMask = null;
        }
        boolean[] region = mask;
        if (mask != null && fatMask != null) { // the fat region is fitted too, to measure its T1
            region = mask.clone();
            for (int v = 0; v < region.length; v++) {
                region[v] |= fatMask[v];
            }
        }
        float[][] signal = new float[angles.length][];
        for (int i = 0; i < angles.length; i++) {
            signal[i] = VolumeArrays.frame(signalVolume, i);
        }
        context.log("VFA: " + vfa.describe() + ", method " + p.method());
        context.progress(0.05, "fitting T1 (" + p.method() + ")");
        VfaMapping.Result result =
                VfaMapping.map(signal, angles, vfa.repetitionTime(), kappa, region, p, context.cancellation());
        context.progress(pdff == null ? 0.9 : 0.5, "apparent T1 done");
        if (pdff != null) {
            double fatT1 = fatT1(context, p, vfa, result, fatMask);
            context.progress(0.55, "fitting water T1");
            VfaMapping.water(
                    signal, angles, vfa.repetitionTime(), kappa, pdff, mask, fatT1, p, result, context.cancellation());
            context.log(counts("water fit", result.statusWater(), mask));
        }
        context.log(counts("apparent fit", result.status(), mask));
        int bad = 0;
        for (int v = 0; v < grid.size(); v++) {
            if ((mask == null || mask[v])
                    && !FitStatus.ofCode((int) result.status()[v]).usable()) {
                bad++;
            }
        }
        if (bad > 0) {
            context.warn(bad + " voxel(s) gave no T1 (fit failed or did not converge): NaN in t1, see the status map");
        }
        Geometry geometry = signalVolume.geometry();
        context.output(T1, VolumeArrays.volume(result.t1(), grid, geometry, PhysicalUnit.SECOND));
        context.output(M0, VolumeArrays.volume(result.m0(), grid, geometry, PhysicalUnit.ARBITRARY));
        context.output(T1_WATER, VolumeArrays.volume(result.t1Water(), grid, geometry, PhysicalUnit.SECOND));
        context.output(RMS, VolumeArrays.volume(result.rms(), grid, geometry, PhysicalUnit.PERCENT));
        context.output(STATUS, VolumeArrays.volume(result.status(), grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.output(
                STATUS_WATER, VolumeArrays.volume(result.statusWater(), grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.progress(1, "done");
    }

    private static boolean[] optionalMask(OperatorContext context, VfaSeries vfa, Port<Volume<FloatType>> port)
            throws OperatorException {
        Optional<Volume<FloatType>> m = context.optionalInput(port);
        if (m.isEmpty()) {
            return null;
        }
        SharedGrid.requireSameSpace(VFA.name(), vfa.signal(), port.name(), m.get());
        return VolumeInputs.mask(m.get(), port.name());
    }

    /** κ as a ratio per voxel, or null without a B1 map. */
    private static float[] b1(OperatorContext context, VfaSeries vfa, boolean[] mask) throws OperatorException {
        Optional<Volume<FloatType>> b1 = context.optionalInput(B1);
        if (b1.isEmpty()) {
            context.log("no B1 map: nominal flip angles");
            return null;
        }
        SharedGrid.requireSameSpace(VFA.name(), vfa.signal(), B1.name(), b1.get());
        float[] values = VolumeArrays.frame(b1.get(), 0);
        double median = RelativeFlipAngle.median(values, mask);
        if (Double.isNaN(median)) {
            throw OperatorException.badInput("input '" + B1.name() + "' is 0 or not finite everywhere"
                    + (mask == null ? "" : " inside the mask") + ": no relative flip angle to use");
        }
        RelativeFlipAngle.Scale scale;
        String why;
        if (b1.get().unit() == PhysicalUnit.PERCENT) {
            scale = RelativeFlipAngle.Scale.PERCENT;
            why = "its unit is %";
        } else {
            scale = RelativeFlipAngle.detect(median);
            why = String.format(
                    Locale.ROOT,
                    "median %.4g %s %g",
                    median,
                    scale == RelativeFlipAngle.Scale.PERCENT ? ">" : "≤",
                    RelativeFlipAngle.PERCENT_THRESHOLD);
        }
        float[] kappa = RelativeFlipAngle.asRatio(values, scale);
        double ratio = scale == RelativeFlipAngle.Scale.PERCENT ? median / 100 : median;
        context.log(String.format(
                Locale.ROOT,
                "B1 map read as %s (%s): median relative flip angle %.3f",
                scale == RelativeFlipAngle.Scale.PERCENT ? "percent of nominal" : "a ratio actual/nominal",
                why,
                ratio));
        if (ratio < 0.5 || ratio > 1.5) {
            context.warn(String.format(
                    Locale.ROOT,
                    "input '%s': median relative flip angle %.3f is outside 0.5–1.5; is it a B1 map in ratio or %%?",
                    B1.name(),
                    ratio));
        }
        return kappa;
    }

    /** The fat T1 (s) the water–fat model uses, and a log line saying where it came from. */
    private static double fatT1(
            OperatorContext context, Params p, VfaSeries vfa, VfaMapping.Result apparent, boolean[] fatMask)
            throws OperatorException {
        double measured = fatMask == null ? Double.NaN : VfaMapping.medianT1(apparent, fatMask);
        if (fatMask != null && Double.isNaN(measured)) {
            throw OperatorException.badInput("input '" + FAT_MASK.name()
                    + "' holds no voxel with a usable apparent T1: no fat T1 can be measured there");
        }
        if (p.fatT1() > 0) {
            double given = p.fatT1() > 10 ? p.fatT1() / 1000 : p.fatT1();
            context.log(String.format(
                    Locale.ROOT,
                    "fat T1 %.3f s (parameter '%s'%s)%s",
                    given,
                    FAT_T1.name(),
                    p.fatT1() > 10 ? ", read as ms since > 10" : "",
                    Double.isNaN(measured)
                            ? ""
                            : String.format(
                                    Locale.ROOT, "; median apparent T1 in fat_mask %.3f s, not used", measured)));
            return given;
        }
        if (!Double.isNaN(measured)) {
            context.log(String.format(
                    Locale.ROOT, "fat T1 %.3f s (median apparent T1 in '%s')", measured, FAT_MASK.name()));
            return measured;
        }
        double b0 = vfa.fieldStrength();
        if (Double.isNaN(FatT1.literature(b0))) {
            throw OperatorException.badInput(
                    "parameter '" + FAT_T1.name() + "' is 0 (take it from the data) but input '"
                            + FAT_MASK.name() + "' is not connected and input '" + VFA.name()
                            + "' gives no field strength (MagneticFieldStrength): set " + FAT_T1.name() + " or connect "
                            + FAT_MASK.name());
        }
        context.log(FatT1.describeLiterature(b0));
        if (!FatT1.withinMeasuredRange(b0)) {
            context.warn(FatT1.describeLiterature(b0));
        }
        return FatT1.literature(b0);
    }

    private static String counts(String what, float[] status, boolean[] mask) {
        int[] c = new int[FitStatus.values().length];
        for (int v = 0; v < status.length; v++) {
            if (mask == null || mask[v]) {
                c[(int) status[v]]++;
            }
        }
        StringBuilder b = new StringBuilder(what + ":");
        for (FitStatus s : FitStatus.values()) {
            b.append(' ').append(s.meaning()).append(' ').append(c[s.code()]).append(s.code() < 4 ? "," : "");
        }
        return b.toString();
    }
}
