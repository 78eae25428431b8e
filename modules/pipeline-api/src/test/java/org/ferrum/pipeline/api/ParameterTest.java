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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.ferrum.core.PhysicalUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterTest {

    private static final Parameter<Double> THRESHOLD =
            Parameter.number("threshold", 0.5, 0.0, 1.0, PhysicalUnit.PPM, "threshold");
    private static final Parameter ITERATIONS = Parameter.integer("iterations", 10, 1L, 100L, "iterations");
    private static final Parameter<Double> ANY_DOUBLE = Parameter.number("x", 0, null, null, null, "unbounded");
    private static final Parameter ANY_LONG = Parameter.integer("n", 0, null, null, "unbounded");
    private static final Parameter FLAG = Parameter.flag("on", true, "flag");
    private static final Parameter TEXT = Parameter.text("label", "", "text");
    private static final Parameter PATH = Parameter.path("file", null, "a file");
    private static final Parameter METHOD = Parameter.choice("method", "fast", List.of("fast", "exact"), "method");

    private static String refusal(Parameter p, Object raw) {
        return assertThrows(IllegalArgumentException.class, () -> p.coerce(raw)).getMessage();
    }

    // ---- DOUBLE ----

    @Test
    void doubleFromEveryJsonLikeForm() {
        assertEquals(3.0, ANY_DOUBLE.coerce(3));
        assertEquals(4.0, ANY_DOUBLE.coerce(4L));
        assertEquals(0.25, ANY_DOUBLE.coerce(0.25));
        assertEquals(0.25, ANY_DOUBLE.coerce(0.25f));
        assertEquals(-2.5, ANY_DOUBLE.coerce("-2.5"));
        assertEquals(0.001, ANY_DOUBLE.coerce(" 1e-3 "));
        assertInstanceOf(Double.class, ANY_DOUBLE.coerce(3));
        assertInstanceOf(Double.class, ANY_DOUBLE.coerce("7"));
    }

    @Test
    void doubleRefusesText() {
        assertTrue(refusal(ANY_DOUBLE, "abc").contains("parameter 'x' must be a number, got 'abc'"));
        assertTrue(refusal(ANY_DOUBLE, "").contains("must be a number"));
        assertTrue(refusal(ANY_DOUBLE, "1,5").contains("must be a number"));
        assertTrue(refusal(ANY_DOUBLE, true).contains("must be a number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void doubleRefusesNonFiniteNumbers(String text) {
        assertTrue(refusal(ANY_DOUBLE, text).contains("finite"));
        assertTrue(refusal(ANY_DOUBLE, Double.valueOf(text)).contains("finite"));
        assertTrue(refusal(THRESHOLD, Double.valueOf(text)).contains("finite"));
    }

    @Test
    void rangeBoundsAreInclusive() {
        assertEquals(0.0, THRESHOLD.coerce(0));
        assertEquals(1.0, THRESHOLD.coerce(1.0));
        assertEquals(1.0, THRESHOLD.coerce("1"));
        String below = refusal(THRESHOLD, -1e-12);
        assertTrue(below.contains("parameter 'threshold'") && below.contains("outside its range [0, 1] ppm"), below);
        String above = refusal(THRESHOLD, Math.nextUp(1.0));
        assertTrue(above.contains("outside its range [0, 1] ppm"), above);
        assertEquals(Optional.empty(), THRESHOLD.problem(0.5));
        assertTrue(THRESHOLD.problem(2.0).orElseThrow().contains("= 2 ppm is outside"));
    }

    @Test
    void rangeText() {
        assertEquals("[0, 1] ppm", THRESHOLD.range());
        assertEquals("[1, 100]", ITERATIONS.range());
        assertEquals("", ANY_DOUBLE.range());
        assertEquals("[0, ∞]", Parameter.number("a", 1, 0.0, null, null, "").range());
        assertEquals(
                "[-∞, 2.5] Hz",
                Parameter.number("a", 1, null, 2.5, PhysicalUnit.HERTZ, "").range());
        assertEquals(Optional.empty(), ANY_DOUBLE.problem(-1e300));
    }

    // ---- INTEGER ----

    @Test
    void integerFromEveryJsonLikeForm() {
        assertEquals(3L, ANY_LONG.coerce(3));
        assertEquals(5L, ANY_LONG.coerce(5L));
        assertEquals(7L, ANY_LONG.coerce(7.0));
        assertEquals(8L, ANY_LONG.coerce("8"));
        assertEquals(8L, ANY_LONG.coerce(" 8.0 "));
        assertEquals(1000L, ANY_LONG.coerce("1e3"));
        assertEquals(-4L, ANY_LONG.coerce("-4"));
        assertInstanceOf(Long.class, ANY_LONG.coerce(3));
    }

    @Test
    void integerKeepsLargeLongsExact() {
        assertEquals(Long.MAX_VALUE, ANY_LONG.coerce(Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, ANY_LONG.coerce(Long.MIN_VALUE));
        assertEquals(9_007_199_254_740_993L, ANY_LONG.coerce(9_007_199_254_740_993L)); // 2^53 + 1: not a double
        assertEquals(9_007_199_254_740_993L, ANY_LONG.coerce("9007199254740993"));
        assertTrue(refusal(ITERATIONS, Long.MAX_VALUE).contains("outside its range [1, 100]"));
    }

    @Test
    void integerRefusesFractionsTextAndNonFiniteNumbers() {
        assertTrue(refusal(ANY_LONG, 2.5).contains("parameter 'n' must be a whole number, got 2.5"));
        assertTrue(refusal(ANY_LONG, "2.5").contains("must be a whole number"));
        assertTrue(refusal(ANY_LONG, "ten").contains("must be a whole number, got 'ten'"));
        assertTrue(refusal(ANY_LONG, Double.NaN).contains("whole number"));
        assertTrue(refusal(ANY_LONG, Double.POSITIVE_INFINITY).contains("whole number"));
        assertTrue(refusal(ANY_LONG, "-Infinity").contains("whole number"));
    }

    @Test
    void integerRange() {
        assertEquals(1L, ITERATIONS.coerce(1));
        assertEquals(100L, ITERATIONS.coerce("100"));
        assertTrue(refusal(ITERATIONS, 0).contains("parameter 'iterations' = 0 is outside its range [1, 100]"));
        assertTrue(refusal(ITERATIONS, 101L).contains("outside"));
    }

    // ---- BOOLEAN, STRING, PATH, CHOICE ----

    @Test
    void booleans() {
        assertEquals(true, FLAG.coerce(true));
        assertEquals(false, FLAG.coerce(false));
        assertEquals(true, FLAG.coerce("TRUE"));
        assertEquals(false, FLAG.coerce(" false "));
        assertTrue(refusal(FLAG, "yes").contains("parameter 'on' must be true or false, got 'yes'"));
        assertTrue(refusal(FLAG, 1L).contains("true or false"));
        assertTrue(refusal(FLAG, "").contains("true or false"));
    }

    @Test
    void textAndPathsTakeAnyValueAsText() {
        assertEquals("run 1", TEXT.coerce("run 1"));
        assertEquals("", TEXT.coerce(""));
        assertEquals("5", TEXT.coerce(5L));
        assertEquals("true", TEXT.coerce(true));
        assertEquals("../gre/echo1.nii.gz", PATH.coerce("../gre/echo1.nii.gz"));
        assertInstanceOf(String.class, PATH.coerce(2.5));
    }

    @Test
    void choices() {
        assertEquals("exact", METHOD.coerce("exact"));
        String m = refusal(METHOD, "slow");
        assertTrue(m.contains("parameter 'method' is 'slow', expected one of [fast, exact]"), m);
        assertTrue(refusal(METHOD, "FAST").contains("expected one of"), "choices are case-sensitive");
        assertTrue(refusal(METHOD, "").contains("expected one of"));
        assertEquals(List.of("fast", "exact"), METHOD.choices());
        assertEquals(List.of(), THRESHOLD.choices());
    }

    @Test
    void choiceNeedsChoicesAndADefaultAmongThem() {
        assertThrows(IllegalArgumentException.class, () -> Parameter.choice("m", "a", List.of(), ""));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Parameter("m", Parameter.Type.CHOICE, null, null, null, null, "", null));
        String m = assertThrows(IllegalArgumentException.class, () -> Parameter.choice("m", "c", List.of("a", "b"), ""))
                .getMessage();
        assertTrue(m.contains("'c'"), m);
        assertTrue(Parameter.choice("m", null, List.of("a"), "").isRequired());
    }

    @Test
    void nullIsNoValue() {
        for (Parameter p : List.of(THRESHOLD, ITERATIONS, FLAG, TEXT, PATH, METHOD)) {
            String m = refusal(p, null);
            assertTrue(m.contains("'" + p.name() + "' has no value"), m);
        }
    }

    // ---- defaults ----

    @Test
    void requiredVersusDefault() {
        assertTrue(PATH.isRequired());
        assertTrue(Parameter.text("t", null, "").isRequired());
        assertFalse(TEXT.isRequired());
        assertFalse(THRESHOLD.isRequired());
        assertFalse(FLAG.isRequired());
        assertFalse(METHOD.isRequired());
    }

    @Test
    void defaultsAreStoredInTheDeclaredJavaForm() {
        assertEquals(0.5, THRESHOLD.defaultValue());
        assertEquals(10L, ITERATIONS.defaultValue());
        assertInstanceOf(Long.class, ITERATIONS.defaultValue());
        assertEquals(2.0, new Parameter("d", Parameter.Type.DOUBLE, 2, null, null, null, "", null).defaultValue());
        assertEquals(
                true, new Parameter("b", Parameter.Type.BOOLEAN, "true", null, null, null, "", null).defaultValue());
    }

    @Test
    void defaultsMustBeValid() {
        assertThrows(IllegalArgumentException.class, () -> Parameter.number("t", 2, 0.0, 1.0, null, ""));
        assertThrows(IllegalArgumentException.class, () -> Parameter.number("t", Double.NaN, null, null, null, ""));
        assertThrows(IllegalArgumentException.class, () -> Parameter.integer("n", 0, 1L, 9L, ""));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Parameter("b", Parameter.Type.BOOLEAN, "maybe", null, null, null, "", null));
    }

    // ---- names ----

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "_a", "-a", "a b", "a.b", "a/b", "é"})
    void badNames(String name) {
        String m = assertThrows(IllegalArgumentException.class, () -> Parameter.text(name, "", ""))
                .getMessage();
        assertTrue(m.contains("parameter name"), m);
    }

    @Test
    void nullNameTypeOrDescription() {
        assertThrows(IllegalArgumentException.class, () -> Parameter.text(null, "", ""));
        assertThrows(NullPointerException.class, () -> new Parameter("a", null, null, null, null, null, "", null));
        assertThrows(NullPointerException.class, () -> Parameter.text("a", "", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A", "b0", "echo_time", "te-1", "x_1-Y"})
    void goodNames(String name) {
        assertEquals(name, Parameter.text(name, "", "").name());
    }
}
