package org.ferrum.qsm.ops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.background.BackgroundFieldSplit;
import org.ferrum.qsm.background.SphericalMeanValue;
import org.ferrum.qsm.background.VSharp;
import org.openide.util.lookup.ServiceProvider;

/** Operator {@value #ID}: background field removal by V-SHARP ({@link VSharp}). */
@ServiceProvider(service = Operator.class)
public final class VSharpBackgroundRemoval implements Operator {

    static final String ID = "qsm.background.vsharp";

    private static final OperatorDescriptor DESCRIPTOR = BackgroundFieldPorts.builder(ID, "V-SHARP background removal",
            "Removes the background field with SHARP at variable sphere radii (Schweser et al., NeuroImage 2011;"
                    + " Li et al., NeuroImage 2011; Wu et al., MRM 2012): spherical mean value high-pass with the largest"
                    + " radius that fits at each voxel, then a truncated deconvolution with the largest kernel.",
            "The input mask eroded by the smallest radius: where the local field is valid")
            .parameter(Parameter.number("max_radius", VSharp.DEFAULT_MAX_RADIUS_MM, 0.1, 50.0, PhysicalUnit.MILLIMETRE,
                    "Largest sphere radius"))
            .parameter(Parameter.number("min_radius", 0, 0.0, 50.0, PhysicalUnit.MILLIMETRE,
                    "Smallest sphere radius; 0 for one voxel (the largest spacing)"))
            .parameter(Parameter.number("radius_step", 0, 0.0, 50.0, PhysicalUnit.MILLIMETRE,
                    "Step between radii; 0 for one voxel (the largest spacing)"))
            .parameter(Parameter.number("threshold", VSharp.DEFAULT_THRESHOLD, 1e-4, 0.9, PhysicalUnit.DIMENSIONLESS,
                    "Truncation of the deconvolution: k-space values of 1 − S below it are dropped"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        context.progress(0, "reading the field");
        BackgroundFieldPorts.Inputs in = BackgroundFieldPorts.read(context);
        VSharp vsharp = new VSharp(context.doubleParameter("max_radius"), context.doubleParameter("min_radius"),
                context.doubleParameter("radius_step"), context.doubleParameter("threshold"));
        double[] radii;
        try {
            radii = vsharp.radii(in.grid());
            SphericalMeanValue.requireFits(in.grid(), radii[0]);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameters 'max_radius'/'min_radius': " + e.getMessage(), e);
        }
        BackgroundFieldSplit split;
        try {
            context.log("radii (mm): " + Arrays.stream(radii).mapToObj(r -> new BigDecimal(r).round(new MathContext(3)).stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(", ")));
            context.progress(0.1, "V-SHARP");
            split = vsharp.apply(in.field(), in.mask(), in.grid(), context.cancellation());
        } catch (IllegalArgumentException e) {
            throw BackgroundFieldPorts.badInput(e);
        }
        context.log(String.format(Locale.ROOT, "output mask %d voxels; %d eroded from the input mask", split.maskVoxels(),
                in.maskVoxels() - split.maskVoxels()));
        BackgroundFieldPorts.write(context, in, split);
        context.progress(1, "done");
    }
}
