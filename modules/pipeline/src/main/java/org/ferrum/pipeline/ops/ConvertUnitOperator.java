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

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.PhysicalUnit.Quantity;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * The explicit unit conversion the validator asks for when an edge joins ports of different units (the editor inserts it
 * on request, never silently).
 *
 * <p>Contract: {@code out(x) = v(x) · k} in unit {@code unit}, where {@code k} is {@link PhysicalUnit#convert} between
 * two units of one quantity (ms ↔ s, ppb ↔ ppm, rad ↔ deg, ...), or, between a relative shift (ppm, ppb) and a frequency
 * (Hz, rad/s), the proton resonance {@link FieldUnits}: Δf = γ̄ · B0 · δ, with B0 from parameter {@code b0} if set (&gt; 0),
 * else from the multi-echo GRE series on input {@code gre}. Any other pair, or a field conversion without a field
 * strength, is bad input naming the units. NaN stays NaN; dimensions and geometry are the input's.
 */
@ServiceProvider(service = Operator.class)
public final class ConvertUnitOperator implements Operator {

    public static final String ID = "math.convert-unit";

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The values to convert");
    public static final Port<MultiEchoGre> GRE = Port.optional(
            "gre", PortTypes.MULTI_ECHO_GRE, "Gives the field strength for ppm ↔ Hz when 'b0' is not set");
    public static final Parameter<String> UNIT = Parameter.choice(
            "unit",
            PhysicalUnit.PPM.symbol(),
            Arrays.stream(PhysicalUnit.values()).map(PhysicalUnit::symbol).toList(),
            "The unit to convert to");
    public static final Parameter<Double> B0 = Parameter.number(
            "b0", 0, 0.0, null, PhysicalUnit.TESLA, "Main field strength for ppm ↔ Hz; 0 = from input 'gre'");
    public static final Port<Volume<FloatType>> CONVERTED =
            Port.output("volume", PortTypes.VOLUME, "The same values in 'unit', same grid");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Convert unit")
            .category(Categories.MATH)
            .description(
                    "Converts a volume to another unit of the same quantity, or a field between ppm and Hz given the"
                            + " field strength (parameter 'b0' or the GRE series on input 'gre').")
            .inputs(List.of(VOLUME, GRE))
            .parameters(List.of(UNIT, B0))
            .output(CONVERTED)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        PhysicalUnit from = volume.unit();
        PhysicalUnit to = PhysicalUnit.parse(context.get(UNIT));
        double k = factor(from, to, () -> fieldStrength(context, from, to));
        context.log("converted " + from.symbol() + " → " + to.symbol() + " (× " + k + ")");
        context.output(
                CONVERTED, VoxelLoop.map(Stage.whole(context, "converting to " + to.symbol()), volume, to, v -> v * k));
    }

    /** Source of the field strength in T, asked only for a ppm ↔ Hz conversion. */
    interface FieldStrength {
        double tesla() throws OperatorException;
    }

    /** The factor that takes values in {@code from} to {@code to} (see the class comment). */
    static double factor(PhysicalUnit from, PhysicalUnit to, FieldStrength b0) throws OperatorException {
        if (from.quantity() == to.quantity()) {
            return from.convert(1, to);
        }
        if (from.quantity() == Quantity.RELATIVE && to.quantity() == Quantity.FREQUENCY) {
            return from.convert(1, PhysicalUnit.PPM)
                    * FieldUnits.ppmToHertz(1, b0.tesla())
                    * PhysicalUnit.HERTZ.convert(1, to);
        }
        if (from.quantity() == Quantity.FREQUENCY && to.quantity() == Quantity.RELATIVE) {
            return from.convert(1, PhysicalUnit.HERTZ)
                    * FieldUnits.hertzToPpm(1, b0.tesla())
                    * PhysicalUnit.PPM.convert(1, to);
        }
        throw OperatorException.badInput("input 'volume' is in " + from.symbol() + ", which cannot be converted to "
                + to.symbol() + " (parameter 'unit'): units of one quantity convert, and a field between ppm and Hz");
    }

    private static double fieldStrength(OperatorContext context, PhysicalUnit from, PhysicalUnit to)
            throws OperatorException {
        double b0 = context.get(B0);
        if (b0 > 0) {
            return b0;
        }
        Optional<MultiEchoGre> gre = context.optionalInput(GRE);
        if (gre.isEmpty()) {
            throw OperatorException.badInput("converting " + from.symbol() + " to " + to.symbol()
                    + " needs the field strength:" + " set parameter 'b0' (T) or connect input 'gre'");
        }
        return gre.get().acquisition().fieldStrengthTesla();
    }
}
