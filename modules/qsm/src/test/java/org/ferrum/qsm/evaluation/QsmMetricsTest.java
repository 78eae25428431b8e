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
package org.ferrum.qsm.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ferrum.core.VoxelGrid;
import org.junit.jupiter.api.Test;

/** {@link QsmMetrics} on cases with known answers. */
class QsmMetricsTest {

    private static final int N = 32;
    private static final VoxelGrid GRID = new VoxelGrid(N, N, N, 1, 1, 1);

    /** A ball of radius 12 voxels as the mask; truth = two "nuclei" (labels 7, 8) on a smooth background. */
    private static boolean[] mask() {
        boolean[] m = new boolean[GRID.size()];
        for (int n = 0; n < m.length; n++) {
            int i = n % N - 16, j = (n / N) % N - 16, k = n / (N * N) - 16;
            m[n] = i * i + j * j + k * k <= 144;
        }
        return m;
    }

    private static float[] labels() {
        float[] l = new float[GRID.size()];
        for (int n = 0; n < l.length; n++) {
            int i = n % N - 16, j = (n / N) % N - 16, k = n / (N * N) - 16;
            l[n] = (i - 5) * (i - 5) + j * j + k * k <= 9 ? 7 : (i + 5) * (i + 5) + j * j + k * k <= 9 ? 8 : 1;
        }
        return l;
    }

    private static float[] truth() {
        float[] t = new float[GRID.size()];
        float[] l = labels();
        for (int n = 0; n < t.length; n++) {
            int i = n % N, j = (n / N) % N, k = n / (N * N);
            t[n] = (float) (0.02 * Math.sin(i / 4.0) * Math.cos(j / 5.0)
                    + 0.01 * k / N
                    + (l[n] == 7 ? 0.15 : l[n] == 8 ? 0.06 : 0));
        }
        return t;
    }

    @Test
    void identicalMapsScorePerfectly() {
        QsmMetrics m = new QsmMetrics(GRID, mask());
        float[] t = truth();
        QsmMetrics.Result r = m.evaluate(t, t, labels(), QsmMetrics.SsimConstants.DEFAULTS);
        assertEquals(0, r.nrmsePercent(), 1e-9);
        assertEquals(0, r.hfenPercent(), 1e-9);
        assertEquals(1, r.ssim(), 1e-12);
        assertEquals(1, r.correlation(), 1e-12);
        assertEquals(0, r.roi(7).errorPpb(), 1e-9);
    }

    @Test
    void aConstantOffsetIsNotAnError() {
        QsmMetrics m = new QsmMetrics(GRID, mask());
        float[] t = truth(), c = t.clone();
        for (int n = 0; n < c.length; n++) {
            c[n] += 0.3f; // another reference region
        }
        QsmMetrics.Result r = m.evaluate(c, t, labels(), QsmMetrics.SsimConstants.DEFAULTS);
        assertEquals(0, r.nrmsePercent(), 1e-4);
        assertEquals(0, r.hfenPercent(), 1e-4);
        assertEquals(1, r.ssim(), 1e-9);
        assertEquals(1, r.correlation(), 1e-9);
        assertEquals(0, r.roi(8).errorPpb(), 1e-4);
    }

    @Test
    void aScaledMapHasTheKnownErrors() {
        QsmMetrics m = new QsmMetrics(GRID, mask());
        float[] t = truth(), c = t.clone();
        for (int n = 0; n < c.length; n++) {
            c[n] = 2 * t[n] - 0.1f; // twice the contrast, another reference
        }
        QsmMetrics.Result r = m.evaluate(c, t, labels(), QsmMetrics.SsimConstants.DEFAULTS);
        // x = 2y: ‖x − y‖ / ‖y‖ = 1 for NRMSE and (LoG linear) for HFEN; Pearson's r = 1 for any positive scale
        assertEquals(100, r.nrmsePercent(), 1e-3);
        assertEquals(100, r.hfenPercent(), 1e-3);
        assertEquals(1, r.correlation(), 1e-9);
        // ROI error: mean(x) − mean(y) over the label = mean(y) over the label; in % exactly 100
        QsmMetrics.RoiError seven = r.roi(7);
        assertEquals(seven.truthPpm() * 1000, seven.errorPpb(), 1e-3);
        assertEquals(100, seven.errorPercent(), 1e-3);
        assertEquals(-1, m.correlation(negated(t), t), 1e-9);
    }

    @Test
    void aShiftInOneRegionGivesTheKnownRoiError() {
        boolean[] mask = mask();
        float[] l = labels(), t = truth(), c = t.clone();
        long inMask = 0, inSeven = 0;
        for (int n = 0; n < c.length; n++) {
            if (l[n] == 7) {
                c[n] += 0.010f;
            }
            inMask += mask[n] ? 1 : 0;
            inSeven += mask[n] && l[n] == 7 ? 1 : 0;
        }
        QsmMetrics.Result r = new QsmMetrics(GRID, mask).evaluate(c, t, l, QsmMetrics.SsimConstants.DEFAULTS);
        double meanShift = 10.0 * inSeven / inMask; // ppb: the region's shift also moves the mask mean
        assertEquals(10 - meanShift, r.roi(7).errorPpb(), 1e-3);
        assertEquals(-meanShift, r.roi(8).errorPpb(), 1e-3);
        assertEquals(-meanShift, r.roi(1).errorPpb(), 1e-3);
    }

    @Test
    void ssimOfAScaledNoiseFieldIsTheLuminanceTimesContrastProduct() {
        // y = a·x with statistics far above C1, C2: SSIM → (2a/(1 + a²))² at every voxel
        boolean[] all = new boolean[GRID.size()];
        java.util.Arrays.fill(all, true);
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[GRID.size()], y = new float[GRID.size()];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (1 + random.nextGaussian());
            y[n] = 2 * x[n];
        }
        // use only the inner voxels (the zero boundary changes the windows at the faces)
        boolean[] inner = new boolean[GRID.size()];
        for (int n = 0; n < inner.length; n++) {
            int i = n % N, j = (n / N) % N, k = n / (N * N);
            inner[n] = i >= 6 && i < N - 6 && j >= 6 && j < N - 6 && k >= 6 && k < N - 6;
        }
        QsmMetrics m = new QsmMetrics(GRID, inner);
        double s = m.ssim(y, x, new QsmMetrics.SsimConstants(0.01, 0.03, 1e-4));
        assertEquals(0.64, s, 0.01);
    }

    @Test
    void theSeparableLaplacianOfGaussianIsTheChallengeKernel() {
        // the 15³ kernel built directly, H = (Σ x²/σ⁴ − 3/σ²)·G/ΣG − mean, convolved at one voxel of a random volume
        SplittableRandom random = new SplittableRandom(5);
        double[] f = new double[GRID.size()];
        for (int n = 0; n < f.length; n++) {
            f[n] = random.nextGaussian();
        }
        boolean[] all = new boolean[GRID.size()];
        java.util.Arrays.fill(all, true);
        double[] log = new QsmMetrics(GRID, all).laplacianOfGaussian(f);
        double s = 1.5;
        double[] h = new double[15 * 15 * 15];
        double sumG = 0, sumH = 0;
        for (int q = 0; q < h.length; q++) {
            int x = q % 15 - 7, y = (q / 15) % 15 - 7, z = q / 225 - 7;
            sumG += Math.exp(-(x * x + y * y + z * z) / (2 * s * s));
        }
        for (int q = 0; q < h.length; q++) {
            int x = q % 15 - 7, y = (q / 15) % 15 - 7, z = q / 225 - 7;
            double g = Math.exp(-(x * x + y * y + z * z) / (2 * s * s)) / sumG;
            h[q] = ((x * x + y * y + z * z) / (s * s * s * s) - 3 / (s * s)) * g;
            sumH += h[q];
        }
        for (int q = 0; q < h.length; q++) {
            h[q] -= sumH / h.length;
        }
        for (int[] p : new int[][] {{16, 16, 16}, {10, 20, 12}, {3, 16, 28}}) {
            double direct = 0;
            for (int q = 0; q < h.length; q++) {
                int i = p[0] + q % 15 - 7, j = p[1] + (q / 15) % 15 - 7, k = p[2] + q / 225 - 7;
                if (i >= 0 && i < N && j >= 0 && j < N && k >= 0 && k < N) {
                    direct += h[q] * f[i + N * (j + N * k)]; // symmetric kernel: correlation = convolution
                }
            }
            assertEquals(direct, log[p[0] + N * (p[1] + N * p[2])], 1e-9);
        }
    }

    @Test
    void badInputIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new QsmMetrics(GRID, new boolean[GRID.size()]));
        QsmMetrics m = new QsmMetrics(GRID, mask());
        float[] t = truth(), c = t.clone();
        c[16 + N * (16 + N * 16)] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> m.nrmse(c, t));
    }

    private static float[] negated(float[] t) {
        float[] c = new float[t.length];
        for (int n = 0; n < c.length; n++) {
            c[n] = -t[n];
        }
        return c;
    }
}
