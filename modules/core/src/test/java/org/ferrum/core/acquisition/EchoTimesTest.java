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
package org.ferrum.core.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EchoTimesTest {

    @Test
    void millisecondsAreStoredAsSeconds() {
        EchoTimes te = EchoTimes.ofMilliseconds(2.5, 5, 7.5);
        assertEquals(3, te.count());
        assertArrayEquals(new double[] {0.0025, 0.005, 0.0075}, te.toSeconds(), 1e-15);
        assertEquals(0.005, te.seconds(1), 1e-15);
        assertEquals(te, EchoTimes.ofSeconds(0.0025, 0.005, 0.0075));
    }

    @Test
    void millisecondsPassedAsSecondsAreRejected() {
        // A six-echo liver R2* protocol (TE 1.2 … 7.2 ms) given in ms where seconds are expected.
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EchoTimes.ofSeconds(1.2, 2.4, 3.6, 4.8, 6.0, 7.2));
        assertTrue(e.getMessage().contains("ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EchoTimes.ofSeconds(4, 8, 12, 16, 20));
        assertThrows(IllegalArgumentException.class, () -> EchoTimes.ofSeconds(20));
        // long but plausible echo times (multi-echo spin echo for T2) are accepted
        assertEquals(3, EchoTimes.ofSeconds(0.08, 0.16, 0.32).count());
    }

    @Test
    void echoTimesMustIncreaseStrictly() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EchoTimes.ofSeconds(0.005, 0.005));
        assertTrue(e.getMessage().contains("TE2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EchoTimes.ofSeconds(0.010, 0.005));
        assertThrows(IllegalArgumentException.class, EchoTimes::ofSeconds);
        assertThrows(IllegalArgumentException.class, () -> EchoTimes.ofSeconds(-0.001, 0.005));
        assertThrows(IllegalArgumentException.class, () -> EchoTimes.ofSeconds(0.001, Double.NaN));
    }

    @Test
    void uniformSpacing() {
        EchoTimes uniform = EchoTimes.ofMilliseconds(3, 6.5, 10, 13.5);
        assertTrue(uniform.isUniform(1e-6));
        assertEquals(0.0035, uniform.spacing(), 1e-15);
        EchoTimes uneven = EchoTimes.ofMilliseconds(2, 4, 7);
        assertFalse(uneven.isUniform(0.01));
        assertThrows(IllegalStateException.class, uneven::spacing);
        assertTrue(Double.isNaN(EchoTimes.ofMilliseconds(5).spacing()));
        assertEquals(0.002, EchoTimes.ofMilliseconds(1, 3).spacing(), 1e-15);
    }

    @Test
    void isImmutable() {
        double[] input = {0.001, 0.002};
        EchoTimes te = EchoTimes.ofSeconds(input);
        input[0] = 0.0015;
        te.toSeconds()[1] = 9;
        assertArrayEquals(new double[] {0.001, 0.002}, te.toSeconds(), 0);
    }
}
