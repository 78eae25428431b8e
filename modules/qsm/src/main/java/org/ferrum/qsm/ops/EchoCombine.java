package org.ferrum.qsm.ops;

import org.ferrum.pipeline.spi.VolumeArrays;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;
import org.ferrum.pipeline.spi.PortTypes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.unwrap.EchoCombination;
import org.ferrum.qsm.unwrap.EchoCombination.Weighting;
import org.openide.util.lookup.ServiceProvider;

/**
 * Combines unwrapped multi-echo phase into a field map by a weighted linear fit against TE
 * ({@link EchoCombination}); the field in Hz is turned into ppm with the GRE's field strength
 * ({@link FieldUnits}). All outputs are 0 outside the mask.
 */
@ServiceProvider(service = Operator.class)
public final class EchoCombine implements Operator {

    static final String ID = "qsm.echo.combine";
    static final String MAGNITUDE_TE = "magnitude-te";
    static final String MAGNITUDE = "magnitude";
    static final String UNIFORM = "uniform";
    static final String PHASE_SIGN = "phase_sign";
    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Echo combination (weighted linear fit)")
            .category(QsmCategories.ECHO_COMBINATION)
            .description("Fits φ_n = φ0 + 2π·f·TE_n to the unwrapped phase of every voxel by weighted least squares,"
                    + " weights (m·TE)² (Wu et al., MRM 2012), m² (inverse phase variance, Conturo & Smith 1990) or uniform;"
                    + " gives the field in ppm and Hz and the offset φ0.")
            .input(Port.required(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE, "Multi-echo GRE with UNWRAPPED phase (rad)"))
            .input(Port.optional(GrePhase.MASK, PortTypes.MASK, "Voxels to fit (others are 0); default all"))
            .parameter(Parameter.choice("weighting", MAGNITUDE_TE, List.of(MAGNITUDE_TE, MAGNITUDE, UNIFORM),
                    "Echo weights: (magnitude·TE)², magnitude², or uniform"))
            .parameter(Parameter.flag("fit_offset", true,
                    "Fit the phase offset φ0 too (off: line through the origin, for phase whose offset was removed)"))
            .parameter(Parameter.choice(PHASE_SIGN, POSITIVE, List.of(POSITIVE, NEGATIVE),
                    "How the scanner's phase follows the field: 'positive' if φ grows with it (φ = +2π·γ̄·ΔB·TE, the"
                            + " convention of MEDI and of Ferrum's phantom), 'negative' if it falls (vendors and"
                            + " reconstructions differ: check that veins come out paramagnetic)"))
            .output(Port.output("field", PortTypes.VOLUME, "Field map, ppm of B0"))
            .output(Port.output("field_hz", PortTypes.VOLUME, "Field map as frequency offset, Hz"))
            .output(Port.output("offset", PortTypes.VOLUME, "Phase offset φ0 at TE = 0, rad (0 without offset fit or for one echo)"))
            .output(Port.output("residual", PortTypes.VOLUME, "Weighted RMS misfit of the linear model, rad (noise / model-failure map)"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE);
        float[][] phase = GrePhase.phase(gre);
        Optional<boolean[]> mask = GrePhase.mask(context, gre);
        GrePhase.requireFinite(phase, mask.orElse(null), mask.isPresent() ? "inside the mask" : "(no mask given)");
        Weighting weighting = switch (context.stringParameter("weighting")) {
            case UNIFORM -> Weighting.UNIFORM;
            case MAGNITUDE -> Weighting.MAGNITUDE;
            default -> Weighting.MAGNITUDE_TE;
        };
        boolean fitOffset = context.booleanParameter("fit_offset");
        int echoes = phase.length;
        if (echoes == 1 && fitOffset) {
            context.log("one echo: the offset cannot be fitted; f = φ/(2π·TE) with φ0 = 0");
        }
        if (echoes > 1 && looksWrapped(phase, mask.orElse(null))) {
            context.log("warning: every echo's phase lies within [−π, π]; is it unwrapped? (connect an unwrapping node first)");
        }
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        double[] te = gre.acquisition().echoTimes().toSeconds();
        context.progress(0.1, "fitting " + echoes + " echo(es)");
        EchoCombination.Result fit = EchoCombination.fit(phase, weighting == Weighting.UNIFORM ? null : GrePhase.magnitude(gre),
                te, mask.orElse(null), grid, weighting, fitOffset, context.cancellation());
        double tesla = gre.acquisition().fieldStrengthTesla();
        double ppmPerHz = FieldUnits.hertzToPpm(1.0, tesla);
        float[] hz = fit.frequencyHz();
        if (context.stringParameter(PHASE_SIGN).equals(NEGATIVE)) {
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
        context.log(String.format(Locale.ROOT, "echo combination: %d echo(es) %s, weighting %s, offset %s; field in [%.2f, %.2f] Hz"
                + " = [%.4f, %.4f] ppm at %.3g T", echoes, gre.acquisition().echoTimes(), context.stringParameter("weighting"),
                fitOffset && echoes > 1 ? "fitted" : "not fitted", LaplacianUnwrap.min(fit.frequencyHz()),
                LaplacianUnwrap.max(fit.frequencyHz()), LaplacianUnwrap.min(ppm), LaplacianUnwrap.max(ppm), tesla));
        var geometry = gre.magnitude().geometry();
        context.output("field", VolumeArrays.volume(ppm, grid, geometry, PhysicalUnit.PPM));
        context.output("field_hz", VolumeArrays.volume(fit.frequencyHz(), grid, geometry, PhysicalUnit.HERTZ));
        context.output("offset", VolumeArrays.volume(fit.offset(), grid, geometry, PhysicalUnit.RADIAN));
        context.output("residual", VolumeArrays.volume(fit.residual(), grid, geometry, PhysicalUnit.RADIAN));
        context.progress(1, "done");
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
