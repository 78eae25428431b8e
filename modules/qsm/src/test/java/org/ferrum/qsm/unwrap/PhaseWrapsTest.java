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
