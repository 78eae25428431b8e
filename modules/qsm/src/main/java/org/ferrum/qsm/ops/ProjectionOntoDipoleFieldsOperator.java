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
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.qsm.background.BackgroundFieldRemoval;
import org.ferrum.qsm.background.ProjectionOntoDipoleFields;
import org.ferrum.qsm.background.ProjectionOntoDipoleFields.Params;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code qsm.background.pdf}: background field removal by projection onto dipole fields
 * ({@link ProjectionOntoDipoleFields}, which zero-pads by {@code padding} voxels per side, then up to a fast FFT size,
 * so background sources can sit outside the field of view and the dipole convolution does not wrap around).
 */
@ServiceProvider(service = Operator.class)
public final class ProjectionOntoDipoleFieldsOperator extends BackgroundFieldRemovalOperator {

    public static final Port<Volume<FloatType>> WEIGHTS = Port.optional(
            "weights",
            PortTypes.VOLUME,
            "Data weights W ≥ 0 (e.g. magnitude, or 1/noise σ of the field); uniform if not connected");
    public static final Parameter<Long> ITERATIONS = Parameter.integer(
            "iterations",
            Params.DEFAULTS.maxIterations(),
            1L,
            10000L,
            "Largest number of conjugate gradient iterations (it also acts as the regulariser)");
    public static final Parameter<Double> TOLERANCE = Parameter.number(
            "tolerance",
            Params.DEFAULTS.tolerance(),
            1e-9,
            0.5,
            PhysicalUnit.DIMENSIONLESS,
            "Relative residual of the normal equations at which the solver stops");
    public static final Parameter<Long> PADDING = Parameter.integer(
            "padding",
            Params.DEFAULTS.padding(),
            0L,
            512L,
            "Zero voxels added on each side of every axis before the fit (room for background sources)");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.background.pdf",
                    "PDF background removal",
                    "Removes the background field by projection onto dipole fields (Liu et al., NMR Biomed 2011): the"
                            + " weighted least-squares fit of the field in the mask by dipole sources outside it, by conjugate"
                            + " gradients; the fit is the background field.",
                    "The input mask (PDF erodes nothing)")
            .input(WEIGHTS)
            .input(FieldNoiseWeights.port("'weights', or uniform"))
            .parameters(List.of(ITERATIONS, TOLERANCE, PADDING))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected BackgroundFieldRemoval removal(OperatorContext context, Inputs in) {
        ProjectionOntoDipoleFields pdf = new ProjectionOntoDipoleFields(new Params(
                Math.toIntExact(context.get(ITERATIONS)),
                context.get(TOLERANCE),
                Math.toIntExact(context.get(PADDING))));
        context.log("zero padding " + pdf.padding(in.grid()));
        return pdf;
    }

    /** Field, mask and B0, with the data weights of 'weights' or 'field_sd' (not both). */
    @Override
    protected BackgroundFieldRemoval.TotalField input(
            OperatorContext context, Inputs in, BackgroundFieldRemoval removal) throws OperatorException {
        float[] weights = weights(context.optionalInput(WEIGHTS), in);
        float[] noise = in.noiseWeight();
        if (noise != null && weights != null) {
            throw OperatorException.badInput("inputs '" + WEIGHTS.name() + "' and '" + FieldNoiseWeights.FIELD_SD
                    + "' are both" + " connected; connect one (field_sd gives the weights 1/σ)");
        }
        return new BackgroundFieldRemoval.TotalField(
                in.field(), in.mask(), in.grid(), in.b0(), weights != null ? weights : noise);
    }

    private static float[] weights(Optional<Volume<FloatType>> given, Inputs in) throws OperatorException {
        if (given.isEmpty()) {
            return null;
        }
        SharedGrid.requireSameSpace(FIELD.name(), in.fieldVolume(), WEIGHTS.name(), given.get());
        if (given.get().frames() != 1) {
            throw OperatorException.badInput(
                    "input '" + WEIGHTS.name() + "' has " + given.get().frames() + " frames; give one 3-D weight map");
        }
        float[] w = VolumeArrays.frame(given.get(), 0);
        boolean anyPositive = false;
        for (int v = 0; v < w.length; v++) {
            if (in.mask()[v] && !(w[v] >= 0 && Float.isFinite(w[v]))) {
                throw OperatorException.badInput("input '" + WEIGHTS.name() + "' holds " + w[v] + " at voxel " + v
                        + " inside the mask; weights must be finite and ≥ 0");
            }
            anyPositive |= in.mask()[v] && w[v] > 0;
        }
        if (!anyPositive) {
            throw OperatorException.badInput(
                    "input '" + WEIGHTS.name() + "' is zero everywhere in the mask; nothing would be fitted");
        }
        return w;
    }
}
