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
package org.ferrum.liver.ops;

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;

/**
 * A 3-D parameter map on an input port, read as one array in a stated unit: the liver operators take R2*, χ, PDFF,
 * field and LIC maps, and a map in the wrong quantity (a T2* map on an R2* port, a field in Hz on a χ port) must be
 * refused with a message naming the port rather than turned into nonsense iron values.
 *
 * @param port   the input port it came from
 * @param volume the volume as read (its geometry and unit)
 * @param values the voxel values in {@code unit}, x fastest
 * @param unit   the unit of {@code values}
 */
record MapInput(String port, Volume<FloatType> volume, float[] values, PhysicalUnit unit) {

    /**
     * A map input port measuring {@code quantity}. Its units are left open on purpose: this class converts a map in
     * another unit of the same quantity (ppb → ppm), takes a unit-less map to be in the expected unit, and refuses the
     * rest with a hint (a T2* map on an R2* port), which a unit list on the port would pre-empt with a bare refusal.
     */
    static Port<Volume<FloatType>> port(String name, boolean required, String quantity, String description) {
        Port<Volume<FloatType>> p = required
                ? Port.required(name, PortTypes.VOLUME, description)
                : Port.optional(name, PortTypes.VOLUME, description);
        return p.of(quantity);
    }

    /** The map on a required port, converted to {@code unit} (a map with no unit, "1", is taken to be in it). */
    static MapInput required(OperatorContext context, Port<Volume<FloatType>> port, PhysicalUnit unit)
            throws OperatorException {
        return of(context, port.name(), context.input(port), unit);
    }

    /** As {@link #required}, empty if the port is not connected; {@code unit} null keeps the map's own unit. */
    static Optional<MapInput> optional(OperatorContext context, Port<Volume<FloatType>> port, PhysicalUnit unit)
            throws OperatorException {
        Optional<Volume<FloatType>> v = context.optionalInput(port);
        return v.isEmpty() ? Optional.empty() : Optional.of(of(context, port.name(), v.get(), unit));
    }

    private static MapInput of(OperatorContext context, String port, Volume<FloatType> v, PhysicalUnit unit)
            throws OperatorException {
        if (v.frames() != 1) {
            throw OperatorException.badInput("input '" + port + "' has " + v.frames() + " frames (" + SharedGrid.size(v)
                    + "); this operator takes one 3-D map");
        }
        float[] values = VolumeArrays.frame(v, 0);
        PhysicalUnit own = v.unit();
        if (unit == null || own == unit) {
            return new MapInput(port, v, values, own);
        }
        if (own == PhysicalUnit.DIMENSIONLESS) {
            context.warn("input '" + port + "' carries no unit; taken to be in " + unit.symbol());
            return new MapInput(port, v, values, unit);
        }
        if (own.quantity() != unit.quantity()) {
            String hint = own == PhysicalUnit.MILLISECOND && unit == PhysicalUnit.PER_SECOND
                    ? " (a T2* map? R2* [1/s] = 1000 / T2* [ms])"
                    : own == PhysicalUnit.ARBITRARY
                            ? "; if the file holds " + unit.symbol() + ", set unit=" + unit.symbol()
                                    + " on the io.read.volume node that reads it"
                            : "";
            throw OperatorException.badInput(
                    "input '" + port + "' is in " + own.symbol() + " but must be in " + unit.symbol() + hint);
        }
        double factor = own.factor() / unit.factor();
        for (int n = 0; n < values.length; n++) {
            values[n] = (float) (values[n] * factor);
        }
        context.log("input '" + port + "' converted from " + own.symbol() + " to " + unit.symbol());
        return new MapInput(port, v, values, unit);
    }
}
