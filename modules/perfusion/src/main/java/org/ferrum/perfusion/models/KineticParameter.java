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
package org.ferrum.perfusion.models;

import org.ferrum.core.PhysicalUnit;

/**
 * One parameter of a {@link TracerKineticModel}, in the unit users write it (Ktrans and PS in 1/min, Fp in ml/100 ml/min,
 * ve and vp as fractions), with the bounds and the start the fit uses.
 *
 * @param name lower-case name, also the operator's output port ({@code ktrans}, {@code ve}, {@code vp}, {@code fp},
 *     {@code ps})
 * @param symbol how papers write it (Ktrans, v_e, …)
 * @param unit its unit
 * @param lower lower bound of the fit
 * @param upper upper bound of the fit
 * @param start the start when no data-driven estimate is made (the OSIPI suite's values)
 * @param description one line for port descriptions
 */
public record KineticParameter(
        String name, String symbol, PhysicalUnit unit, double lower, double upper, double start, String description) {

    public KineticParameter {
        if (!(lower < upper) || start < lower || start > upper) {
            throw new IllegalArgumentException(
                    name + ": need lower < upper and start within, got " + lower + ", " + upper + ", " + start);
        }
    }

    /** v clamped into [lower, upper]. */
    public double clamp(double v) {
        return Double.isNaN(v) ? start : Math.max(lower, Math.min(upper, v));
    }

    /** "0 … 5 1/min, start 0.6" for descriptions and the README. */
    public String range() {
        return lower + " … " + upper + " " + unit.symbol() + ", start " + start;
    }
}
