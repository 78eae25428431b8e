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
package org.ferrum.brain.nuclei;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.InversionProgress;
import org.ferrum.qsm.inversion.TotalVariationAdmm;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;

/**
 * The whole-head phantom's substantia nigra, red nucleus and dentate nucleus, sampled with partial volumes by {@link
 * HeadPhantom}'s builder (truth: the majority label of each voxel; side from the sign of x, LPS +x = left), made into
 * the χ maps a reconstruction gives: exact plus white noise, or smoothed by a Gaussian (the resolution loss of a
 * regularised dipole inversion) plus noise, or reconstructed by a dipole inversion (TV-ADMM) from the phantom's local
 * field plus noise. Seeds are clicks placed off the nucleus's centre. Shared by the validation tests and the benchmark
 * ({@code org.ferrum.bench.NucleusGrowingBenchmark}); not used by the operators.
 */
public final class NucleusPhantom {

    /** The nuclei grown and their phantom labels. */
    public static final Map<Nucleus, PhantomLabel> LABELS = Map.of(
            Nucleus.SUBSTANTIA_NIGRA, PhantomLabel.SUBSTANTIA_NIGRA,
            Nucleus.RED_NUCLEUS, PhantomLabel.RED_NUCLEUS,
            Nucleus.DENTATE_NUCLEUS, PhantomLabel.DENTATE);

    /** Centres of the left nuclei in {@link HeadAnatomy#wholeHead()} (mm LPS); the right ones mirror x. */
    public static final Map<Nucleus, double[]> LEFT_CENTRES = Map.of(
            Nucleus.SUBSTANTIA_NIGRA, new double[] {11, 18, -13},
            Nucleus.RED_NUCLEUS, new double[] {5, 20, -8},
            Nucleus.DENTATE_NUCLEUS, new double[] {14, 44, -18});

    /** Off-centre offsets used for the clicks (mm), inside each nucleus's semi-axes (2.5×7×2.5, r 3, 6×8×5). */
    public static final Map<Nucleus, double[]> OFFSETS = Map.of(
            Nucleus.SUBSTANTIA_NIGRA, new double[] {0.8, -3.5, 0.8},
            Nucleus.RED_NUCLEUS, new double[] {-1.2, 1.0, 1.0},
            Nucleus.DENTATE_NUCLEUS, new double[] {2.5, -3.5, 1.5});

    /**
     * Sub-samples per voxel edge of the partial-volume sampling: 4 (64 per voxel), so that few voxels sit exactly half
     * inside a nucleus, where the majority-label truth and any threshold disagree by a coin flip.
     */
    public static final int SUBSAMPLES = 4;

    public final HeadPhantom phantom;
    public final VoxelGrid grid;
    public final float[] exact;
    public final boolean[] brain;

    /** The phantom on a grid of {@code voxelMm} covering the brain's lower half, where the three nuclei lie. */
    public NucleusPhantom(double voxelMm) {
        int nx = (int) Math.round(100 / voxelMm), ny = (int) Math.round(140 / voxelMm);
        int nz = (int) Math.round(72 / voxelMm);
        phantom = HeadPhantom.builder()
                .anatomy(HeadAnatomy.wholeHead())
                .size(nx, ny, nz)
                .voxelSize(voxelMm, voxelMm, voxelMm)
                .echoTimesMs(10)
                .subsamples(SUBSAMPLES)
                .generate();
        grid = phantom.grid();
        exact = Volumes.floats(phantom.chi());
        brain = phantom.brainMaskArray();
    }

    /** Truth: voxels whose majority label is the nucleus, on {@code side}. */
    public boolean[] truth(Nucleus nucleus, Hemisphere side) {
        float[] labels = Volumes.floats(phantom.labels());
        boolean[] t = new boolean[labels.length];
        int value = LABELS.get(nucleus).value();
        double[] a = phantom.geometry().affine();
        for (int n = 0; n < t.length; n++) {
            int i = n % grid.nx();
            double x = a[0] * i + a[1] * ((n / grid.nx()) % grid.ny()) + a[2] * (n / (grid.nx() * grid.ny())) + a[3];
            t[n] = Math.round(labels[n]) == value && (side == Hemisphere.LEFT ? x > 0 : x < 0);
        }
        return t;
    }

    /** χ smoothed by a Gaussian of σ {@code blurMm} (0: none), plus white noise of σ {@code noisePpm} in the brain. */
    public float[] chi(double blurMm, double noisePpm, long seed) {
        float[] c = blurMm > 0 ? gaussian(exact, grid, blurMm) : exact.clone();
        Random random = new Random(seed);
        for (int n = 0; n < c.length; n++) {
            c[n] = brain[n] ? (float) (c[n] + noisePpm * random.nextGaussian()) : Float.NaN;
        }
        return c;
    }

    /**
     * χ reconstructed by total-variation dipole inversion ({@link TotalVariationAdmm}, its defaults) of the phantom's
     * local field (computed by the phantom's own forward model from sub-voxel sources) plus white noise of σ {@code
     * fieldNoisePpm}, in the brain mask; NaN outside it. Its levels are shifted by the inversion (χ is defined up to a
     * constant); growing uses differences only.
     */
    public float[] chiFromTotalVariation(double fieldNoisePpm, long seed) {
        float[] field = Volumes.floats(phantom.localField()).clone();
        Random random = new Random(seed);
        for (int n = 0; n < field.length; n++) {
            field[n] = brain[n] ? (float) (field[n] + fieldNoisePpm * random.nextGaussian()) : 0f;
        }
        double[] b0 =
                phantom.geometry().directionInVoxelAxes(phantom.acquisition().b0DirectionLps());
        float[] chi = new TotalVariationAdmm(TotalVariationAdmm.Params.DEFAULTS)
                .invert(new DipoleInversion.Field(field, brain, grid, b0), Cancellation.NEVER, InversionProgress.NONE)
                .chi();
        float[] out = chi.clone();
        for (int n = 0; n < out.length; n++) {
            out[n] = brain[n] ? out[n] : Float.NaN;
        }
        return out;
    }

    /** The six clicks (each nucleus, both sides), off-centre by {@link #OFFSETS} (mirrored in x for the right). */
    public static List<NucleusSeed> clicks(double scale) {
        List<NucleusSeed> seeds = new ArrayList<>();
        for (Nucleus n : Nucleus.values()) {
            for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                double[] c = LEFT_CENTRES.get(n), o = OFFSETS.get(n);
                double sx = side == Hemisphere.LEFT ? 1 : -1;
                seeds.add(NucleusSeed.click(
                        n, side, new double[] {sx * (c[0] + scale * o[0]), c[1] + scale * o[1], c[2] + scale * o[2]}));
            }
        }
        return seeds;
    }

    /** Dice per grown nucleus, keyed "substantia nigra left". */
    public Map<String, Double> dice(NucleusGrowing.Result result) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (NucleusGrowing.Grown g : result.nuclei()) {
            boolean[] t = truth(g.seed().nucleus(), g.seed().side());
            int value = g.entry().value(), both = 0, a = 0, b = 0;
            for (int n = 0; n < t.length; n++) {
                boolean s = result.labels()[n] == value;
                a += s ? 1 : 0;
                b += t[n] ? 1 : 0;
                both += s && t[n] ? 1 : 0;
            }
            out.put(g.seed().nucleus().structure() + " " + g.seed().side().word(), 2.0 * both / (a + b));
        }
        return out;
    }

    public NucleusGrowing.Result grow(float[] chi, List<NucleusSeed> seeds, NucleusGrowing.Params params) {
        return NucleusGrowing.grow(chi, brain, null, grid, phantom.geometry(), seeds, params, Cancellation.NEVER);
    }

    /** One line per nucleus: Dice, volume, threshold, leak. */
    public static String describe(NucleusGrowing.Result r, Map<String, Double> dice) {
        StringBuilder sb = new StringBuilder();
        for (NucleusGrowing.Grown g : r.nuclei()) {
            String key = g.seed().nucleus().structure() + " " + g.seed().side().word();
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-22s Dice %.3f  %5d vox %.3f ml  T %.4f  in %.4f  bg %.4f±%.4f  leak %s  it %d%n",
                    key,
                    dice.get(key),
                    g.voxels(),
                    g.volumeMl(),
                    g.thresholdPpm(),
                    g.interiorPpm(),
                    g.backgroundPpm(),
                    g.backgroundSigmaPpm(),
                    g.leakStopped() ? "yes" : "no",
                    g.iterations()));
        }
        return sb.toString();
    }

    /** Separable Gaussian smoothing (σ in mm, kernel to ±3σ, edges clamped). */
    static float[] gaussian(float[] in, VoxelGrid g, double sigmaMm) {
        float[] a = in.clone(), b = new float[in.length];
        double[] h = g.spacing();
        int[] n = g.sizes();
        int[] stride = {1, n[0], n[0] * n[1]};
        for (int axis = 0; axis < 3; axis++) {
            int r = (int) Math.ceil(3 * sigmaMm / h[axis]);
            double[] k = new double[2 * r + 1];
            double sum = 0;
            for (int q = -r; q <= r; q++) {
                k[q + r] = Math.exp(-0.5 * Math.pow(q * h[axis] / sigmaMm, 2));
                sum += k[q + r];
            }
            for (int q = 0; q < k.length; q++) {
                k[q] /= sum;
            }
            for (int v = 0; v < in.length; v++) {
                int c = (v / stride[axis]) % n[axis];
                double acc = 0;
                for (int q = -r; q <= r; q++) {
                    int cc = Math.min(n[axis] - 1, Math.max(0, c + q));
                    acc += k[q + r] * a[v + (cc - c) * stride[axis]];
                }
                b[v] = (float) acc;
            }
            float[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
