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
package org.ferrum.qsm.inversion;

import org.ferrum.qsm.Convergence;

/**
 * A susceptibility map and how it was reached.
 *
 * @param chi              χ in ppm on the inversion grid (x fastest), with an arbitrary offset: the caller fixes
 *                         it with {@link org.ferrum.qsm.SusceptibilityReference}
 * @param iterations       iterations run (1 for the closed-form methods)
 * @param relativeChange   relative χ change of the last iteration (0 for closed-form methods)
 * @param relativeResidual ‖M(Dχ − δ)‖ / ‖Mδ‖ over the mask M: how well χ explains the field (1 for χ = 0, where
 *                         every iterative inversion starts)
 * @param convergence      how the solver ended; its residual is {@code relativeResidual}
 */
public record InversionResult(
        float[] chi, int iterations, double relativeChange, double relativeResidual, Convergence convergence) {

    /** A closed-form result (or one whose solver does not track convergence: iterations &gt; 0). */
    public InversionResult(float[] chi, int iterations, double relativeChange, double relativeResidual) {
        this(
                chi,
                iterations,
                relativeChange,
                relativeResidual,
                iterations <= 1 && relativeChange == 0
                        ? Convergence.closedForm(relativeResidual)
                        : Convergence.unknown(iterations, relativeResidual));
    }
}
