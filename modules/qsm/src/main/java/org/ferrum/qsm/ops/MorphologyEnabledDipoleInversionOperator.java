package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.medi}: {@link MorphologyEnabledDipoleInversion} on a local field. */
@ServiceProvider(service = Operator.class)
public final class MorphologyEnabledDipoleInversionOperator implements Operator {

    static final String ID = "qsm.dipole.medi";

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
            .input(DipoleInversionInputs.magnitudePort("Magnitude image for the data weight and the edge mask; default the 'gre'"
                    + " input's magnitude"))
            .input(FieldNoiseWeights.port("the magnitude normalised to mean 1 in the mask"))
            .parameter(Parameter.number("lambda", MorphologyEnabledDipoleInversion.DEFAULT_LAMBDA, 1e-3, 1e9, null,
                    "Data weight λ for χ in ppm and mm voxels (MEDI's λ = 1000 ≈ 3000–4000 here at 3 T; larger: sharper, noisier)"))
            .parameter(Parameter.number("edge_percent", MorphologyEnabledDipoleInversion.DEFAULT_EDGE_PERCENT, 0.0, 100.0, null,
                    "Percentage of mask voxels with the strongest magnitude gradient that are not TV-penalised (edges)"))
            .parameter(DipoleInversionInputs.magnitudeEchoesParameter())
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
        float[] magnitude = in.pad(DipoleInversionInputs.magnitude(context, in.fieldVolume, "MEDI"));
        float[] weight = in.noiseWeight(context, DipoleInversionInputs.FIELD);
        MorphologyEnabledDipoleInversion medi = new MorphologyEnabledDipoleInversion(context.doubleParameter("lambda"),
                context.doubleParameter("edge_percent"), Math.toIntExact(context.longParameter("max_iterations")),
                context.doubleParameter("tolerance"), Math.toIntExact(context.longParameter("cg_max_iterations")),
                context.doubleParameter("cg_tolerance"));
        context.log(String.format(Locale.ROOT, "MEDI with λ = %g, %.0f %% edges, data weight %s", context.doubleParameter("lambda"),
                context.doubleParameter("edge_percent"), weight == null ? "from the magnitude" : "1/field_sd"));
        context.progress(0.1, "MEDI");
        in.finish(context, "MEDI", medi.invert(in.field, in.mask, magnitude, weight, null, in.grid, in.b0, context.cancellation(),
                in.progress(context, "MEDI")));
    }

}
