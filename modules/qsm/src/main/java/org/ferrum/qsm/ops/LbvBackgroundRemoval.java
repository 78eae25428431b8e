package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.background.BackgroundFieldSplit;
import org.ferrum.qsm.background.LaplacianBoundaryValue;
import org.openide.util.lookup.ServiceProvider;

/** Operator {@value #ID}: background field removal by LBV ({@link LaplacianBoundaryValue}). */
@ServiceProvider(service = Operator.class)
public final class LbvBackgroundRemoval implements Operator {

    static final String ID = "qsm.background.lbv";

    private static final OperatorDescriptor DESCRIPTOR = BackgroundFieldPorts.builder(ID, "LBV background removal",
            "Removes the background field with the Laplacian boundary value method (Zhou et al., NMR Biomed 2014): the"
                    + " background is the harmonic function equal to the field on the mask's boundary (7-point Laplace"
                    + " equation, multigrid-preconditioned conjugate gradients).",
            "The mask's interior (mask minus its boundary layer, minus 'peel' more layers): where the local field is valid")
            .parameter(Parameter.number("tolerance", LaplacianBoundaryValue.DEFAULT_TOLERANCE, 1e-9, 0.5,
                    PhysicalUnit.DIMENSIONLESS, "Relative residual of the Laplace equation at which the solver stops"))
            .parameter(Parameter.integer("iterations", LaplacianBoundaryValue.DEFAULT_ITERATIONS, 1L, 10000L,
                    "Largest number of solver iterations (one multigrid V-cycle each)"))
            .parameter(Parameter.integer("peel", 0, 0L, 20L,
                    "Boundary layers removed from the output mask after the solve"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        context.progress(0, "reading the field");
        BackgroundFieldPorts.Inputs in = BackgroundFieldPorts.read(context);
        int iterations = Math.toIntExact(context.longParameter("iterations"));
        double tolerance = context.doubleParameter("tolerance");
        LaplacianBoundaryValue lbv = new LaplacianBoundaryValue(tolerance,
                iterations, Math.toIntExact(context.longParameter("peel")));
        BackgroundFieldSplit split;
        try {
            context.progress(0.1, "LBV: solving the Laplace equation");
            split = lbv.apply(in.field(), in.mask(), in.grid(), context.cancellation(),
                    BackgroundFieldPorts.progress(context, "LBV", 0.1, 0.9, iterations, tolerance));
        } catch (IllegalArgumentException e) {
            throw BackgroundFieldPorts.badInput(e);
        }
        context.log(String.format(Locale.ROOT, "%d iterations, relative residual %.3g; output mask %d voxels, %d removed",
                split.iterations(), split.relativeResidual(), split.maskVoxels(), in.maskVoxels() - split.maskVoxels()));
        BackgroundFieldPorts.logConvergence(context, ID, "LBV (multigrid-preconditioned CG, ‖g − Ab‖/‖g‖)", split.convergence());
        BackgroundFieldPorts.write(context, in, split);
        context.progress(1, "done");
    }
}
