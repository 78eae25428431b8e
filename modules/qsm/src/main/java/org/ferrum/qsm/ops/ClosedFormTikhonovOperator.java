package org.ferrum.qsm.ops;

import java.util.List;
import java.util.Locale;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.ClosedFormTikhonov;
import org.ferrum.qsm.inversion.ClosedFormTikhonov.Regularisation;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tikhonov}: {@link ClosedFormTikhonov} on a local field. */
@ServiceProvider(service = Operator.class)
public final class ClosedFormTikhonovOperator implements Operator {

    static final String ID = "qsm.dipole.tikhonov";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: closed-form Tikhonov")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the local field by closed-form L2-regularised inversion,"
                    + " χ = F⁻¹[D·F[δ]/(D² + λG)] with G = 1 or the gradient energy |∇|² (Bilgic et al., MRM 2014).")
            .input(DipoleInversionInputs.fieldPort())
            .input(DipoleInversionInputs.maskPort())
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .parameter(Parameter.choice("regularisation", "gradient", List.of("gradient", "identity"),
                    "What is penalised: the gradient of χ (less underestimation) or χ itself"))
            .parameter(Parameter.number("lambda", 0, 0.0, 1e3, null,
                    "Regularisation weight λ (mm² for gradient, dimensionless for identity); 0: the default, 0.02 or 0.01"))
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
        Regularisation g = context.stringParameter("regularisation").equals("identity") ? Regularisation.IDENTITY : Regularisation.GRADIENT;
        double lambda = context.doubleParameter("lambda");
        if (lambda == 0) {
            lambda = ClosedFormTikhonov.defaultLambda(g);
        }
        context.log(String.format(Locale.ROOT, "Tikhonov with %s regularisation, λ = %g", g.name().toLowerCase(Locale.ROOT), lambda));
        context.progress(0.1, "closed-form Tikhonov");
        in.finish(context, "Tikhonov", new ClosedFormTikhonov(g, lambda).invert(in.field, in.mask, in.grid, in.b0,
                context.cancellation()));
    }
}
