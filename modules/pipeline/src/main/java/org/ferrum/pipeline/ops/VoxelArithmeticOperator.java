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

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * Voxelwise arithmetic on one or two volumes, with honest units.
 *
 * <p>Contract, per voxel, computed in double precision and stored as float:
 * <ul>
 * <li>{@code scale}: {@code a·factor + offset} (only input a; {@code offset} in a's unit, result in
 *     a's unit);</li>
 * <li>{@code add}, {@code subtract}, {@code min}, {@code max}: {@code a + b}, {@code a − b},
 *     {@code min(a, b)}, {@code max(a, b)} with b converted into a's unit (the two must measure the
 *     same quantity);</li>
 * <li>{@code multiply}, {@code divide}: {@code a·b}, {@code a / b} in the unit {@link UnitAlgebra}
 *     gives; division by zero gives NaN (not ±∞), so a later mean is not silently infinite.</li>
 * </ul>
 * NaN in either operand gives NaN ({@code min}/{@code max} included). Two-volume operations need b
 * on a's grid: the same size in every dimension and the same placement within 10⁻³ mm. The result
 * has a's dimensions and geometry. {@code factor} and {@code offset} apply to {@code scale} only.
 */
@ServiceProvider(service = Operator.class)
public final class VoxelArithmeticOperator implements Operator {

    static final String ID = "volume.arithmetic";

    static final List<String> OPERATIONS = List.of("add", "subtract", "multiply", "divide", "min", "max", "scale");

    public static final Port<Volume<FloatType>> A = Port.required("a", PortTypes.VOLUME, "First operand");
    public static final Port<Volume<FloatType>> B =
            Port.optional("b", PortTypes.VOLUME, "Second operand on a's grid (all operations but 'scale')");
    public static final Parameter<String> OPERATION = Parameter.choice(
            "operation",
            "add",
            OPERATIONS,
            "add, subtract, multiply, divide, min, max (of a and b), or scale (a · factor + offset)");
    public static final Parameter<Double> FACTOR =
            Parameter.number("factor", 1, null, null, null, "Multiplier of 'scale' (a pure number)");
    public static final Parameter<Double> OFFSET =
            Parameter.number("offset", 0, null, null, null, "Added by 'scale' after the multiplication, in a's unit");
    public static final Port<Volume<FloatType>> RESULT =
            Port.output("result", PortTypes.VOLUME, "The result on a's grid");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Voxelwise arithmetic")
            .category(Categories.VOLUME)
            .description(
                    "a + b, a − b, a · b, a / b, min, max of two volumes on one grid, or a · factor + offset; units are"
                            + " checked and carried (e.g. 1 / s from 1 over a time), division by zero gives NaN.")
            .inputs(List.of(A, B))
            .parameters(List.of(OPERATION, FACTOR, OFFSET))
            .output(RESULT)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> a = context.input(A);
        Optional<Volume<FloatType>> b = context.optionalInput(B);
        String operation = context.get(OPERATION);
        Stage stage = Stage.whole(context, operation);
        Volume<FloatType> result;
        if (operation.equals("scale")) {
            if (b.isPresent()) {
                throw OperatorException.badInput("operation 'scale' uses only input 'a', but input 'b' is connected;"
                        + " disconnect 'b' or choose a two-volume operation");
            }
            double factor = context.get(FACTOR);
            double offset = context.get(OFFSET);
            result = VoxelLoop.map(stage, a, a.unit(), v -> v * factor + offset);
        } else {
            Volume<FloatType> second = b.orElseThrow(() -> OperatorException.badInput(
                    "operation '" + operation + "' needs input 'b', which is not connected"));
            SharedGrid.requireSameSize("a", a, "b", second);
            UnitAlgebra units =
                    switch (operation) {
                        case "multiply" -> UnitAlgebra.product(a.unit(), second.unit());
                        case "divide" -> UnitAlgebra.quotient(a.unit(), second.unit());
                        default -> UnitAlgebra.sum(operation, a.unit(), second.unit());
                    };
            DoubleBinaryOperator op = operator(operation);
            double fa = units.fa();
            double fb = units.fb();
            result = VoxelLoop.map(stage, a, second, units.unit(), (x, y) -> op.applyAsDouble(fa * x, fb * y));
            if (units.unit() != a.unit() || fa != 1 || fb != 1) {
                context.log(operation + ": a in " + a.unit().symbol() + ", b in "
                        + second.unit().symbol() + " → result in "
                        + units.unit().symbol());
            }
        }
        context.output(RESULT, result);
    }

    private static DoubleBinaryOperator operator(String operation) {
        return switch (operation) {
            case "add" -> (x, y) -> x + y;
            case "subtract" -> (x, y) -> x - y;
            case "multiply" -> (x, y) -> x * y;
            case "divide" -> (x, y) -> y == 0 ? Double.NaN : x / y;
            case "min" -> Math::min; // NaN if either is NaN
            case "max" -> Math::max;
            default -> throw new IllegalArgumentException("unknown operation '" + operation + "'");
        };
    }
}
