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
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
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
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.registration.AffineTransform;
import org.ferrum.registration.Interpolation;
import org.ferrum.registration.LinearRegistration;
import org.ferrum.registration.RegistrationPorts;
import org.ferrum.registration.Resampler;
import org.ferrum.registration.SimilarityMeasures;
import org.ferrum.registration.SpatialTransform;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code registration.linear}: rigid or affine registration of {@code moving} to {@code fixed}
 * ({@link LinearRegistration}); outputs the transform (fixed → moving), the moving image on the fixed grid and a
 * quality table (final metric; NCC and MI before — with the initial transform, or none — and after; Dice of the two
 * masks after, when both are given; iterations; converged).
 */
@ServiceProvider(service = Operator.class)
public final class LinearRegistrationOperator implements Operator {

    public static final Port<Volume<FloatType>> FIXED = Port.required(
            "fixed",
            PortTypes.VOLUME,
            "The fixed image: the grid the result lies on (3-D; a 4-D volume's first frame)");
    public static final Port<Volume<FloatType>> MOVING =
            Port.required("moving", PortTypes.VOLUME, "The image to align to 'fixed' (any contrast for metric mi)");
    public static final Port<Volume<FloatType>> FIXED_MASK = Port.optional(
                    "fixed_mask", PortTypes.MASK, "Where the metric samples the fixed image (default: everywhere)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> MOVING_MASK = Port.optional(
                    "moving_mask", PortTypes.MASK, "Where moving samples count (default: everywhere)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<SpatialTransform> INITIAL = Port.optional(
            "initial",
            RegistrationPorts.TRANSFORM,
            "A linear start (fixed → moving); default: the centres of mass aligned");
    public static final Parameter<String> MODEL = Parameter.choice(
            "model",
            LinearRegistration.Params.DEFAULTS.model().name().toLowerCase(Locale.ROOT),
            List.of("rigid", "affine"),
            "rigid: rotation + translation (6); affine: + scaling and shear (12)");
    public static final Parameter<String> METRIC = Parameter.choice(
            "metric",
            LinearRegistration.Params.DEFAULTS.metric().name().toLowerCase(Locale.ROOT),
            List.of("mi", "ncc"),
            "mi: Mattes mutual information (any two contrasts); ncc: normalised cross-correlation (same contrast)");
    public static final Parameter<Long> LEVELS = Parameter.integer(
            "levels",
            LinearRegistration.Params.DEFAULTS.levels(),
            1L,
            6L,
            "Pyramid levels: shrink factors 2^(levels−1) … 2, 1 (3: 4-2-1)");
    public static final Parameter<Long> ITERATIONS = Parameter.integer(
            "iterations",
            LinearRegistration.Params.DEFAULTS.iterations(),
            5L,
            10_000L,
            "Most metric evaluations per level");
    public static final Parameter<Long> SAMPLING = Parameter.integer(
            "sampling",
            LinearRegistration.Params.DEFAULTS.sampling(),
            1_000L,
            50_000_000L,
            "Sample points per level, drawn at random inside the fixed mask (all voxels when fewer)");
    public static final Port<SpatialTransform> TRANSFORM =
            Port.output("transform", RegistrationPorts.TRANSFORM, "fixed → moving (mm LPS, ITK convention)");
    public static final Port<Volume<FloatType>> REGISTERED = Port.output(
            "registered",
            PortTypes.VOLUME,
            "The moving image on the fixed grid (linear; majority for a label map); the moving image's unit");
    public static final Port<Table> QUALITY = Port.output(
            "quality",
            PortTypes.TABLE,
            "One row: metric, final_metric, ncc_before, ncc_after, mi_before, mi_after (nats), mask_dice, iterations,"
                    + " converged");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("registration.linear", "1.0")
            .displayName("Linear registration (rigid / affine)")
            .category("Registration")
            .description("Aligns 'moving' to 'fixed' with a rigid or affine transform by Mattes mutual information or"
                    + " normalised cross-correlation, on a Gaussian pyramid, from the centres of mass or an initial"
                    + " transform. The transform maps fixed → moving (ITK convention) and saves as an ITK .tfm file.")
            .input(FIXED)
            .input(MOVING)
            .input(FIXED_MASK)
            .input(MOVING_MASK)
            .input(INITIAL)
            .parameter(MODEL)
            .parameter(METRIC)
            .parameter(LEVELS)
            .parameter(ITERATIONS)
            .parameter(SAMPLING)
            .output(TRANSFORM)
            .output(REGISTERED)
            .output(QUALITY)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> fixed = context.input(FIXED);
        Volume<FloatType> moving = context.input(MOVING);
        boolean[] fixedMask = mask(context, FIXED_MASK, FIXED, fixed);
        boolean[] movingMask = mask(context, MOVING_MASK, MOVING, moving);
        Optional<SpatialTransform> initial = context.optionalInput(INITIAL);
        if (initial.isPresent() && AffineTransform.of(initial.get()).isEmpty()) {
            throw OperatorException.badInput("input '" + INITIAL.name() + "' must be linear (affine, rigid or a"
                    + " composite of them), got " + initial.get().describe());
        }
        LinearRegistration.Params params = params(context);
        LinearRegistration.Result result;
        try {
            result = LinearRegistration.register(
                    fixed,
                    moving,
                    fixedMask,
                    movingMask,
                    initial.orElse(null),
                    params,
                    context.cancellation(),
                    (f, message) -> context.progress(0.85 * f, message));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(
                    "registration of '" + MOVING.name() + "' to '" + FIXED.name() + "': " + e.getMessage());
        }
        for (LinearRegistration.LevelReport level : result.levels()) {
            context.log(String.format(
                    Locale.ROOT,
                    "%s, shrink %d: %d samples, %d evaluations, metric %.5f%s",
                    level.model().name().toLowerCase(Locale.ROOT),
                    level.shrink(),
                    level.samples(),
                    level.iterations(),
                    level.metric(),
                    level.converged() ? "" : " (iteration limit reached)"));
        }
        if (!result.converged()) {
            context.warn("registration did not converge at the finest level within " + params.iterations()
                    + " evaluations ('" + ITERATIONS.name() + "'); the transform is the best found");
        }
        context.progress(0.85, "resampling");
        long[] dims = fixed.dimensions();
        Volume<FloatType> registered = Resampler.resample(
                moving, dims, fixed.geometry(), result.transform(), Interpolation.auto(moving), context.cancellation());
        SpatialTransform before = initial.orElse(AffineTransform.identity());
        Volume<FloatType> beforeImage = Resampler.resample(
                moving.frame(0), dims, fixed.geometry(), before, Interpolation.LINEAR, context.cancellation());
        float[] f = VolumeArrays.frame(fixed, 0);
        float[] b = VolumeArrays.frame(beforeImage, 0);
        float[] a = VolumeArrays.frame(registered, 0);
        double dice = Double.NaN;
        if (fixedMask != null && movingMask != null) {
            Volume<FloatType> warpedMask = Resampler.resample(
                    context.input(MOVING_MASK).frame(0),
                    dims,
                    fixed.geometry(),
                    result.transform(),
                    Interpolation.NEAREST,
                    context.cancellation());
            dice = SimilarityMeasures.dice(fixedMask, VolumeArrays.mask(warpedMask));
        }
        Table quality = Table.builder(
                        Table.Column.text("metric"),
                        Table.Column.number("final_metric", PhysicalUnit.DIMENSIONLESS),
                        Table.Column.number("ncc_before", PhysicalUnit.DIMENSIONLESS),
                        Table.Column.number("ncc_after", PhysicalUnit.DIMENSIONLESS),
                        Table.Column.number("mi_before", PhysicalUnit.DIMENSIONLESS),
                        Table.Column.number("mi_after", PhysicalUnit.DIMENSIONLESS),
                        Table.Column.number("mask_dice", PhysicalUnit.DIMENSIONLESS),
                        Table.Column.number("iterations", PhysicalUnit.DIMENSIONLESS),
                        Table.Column.text("converged"))
                .row(
                        params.metric().name().toLowerCase(Locale.ROOT),
                        result.finalMetric(),
                        SimilarityMeasures.ncc(f, b, fixedMask),
                        SimilarityMeasures.ncc(f, a, fixedMask),
                        SimilarityMeasures.mutualInformation(f, b, fixedMask),
                        SimilarityMeasures.mutualInformation(f, a, fixedMask),
                        dice,
                        result.iterations(),
                        result.converged() ? "yes" : "no")
                .build();
        context.log("transform: " + result.transform().describe());
        context.output(TRANSFORM, result.transform());
        context.output(REGISTERED, registered);
        context.output(QUALITY, quality);
        context.progress(1, "registered");
    }

    private static boolean[] mask(
            OperatorContext context, Port<Volume<FloatType>> port, Port<Volume<FloatType>> of, Volume<FloatType> image)
            throws OperatorException {
        Optional<Volume<FloatType>> mask = context.optionalInput(port);
        if (mask.isEmpty()) {
            return null;
        }
        SharedGrid.requireSameSpace(of.name(), image, port.name(), mask.get());
        return VolumeInputs.mask(mask.get(), port.name());
    }

    /** The algorithm's parameters from the node's (one place that reads them). */
    static LinearRegistration.Params params(OperatorContext context) {
        LinearRegistration.Params d = LinearRegistration.Params.DEFAULTS;
        return new LinearRegistration.Params(
                LinearRegistration.Model.valueOf(context.get(MODEL).toUpperCase(Locale.ROOT)),
                LinearRegistration.Metric.valueOf(context.get(METRIC).toUpperCase(Locale.ROOT)),
                Math.toIntExact(context.get(LEVELS)),
                Math.toIntExact(context.get(ITERATIONS)),
                Math.toIntExact(context.get(SAMPLING)),
                d.bins(),
                d.minimumStep(),
                d.seed());
    }
}
