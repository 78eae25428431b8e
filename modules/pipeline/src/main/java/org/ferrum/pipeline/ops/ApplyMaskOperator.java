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
package org.ferrum.pipeline.ops;

import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * Keeps a volume's values inside a mask and blanks the rest.
 *
 * <p>Contract: {@code out(x) = v(x)} where the mask is non-zero, else NaN ({@code outside = nan}) or 0
 * ({@code outside = zero}); a NaN mask voxel counts as outside. The mask lies on the volume's spatial
 * grid (same x, y, z size and placement within 10⁻³ mm) and has one frame, applied to every frame of
 * a 4-D volume, or as many frames as the volume. The result has the volume's dimensions, geometry and
 * unit. NaN outside is what statistics and viewers skip; 0 is for tools that cannot handle NaN.
 */
@ServiceProvider(service = Operator.class)
public final class ApplyMaskOperator implements Operator {

    static final String ID = "volume.mask.apply";

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The volume (3-D or 4-D)");
    public static final Port<Volume<FloatType>> MASK = Port.required(
            "mask", PortTypes.MASK, "1 inside, 0 outside; one frame (used for every frame) or one per frame");
    public static final Parameter<String> OUTSIDE =
            Parameter.choice("outside", "nan", List.of("nan", "zero"), "Value given to voxels outside the mask");
    public static final Port<Volume<FloatType>> MASKED =
            Port.output("volume", PortTypes.VOLUME, "The masked volume, same grid and unit");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Apply mask")
            .category(Categories.MASKS)
            .description("Keeps the volume's values where the mask is non-zero and sets the others to NaN or 0.")
            .input(VOLUME)
            .input(MASK)
            .parameter(OUTSIDE)
            .output(MASKED)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        Volume<FloatType> mask = context.input(MASK);
        SharedGrid.requireSameSpace("volume", volume, "mask", mask);
        if (mask.frames() != 1 && mask.frames() != volume.frames()) {
            throw OperatorException.badInput("input 'mask' has " + mask.frames() + " frames but 'volume' has "
                    + volume.frames() + " (" + SharedGrid.size(mask) + " vs " + SharedGrid.size(volume)
                    + "); give one mask frame for all, or one per frame");
        }
        double outside = context.get(OUTSIDE).equals("zero") ? 0 : Double.NaN;
        Volume<FloatType> masked = VoxelLoop.map(
                Stage.whole(context, "masking"),
                volume,
                mask,
                volume.unit(),
                (v, m) -> m != 0 && !Double.isNaN(m) ? v : outside);
        context.output(MASKED, masked);
    }
}
