/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.qsm.ops;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.qsm.background.BackgroundFieldRemoval;
import org.ferrum.qsm.background.BackgroundFieldSplit;
import org.ferrum.qsm.background.SolverProgress;

/**
 * The operator of a {@link BackgroundFieldRemoval} family member, written once: the family's ports (inputs
 * {@code field}, {@code mask}, {@code gre}; outputs {@code local_field}, {@code mask}, {@code background_field}),
 * reading them with their checks, progress and convergence reports, and writing the split back as volumes on the
 * field's geometry.
 *
 * <p>A member operator is its descriptor ({@link #family}, plus its parameters), {@link #removal} (the algorithm from
 * its parameters) and, if it takes more than field and mask, {@link #input}; plus its
 * {@code @ServiceProvider(service = Operator.class)} registration.
 */
public abstract class BackgroundFieldRemovalOperator implements Operator {

    public static final Port<Volume<FloatType>> FIELD = Port.required(
                    "field", PortTypes.VOLUME, "Total field map, 3-D, in ppm (or in Hz with 'gre' connected)")
            .of(Quantities.FIELD, PhysicalUnit.PPM, PhysicalUnit.HERTZ);
    public static final Port<Volume<FloatType>> MASK =
            Port.required("mask", PortTypes.MASK, "Region of interest (the brain), 1 inside, 0 outside");
    public static final Port<MultiEchoGre> GRE = FieldInputs.GRE;
    public static final Port<Volume<FloatType>> LOCAL = Port.output(
                    "local_field", PortTypes.VOLUME, "Local field in ppm, 0 outside the output mask")
            .of(Quantities.FIELD, PhysicalUnit.PPM);
    public static final Port<Volume<FloatType>> BACKGROUND = Port.output(
                    "background_field", PortTypes.VOLUME, "Background field in ppm inside the output mask, 0 outside")
            .of(Quantities.FIELD, PhysicalUnit.PPM);
    /** The output mask (each member describes which region it is). */
    public static final Port<Volume<FloatType>> MASK_OUT = maskOutput("Where the local field is valid");

    /** A descriptor builder with the family's ports declared; {@code maskOutput} says which region the output mask is. */
    protected static OperatorDescriptor.Builder family(
            String id, String displayName, String description, String maskOutput) {
        return OperatorDescriptor.builder(id, "1.0")
                .displayName(displayName)
                .category(QsmCategories.BACKGROUND)
                .description(description)
                .inputs(List.of(FIELD, MASK, GRE))
                .output(LOCAL)
                .output(maskOutput(maskOutput))
                .output(BACKGROUND);
    }

    private static Port<Volume<FloatType>> maskOutput(String description) {
        return Port.output(MASK.name(), PortTypes.MASK, description).in(PhysicalUnit.DIMENSIONLESS);
    }

    /**
     * The algorithm, from this node's parameters ({@code in}: the inputs, for checks against the grid).
     *
     * @throws OperatorException naming the parameter, if the parameters do not fit the input
     */
    protected abstract BackgroundFieldRemoval removal(OperatorContext context, Inputs in) throws OperatorException;

    /** The algorithm's input: field and mask, and B0 if the member needs it; members with more inputs add them. */
    protected BackgroundFieldRemoval.TotalField input(
            OperatorContext context, Inputs in, BackgroundFieldRemoval removal) throws OperatorException {
        return new BackgroundFieldRemoval.TotalField(
                in.field(), in.mask(), in.grid(), removal.needsB0Direction() ? in.b0() : null, null);
    }

    @Override
    public final void run(OperatorContext context) throws OperatorException {
        context.progress(0, "reading the field");
        Inputs in = new Inputs(context);
        BackgroundFieldRemoval removal = removal(context, in);
        BackgroundFieldRemoval.TotalField input = input(context, in, removal);
        BackgroundFieldRemoval.Budget budget = removal.budget();
        BackgroundFieldSplit split;
        try {
            context.progress(0.1, removal.name());
            split = removal.apply(
                    input,
                    context.cancellation(),
                    budget == null
                            ? SolverProgress.NONE
                            : progress(context, removal.name(), 0.1, 0.9, budget.maxIterations(), budget.tolerance()));
        } catch (IllegalArgumentException e) {
            // parameters and other inputs are checked before: what is left is about the mask
            throw OperatorException.badInput("input '" + MASK.name() + "': " + e.getMessage(), e);
        }
        String kept = String.format(
                Locale.ROOT,
                "output mask %d voxels; %d eroded from the input mask",
                split.maskVoxels(),
                in.maskVoxels() - split.maskVoxels());
        if (budget == null) {
            context.log(kept);
        } else {
            context.log(String.format(
                    Locale.ROOT,
                    "%d iterations, relative residual %.3g (tolerance %.3g); %s",
                    split.iterations(),
                    split.relativeResidual(),
                    budget.tolerance(),
                    kept));
            context.log(split.convergence().summary(removal.solver()));
            String warning = split.convergence()
                    .warningMessage(context.nodeId(), descriptor().id(), removal.solver());
            if (warning != null) {
                context.warn(warning);
            }
        }
        var geometry = in.fieldVolume.geometry();
        context.output(LOCAL, VolumeArrays.volume(split.localField(), in.grid, geometry, PhysicalUnit.PPM));
        context.output(MASK_OUT, VolumeArrays.maskVolume(split.mask(), in.grid, geometry));
        context.output(BACKGROUND, VolumeArrays.volume(split.backgroundField(), in.grid, geometry, PhysicalUnit.PPM));
        context.progress(1, "done");
    }

    /**
     * Reports solver iterations as progress between {@code from} and {@code to}: the larger of the share of the
     * iteration budget used and the share of the way (in log residual) to the tolerance, never going back.
     */
    static SolverProgress progress(
            OperatorContext context, String what, double from, double to, int maxIterations, double tolerance) {
        double[] last = {from};
        return (iteration, residual) -> {
            double byCount = iteration / (double) maxIterations;
            double byResidual = residual > 0 && residual < 1 ? Math.log(residual) / Math.log(tolerance) : 0;
            double f = from + (to - from) * Math.min(1, Math.max(byCount, byResidual));
            if (f > last[0]) {
                last[0] = f;
                context.progress(
                        f,
                        String.format(
                                Locale.ROOT, "%s: iteration %d, relative residual %.2g", what, iteration, residual));
            }
        };
    }

    /** The field (ppm), mask and grid of a run, checked; each input read once. */
    protected static final class Inputs {
        private final OperatorContext context;
        private final Volume<FloatType> fieldVolume;
        private final Optional<MultiEchoGre> gre;
        private final float[] field;
        private final boolean[] mask;
        private final VoxelGrid grid;
        private final int maskVoxels;

        private Inputs(OperatorContext context) throws OperatorException {
            this.context = context;
            fieldVolume = context.input(FIELD);
            Volume<FloatType> maskVolume = context.input(MASK);
            gre = context.optionalInput(GRE);
            if (fieldVolume.numDimensions() > 4 || fieldVolume.frames() != 1) {
                throw OperatorException.badInput("input '" + FIELD.name() + "' has " + fieldVolume.frames()
                        + " frames (" + SharedGrid.size(fieldVolume)
                        + "); give one 3-D field map (combine the echoes first)");
            }
            if (maskVolume.frames() != 1) {
                throw OperatorException.badInput(
                        "input '" + MASK.name() + "' has " + maskVolume.frames() + " frames; give one 3-D mask");
            }
            SharedGrid.requireSameSpace(FIELD.name(), fieldVolume, MASK.name(), maskVolume);
            mask = VolumeInputs.mask(maskVolume, MASK.name());
            field = FieldInputs.fieldPpm(gre, FIELD.name(), fieldVolume, mask);
            grid = VoxelGrid.of(fieldVolume);
            maskVoxels = VolumeArrays.count(mask);
            context.log(String.format(Locale.ROOT, "field %s, mask of %d voxels", grid, maskVoxels));
        }

        public Volume<FloatType> fieldVolume() {
            return fieldVolume;
        }

        /** δ in ppm. */
        public float[] field() {
            return field;
        }

        public boolean[] mask() {
            return mask;
        }

        public VoxelGrid grid() {
            return grid;
        }

        public int maskVoxels() {
            return maskVoxels;
        }

        /** The B0 direction along the voxel axes (from {@code gre}, else patient z with a warning). */
        public double[] b0() {
            return FieldInputs.b0VoxelAxes(context, gre, fieldVolume);
        }

        /**
         * The data weight W = 1/σ from the optional {@value FieldNoiseWeights#FIELD_SD} input, or null when it is not
         * connected.
         */
        public float[] noiseWeight() throws OperatorException {
            return FieldNoiseWeights.read(context, fieldVolume, FIELD.name(), mask, gre)
                    .orElse(null);
        }
    }
}
