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

import java.util.Locale;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.ThresholdedKSpaceDivision;
import org.ferrum.qsm.inversion.ThresholdedKSpaceDivision.Params;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tkd}: {@link ThresholdedKSpaceDivision} on a local field. */
@ServiceProvider(service = Operator.class)
public final class ThresholdedKSpaceDivisionOperator extends DipoleInversionOperator {

    public static final Parameter<Double> THRESHOLD = Parameter.number(
            "threshold",
            Params.DEFAULTS.threshold(),
            0.01,
            2.0 / 3.0,
            null,
            "Kernel values |D| below this are replaced by ±threshold (smaller: sharper but more streaking)");
    public static final Parameter<Boolean> CORRECT = Parameter.flag(
            "correct",
            Params.DEFAULTS.correct(),
            "Divide by the centre of the method's point-spread function to undo its underestimation (Schweser 2013)");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.dipole.tkd",
                    "Dipole inversion: TKD",
                    "Susceptibility from the local field by thresholded k-space division (Shmueli et al., MRM 2009;"
                            + " Wharton et al., MRM 2010), optionally corrected for its underestimation (Schweser et al., MRM 2013).")
            .parameter(THRESHOLD)
            .parameter(CORRECT)
            .parameter(PAD)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input) {
        ThresholdedKSpaceDivision tkd =
                new ThresholdedKSpaceDivision(new Params(context.get(THRESHOLD), context.get(CORRECT)));
        if (context.get(CORRECT)) {
            context.log(String.format(
                    Locale.ROOT,
                    "TKD correction factor c = %.4f (χ divided by it)",
                    tkd.correctionFactor(input.grid(), input.b0VoxelAxes())));
        }
        return tkd;
    }
}
