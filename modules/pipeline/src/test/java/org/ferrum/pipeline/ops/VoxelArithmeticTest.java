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

import static org.ferrum.pipeline.ops.TestVolumes.of;
import static org.ferrum.pipeline.ops.TestVolumes.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

class VoxelArithmeticTest {

    private static final long[] DIMS = {2, 2, 1};
    private static final float NAN = Float.NaN;

    @SuppressWarnings("unchecked")
    private static Volume<FloatType> run(String operation, Volume<FloatType> a, Volume<FloatType> b)
            throws OperatorException {
        OperatorHarness c =
                OperatorHarness.of(new VoxelArithmeticOperator()).input("a", a).set("operation", operation);
        if (b != null) {
            c.input("b", b);
        }
        Volume<FloatType> r = c.run().output("result", PortTypes.VOLUME);
        assertEquals(a.geometry(), r.geometry());
        assertArrayEquals(a.dimensions(), r.dimensions());
        return r;
    }

    private static void assertResult(float[] expected, PhysicalUnit unit, Volume<FloatType> result) {
        assertEquals(unit, result.unit());
        assertArrayEquals(expected, values(result), 1e-6f);
    }

    @Test
    void addAndSubtractConvertBIntoTheUnitOfA() throws OperatorException {
        Volume<FloatType> a = of(DIMS, PhysicalUnit.SECOND, 1, 2, 3, 4);
        Volume<FloatType> b = of(DIMS, PhysicalUnit.MILLISECOND, 500, 1000, 0, 250);
        assertResult(new float[] {1.5f, 3, 3, 4.25f}, PhysicalUnit.SECOND, run("add", a, b));
        assertResult(new float[] {0.5f, 1, 3, 3.75f}, PhysicalUnit.SECOND, run("subtract", a, b));
    }

    @Test
    void minAndMaxKeepNaN() throws OperatorException {
        Volume<FloatType> a = of(DIMS, PhysicalUnit.PPM, 1, NAN, -3, 4);
        Volume<FloatType> b = of(DIMS, PhysicalUnit.PPB, 2000, 5, -4000, NAN);
        assertResult(new float[] {1, NAN, -4, NAN}, PhysicalUnit.PPM, run("min", a, b));
        assertResult(new float[] {2, NAN, -3, NAN}, PhysicalUnit.PPM, run("max", a, b));
    }

    @Test
    void dimensionlessFactorKeepsTheOtherUnitAndPercentIsAPureNumber() throws OperatorException {
        Volume<FloatType> chi = of(DIMS, PhysicalUnit.PPM, 2, -4, 0, 1);
        Volume<FloatType> percent = of(DIMS, PhysicalUnit.PERCENT, 50, 25, 10, 200);
        assertResult(new float[] {1, -1, 0, 2}, PhysicalUnit.PPM, run("multiply", chi, percent));
        assertResult(new float[] {1, -1, 0, 2}, PhysicalUnit.PPM, run("multiply", percent, chi));
        assertResult(new float[] {4, -16, 0, 0.5f}, PhysicalUnit.PPM, run("divide", chi, percent));
    }

    @Test
    void timeTimesRateIsDimensionless() throws OperatorException {
        Volume<FloatType> te = of(DIMS, PhysicalUnit.MILLISECOND, 10, 20, 5, 0);
        Volume<FloatType> r2star = of(DIMS, PhysicalUnit.PER_SECOND, 50, 50, 100, 30);
        assertResult(new float[] {0.5f, 1, 0.5f, 0}, PhysicalUnit.DIMENSIONLESS, run("multiply", te, r2star));
    }

    @Test
    void oneOverATimeIsARateAndOneOverARateATime() throws OperatorException {
        Volume<FloatType> one = of(DIMS, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 0);
        Volume<FloatType> t2star = of(DIMS, PhysicalUnit.MILLISECOND, 20, 40, 0, 0);
        assertResult(new float[] {50, 25, NAN, NAN}, PhysicalUnit.PER_SECOND, run("divide", one, t2star));
        Volume<FloatType> r2star = of(DIMS, PhysicalUnit.PER_SECOND, 50, 25, 0, 10);
        assertResult(new float[] {0.02f, 0.04f, NAN, 0}, PhysicalUnit.SECOND, run("divide", one, r2star));
    }

    @Test
    void ratioOfOneQuantityIsDimensionlessAndDivisionByZeroIsNaN() throws OperatorException {
        Volume<FloatType> a = of(DIMS, PhysicalUnit.MILLISECOND, 500, 0, 3, -2);
        Volume<FloatType> b = of(DIMS, PhysicalUnit.SECOND, 1, 0, 0, 4);
        assertResult(new float[] {0.5f, NAN, NAN, -0.0005f}, PhysicalUnit.DIMENSIONLESS, run("divide", a, b));
    }

    @Test
    void scaleIsAffineInTheUnitOfA() throws OperatorException {
        Volume<FloatType> a = of(DIMS, PhysicalUnit.HERTZ, 1, 2, NAN, -1);
        @SuppressWarnings("unchecked")
        Volume<FloatType> r = OperatorHarness.of(new VoxelArithmeticOperator())
                .input("a", a)
                .set("operation", "scale")
                .set("factor", 2.5)
                .set("offset", -1)
                .run()
                .output("result", PortTypes.VOLUME);
        assertResult(new float[] {1.5f, 4, NAN, -3.5f}, PhysicalUnit.HERTZ, r);
    }

    @Test
    void fourDimensionalAndCellImagesWork() throws OperatorException {
        float[] x = new float[3 * 3 * 3 * 2];
        float[] y = new float[x.length];
        float[] sum = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 100 - 2 * i;
            sum[i] = 100 - i;
        }
        long[] dims = {3, 3, 3, 2};
        Volume<FloatType> a = TestVolumes.onCells(of(dims, PhysicalUnit.RADIAN, x));
        Volume<FloatType> b = of(dims, PhysicalUnit.RADIAN, y);
        assertResult(sum, PhysicalUnit.RADIAN, run("add", a, b));
    }

    @Test
    void unitsWithoutAProductUnitAreRefused() {
        Volume<FloatType> chi = of(DIMS, PhysicalUnit.PPM, 1, 2, 3, 4);
        Volume<FloatType> r2star = of(DIMS, PhysicalUnit.PER_SECOND, 1, 2, 3, 4);
        OperatorException e = assertThrows(OperatorException.class, () -> run("multiply", chi, r2star));
        assertTrue(e.isBadInput());
        assertEquals(
                "cannot multiply ppm by 1/s: one factor must be dimensionless, or a time times a rate"
                        + " (input 'a' is in ppm, 'b' in 1/s)",
                e.getMessage());
        e = assertThrows(OperatorException.class, () -> run("divide", chi, r2star));
        assertTrue(e.getMessage().startsWith("cannot divide ppm by 1/s: "), e.getMessage());
        Volume<FloatType> mag = of(DIMS, PhysicalUnit.ARBITRARY, 1, 2, 3, 4);
        e = assertThrows(OperatorException.class, () -> run("multiply", mag, mag));
        assertTrue(e.getMessage().startsWith("cannot multiply a.u. by a.u.: "), e.getMessage());
    }

    @Test
    void sumsOfDifferentQuantitiesAreRefused() {
        Volume<FloatType> chi = of(DIMS, PhysicalUnit.PPM, 1, 2, 3, 4);
        Volume<FloatType> r2star = of(DIMS, PhysicalUnit.PER_SECOND, 1, 2, 3, 4);
        OperatorException e = assertThrows(OperatorException.class, () -> run("add", chi, r2star));
        assertEquals(
                "cannot add 1/s to ppm: both must measure the same quantity, but ppm measures relative and 1/s rate"
                        + " (input 'a' is in ppm, 'b' in 1/s)",
                e.getMessage());
        e = assertThrows(OperatorException.class, () -> run("max", chi, r2star));
        assertTrue(e.getMessage().startsWith("cannot take the max of ppm and 1/s: "), e.getMessage());
    }

    @Test
    void differentGridsAreRefusedNamingBothSizes() {
        Volume<FloatType> a = of(DIMS, PhysicalUnit.PPM, 1, 2, 3, 4);
        Volume<FloatType> b = of(new long[] {2, 1, 2}, PhysicalUnit.PPM, 1, 2, 3, 4);
        OperatorException e = assertThrows(OperatorException.class, () -> run("add", a, b));
        assertTrue(e.isBadInput());
        assertEquals("inputs 'a' and 'b' differ in size: 2×2×1 vs 2×1×2", e.getMessage());
        Volume<FloatType> shifted = a.withGeometry(Geometry.axisAligned(1, 2, 3.01));
        e = assertThrows(OperatorException.class, () -> run("add", a, shifted));
        assertTrue(
                e.getMessage().startsWith("inputs 'a' and 'b' have the same size but lie differently in the patient"),
                e.getMessage());
        Volume<FloatType> nearlyTheSame = a.withGeometry(Geometry.axisAligned(1, 2, 3.0005));
        assertEquals(
                PhysicalUnit.PPM,
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> run("add", a, nearlyTheSame))
                        .unit());
    }

    @Test
    void operationAndConnectedInputsMustAgree() {
        Volume<FloatType> a = of(DIMS, PhysicalUnit.PPM, 1, 2, 3, 4);
        OperatorException e = assertThrows(OperatorException.class, () -> run("add", a, null));
        assertEquals("operation 'add' needs input 'b', which is not connected", e.getMessage());
        e = assertThrows(OperatorException.class, () -> run("scale", a, a));
        assertTrue(
                e.getMessage().startsWith("operation 'scale' uses only input 'a', but input 'b' is connected"),
                e.getMessage());
    }
}
