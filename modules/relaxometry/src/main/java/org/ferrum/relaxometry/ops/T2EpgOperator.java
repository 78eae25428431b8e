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
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.relaxometry.t2.EpgT2Fit;
import org.ferrum.relaxometry.t2.EpgT2Fit.Params;
import org.ferrum.relaxometry.t2.T2Mapping;
import org.openide.util.lookup.ServiceProvider;

/**
 * Stimulated-echo-corrected T2 and B1 maps of a multi-echo spin echo by the extended phase graph ({@link EpgT2Fit}
 * on every voxel; Lebel RM, Wilman AH, MRM 2010;64:1005–1014).
 */
@ServiceProvider(service = Operator.class)
public final class T2EpgOperator implements Operator {

    static final String ID = "relax.t2.epg";
    private static final Params DEFAULTS = Params.DEFAULTS;

    public static final Parameter<Boolean> NOISE_FLOOR = T2Ports.noiseFloor(DEFAULTS.noiseFloor());
    public static final Parameter<Double> NOISE_SIGMA = T2Ports.noiseSigma(DEFAULTS.noiseSigma());
    public static final Parameter<Long> FIRST_ECHO =
            T2Ports.firstEcho(DEFAULTS.firstEcho(), "the EPG models echo 1 too, so the default 1 fits all");
    public static final Parameter<Double> REFOCUSING_ANGLE = Parameter.number(
            "refocusing_angle",
            DEFAULTS.refocusingAngle(),
            60.0,
            180.0,
            PhysicalUnit.DEGREE,
            "Nominal refocusing flip angle of the CPMG train (the protocol's value; B1 scales it)");
    public static final Parameter<Double> T1 = Parameter.number(
            "t1",
            DEFAULTS.t1Ms(),
            50.0,
            10000.0,
            PhysicalUnit.MILLISECOND,
            "Fixed T1 of the stimulated-echo pathways; T2 changes by < 1 % between 0.5 and 3 s");
    public static final Parameter<Double> B1_MIN = Parameter.number(
            "b1_min", DEFAULTS.b1Min(), 0.1, 2.0, null, "Lower bound of B1 (actual / nominal refocusing angle)");
    public static final Parameter<Double> B1_MAX = Parameter.number(
            "b1_max", DEFAULTS.b1Max(), 0.1, 2.0, null, "Upper bound of B1 (actual / nominal refocusing angle)");
    public static final Parameter<Double> T2_MIN = T2Ports.t2Min(DEFAULTS.t2MinMs());
    public static final Parameter<Double> T2_MAX = T2Ports.t2Max(DEFAULTS.t2MaxMs());

    public static final Port<Volume<FloatType>> B1 = Port.output(
                    "b1",
                    PortTypes.VOLUME,
                    "B1 as the relative refocusing angle (actual / nominal), on the branch where the actual angle is"
                            + " ≤ 180° (α and 360° − α give the same echoes); NaN where the fit is not usable")
            .of(Quantities.RELATIVE_FLIP_ANGLE, PhysicalUnit.DIMENSIONLESS);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("T2 mapping (EPG, stimulated-echo corrected)")
            .category("Relaxometry")
            .description(
                    "Fits the extended-phase-graph echo train of a CPMG multi-echo spin echo (ideal 90° excitation,"
                            + " refocusing B1 × refocusing_angle, fixed T1, no slice profile; Lebel & Wilman, MRM 2010) to"
                            + " the echo magnitudes, optionally through the Rician noise floor, for M0, T2 and B1 by bounded"
                            + " Levenberg–Marquardt with the analytic Jacobian. Needs ≥ 3 echoes at TE = n·ESP.")
            .inputs(List.of(T2Ports.MESE, T2Ports.MASK))
            .parameters(
                    List.of(NOISE_FLOOR, NOISE_SIGMA, FIRST_ECHO, REFOCUSING_ANGLE, T1, B1_MIN, B1_MAX, T2_MIN, T2_MAX))
            .output(T2Ports.T2)
            .output(T2Ports.M0)
            .output(B1)
            .output(T2Ports.STATUS)
            .output(T2Ports.QUALITY)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The node's settings as the algorithm's record. */
    static Params params(OperatorContext context) {
        return new Params(
                context.get(FIRST_ECHO).intValue(),
                context.get(NOISE_FLOOR),
                context.get(NOISE_SIGMA),
                context.get(REFOCUSING_ANGLE),
                context.get(T1),
                context.get(B1_MIN),
                context.get(B1_MAX),
                context.get(T2_MIN),
                context.get(T2_MAX));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        T2Run run = T2Run.read(context);
        requireRange(context, B1_MIN, B1_MAX, "");
        requireRange(context, T2_MIN, T2_MAX, " ms");
        Params p = params(context);
        run.requireEchoes(FIRST_ECHO, p.firstEcho(), EpgT2Fit.MINIMUM_ECHOES, "EPG");
        double[] te = run.echoTimes;
        try {
            EpgT2Fit.echoSpacing(te);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input '" + T2Ports.MESE.name() + "': " + e.getMessage(), e);
        }
        context.progress(0.05, "checking echoes and noise");
        double sigma = run.noiseSigma(context, p.noiseFloor(), p.noiseSigma(), NOISE_SIGMA);
        T2Mapping.Result r = run.fitAndWrite(
                context,
                () -> new EpgT2Fit(te, p, sigma),
                String.format(
                        Locale.ROOT,
                        "EPG, %.0f° nominal, T1 %.0f ms%s",
                        p.refocusingAngle(),
                        p.t1Ms(),
                        p.noiseFloor() ? " + noise floor" : ""));
        run.write(context, B1, r.b1(), PhysicalUnit.DIMENSIONLESS);
        context.progress(1, "done");
    }

    private static void requireRange(OperatorContext context, Parameter<Double> min, Parameter<Double> max, String unit)
            throws OperatorException {
        if (context.get(min) >= context.get(max)) {
            throw OperatorException.badInput("parameters '" + min.name() + "' = " + context.get(min) + unit + " and '"
                    + max.name() + "' = " + context.get(max) + unit + ": the minimum must be below the maximum");
        }
    }
}
