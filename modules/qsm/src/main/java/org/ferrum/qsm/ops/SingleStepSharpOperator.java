package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.qsm.inversion.SingleStepSharp;
import org.ferrum.qsm.inversion.WeightedTotalVariationAdmm;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.singlestep}: {@link SingleStepSharp}, χ from the total field in one step. */
@ServiceProvider(service = Operator.class)
public final class SingleStepSharpOperator implements Operator {

    static final String ID = "qsm.dipole.singlestep";
    static final String FIELD = "field";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: single-step (total field, TV)")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the total field with background removal and inversion in one TV-regularised"
                    + " problem, ½‖M_r(H·Dχ − H·δ)‖² + λ‖∇χ‖₁ with H the spherical-mean high-pass of radius r, which annihilates"
                    + " background fields inside the mask eroded by r (Chatnuntawech et al., NMR Biomed 2017), solved by ADMM.")
            .input(Port.required(FIELD, PortTypes.VOLUME, "Total field, 3-D, in ppm, or in Hz with the 'gre' input connected"))
            .input(Port.required(DipoleInversionInputs.MASK, PortTypes.MASK,
                    "Region with a trustworthy field, the brain (not eroded: the operator erodes it by the radius for the data term)"))
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .input(FieldNoiseWeights.port("1 in the eroded mask"))
            .parameter(Parameter.number("radius", SingleStepSharp.DEFAULT_RADIUS_MM, 0.5, 30.0, PhysicalUnit.MILLIMETRE,
                    "Sphere radius r of the high-pass (the largest, with min_radius); the data term holds where the sphere lies"
                            + " inside the mask"))
            .parameter(Parameter.number("min_radius", SingleStepSharp.DEFAULT_MIN_RADIUS_MM, 0.0, 30.0, PhysicalUnit.MILLIMETRE,
                    "0: one sphere; else spheres r, r/2, … down to this, each voxel using the largest that fits in the mask"
                            + " (reaches closer to the mask's edge; 2 FFTs per iteration more per sphere)"))
            .parameter(Parameter.number("lambda", SingleStepSharp.DEFAULT_LAMBDA, 1e-7, 1.0, null,
                    "TV weight λ for χ in ppm and mm voxels (larger: smoother, more underestimation)"))
            .parameter(DipoleInversionInputs.rhoParameter())
            .parameter(Parameter.number("mu", WeightedTotalVariationAdmm.DEFAULT_MU, 1e-4, 1e4, null,
                    "ADMM penalty μ of the data split"))
            .parameter(Parameter.integer("max_iterations", SingleStepSharp.DEFAULT_MAX_ITERATIONS, 1L, 10000L, "Iteration limit"))
            .parameter(Parameter.number("tolerance", SingleStepSharp.DEFAULT_TOLERANCE, 0.0, 1.0, null,
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
        DipoleInversionInputs.Prepared in = DipoleInversionInputs.read(context, FIELD);
        double lambda = context.doubleParameter("lambda");
        double rho = DipoleInversionInputs.rho(context, lambda);
        double radius = context.doubleParameter("radius");
        float[] weight = in.noiseWeight(context, FIELD);
        SingleStepSharp solver = new SingleStepSharp(radius, context.doubleParameter("min_radius"), lambda, rho, context.doubleParameter("mu"),
                Math.toIntExact(context.longParameter("max_iterations")), context.doubleParameter("tolerance"));
        context.log(String.format(Locale.ROOT, "single-step QSM: spheres %s mm, λ = %g, ρ = %g, data weight %s", java.util.Arrays.toString(solver.radii(in.grid)), lambda,
                rho, weight == null ? "1" : "1/field_sd"));
        context.progress(0.1, "single-step QSM");
        try {
            in.finish(context, "single-step QSM", solver.invert(in.field, in.mask, weight, in.grid, in.b0, context.cancellation(),
                    in.progress(context, "single-step QSM")));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input '" + DipoleInversionInputs.MASK + "': " + e.getMessage());
        }
    }
}
