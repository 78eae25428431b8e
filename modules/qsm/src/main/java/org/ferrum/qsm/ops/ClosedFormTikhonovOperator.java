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
import java.util.Locale;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.ClosedFormTikhonov;
import org.ferrum.qsm.inversion.ClosedFormTikhonov.Params;
import org.ferrum.qsm.inversion.ClosedFormTikhonov.Regularisation;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tikhonov}: {@link ClosedFormTikhonov} on a local field. */
@ServiceProvider(service = Operator.class)
public final class ClosedFormTikhonovOperator extends DipoleInversionOperator {

    public static final Parameter<String> REGULARISATION = Parameter.choice(
            "regularisation",
            Params.DEFAULTS.regularisation().name().toLowerCase(Locale.ROOT),
            List.of("gradient", "identity"),
            "What is penalised: the gradient of χ (less underestimation) or χ itself");
    public static final Parameter<Double> LAMBDA = Parameter.number(
            "lambda",
            Params.DEFAULTS.lambda(),
            0.0,
            1e3,
            null,
            "Regularisation weight λ (mm² for gradient, dimensionless for identity); 0: the default, 0.02 or 0.01");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.dipole.tikhonov",
                    "Dipole inversion: closed-form Tikhonov",
                    "Susceptibility from the local field by closed-form L2-regularised inversion,"
                            + " χ = F⁻¹[D·F[δ]/(D² + λG)] with G = 1 or the gradient energy |∇|² (Bilgic et al., MRM 2014).")
            .parameter(REGULARISATION)
            .parameter(LAMBDA)
            .parameter(PAD)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input) {
        return new ClosedFormTikhonov(new Params(
                Regularisation.valueOf(context.get(REGULARISATION).toUpperCase(Locale.ROOT)), context.get(LAMBDA)));
    }
}
