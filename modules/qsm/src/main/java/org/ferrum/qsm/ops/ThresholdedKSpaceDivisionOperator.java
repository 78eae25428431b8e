package org.ferrum.qsm.ops;

import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.InversionResult;
import org.ferrum.qsm.inversion.ThresholdedKSpaceDivision;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tkd}: {@link ThresholdedKSpaceDivision} on a local field. */
@ServiceProvider(service = Operator.class)
public final class ThresholdedKSpaceDivisionOperator implements Operator {

    static final String ID = "qsm.dipole.tkd";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: TKD")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the local field by thresholded k-space division (Shmueli et al., MRM 2009;"
                    + " Wharton et al., MRM 2010), optionally corrected for its underestimation (Schweser et al., MRM 2013).")
            .input(DipoleInversionInputs.fieldPort())
            .input(DipoleInversionInputs.maskPort())
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .parameter(Parameter.number("threshold", ThresholdedKSpaceDivision.DEFAULT_THRESHOLD, 0.01, 2.0 / 3.0, null,
                    "Kernel values |D| below this are replaced by ±threshold (smaller: sharper but more streaking)"))
            .parameter(Parameter.flag("correct", false,
                    "Divide by the centre of the method's point-spread function to undo its underestimation (Schweser 2013)"))
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
        context.progress(0.1, "TKD");
        ThresholdedKSpaceDivision tkd = new ThresholdedKSpaceDivision(context.doubleParameter("threshold"),
                context.booleanParameter("correct"));
        InversionResult r = tkd.invert(in.field, in.mask, in.grid, in.b0, context.cancellation());
        if (context.booleanParameter("correct")) {
            context.log(String.format(java.util.Locale.ROOT, "TKD correction factor c = %.4f (χ divided by it)",
                    tkd.correctionFactor(in.grid, in.b0)));
        }
        in.finish(context, "TKD", r);
    }
}
