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
package org.ferrum.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ferrum.core.Geometry;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Deformable registration by log-domain diffeomorphic demons (Vercauteren, Pennec, Perchant, Ayache, "Symmetric
 * log-domain diffeomorphic registration: a demons-based approach", MICCAI 2008; and "Diffeomorphic demons", NeuroImage
 * 45:S61, 2009). The transformation is φ = exp(v) of a stationary velocity field v on the fixed grid, so it is a
 * diffeomorphism by construction and its inverse is exactly exp(−v).
 *
 * <p>One iteration at a level: φ = exp(v) by scaling and squaring; W = M∘φ (trilinear); an update field u from the
 * chosen similarity; u smoothed by a Gaussian of σ<sub>fluid</sub> ("fluid-like" regularisation); v ← v + u (the
 * first-order term of the Baker–Campbell–Hausdorff formula, as in the 2008 paper); v smoothed by a Gaussian of
 * σ<sub>diffusion</sub> ("diffusion-like" regularisation). Similarities:
 * <ul>
 * <li>{@link Similarity#SSD}: the symmetric (ESM) demons force u = (F − W)·J / (|J|² + (F − W)²/σ<sub>x</sub>²),
 *     J = (∇F + ∇W)/2 (2009 paper, eq. 8–9), σ<sub>x</sub> = 2·{@code maxStep}, so |u| ≤ maxStep voxels. For images of
 *     the same contrast (a visit onto its baseline, a template onto a subject of the same modality). Both images (for
 *     either similarity) are first mapped linearly from their 0.5–99.5 % percentiles to [0, 1], so a global gain
 *     change does not matter.</li>
 * <li>{@link Similarity#LNCC}: the gradient of the local (windowed) squared correlation A²/(BC) of Avants et al.
 *     (Med. Image Anal. 12:26, 2008, the "CC" metric of ANTs SyN): (2A/(BC))·((f − f̄) − (A/C)(w − w̄))·∇W, scaled at
 *     each level's first iteration so its 99th percentile over the mask is {@code maxStep} voxels, and capped there.
 *     For images whose intensities are related locally by a monotone map (another scanner, gain, bias, a template of
 *     another sequence of similar weighting). Not for a T1-weighted image onto a GRE magnitude: on the head phantom
 *     that fails (module README, "Deformable stage"). Windows whose variance is under 1 % of the image's exert no force.</li>
 * </ul>
 * Multi-resolution: {@code levels} levels of block-averaged images shrunk by 2<sup>levels−1</sup> … 1; v is carried
 * to the next level by trilinear upsampling (doubling its voxel-unit length). Stopping rule per level: at most
 * {@code iterations}, stopped earlier (and called converged) when the energy (the mean squared difference, or 1 −
 * mean local correlation) fell by less than {@code tolerance} (relative) over the last {@value #WINDOW} iterations.
 * Smoothing widths and steps are in voxels of the current level, as in ITK's demons filters.
 *
 * <p>All of this happens on the fixed grid, in its voxel units; the moving image is first resampled onto the fixed grid
 * through the initial transform (one trilinear interpolation), and the registered output is resampled once more from
 * the original moving image through the final transform.
 */
public final class DiffeomorphicDemons {

    /** Iterations over which the relative energy decrease is measured by the stopping rule. */
    public static final int WINDOW = 5;

    /** The similarity the forces come from. */
    public enum Similarity {
        /** Sum of squared differences, symmetric demons forces (same contrast). */
        SSD("ssd"),
        /** Local normalised cross-correlation (different contrasts). */
        LNCC("lncc");

        private final String key;

        Similarity(String key) {
            this.key = key;
        }

        /** The name used in parameters and tables. */
        public String key() {
            return key;
        }

        /** The similarity named {@code key} ({@code ssd} or {@code lncc}). */
        public static Similarity of(String key) {
            for (Similarity s : values()) {
                if (s.key.equalsIgnoreCase(key)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown similarity '" + key + "' (ssd or lncc)");
        }
    }

    /**
     * Parameters (the defaults live here only).
     *
     * @param similarity     forces from SSD or local NCC
     * @param levels         resolution levels (1 = full resolution only)
     * @param iterations     the most iterations at the coarsest level; each finer level allows half as many (at least
     *                       {@value #WINDOW} + 1), as full-resolution iterations cost 8× more and start near the answer
     * @param imageSigma     σ of the Gaussian smoothing both images at every level before forces are computed, voxels
     * @param fluidSigma     σ of the Gaussian smoothing the update field, voxels (0: none)
     * @param diffusionSigma σ of the Gaussian smoothing the velocity field, voxels (0: none)
     * @param maxStep        largest update per iteration, voxels
     * @param lnccRadius     half-width of the local correlation window, voxels (window 2r + 1)
     * @param tolerance      relative energy decrease over {@value #WINDOW} iterations below which a level has converged
     */
    public record Params(
            Similarity similarity,
            int levels,
            int iterations,
            double imageSigma,
            double fluidSigma,
            double diffusionSigma,
            double maxStep,
            int lnccRadius,
            double tolerance) {

        public static final Params DEFAULTS = new Params(Similarity.SSD, 3, 64, 1.0, 1.0, 1.5, 1.0, 2, 1e-3);

        public Params {
            Objects.requireNonNull(similarity, "similarity");
            if (levels < 1 || levels > 6) {
                throw new IllegalArgumentException("levels must be 1…6, got " + levels);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be ≥ 1, got " + iterations);
            }
            if (!(imageSigma >= 0) || !(fluidSigma >= 0) || !(diffusionSigma >= 0)) {
                throw new IllegalArgumentException("smoothing σ must be ≥ 0 voxels");
            }
            if (!(maxStep > 0)) {
                throw new IllegalArgumentException("max step must be > 0 voxels, got " + maxStep);
            }
            if (lnccRadius < 1) {
                throw new IllegalArgumentException("local correlation radius must be ≥ 1 voxel, got " + lnccRadius);
            }
            if (Double.isNaN(tolerance)) {
                throw new IllegalArgumentException("tolerance must be a number");
            }
        }

        public Params withSimilarity(Similarity s) {
            return new Params(
                    s, levels, iterations, imageSigma, fluidSigma, diffusionSigma, maxStep, lnccRadius, tolerance);
        }

        public Params withLevels(int l, int iters) {
            return new Params(
                    similarity, l, iters, imageSigma, fluidSigma, diffusionSigma, maxStep, lnccRadius, tolerance);
        }
    }

    /** What one resolution level did. */
    public record Level(
            int shrink, int[] dims, int iterations, boolean converged, double energyBefore, double energyAfter) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "level 1/%d (%d×%d×%d): %d iterations, %s, energy %.5g → %.5g",
                    shrink,
                    dims[0],
                    dims[1],
                    dims[2],
                    iterations,
                    converged ? "converged" : "stopped at the iteration limit",
                    energyBefore,
                    energyAfter);
        }
    }

    /**
     * The outcome.
     *
     * @param field             φ = exp(v) on the fixed grid (fixed point → point of the initial transform's input)
     * @param transform         the whole fixed → moving transform: the initial transform after φ (φ alone if none)
     * @param levels            per level, coarse to fine
     * @param correlationBefore Pearson correlation of fixed and moving (through the initial transform) over the mask
     * @param correlationAfter  the same after registration
     * @param registered        the moving image resampled onto the fixed grid through {@code transform}
     */
    public record Result(
            DisplacementFieldTransform field,
            SpatialTransform transform,
            List<Level> levels,
            double correlationBefore,
            double correlationAfter,
            float[] registered) {

        /** Whether the finest level stopped by the stopping rule (not the iteration limit). */
        public boolean converged() {
            return levels.get(levels.size() - 1).converged();
        }

        /** Iterations over all levels. */
        public int totalIterations() {
            return levels.stream().mapToInt(Level::iterations).sum();
        }
    }

    /** Progress in [0, 1] with a message, called from the calling thread only. */
    @FunctionalInterface
    public interface Progress {
        void report(double fraction, String message);

        Progress NONE = (f, m) -> {};
    }

    /** An image on a grid: values x fastest, sizes, voxel → LPS geometry. */
    public record Image(float[] values, int[] dims, Geometry geometry) {
        public Image {
            if ((long) dims[0] * dims[1] * dims[2] != values.length) {
                throw new IllegalArgumentException(
                        "image of " + values.length + " values is not " + dims[0] + "×" + dims[1] + "×" + dims[2]);
            }
        }
    }

    private DiffeomorphicDemons() {}

    /**
     * Registers {@code moving} onto {@code fixed}.
     *
     * @param fixedMask where forces and similarities count (null: everywhere); on the fixed grid
     * @param initial   the transform to start from (fixed → moving, e.g. an affine); null for the identity
     */
    public static Result register(
            Image fixed,
            Image moving,
            boolean[] fixedMask,
            SpatialTransform initial,
            Params params,
            Cancellation cancellation,
            Progress progress) {
        int[] dims = fixed.dims();
        int size = fixed.values().length;
        boolean[] mask = fixedMask;
        if (mask == null) {
            mask = new boolean[size];
            Arrays.fill(mask, true);
        } else if (mask.length != size) {
            throw new IllegalArgumentException("fixed mask has " + mask.length + " voxels, the fixed image " + size);
        }
        float[] movingOnFixed = pull(moving, dims, fixed.geometry(), initial, cancellation);
        float[] f = fixed.values().clone(), m = movingOnFixed.clone();
        // both similarities see the images on a common scale (percentiles 0.5–99.5 % → 0–1): SSD needs it, and the
        // local correlation's flat-window test and force scaling are then in the same units for every pair
        normalise(f, mask);
        normalise(m, mask);
        double correlationBefore = correlation(f, m, mask);

        long total = 0;
        int[][] levelDims = new int[params.levels()][];
        for (int l = 0; l < params.levels(); l++) {
            int s = 1 << (params.levels() - 1 - l);
            levelDims[l] = new int[] {ceilDiv(dims[0], s), ceilDiv(dims[1], s), ceilDiv(dims[2], s)};
            total += (long) levelDims[l][0] * levelDims[l][1] * levelDims[l][2] * iterationLimit(params, l);
        }
        long done = 0;
        VoxelField v = null;
        List<Level> levels = new ArrayList<>();
        for (int l = 0; l < params.levels(); l++) {
            int s = 1 << (params.levels() - 1 - l);
            int[] ld = levelDims[l];
            long levelSize = (long) ld[0] * ld[1] * ld[2];
            float[] fl = shrink(f, dims, s, ld);
            float[] ml = shrink(m, dims, s, ld);
            if (params.imageSigma() > 0) { // forces from noise-free-ish gradients: demons steps are normalised,
                // so in flat noisy regions unsmoothed images would drive a random walk of up to maxStep per iteration
                fl = fl == f ? fl.clone() : fl;
                ml = ml == m ? ml.clone() : ml;
                VoxelField.gaussian(fl, ld[0], ld[1], ld[2], params.imageSigma(), cancellation);
                VoxelField.gaussian(ml, ld[0], ld[1], ld[2], params.imageSigma(), cancellation);
            }
            boolean[] maskl = shrinkMask(mask, dims, s, ld);
            v = v == null ? new VoxelField(ld[0], ld[1], ld[2]) : v.upsampled(ld[0], ld[1], ld[2], cancellation);
            LevelRun run = new LevelRun(fl, ml, maskl, ld, params, cancellation);
            int limit = iterationLimit(params, l);
            double[] energies = new double[limit + 1];
            int it = 0;
            boolean converged = false;
            for (; it < limit; it++) {
                cancellation.throwIfCancelled("deformable registration");
                energies[it] = run.iterate(v);
                if (it >= WINDOW) {
                    double old = energies[it - WINDOW];
                    if (old - energies[it] <= params.tolerance() * Math.abs(old)) {
                        converged = true;
                        break;
                    }
                }
                progress.report(
                        (double) (done + levelSize * (it + 1)) / total,
                        String.format(Locale.ROOT, "level 1/%d, iteration %d, energy %.5g", s, it + 1, energies[it]));
            }
            double after = converged ? energies[it] : run.energy(v);
            levels.add(new Level(s, ld, it, converged, energies[0], after));
            done += levelSize * limit;
            progress.report((double) done / total, levels.get(levels.size() - 1).toString());
        }
        DisplacementFieldTransform field = DisplacementFieldTransform.ofVelocity(fixed.geometry(), v, cancellation);
        float[] warped = warp(m, field.voxelDisplacement(), cancellation);
        double correlationAfter = correlation(f, warped, mask);
        // queue (initial, field): the field is applied to the fixed point first, then the initial transform (ITK order)
        SpatialTransform transform = initial == null ? field : CompositeTransform.ofQueue(initial, field);
        float[] registered = pull(moving, dims, fixed.geometry(), transform, cancellation);
        return new Result(field, transform, List.copyOf(levels), correlationBefore, correlationAfter, registered);
    }

    /** The iteration limit at level l (0 = coarsest). */
    static int iterationLimit(Params params, int l) {
        return Math.max(WINDOW + 1, params.iterations() >> l);
    }

    /** The work arrays of one level. */
    private static final class LevelRun {
        final float[] f, m;
        final boolean[] mask;
        final int nx, ny, nz;
        final Params params;
        final Cancellation cancellation;
        final float[][] gradF;
        double lnccScale = Double.NaN;

        LevelRun(float[] f, float[] m, boolean[] mask, int[] d, Params params, Cancellation cancellation) {
            this.f = f;
            this.m = m;
            this.mask = mask;
            this.nx = d[0];
            this.ny = d[1];
            this.nz = d[2];
            this.params = params;
            this.cancellation = cancellation;
            this.gradF = gradient(f, nx, ny, nz);
        }

        /** One iteration on v (in place); returns the energy before the update. */
        double iterate(VoxelField v) {
            VoxelField phi = v.exponential(cancellation);
            float[] w = warp(m, phi, cancellation);
            float[][] gradW = gradient(w, nx, ny, nz);
            VoxelField u = new VoxelField(nx, ny, nz);
            double energy = params.similarity() == Similarity.SSD ? ssdForce(w, gradW, u) : lnccForce(w, gradW, u);
            u.smooth(params.fluidSigma(), cancellation);
            for (int n = 0; n < u.size(); n++) {
                v.x[n] += u.x[n];
                v.y[n] += u.y[n];
                v.z[n] += u.z[n];
            }
            v.smooth(params.diffusionSigma(), cancellation);
            return energy;
        }

        /** The energy of v without updating it. */
        double energy(VoxelField v) {
            float[] w = warp(m, v.exponential(cancellation), cancellation);
            if (params.similarity() == Similarity.SSD) {
                double s = 0;
                long count = 0;
                for (int n = 0; n < w.length; n++) {
                    if (mask[n]) {
                        double e = f[n] - w[n];
                        s += e * e;
                        count++;
                    }
                }
                return count == 0 ? 0 : s / count;
            }
            return 1 - meanLocalCorrelation(f, w, mask, nx, ny, nz, params.lnccRadius(), null, cancellation);
        }

        private double ssdForce(float[] w, float[][] gradW, VoxelField u) {
            double sigmaX2 = 4 * params.maxStep() * params.maxStep();
            double[] sums = new double[nz * 2];
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                for (int k = (int) from; k < to; k++) {
                    double s = 0, c = 0;
                    for (int n = nx * ny * k, end = n + nx * ny; n < end; n++) {
                        if (!mask[n]) {
                            continue;
                        }
                        double diff = f[n] - w[n];
                        s += diff * diff;
                        c++;
                        double jx = 0.5 * (gradF[0][n] + gradW[0][n]);
                        double jy = 0.5 * (gradF[1][n] + gradW[1][n]);
                        double jz = 0.5 * (gradF[2][n] + gradW[2][n]);
                        double den = jx * jx + jy * jy + jz * jz + diff * diff / sigmaX2;
                        if (den < 1e-12) {
                            continue;
                        }
                        double a = diff / den;
                        u.x[n] = (float) (a * jx);
                        u.y[n] = (float) (a * jy);
                        u.z[n] = (float) (a * jz);
                    }
                    sums[2 * k] = s;
                    sums[2 * k + 1] = c;
                }
            });
            double s = 0, c = 0;
            for (int k = 0; k < nz; k++) {
                s += sums[2 * k];
                c += sums[2 * k + 1];
            }
            return c == 0 ? 0 : s / c;
        }

        private double lnccForce(float[] w, float[][] gradW, VoxelField u) {
            float[] factor = new float[f.length];
            double mean = meanLocalCorrelation(f, w, mask, nx, ny, nz, params.lnccRadius(), factor, cancellation);
            float[] norms = new float[f.length];
            int count = 0;
            for (int n = 0; n < f.length; n++) {
                if (mask[n]) {
                    double a = factor[n];
                    u.x[n] = (float) (a * gradW[0][n]);
                    u.y[n] = (float) (a * gradW[1][n]);
                    u.z[n] = (float) (a * gradW[2][n]);
                    norms[count++] = (float)
                            Math.sqrt((double) u.x[n] * u.x[n] + (double) u.y[n] * u.y[n] + (double) u.z[n] * u.z[n]);
                }
            }
            if (Double.isNaN(lnccScale)) {
                float[] sorted = Arrays.copyOf(norms, count);
                Arrays.sort(sorted);
                double p99 = count == 0 ? 0 : sorted[Math.min(count - 1, (int) (0.99 * count))];
                lnccScale = p99 > 0 ? params.maxStep() / p99 : 0;
            }
            double cap = params.maxStep();
            for (int n = 0; n < f.length; n++) {
                double sx = u.x[n] * lnccScale, sy = u.y[n] * lnccScale, sz = u.z[n] * lnccScale;
                double len = Math.sqrt(sx * sx + sy * sy + sz * sz);
                double shrink = len > cap ? cap / len : 1;
                u.x[n] = (float) (sx * shrink);
                u.y[n] = (float) (sy * shrink);
                u.z[n] = (float) (sz * shrink);
            }
            return 1 - mean;
        }
    }

    /**
     * Mean over the mask of the local squared correlation A²/(BC) in (2r+1)³ windows (Avants et al. 2008); where
     * {@code factor} is given, also the per-voxel force factor 2A/(BC)·((f − f̄) − (A/C)(w − w̄)) (0 where a window is
     * flat).
     */
    static double meanLocalCorrelation(
            float[] f,
            float[] w,
            boolean[] mask,
            int nx,
            int ny,
            int nz,
            int r,
            float[] factor,
            Cancellation cancellation) {
        int size = f.length;
        float[] sf = f.clone(), sw = w.clone(), sff = new float[size], sww = new float[size], sfw = new float[size];
        for (int n = 0; n < size; n++) {
            sff[n] = f[n] * f[n];
            sww[n] = w[n] * w[n];
            sfw[n] = f[n] * w[n];
        }
        float[] box = new float[2 * r + 1];
        Arrays.fill(box, 1f / box.length);
        for (float[] a : new float[][] {sf, sw, sff, sww, sfw}) {
            for (int axis = 0; axis < 3; axis++) {
                VoxelField.convolveLines(a, nx, ny, nz, axis, box, cancellation);
            }
        }
        // Windows whose local variance is below 1 % of the image's (local SD < 10 % of the global SD) are flat: noise
        // only (e.g. the air around the head). Their correlation is 0 and they exert no force, else the 1/(BC) factor
        // would make noise the strongest force of all.
        double flatF = 0.01 * variance(f, mask), flatW = 0.01 * variance(w, mask);
        double sum = 0;
        long count = 0;
        for (int n = 0; n < size; n++) {
            double mf = sf[n], mw = sw[n];
            double a = sfw[n] - mf * mw, b = sff[n] - mf * mf, c = sww[n] - mw * mw;
            double cc = 0, g = 0;
            if (b > flatF && c > flatW && b > 1e-12 && c > 1e-12) {
                cc = a * a / (b * c);
                g = 2 * a / (b * c) * ((f[n] - mf) - a / c * (w[n] - mw));
            }
            if (factor != null) {
                factor[n] = (float) g;
            }
            if (mask[n]) {
                sum += cc;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** The variance of a over the mask. */
    static double variance(float[] a, boolean[] mask) {
        double s = 0, ss = 0;
        long n = 0;
        for (int q = 0; q < a.length; q++) {
            if (mask[q]) {
                s += a[q];
                ss += (double) a[q] * a[q];
                n++;
            }
        }
        return n < 2 ? 0 : Math.max(0, (ss - s * s / n) / (n - 1));
    }

    /** m∘(id + d) on m's grid (trilinear, edges clamped). */
    static float[] warp(float[] m, VoxelField d, Cancellation cancellation) {
        int nx = d.nx, ny = d.ny, nz = d.nz;
        float[] out = new float[m.length];
        ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    int n = nx * (j + ny * k);
                    for (int i = 0; i < nx; i++, n++) {
                        out[n] = (float) VoxelField.sample(m, nx, ny, nz, i + d.x[n], j + d.y[n], k + d.z[n]);
                    }
                }
            }
        });
        return out;
    }

    /** Central-difference gradient in voxel units (one-sided at the edges). */
    static float[][] gradient(float[] a, int nx, int ny, int nz) {
        float[][] g = new float[3][a.length];
        ParallelLoop.forEachChunk(nz, 1, Cancellation.NEVER, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int n = i + nx * (j + ny * k);
                        g[0][n] = (float) VoxelField.derivative(a, n, i, nx, 1);
                        g[1][n] = (float) VoxelField.derivative(a, n, j, ny, nx);
                        g[2][n] = (float) VoxelField.derivative(a, n, k, nz, nx * ny);
                    }
                }
            }
        });
        return g;
    }

    /**
     * The moving image on the fixed grid: at every fixed voxel centre p, moving(t(p)) by trilinear interpolation (t
     * null: identity), 0 outside the moving grid's extent.
     */
    public static float[] pull(Image moving, int[] dims, Geometry fixedGeometry, SpatialTransform t, Cancellation c) {
        double[] a = fixedGeometry.affine();
        double[] inv = DisplacementFieldTransform.invert4(moving.geometry().affine());
        int nx = dims[0], ny = dims[1], nz = dims[2];
        int mx = moving.dims()[0], my = moving.dims()[1], mz = moving.dims()[2];
        float[] mv = moving.values();
        float[] out = new float[nx * ny * nz];
        ParallelLoop.forEachChunk(nz, 1, c, (from, to) -> {
            double[] p = new double[3], q = new double[3];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    int n = nx * (j + ny * k);
                    for (int i = 0; i < nx; i++, n++) {
                        p[0] = a[0] * i + a[1] * j + a[2] * k + a[3];
                        p[1] = a[4] * i + a[5] * j + a[6] * k + a[7];
                        p[2] = a[8] * i + a[9] * j + a[10] * k + a[11];
                        if (t != null) {
                            t.apply(p, q);
                        } else {
                            q[0] = p[0];
                            q[1] = p[1];
                            q[2] = p[2];
                        }
                        double u = inv[0] * q[0] + inv[1] * q[1] + inv[2] * q[2] + inv[3];
                        double v = inv[4] * q[0] + inv[5] * q[1] + inv[6] * q[2] + inv[7];
                        double w = inv[8] * q[0] + inv[9] * q[1] + inv[10] * q[2] + inv[11];
                        if (u < -0.5 || v < -0.5 || w < -0.5 || u > mx - 0.5 || v > my - 0.5 || w > mz - 0.5) {
                            out[n] = 0;
                        } else {
                            out[n] = (float) VoxelField.sample(mv, mx, my, mz, u, v, w);
                        }
                    }
                }
            }
        });
        return out;
    }

    /** Pearson correlation of a and b over the mask. */
    public static double correlation(float[] a, float[] b, boolean[] mask) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (int q = 0; q < a.length; q++) {
            if (mask == null || mask[q]) {
                sa += a[q];
                sb += b[q];
                saa += (double) a[q] * a[q];
                sbb += (double) b[q] * b[q];
                sab += (double) a[q] * b[q];
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double cab = sab - sa * sb / n, caa = saa - sa * sa / n, cbb = sbb - sb * sb / n;
        return caa > 0 && cbb > 0 ? cab / Math.sqrt(caa * cbb) : Double.NaN;
    }

    /** Maps the 0.5 % and 99.5 % percentiles inside the mask (of a subsample) linearly to 0 and 1. */
    static void normalise(float[] a, boolean[] mask) {
        int step = Math.max(1, a.length / 200_000);
        float[] s = new float[a.length / step + 1];
        int c = 0;
        for (int n = 0; n < a.length; n += step) {
            if (mask[n] && Float.isFinite(a[n])) {
                s[c++] = a[n];
            }
        }
        if (c == 0) {
            return;
        }
        Arrays.sort(s, 0, c);
        double lo = s[(int) (0.005 * (c - 1))], hi = s[(int) Math.ceil(0.995 * (c - 1))];
        double scale = hi > lo ? 1 / (hi - lo) : 1;
        for (int n = 0; n < a.length; n++) {
            a[n] = Float.isFinite(a[n]) ? (float) ((a[n] - lo) * scale) : 0f;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Block mean of s×s×s blocks (partial blocks at the far edges averaged over what they hold). */
    static float[] shrink(float[] a, int[] dims, int s, int[] out) {
        if (s == 1) {
            return a;
        }
        int nx = dims[0], ny = dims[1], nz = dims[2];
        float[] r = new float[out[0] * out[1] * out[2]];
        ParallelLoop.forEachChunk(out[2], 1, Cancellation.NEVER, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < out[1]; j++) {
                    for (int i = 0; i < out[0]; i++) {
                        double sum = 0;
                        int c = 0;
                        for (int kk = k * s; kk < Math.min(nz, k * s + s); kk++) {
                            for (int jj = j * s; jj < Math.min(ny, j * s + s); jj++) {
                                for (int ii = i * s; ii < Math.min(nx, i * s + s); ii++) {
                                    sum += a[ii + nx * (jj + ny * kk)];
                                    c++;
                                }
                            }
                        }
                        r[i + out[0] * (j + out[1] * k)] = (float) (sum / c);
                    }
                }
            }
        });
        return r;
    }

    /** A coarse voxel is inside when at least half its block is. */
    static boolean[] shrinkMask(boolean[] mask, int[] dims, int s, int[] out) {
        if (s == 1) {
            return mask;
        }
        float[] a = new float[mask.length];
        for (int n = 0; n < mask.length; n++) {
            a[n] = mask[n] ? 1 : 0;
        }
        float[] r = shrink(a, dims, s, out);
        boolean[] b = new boolean[r.length];
        for (int n = 0; n < r.length; n++) {
            b[n] = r[n] >= 0.5f;
        }
        return b;
    }
}
