package org.ferrum.pipeline.spi;

import java.util.Objects;

/**
 * A named input or output of an operator.
 *
 * @param name        identifier used in edges ({@code node.port}); letters, digits, '_' and '-'
 * @param type        what flows through it
 * @param required    for inputs: whether the node can run without it (outputs are always produced)
 * @param description one line for the parameter sheet and the docs
 */
public record Port(String name, PortType<?> type, boolean required, String description) {
    public Port {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("port name must start with a letter and hold letters, digits, '_' or '-': " + name);
        }
    }

    public static Port required(String name, PortType<?> type, String description) {
        return new Port(name, type, true, description);
    }

    public static Port optional(String name, PortType<?> type, String description) {
        return new Port(name, type, false, description);
    }

    /** Same as {@link #required}; reads better for outputs. */
    public static Port output(String name, PortType<?> type, String description) {
        return new Port(name, type, true, description);
    }
}
