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

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The kind of data that flows through a port, e.g. a real volume, a mask or a table. Modules add their
 * own kinds by creating constants (see {@link PortTypes} for the built-in ones); nothing needs
 * registering.
 *
 * <p>Contract: an output of type {@code A} may feed an input of type {@code B} iff
 * {@code A.isAssignableTo(B)}, i.e. {@code B} is {@code A} or one of its ancestors. A value carried
 * by a port of this type is an instance of {@link #javaType()} that meets the type's constraint, e.g. a
 * real volume holds {@code FloatType} voxels and a complex one {@code ComplexFloatType} (both checked by
 * {@link #accepts}; the executor checks every value before an operator sees it). Two port types are equal
 * iff their ids are equal.
 *
 * @param <T> the Java class of the values
 */
public final class PortType<T> {

    private final String id;
    private final String displayName;
    private final Class<T> javaType;
    private final PortType<? super T> parent;
    private final Predicate<Object> constraint;
    private final String constraintText;

    private PortType(
            String id,
            String displayName,
            Class<T> javaType,
            PortType<? super T> parent,
            Predicate<Object> constraint,
            String constraintText) {
        this.id = Objects.requireNonNull(id, "id");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.parent = parent;
        this.constraint = Objects.requireNonNull(constraint, "constraint");
        this.constraintText = constraintText;
    }

    /** A root port type. */
    public static <T> PortType<T> of(String id, String displayName, Class<T> javaType) {
        return new PortType<>(id, displayName, javaType, null, v -> true, null);
    }

    /**
     * A root port type whose values are instances of {@code rawType} that also meet {@code constraint}; for a
     * parameterised Java type ({@code Volume<FloatType>}) where the class alone cannot tell values apart.
     *
     * @param constraintText what the constraint asks, for messages, e.g. "real (float) voxels"
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> PortType<T> constrained(
            String id,
            String displayName,
            Class<? super T> rawType,
            Predicate<? super T> constraint,
            String constraintText) {
        Predicate<Object> c = v -> rawType.isInstance(v) && ((Predicate) constraint).test(v);
        return new PortType<>(id, displayName, (Class<T>) rawType, null, c, Objects.requireNonNull(constraintText));
    }

    /** A port type that may feed any input of {@code parent} (e.g. a mask is a volume); values meet the parent's constraint. */
    public static <T> PortType<T> refining(
            PortType<? super T> parent, String id, String displayName, Class<T> javaType) {
        Objects.requireNonNull(parent, "parent");
        return new PortType<>(id, displayName, javaType, parent, parent.constraint, parent.constraintText);
    }

    /** Stable identifier used in docs and messages, e.g. {@code "volume"}, {@code "mask"}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Class<T> javaType() {
        return javaType;
    }

    /** True if data of this type may flow into a port of type {@code target}. */
    public boolean isAssignableTo(PortType<?> target) {
        for (PortType<?> t = this; t != null; t = t.parent) {
            if (t.equals(target)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code value} is a valid value of this type. */
    public boolean accepts(Object value) {
        return javaType.isInstance(value) && constraint.test(value);
    }

    /** What a value of this type must be, for messages, e.g. "a Volume with real (float) voxels". */
    public String requirement() {
        return "a " + javaType.getSimpleName() + (constraintText == null ? "" : " with " + constraintText);
    }

    /** Casts a value carried by a port of this type. */
    public T cast(Object value) {
        return javaType.cast(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortType<?> p && p.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
