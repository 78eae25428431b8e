package org.ferrum.pipeline;

import java.util.Objects;

/** Data flows from an output port to an input port. */
public record Edge(PortRef from, PortRef to) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static Edge of(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @Override
    public String toString() {
        return from + " → " + to;
    }
}
