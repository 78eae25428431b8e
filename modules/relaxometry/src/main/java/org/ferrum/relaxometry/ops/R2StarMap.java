package org.ferrum.relaxometry.ops;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
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
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.core.VolumeArrays;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.relaxometry.r2star.ArloFit;
import org.ferrum.relaxometry.r2star.BackgroundNoise;
import org.ferrum.relaxometry.r2star.DecayFit;
import org.ferrum.relaxometry.r2star.LevenbergMarquardtFit;
import org.ferrum.relaxometry.r2star.LogLinearFit;
import org.ferrum.relaxometry.r2star.R2StarMapping;
import org.openide.util.lookup.ServiceProvider;

/**
 * R2* and T2* maps from the magnitude of a multi-echo GRE ({@link R2StarMapping} with one of the
 * {@link org.ferrum.relaxometry.r2star.DecayFit}s). Outputs are 0 outside the mask.
 */
@ServiceProvider(service = Operator.class)
public final class R2StarMap implements Operator {

    static final String ID = "relax.r2star";
    static final String GRE = "gre";
    static final String MASK = "mask";
    static final String LOGLINEAR = "loglinear";
    static final String ARLO = "arlo";
    static final String NLLS = "nlls";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("R2* / T2* mapping")
            .category("Relaxometry")
            .description("Fits S(t) = S0·e^{−R2*·t} to the echo magnitudes of every voxel: weighted log-linear least squares"
                    + " (weights S²), ARLO (Pei et al., MRM 2015;73:843–850; evenly spaced echoes only) or Levenberg–Marquardt"
                    + " with an optional noise floor √(S0²e^{−2R2*t} + 2σ²) (Gudbjartsson & Patz, MRM 1995); optional truncation"
                    + " of echoes near the noise floor; R2* clamped to a range; S0, goodness of fit and echoes used.")
            .input(Port.required(GRE, PortTypes.MULTI_ECHO_GRE, "Multi-echo GRE; its magnitude and echo times are used (phase is ignored)"))
            .input(Port.optional(MASK, PortTypes.MASK, "Voxels to fit (outputs are 0 elsewhere); default all"))
            .parameter(Parameter.choice("method", NLLS, List.of(LOGLINEAR, ARLO, NLLS),
                    "Fit: loglinear (weighted, any echoes), arlo (needs ≥ 3 evenly spaced echoes; unevenly spaced echoes are"
                            + " refused, not refitted: use loglinear or nlls), nlls (Levenberg–Marquardt)"))
            .parameter(Parameter.flag("noise_floor", true,
                    "nlls only: fit √(S0²e^{−2R2*t} + 2σ²) so that echoes on the Rician noise floor do not flatten the decay"))
            .parameter(Parameter.number("noise_sigma", 0, 0.0, null, PhysicalUnit.ARBITRARY,
                    "Noise SD per channel in the magnitude's units; 0 = estimate from the darkest corner of the first echo"
                            + " outside the mask (σ = mean/√(π/2))"))
            .parameter(Parameter.number("truncation", 2, 0.0, 100.0, null,
                    "Drop trailing echoes from the first one below this multiple of the noise floor σ√(π/2); 0 = keep all"))
            .parameter(Parameter.integer("max_echoes", 0, 0L, 1000L, "Use at most this many leading echoes; 0 = all"))
            .parameter(Parameter.choice("nlls_start", LOGLINEAR, List.of(LOGLINEAR, ARLO),
                    "nlls only: the fit that gives the starting point (arlo needs evenly spaced echoes)"))
            .parameter(Parameter.number("r2star_min", 1, 0.1, 100000.0, PhysicalUnit.PER_SECOND,
                    "Lower end of the R2* range; lower fits are set to it (status 1)"))
            .parameter(Parameter.number("r2star_max", 3000, 0.1, 100000.0, PhysicalUnit.PER_SECOND,
                    "Upper end of the R2* range; higher fits are set to it (status 2)"))
            .output(Port.output("r2star", PortTypes.VOLUME, "R2*, 1/s (NaN where the fit failed)"))
            .output(Port.output("t2star", PortTypes.VOLUME, "T2* = 1000/R2*, ms"))
            .output(Port.output("s0", PortTypes.VOLUME, "Signal at TE = 0, the magnitude's units"))
            .output(Port.output("goodness", PortTypes.VOLUME,
                    "RMS residual of the used echoes as % of S0 (0 = perfect; ≈ 100/SNR for a right model)"))
            .output(Port.output("echoes_used", PortTypes.VOLUME, "Number of leading echoes fitted"))
            .output(Port.output("status", PortTypes.VOLUME, "0 fitted, 1 clamped at r2star_min, 2 clamped at r2star_max, 3 fit failed"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE, PortTypes.MULTI_ECHO_GRE);
        Volume<FloatType> magnitudeVolume = gre.magnitude();
        VoxelGrid grid = VoxelGrid.of(magnitudeVolume);
        Optional<Volume<FloatType>> maskVolume = VolumeInputs.optional(context, MASK, PortTypes.MASK);
        boolean[] mask = null;
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(GRE, magnitudeVolume, MASK, maskVolume.get());
            mask = VolumeInputs.mask(maskVolume.get(), MASK);
        }
        EchoTimes echoTimes = gre.acquisition().echoTimes();
        double[] te = echoTimes.toSeconds();
        String method = context.stringParameter("method");
        int minimum = method.equals(ARLO) ? 3 : 2;
        if (te.length < minimum) {
            throw OperatorException.badInput("input '" + GRE + "' has " + te.length + " echo(es) (" + echoTimes + "); method '"
                    + method + "' needs at least " + minimum);
        }
        long maxEchoes = context.longParameter("max_echoes");
        if (maxEchoes != 0 && maxEchoes < minimum) {
            throw OperatorException.badInput("parameter 'max_echoes' = " + maxEchoes + " leaves too few echoes: method '" + method
                    + "' needs at least " + minimum);
        }
        double r2Min = context.doubleParameter("r2star_min");
        double r2Max = context.doubleParameter("r2star_max");
        if (r2Min > r2Max) {
            throw OperatorException.badInput(String.format(Locale.ROOT,
                    "parameters 'r2star_min' = %g 1/s and 'r2star_max' = %g 1/s: the minimum exceeds the maximum", r2Min, r2Max));
        }
        float[][] magnitude = new float[te.length][];
        for (int e = 0; e < te.length; e++) {
            magnitude[e] = VolumeArrays.frame(magnitudeVolume, e);
        }
        requireUsableMagnitude(magnitude, mask, grid);
        context.progress(0.05, "checking echoes and noise");

        boolean noiseFloor = method.equals(NLLS) && context.booleanParameter("noise_floor");
        double truncation = context.doubleParameter("truncation");
        double sigma = context.doubleParameter("noise_sigma");
        if (sigma == 0 && (noiseFloor || truncation > 0)) {
            sigma = BackgroundNoise.sigmaFromCorners(magnitude[0], mask, grid);
            if (!(sigma > 0)) {
                throw OperatorException.badInput("parameter 'noise_sigma' = 0 asks for an estimate from the background, but the"
                        + " darkest corner of the first echo outside the mask is " + (Double.isNaN(sigma) ? "inside the mask" : "zero")
                        + " (zero-filled or cropped data?); give noise_sigma in a.u., or set noise_floor false and truncation 0");
            }
            context.log(String.format(Locale.ROOT, "noise σ = %.4g a.u. estimated from the darkest corner of the first echo"
                    + " (mean/√(π/2))", sigma));
        } else if (noiseFloor || truncation > 0) {
            context.log(String.format(Locale.ROOT, "noise σ = %.4g a.u. (given)", sigma));
        }
        if (context.booleanParameter("noise_floor") && !method.equals(NLLS)) {
            context.log("noise_floor applies to nlls only; method " + method + " fits the plain decay");
        }
        DecayFit fit;
        try {
            fit = switch (method) {
                case LOGLINEAR -> new LogLinearFit(te);
                case ARLO -> new ArloFit(te);
                default -> new LevenbergMarquardtFit(te, context.stringParameter("nlls_start").equals(ARLO) ? new ArloFit(te)
                        : new LogLinearFit(te), noiseFloor ? sigma : 0);
            };
        } catch (IllegalArgumentException e) {
            String parameter = method.equals(ARLO) ? "method" : "nlls_start";
            throw OperatorException.badInput("parameter '" + parameter + "' = arlo refused: " + e.getMessage(), e);
        }
        R2StarMapping mapping = new R2StarMapping(te, fit, (noiseFloor || truncation > 0) ? sigma : 0, truncation,
                (int) maxEchoes, r2Min, r2Max);
        context.progress(0.1, "fitting " + te.length + " echoes (" + method + (noiseFloor ? " + noise floor" : "") + ")");
        R2StarMapping.Result result = mapping.map(magnitude, mask, grid, context.cancellation());
        context.progress(0.9, "writing maps");

        int size = grid.size();
        float[] t2star = new float[size];
        float[] status = new float[size];
        double sumUsed = 0;
        int inside = 0;
        for (int v = 0; v < size; v++) {
            if (mask == null || mask[v]) {
                float r = result.r2star()[v];
                t2star[v] = (float) (1000.0 / r);
                status[v] = result.status()[v];
                sumUsed += result.echoesUsed()[v];
                inside++;
            }
        }
        context.log(String.format(Locale.ROOT, "R2* %s over %d voxels, %s: %d fitted, %d clamped at %g 1/s, %d clamped at %g 1/s,"
                + " %d failed; %.2f echoes used on average", method + (noiseFloor ? "+noise floor" : ""), inside, echoTimes,
                result.count(R2StarMapping.FITTED) - (size - inside), result.count(R2StarMapping.CLAMPED_LOW), r2Min,
                result.count(R2StarMapping.CLAMPED_HIGH), r2Max, result.count(R2StarMapping.FAILED), sumUsed / inside));
        Geometry geometry = magnitudeVolume.geometry();
        context.output("r2star", VolumeArrays.volume(result.r2star(), grid, geometry, PhysicalUnit.PER_SECOND));
        context.output("t2star", VolumeArrays.volume(t2star, grid, geometry, PhysicalUnit.MILLISECOND));
        context.output("s0", VolumeArrays.volume(result.s0(), grid, geometry, magnitudeVolume.unit()));
        context.output("goodness", VolumeArrays.volume(result.goodness(), grid, geometry, PhysicalUnit.PERCENT));
        context.output("echoes_used", VolumeArrays.volume(result.echoesUsed(), grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.output("status", VolumeArrays.volume(status, grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.progress(1, "done");
    }

    /** NaN inside the mask and a magnitude that is zero everywhere inside it are bad input. */
    private static void requireUsableMagnitude(float[][] magnitude, boolean[] mask, VoxelGrid grid) throws OperatorException {
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
                    throw OperatorException.badInput(String.format(Locale.ROOT, "input '%s' has a non-finite magnitude (%s) %s at"
                            + " voxel (%d, %d, %d), echo %d", GRE, frame[v], mask == null ? "(no mask given)" : "inside the mask",
                            i, j, k, e + 1));
                }
                anySignal |= frame[v] != 0;
            }
        }
        if (!anySignal) {
            throw OperatorException.badInput("input '" + GRE + "' has a magnitude of 0 in every echo " + (mask == null
                    ? "(no mask given)" : "inside the mask") + ": nothing to fit");
        }
    }
}
