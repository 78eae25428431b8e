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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.liver.calibration.LicCalibration;
import org.ferrum.liver.calibration.LiverIronFromR2Star;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code liver.lic.r2star}: LIC (mg Fe/g dry weight) from an R2* map through a published calibration
 * ({@link LicCalibration}, {@link LiverIronFromR2Star}). The data's field strength comes from the {@code gre}
 * input or the {@code field_strength} parameter; a calibration measured at another field is refused unless the
 * user asks for a warning instead.
 */
@ServiceProvider(service = Operator.class)
public final class LiverIronFromR2StarOperator implements Operator {

    static final String ID = "liver.lic.r2star";

    private static final List<String> CALIBRATIONS =
            List.copyOf(LicCalibration.published().keySet());

    static final String REFUSE = "refuse";
    static final String WARN = "warn";
    static final String KEEP = "keep";
    static final String NAN = "nan";

    public static final Port<Volume<FloatType>> R2STAR = MapInput.port(
            "r2star", true, "R2*", "R2* map in 1/s (3-D), e.g. confounder-corrected R2* from the fat–water fit");
    public static final Port<MultiEchoGre> GRE = Port.optional(
            "gre", PortTypes.MULTI_ECHO_GRE, "The acquisition the R2* came from: gives the field strength");
    public static final Parameter<String> CALIBRATION = Parameter.choice(
            "calibration",
            CALIBRATIONS.get(0),
            CALIBRATIONS,
            "Published R2* → LIC calibration, by id: " + String.join(", ", CALIBRATIONS)
                    + " (see lic-calibrations.json for sources)");
    public static final Parameter<Double> FIELD_STRENGTH = Parameter.number(
            "field_strength",
            0.0,
            0.0,
            12.0,
            PhysicalUnit.TESLA,
            "B0 of the data when input 'gre' is not connected (0: not given)");
    public static final Parameter<String> ON_FIELD_MISMATCH = Parameter.choice(
            "on_field_mismatch",
            REFUSE,
            List.of(REFUSE, WARN),
            "When the calibration's field strength differs from the data's by more than 0.1 T: stop, or go on with a warning in the log");
    public static final Parameter<String> OUT_OF_RANGE = Parameter.choice(
            "out_of_range",
            KEEP,
            List.of(KEEP, NAN),
            "Voxels outside the calibration's valid R2*/LIC range: keep the extrapolated LIC, or set NaN (counted in the log either way)");
    public static final Port<Volume<FloatType>> LIC = LiverPorts.LIC;

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("LIC from R2*")
            .category(LiverCategory.NAME)
            .description("Liver iron concentration from R2* through a published calibration kept as data: "
                    + LicCalibration.published().values().stream()
                            .map(c -> c.id() + " (" + c.formula() + ", " + fmt(c.fieldStrengthT()) + " T, vs "
                                    + c.referenceStandard() + ")")
                            .collect(Collectors.joining("; "))
                    + ". Refuses (or warns about) a calibration measured at another field strength than the data's.")
            .inputs(List.of(R2STAR, GRE))
            .parameters(List.of(CALIBRATION, FIELD_STRENGTH, ON_FIELD_MISMATCH, OUT_OF_RANGE))
            .output(LIC)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        LicCalibration calibration = LicCalibration.byId(context.get(CALIBRATION));
        double b0 = fieldStrength(context);
        if (!calibration.fieldMatches(b0)) {
            String mismatch = String.format(
                    Locale.ROOT,
                    "calibration '%s' was measured at %s T but the data are at %s T",
                    calibration.id(),
                    fmt(calibration.fieldStrengthT()),
                    fmt(b0));
            if (context.get(ON_FIELD_MISMATCH).equals(REFUSE)) {
                List<String> matching = new ArrayList<>();
                LicCalibration.published().values().stream()
                        .filter(c -> c.fieldMatches(b0))
                        .forEach(c -> matching.add(c.id()));
                throw OperatorException.badInput(mismatch + "; R2* scales with B0, so choose "
                        + (matching.isEmpty() ? "a calibration for this field (none is shipped)" : "one of " + matching)
                        + " or set on_field_mismatch = warn to apply it anyway");
            }
            context.warn(mismatch + "; applied anyway (on_field_mismatch = warn): LIC values are biased");
        }
        context.progress(0.05, "reading R2*");
        MapInput r2star = MapInput.required(context, R2STAR, PhysicalUnit.PER_SECOND);
        context.checkCancelled();
        LiverIronFromR2Star.OutOfRange policy = context.get(OUT_OF_RANGE).equals(NAN)
                ? LiverIronFromR2Star.OutOfRange.NAN
                : LiverIronFromR2Star.OutOfRange.KEEP;
        context.progress(0.2, "applying " + calibration.id());
        LiverIronFromR2Star.Result result =
                LiverIronFromR2Star.apply(r2star.values(), calibration, policy, context.cancellation());
        context.log(String.format(
                Locale.ROOT,
                "%s: %s (%s T, reference %s; %s)",
                calibration.id(),
                calibration.formula(),
                fmt(calibration.fieldStrengthT()),
                calibration.referenceStandard(),
                calibration.source()));
        if (calibration.hasValidRange()) {
            context.log(String.format(
                    Locale.ROOT,
                    "valid range R2* [%s, %s] 1/s, LIC [%s, %s] mg Fe/g dw: %d voxels below, %d above%s",
                    fmt(calibration.minR2Star()),
                    fmt(calibration.maxR2Star()),
                    fmt(calibration.minLic()),
                    fmt(calibration.maxLic()),
                    result.below(),
                    result.above(),
                    policy == LiverIronFromR2Star.OutOfRange.NAN ? " (set to NaN)" : " (kept)"));
        } else {
            context.log("the source as read states no valid range; no voxel is flagged");
        }
        if (result.nanInput() > 0) {
            context.log(result.nanInput() + " voxels had no R2* (NaN) and have no LIC");
        }
        context.output(
                LIC,
                VolumeArrays.volume(
                        result.lic(),
                        VoxelGrid.of(r2star.volume()),
                        r2star.volume().geometry(),
                        PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT));
        context.progress(1, "LIC done");
    }

    /** B0 of the data: from 'gre' if connected, else the parameter. */
    private static double fieldStrength(OperatorContext context) throws OperatorException {
        Optional<MultiEchoGre> gre = context.optionalInput(GRE);
        double parameter = context.get(FIELD_STRENGTH);
        if (gre.isPresent()) {
            double b0 = gre.get().acquisition().fieldStrengthTesla();
            if (parameter > 0 && Math.abs(parameter - b0) > LicCalibration.FIELD_TOLERANCE_T) {
                context.warn(String.format(
                        Locale.ROOT,
                        "parameter field_strength = %s T is ignored: input 'gre' says %s T",
                        fmt(parameter),
                        fmt(b0)));
            }
            return b0;
        }
        if (parameter > 0) {
            return parameter;
        }
        throw OperatorException.badInput(
                "the field strength of the data is unknown: connect input 'gre' or set parameter"
                        + " 'field_strength' (T); neither is given");
    }

    private static String fmt(double v) {
        return LicCalibration.format(v);
    }
}
