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
package org.ferrum.perfusion.ops;

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.perfusion.Scale;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code perfusion.scale}: a volume multiplied by a factor ({@link Scale}), inside an optional mask. A 4-D
 * volume is scaled frame by frame; the result has the input's grid, geometry and unit.
 */
@ServiceProvider(service = Operator.class)
public final class ScaleOperator implements Operator {

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The volume to scale (any unit; 3-D or 4-D)");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask", PortTypes.MASK, "Where to scale; voxels outside become 0 (default: everywhere)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Parameter<Double> FACTOR = Parameter.number(
            "factor", Scale.Params.DEFAULTS.factor(), -1e6, 1e6, null, "The multiplier (a pure number: no unit)");
    public static final Port<Volume<FloatType>> SCALED =
            Port.output("scaled", PortTypes.VOLUME, "factor × volume inside the mask, 0 outside; the input's unit");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("perfusion.scale", "1.0")
            .displayName("Scale by a factor")
            .category("Perfusion")
            .description("Multiplies a volume by 'factor' inside an optional mask (0 outside); keeps grid and unit.")
            .input(VOLUME)
            .input(MASK)
            .parameter(FACTOR)
            .output(SCALED)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        Optional<Volume<FloatType>> maskVolume = context.optionalInput(MASK);
        Scale.Params params = params(context);
        boolean[] mask = null;
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(VOLUME.name(), volume, MASK.name(), maskVolume.get());
            mask = VolumeInputs.mask(maskVolume.get(), MASK.name());
        }
        if (params.factor() == 0) {
            context.warn("'" + FACTOR.name() + "' is 0: every voxel of '" + SCALED.name() + "' is 0");
        }
        VoxelGrid grid = VoxelGrid.of(volume);
        int frames = volume.frames();
        float[][] scaled = new float[frames][];
        for (int t = 0; t < frames; t++) {
            context.checkCancelled();
            scaled[t] = Scale.apply(VolumeArrays.frame(volume, t), mask, params, context.cancellation());
            context.progress((t + 1.0) / frames, "scaling frame " + (t + 1) + " of " + frames);
        }
        context.output(
                SCALED,
                frames == 1
                        ? VolumeArrays.volume(scaled[0], grid, volume.geometry(), volume.unit())
                        : VolumeArrays.frames(scaled, grid, volume.geometry(), volume.unit()));
    }

    /** The algorithm's parameters from the node's (one place that reads them). */
    static Scale.Params params(OperatorContext context) {
        return new Scale.Params(context.get(FACTOR));
    }
}
