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
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion.Params;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.medi}: {@link MorphologyEnabledDipoleInversion} on a local field. */
@ServiceProvider(service = Operator.class)
public final class MorphologyEnabledDipoleInversionOperator extends DipoleInversionOperator {

    /** MEDI's parameters, also {@link TotalFieldInversionOperator}'s (with TFI's defaults). */
    static final class Solver {
        final Parameter<Double> lambda;
        final Parameter<Double> edgePercent;
        final Parameter<Long> maxIterations;
        final Parameter<Double> tolerance;
        final Parameter<Long> cgMaxIterations;
        final Parameter<Double> cgTolerance;

        Solver(Params defaults, String lambdaText) {
            lambda = Parameter.number("lambda", defaults.lambda(), 1e-3, 1e9, null, lambdaText);
            edgePercent = Parameter.number(
                    "edge_percent",
                    defaults.edgePercent(),
                    0.0,
                    100.0,
                    null,
                    "Percentage of mask voxels with the strongest magnitude gradient that are not TV-penalised (edges)");
            maxIterations = Parameter.integer(
                    "max_iterations",
                    defaults.maxIterations(),
                    1L,
                    1000L,
                    "Outer (lagged diffusivity) iteration limit");
            tolerance = Parameter.number(
                    "tolerance",
                    defaults.tolerance(),
                    0.0,
                    1.0,
                    null,
                    "Stop when the relative χ change of an outer iteration is below this");
            cgMaxIterations = Parameter.integer(
                    "cg_max_iterations",
                    defaults.cgMaxIterations(),
                    1L,
                    10000L,
                    "Conjugate-gradient steps per outer iteration at most");
            cgTolerance = Parameter.number(
                    "cg_tolerance",
                    defaults.cgTolerance(),
                    1e-8,
                    1.0,
                    null,
                    "Relative residual at which the conjugate gradients stop");
        }

        /** In the order of the parameter sheet, with the magnitude's echoes after the edge percentage. */
        List<Parameter<?>> list() {
            return List.of(
                    lambda, edgePercent, MAGNITUDE_ECHOES, maxIterations, tolerance, cgMaxIterations, cgTolerance);
        }

        Params params(OperatorContext context) {
            return new Params(
                    context.get(lambda),
                    context.get(edgePercent),
                    Math.toIntExact(context.get(maxIterations)),
                    context.get(tolerance),
                    Math.toIntExact(context.get(cgMaxIterations)),
                    context.get(cgTolerance));
        }

        /** The magnitude and the optional data weight, on the padded grid. */
        static Prepared withMagnitudeAndWeight(Prepared p, Inputs in) throws OperatorException {
            return p.with(p.field().withMagnitude(p.pad(in.magnitude())).withDataWeight(p.pad(in.noiseWeight())));
        }
    }

    static final Solver SOLVER = new Solver(
            Params.DEFAULTS,
            "Data weight λ for χ in ppm and mm voxels (MEDI's λ = 1000 ≈ 3000–4000 here at 3 T; larger: sharper, noisier)");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.dipole.medi",
                    "Dipole inversion: MEDI",
                    "Susceptibility from the local field by morphology-enabled dipole inversion (Liu et al., MRM 2011,"
                            + " 2012): ‖M_G∇χ‖₁ + λ/2‖W(Dχ − δ)‖², magnitude-weighted linear data term, TV except at magnitude edges;"
                            + " lagged diffusivity with conjugate gradients.")
            .input(MAGNITUDE)
            .input(FieldNoiseWeights.port("the magnitude normalised to mean 1 in the mask"))
            .parameters(SOLVER.list())
            .parameter(PAD)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected Prepared prepare(OperatorContext context, Inputs in) throws OperatorException {
        return Solver.withMagnitudeAndWeight(super.prepare(context, in), in);
    }

    @Override
    protected DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input) {
        return new MorphologyEnabledDipoleInversion(SOLVER.params(context));
    }
}
