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
package org.ferrum.qsm.unwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class PhaseWrapsTest {

    @Test
    void tableSineAndCosineAgreeWithTheLibraryToFloatPrecision() {
        Random r = new Random(3);
        float[] phase = new float[200_000];
        for (int i = 0; i < phase.length; i++) {
            phase[i] = (float) ((r.nextDouble() - 0.5) * (i % 2 == 0 ? 2 * Math.PI : 80)); // wrapped and unwrapped
        }
        phase[0] = (float) Math.PI;
        phase[1] = (float) -Math.PI;
        phase[2] = 0;
        float[] sin = new float[phase.length], cos = new float[phase.length];
        PhaseWraps.sinCos(phase, sin, cos, Cancellation.NEVER);
        double worst = 0;
        for (int i = 0; i < phase.length; i++) {
            worst = Math.max(worst, Math.abs(sin[i] - Math.sin(phase[i])));
            worst = Math.max(worst, Math.abs(cos[i] - Math.cos(phase[i])));
        }
        assertEquals(0, worst, 5e-7, "largest error");
    }
}
