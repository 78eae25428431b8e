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

import java.util.Arrays;
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
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.SingleStepSharp;
import org.ferrum.qsm.inversion.SingleStepSharp.Params;
import org.ferrum.qsm.inversion.TotalVariationAdmm;
import org.ferrum.qsm.inversion.WeightedTotalVariationAdmm;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.singlestep}: {@link SingleStepSharp}, χ from the total field in one step. */
@ServiceProvider(service = Operator.class)
public final class SingleStepSharpOperator extends DipoleInversionOperator {

    private static final TotalVariationAdmm.Params TV = Params.DEFAULTS.tv().tv();

    public static final Port<Volume<FloatType>> BRAIN_MASK = Port.required(
            MASK.name(),
            PortTypes.MASK,
            "Region with a trustworthy field, the brain (not eroded: the operator erodes it by the radius for the data term)");
    public static final Parameter<Double> RADIUS = Parameter.number(
            "radius",
            Params.DEFAULTS.radiusMm(),
            0.5,
            30.0,
            PhysicalUnit.MILLIMETRE,
            "Sphere radius r of the high-pass (the largest, with min_radius); the data term holds where"
                    + " the sphere lies inside the mask");
    public static final Parameter<Double> MIN_RADIUS = Parameter.number(
            "min_radius",
            Params.DEFAULTS.minRadiusMm(),
            0.0,
            30.0,
            PhysicalUnit.MILLIMETRE,
            "0: one sphere; else spheres r, r/2, … down to this, each voxel using the largest that fits"
                    + " in the mask (reaches closer to the mask's edge; 2 FFTs per iteration more per sphere)");
    public static final Parameter<Double> LAMBDA = Parameter.number(
            "lambda",
            TV.lambda(),
            1e-7,
            1.0,
            null,
            "TV weight λ for χ in ppm and mm voxels (larger: smoother, more underestimation)");
    public static final Parameter<Double> MU =
            Parameter.number("mu", Params.DEFAULTS.tv().mu(), 1e-4, 1e4, null, "ADMM penalty μ of the data split");
    public static final Parameter<Long> MAX_ITERATIONS =
            Parameter.integer("max_iterations", TV.maxIterations(), 1L, 10000L, "Iteration limit");
    public static final Parameter<Double> TOLERANCE = Parameter.number(
            "tolerance",
            TV.tolerance(),
            0.0,
            1.0,
            null,
            "Stop when the relative χ change of an iteration is below this");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.dipole.singlestep",
                    "Dipole inversion: single-step (total field, TV)",
                    "Susceptibility from the total field with background removal and inversion in one TV-regularised"
                            + " problem, ½‖M_r(H·Dχ − H·δ)‖² + λ‖∇χ‖₁ with H the spherical-mean high-pass of radius r, which annihilates"
                            + " background fields inside the mask eroded by r (Chatnuntawech et al., NMR Biomed 2017), solved by ADMM.",
                    TOTAL_FIELD,
                    BRAIN_MASK)
            .input(FieldNoiseWeights.port("1 in the eroded mask"))
            .parameters(List.of(RADIUS, MIN_RADIUS, LAMBDA, RHO, MU, MAX_ITERATIONS, TOLERANCE, PAD))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected Port<Volume<FloatType>> fieldPort() {
        return TOTAL_FIELD;
    }

    @Override
    protected Prepared prepare(OperatorContext context, Inputs in) throws OperatorException {
        Prepared p = super.prepare(context, in);
        return p.with(p.field().withDataWeight(p.pad(in.noiseWeight())));
    }

    @Override
    protected DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input) {
        SingleStepSharp solver = new SingleStepSharp(new Params(
                context.get(RADIUS),
                context.get(MIN_RADIUS),
                new WeightedTotalVariationAdmm.Params(
                        new TotalVariationAdmm.Params(
                                context.get(LAMBDA),
                                context.get(RHO),
                                Math.toIntExact(context.get(MAX_ITERATIONS)),
                                context.get(TOLERANCE)),
                        context.get(MU))));
        context.log("single-step QSM: spheres " + Arrays.toString(solver.radii(input.grid())) + " mm");
        return solver;
    }
}
