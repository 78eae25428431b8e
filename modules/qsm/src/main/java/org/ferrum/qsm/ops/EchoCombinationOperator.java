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
package org.ferrum.qsm.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.qsm.unwrap.EchoCombination;
import org.ferrum.qsm.unwrap.EchoCombination.Weighting;
import org.ferrum.qsm.unwrap.NoiseLevel;
import org.openide.util.lookup.ServiceProvider;

/**
 * Combines unwrapped multi-echo phase into a field map by a weighted linear fit against TE
 * ({@link EchoCombination}); the field in Hz is turned into ppm with the GRE's field strength
 * ({@link FieldUnits}). All outputs are 0 outside the mask.
 */
@ServiceProvider(service = Operator.class)
public final class EchoCombinationOperator implements Operator {

    static final String ID = "qsm.echo.combine";
    static final String MAGNITUDE_TE = "magnitude-te";
    static final String MAGNITUDE = "magnitude";
    static final String UNIFORM = "uniform";
    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    public static final Port<MultiEchoGre> GRE = GrePhaseInputs.gre("Multi-echo GRE with UNWRAPPED phase (rad)");
    public static final Port<Volume<FloatType>> MASK =
            Port.optional(GrePhaseInputs.MASK, PortTypes.MASK, "Voxels to fit (others are 0); default all");
    public static final Parameter<String> WEIGHTING = Parameter.choice(
            "weighting",
            name(EchoCombination.Params.DEFAULTS.weighting()),
            List.of(MAGNITUDE_TE, MAGNITUDE, UNIFORM),
            "Echo weights: (magnitude·TE)², magnitude², or uniform");
    public static final Parameter<Boolean> FIT_OFFSET = Parameter.flag(
            "fit_offset",
            EchoCombination.Params.DEFAULTS.fitOffset(),
            "Fit the phase offset φ0 too (off: line through the origin, for phase whose offset was removed)");
    public static final Parameter<String> PHASE_SIGN = Parameter.choice(
            "phase_sign",
            POSITIVE,
            List.of(POSITIVE, NEGATIVE),
            "How the scanner's phase follows the field: 'positive' if φ grows with it (φ = +2π·γ̄·ΔB·TE, the"
                    + " convention of MEDI and of Ferrum's phantom), 'negative' if it falls (vendors and"
                    + " reconstructions differ: check that veins come out paramagnetic)");
    public static final Parameter<Double> NOISE_SIGMA = Parameter.number(
            "noise_sigma",
            0,
            0.0,
            Double.MAX_VALUE,
            null,
            "Complex noise SD σ per channel, in the magnitude's units, for 'field_sd'; 0: estimated from the air"
                    + " outside the mask (Rayleigh fit) or, without air, from the fit residual");
    public static final Parameter<Boolean> SD_MISFIT = Parameter.flag(
            "sd_misfit",
            false,
            "Inflate 'field_sd' by √(reduced χ²) where the linear fit's misfit exceeds what the noise explains"
                    + " (wraps, flow, dephasing)");
    public static final Port<Volume<FloatType>> FIELD =
            Port.output("field", PortTypes.VOLUME, "Field map, ppm of B0").of(Quantities.FIELD, PhysicalUnit.PPM);
    public static final Port<Volume<FloatType>> FIELD_HZ = Port.output(
                    "field_hz", PortTypes.VOLUME, "Field map as frequency offset, Hz")
            .of(Quantities.FIELD, PhysicalUnit.HERTZ);
    public static final Port<Volume<FloatType>> OFFSET = Port.output(
                    "offset", PortTypes.VOLUME, "Phase offset φ0 at TE = 0, rad (0 without offset fit or for one echo)")
            .of(Quantities.PHASE, PhysicalUnit.RADIAN);
    public static final Port<Volume<FloatType>> RESIDUAL = Port.output(
                    "residual",
                    PortTypes.VOLUME,
                    "Weighted RMS misfit of the linear model, rad (noise / model-failure map)")
            .of(Quantities.PHASE, PhysicalUnit.RADIAN);
    public static final Port<Volume<FloatType>> FIELD_SD = Port.output(
                    "field_sd",
                    PortTypes.VOLUME,
                    "Standard deviation"
                            + " of the field from the noise σ/m of each echo's phase propagated through the fit, ppm; NaN outside the mask")
            .of(Quantities.FIELD, PhysicalUnit.PPM);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Echo combination (weighted linear fit)")
            .category(QsmCategories.ECHO_COMBINATION)
            .description("Fits φ_n = φ0 + 2π·f·TE_n to the unwrapped phase of every voxel by weighted least squares,"
                    + " weights (m·TE)² (Wu et al., MRM 2012), m² (inverse phase variance, Conturo & Smith 1990) or uniform;"
                    + " gives the field in ppm and Hz, the offset φ0, and the field's noise SD (σ/m of each echo's phase"
                    + " propagated through the fit).")
            .input(GRE)
            .input(MASK)
            .parameters(List.of(WEIGHTING, FIT_OFFSET, PHASE_SIGN, NOISE_SIGMA, SD_MISFIT))
            .output(FIELD)
            .output(FIELD_HZ)
            .output(OFFSET)
            .output(RESIDUAL)
            .output(FIELD_SD)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    private static String name(Weighting w) {
        return switch (w) {
            case UNIFORM -> UNIFORM;
            case MAGNITUDE -> MAGNITUDE;
            case MAGNITUDE_TE -> MAGNITUDE_TE;
        };
    }

    /** The fit's settings from the node's parameters. */
    static EchoCombination.Params params(OperatorContext context) {
        Weighting weighting =
                switch (context.get(WEIGHTING)) {
                    case UNIFORM -> Weighting.UNIFORM;
                    case MAGNITUDE -> Weighting.MAGNITUDE;
                    default -> Weighting.MAGNITUDE_TE;
                };
        return new EchoCombination.Params(weighting, context.get(FIT_OFFSET));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE);
        float[][] phase = GrePhaseInputs.phase(gre);
        Optional<boolean[]> mask = GrePhaseInputs.mask(context, MASK, gre);
        GrePhaseInputs.requireFinite(
                phase, mask.orElse(null), mask.isPresent() ? "inside the mask" : "(no mask given)");
        EchoCombination.Params params = params(context);
        Weighting weighting = params.weighting();
        boolean fitOffset = params.fitOffset();
        int echoes = phase.length;
        if (echoes == 1 && fitOffset) {
            context.log("one echo: the offset cannot be fitted; f = φ/(2π·TE) with φ0 = 0");
        }
        if (echoes > 1 && looksWrapped(phase, mask.orElse(null))) {
            context.warn("every echo's phase lies within [−π, π]; is it unwrapped? (connect an unwrapping node first)");
        }
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        double[] te = gre.acquisition().echoTimes().toSeconds();
        context.progress(0.1, "fitting " + echoes + " echo(es)");
        float[][] magnitude = GrePhaseInputs.magnitude(gre);
        EchoCombination.Result fit = EchoCombination.fit(
                phase, magnitude, te, mask.orElse(null), grid, weighting, fitOffset, context.cancellation());
        context.progress(0.6, "propagating the noise");
        float[] sdHz = fieldSdHz(context, phase, magnitude, te, mask.orElse(null), grid, weighting, fitOffset, fit);
        double tesla = gre.acquisition().fieldStrengthTesla();
        double ppmPerHz = FieldUnits.hertzToPpm(1.0, tesla);
        float[] hz = fit.frequencyHz();
        if (context.get(PHASE_SIGN).equals(NEGATIVE)) {
            // the phase falls as the field rises: the field is minus the fitted phase slope
            for (int v = 0; v < hz.length; v++) {
                hz[v] = -hz[v];
            }
            context.log("phase_sign negative: field = −(fitted phase slope)/2π");
        }
        float[] ppm = new float[hz.length];
        for (int v = 0; v < ppm.length; v++) {
            ppm[v] = (float) (hz[v] * ppmPerHz);
        }
        context.log(String.format(
                Locale.ROOT,
                "echo combination: %d echo(es) %s, weighting %s, offset %s; field in [%.2f, %.2f] Hz"
                        + " = [%.4f, %.4f] ppm at %.3g T",
                echoes,
                gre.acquisition().echoTimes(),
                context.get(WEIGHTING),
                fitOffset && echoes > 1 ? "fitted" : "not fitted",
                PhaseUnwrappingOperator.min(fit.frequencyHz()),
                PhaseUnwrappingOperator.max(fit.frequencyHz()),
                PhaseUnwrappingOperator.min(ppm),
                PhaseUnwrappingOperator.max(ppm),
                tesla));
        var geometry = gre.magnitude().geometry();
        context.output(FIELD, VolumeArrays.volume(ppm, grid, geometry, PhysicalUnit.PPM));
        context.output(FIELD_HZ, VolumeArrays.volume(fit.frequencyHz(), grid, geometry, PhysicalUnit.HERTZ));
        context.output(OFFSET, VolumeArrays.volume(fit.offset(), grid, geometry, PhysicalUnit.RADIAN));
        context.output(RESIDUAL, VolumeArrays.volume(fit.residual(), grid, geometry, PhysicalUnit.RADIAN));
        float[] sdPpm = new float[sdHz.length];
        for (int v = 0; v < sdPpm.length; v++) {
            sdPpm[v] = (float) (sdHz[v] * ppmPerHz);
        }
        context.output(FIELD_SD, VolumeArrays.volume(sdPpm, grid, geometry, PhysicalUnit.PPM));
        context.progress(1, "done");
    }

    /**
     * The field's SD in Hz (NaN outside the mask): σ from the parameter, the air outside the mask, or the fit residual
     * (in that order, the source logged), propagated by {@link EchoCombination#frequencySd}, optionally inflated by
     * {@link NoiseLevel#misfitFactor}.
     */
    private static float[] fieldSdHz(
            OperatorContext context,
            float[][] phase,
            float[][] magnitude,
            double[] te,
            boolean[] mask,
            VoxelGrid grid,
            Weighting weighting,
            boolean fitOffset,
            EchoCombination.Result fit) {
        double sigma = context.get(NOISE_SIGMA);
        String source = "parameter " + NOISE_SIGMA.name();
        if (sigma == 0) {
            OptionalDouble air = NoiseLevel.fromBackground(magnitude, mask);
            if (air.isPresent()) {
                sigma = air.getAsDouble();
                source = "Rayleigh fit of the air outside the mask";
            } else {
                OptionalDouble residual =
                        NoiseLevel.fromFitResidual(phase, magnitude, te, mask, fitOffset && te.length > 1);
                if (residual.isPresent()) {
                    sigma = residual.getAsDouble();
                    source = "median misfit of the echo fit (no air outside the mask that looks like noise)";
                } else {
                    source =
                            "nothing: no air outside the mask and no more echoes than fit parameters, so field_sd is NaN";
                    sigma = Double.NaN;
                }
            }
        }
        context.log(String.format(Locale.ROOT, "noise σ = %.4g (magnitude units) from %s", sigma, source));
        if (Double.isNaN(sigma)) {
            float[] sd = new float[grid.size()];
            Arrays.fill(sd, Float.NaN);
            return sd;
        }
        float[] sd = EchoCombination.frequencySd(
                magnitude, te, mask, grid, weighting, fitOffset, sigma, context.cancellation());
        if (context.get(SD_MISFIT)) {
            float[] factor =
                    NoiseLevel.misfitFactor(phase, magnitude, te, mask, fit, fitOffset && te.length > 1, sigma);
            long inflated = 0;
            for (int v = 0; v < sd.length; v++) {
                sd[v] *= factor[v];
                inflated += factor[v] > 1.5f ? 1 : 0;
            }
            context.log("field_sd inflated by the fit misfit; " + inflated + " voxel(s) by more than 1.5×");
        }
        return sd;
    }

    private static boolean looksWrapped(float[][] phase, boolean[] mask) {
        for (float[] frame : phase) {
            for (int v = 0; v < frame.length; v++) {
                if ((mask == null || mask[v]) && Math.abs(frame[v]) > Math.PI + 1e-3) {
                    return false;
                }
            }
        }
        return true;
    }
}
