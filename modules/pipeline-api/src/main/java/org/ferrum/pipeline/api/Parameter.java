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

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.ferrum.core.PhysicalUnit;

/**
 * A parameter of an operator, declared once: the parameter sheet, the validator, the headless
 * {@code --list-operators} and the docs all read it from here.
 *
 * <p>Value contract by {@link Type}: {@code DOUBLE} → {@code Double} (finite, within
 * [{@code min}, {@code max}] where given, in {@code unit}); {@code INTEGER} → {@code Long} (within the
 * range); {@code BOOLEAN} → {@code Boolean}; {@code STRING} and {@code PATH} → {@code String};
 * {@code CHOICE} → one of {@code choices}. {@link #coerce} turns JSON-like values (any
 * {@code Number}, numeric strings) into that form or explains why it cannot.
 *
 * @param name         identifier in pipeline files; letters, digits, '_' and '-'
 * @param type         value type
 * @param defaultValue value used when a node does not set it (null: the node must set it)
 * @param min          inclusive lower bound for numbers, or null
 * @param max          inclusive upper bound for numbers, or null
 * @param unit         unit of a number (null for pure counts, flags and text)
 * @param description  one line for the parameter sheet and the docs
 * @param choices      allowed values of a {@code CHOICE}, empty otherwise
 * @param <T>          the Java form of the value ({@link Type#javaType()}): an operator declares a parameter once
 *                     as a typed constant and reads it with {@link OperatorContext#get(Parameter)}, no cast, no
 *                     string name at the read
 */
public record Parameter<T>(
        String name,
        Type type,
        T defaultValue,
        Double min,
        Double max,
        PhysicalUnit unit,
        String description,
        List<String> choices) {

    /** Value types of parameters, each with the Java class its values have. */
    public enum Type {
        DOUBLE(Double.class),
        INTEGER(Long.class),
        BOOLEAN(Boolean.class),
        STRING(String.class),
        CHOICE(String.class),
        PATH(String.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** The class of this type's values. */
        public Class<?> javaType() {
            return javaType;
        }
    }

    @SuppressWarnings("unchecked")
    public Parameter {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "parameter name must start with a letter and hold letters, digits, '_' or '-': " + name);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' needs choices");
        }
        if (defaultValue != null) {
            Parameter<T> probe = new Parameter<>(name, type, null, min, max, unit, description, choices);
            defaultValue = probe.coerce(defaultValue);
        }
    }

    /** A real number in {@code unit} within [{@code min}, {@code max}] (either bound may be null). */
    public static Parameter<Double> number(
            String name, double defaultValue, Double min, Double max, PhysicalUnit unit, String description) {
        return new Parameter<>(name, Type.DOUBLE, defaultValue, min, max, unit, description, List.of());
    }

    /** A real number that a node must set (no default). */
    public static Parameter<Double> requiredNumber(
            String name, Double min, Double max, PhysicalUnit unit, String description) {
        return new Parameter<>(name, Type.DOUBLE, null, min, max, unit, description, List.of());
    }

    /** A whole number (a count: no unit) within [{@code min}, {@code max}]. */
    public static Parameter<Long> integer(String name, long defaultValue, Long min, Long max, String description) {
        return new Parameter<>(
                name,
                Type.INTEGER,
                defaultValue,
                min == null ? null : min.doubleValue(),
                max == null ? null : max.doubleValue(),
                null,
                description,
                List.of());
    }

    public static Parameter<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Parameter<>(name, Type.BOOLEAN, defaultValue, null, null, null, description, List.of());
    }

    public static Parameter<String> choice(String name, String defaultValue, List<String> choices, String description) {
        return new Parameter<>(name, Type.CHOICE, defaultValue, null, null, null, description, choices);
    }

    public static Parameter<String> text(String name, String defaultValue, String description) {
        return new Parameter<>(name, Type.STRING, defaultValue, null, null, null, description, List.of());
    }

    /**
     * A file or folder path (null default: the node must set it); read it resolved with
     * {@link OperatorContext#path(Parameter)}: relative paths are resolved against the pipeline file's folder.
     */
    public static Parameter<String> path(String name, String defaultValue, String description) {
        return new Parameter<>(name, Type.PATH, defaultValue, null, null, null, description, List.of());
    }

    /** The same parameter with another default (e.g. where one operator of a family wants a different start). */
    public Parameter<T> withDefault(T newDefault) {
        return new Parameter<>(name, type, newDefault, min, max, unit, description, choices);
    }

    /** True if a node must set this parameter (there is no default). */
    public boolean isRequired() {
        return defaultValue == null;
    }

    /**
     * The value in this parameter's Java form.
     *
     * @throws IllegalArgumentException with a user-readable reason (wrong type, out of range, not a choice)
     */
    @SuppressWarnings("unchecked")
    public T coerce(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("parameter '" + name + "' has no value");
        }
        Object value =
                switch (type) {
                    case DOUBLE -> toDouble(raw);
                    case INTEGER -> toLong(raw);
                    case BOOLEAN -> toBoolean(raw);
                    case STRING, PATH -> raw.toString();
                    case CHOICE -> {
                        String s = raw.toString();
                        if (!choices.contains(s)) {
                            throw new IllegalArgumentException(
                                    "parameter '" + name + "' is '" + s + "', expected one of " + choices);
                        }
                        yield s;
                    }
                };
        problem(value).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return (T) value;
    }

    /** Why an already-typed value is not acceptable (range, finiteness), if it is not. */
    public Optional<String> problem(Object value) {
        if (!type.javaType().isInstance(value)) {
            return Optional.of(
                    "parameter '" + name + "' must be " + type.javaType().getSimpleName() + ", got " + value);
        }
        if (type == Type.DOUBLE || type == Type.INTEGER) {
            double v = ((Number) value).doubleValue();
            if (!Double.isFinite(v)) {
                return Optional.of("parameter '" + name + "' must be a finite number, got " + value);
            }
            if ((min != null && v < min) || (max != null && v > max)) {
                return Optional.of("parameter '" + name + "' = " + format(value) + unitSuffix()
                        + " is outside its range " + range());
            }
        }
        return Optional.empty();
    }

    /** Human text of the range, e.g. {@code "[0, 1] ppm"}; empty if unbounded. */
    public String range() {
        if (min == null && max == null) {
            return "";
        }
        return "[" + (min == null ? "-∞" : format(min)) + ", " + (max == null ? "∞" : format(max)) + "]" + unitSuffix();
    }

    private String unitSuffix() {
        return unit == null ? "" : " " + unit.symbol();
    }

    private static String format(Object n) {
        if (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(n);
    }

    private Double toDouble(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.valueOf(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a number, got '" + raw + "'");
        }
    }

    private Long toLong(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue(); // exact, whatever its size
        }
        double d;
        if (raw instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                return Long.valueOf(raw.toString().trim());
            } catch (NumberFormatException notPlain) {
                // e.g. "1e3" or "7.0": read as a double below
            }
            try {
                d = Double.parseDouble(raw.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "parameter '" + name + "' must be a whole number, got '" + raw + "'");
            }
        }
        if (d != Math.rint(d) || Math.abs(d) > 9e15) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, got " + raw);
        }
        return (long) d;
    }

    private Boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be true or false, got '" + raw + "'");
    }
}
