package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.qsm.inversion.TotalVariationAdmm;
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
            .parameter(Parameter.number("lambda", TotalVariationAdmm.DEFAULT_LAMBDA, 1e-7, 1.0, null,
                    "TV weight λ for χ in ppm and mm voxels (larger: smoother, more underestimation)"))
            .parameter(Parameter.number("rho", 0, 0.0, 1e3, null, "ADMM penalty ρ; 0: 100·λ (as FANSI)"))
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
        double rho = context.doubleParameter("rho");
        if (rho == 0) {
            rho = 100 * lambda;
        }
        context.log(String.format(Locale.ROOT, "TV-ADMM with λ = %g, ρ = %g", lambda, rho));
        context.progress(0.1, "TV-ADMM");
        TotalVariationAdmm tv = new TotalVariationAdmm(lambda, rho, Math.toIntExact(context.longParameter("max_iterations")),
                context.doubleParameter("tolerance"));
        in.finish(context, "TV-ADMM", tv.invert(in.field, in.mask, in.grid, in.b0, context.cancellation(),
                in.progress(context, "TV-ADMM")));
    }
}
