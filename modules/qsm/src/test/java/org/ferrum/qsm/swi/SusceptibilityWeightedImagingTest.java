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
package org.ferrum.qsm.swi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class SusceptibilityWeightedImagingTest {

    private static final VoxelGrid GRID = new VoxelGrid(64, 64, 8, 0.5, 0.5, 2);
    private static final double VEIN_PHASE = -1.0;
    private static final double VEIN_RADIUS = 1.0; // voxels

    private static boolean inVein(int i, int j) {
        double x = i - 31;
        double y = j - 33;
        return x * x + y * y <= VEIN_RADIUS * VEIN_RADIUS;
    }

    /** Background phase: a ramp of whole cycles across the field of view plus a smooth periodic bump, several rad. */
    private static double background(int i, int j, int k) {
        return 2 * Math.PI * (2.0 * i / GRID.nx() - 1.0 * j / GRID.ny())
                + 1.5 * Math.sin(2 * Math.PI * j / GRID.ny())
                + 0.4 * k;
    }

    private static float[][] veinData(boolean withBackground) {
        float[] m = new float[GRID.size()];
        float[] p = new float[GRID.size()];
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    int n = GRID.index(i, j, k);
                    m[n] = 100;
                    double phi = (inVein(i, j) ? VEIN_PHASE : 0) + (withBackground ? background(i, j, k) : 0);
                    p[n] = (float) Math.atan2(Math.sin(phi), Math.cos(phi)); // wrapped, as measured
                }
            }
        }
        return new float[][] {m, p};
    }

    @Test
    void veinIsDarkenedByTheExpectedFactorAndTheBackgroundPhaseIsRemoved() {
        float[][] d = veinData(true);
        SusceptibilityWeightedImaging.Params s = new SusceptibilityWeightedImaging.Params(8, false, 4, 1);
        SusceptibilityWeightedImaging.Result r =
                SusceptibilityWeightedImaging.compute(d[0], d[1], GRID, s, Cancellation.NEVER);

        double veinHp = 0;
        double veinSwi = 0;
        int veinCount = 0;
        double ringSwi = 0;
        int ringCount = 0;
        double farSquares = 0;
        double bgSquares = 0;
        int farCount = 0;
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    int n = GRID.index(i, j, k);
                    double dist = Math.hypot(i - 31, j - 33);
                    if (inVein(i, j)) {
                        veinHp += r.highPassPhase()[n];
                        veinSwi += r.swi()[n];
                        veinCount++;
                    } else if (dist >= 3 && dist <= 5) {
                        ringSwi += r.swi()[n];
                        ringCount++;
                    } else if (dist > 12) {
                        farSquares += r.highPassPhase()[n] * r.highPassPhase()[n];
                        double b = d[1][n];
                        bgSquares += b * b;
                        farCount++;
                    }
                    // SWI is the magnitude times the mask to the 4th power, voxel by voxel
                    assertEquals(d[0][n] * Math.pow(r.phaseMask()[n], 4), r.swi()[n], 1e-3);
                }
            }
        }
        veinHp /= veinCount;
        double ratio = (veinSwi / veinCount) / (ringSwi / ringCount);
        double expected = Math.pow(1 + VEIN_PHASE / Math.PI, 4);
        double farRms = Math.sqrt(farSquares / farCount);
        double bgRms = Math.sqrt(bgSquares / farCount);
        System.out.printf(
                "SWI vein: high-pass phase %.3f rad (true %.1f), SWI vein/surround %.3f (f^4 = %.3f for φ = −1);"
                        + " background phase RMS %.3f rad before, %.4f rad after the homodyne filter%n",
                veinHp, VEIN_PHASE, ratio, expected, bgRms, farRms);
        // a thin vein keeps most of its phase through the high-pass: the low-pass copy holds ~10 % of it (see the
        // closed-form test), so the darkening is f^4 of about −0.9 rad rather than of −1 rad
        assertEquals(VEIN_PHASE, veinHp, 0.15);
        assertEquals(expected, ratio, 0.3 * expected);
        assertEquals(Math.pow(1 + veinHp / Math.PI, 4), ratio, 0.03 * ratio);
        assertTrue(ratio < 0.3, "vein/surround " + ratio);
        // the smooth non-linear bump (1.5 rad) has harmonics the 8-sample window cuts: mostly, not entirely, removed
        assertTrue(farRms < 0.1 * bgRms, "background phase left: " + farRms + " rad of " + bgRms);
    }

    @Test
    void homodyneFilterRemovesARampOfWholeCyclesExactly() {
        // with a uniform magnitude, a ramp of whole cycles is one k-space sample moved: s_L = H(k0) s, so φ_HP = 0
        float[] m = new float[GRID.size()];
        float[] p = new float[GRID.size()];
        Arrays.fill(m, 3);
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    p[GRID.index(i, j, k)] =
                            (float) (2 * Math.PI * (2.0 * i / GRID.nx() - 1.0 * j / GRID.ny()) + 0.4 * k);
                }
            }
        }
        SusceptibilityWeightedImaging.Params s = new SusceptibilityWeightedImaging.Params(8, false, 4, 1);
        SusceptibilityWeightedImaging.Result r =
                SusceptibilityWeightedImaging.compute(m, p, GRID, s, Cancellation.NEVER);
        for (int n = 0; n < m.length; n++) {
            assertEquals(0, r.highPassPhase()[n], 1e-4);
            assertEquals(3, r.swi()[n], 1e-4);
        }
    }

    /**
     * Vein on a ramp of whole cycles (k0 = (2, −1) cycles per field of view), computed in closed form: with
     * g = 1 + (e^{iφv} − 1)χ the vein signal, s = e^{2πi k0·x/n} g, the low-pass copy is
     * s_L = e^{2πi k0·x/n} [H(k0) + (e^{iφv} − 1)(h' ∗ χ)] with h'(d) = n⁻² Σ_u H(u) e^{2πi (u − k0)·d/n} (the window
     * shifted by the ramp), so φ_HP = arg(g · conj(H(k0) + (e^{iφv} − 1)(h' ∗ χ))) — a short sum over the 7×7 samples
     * where the Hann window of width 8 is non-zero, no FFT.
     */
    @Test
    void veinPhaseThroughTheHomodyneFilterMatchesTheClosedForm() {
        int w = 8;
        int n = GRID.nx();
        int[] k0 = {2, -1};
        float[] m = new float[GRID.size()];
        float[] p = new float[GRID.size()];
        Arrays.fill(m, 100);
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    p[GRID.index(i, j, k)] = (float) ((inVein(i, j) ? VEIN_PHASE : 0)
                            + 2 * Math.PI * (k0[0] * i + k0[1] * j) / (double) n
                            + 0.4 * k);
                }
            }
        }
        SusceptibilityWeightedImaging.Result r = SusceptibilityWeightedImaging.compute(
                m, p, GRID, new SusceptibilityWeightedImaging.Params(w, false, 4, 1), Cancellation.NEVER);
        // 1-D shifted kernels h1(d) = n⁻¹ Σ_u H(u) e^{2πi (u − k0) d / n}, as (re, im) by offset d mod n
        double[][][] h1 = new double[2][n][2];
        for (int axis = 0; axis < 2; axis++) {
            for (int d = 0; d < n; d++) {
                for (int u = -w / 2 + 1; u < w / 2; u++) {
                    double hu = 0.5 * (1 + Math.cos(2 * Math.PI * u / w));
                    double angle = 2 * Math.PI * (u - k0[axis]) * d / n;
                    h1[axis][d][0] += hu * Math.cos(angle) / n;
                    h1[axis][d][1] += hu * Math.sin(angle) / n;
                }
            }
        }
        double hk0 = 0.5 * (1 + Math.cos(2 * Math.PI * k0[0] / w)) * 0.5 * (1 + Math.cos(2 * Math.PI * k0[1] / w));
        double er = Math.cos(VEIN_PHASE) - 1;
        double ei = Math.sin(VEIN_PHASE);
        double worst = 0;
        double veinExpected = 0;
        int veinCount = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                // c = (h' ∗ χ)(i, j)
                double cr = 0;
                double ci = 0;
                for (int b = 30; b <= 36; b++) {
                    for (int a = 28; a <= 34; a++) {
                        if (!inVein(a, b)) {
                            continue;
                        }
                        double[] hx = h1[0][Math.floorMod(i - a, n)];
                        double[] hy = h1[1][Math.floorMod(j - b, n)];
                        cr += hx[0] * hy[0] - hx[1] * hy[1];
                        ci += hx[0] * hy[1] + hx[1] * hy[0];
                    }
                }
                double lr = hk0 + er * cr - ei * ci; // H(k0) + (e^{iφv} − 1) c
                double li = er * ci + ei * cr;
                double g = inVein(i, j) ? VEIN_PHASE : 0;
                double gr = Math.cos(g);
                double gi = Math.sin(g);
                double expected = Math.atan2(gi * lr - gr * li, gr * lr + gi * li);
                for (int k = 0; k < GRID.nz(); k++) {
                    worst = Math.max(worst, Math.abs(expected - r.highPassPhase()[GRID.index(i, j, k)]));
                }
                if (inVein(i, j)) {
                    veinExpected += expected;
                    veinCount++;
                }
            }
        }
        System.out.printf(
                "closed-form vein: expected mean high-pass phase in the vein %.4f rad; largest deviation %.2e rad%n",
                veinExpected / veinCount, worst);
        assertTrue(worst < 2e-3, "largest deviation from the closed form " + worst + " rad");
    }

    @Test
    void phaseMaskFollowsHaackesFormulaAndPhaseSignFlipsIt() {
        VoxelGrid g = new VoxelGrid(16, 1, 1, 1, 1, 1);
        float[] m = new float[16];
        float[] p = new float[16];
        Arrays.fill(m, 2);
        for (int n = 0; n < 16; n++) {
            p[n] = (float) (-Math.PI + (n + 0.5) * 2 * Math.PI / 16);
        }
        m[8] = 10;
        float[] phase = p;
        // filter size 1 keeps only k = 0: the low-pass copy is the mean signal, so φ_HP = φ − arg Σ m e^{iφ}
        double sumRe = 0;
        double sumIm = 0;
        for (int n = 0; n < 16; n++) {
            sumRe += m[n] * Math.cos(phase[n]);
            sumIm += m[n] * Math.sin(phase[n]);
        }
        double meanPhase = Math.atan2(sumIm, sumRe);
        var r = SusceptibilityWeightedImaging.compute(
                m, phase, g, new SusceptibilityWeightedImaging.Params(1, false, 2, 1), Cancellation.NEVER);
        var flipped = SusceptibilityWeightedImaging.compute(
                m, phase, g, new SusceptibilityWeightedImaging.Params(1, false, 2, -1), Cancellation.NEVER);
        for (int n = 0; n < 16; n++) {
            double phi = r.highPassPhase()[n];
            double d = phase[n] - meanPhase;
            assertEquals(Math.atan2(Math.sin(d), Math.cos(d)), phi, 1e-4);
            assertEquals(phi < 0 ? 1 + phi / Math.PI : 1, r.phaseMask()[n], 1e-5);
            assertEquals(phi > 0 ? 1 - phi / Math.PI : 1, flipped.phaseMask()[n], 1e-5);
            assertEquals(m[n] * Math.pow(r.phaseMask()[n], 2), r.swi()[n], 1e-4);
        }
    }

    @Test
    void hannWindowIsOneAtDcAndZeroOutsideItsWidth() {
        double[] h = SusceptibilityWeightedImaging.hann(16, 8);
        assertEquals(1, h[0], 0);
        assertEquals(0.5, h[2], 1e-12); // ½(1 + cos(2π·2/8)) = ½
        assertEquals(0.5, h[14], 1e-12); // u = −2
        assertEquals(0, h[4], 1e-12);
        assertEquals(0, h[8], 0);
        assertEquals(1, SusceptibilityWeightedImaging.hann(1, 32)[0], 0);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SusceptibilityWeightedImaging.Params(0, false, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new SusceptibilityWeightedImaging.Params(8, false, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SusceptibilityWeightedImaging.Params(8, false, 4, 0));
    }
}
