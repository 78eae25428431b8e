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
package org.ferrum.qsm.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MagnitudeMaskTest {

    private static VoxelGrid realGrid;
    private static float[] realRss;

    @BeforeAll
    static void readRealData() throws Exception {
        Path path = TestData.path("gre", "mriresearchtools-small", "Mag.nii");
        Volume<FloatType> mag = VolumeFiles.readFloat(path);
        realGrid = VoxelGrid.of(mag);
        float[][] echoes = new float[mag.frames()][];
        for (int e = 0; e < echoes.length; e++) {
            echoes[e] = VolumeArrays.frame(mag, e);
        }
        assertEquals(3, echoes.length);
        realRss = MagnitudeMask.rootSumOfSquares(echoes);
    }

    @Test
    void rootSumOfSquaresCombinesEchoes() {
        float[] rss = MagnitudeMask.rootSumOfSquares(new float[][] {{3, 0, 1}, {4, 2, 1}});
        assertArrayEquals(new float[] {5, 2, (float) Math.sqrt(2)}, rss, 1e-6f);
    }

    @Test
    void otsuSplitsTwoModesBetweenThem() {
        Random random = new Random(3);
        float[] v = new float[20000];
        for (int n = 0; n < v.length; n++) {
            v[n] = (float) (n % 3 == 0 ? 100 + 5 * random.nextGaussian() : 10 + 2 * random.nextGaussian());
        }
        double[] otsu = MagnitudeMask.otsu(v);
        // between the modes: beyond 3σ of the lower one and below 3σ of the upper one
        assertTrue(otsu[0] > 16 && otsu[0] < 85, "threshold " + otsu[0]);
        assertEquals(10, otsu[1], 0.5);
        assertEquals(100, otsu[2], 1);
        assertEquals(99, MagnitudeMask.percentile(new float[] {5, 99, 1, Float.NaN, 3}, 100));
        assertEquals(3, MagnitudeMask.percentile(new float[] {5, 99, 1, Float.NaN, 3}, 50));
    }

    @Test
    void gaussianSmoothingKeepsUniformImagesAndSpreadsAPointAsAGaussian() {
        VoxelGrid g = new VoxelGrid(21, 21, 21, 0.5, 1, 2);
        float[] ones = new float[g.size()];
        Arrays.fill(ones, 3f);
        float[] s = MagnitudeMask.gaussianSmoothing(ones, g, 1.0, Cancellation.NEVER);
        for (float v : s) {
            assertEquals(3f, v, 1e-5f);
        }
        float[] point = new float[g.size()];
        point[g.index(10, 10, 10)] = 1;
        float[] p = MagnitudeMask.gaussianSmoothing(point, g, 1.0, Cancellation.NEVER);
        // along x (0.5 mm voxels, σ = 2 voxels): ratio of neighbours two voxels apart is exp(−(2²)/(2·2²)) = e^−½
        assertEquals(Math.exp(-0.5), p[g.index(12, 10, 10)] / p[g.index(10, 10, 10)], 1e-3);
        // along z (2 mm voxels, σ = 0.5 voxel): one voxel away e^−2
        assertEquals(Math.exp(-2), p[g.index(10, 10, 11)] / p[g.index(10, 10, 10)], 1e-3);
    }

    /**
     * A bright ball with a dark cavity inside, in Rayleigh noise, with a bright speck outside: the mask is the ball,
     * cavity filled, speck dropped.
     */
    @Test
    void syntheticHeadInNoiseGivesOneFilledPiece() {
        VoxelGrid g = new VoxelGrid(48, 48, 32, 1, 1, 1.5);
        Random random = new Random(11);
        float[] m = new float[g.size()];
        boolean[] truth = new boolean[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = i - 23.5;
                    double y = j - 23.5;
                    double z = (k - 15.5) * 1.5;
                    boolean head = x * x + y * y + z * z <= 18 * 18;
                    // a dark 'ventricle' inside, wider than the closing ball: a hole only hole filling removes
                    boolean vein = (x - 4) * (x - 4) + y * y + z * z < 6 * 6;
                    int n = g.index(i, j, k);
                    truth[n] = head;
                    double noise = Math.hypot(random.nextGaussian(), random.nextGaussian()) * 3; // Rayleigh
                    m[n] = (float) ((head && !vein ? 100 : vein ? 5 : 0) + noise);
                }
            }
        }
        // a bright speck far from the head must not survive
        m[g.index(2, 2, 2)] = 150;
        MagnitudeMask.Result r = MagnitudeMask.compute(m, g, MagnitudeMask.Params.DEFAULTS, Cancellation.NEVER);
        assertFalse(r.fellBack());
        assertEquals(MagnitudeMask.Method.OTSU, r.method());
        assertFalse(r.mask()[g.index(2, 2, 2)]);
        assertEquals(1, Morphology.componentCount(r.mask(), g, Cancellation.NEVER));
        assertArrayEquals(r.mask(), Morphology.fillHoles(r.mask(), g, Cancellation.NEVER), "no holes");
        double dice = dice(r.mask(), truth);
        System.out.printf("synthetic head: Otsu threshold %.1f, Dice with the true ball %.4f%n", r.threshold(), dice);
        assertTrue(dice > 0.97, "Dice " + dice);

        // erosion by 2 mm shrinks it by about a 2 mm shell
        MagnitudeMask.Result eroded = MagnitudeMask.compute(
                m, g, new MagnitudeMask.Params(MagnitudeMask.Method.OTSU, 1, 1, 2, true, 2), Cancellation.NEVER);
        double expected = Morphology.count(r.mask()) * Math.pow(16.0 / 18.0, 3);
        assertEquals(expected, Morphology.count(eroded.mask()), 0.08 * expected);

        // the percentile rule finds the same object, with a looser edge: 20 % of the maximum of an edge blurred by the
        // 1 mm smoothing lies about 0.8 σ further out than Otsu's near-half-maximum, i.e. ~14 % more volume for R = 18
        // mm
        MagnitudeMask.Result p = MagnitudeMask.compute(
                m, g, new MagnitudeMask.Params(MagnitudeMask.Method.PERCENTILE, 1, 1, 2, true, 0), Cancellation.NEVER);
        System.out.printf(
                "synthetic head, percentile rule: threshold %.1f, Dice %.4f%n", p.threshold(), dice(p.mask(), truth));
        assertTrue(dice(p.mask(), truth) > 0.9);
        assertTrue(dice(p.mask(), truth) < dice(r.mask(), truth));
        long missed = 0;
        for (int n = 0; n < truth.length; n++) {
            missed += truth[n] && !p.mask()[n] ? 1 : 0;
        }
        assertEquals(0, missed, "the looser mask still contains the whole ball");
    }

    /**
     * The real 51×51×41 piece lies entirely inside the brain: there is no dark background, so Otsu must recognise it
     * has no background mode and fall back, and the mask must cover almost all of the field of view.
     */
    @Test
    void realPieceOfBrainIsOneFilledComponentCoveringMostOfTheFieldOfView() {
        MagnitudeMask.Result r =
                MagnitudeMask.compute(realRss, realGrid, MagnitudeMask.Params.DEFAULTS, Cancellation.NEVER);
        boolean[] mask = r.mask();
        double fraction = Morphology.count(mask) / (double) mask.length;
        System.out.printf(
                "real data (%s): threshold %.3g by %s (fell back: %b), mask covers %.1f %% of the grid%n",
                realGrid, r.threshold(), r.method(), r.fellBack(), 100 * fraction);
        assertTrue(r.fellBack(), "Otsu should find no background mode in a field of view inside the brain");
        assertEquals(1, Morphology.componentCount(mask, realGrid, Cancellation.NEVER));
        assertArrayEquals(mask, Morphology.fillHoles(mask, realGrid, Cancellation.NEVER), "no holes");
        assertTrue(fraction > 0.95, "covers " + fraction);
    }

    /**
     * The real piece embedded in a larger grid of Rayleigh noise at 3 % of its median: the mask must find the piece
     * (a background mode now exists), be one component without holes, and its voxels must be far brighter than the rest.
     */
    @Test
    void realPieceInANoiseBackgroundIsFoundByOtsu() {
        int pad = 6;
        VoxelGrid g = new VoxelGrid(
                realGrid.nx() + 2 * pad,
                realGrid.ny() + 2 * pad,
                realGrid.nz() + 2 * pad,
                realGrid.dx(),
                realGrid.dy(),
                realGrid.dz());
        float[] sorted = realRss.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        Random random = new Random(5);
        float[] m = new float[g.size()];
        boolean[] piece = new boolean[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int n = g.index(i, j, k);
                    int a = i - pad;
                    int b = j - pad;
                    int c = k - pad;
                    if (a >= 0 && b >= 0 && c >= 0 && a < realGrid.nx() && b < realGrid.ny() && c < realGrid.nz()) {
                        m[n] = realRss[realGrid.index(a, b, c)];
                        piece[n] = true;
                    } else {
                        m[n] = (float) (0.03 * median * Math.hypot(random.nextGaussian(), random.nextGaussian()));
                    }
                }
            }
        }
        MagnitudeMask.Result r = MagnitudeMask.compute(m, g, MagnitudeMask.Params.DEFAULTS, Cancellation.NEVER);
        boolean[] mask = r.mask();
        assertFalse(r.fellBack());
        assertEquals(1, Morphology.componentCount(mask, g, Cancellation.NEVER));
        assertArrayEquals(mask, Morphology.fillHoles(mask, g, Cancellation.NEVER), "no holes");
        double fraction = Morphology.count(mask) / (double) mask.length;
        double dice = dice(mask, piece);
        double inside = medianWhere(m, mask, true);
        double outside = medianWhere(m, mask, false);
        System.out.printf(
                "real piece in noise: Otsu threshold %.3g, mask covers %.1f %% of the grid (piece %.1f %%), Dice %.4f,"
                        + " median magnitude inside %.3g vs outside %.3g%n",
                r.threshold(), 100 * fraction, 100.0 * Morphology.count(piece) / piece.length, dice, inside, outside);
        assertTrue(dice > 0.97, "Dice " + dice);
        assertTrue(inside > 10 * outside, inside + " vs " + outside);
    }

    private static double dice(boolean[] a, boolean[] b) {
        long both = 0;
        long sum = 0;
        for (int n = 0; n < a.length; n++) {
            both += a[n] && b[n] ? 1 : 0;
            sum += (a[n] ? 1 : 0) + (b[n] ? 1 : 0);
        }
        return 2.0 * both / sum;
    }

    private static double medianWhere(float[] v, boolean[] mask, boolean inside) {
        float[] sel = new float[v.length];
        int c = 0;
        for (int n = 0; n < v.length; n++) {
            if (mask[n] == inside) {
                sel[c++] = v[n];
            }
        }
        float[] s = Arrays.copyOf(sel, c);
        Arrays.sort(s);
        return s[c / 2];
    }
}
