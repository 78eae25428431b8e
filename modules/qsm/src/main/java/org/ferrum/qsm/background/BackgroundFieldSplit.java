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
package org.ferrum.qsm.background;

import org.ferrum.qsm.Convergence;

/**
 * The result of a background field removal: δ = δ<sub>local</sub> + δ<sub>background</sub> on {@code mask}.
 *
 * <p>Contract: all arrays on the input's grid (x fastest); {@code mask} is where {@code localField} is valid
 * (the input mask, or its erosion for the SHARP family); {@code localField} and {@code backgroundField} are
 * in ppm, with the local field 0 outside {@code mask}; the background field is defined where the method
 * defines it (see each method) and 0 elsewhere. {@code iterations} and {@code relativeResidual} describe
 * the iterative solve (0 and 0 for closed-form methods).
 *
 * @param localField       the field of the sources inside the mask (ppm)
 * @param backgroundField  the field of the sources outside it (ppm)
 * @param mask             where {@code localField} is valid
 * @param iterations       solver iterations taken
 * @param relativeResidual final relative residual of the solver
 * @param convergence      how the solver ended ({@link Convergence#closedForm} for closed-form methods)
 */
public record BackgroundFieldSplit(
        float[] localField,
        float[] backgroundField,
        boolean[] mask,
        int iterations,
        double relativeResidual,
        Convergence convergence) {

    /** A split whose solver did not report its convergence (closed-form methods, or a crop of another split). */
    public BackgroundFieldSplit(
            float[] localField, float[] backgroundField, boolean[] mask, int iterations, double relativeResidual) {
        this(
                localField,
                backgroundField,
                mask,
                iterations,
                relativeResidual,
                iterations == 0
                        ? Convergence.closedForm(relativeResidual)
                        : Convergence.unknown(iterations, relativeResidual));
    }

    /** Number of voxels in {@link #mask()}. */
    public int maskVoxels() {
        return count(mask);
    }

    static int count(boolean[] m) {
        int c = 0;
        for (boolean b : m) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
