package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.TotalVariationAdmm;
import org.ferrum.qsm.inversion.WeightedTotalVariationAdmm;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tv}: {@link TotalVariationAdmm} on a local field. */
@ServiceProvider(service = Operator.class)
public final class TotalVariationAdmmOperator implements Operator {

    static final String ID = "qsm.dipole.tv";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: TV (ADMM)")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the local field by total-variation regularised inversion with a linear data"
                    + " term, ½‖Dχ − δ‖² + λ‖∇χ‖₁ with δ zero outside the mask, solved by ADMM (Bilgic et al., MRM 2014;"
                    + " Milovic et al., FANSI, MRM 2018).")
            .input(DipoleInversionInputs.fieldPort())
            .input(DipoleInversionInputs.maskPort())
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .input(FieldNoiseWeights.port("the unweighted data term over the whole grid (δ = 0 outside the mask), solved"
                    + " in k-space at 2 FFTs per iteration; with it the weighted form at 4"))
            .parameter(Parameter.number("lambda", TotalVariationAdmm.DEFAULT_LAMBDA, 1e-7, 1.0, null,
                    "TV weight λ for χ in ppm and mm voxels (larger: smoother, more underestimation)"))
            .parameter(DipoleInversionInputs.rhoParameter())
            .parameter(Parameter.number("mu", WeightedTotalVariationAdmm.DEFAULT_MU, 1e-4, 1e4, null,
                    "ADMM penalty μ of the data split, used with 'field_sd' only (as FANSI's weighted form)"))
            .parameter(Parameter.integer("max_iterations", TotalVariationAdmm.DEFAULT_MAX_ITERATIONS, 1L, 10000L,
                    "Iteration limit"))
            .parameter(Parameter.number("tolerance", TotalVariationAdmm.DEFAULT_TOLERANCE, 0.0, 1.0, null,
                    "Stop when the relative χ change of an iteration is below this"))
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
        double lambda = context.doubleParameter("lambda");
        double rho = DipoleInversionInputs.rho(context, lambda);
        float[] weight = in.noiseWeight(context, DipoleInversionInputs.FIELD);
        int maxIterations = Math.toIntExact(context.longParameter("max_iterations"));
        double tolerance = context.doubleParameter("tolerance");
        if (weight != null) {
            double mu = context.doubleParameter("mu");
            context.log(String.format(Locale.ROOT, "TV-ADMM, weighted data term 1/field_sd, with λ = %g, ρ = %g, μ = %g", lambda,
                    rho, mu));
            context.progress(0.1, "TV-ADMM (weighted)");
            WeightedTotalVariationAdmm tv = new WeightedTotalVariationAdmm(lambda, rho, mu, maxIterations, tolerance);
            in.finish(context, "TV-ADMM (weighted)", tv.invert(in.field, in.mask, weight, in.grid, in.b0, context.cancellation(),
                    in.progress(context, "TV-ADMM")));
            return;
        }
        context.log(String.format(Locale.ROOT, "TV-ADMM with λ = %g, ρ = %g", lambda, rho));
        context.progress(0.1, "TV-ADMM");
        TotalVariationAdmm tv = new TotalVariationAdmm(lambda, rho, maxIterations, tolerance);
        in.finish(context, "TV-ADMM", tv.invert(in.field, in.mask, in.grid, in.b0, context.cancellation(),
                in.progress(context, "TV-ADMM")));
    }
}
