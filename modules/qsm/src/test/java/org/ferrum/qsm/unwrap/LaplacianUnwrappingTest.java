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
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

class LaplacianUnwrappingTest {

    private static final VoxelGrid GRID = new VoxelGrid(48, 40, 32, 1.0, 1.0, 1.5);

    /**
     * A smooth phase that decays to ~0 at the grid faces (so it is smooth across the periodic boundary), with zero
     * mean over the grid: on a periodic grid the only harmonic functions are constants, so ∇⁻²∇²φ = φ − mean(φ) = φ.
     */
    private static float[] smoothPhase(double amplitude) {
        float[] p = new float[GRID.size()];
        double sum = 0;
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    double x = (i - 22) / 9.0, y = (j - 19) / 8.0, z = (k - 16) / 7.0;
                    double x2 = (i - 30) / 6.0, y2 = (j - 24) / 6.0, z2 = (k - 12) / 5.0;
                    double v = amplitude * Math.exp(-(x * x + y * y + z * z) / 2)
                            - 0.6 * amplitude * Math.exp(-(x2 * x2 + y2 * y2 + z2 * z2) / 2);
                    p[GRID.index(i, j, k)] = (float) v;
                    sum += v;
                }
            }
        }
        float mean = (float) (sum / p.length);
        for (int n = 0; n < p.length; n++) {
            p[n] -= mean;
        }
        return p;
    }

    private static float[] wrap(float[] p) {
        float[] w = new float[p.length];
        for (int n = 0; n < p.length; n++) {
            w[n] = (float) PhaseWraps.wrap(p[n]);
        }
        return w;
    }

    @Test
    void smallPhaseWithoutWrapsIsReturnedAsIs() {
        float[] truth = smoothPhase(1.0); // |φ| < π: no wrap; the sin/cos identity is then exact to O(h²·|∇φ|³)
        float[] result = LaplacianUnwrapping.unwrap(
                wrap(truth), GRID, LaplacianUnwrapping.Boundary.PERIODIC, Cancellation.NEVER);
        double max = 0;
        for (int n = 0; n < truth.length; n++) {
            max = Math.max(max, Math.abs(result[n] - truth[n]));
        }
        assertTrue(max < 0.01, "max error " + max);
    }

    @Test
    void largeWrappedPhaseIsRecoveredAndTheCongruentResultIsExact() {
        float[] truth = smoothPhase(13.0); // ≈ 3 turns peak to peak
        float[] wrapped = wrap(truth);
        float[] laplacian =
                LaplacianUnwrapping.unwrap(wrapped, GRID, LaplacianUnwrapping.Boundary.PERIODIC, Cancellation.NEVER);
        double maxError = 0;
        for (int n = 0; n < truth.length; n++) {
            maxError = Math.max(maxError, Math.abs(laplacian[n] - truth[n]));
        }
        // the discrete identity loses ∝ |∇φ|³ where the phase is steep, never a whole turn
        assertTrue(maxError < 1.0, "Laplacian result off by up to " + maxError);
        float[] congruent = LaplacianUnwrapping.congruent(wrapped, laplacian);
        int wrong = 0;
        for (int n = 0; n < truth.length; n++) {
            double d = congruent[n] - wrapped[n];
            assertEquals(0, d - 2 * Math.PI * Math.round(d / (2 * Math.PI)), 1e-4, "congruent − wrapped at " + n);
            wrong += Math.abs(congruent[n] - truth[n]) > 1e-4 ? 1 : 0;
        }
        assertEquals(0, wrong, "voxels where the congruent result is not the true phase");
        System.out.printf(
                java.util.Locale.ROOT,
                "Laplacian unwrapping: max |φ_L − φ| = %.4f rad for peak %.1f rad%n",
                maxError,
                max(truth));
    }

    @Test
    void theLaplacianResultIsNotCongruentButCarriesTheSameWraps() {
        float[] truth = smoothPhase(13.0);
        float[] wrapped = wrap(truth);
        float[] laplacian =
                LaplacianUnwrapping.unwrap(wrapped, GRID, LaplacianUnwrapping.Boundary.PERIODIC, Cancellation.NEVER);
        int nonCongruent = 0;
        for (int n = 0; n < truth.length; n++) {
            double d = laplacian[n] - wrapped[n];
            nonCongruent += Math.abs(d - 2 * Math.PI * Math.round(d / (2 * Math.PI))) > 1e-3 ? 1 : 0;
        }
        assertTrue(
                nonCongruent > truth.length / 10,
                "φ_L should differ from the wrapped phase by non-integers in general");
    }

    @Test
    void theReflectingBoundaryHandlesAPhaseThatIsNotPeriodic() {
        // a ramp of 0.3 rad/voxel along x plus a blob: opposite x faces differ by ≈ 14 rad, a seam for the periodic
        // FFT.
        // (Steeper ramps lose slope: the sin/cos identity sums sin Δφ, not Δφ, over neighbours, so the flux through
        // the faces is sin g instead of g, an error growing as g³ across the grid.)
        float[] truth = smoothPhase(8.0);
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    truth[GRID.index(i, j, k)] += (float) (0.3 * (i - 24));
                }
            }
        }
        float[] wrapped = wrap(truth);
        double spreadReflecting =
                spreadOfDifference(LaplacianUnwrapping.unwrap(wrapped, GRID, Cancellation.NEVER), truth);
        double spreadPeriodic = spreadOfDifference(
                LaplacianUnwrapping.unwrap(wrapped, GRID, LaplacianUnwrapping.Boundary.PERIODIC, Cancellation.NEVER),
                truth);
        System.out.printf(
                java.util.Locale.ROOT,
                "Laplacian on a non-periodic ramp: max |φ_L − φ − c| %.3f rad reflecting"
                        + " (DCT), %.3f rad periodic%n",
                spreadReflecting,
                spreadPeriodic);
        assertTrue(
                spreadReflecting < 0.5 && spreadPeriodic > 2 * spreadReflecting,
                spreadReflecting + " vs " + spreadPeriodic);
    }

    /**
     * The DCT solution equals the periodic FFT solution on the even 2n extension of the grid (the former
     * full-reflection path): on that extension there is no seam, the periodic stencil reproduces the reflecting one on
     * every copy, and the zero-mean solutions agree on the original voxels. Odd and even sizes, anisotropic voxels.
     */
    @Test
    void theReflectingSolutionEqualsThePeriodicSolutionOnTheEvenExtension() {
        VoxelGrid small = new VoxelGrid(14, 11, 7, 0.9, 1.1, 1.7);
        float[] truth = new float[small.size()];
        for (int k = 0; k < small.nz(); k++) {
            for (int j = 0; j < small.ny(); j++) {
                for (int i = 0; i < small.nx(); i++) {
                    double x = (i - 5.3) / 3.0, y = (j - 6.1) / 3.5, z = (k - 2.2) / 2.5;
                    truth[small.index(i, j, k)] =
                            (float) (9 * Math.exp(-(x * x + y * y + z * z) / 2) + 0.4 * i - 0.25 * j + 0.3 * k);
                }
            }
        }
        float[] wrapped = wrap(truth);
        VoxelGrid extended =
                new VoxelGrid(2 * small.nx(), 2 * small.ny(), 2 * small.nz(), small.dx(), small.dy(), small.dz());
        float[] mirrored = new float[extended.size()];
        for (int k = 0; k < extended.nz(); k++) {
            for (int j = 0; j < extended.ny(); j++) {
                for (int i = 0; i < extended.nx(); i++) {
                    mirrored[extended.index(i, j, k)] = wrapped[
                            small.index(reflect(i, small.nx()), reflect(j, small.ny()), reflect(k, small.nz()))];
                }
            }
        }
        float[] viaExtension = LaplacianUnwrapping.unwrap(
                mirrored, extended, LaplacianUnwrapping.Boundary.PERIODIC, Cancellation.NEVER);
        float[] dct = LaplacianUnwrapping.unwrap(wrapped, small, Cancellation.NEVER);
        double max = 0, range = 0;
        for (int k = 0; k < small.nz(); k++) {
            for (int j = 0; j < small.ny(); j++) {
                for (int i = 0; i < small.nx(); i++) {
                    double a = dct[small.index(i, j, k)];
                    max = Math.max(max, Math.abs(a - viaExtension[extended.index(i, j, k)]));
                    range = Math.max(range, Math.abs(a));
                }
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "Laplacian DCT vs periodic FFT on the 2n extension: max difference %.2e rad (|φ_L| up to %.1f rad)%n",
                max,
                range);
        assertTrue(range > 3, "the test phase is wrapped: " + range);
        assertTrue(max < 1e-4, "max difference " + max);
    }

    /** Index in [0, n) of sample s of the half-sample even, 2n-periodic extension. */
    private static int reflect(int s, int n) {
        int q = Math.floorMod(s, 2 * n);
        return q < n ? q : 2 * n - 1 - q;
    }

    /** max |a − b − median(a − b)|: the error up to a constant. */
    private static double spreadOfDifference(float[] a, float[] b) {
        double[] d = new double[a.length];
        for (int n = 0; n < a.length; n++) {
            d[n] = a[n] - b[n];
        }
        double[] sorted = d.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double max = 0;
        for (double x : d) {
            max = Math.max(max, Math.abs(x - median));
        }
        return max;
    }

    @Test
    void realDataCongruentResultRemovesMostWraps() throws java.io.IOException {
        java.nio.file.Path dir = TestData.path("gre", "mriresearchtools-small");
        // stored radians; the header's stray scl_slope would scale them to ±0.0037 rad (see RomeoUnwrappingTest)
        @SuppressWarnings("unchecked")
        org.ferrum.core.Volume<net.imglib2.type.numeric.real.FloatType> pha =
                (org.ferrum.core.Volume<net.imglib2.type.numeric.real.FloatType>)
                        org.ferrum.io.VolumeFiles.read(dir.resolve("Phase.nii")).stored();
        VoxelGrid grid = VoxelGrid.of(pha);
        boolean[] all = new boolean[grid.size()];
        java.util.Arrays.fill(all, true);
        StringBuilder report = new StringBuilder();
        // the last echo only (the most wraps)
        for (int e = pha.frames() - 1; e < pha.frames(); e++) {
            float[] wrapped = org.ferrum.core.VolumeArrays.frame(pha, e);
            float[] congruent = LaplacianUnwrapping.congruent(
                    wrapped, LaplacianUnwrapping.unwrap(wrapped, grid, Cancellation.NEVER));
            for (int n = 0; n < wrapped.length; n++) {
                double d = congruent[n] - wrapped[n];
                assertEquals(0, d - 2 * Math.PI * Math.round(d / (2 * Math.PI)), 1e-4);
            }
            long before = RomeoUnwrappingTest.jumps(wrapped, all, grid)[0];
            long[] after = RomeoUnwrappingTest.jumps(congruent, all, grid);
            report.append(String.format(
                    java.util.Locale.ROOT, " echo %d: %d → %d of %d pairs;", e + 1, before, after[0], after[1]));
            // steep true gradients (veins, 12 ms at 0.47 mm) leave a few |Δφ| > π; wraps must be gone
            assertTrue(
                    before > 100 && after[0] <= after[1] * 1e-3, "echo " + (e + 1) + ": " + before + " → " + after[0]);
        }
        System.out.println("Laplacian congruent on real data, |Δφ| > π between neighbours:" + report);
    }

    private static double max(float[] a) {
        double m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
