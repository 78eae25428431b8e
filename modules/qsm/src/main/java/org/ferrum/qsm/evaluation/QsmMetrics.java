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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ferrum.core.VoxelGrid;

/**
 * Scores of a susceptibility map χ against a ground truth χ<sub>t</sub> over an evaluation mask M, with the
 * definitions of the QSM reconstruction challenges, so that methods are compared as the field compares them.
 *
 * <p>Contract. Both maps are first referenced to their own mean over M (χ is only defined up to a constant, and a
 * chain's reference region differs from the truth's): x = (χ − mean<sub>M</sub> χ)·1<sub>M</sub>,
 * y = (χ<sub>t</sub> − mean<sub>M</sub> χ<sub>t</sub>)·1<sub>M</sub> (zero outside M). Then
 * <ul>
 * <li><b>NRMSE</b> = 100 · ‖x − y‖₂ / ‖y‖₂ (%), the "RMSE" of the 2016 QSM reconstruction challenge (Langkammer et
 *     al., Magn Reson Med 2018;79:1661, computed there on masked maps; we remove both means over M first, which
 *     is what the figures quote);</li>
 * <li><b>HFEN</b> = 100 · ‖LoG ∗ x − LoG ∗ y‖₂ / ‖LoG ∗ y‖₂ (%), the high-frequency error norm of Ravishankar &amp;
 *     Bresler (IEEE Trans Med Imaging 2011;30:1028) as the 2016 challenge used it: a 15×15×15 Laplacian-of-Gaussian
 *     kernel with σ = 1.5 voxels, H = (Σ<sub>d</sub> x<sub>d</sub>²/σ⁴ − 3/σ²)·G/ΣG minus its own mean (so it sums to 0);
 *     norms over the whole grid (the filtered maps spread 7 voxels beyond M);</li>
 * <li><b>SSIM</b> = the mean over M of Wang et al.'s structural similarity (IEEE Trans Image Process 2004;13:600) in
 *     3-D: ((2μ<sub>x</sub>μ<sub>y</sub> + C1)(2σ<sub>xy</sub> + C2)) / ((μ<sub>x</sub>² + μ<sub>y</sub>² + C1)(σ<sub>x</sub>² +
 *     σ<sub>y</sub>² + C2)) with local statistics under a Gaussian window of σ = 1.5 voxels truncated at 11×11×11
 *     (Wang's 11×11 window made 3-D), C1 = (K1·L)², C2 = (K2·L)², default K1 = 0.01, K2 = 0.03 and L = 1 ppm: the maps
 *     in their native ppm, not rescaled, as the 2019 challenge's re-implementation (Marques et al., Magn Reson Med
 *     2021;86:526) recommends (it also uses K2 = 0.001, selectable here);</li>
 * <li><b>correlation</b> = Pearson's r of χ and χ<sub>t</sub> over M;</li>
 * <li><b>ROI errors</b>, for every label ℓ &gt; 0 with voxels in M: mean<sub>ℓ∩M</sub> x − mean<sub>ℓ∩M</sub> y, in
 *     ppb, and in % of |mean<sub>ℓ∩M</sub> y| (so a nucleus mean is scored relative to the evaluation mask's mean, in
 *     both maps).</li>
 * </ul>
 * Arrays are x fastest on {@code grid}; σ and window sizes are in voxels (the challenges' convention). NaN voxels of χ
 * inside M are an error (a chain that leaves holes must shrink its mask).
 */
public final class QsmMetrics {

    /** HFEN's Laplacian-of-Gaussian: 15 taps per axis, σ = 1.5 voxels (Ravishankar &amp; Bresler 2011). */
    public static final int HFEN_KERNEL_SIZE = 15;

    public static final double HFEN_SIGMA_VOXELS = 1.5;
    /** SSIM's Gaussian window: σ = 1.5 voxels over 11 taps per axis (Wang et al. 2004). */
    public static final double SSIM_SIGMA_VOXELS = 1.5;

    public static final int SSIM_WINDOW_SIZE = 11;

    /** SSIM's constants: C1 = (k1·L)², C2 = (k2·L)², L in ppm. */
    public record SsimConstants(double k1, double k2, double dynamicRangePpm) {
        /** Wang et al. 2004: K1 0.01, K2 0.03; L 1 ppm on native maps. */
        public static final SsimConstants DEFAULTS = new SsimConstants(0.01, 0.03, 1.0);

        public SsimConstants {
            if (!(k1 > 0) || !(k2 > 0) || !(dynamicRangePpm > 0)) {
                throw new IllegalArgumentException(
                        "SSIM needs K1, K2 and L > 0, got " + k1 + ", " + k2 + ", " + dynamicRangePpm);
            }
        }
    }

    /** The error of one labelled region: means relative to the mask mean (ppm), error in ppb and %. */
    public record RoiError(
            int label, long voxels, double meanPpm, double truthPpm, double errorPpb, double errorPercent) {}

    /** Every score. */
    public record Result(
            long voxels,
            double nrmsePercent,
            double hfenPercent,
            double ssim,
            double correlation,
            List<RoiError> rois) {
        /** The region of {@code label}, or null if it has no voxel in M. */
        public RoiError roi(int label) {
            return rois.stream().filter(r -> r.label() == label).findFirst().orElse(null);
        }
    }

    private final VoxelGrid grid;
    private final boolean[] mask;
    private final long voxels;

    /**
     * Metrics over {@code mask} on {@code grid}.
     *
     * @throws IllegalArgumentException if the mask is empty or not of the grid's size
     */
    public QsmMetrics(VoxelGrid grid, boolean[] mask) {
        if (mask.length != grid.size()) {
            throw new IllegalArgumentException("mask has " + mask.length + " voxels, the grid " + grid.size());
        }
        long n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the evaluation mask is empty");
        }
        this.grid = grid;
        this.mask = mask;
        this.voxels = n;
    }

    /** All scores; {@code labels} may be null (no ROI errors). */
    public Result evaluate(float[] chi, float[] truth, float[] labels, SsimConstants ssim) {
        double[] x = referenced(chi, "chi"), y = referenced(truth, "truth");
        return new Result(
                voxels,
                nrmse(x, y),
                hfen(x, y),
                ssim(x, y, ssim),
                correlation(chi, truth),
                labels == null ? List.of() : roiErrors(x, y, labels));
    }

    /** NRMSE in % (see the class contract). */
    public double nrmse(float[] chi, float[] truth) {
        return nrmse(referenced(chi, "chi"), referenced(truth, "truth"));
    }

    /** HFEN in % (see the class contract). */
    public double hfen(float[] chi, float[] truth) {
        return hfen(referenced(chi, "chi"), referenced(truth, "truth"));
    }

    /** Mean SSIM over the mask (see the class contract). */
    public double ssim(float[] chi, float[] truth, SsimConstants constants) {
        return ssim(referenced(chi, "chi"), referenced(truth, "truth"), constants);
    }

    /** Pearson's correlation over the mask. */
    public double correlation(float[] chi, float[] truth) {
        double mx = 0, my = 0;
        for (int n = 0; n < mask.length; n++) {
            if (mask[n]) {
                mx += chi[n];
                my += truth[n];
            }
        }
        mx /= voxels;
        my /= voxels;
        double sxy = 0, sxx = 0, syy = 0;
        for (int n = 0; n < mask.length; n++) {
            if (mask[n]) {
                double a = chi[n] - mx, b = truth[n] - my;
                sxy += a * b;
                sxx += a * a;
                syy += b * b;
            }
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** (v − mean over M) inside M, 0 outside. */
    private double[] referenced(float[] v, String what) {
        if (v.length != mask.length) {
            throw new IllegalArgumentException(what + " has " + v.length + " voxels, the mask " + mask.length);
        }
        double mean = 0;
        for (int n = 0; n < v.length; n++) {
            if (mask[n]) {
                if (!Float.isFinite(v[n])) {
                    throw new IllegalArgumentException(
                            what + " is not finite at voxel " + n + " inside the evaluation mask");
                }
                mean += v[n];
            }
        }
        mean /= voxels;
        double[] out = new double[v.length];
        for (int n = 0; n < v.length; n++) {
            out[n] = mask[n] ? v[n] - mean : 0;
        }
        return out;
    }

    private static double nrmse(double[] x, double[] y) {
        double e = 0, r = 0;
        for (int n = 0; n < x.length; n++) {
            e += (x[n] - y[n]) * (x[n] - y[n]);
            r += y[n] * y[n];
        }
        return 100 * Math.sqrt(e / r);
    }

    private double hfen(double[] x, double[] y) {
        double[] lx = laplacianOfGaussian(x), ly = laplacianOfGaussian(y);
        return nrmse(lx, ly);
    }

    /**
     * The 2016 challenge's LoG filter, applied separably: H = Σ<sub>d</sub> (x<sub>d</sub>²/σ⁴)·G − (3/σ²)·G − c with G
     * the normalised Gaussian (a product of 1-D ones) and c the mean of the first two terms over the 15³ box.
     */
    double[] laplacianOfGaussian(double[] f) {
        int h = HFEN_KERNEL_SIZE / 2;
        double s = HFEN_SIGMA_VOXELS;
        double[] g = SeparableFilter.gaussian(h, s);
        double[] a = new double[g.length];
        double sumA = 0;
        for (int t = -h; t <= h; t++) {
            a[t + h] = t * t / (s * s * s * s) * g[t + h];
            sumA += a[t + h];
        }
        double[] box = new double[g.length];
        java.util.Arrays.fill(box, 1);
        double c = (3 * sumA - 3 / (s * s)) / Math.pow(HFEN_KERNEL_SIZE, 3); // Σg = 1 per axis
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        double[] gz = SeparableFilter.along(f, nx, ny, nz, 2, g);
        double[] az = SeparableFilter.along(f, nx, ny, nz, 2, a);
        double[] gyz = SeparableFilter.along(gz, nx, ny, nz, 1, g);
        double[] ayGz = SeparableFilter.along(gz, nx, ny, nz, 1, a);
        double[] gyAz = SeparableFilter.along(az, nx, ny, nz, 1, g);
        double[] t1 = SeparableFilter.along(gyz, nx, ny, nz, 0, a); // a_x g_y g_z
        double[] gall = SeparableFilter.along(gyz, nx, ny, nz, 0, g);
        double[] t2 = SeparableFilter.along(ayGz, nx, ny, nz, 0, g);
        double[] t3 = SeparableFilter.along(gyAz, nx, ny, nz, 0, g);
        double[] boxSum = SeparableFilter.isotropic(f, nx, ny, nz, box);
        double[] out = new double[f.length];
        for (int n = 0; n < f.length; n++) {
            out[n] = t1[n] + t2[n] + t3[n] - 3 / (s * s) * gall[n] - c * boxSum[n];
        }
        return out;
    }

    private double ssim(double[] x, double[] y, SsimConstants k) {
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        double[] w = SeparableFilter.gaussian(SSIM_WINDOW_SIZE / 2, SSIM_SIGMA_VOXELS);
        double[] xx = new double[x.length], yy = new double[x.length], xy = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            xx[n] = x[n] * x[n];
            yy[n] = y[n] * y[n];
            xy[n] = x[n] * y[n];
        }
        double[] mx = SeparableFilter.isotropic(x, nx, ny, nz, w), my = SeparableFilter.isotropic(y, nx, ny, nz, w);
        double[] sxx = SeparableFilter.isotropic(xx, nx, ny, nz, w), syy = SeparableFilter.isotropic(yy, nx, ny, nz, w);
        double[] sxy = SeparableFilter.isotropic(xy, nx, ny, nz, w);
        double c1 = Math.pow(k.k1() * k.dynamicRangePpm(), 2), c2 = Math.pow(k.k2() * k.dynamicRangePpm(), 2);
        double sum = 0;
        for (int n = 0; n < x.length; n++) {
            if (!mask[n]) {
                continue;
            }
            double ux = mx[n], uy = my[n];
            double vx = sxx[n] - ux * ux, vy = syy[n] - uy * uy, cxy = sxy[n] - ux * uy;
            sum += (2 * ux * uy + c1) * (2 * cxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        }
        return sum / voxels;
    }

    private List<RoiError> roiErrors(double[] x, double[] y, float[] labels) {
        if (labels.length != mask.length) {
            throw new IllegalArgumentException("labels have " + labels.length + " voxels, the mask " + mask.length);
        }
        Map<Integer, double[]> sums = new TreeMap<>();
        for (int n = 0; n < mask.length; n++) {
            int l = Math.round(labels[n]);
            if (mask[n] && l > 0) {
                double[] s = sums.computeIfAbsent(l, q -> new double[3]);
                s[0] += x[n];
                s[1] += y[n];
                s[2]++;
            }
        }
        List<RoiError> out = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            double mean = s[0] / s[2], truth = s[1] / s[2];
            out.add(new RoiError(
                    e.getKey(),
                    (long) s[2],
                    mean,
                    truth,
                    1000 * (mean - truth),
                    100 * (mean - truth) / Math.abs(truth)));
        }
        return out;
    }
}
