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

import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.TotalVariationAdmm;
import org.ferrum.qsm.inversion.TotalVariationAdmm.Params;
import org.ferrum.qsm.inversion.WeightedTotalVariationAdmm;
import org.openide.util.lookup.ServiceProvider;

/**
 * Pipeline operator {@code qsm.dipole.tv}: {@link TotalVariationAdmm} on a local field, or
 * {@link WeightedTotalVariationAdmm} with the {@code field_sd} input connected.
 */
@ServiceProvider(service = Operator.class)
public final class TotalVariationAdmmOperator extends DipoleInversionOperator {

    public static final Parameter<Double> LAMBDA = Parameter.number(
            "lambda",
            Params.DEFAULTS.lambda(),
            1e-7,
            1.0,
            null,
            "TV weight λ for χ in ppm and mm voxels (larger: smoother, more underestimation)");
    public static final Parameter<Double> MU = Parameter.number(
            "mu",
            WeightedTotalVariationAdmm.Params.DEFAULTS.mu(),
            1e-4,
            1e4,
            null,
            "ADMM penalty μ of the data split, used with 'field_sd' only (as FANSI's weighted form)");
    public static final Parameter<Long> MAX_ITERATIONS =
            Parameter.integer("max_iterations", Params.DEFAULTS.maxIterations(), 1L, 10000L, "Iteration limit");
    public static final Parameter<Double> TOLERANCE = Parameter.number(
            "tolerance",
            Params.DEFAULTS.tolerance(),
            0.0,
            1.0,
            null,
            "Stop when the relative χ change of an iteration is below this");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.dipole.tv",
                    "Dipole inversion: TV (ADMM)",
                    "Susceptibility from the local field by total-variation regularised inversion with a linear data"
                            + " term, ½‖Dχ − δ‖² + λ‖∇χ‖₁ with δ zero outside the mask, solved by ADMM (Bilgic et al., MRM 2014;"
                            + " Milovic et al., FANSI, MRM 2018).")
            .input(FieldNoiseWeights.port(
                    "the unweighted data term over the whole grid (δ = 0 outside the mask), solved"
                            + " in k-space at 2 FFTs per iteration; with it the weighted form at 4"))
            .parameters(java.util.List.of(LAMBDA, RHO, MU, MAX_ITERATIONS, TOLERANCE, PAD))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** TV-ADMM's parameters from the node. */
    static Params params(OperatorContext context) {
        return new Params(
                context.get(LAMBDA),
                context.get(RHO),
                Math.toIntExact(context.get(MAX_ITERATIONS)),
                context.get(TOLERANCE));
    }

    @Override
    protected Prepared prepare(OperatorContext context, Inputs in) throws OperatorException {
        Prepared p = super.prepare(context, in);
        return p.with(p.field().withDataWeight(p.pad(in.noiseWeight())));
    }

    @Override
    protected DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input) {
        return input.dataWeight() == null
                ? new TotalVariationAdmm(params(context))
                : new WeightedTotalVariationAdmm(
                        new WeightedTotalVariationAdmm.Params(params(context), context.get(MU)));
    }
}
