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
package org.ferrum.qsm.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * TFI on the analytic total field of a 0.1 ppm tissue sphere (radius 9 voxels) next to a 3 ppm "air" sphere outside
 * the mask (radius 6, 20 voxels away along B0, whose field at the tissue sphere is up to 30 times the tissue's own):
 * no background removal, the tissue contrast must come out of the total field. Measured when written: Δχ = 0.0950
 * (P = 1) and 0.0938 (P = 3), relative residual 0.022.
 */
class TotalFieldInversionTest {

    private static final VoxelGrid GRID = SpherePhantom.GRID;
    private static final double[] B0 = {0, 0, 1};
    private static final double[] AIR = {32, 32, 12};

    @Test
    void recoversTissueContrastFromTheTotalFieldBesideAStrongOutsideSource() {
        float[] field = SpherePhantom.field(B0);
        SpherePhantom.addField(field, GRID, AIR, 6, 3.0, B0);
        boolean[] mask = SpherePhantom.ball(GRID, SpherePhantom.CENTRE, 24);
        boolean[] air = SpherePhantom.ball(GRID, AIR, 8);
        for (int n = 0; n < mask.length; n++) {
            mask[n] &= !air[n];
        }
        float[] magnitude = new float[GRID.size()];
        java.util.Arrays.fill(magnitude, 1f);
        for (double p : new double[] {1, 3}) {
            TotalFieldInversion tfi =
                    new TotalFieldInversion(new MorphologyEnabledDipoleInversion(2000, 0, 10, 0.01, 200, 0.003), p);
            InversionResult r = tfi.invert(field, mask, magnitude, GRID, B0, Cancellation.NEVER, (i, m, c) -> {});
            double delta = SpherePhantom.recoveredDeltaChi(r.chi(), mask);
            System.out.printf(
                    "TFI (P = %.0f): Δχ %.4f of 0.1 ppm, residual %.4f, %d iterations%n",
                    p, delta, r.relativeResidual(), r.iterations());
            assertEquals(0.1, delta, 0.01, "tissue Δχ from the total field with P = " + p);
            assertEquals(0, r.relativeResidual(), 0.05, "the model explains the total field in the mask");
        }
    }

    @Test
    void refusesANonPositivePreconditioner() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new TotalFieldInversion(MorphologyEnabledDipoleInversion.withLambda(1000), 0));
    }
}
