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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.models.KineticFit;
import org.ferrum.perfusion.models.KineticMapping;
import org.ferrum.perfusion.models.KineticParameter;
import org.ferrum.perfusion.models.TracerKineticModel;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;

/**
 * The one operator shape of the {@link TracerKineticModel} family: a member is a subclass that names its model. Ports
 * and parameters shared by every member are declared here once; the per-parameter outputs ({@code ktrans},
 * {@code ve}, …, each with {@code <name>_se}) are made from the model's {@link KineticParameter}s.
 *
 * <p>Id {@code perfusion.model.<model name>}. Inputs: {@code concentration} (dynamic series in mM), {@code aif}
 * (plasma, mM), {@code mask} (optional). Outputs, 0 outside the mask: the parameters, their standard errors, derived
 * quantities (kep), {@code delay} and {@code delay_se} (s; 0 and NaN when not fitted), {@code rms} (mM),
 * {@code aicc}, {@code status} ({@link FitStatus} codes; NaN parameters where a fit failed).
 */
public abstract class KineticModelOperator implements Operator {

    private static final KineticFit.Settings DEFAULTS = KineticFit.Settings.DEFAULTS;

    public static final Port<DynamicSeries> CONCENTRATION = Port.required(
            "concentration", PerfusionPorts.DYNAMIC_SERIES, "Concentration series, mM (frame times in s)");
    public static final Port<ArterialInputFunction> AIF =
            Port.required("aif", PerfusionPorts.AIF, "Arterial input function C_p(t), plasma, mM, covering the series");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask", PortTypes.MASK, "Voxels to fit (outputs are 0 and status 4 elsewhere); default all")
            .in(PhysicalUnit.DIMENSIONLESS);

    public static final Parameter<Boolean> FIT_DELAY = Parameter.flag(
            "fit_delay",
            DEFAULTS.fitDelay(),
            "Fit the AIF delay δ (C_p(t − δ), δ > 0 when the tissue enhances later), within ±max_delay");
    public static final Parameter<Double> MAX_DELAY = Parameter.number(
            "max_delay",
            DEFAULTS.maxDelay(),
            0.5,
            60.0,
            PhysicalUnit.SECOND,
            "fit_delay only: the delay is searched in [−max_delay, max_delay]");

    public static final Port<Volume<FloatType>> DELAY = Port.output(
                    "delay", PortTypes.VOLUME, "Fitted AIF delay, s (0 when fit_delay is off)")
            .of(Quantities.DELAY, PhysicalUnit.SECOND);
    public static final Port<Volume<FloatType>> DELAY_SE = Port.output(
                    "delay_se", PortTypes.VOLUME, "Standard error of the delay, s (NaN when not fitted)")
            .of(Quantities.DELAY, PhysicalUnit.SECOND);
    public static final Port<Volume<FloatType>> RMS = Port.output(
                    "rms", PortTypes.VOLUME, "Fit quality: root-mean-square residual, mM")
            .of(Quantities.FIT_QUALITY, PhysicalUnit.MILLIMOLAR);
    public static final Port<Volume<FloatType>> AICC = Port.output(
                    "aicc",
                    PortTypes.VOLUME,
                    "Corrected Akaike information criterion (lower is better) for model choice")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> STATUS = Port.output(
                    "status", PortTypes.VOLUME, "Fit status: " + FitStatus.legend())
            .of(Quantities.FIT_STATUS, PhysicalUnit.DIMENSIONLESS);

    private final TracerKineticModel model;
    private final Map<String, Port<Volume<FloatType>>> parameterPorts = new HashMap<>();
    private final Map<String, Port<Volume<FloatType>>> errorPorts = new HashMap<>();
    private final List<Port<Volume<FloatType>>> derivedPorts = new ArrayList<>();
    private final OperatorDescriptor descriptor;

    protected KineticModelOperator(TracerKineticModel model, String version, String description) {
        this.model = model;
        OperatorDescriptor.Builder b = OperatorDescriptor.builder("perfusion.model." + model.name(), version)
                .displayName(model.displayName() + " model")
                .category("Perfusion")
                .description(description + " Bounds and starts: " + ranges(model) + ".")
                .inputs(List.of(CONCENTRATION, AIF, MASK))
                .parameters(List.of(FIT_DELAY, MAX_DELAY));
        for (KineticParameter p : model.parameters()) {
            Port<Volume<FloatType>> port = Port.output(
                            p.name(), PortTypes.VOLUME, p.description() + " (NaN where the fit failed)")
                    .of(quantity(p.name()), p.unit());
            Port<Volume<FloatType>> se = Port.output(
                            p.name() + "_se",
                            PortTypes.VOLUME,
                            "Standard error of " + p.symbol() + " from the Jacobian")
                    .of(quantity(p.name()), p.unit());
            parameterPorts.put(p.name(), port);
            errorPorts.put(p.name(), se);
            b.output(port).output(se);
        }
        for (KineticParameter p : model.derived()) {
            Port<Volume<FloatType>> port =
                    Port.output(p.name(), PortTypes.VOLUME, p.description()).of(quantity(p.name()), p.unit());
            derivedPorts.add(port);
            b.output(port);
        }
        descriptor = b.output(DELAY)
                .output(DELAY_SE)
                .output(RMS)
                .output(AICC)
                .output(STATUS)
                .build();
    }

    /** The quantity of a parameter's maps (names as in {@link Quantities}). */
    static String quantity(String parameter) {
        return switch (parameter) {
            case "ktrans" -> Quantities.KTRANS;
            case "kep" -> Quantities.KEP;
            case "ve" -> Quantities.VE;
            case "vp" -> Quantities.VP;
            case "fp" -> Quantities.FP;
            case "ps" -> Quantities.PS;
            default -> throw new IllegalArgumentException("no quantity for parameter " + parameter);
        };
    }

    static String ranges(TracerKineticModel model) {
        List<String> parts = new ArrayList<>();
        for (KineticParameter p : model.parameters()) {
            parts.add(p.symbol() + " " + p.range());
        }
        return String.join("; ", parts);
    }

    @Override
    public OperatorDescriptor descriptor() {
        return descriptor;
    }

    /** The model this operator fits. */
    public TracerKineticModel model() {
        return model;
    }

    /** The output port of a parameter ({@code ktrans}, …) or derived quantity ({@code kep}). */
    public Port<Volume<FloatType>> parameterPort(String name) {
        Port<Volume<FloatType>> p = parameterPorts.get(name);
        if (p != null) {
            return p;
        }
        return derivedPorts.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(model.name() + " has no output " + name));
    }

    /** The standard-error output port of a parameter. */
    public Port<Volume<FloatType>> standardErrorPort(String name) {
        return errorPorts.get(name);
    }

    /** The node's settings as the algorithm's record (the one place parameters are read). */
    static KineticFit.Settings settings(OperatorContext context) {
        double max = context.get(MAX_DELAY);
        return new KineticFit.Settings(context.get(FIT_DELAY), -max, max, DEFAULTS.solver());
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DceData data = DceData.read(context, CONCENTRATION, MASK);
        ArterialInputFunction aif = context.input(AIF);
        KineticFit.Settings settings = settings(context);
        KineticMapping.Maps maps = fit(context, model, data, aif, settings, 0, 1);
        List<KineticParameter> params = model.parameters();
        for (int j = 0; j < params.size(); j++) {
            KineticParameter p = params.get(j);
            context.output(parameterPorts.get(p.name()), data.map(maps.parameters()[j], p.unit()));
            context.output(errorPorts.get(p.name()), data.map(maps.standardErrors()[j], p.unit()));
        }
        for (int j = 0; j < derivedPorts.size(); j++) {
            context.output(
                    derivedPorts.get(j),
                    data.map(maps.derived()[j], model.derived().get(j).unit()));
        }
        context.output(DELAY, data.map(maps.delay(), PhysicalUnit.SECOND));
        context.output(DELAY_SE, data.map(maps.delayError(), PhysicalUnit.SECOND));
        context.output(RMS, data.map(maps.rms(), PhysicalUnit.MILLIMOLAR));
        context.output(AICC, data.map(maps.aicc(), PhysicalUnit.DIMENSIONLESS));
        context.output(STATUS, data.map(maps.status(), PhysicalUnit.DIMENSIONLESS));
    }

    /**
     * Fits {@code model} to every voxel, with the family's checks and messages (frames, AIF coverage) and a warning
     * when fits failed or hit the iteration limit. Progress goes from {@code from} to {@code to}.
     */
    static KineticMapping.Maps fit(
            OperatorContext context,
            TracerKineticModel model,
            DceData data,
            ArterialInputFunction aif,
            KineticFit.Settings settings,
            double from,
            double to)
            throws OperatorException {
        int needed = model.parameterCount() + (settings.fitDelay() ? 1 : 0) + 2;
        if (data.series().frameCount() < needed) {
            throw OperatorException.badInput("input '" + CONCENTRATION.name() + "' has "
                    + data.series().frameCount()
                    + " frames; the " + model.displayName() + " model" + (settings.fitDelay() ? " with delay" : "")
                    + " needs at least " + needed);
        }
        data.requireCoverage(aif, AIF);
        context.progress(from, "fitting " + model.displayName());
        KineticMapping.Maps maps = KineticMapping.map(
                model,
                data.frames(),
                data.voxels(),
                data.series().frameTimes(),
                aif,
                data.mask(),
                settings,
                context.cancellation(),
                f -> context.progress(from + (to - from) * f, "fitting " + model.displayName()));
        int[] counts = new int[FitStatus.values().length];
        int inside = 0;
        for (float s : maps.status()) {
            counts[(int) s]++;
            inside += s != FitStatus.NOT_FITTED.code() ? 1 : 0;
        }
        int failed = counts[FitStatus.FAILED.code()];
        int limit = counts[FitStatus.MAX_ITERATIONS.code()];
        if (failed + limit > 0) {
            context.warn(String.format(
                    Locale.ROOT,
                    "%s: %d of %d voxels failed (NaN, status %d) and %d reached the iteration limit (status %d)",
                    model.displayName(),
                    failed,
                    inside,
                    FitStatus.FAILED.code(),
                    limit,
                    FitStatus.MAX_ITERATIONS.code()));
        }
        context.progress(to, model.displayName() + " fitted");
        return maps;
    }
}
