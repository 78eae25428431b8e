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
package org.ferrum.pipeline.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;

/**
 * A named input or output of an operator, declared once as a typed constant and used both in the
 * descriptor and at the read ({@link OperatorContext#input(Port)}) or write ({@link OperatorContext#output(Port, Object)}).
 *
 * <p>Quantity and unit contract: {@code quantity} names what the values measure (e.g. {@code "field"},
 * {@code "susceptibility"}, {@code "R2*"}); null means any. {@code units} lists the units a value may be in: for
 * an input the units it accepts, for an output the units it produces; empty means any (or that units do not
 * apply, as for tables). An edge {@code a → b} is valid only if, where both declare them, the quantities are equal
 * and the unit lists share a unit ({@link #mismatch}); the validator refuses it otherwise, naming both ends, and the
 * executor checks the unit of every volume or scalar value again before the operator runs.
 *
 * @param name        identifier used in edges ({@code node.port}); letters, digits, '_' and '-'
 * @param type        what flows through it
 * @param required    for inputs: whether the node can run without it (outputs are always produced)
 * @param description one line for the parameter sheet and the docs
 * @param quantity    what the values measure, or null for any
 * @param units       allowed units; empty for any
 * @param <T>         the Java type of the values
 */
public record Port<T>(
        String name,
        PortType<T> type,
        boolean required,
        String description,
        String quantity,
        List<PhysicalUnit> units) {

    public Port {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "port name must start with a letter and hold letters, digits, '_' or '-': " + name);
        }
        units = units == null ? List.of() : List.copyOf(units);
    }

    public static <T> Port<T> required(String name, PortType<T> type, String description) {
        return new Port<>(name, type, true, description, null, List.of());
    }

    public static <T> Port<T> optional(String name, PortType<T> type, String description) {
        return new Port<>(name, type, false, description, null, List.of());
    }

    /** Same as {@link #required}; reads better for outputs. */
    public static <T> Port<T> output(String name, PortType<T> type, String description) {
        return new Port<>(name, type, true, description, null, List.of());
    }

    /** This port measuring {@code quantity} in one of {@code units} (the first is the usual one). */
    public Port<T> of(String quantity, PhysicalUnit... units) {
        return new Port<>(
                name, type, required, description, Objects.requireNonNull(quantity, "quantity"), Arrays.asList(units));
    }

    /** This port in one of {@code units}, any quantity. */
    public Port<T> in(PhysicalUnit... units) {
        return new Port<>(name, type, required, description, quantity, Arrays.asList(units));
    }

    /** True if a value in {@code unit} may pass this port. */
    public boolean acceptsUnit(PhysicalUnit unit) {
        return units.isEmpty() || units.contains(unit);
    }

    /** The unit of a value carried by a port, if it has one (volumes and scalars). */
    public static Optional<PhysicalUnit> unitOf(Object value) {
        if (value instanceof Volume<?> v) {
            return Optional.of(v.unit());
        } else if (value instanceof Scalar s) {
            return Optional.of(s.unit());
        }
        return Optional.empty();
    }

    /** Quantity and units as people write them, e.g. {@code "field in ppm or Hz"}; empty if neither is declared. */
    public String unitText() {
        String u = units.stream()
                .map(x -> x == PhysicalUnit.DIMENSIONLESS ? "no unit" : x.symbol())
                .collect(Collectors.joining(" or "));
        if (quantity == null) {
            return u.isEmpty() ? "" : u.equals("no unit") ? u : "in " + u;
        }
        return u.isEmpty() ? quantity : u.equals("no unit") ? quantity + ", no unit" : quantity + " in " + u;
    }

    /**
     * Why an output port {@code from} may not feed an input port {@code to}, beyond the port types: different
     * quantities, or no unit in common. Empty if they fit (or either side leaves it open).
     */
    public static Optional<String> mismatch(Port<?> from, Port<?> to) {
        if (from.quantity != null && to.quantity != null && !from.quantity.equals(to.quantity)) {
            return Optional.of("gives " + from.unitText() + " but takes " + to.unitText());
        }
        if (!from.units.isEmpty() && !to.units.isEmpty() && from.units.stream().noneMatch(to.units::contains)) {
            return Optional.of("gives " + from.unitText() + " but takes " + to.unitText());
        }
        return Optional.empty();
    }
}
