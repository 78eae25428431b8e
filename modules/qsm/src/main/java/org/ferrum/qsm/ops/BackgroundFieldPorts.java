package org.ferrum.qsm.ops;

import org.ferrum.core.VolumeArrays;

import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.Convergence;
import org.ferrum.qsm.background.BackgroundFieldSplit;
import org.ferrum.qsm.background.SolverProgress;

/**
 * The ports every background field removal operator shares (inputs {@code field}, {@code mask}, {@code gre};
 * outputs {@code local_field}, {@code mask}, {@code background_field}), reading them with their checks and
 * writing the split back as volumes on the field's geometry.
 */
final class BackgroundFieldPorts {

    static final String FIELD = "field";
    static final String MASK = "mask";
    static final String LOCAL = "local_field";
    static final String BACKGROUND = "background_field";

    private BackgroundFieldPorts() {
    }

    /** A descriptor builder with the shared ports already declared. */
    static OperatorDescriptor.Builder builder(String id, String displayName, String description, String maskOutput) {
        return OperatorDescriptor.builder(id, "1.0")
                .displayName(displayName)
                .category(QsmCategories.BACKGROUND)
                .description(description)
                .input(Port.required(FIELD, PortTypes.VOLUME, "Total field map, 3-D, in ppm (or in Hz with 'gre' connected)"))
                .input(Port.required(MASK, PortTypes.MASK, "Region of interest (the brain), 1 inside, 0 outside"))
                .input(FieldInputs.grePort())
                .output(Port.output(LOCAL, PortTypes.VOLUME, "Local field in ppm, 0 outside the output mask"))
                .output(Port.output(MASK, PortTypes.MASK, maskOutput))
                .output(Port.output(BACKGROUND, PortTypes.VOLUME, "Background field in ppm inside the output mask, 0 outside"));
    }

    /** The field (ppm), mask and grid of a run, checked. */
    record Inputs(Volume<FloatType> fieldVolume, float[] field, boolean[] mask, VoxelGrid grid, int maskVoxels) {
    }

    static Inputs read(OperatorContext context) throws OperatorException {
        Volume<FloatType> field = VolumeInputs.required(context, FIELD, PortTypes.VOLUME);
        Volume<FloatType> maskVolume = VolumeInputs.required(context, MASK, PortTypes.MASK);
        if (field.numDimensions() > 4 || field.frames() != 1) {
            throw OperatorException.badInput("input '" + FIELD + "' has " + field.frames() + " frames (" + SharedGrid.size(field)
                    + "); give one 3-D field map (combine the echoes first)");
        }
        if (maskVolume.frames() != 1) {
            throw OperatorException.badInput("input '" + MASK + "' has " + maskVolume.frames() + " frames; give one 3-D mask");
        }
        SharedGrid.requireSameSpace(FIELD, field, MASK, maskVolume);
        boolean[] mask = VolumeInputs.mask(maskVolume, MASK);
        float[] ppm = FieldInputs.fieldPpm(context, FIELD, field, mask);
        VoxelGrid grid = VoxelGrid.of(field);
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        context.log(String.format(Locale.ROOT, "field %s, mask of %d voxels", grid, count));
        return new Inputs(field, ppm, mask, grid, count);
    }

    /** Sets the three outputs on the field's geometry. */
    static void write(OperatorContext context, Inputs in, BackgroundFieldSplit split) {
        context.output(LOCAL, VolumeArrays.volume(split.localField(), in.grid(), in.fieldVolume().geometry(), PhysicalUnit.PPM));
        context.output(MASK, VolumeArrays.maskVolume(split.mask(), in.grid(), in.fieldVolume().geometry()));
        context.output(BACKGROUND, VolumeArrays.volume(split.backgroundField(), in.grid(), in.fieldVolume().geometry(),
                PhysicalUnit.PPM));
    }

    /**
     * Reports solver iterations as progress between {@code from} and {@code to}: the larger of the share of the
     * iteration budget used and the share of the way (in log residual) to the tolerance, never going back.
     */
    static SolverProgress progress(OperatorContext context, String what, double from, double to, int maxIterations,
            double tolerance) {
        double[] last = {from};
        return (iteration, residual) -> {
            double byCount = iteration / (double) maxIterations;
            double byResidual = residual > 0 && residual < 1 ? Math.log(residual) / Math.log(tolerance) : 0;
            double f = from + (to - from) * Math.min(1, Math.max(byCount, byResidual));
            if (f > last[0]) {
                last[0] = f;
                context.progress(f, String.format(Locale.ROOT, "%s: iteration %d, relative residual %.2g", what, iteration,
                        residual));
            }
        };
    }

    /**
     * Logs how the solver of {@code split} ended (one line: iterations, final residual, converged or not), and the
     * warning line of {@link Convergence#warning} when it did not converge, returned an earlier iterate, or left a
     * residual above the start's.
     */
    static void logConvergence(OperatorContext context, String operatorId, String solver, Convergence convergence) {
        context.log(convergence.summary(solver));
        String warning = convergence.warning(context.nodeId(), operatorId, solver);
        if (warning != null) {
            context.log(warning);
        }
    }

    /** An algorithm's refusal (empty or fully eroded mask, sphere larger than the grid) as bad input. */
    static OperatorException badInput(IllegalArgumentException e) {
        return OperatorException.badInput("input '" + MASK + "': " + e.getMessage(), e);
    }
}
