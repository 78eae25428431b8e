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
import org.ferrum.diffusion.BValueGroups;
import org.ferrum.diffusion.IvimFit;
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
 * Operator {@code diffusion.ivim}: IVIM D, f and D* ({@link IvimFit}, segmented or full bi-exponential) fitted to the
 * trace image at every b-value, with S0, a status map, the fit quality and standard errors.
 */
@ServiceProvider(service = Operator.class)
public final class IvimOperator implements Operator {

    private static final IvimFit.Params DEFAULTS = IvimFit.Params.DEFAULTS;
    private static final PhysicalUnit MM2_S = PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND;

    public static final Port<DiffusionDataset> DWI = Port.required(
            "dwi", DiffusionPorts.DWI, "The diffusion-weighted series (b-values and directions), with b = 0");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask", PortTypes.MASK, "Voxels to fit (default: all); outside: NaN and status 4")
            .in(PhysicalUnit.DIMENSIONLESS);

    public static final Parameter<String> METHOD = Parameter.choice(
            "method",
            DEFAULTS.method(),
            IvimFit.METHODS,
            "segmented: D from b ≥ b_threshold, f from the intercept, then D*; full: S0, f, D, D* together (bounded"
                    + " Levenberg–Marquardt from the segmented result)");
    public static final Parameter<Double> B_THRESHOLD = Parameter.number(
            "b_threshold",
            DEFAULTS.bThreshold(),
            0.0,
            null,
            PhysicalUnit.SECOND_PER_SQUARE_MILLIMETRE,
            "b from which the perfusion signal counts as decayed (segmented D fit uses b ≥ this)");
    public static final Parameter<Boolean> NOISE_FLOOR = Parameter.flag(
            "noise_floor",
            DEFAULTS.noiseFloor(),
            "Fit the model through the Rician noise floor √(S² + 2σ²) (as R2* does)");
    public static final Parameter<Double> NOISE_SIGMA = Parameter.number(
            "noise_sigma",
            DEFAULTS.noiseSigma(),
            0.0,
            null,
            PhysicalUnit.ARBITRARY,
            "Noise SD per channel in the images' units; 0 = estimate from the darkest corner of the lowest-b image"
                    + " outside the mask (σ = mean/√(π/2))");
    public static final Parameter<Double> D_MIN =
            Parameter.number("d_min", DEFAULTS.dMin(), 0.0, 1.0, MM2_S, "Lower bound of D");
    public static final Parameter<Double> D_MAX =
            Parameter.number("d_max", DEFAULTS.dMax(), 0.0, 1.0, MM2_S, "Upper bound of D");
    public static final Parameter<Double> F_MIN =
            Parameter.number("f_min", DEFAULTS.fMin(), 0.0, 1.0, null, "Lower bound of f (fraction)");
    public static final Parameter<Double> F_MAX =
            Parameter.number("f_max", DEFAULTS.fMax(), 0.0, 1.0, null, "Upper bound of f (fraction)");
    public static final Parameter<Double> DSTAR_MIN =
            Parameter.number("dstar_min", DEFAULTS.dStarMin(), 0.0, 10.0, MM2_S, "Lower bound of D*");
    public static final Parameter<Double> DSTAR_MAX =
            Parameter.number("dstar_max", DEFAULTS.dStarMax(), 0.0, 10.0, MM2_S, "Upper bound of D*");

    public static final Port<Volume<FloatType>> D = Port.output(
                    "d", PortTypes.VOLUME, "Diffusion coefficient D, mm²/s (NaN where not converged: see status)")
            .of(Quantities.DIFFUSION, MM2_S);
    public static final Port<Volume<FloatType>> F = Port.output(
                    "f", PortTypes.VOLUME, "Perfusion fraction f, a fraction in [0, 1]")
            .of(Quantities.PERFUSION_FRACTION, PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> DSTAR = Port.output(
                    "dstar", PortTypes.VOLUME, "Pseudo-diffusion coefficient D*, mm²/s (NaN also where f = 0)")
            .of(Quantities.PSEUDO_DIFFUSION, MM2_S);
    public static final Port<Volume<FloatType>> S0 = Port.output(
                    "s0", PortTypes.VOLUME, "S0, the images' units (segmented: the signal at the lowest b)")
            .of(Quantities.SIGNAL, PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> STATUS = Port.output(
                    "status", PortTypes.VOLUME, FitStatus.legend() + " (the worse of the fit's steps)")
            .of(Quantities.FIT_STATUS, PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> QUALITY = Port.output(
                    "quality", PortTypes.VOLUME, "RMS residual of the model over all b-values, % of S0")
            .of(Quantities.FIT_QUALITY, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> D_SE =
            Port.output("d_se", PortTypes.VOLUME, "Standard error of D, mm²/s").in(MM2_S);
    public static final Port<Volume<FloatType>> F_SE = Port.output(
                    "f_se",
                    PortTypes.VOLUME,
                    "Standard error of f (segmented: from the intercept's, the reference signal's noise ignored)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> DSTAR_SE = Port.output(
                    "dstar_se", PortTypes.VOLUME, "Standard error of D*, mm²/s")
            .in(MM2_S);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("diffusion.ivim", "1.0")
            .displayName("IVIM")
            .category("Diffusion")
            .description("Intravoxel incoherent motion S0[(1−f)e^{−bD} + f e^{−bD*}] fitted to the trace image:"
                    + " segmented (default, threshold 200 s/mm²) or full bi-exponential, with bounds and the Rician"
                    + " noise floor.")
            .input(DWI)
            .input(MASK)
            .parameter(METHOD)
            .parameter(B_THRESHOLD)
            .parameter(NOISE_FLOOR)
            .parameter(NOISE_SIGMA)
            .parameter(D_MIN)
            .parameter(D_MAX)
            .parameter(F_MIN)
            .parameter(F_MAX)
            .parameter(DSTAR_MIN)
            .parameter(DSTAR_MAX)
            .output(D)
            .output(F)
            .output(DSTAR)
            .output(S0)
            .output(STATUS)
            .output(QUALITY)
            .output(D_SE)
            .output(F_SE)
            .output(DSTAR_SE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The algorithm's parameters from the node's (one place that reads them). */
    static IvimFit.Params params(OperatorContext context) throws OperatorException {
        try {
            return new IvimFit.Params(
                    context.get(METHOD),
                    context.get(B_THRESHOLD),
                    context.get(NOISE_FLOOR),
                    context.get(NOISE_SIGMA),
                    context.get(D_MIN),
                    context.get(D_MAX),
                    context.get(F_MIN),
                    context.get(F_MAX),
                    context.get(DSTAR_MIN),
                    context.get(DSTAR_MAX));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(
                    "parameters " + D_MIN.name() + " … " + DSTAR_MAX.name() + ": " + e.getMessage());
        }
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        IvimFit.Params p = params(context);
        DwiInputs in = DwiInputs.read(context, DWI, MASK);
        double[] b = in.groups.bValues();
        IvimFit fit;
        try {
            fit = new IvimFit(b, p, 0);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input '" + DWI.name() + "' with parameter '" + B_THRESHOLD.name() + "' = "
                    + BValueGroups.format(p.bThreshold()) + ": " + e.getMessage());
        }
        if (!in.groups.hasBZero()) {
            context.warn("input '" + DWI.name() + "' has no b = 0: the reference signal is taken at b = "
                    + BValueGroups.format(b[0]) + " s/mm², so f misses the perfusion signal already lost there"
                    + " (f underestimated by ≈ f·(1 − e^{−b·D*})) and s0 is the signal at that b");
        }
        double sigma = in.noiseSigma(context, p.noiseFloor(), p.noiseSigma(), NOISE_SIGMA.name(), NOISE_FLOOR.name());
        if (sigma > 0) {
            fit = new IvimFit(b, p, sigma);
        }
        context.progress(0.05, "trace image");
        float[][] trace = in.trace(context);
        context.log("IVIM (" + p.method() + (sigma > 0 ? " + noise floor" : "") + ", b ≥ "
                + BValueGroups.format(p.bThreshold()) + " s/mm² for D) at b = " + in.groups.describe() + " s/mm²");
        context.progress(0.2, "fitting IVIM");
        IvimFit.Result r = fit.map(trace, in.mask, context.cancellation());
        DwiInputs.warnUnusable(context, r.status(), STATUS.name());
        context.output(D, in.map(r.d(), MM2_S));
        context.output(F, in.map(r.f(), PhysicalUnit.DIMENSIONLESS));
        context.output(DSTAR, in.map(r.dStar(), MM2_S));
        context.output(S0, in.map(r.s0(), PhysicalUnit.ARBITRARY));
        context.output(STATUS, in.map(r.status(), PhysicalUnit.DIMENSIONLESS));
        context.output(QUALITY, in.map(r.quality(), PhysicalUnit.PERCENT));
        context.output(D_SE, in.map(r.dSe(), MM2_S));
        context.output(F_SE, in.map(r.fSe(), PhysicalUnit.DIMENSIONLESS));
        context.output(DSTAR_SE, in.map(r.dStarSe(), MM2_S));
        context.progress(1, "IVIM done");
    }
}
