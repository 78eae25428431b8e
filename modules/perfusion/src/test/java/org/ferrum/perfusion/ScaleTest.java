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
package org.ferrum.perfusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/** {@link Scale} on plain arrays: the algorithm is tested without any pipeline. */
class ScaleTest {

    @Test
    void scalesInsideTheMaskAndZeroesOutside() {
        float[] out = Scale.apply(
                new float[] {1, 2, 3, Float.NaN},
                new boolean[] {true, false, true, true},
                new Scale.Params(2),
                Cancellation.NEVER);
        assertArrayEquals(new float[] {2, 0, 6, Float.NaN}, out);
    }

    @Test
    void defaultsLeaveValuesUnchanged() {
        float[] in = {-1.5f, 0, 4};
        assertArrayEquals(in, Scale.apply(in, null, Scale.Params.DEFAULTS, Cancellation.NEVER));
    }

    @Test
    void refusesANonFiniteFactor() {
        assertThrows(IllegalArgumentException.class, () -> new Scale.Params(Double.NaN));
    }
}
