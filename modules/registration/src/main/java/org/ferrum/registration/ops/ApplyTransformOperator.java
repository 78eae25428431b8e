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
package org.ferrum.registration.ops;

import java.util.List;
import java.util.Optional;
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
import org.ferrum.registration.AffineTransform;
import org.ferrum.registration.Interpolation;
import org.ferrum.registration.RegistrationPorts;
import org.ferrum.registration.Resampler;
import org.ferrum.registration.SpatialTransform;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code registration.apply}: a volume or label map resampled onto a reference grid through a transform
 * ({@link Resampler}). Without a transform the moving image must already lie on the reference grid (then it passes
 * unchanged); a label map keeps its legend.
 *
 * <p>The output is typed as a label map so that resampled labels can feed label inputs; a label map feeds every volume
 * input too, so resampled maps go on to any volume operator.
 */
@ServiceProvider(service = Operator.class)
public final class ApplyTransformOperator implements Operator {

    /** The interpolation choices; {@code auto} = majority for a label map (non-empty legend), linear otherwise. */
    public static final String AUTO = "auto";

    public static final Port<Volume<FloatType>> MOVING = Port.required(
            "moving", PortTypes.VOLUME, "The volume or label map to resample (3-D or 4-D, frame by frame)");
    public static final Port<Volume<FloatType>> REFERENCE =
            Port.required("reference", PortTypes.VOLUME, "Gives the target grid (its values are not used)");
    public static final Port<SpatialTransform> TRANSFORM = Port.optional(
            "transform",
            RegistrationPorts.TRANSFORM,
            "reference → moving (the ITK convention registration.linear outputs); absent: the identity, and then"
                    + " 'moving' must lie on the reference grid");
    public static final Parameter<String> INTERPOLATION = Parameter.choice(
            "interpolation",
            AUTO,
            List.of(AUTO, "nearest", "majority", "linear", "cubic"),
            "auto: majority for a label map (one with a legend), linear otherwise; outside the moving image 0"
                    + " (nearest, majority) or NaN (linear, cubic)");
    public static final Port<Volume<FloatType>> RESAMPLED = Port.output(
            "resampled",
            PortTypes.LABEL_MAP,
            "'moving' on the reference grid, in its unit, with its legend (typed as a label map: feeds label and"
                    + " volume inputs)");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("registration.apply", "1.0")
            .displayName("Apply transform (resample)")
            .category("Registration")
            .description("Resamples a volume or a label map onto the reference grid through a transform: labels by"
                    + " majority vote (or nearest neighbour), keeping their names; maps by linear or cubic B-spline"
                    + " interpolation.")
            .input(MOVING)
            .input(REFERENCE)
            .input(TRANSFORM)
            .parameter(INTERPOLATION)
            .output(RESAMPLED)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> moving = context.input(MOVING);
        Volume<FloatType> reference = context.input(REFERENCE);
        Optional<SpatialTransform> transform = context.optionalInput(TRANSFORM);
        String choice = context.get(INTERPOLATION);
        Interpolation interpolation = choice.equals(AUTO) ? Interpolation.auto(moving) : Interpolation.ofId(choice);
        boolean labels = !moving.labels().isEmpty();
        if (labels && (interpolation == Interpolation.LINEAR || interpolation == Interpolation.CUBIC)) {
            context.warn("'" + MOVING.name() + "' is a label map (it has a legend) but '" + INTERPOLATION.name()
                    + "' is " + interpolation.id() + ": the result holds values between labels");
        }
        if (transform.isEmpty()) {
            try {
                SharedGrid.requireSameSpace(REFERENCE.name(), reference, MOVING.name(), moving);
            } catch (OperatorException e) {
                throw OperatorException.badInput("input '" + MOVING.name() + "' is on another grid than '"
                        + REFERENCE.name() + "' and no '" + TRANSFORM.name() + "' is connected ("
                        + (labels ? "labels" : "a volume") + " on another grid with no transform): connect a transform"
                        + " (registration.linear, registration.read) or resample on the moving image's own grid. "
                        + e.getMessage());
            }
            context.log("no transform and the same grid: '" + MOVING.name() + "' passes unchanged");
            context.output(RESAMPLED, moving);
            context.progress(1, "same grid");
            return;
        }
        context.progress(0, "resampling (" + interpolation.id() + ")");
        Volume<FloatType> out = Resampler.resample(
                moving,
                reference.dimensions(),
                reference.geometry(),
                transform.get(),
                interpolation,
                context.cancellation());
        context.log("resampled with " + interpolation.id() + " through "
                + transform.get().describe()
                + (AffineTransform.of(transform.get()).isPresent() ? "" : " (per-point transform)"));
        context.output(RESAMPLED, out);
        context.progress(1, "resampled");
    }
}
