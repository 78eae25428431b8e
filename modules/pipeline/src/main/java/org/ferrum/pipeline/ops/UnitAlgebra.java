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
package org.ferrum.pipeline.ops;

import java.util.Locale;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.PhysicalUnit.Quantity;
import org.ferrum.pipeline.api.OperatorException;

/**
 * The unit of a voxelwise combination of two volumes, and the factors that bring each operand's values
 * into it. Only combinations whose result Ferrum has a unit for are allowed; everything else is bad
 * input rather than a number in a made-up unit.
 *
 * <p>Contract: the result is {@code (fa·a) ⊕ (fb·b)} in {@code unit}, with, for units
 * {@code u_a}, {@code u_b} of quantities {@code q_a}, {@code q_b}:
 * <ul>
 * <li>{@link #sum} (add, subtract, min, max): needs {@code q_a = q_b}; the unit is {@code u_a},
 *     {@code fa = 1}, {@code fb = u_b.factor / u_a.factor} (so 1 s + 500 ms = 1.5 s; 1 + 50 % = 1.5).</li>
 * <li>{@link #product}: if one operand is dimensionless (1 or %), the result is in the other's unit and
 *     the dimensionless one enters as a pure number (50 % → 0.5); two dimensionless operands give 1;
 *     a time times a rate (TE·R2*) gives 1, each in its reference unit (ms → s). Anything else
 *     (ppm × 1/s, a.u. × a.u.) has no unit here and is refused.</li>
 * <li>{@link #quotient}: by a dimensionless operand keeps a's unit; two operands of one quantity give
 *     a pure ratio in 1 (ms / s = 10⁻³); a dimensionless operand over a time gives a rate in 1/s and
 *     over a rate gives a time in s (R2* = 1/T2*). Anything else is refused.</li>
 * </ul>
 */
record UnitAlgebra(PhysicalUnit unit, double fa, double fb) {

    /** Unit of a ⊕ b for ⊕ ∈ {add, subtract, min, max}. */
    static UnitAlgebra sum(String operation, PhysicalUnit a, PhysicalUnit b) throws OperatorException {
        if (a.quantity() != b.quantity()) {
            throw refused(
                    operation,
                    a,
                    b,
                    "both must measure the same quantity, but " + a.symbol() + " measures " + quantity(a) + " and "
                            + b.symbol() + " " + quantity(b));
        }
        return new UnitAlgebra(a, 1, b.factor() / a.factor());
    }

    /** Unit of a · b. */
    static UnitAlgebra product(PhysicalUnit a, PhysicalUnit b) throws OperatorException {
        boolean pureA = isPureNumber(a);
        boolean pureB = isPureNumber(b);
        if (pureA && pureB) {
            return new UnitAlgebra(PhysicalUnit.DIMENSIONLESS, a.factor(), b.factor());
        }
        if (pureA) {
            return new UnitAlgebra(b, a.factor(), 1);
        }
        if (pureB) {
            return new UnitAlgebra(a, 1, b.factor());
        }
        if (isPair(a, b, Quantity.TIME, Quantity.RATE)) {
            return new UnitAlgebra(PhysicalUnit.DIMENSIONLESS, a.factor(), b.factor());
        }
        throw refused("multiply", a, b, "one factor must be dimensionless, or a time times a rate");
    }

    /** Unit of a / b. */
    static UnitAlgebra quotient(PhysicalUnit a, PhysicalUnit b) throws OperatorException {
        if (isPureNumber(b)) {
            return new UnitAlgebra(a, 1, b.factor());
        }
        if (a.quantity() == b.quantity()) {
            return new UnitAlgebra(PhysicalUnit.DIMENSIONLESS, a.factor(), b.factor());
        }
        if (isPureNumber(a) && b.quantity() == Quantity.TIME) {
            return new UnitAlgebra(PhysicalUnit.PER_SECOND, a.factor(), b.factor());
        }
        if (isPureNumber(a) && b.quantity() == Quantity.RATE) {
            return new UnitAlgebra(PhysicalUnit.SECOND, a.factor(), b.factor());
        }
        throw refused(
                "divide",
                a,
                b,
                "the divisor must be dimensionless or measure the same quantity as 'a',"
                        + " or 'a' dimensionless over a time or a rate");
    }

    private static boolean isPureNumber(PhysicalUnit u) {
        return u.quantity() == Quantity.DIMENSIONLESS;
    }

    private static boolean isPair(PhysicalUnit a, PhysicalUnit b, Quantity p, Quantity q) {
        return (a.quantity() == p && b.quantity() == q) || (a.quantity() == q && b.quantity() == p);
    }

    private static OperatorException refused(String operation, PhysicalUnit a, PhysicalUnit b, String rule) {
        String by =
                switch (operation) {
                    case "multiply", "divide" -> " by ";
                    case "add" -> " to ";
                    case "subtract" -> " from ";
                    default -> " and ";
                };
        boolean swapped = operation.equals("add") || operation.equals("subtract"); // "add b to a", "subtract b from a"
        String verb = operation.equals("min") || operation.equals("max") ? "take the " + operation + " of" : operation;
        return OperatorException.badInput(
                "cannot " + verb + " " + (swapped ? b : a).symbol() + by + (swapped ? a : b).symbol() + ": " + rule
                        + " (input 'a' is in " + a.symbol() + ", 'b' in " + b.symbol() + ")");
    }

    private static String quantity(PhysicalUnit u) {
        return u.quantity().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
