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
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * A mask of the voxels whose value lies between two bounds.
 *
 * <p>Contract: {@code mask(x) = 1} if {@code lower ≤ v(x) ≤ upper} ({@code inclusive}) or
 * {@code lower < v(x) < upper} (not inclusive), else 0; NaN voxels are outside. The bounds are in the
 * input's unit. Parameters must be finite numbers, so "no bound" is the default
 * ±{@link Double#MAX_VALUE}: every finite voxel value is above the default lower and below the default
 * upper bound (infinite voxel values are outside). The mask has the input's dimensions and geometry,
 * unit {@link PhysicalUnit#DIMENSIONLESS}; a 4-D input gives a 4-D mask, frame by frame.
 */
@ServiceProvider(service = Operator.class)
public final class ThresholdOperator implements Operator {

    static final String ID = "volume.threshold";

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The volume to threshold");
    public static final Parameter<Double> LOWER = Parameter.number(
            "lower", -Double.MAX_VALUE, null, null, null, "Lower bound in the input's unit (default: none)");
    public static final Parameter<Double> UPPER = Parameter.number(
            "upper", Double.MAX_VALUE, null, null, null, "Upper bound in the input's unit (default: none)");
    public static final Parameter<Boolean> INCLUSIVE =
            Parameter.flag("inclusive", true, "Whether voxels equal to a bound are inside");
    public static final Port<Volume<FloatType>> MASK = Port.output(
                    "mask", PortTypes.MASK, "1 inside, 0 outside; same grid as the input")
            .in(PhysicalUnit.DIMENSIONLESS);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Threshold → mask")
            .category(Categories.MASKS)
            .description(
                    "Mask of the voxels whose value lies between 'lower' and 'upper' (in the input's unit); NaN voxels are outside.")
            .input(VOLUME)
            .parameters(List.of(LOWER, UPPER, INCLUSIVE))
            .output(MASK)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        double lower = context.get(LOWER);
        double upper = context.get(UPPER);
        boolean inclusive = context.get(INCLUSIVE);
        String unit = volume.unit() == PhysicalUnit.DIMENSIONLESS
                ? ""
                : " " + volume.unit().symbol();
        if (lower > upper || (!inclusive && lower == upper)) {
            throw OperatorException.badInput("parameter 'lower' = " + lower + unit + " is "
                    + (lower == upper ? "equal to" : "above") + " 'upper' = " + upper + unit
                    + (inclusive ? "" : " with 'inclusive' off") + ": no voxel could be inside");
        }
        Volume<FloatType> mask = VoxelLoop.map(
                Stage.whole(context, "thresholding"),
                volume,
                PhysicalUnit.DIMENSIONLESS,
                inclusive ? v -> lower <= v && v <= upper ? 1 : 0 : v -> lower < v && v < upper ? 1 : 0);
        context.output(MASK, mask);
    }
}
