package org.ferrum.qsm.ops;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;
import org.ferrum.pipeline.spi.PortTypes;
import org.ferrum.pipeline.spi.SharedGrid;
import org.ferrum.pipeline.spi.VolumeInputs;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.medi}: {@link MorphologyEnabledDipoleInversion} on a local field. */
@ServiceProvider(service = Operator.class)
public final class MorphologyEnabledDipoleInversionOperator implements Operator {

    static final String ID = "qsm.dipole.medi";
    static final String MAGNITUDE = "magnitude";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: MEDI")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the local field by morphology-enabled dipole inversion (Liu et al., MRM 2011,"
                    + " 2012): ‖M_G∇χ‖₁ + λ/2‖W(Dχ − δ)‖², magnitude-weighted linear data term, TV except at magnitude edges;"
                    + " lagged diffusivity with conjugate gradients.")
            .input(DipoleInversionInputs.fieldPort())
            .input(DipoleInversionInputs.maskPort())
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .input(Port.optional(MAGNITUDE, PortTypes.VOLUME,
                    "Magnitude image for the data weight and the edge mask; default the 'gre' input's magnitude"))
            .parameter(Parameter.number("lambda", MorphologyEnabledDipoleInversion.DEFAULT_LAMBDA, 1e-3, 1e9, null,
                    "Data weight λ for χ in ppm and mm voxels (MEDI's λ = 1000 ≈ 3000–4000 here at 3 T; larger: sharper, noisier)"))
            .parameter(Parameter.number("edge_percent", MorphologyEnabledDipoleInversion.DEFAULT_EDGE_PERCENT, 0.0, 100.0, null,
                    "Percentage of mask voxels with the strongest magnitude gradient that are not TV-penalised (edges)"))
            .parameter(Parameter.choice("magnitude_echoes", "rss", List.of("rss", "echo1"),
                    "How the 'gre' magnitude becomes one image: root-sum-of-squares of the echoes or the first echo"))
            .parameter(Parameter.integer("max_iterations", MorphologyEnabledDipoleInversion.DEFAULT_MAX_ITERATIONS, 1L, 1000L,
                    "Outer (lagged diffusivity) iteration limit"))
            .parameter(Parameter.number("tolerance", MorphologyEnabledDipoleInversion.DEFAULT_TOLERANCE, 0.0, 1.0, null,
                    "Stop when the relative χ change of an outer iteration is below this"))
            .parameter(Parameter.integer("cg_max_iterations", MorphologyEnabledDipoleInversion.DEFAULT_CG_MAX_ITERATIONS, 1L,
                    10000L, "Conjugate-gradient steps per outer iteration at most"))
            .parameter(Parameter.number("cg_tolerance", MorphologyEnabledDipoleInversion.DEFAULT_CG_TOLERANCE, 1e-8, 1.0, null,
                    "Relative residual at which the conjugate gradients stop"))
            .parameter(DipoleInversionInputs.padParameter())
            .output(DipoleInversionInputs.chiPort())
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DipoleInversionInputs.Prepared in = DipoleInversionInputs.read(context);
        float[] magnitude = in.pad(magnitude(context, in.fieldVolume));
        MorphologyEnabledDipoleInversion medi = new MorphologyEnabledDipoleInversion(context.doubleParameter("lambda"),
                context.doubleParameter("edge_percent"), Math.toIntExact(context.longParameter("max_iterations")),
                context.doubleParameter("tolerance"), Math.toIntExact(context.longParameter("cg_max_iterations")),
                context.doubleParameter("cg_tolerance"));
        context.log(String.format(Locale.ROOT, "MEDI with λ = %g, %.0f %% edges", context.doubleParameter("lambda"),
                context.doubleParameter("edge_percent")));
        context.progress(0.1, "MEDI");
        in.finish(context, "MEDI", medi.invert(in.field, in.mask, magnitude, in.grid, in.b0, context.cancellation(),
                in.progress(context, "MEDI")));
    }

    /**
     * The magnitude input, or the gre's (echo 1 or root-sum-of-squares per the {@code magnitude_echoes} parameter), as
     * one 3-D array; also used by {@link IterativeLsqrOperator}, which declares the same port and parameter.
     */
    static float[] magnitude(OperatorContext context, Volume<FloatType> field) throws OperatorException {
        Optional<Volume<FloatType>> given = VolumeInputs.optional(context, MAGNITUDE, PortTypes.VOLUME);
        Volume<FloatType> m;
        String port;
        if (given.isPresent()) {
            m = given.get();
            port = MAGNITUDE;
        } else {
            Optional<MultiEchoGre> gre = context.optionalInput(FieldInputs.GRE_PORT, PortTypes.MULTI_ECHO_GRE);
            if (gre.isEmpty()) {
                throw OperatorException.badInput("MEDI needs a magnitude image: connect input '" + MAGNITUDE + "' or '"
                        + FieldInputs.GRE_PORT + "'");
            }
            m = gre.get().magnitude();
            port = FieldInputs.GRE_PORT;
        }
        SharedGrid.requireSameSpace(DipoleInversionInputs.FIELD, field, port, m);
        boolean echo1 = context.stringParameter("magnitude_echoes").equals("echo1");
        int frames = echo1 ? 1 : m.frames();
        float[] out = new float[Math.toIntExact(m.voxelsPerFrame())];
        for (int t = 0; t < frames; t++) {
            float[] f = VolumeArrays.frame(m, t);
            for (int n = 0; n < out.length; n++) {
                out[n] += f[n] * f[n];
            }
        }
        for (int n = 0; n < out.length; n++) {
            // a NaN magnitude (e.g. blanked outside the brain) carries no weight rather than poisoning the solve
            out[n] = Float.isFinite(out[n]) ? (float) Math.sqrt(out[n]) : 0f;
        }
        return out;
    }
}
