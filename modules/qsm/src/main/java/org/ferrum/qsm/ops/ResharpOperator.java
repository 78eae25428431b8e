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
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.background.BackgroundFieldRemoval;
import org.ferrum.qsm.background.Resharp;
import org.ferrum.qsm.background.Resharp.Params;
import org.ferrum.qsm.background.SphericalMeanValue;
import org.openide.util.lookup.ServiceProvider;

/** Operator {@code qsm.background.resharp}: background field removal by RESHARP ({@link Resharp}). */
@ServiceProvider(service = Operator.class)
public final class ResharpOperator extends BackgroundFieldRemovalOperator {

    public static final Parameter<Double> RADIUS = Parameter.number(
            "radius",
            Params.DEFAULTS.radiusMm(),
            0.1,
            50.0,
            PhysicalUnit.MILLIMETRE,
            "Sphere radius of the spherical mean value filter");
    public static final Parameter<Double> LAMBDA = Parameter.number(
            "lambda", Params.DEFAULTS.lambda(), 1e-8, 10.0, PhysicalUnit.DIMENSIONLESS, "Tikhonov weight λ");
    public static final Parameter<Long> ITERATIONS = Parameter.integer(
            "iterations",
            Params.DEFAULTS.maxIterations(),
            1L,
            10000L,
            "Largest number of conjugate gradient iterations");
    public static final Parameter<Double> TOLERANCE = Parameter.number(
            "tolerance",
            Params.DEFAULTS.tolerance(),
            1e-9,
            0.5,
            PhysicalUnit.DIMENSIONLESS,
            "Relative residual of the normal equations at which the solver stops");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.background.resharp",
                    "RESHARP background removal",
                    "Removes the background field with Tikhonov-regularised SHARP (Sun & Wilman, MRM 2014): the local field"
                            + " minimising ‖M(C δ − C δ_l)‖² + λ‖δ_l‖², C the spherical mean value high-pass, by conjugate gradients.",
                    "The input mask eroded by the sphere radius: where the local field is valid")
            .parameters(List.of(RADIUS, LAMBDA, ITERATIONS, TOLERANCE))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected BackgroundFieldRemoval removal(OperatorContext context, Inputs in) throws OperatorException {
        try {
            SphericalMeanValue.requireFits(in.grid(), context.get(RADIUS));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter '" + RADIUS.name() + "': " + e.getMessage(), e);
        }
        return new Resharp(new Params(
                context.get(RADIUS),
                context.get(LAMBDA),
                Math.toIntExact(context.get(ITERATIONS)),
                context.get(TOLERANCE)));
    }
}
