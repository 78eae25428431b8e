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
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.registration.DiffeomorphicDemons;
import org.ferrum.registration.DiffeomorphicDemons.Params;
import org.ferrum.registration.DisplacementFieldNifti;
import org.ferrum.registration.RegistrationPorts;
import org.ferrum.registration.SpatialTransform;
import org.openide.util.lookup.ServiceProvider;

/** {@code registration.deformable}: {@link DiffeomorphicDemons} between two volumes, after an optional initial transform. */
@ServiceProvider(service = Operator.class)
public final class DeformableRegistrationOperator implements Operator {

    public static final Port<Volume<FloatType>> FIXED = Port.required(
            "fixed", PortTypes.VOLUME, "The image that stays put (its grid is the result's grid), 3-D, any unit");
    public static final Port<Volume<FloatType>> MOVING = Port.required(
            "moving", PortTypes.VOLUME, "The image that is deformed onto the fixed one, 3-D, any grid and unit");
    public static final Port<Volume<FloatType>> FIXED_MASK = Port.optional(
                    "fixed_mask",
                    PortTypes.MASK,
                    "Where the similarity and forces count, on the fixed grid (e.g. the brain); absent: everywhere")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<SpatialTransform> INITIAL = Port.optional(
            "initial",
            RegistrationPorts.TRANSFORM,
            "Transform to start from (fixed → moving, e.g. from registration.linear); absent: identity");

    private static final Params D = Params.DEFAULTS;
    public static final Parameter<String> SIMILARITY = Parameter.choice(
            "similarity",
            D.similarity().key(),
            List.of("ssd", "lncc"),
            "ssd: same contrast (a visit onto its baseline, a template onto a subject of the same modality); lncc: "
                    + "local correlation, for intensities related locally by a monotone map (other scanner, gain, "
                    + "bias); not for a T1-weighted image onto a GRE magnitude (fails on the phantom: use the linear stage)");
    public static final Parameter<Long> LEVELS =
            Parameter.integer("levels", D.levels(), 1L, 6L, "Resolution levels, each half the size of the next");
    public static final Parameter<Long> ITERATIONS = Parameter.integer(
            "iterations",
            D.iterations(),
            6L,
            10_000L,
            "Most iterations at the coarsest level; each finer level allows half as many");
    public static final Parameter<Double> IMAGE_SIGMA = Parameter.number(
            "image_sigma",
            D.imageSigma(),
            0.0,
            5.0,
            null,
            "σ of the smoothing of both images, in voxels of each level");
    public static final Parameter<Double> FLUID_SIGMA = Parameter.number(
            "fluid_sigma",
            D.fluidSigma(),
            0.0,
            10.0,
            null,
            "σ of the smoothing of each update, in voxels of each level");
    public static final Parameter<Double> DIFFUSION_SIGMA = Parameter.number(
            "diffusion_sigma",
            D.diffusionSigma(),
            0.0,
            10.0,
            null,
            "σ of the smoothing of the velocity field, in voxels of each level");
    public static final Parameter<Double> MAX_STEP = Parameter.number(
            "max_step", D.maxStep(), 0.05, 5.0, null, "Largest update per iteration, in voxels of each level");
    public static final Parameter<Long> LNCC_RADIUS = Parameter.integer(
            "lncc_radius", D.lnccRadius(), 1L, 10L, "Half-width of the local correlation window, voxels (lncc only)");
    public static final Parameter<Double> TOLERANCE = Parameter.number(
            "tolerance",
            D.tolerance(),
            0.0,
            0.5,
            null,
            "A level has converged when its energy fell by less than this (relative) over the last "
                    + DiffeomorphicDemons.WINDOW + " iterations");

    public static final Port<SpatialTransform> TRANSFORM = Port.output(
            "transform",
            RegistrationPorts.TRANSFORM,
            "Fixed → moving: the displacement field, then the initial transform; invertible (exp(−v))");
    public static final Port<Volume<FloatType>> REGISTERED = Port.output(
            "registered", PortTypes.VOLUME, "The moving image on the fixed grid through the transform (trilinear)");
    public static final Port<Volume<FloatType>> FIELD = Port.output(
                    "field",
                    PortTypes.VOLUME,
                    "The displacement field u (4-D: x, y, z, component; mm LPS, fixed point p → p + u(p))")
            .in(PhysicalUnit.MILLIMETRE);
    public static final Port<Table> QUALITY = Port.output(
            "quality",
            PortTypes.TABLE,
            "Per level and overall: iterations, converged, energy before/after, correlation before/after, "
                    + "min Jacobian determinant, folded fraction");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("registration.deformable", "1.0")
            .displayName("Deformable registration (diffeomorphic demons)")
            .category("Registration")
            .description("Log-domain diffeomorphic demons (Vercauteren et al. 2008/2009): a smooth invertible "
                    + "deformation of the moving image onto the fixed one, multi-resolution, with SSD (same contrast) "
                    + "or local NCC (different contrasts) forces, after an optional linear transform.")
            .input(FIXED)
            .input(MOVING)
            .input(FIXED_MASK)
            .input(INITIAL)
            .parameter(SIMILARITY)
            .parameter(LEVELS)
            .parameter(ITERATIONS)
            .parameter(IMAGE_SIGMA)
            .parameter(FLUID_SIGMA)
            .parameter(DIFFUSION_SIGMA)
            .parameter(MAX_STEP)
            .parameter(LNCC_RADIUS)
            .parameter(TOLERANCE)
            .output(TRANSFORM)
            .output(REGISTERED)
            .output(FIELD)
            .output(QUALITY)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    static Params params(OperatorContext c) {
        return new Params(
                DiffeomorphicDemons.Similarity.of(c.get(SIMILARITY)),
                Math.toIntExact(c.get(LEVELS)),
                Math.toIntExact(c.get(ITERATIONS)),
                c.get(IMAGE_SIGMA),
                c.get(FLUID_SIGMA),
                c.get(DIFFUSION_SIGMA),
                c.get(MAX_STEP),
                Math.toIntExact(c.get(LNCC_RADIUS)),
                c.get(TOLERANCE));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> fixed = context.input(FIXED);
        Volume<FloatType> moving = context.input(MOVING);
        require3d(FIXED, fixed);
        require3d(MOVING, moving);
        boolean[] mask = null;
        var maskVolume = context.optionalInput(FIXED_MASK);
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(FIXED.name(), fixed, FIXED_MASK.name(), maskVolume.get());
            mask = VolumeInputs.mask(maskVolume.get(), FIXED_MASK.name());
        }
        SpatialTransform initial = context.optionalInput(INITIAL).orElse(null);
        Params params = params(context);
        VoxelGrid fg = VoxelGrid.of(fixed), mg = VoxelGrid.of(moving);
        DiffeomorphicDemons.Result r = DiffeomorphicDemons.register(
                new DiffeomorphicDemons.Image(VolumeArrays.frame(fixed, 0), fg.sizes(), fixed.geometry()),
                new DiffeomorphicDemons.Image(VolumeArrays.frame(moving, 0), mg.sizes(), moving.geometry()),
                mask,
                initial,
                params,
                context.cancellation(),
                (f, m) -> context.progress(Math.min(0.99, f), m));
        for (DiffeomorphicDemons.Level level : r.levels()) {
            context.log(level.toString());
        }
        if (!r.converged()) {
            context.warn("deformable registration did not converge at full resolution: stopped at the iteration limit "
                    + "(" + r.levels().get(r.levels().size() - 1).iterations() + " iterations; the energy still "
                    + "fell by more than " + params.tolerance() + " over " + DiffeomorphicDemons.WINDOW
                    + " iterations); raise 'iterations' or check the result");
        }
        if (r.field().foldedFraction() > 0) {
            context.warn(String.format(
                    Locale.ROOT,
                    "the displacement field folds in %.3g %% of voxels (min Jacobian determinant %.3f)",
                    100 * r.field().foldedFraction(),
                    r.field().minJacobianDeterminant()));
        }
        context.output(TRANSFORM, r.transform());
        context.output(REGISTERED, VolumeArrays.volume(r.registered(), fg, fixed.geometry(), moving.unit()));
        context.output(FIELD, DisplacementFieldNifti.volume(r.field()));
        context.output(QUALITY, quality(r, params));
        context.progress(1, "deformable registration done");
    }

    /** The quality table: one row per level (coarse to fine), then one for the whole registration. */
    static Table quality(DiffeomorphicDemons.Result r, Params params) {
        Table.Builder t = Table.builder(
                Table.Column.text("stage"),
                Table.Column.text("similarity"),
                Table.Column.number("iterations", null),
                Table.Column.text("converged"),
                Table.Column.number("energy_before", null),
                Table.Column.number("energy_after", null),
                Table.Column.number("correlation_before", null),
                Table.Column.number("correlation_after", null),
                Table.Column.number("min_jacobian_determinant", null),
                Table.Column.number("folded_fraction", null));
        String sim = params.similarity().key();
        for (DiffeomorphicDemons.Level l : r.levels()) {
            t.row(
                    "level 1/" + l.shrink(),
                    sim,
                    (double) l.iterations(),
                    l.converged() ? "yes" : "no",
                    l.energyBefore(),
                    l.energyAfter(),
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN);
        }
        DiffeomorphicDemons.Level last = r.levels().get(r.levels().size() - 1);
        t.row(
                "result",
                sim,
                (double) r.totalIterations(),
                r.converged() ? "yes" : "no",
                r.levels().get(0).energyBefore(),
                last.energyAfter(),
                r.correlationBefore(),
                r.correlationAfter(),
                r.field().minJacobianDeterminant(),
                r.field().foldedFraction());
        return t.build();
    }

    private static void require3d(Port<?> port, Volume<?> v) throws OperatorException {
        if (v.numDimensions() != 3 && !(v.numDimensions() == 4 && v.frames() == 1)) {
            throw OperatorException.badInput("input '" + port.name() + "' must be a 3-D volume, got "
                    + SharedGrid.size(v) + " (register one frame or echo at a time)");
        }
    }
}
