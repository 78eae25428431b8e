package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;
import org.ferrum.pipeline.spi.PortTypes;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion;
import org.ferrum.qsm.inversion.TotalFieldInversion;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tfi}: {@link TotalFieldInversion} of the total field, no background removal. */
@ServiceProvider(service = Operator.class)
public final class TotalFieldInversionOperator implements Operator {

    static final String ID = "qsm.dipole.tfi";
    static final String FIELD = "field";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: total field (TFI)")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the total field in one step, background sources estimated with the tissue's"
                    + " (total field inversion, Liu et al., MRM 2017): ‖M_G∇χ‖₁ + λ/2‖W(Dχ − f)‖² over the padded grid with χ"
                    + " free outside the mask, preconditioned there; for the abdomen, where background removal takes much of a"
                    + " large organ's field with it.")
            .input(Port.required(FIELD, PortTypes.VOLUME, "Total field, 3-D, in ppm, or in Hz with the 'gre' input connected"
                    + " (e.g. the fat–water field map)"))
            .input(DipoleInversionInputs.maskPort())
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .input(DipoleInversionInputs.magnitudePort("Magnitude image for the data weight and the edge mask; default the 'gre'"
                    + " input's magnitude"))
            .input(FieldNoiseWeights.port("the magnitude normalised to mean 1 in the mask"))
            .parameter(Parameter.number("lambda", TotalFieldInversion.DEFAULT_LAMBDA, 1e-3, 1e9, null,
                    "Data weight λ for χ in ppm and mm voxels (larger: sharper, noisier)"))
            .parameter(Parameter.number("preconditioner", TotalFieldInversion.DEFAULT_BACKGROUND_PRECONDITIONER, 1e-3, 1e3, null,
                    "P outside the mask (χ = P·y); 1 = none, which did as well as 3 and better than 30 on the simulated abdomen"))
            .parameter(Parameter.number("edge_percent", MorphologyEnabledDipoleInversion.DEFAULT_EDGE_PERCENT, 0.0, 100.0, null,
                    "Percentage of mask voxels with the strongest magnitude gradient that are not TV-penalised (edges)"))
            .parameter(DipoleInversionInputs.magnitudeEchoesParameter())
            .parameter(Parameter.integer("max_iterations", 15, 1L, 1000L, "Outer (lagged diffusivity) iteration limit"))
            .parameter(Parameter.number("tolerance", 0.01, 0.0, 1.0, null,
                    "Stop when the relative χ change of an outer iteration is below this"))
            .parameter(Parameter.integer("cg_max_iterations", 300, 1L, 10000L, "Conjugate-gradient steps per outer iteration at most"))
            .parameter(Parameter.number("cg_tolerance", 0.003, 1e-8, 1.0, null,
                    "Relative residual at which the conjugate gradients stop"))
            .parameter(Parameter.number(DipoleInversionInputs.PAD, 1.5, 1.0, 3.0, null,
                    "Zero padding: each axis grows to the fast FFT size ≥ pad·n; the margin is where background sources beyond the"
                            + " field of view may be placed"))
            .output(DipoleInversionInputs.chiPort())
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DipoleInversionInputs.Prepared in = DipoleInversionInputs.read(context, FIELD);
        float[] magnitude = in.pad(DipoleInversionInputs.magnitude(context, in.fieldVolume, "TFI"));
        float[] weight = in.noiseWeight(context, FIELD);
        MorphologyEnabledDipoleInversion solver = new MorphologyEnabledDipoleInversion(context.doubleParameter("lambda"),
                context.doubleParameter("edge_percent"), Math.toIntExact(context.longParameter("max_iterations")),
                context.doubleParameter("tolerance"), Math.toIntExact(context.longParameter("cg_max_iterations")),
                context.doubleParameter("cg_tolerance"));
        TotalFieldInversion tfi = new TotalFieldInversion(solver, context.doubleParameter("preconditioner"));
        context.log(String.format(Locale.ROOT, "TFI with λ = %g, preconditioner %g outside the mask, %.0f %% edges, data weight %s",
                context.doubleParameter("lambda"), context.doubleParameter("preconditioner"), context.doubleParameter("edge_percent"),
                weight == null ? "from the magnitude" : "1/field_sd"));
        context.progress(0.1, "TFI");
        in.finish(context, "TFI", tfi.invert(in.field, in.mask, magnitude, weight, in.grid, in.b0, context.cancellation(),
                in.progress(context, "TFI")));
    }
}
