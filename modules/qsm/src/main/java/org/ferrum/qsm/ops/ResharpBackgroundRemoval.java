package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.background.BackgroundFieldSplit;
import org.ferrum.qsm.background.Resharp;
import org.ferrum.qsm.background.SphericalMeanValue;
import org.openide.util.lookup.ServiceProvider;

/** Operator {@value #ID}: background field removal by RESHARP ({@link Resharp}). */
@ServiceProvider(service = Operator.class)
public final class ResharpBackgroundRemoval implements Operator {

    static final String ID = "qsm.background.resharp";

    private static final OperatorDescriptor DESCRIPTOR = BackgroundFieldPorts.builder(ID, "RESHARP background removal",
            "Removes the background field with Tikhonov-regularised SHARP (Sun & Wilman, MRM 2014): the local field"
                    + " minimising ‖M(C δ − C δ_l)‖² + λ‖δ_l‖², C the spherical mean value high-pass, by conjugate gradients.",
            "The input mask eroded by the sphere radius: where the local field is valid")
            .parameter(Parameter.number("radius", Resharp.DEFAULT_RADIUS_MM, 0.1, 50.0, PhysicalUnit.MILLIMETRE,
                    "Sphere radius of the spherical mean value filter"))
            .parameter(Parameter.number("lambda", Resharp.DEFAULT_LAMBDA, 1e-8, 10.0, PhysicalUnit.DIMENSIONLESS,
                    "Tikhonov weight λ"))
            .parameter(Parameter.integer("iterations", 200, 1L, 10000L, "Largest number of conjugate gradient iterations"))
            .parameter(Parameter.number("tolerance", 1e-4, 1e-9, 0.5, PhysicalUnit.DIMENSIONLESS,
                    "Relative residual of the normal equations at which the solver stops"))
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
        Resharp resharp = new Resharp(context.doubleParameter("radius"), context.doubleParameter("lambda"),
                iterations, tolerance);
        try {
            SphericalMeanValue.requireFits(in.grid(), context.doubleParameter("radius"));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter 'radius': " + e.getMessage(), e);
        }
        BackgroundFieldSplit split;
        try {
            context.progress(0.1, "RESHARP conjugate gradients");
            split = resharp.apply(in.field(), in.mask(), in.grid(), context.cancellation(),
                    BackgroundFieldPorts.progress(context, "RESHARP", 0.1, 0.9, iterations, tolerance));
        } catch (IllegalArgumentException e) {
            throw BackgroundFieldPorts.badInput(e);
        }
        context.log(String.format(Locale.ROOT, "%d iterations, relative residual %.3g; output mask %d voxels, %d eroded",
                split.iterations(), split.relativeResidual(), split.maskVoxels(), in.maskVoxels() - split.maskVoxels()));
        BackgroundFieldPorts.logConvergence(context, ID, "RESHARP (CG on the normal equations)", split.convergence());
        BackgroundFieldPorts.write(context, in, split);
        context.progress(1, "done");
    }
}
