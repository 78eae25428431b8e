package org.ferrum.pipeline.api;

import java.util.Objects;
import org.ferrum.core.PhysicalUnit;

/** One number in a physical unit, the value of a {@link PortTypes#SCALAR} port. */
public record Scalar(double value, PhysicalUnit unit) {
    public Scalar {
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String toString() {
        return value + " " + unit.symbol();
    }
}
