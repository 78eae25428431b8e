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
package org.ferrum.diffusion.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.diffusion.AdcFit;
import org.ferrum.diffusion.BValueGroups;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code diffusion.adc}: the apparent diffusion coefficient ({@link AdcFit}) of the trace image at chosen
 * b-values, with S0, a status map, the fit quality and the standard error of ADC.
 */
@ServiceProvider(service = Operator.class)
public final class AdcOperator implements Operator {

    private static final AdcFit.Params DEFAULTS = AdcFit.Params.DEFAULTS;

    public static final Port<DiffusionDataset> DWI =
            Port.required("dwi", DiffusionPorts.DWI, "The diffusion-weighted series (b-values and directions)");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask", PortTypes.MASK, "Voxels to fit (default: all); outside: NaN and status 4")
            .in(PhysicalUnit.DIMENSIONLESS);

    public static final Parameter<String> B_VALUES = Parameter.text(
            "b_values",
            DEFAULTS.bValues(),
            "b-values to fit, s/mm², comma-separated (e.g. \"0,50,400,800\"; each must be in the series within 2 %);"
                    + " empty = all b ≤ 1000 s/mm²");
    public static final Parameter<String> METHOD = Parameter.choice(
            "method",
            DEFAULTS.method(),
            AdcFit.METHODS,
            "nlls: Levenberg–Marquardt (with the noise floor if noise_floor); loglinear: ln S on b weighted by S²");
    public static final Parameter<Boolean> NOISE_FLOOR = Parameter.flag(
            "noise_floor",
            DEFAULTS.noiseFloor(),
            "nlls only: fit √(S0²e^{−2b·ADC} + 2σ²) so that high b-values on the Rician noise floor do not bias ADC"
                    + " low");
    public static final Parameter<Double> NOISE_SIGMA = Parameter.number(
            "noise_sigma",
            DEFAULTS.noiseSigma(),
            0.0,
            null,
            PhysicalUnit.ARBITRARY,
            "Noise SD per channel in the images' units; 0 = estimate from the darkest corner of the lowest-b image"
                    + " outside the mask (σ = mean/√(π/2))");

    public static final Port<Volume<FloatType>> ADC = Port.output(
                    "adc", PortTypes.VOLUME, "ADC, mm²/s (NaN where the fit did not converge: see status)")
            .of(Quantities.ADC, PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND);
    public static final Port<Volume<FloatType>> S0 = Port.output(
                    "s0", PortTypes.VOLUME, "Signal extrapolated to b = 0, the images' units")
            .of(Quantities.SIGNAL, PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> STATUS = Port.output("status", PortTypes.VOLUME, FitStatus.legend())
            .of(Quantities.FIT_STATUS, PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> QUALITY = Port.output(
                    "quality", PortTypes.VOLUME, "RMS residual over the fitted b-values, % of S0")
            .of(Quantities.FIT_QUALITY, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> ADC_SE = Port.output(
                    "adc_se",
                    PortTypes.VOLUME,
                    "Standard error of ADC from the Jacobian, mm²/s (nlls; NaN for loglinear)")
            .in(PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("diffusion.adc", "1.0")
            .displayName("ADC")
            .category("Diffusion")
            .description("Mono-exponential S0·e^{−b·ADC} fitted to the trace image at the chosen b-values (default all"
                    + " ≤ 1000 s/mm²); nlls with the Rician noise floor by default, or weighted log-linear.")
            .input(DWI)
            .input(MASK)
            .parameter(B_VALUES)
            .parameter(METHOD)
            .parameter(NOISE_FLOOR)
            .parameter(NOISE_SIGMA)
            .output(ADC)
            .output(S0)
            .output(STATUS)
            .output(QUALITY)
            .output(ADC_SE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The algorithm's parameters from the node's (one place that reads them). */
    static AdcFit.Params params(OperatorContext context) {
        return new AdcFit.Params(
                context.get(B_VALUES), context.get(METHOD), context.get(NOISE_FLOOR), context.get(NOISE_SIGMA));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        AdcFit.Params p = params(context);
        DwiInputs in = DwiInputs.read(context, DWI, MASK);
        int[] chosen;
        try {
            chosen = AdcFit.select(in.groups, p.bValues());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter '" + B_VALUES.name() + "': " + e.getMessage());
        }
        double[] b = new double[chosen.length];
        StringBuilder used = new StringBuilder();
        for (int i = 0; i < chosen.length; i++) {
            b[i] = in.groups.bValue(chosen[i]);
            used.append(i == 0 ? "" : ", ").append(BValueGroups.format(b[i]));
        }
        boolean floor = p.method().equals(AdcFit.NLLS) && p.noiseFloor();
        if (p.noiseFloor() && !floor) {
            context.log("noise_floor applies to nlls only; loglinear fits the plain decay");
        }
        double sigma = in.noiseSigma(context, floor, p.noiseSigma(), NOISE_SIGMA.name(), NOISE_FLOOR.name());
        context.progress(0.05, "trace image");
        float[][] trace = in.trace(chosen, context);
        context.log("ADC (" + p.method() + (floor ? " + noise floor" : "") + ") at b = " + used + " s/mm²");
        context.progress(0.2, "fitting ADC");
        AdcFit.Result r = new AdcFit(b, p.method(), sigma).map(trace, in.mask, context.cancellation());
        DwiInputs.warnUnusable(context, r.status(), STATUS.name());
        context.output(ADC, in.map(r.adc(), PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND));
        context.output(S0, in.map(r.s0(), PhysicalUnit.ARBITRARY));
        context.output(STATUS, in.map(r.status(), PhysicalUnit.DIMENSIONLESS));
        context.output(QUALITY, in.map(r.quality(), PhysicalUnit.PERCENT));
        context.output(ADC_SE, in.map(r.adcSe(), PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND));
        context.progress(1, "ADC done");
    }
}
