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
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.relaxometry.r2star.BackgroundNoise;
import org.ferrum.relaxometry.r2star.DecayFit;
import org.ferrum.relaxometry.r2star.DecayFits;
import org.ferrum.relaxometry.r2star.R2StarMapping;
import org.ferrum.relaxometry.r2star.R2StarMapping.Params;
import org.openide.util.lookup.ServiceProvider;

/**
 * R2* and T2* maps from the magnitude of a multi-echo GRE ({@link R2StarMapping} with one of the {@link DecayFits}).
 * Outputs are 0 outside the mask. The {@code method} choices are the registered fits, so a new {@link DecayFit} is
 * offered here without touching this class.
 */
@ServiceProvider(service = Operator.class)
public final class R2StarMappingOperator implements Operator {

    static final String ID = "relax.r2star";
    private static final Params DEFAULTS = Params.DEFAULTS;

    public static final Port<MultiEchoGre> GRE = Port.required(
            "gre",
            PortTypes.MULTI_ECHO_GRE,
            "Multi-echo GRE; its magnitude and echo times are used (phase is ignored)");
    public static final Port<Volume<FloatType>> MASK =
            Port.optional("mask", PortTypes.MASK, "Voxels to fit (outputs are 0 elsewhere); default all");

    public static final Parameter<String> METHOD = Parameter.choice(
            "method",
            DEFAULTS.method(),
            DecayFits.names(DecayFits.ALL),
            "Fit: loglinear (weighted, any echoes), arlo (needs ≥ 3 evenly spaced echoes; unevenly spaced echoes are"
                    + " refused, not refitted: use loglinear or nlls), nlls (Levenberg–Marquardt)");
    public static final Parameter<Boolean> NOISE_FLOOR = Parameter.flag(
            "noise_floor",
            DEFAULTS.noiseFloor(),
            "nlls only: fit √(S0²e^{−2R2*t} + 2σ²) so that echoes on the Rician noise floor do not flatten the decay");
    public static final Parameter<Double> NOISE_SIGMA = Parameter.number(
            "noise_sigma",
            DEFAULTS.noiseSigma(),
            0.0,
            null,
            PhysicalUnit.ARBITRARY,
            "Noise SD per channel in the magnitude's units; 0 = estimate from the darkest corner of"
                    + " the first echo outside the mask (σ = mean/√(π/2))");
    public static final Parameter<Double> TRUNCATION = Parameter.number(
            "truncation",
            DEFAULTS.truncation(),
            0.0,
            100.0,
            null,
            "Drop trailing echoes from the first one below this multiple of the noise floor σ√(π/2); 0 = keep all");
    public static final Parameter<Long> MAX_ECHOES = Parameter.integer(
            "max_echoes", DEFAULTS.maxEchoes(), 0L, 1000L, "Use at most this many leading echoes; 0 = all");
    public static final Parameter<String> NLLS_START = Parameter.choice(
            "nlls_start",
            DEFAULTS.nllsStart(),
            DecayFits.names(DecayFits.starters()),
            "nlls only: the fit that gives the starting point (arlo needs evenly spaced echoes)");
    public static final Parameter<Double> R2STAR_MIN = Parameter.number(
            "r2star_min",
            DEFAULTS.r2starMin(),
            0.1,
            100000.0,
            PhysicalUnit.PER_SECOND,
            "Lower end of the R2* range; lower fits are set to it (status 1)");
    public static final Parameter<Double> R2STAR_MAX = Parameter.number(
            "r2star_max",
            DEFAULTS.r2starMax(),
            0.1,
            100000.0,
            PhysicalUnit.PER_SECOND,
            "Upper end of the R2* range; higher fits are set to it (status 2)");

    public static final Port<Volume<FloatType>> R2STAR = Port.output(
                    "r2star", PortTypes.VOLUME, "R2*, 1/s (NaN where the fit failed)")
            .of(Quantities.R2STAR, PhysicalUnit.PER_SECOND);
    public static final Port<Volume<FloatType>> T2STAR = Port.output("t2star", PortTypes.VOLUME, "T2* = 1000/R2*, ms")
            .of(Quantities.T2STAR, PhysicalUnit.MILLISECOND);
    public static final Port<Volume<FloatType>> S0 =
            Port.output("s0", PortTypes.VOLUME, "Signal at TE = 0, the magnitude's units");
    public static final Port<Volume<FloatType>> GOODNESS = Port.output(
                    "goodness",
                    PortTypes.VOLUME,
                    "RMS residual of the used echoes as % of S0 (0 = perfect; ≈ 100/SNR for a right model)")
            .in(PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> ECHOES_USED = Port.output(
                    "echoes_used", PortTypes.VOLUME, "Number of leading echoes fitted")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> STATUS = Port.output(
                    "status",
                    PortTypes.VOLUME,
                    "0 fitted, 1 clamped at r2star_min, 2 clamped at r2star_max, 3 fit failed")
            .in(PhysicalUnit.DIMENSIONLESS);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("R2* / T2* mapping")
            .category("Relaxometry")
            .description(
                    "Fits S(t) = S0·e^{−R2*·t} to the echo magnitudes of every voxel: weighted log-linear least squares"
                            + " (weights S²), ARLO (Pei et al., MRM 2015;73:843–850; evenly spaced echoes only) or Levenberg–Marquardt"
                            + " with an optional noise floor √(S0²e^{−2R2*t} + 2σ²) (Gudbjartsson & Patz, MRM 1995); optional truncation"
                            + " of echoes near the noise floor; R2* clamped to a range; S0, goodness of fit and echoes used.")
            .inputs(List.of(GRE, MASK))
            .parameters(List.of(
                    METHOD, NOISE_FLOOR, NOISE_SIGMA, TRUNCATION, MAX_ECHOES, NLLS_START, R2STAR_MIN, R2STAR_MAX))
            .output(R2STAR)
            .output(T2STAR)
            .output(S0)
            .output(GOODNESS)
            .output(ECHOES_USED)
            .output(STATUS)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The node's settings as the algorithm's record. */
    static Params params(OperatorContext context) {
        return new Params(
                context.get(METHOD),
                context.get(NOISE_FLOOR),
                context.get(NOISE_SIGMA),
                context.get(TRUNCATION),
                context.get(MAX_ECHOES).intValue(),
                context.get(NLLS_START),
                context.get(R2STAR_MIN),
                context.get(R2STAR_MAX));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE);
        Volume<FloatType> magnitudeVolume = gre.magnitude();
        VoxelGrid grid = VoxelGrid.of(magnitudeVolume);
        boolean[] mask = GreInputs.optionalMask(context, GRE, gre, MASK);
        EchoTimes echoTimes = gre.acquisition().echoTimes();
        double[] te = echoTimes.toSeconds();
        Params p = params(context);
        DecayFit.Method method = DecayFits.byName(p.method());
        int minimum = method.minimumEchoes();
        if (te.length < minimum) {
            throw OperatorException.badInput("input '" + GRE.name() + "' has " + te.length + " echo(es) (" + echoTimes
                    + "); method '" + method.name() + "' needs at least " + minimum);
        }
        if (p.maxEchoes() != 0 && p.maxEchoes() < minimum) {
            throw OperatorException.badInput("parameter '" + MAX_ECHOES.name() + "' = " + p.maxEchoes()
                    + " leaves too few" + " echoes: method '" + method.name() + "' needs at least " + minimum);
        }
        if (p.r2starMin() > p.r2starMax()) {
            throw OperatorException.badInput(String.format(
                    Locale.ROOT,
                    "parameters '%s' = %g 1/s and '%s' = %g 1/s: the" + " minimum exceeds the maximum",
                    R2STAR_MIN.name(),
                    p.r2starMin(),
                    R2STAR_MAX.name(),
                    p.r2starMax()));
        }
        float[][] magnitude = new float[te.length][];
        for (int e = 0; e < te.length; e++) {
            magnitude[e] = VolumeArrays.frame(magnitudeVolume, e);
        }
        requireUsableMagnitude(magnitude, mask, grid);
        context.progress(0.05, "checking echoes and noise");

        boolean noiseFloor = method.needsStart() && p.noiseFloor();
        double sigma = noiseSigma(context, p, noiseFloor, magnitude[0], mask, grid);
        if (p.noiseFloor() && !method.needsStart()) {
            context.log("noise_floor applies to nlls only; method " + method.name() + " fits the plain decay");
        }
        DecayFit fit;
        try {
            fit = method.create(te, new DecayFit.Settings(noiseFloor ? sigma : 0, DecayFits.byName(p.nllsStart())));
        } catch (IllegalArgumentException e) {
            Parameter<String> refused = method.needsStart() ? NLLS_START : METHOD;
            throw OperatorException.badInput(
                    "parameter '" + refused.name() + "' = " + context.get(refused) + " refused: " + e.getMessage(), e);
        }
        boolean truncate = p.truncation() > 0;
        R2StarMapping mapping = new R2StarMapping(
                te,
                fit,
                (noiseFloor || truncate) ? sigma : 0,
                p.truncation(),
                p.maxEchoes(),
                p.r2starMin(),
                p.r2starMax());
        String label = method.name() + (noiseFloor ? " + noise floor" : "");
        context.progress(0.1, "fitting " + te.length + " echoes (" + label + ")");
        R2StarMapping.Result result = mapping.map(magnitude, mask, grid, context.cancellation());
        context.progress(0.9, "writing maps");
        write(
                context,
                result,
                mask,
                grid,
                magnitudeVolume,
                echoTimes,
                p,
                method.name() + (noiseFloor ? "+noise floor" : ""));
        context.progress(1, "done");
    }

    /** σ as given, or estimated from the background where the noise floor or truncation needs it (logged either way). */
    private static double noiseSigma(
            OperatorContext context, Params p, boolean noiseFloor, float[] firstEcho, boolean[] mask, VoxelGrid grid)
            throws OperatorException {
        double sigma = p.noiseSigma();
        boolean needed = noiseFloor || p.truncation() > 0;
        if (sigma == 0 && needed) {
            sigma = BackgroundNoise.sigmaFromCorners(firstEcho, mask, grid);
            if (!(sigma > 0)) {
                throw OperatorException.badInput("parameter '" + NOISE_SIGMA.name()
                        + "' = 0 asks for an estimate from the"
                        + " background, but the darkest corner of the first echo outside the mask is "
                        + (Double.isNaN(sigma) ? "inside the mask" : "zero") + " (zero-filled or cropped data?); give "
                        + NOISE_SIGMA.name() + " in a.u., or set " + NOISE_FLOOR.name() + " false and "
                        + TRUNCATION.name() + " 0");
            }
            context.log(String.format(
                    Locale.ROOT,
                    "noise σ = %.4g a.u. estimated from the darkest corner of the first echo" + " (mean/√(π/2))",
                    sigma));
        } else if (needed) {
            context.log(String.format(Locale.ROOT, "noise σ = %.4g a.u. (given)", sigma));
        }
        return sigma;
    }

    private static void write(
            OperatorContext context,
            R2StarMapping.Result result,
            boolean[] mask,
            VoxelGrid grid,
            Volume<FloatType> magnitudeVolume,
            EchoTimes echoTimes,
            Params p,
            String label) {
        int size = grid.size();
        float[] t2star = new float[size];
        float[] status = new float[size];
        double sumUsed = 0;
        int inside = 0;
        for (int v = 0; v < size; v++) {
            if (mask == null || mask[v]) {
                t2star[v] = (float) (1000.0 / result.r2star()[v]);
                status[v] = result.status()[v];
                sumUsed += result.echoesUsed()[v];
                inside++;
            }
        }
        context.log(String.format(
                Locale.ROOT,
                "R2* %s over %d voxels, %s: %d fitted, %d clamped at %g 1/s, %d clamped at %g"
                        + " 1/s, %d failed; %.2f echoes used on average",
                label,
                inside,
                echoTimes,
                result.count(R2StarMapping.FITTED) - (size - inside),
                result.count(R2StarMapping.CLAMPED_LOW),
                p.r2starMin(),
                result.count(R2StarMapping.CLAMPED_HIGH),
                p.r2starMax(),
                result.count(R2StarMapping.FAILED),
                sumUsed / inside));
        Geometry geometry = magnitudeVolume.geometry();
        context.output(R2STAR, VolumeArrays.volume(result.r2star(), grid, geometry, PhysicalUnit.PER_SECOND));
        context.output(T2STAR, VolumeArrays.volume(t2star, grid, geometry, PhysicalUnit.MILLISECOND));
        context.output(S0, VolumeArrays.volume(result.s0(), grid, geometry, magnitudeVolume.unit()));
        context.output(GOODNESS, VolumeArrays.volume(result.goodness(), grid, geometry, PhysicalUnit.PERCENT));
        context.output(
                ECHOES_USED, VolumeArrays.volume(result.echoesUsed(), grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.output(STATUS, VolumeArrays.volume(status, grid, geometry, PhysicalUnit.DIMENSIONLESS));
    }

    /** NaN inside the mask and a magnitude that is zero everywhere inside it are bad input. */
    private static void requireUsableMagnitude(float[][] magnitude, boolean[] mask, VoxelGrid grid)
            throws OperatorException {
        boolean anySignal = false;
        for (int e = 0; e < magnitude.length; e++) {
            float[] frame = magnitude[e];
            for (int v = 0; v < frame.length; v++) {
                if (mask != null && !mask[v]) {
                    continue;
                }
                if (!Float.isFinite(frame[v])) {
                    int i = v % grid.nx();
                    int j = (v / grid.nx()) % grid.ny();
                    int k = v / (grid.nx() * grid.ny());
                    throw OperatorException.badInput(String.format(
                            Locale.ROOT,
                            "input '%s' has a non-finite magnitude (%s) %s at" + " voxel (%d, %d, %d), echo %d",
                            GRE.name(),
                            frame[v],
                            mask == null ? "(no mask given)" : "inside the mask",
                            i,
                            j,
                            k,
                            e + 1));
                }
                anySignal |= frame[v] != 0;
            }
        }
        if (!anySignal) {
            throw OperatorException.badInput("input '" + GRE.name() + "' has a magnitude of 0 in every echo "
                    + (mask == null ? "(no mask given)" : "inside the mask") + ": nothing to fit");
        }
    }
}
