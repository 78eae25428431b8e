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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MEDI on the analytic field of a 0.1 ppm sphere (radius 9 voxels, 64³, mask = ball of radius 24), magnitude 0.5
 * inside the sphere and 1 outside. Measured when written: λ = 500 / 2000 (default) / 8000 gives Δχ = 0.0990 /
 * 0.0994 / 0.0981 with ‖M(Dχ − δ)‖/‖Mδ‖ = 0.185 / 0.165 / 0.138, 2 outer iterations each, 2–5 s.
 */
class MorphologyEnabledDipoleInversionTest {

    private static final double[] B0 = {0, 0, 1};
    private static final float[] FIELD = SpherePhantom.field(B0);
    private static final boolean[] BALL = SpherePhantom.ball(SpherePhantom.GRID, SpherePhantom.CENTRE, 24);
    private static final boolean[] SPHERE =
            SpherePhantom.ball(SpherePhantom.GRID, SpherePhantom.CENTRE, SpherePhantom.RADIUS);
    private static InversionResult result;
    private static final List<Double> CHANGES = new ArrayList<>();

    @BeforeAll
    static void invert() {
        float[] magnitude = new float[FIELD.length];
        for (int n = 0; n < magnitude.length; n++) {
            magnitude[n] = SPHERE[n] ? 0.5f : 1f;
        }
        result = MorphologyEnabledDipoleInversion.withLambda(MorphologyEnabledDipoleInversion.Params.DEFAULTS.lambda())
                .invert(
                        FIELD,
                        BALL,
                        magnitude,
                        SpherePhantom.GRID,
                        B0,
                        Cancellation.NEVER,
                        (it, max, change) -> CHANGES.add(change));
    }

    @Test
    void recoversTheSphereWithinTenPercent() {
        assertEquals(0.1, SpherePhantom.recoveredDeltaChi(result.chi(), BALL), 0.01);
        assertEquals(result.iterations(), CHANGES.size());
    }

    @Test
    void explainsTheFieldInsideTheMask() {
        assertTrue(result.relativeResidual() < 0.2, "residual " + result.relativeResidual());
    }

    @Test
    void dataWeightHasMeanOneInTheMaskAndZeroOutside() {
        float[] w = MorphologyEnabledDipoleInversion.dataWeight(
                new float[] {2, 4, 6, 100}, new boolean[] {true, true, true, false});
        assertEquals(0.5, w[0], 1e-6);
        assertEquals(1.0, w[1], 1e-6);
        assertEquals(1.5, w[2], 1e-6);
        assertEquals(0.0, w[3]);
    }

    @Test
    void morphologyMaskMarksTheStrongestMagnitudeEdgesOfTheMask() {
        VoxelGrid g = new VoxelGrid(16, 16, 16, 1, 1, 1);
        boolean[] mask = new boolean[g.size()];
        float[] mag = new float[g.size()];
        for (int k = 0; k < 16; k++) {
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 16; i++) {
                    int n = g.index(i, j, k);
                    mask[n] = true;
                    mag[n] = i < 8 ? 1f : 3f + 0.01f * j; // one strong step at i = 7 → 8, weak slope along j
                }
            }
        }
        float[] mg = MorphologyEnabledDipoleInversion.morphologyMask(mag, mask, g, 10, Cancellation.NEVER);
        int edges = 0;
        for (int n = 0; n < mg.length; n++) {
            edges += mg[n] == 0 ? 1 : 0;
        }
        assertEquals(Math.round(0.1 * g.size()), edges, 16, "about 10 % edges");
        assertEquals(0f, mg[g.index(7, 5, 5)], "the step is an edge");
        assertEquals(1f, mg[g.index(3, 5, 5)], "the flat part is not");
    }
}
