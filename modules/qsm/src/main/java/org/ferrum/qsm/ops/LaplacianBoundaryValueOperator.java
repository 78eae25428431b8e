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
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.background.BackgroundFieldRemoval;
import org.ferrum.qsm.background.LaplacianBoundaryValue;
import org.ferrum.qsm.background.LaplacianBoundaryValue.Params;
import org.openide.util.lookup.ServiceProvider;

/** Operator {@code qsm.background.lbv}: background field removal by LBV ({@link LaplacianBoundaryValue}). */
@ServiceProvider(service = Operator.class)
public final class LaplacianBoundaryValueOperator extends BackgroundFieldRemovalOperator {

    public static final Parameter<Double> TOLERANCE = Parameter.number(
            "tolerance",
            Params.DEFAULTS.tolerance(),
            1e-9,
            0.5,
            PhysicalUnit.DIMENSIONLESS,
            "Relative residual of the Laplace equation at which the solver stops");
    public static final Parameter<Long> ITERATIONS = Parameter.integer(
            "iterations",
            Params.DEFAULTS.maxIterations(),
            1L,
            10000L,
            "Largest number of solver iterations (one multigrid V-cycle each)");
    public static final Parameter<Long> PEEL = Parameter.integer(
            "peel", Params.DEFAULTS.peel(), 0L, 20L, "Boundary layers removed from the output mask after the solve");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.background.lbv",
                    "LBV background removal",
                    "Removes the background field with the Laplacian boundary value method (Zhou et al., NMR Biomed 2014): the"
                            + " background is the harmonic function equal to the field on the mask's boundary (7-point Laplace"
                            + " equation, multigrid-preconditioned conjugate gradients).",
                    "The mask's interior (mask minus its boundary layer, minus 'peel' more layers): where the local field is valid")
            .parameters(List.of(TOLERANCE, ITERATIONS, PEEL))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected BackgroundFieldRemoval removal(OperatorContext context, Inputs in) {
        return new LaplacianBoundaryValue(new Params(
                context.get(TOLERANCE), Math.toIntExact(context.get(ITERATIONS)), Math.toIntExact(context.get(PEEL))));
    }
}
