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
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiConsumer;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Rigid (6 parameters) and affine (12) registration of a moving image to a fixed one by Mattes mutual information or
 * normalised cross-correlation, multi-resolution, with analytic metric gradients and a quasi-Newton (L-BFGS) ascent.
 *
 * <p>Model: y = A (x − c) + c + t, with c the fixed image's centre of mass (inside its mask) and, for the rigid model,
 * A = R<sub>z</sub>R<sub>x</sub>R<sub>y</sub> (ITK's Euler3DTransform order, see {@link RigidTransform}). Without an
 * initial transform the start is the identity matrix with t = (moving centre of mass − fixed centre of mass); with one
 * (it must be linear: affine, rigid or a composite of them) the model starts at the identity and the result is the
 * composite (initial, model): the model applied first. The affine model runs two schedules — affine on every level;
 * rigid on the coarse levels and affine on the finest two — and keeps the one with the higher final metric.
 *
 * <p>Metrics, both maximised over a fixed random set of sample points per level (inside the fixed mask; samples that map
 * outside the moving mask are left out at each evaluation; outside the moving image the edge value continues, so that
 * the metric does not jump as samples cross the edge):
 * <ul>
 *   <li>MI: Mattes et al., IEEE Trans Med Imaging 22(1), 2003: a joint histogram of {@code bins}² bins, the fixed
 *       intensity in a zero-order (box) window, the moving intensity in a cubic B-spline Parzen window, so MI is
 *       differentiable: dMI/dm<sub>s</sub> = −1/(NΔ<sub>m</sub>) Σ<sub>κ</sub> β³′(κ − η<sub>s</sub>) ln(p(ι<sub>s</sub>,κ)
 *       / (p<sub>f</sub>(ι<sub>s</sub>) p<sub>m</sub>(κ))), η the moving bin position (the marginal terms cancel because
 *       the histogram sums to 1);
 *   <li>NCC: Pearson's correlation r, dr/dm<sub>s</sub> = (f̃<sub>s</sub> − (S<sub>fm</sub>/S<sub>mm</sub>)
 *       m̃<sub>s</sub>) / √(S<sub>ff</sub>S<sub>mm</sub>) (centred sums).
 * </ul>
 * The moving image is read by trilinear interpolation and its analytic gradient; the chain rule through the index
 * map gives the metric's gradient with respect to A and t at once, and for the rigid model through dR/dθ.
 *
 * <p>Multi-resolution: a Gaussian pyramid, level shrink factors 2<sup>L−1</sup>, …, 2, 1 (e.g. 4-2-1), σ = f/2 voxels
 * before keeping every f-th voxel. Parameter scaling: rotations and matrix entries are multiplied by ρ, the RMS
 * distance of the samples from c, so one unit of every scaled parameter moves the samples by about 1 mm.
 *
 * <p>Optimiser: limited-memory BFGS ascent ({@value #MEMORY} pairs; Nocedal and Wright, Numerical Optimization,
 * 2nd ed., §7.2) in the scaled parameters, each step at most one voxel of the level long, with a backtracking line
 * search (Armijo condition, halving). Regular-step gradient descent (ITK's default) was tried first: on the affine
 * problem it zig-zags in the narrow valley where a rotation trades against a shear and stops short by several mm; the
 * quasi-Newton steps follow that valley. Stopping rule per level: the accepted step (or every backtracked trial) is
 * shorter than {@link Params#minimumStep} × the level's voxel size (converged), or {@code iterations} metric
 * evaluations have been spent (not converged). The registration has converged when its finest level did.
 */
public final class LinearRegistration {

    /** Pairs of steps and gradient changes the L-BFGS optimiser remembers. */
    static final int MEMORY = 7;

    /** The transform model. */
    public enum Model {
        RIGID(6),
        AFFINE(12);

        private final int parameters;

        Model(int parameters) {
            this.parameters = parameters;
        }

        public int parameters() {
            return parameters;
        }
    }

    /** The similarity metric. */
    public enum Metric {
        MI,
        NCC
    }

    /**
     * Settings.
     *
     * @param model       rigid or affine
     * @param metric      Mattes MI (any contrasts) or NCC (same contrast)
     * @param levels      pyramid levels (shrink 2<sup>levels−1</sup> … 1)
     * @param iterations  maximum evaluations per level
     * @param sampling    sample points per level (all voxels of the level's fixed mask when it has fewer)
     * @param bins        MI histogram bins per image
     * @param minimumStep the stopping step, as a fraction of the level's voxel size
     * @param seed        seed of the sample choice
     */
    public record Params(
            Model model,
            Metric metric,
            int levels,
            int iterations,
            int sampling,
            int bins,
            double minimumStep,
            long seed) {
        public static final Params DEFAULTS = new Params(Model.RIGID, Metric.MI, 3, 200, 100_000, 32, 0.005, 1);

        public Params {
            if (levels < 1 || iterations < 1 || sampling < 100 || bins < 8 || !(minimumStep > 0)) {
                throw new IllegalArgumentException("registration settings out of range: " + this);
            }
        }

        public Params withModel(Model m) {
            return new Params(m, metric, levels, iterations, sampling, bins, minimumStep, seed);
        }

        public Params withMetric(Metric m) {
            return new Params(model, m, levels, iterations, sampling, bins, minimumStep, seed);
        }

        public Params withLevels(int l) {
            return new Params(model, metric, l, iterations, sampling, bins, minimumStep, seed);
        }

        public Params withIterations(int i) {
            return new Params(model, metric, levels, i, sampling, bins, minimumStep, seed);
        }

        public Params withSampling(int s) {
            return new Params(model, metric, levels, iterations, s, bins, minimumStep, seed);
        }

        public Params withSeed(long s) {
            return new Params(model, metric, levels, iterations, sampling, bins, minimumStep, s);
        }
    }

    /** How one pyramid level went. */
    public record LevelReport(Model model, int shrink, int samples, int iterations, double metric, boolean converged) {}

    /**
     * The outcome.
     *
     * @param transform   fixed → moving (a {@link RigidTransform} or {@link AffineTransform}, or the composite (initial,
     *                    model) when an initial transform was given)
     * @param finalMetric the metric at the finest level (MI in nats, or NCC)
     * @param iterations  metric evaluations over all levels (and both schedules of the affine model)
     * @param converged   whether the finest level (of the schedule kept) met the step rule
     * @param levels      per level and model, coarse to fine, of the schedule kept
     */
    public record Result(
            SpatialTransform transform,
            double finalMetric,
            int iterations,
            boolean converged,
            List<LevelReport> levels) {}

    private LinearRegistration() {}

    /**
     * Registers {@code moving} to {@code fixed} (3-D, or the first frame of a 4-D volume).
     *
     * @param fixedMask  where to sample the fixed image (null: every voxel with a finite value)
     * @param movingMask where moving samples count (null: everywhere)
     * @param initial    a linear start transform, or null
     * @param progress   (fraction, message) reports, or null
     * @throws IllegalArgumentException if a mask is empty, an initial transform is not linear, or the images do not
     *                                  overlap at some level
     */
    public static Result register(
            Volume<FloatType> fixed,
            Volume<FloatType> moving,
            boolean[] fixedMask,
            boolean[] movingMask,
            SpatialTransform initial,
            Params params,
            Cancellation cancellation,
            BiConsumer<Double, String> progress) {
        AffineTransform initialAffine = null;
        if (initial != null) {
            initialAffine = AffineTransform.of(initial)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "the initial transform must be linear (affine, rigid or a composite of them), got "
                                    + initial.describe()));
        }
        Image f = Image.of(VolumeArrays.frame(fixed, 0), VoxelGrid.of(fixed), fixed.geometry(), fixedMask, "fixed");
        Image m =
                Image.of(VolumeArrays.frame(moving, 0), VoxelGrid.of(moving), moving.geometry(), movingMask, "moving");
        double[] cf = f.centreOfMass();
        double[] t0 = new double[3];
        if (initialAffine == null) {
            double[] cm = m.centreOfMass();
            for (int d = 0; d < 3; d++) {
                t0[d] = cm[d] - cf[d];
            }
        }
        // The affine model is run on two schedules and the one with the higher final metric (same finest-level samples)
        // is kept: affine on every level from the start, and rigid on the coarse levels with affine on the finest two.
        // On the phantom each alone stops in a local optimum for some poses (an affine map can make an ellipse's
        // rotation out of shear and scaling, which the smoothed coarse levels cannot tell apart), never both (README).
        List<Image[]> pyramid = new ArrayList<>();
        for (int level = 0; level < params.levels(); level++) {
            int shrink = 1 << (params.levels() - 1 - level);
            pyramid.add(new Image[] {f.level(shrink, cancellation), m.level(shrink, cancellation)});
        }
        Schedule run = schedule(pyramid, cf, initialAffine, params, t0, 0, cancellation, progress);
        int evaluations = run.total;
        if (params.model() == Model.AFFINE && params.levels() > 1) {
            Schedule other = schedule(
                    pyramid, cf, initialAffine, params, t0, Math.max(1, params.levels() - 2), cancellation, progress);
            evaluations += other.total;
            if (other.last > run.last) {
                run = other;
            }
        }
        double[] p = run.p;
        List<LevelReport> reports = run.reports;
        double last = run.last;
        boolean converged = run.converged;
        int total = evaluations;
        SpatialTransform model = transform(params.model(), p, cf);
        SpatialTransform result = initial == null ? model : CompositeTransform.ofQueue(initial, model);
        if (progress != null) {
            progress.accept(
                    1.0,
                    String.format(
                            Locale.ROOT,
                            "registration done: %s = %.4f after %d iterations%s",
                            params.metric().name().toLowerCase(Locale.ROOT),
                            last,
                            total,
                            converged ? "" : " (not converged)"));
        }
        return new Result(result, last, total, converged, List.copyOf(reports));
    }

    private record Schedule(double[] p, List<LevelReport> reports, double last, boolean converged, int total) {}

    /** Runs the levels; rigid before level {@code affineFrom} (then affine from there on) for the affine model. */
    private static Schedule schedule(
            List<Image[]> pyramid,
            double[] cf,
            AffineTransform initialAffine,
            Params params,
            double[] t0,
            int affineFrom,
            Cancellation cancellation,
            BiConsumer<Double, String> progress) {
        boolean affine = params.model() == Model.AFFINE;
        double[] p = start(affine && affineFrom == 0 ? Model.AFFINE : Model.RIGID, t0);
        List<LevelReport> reports = new ArrayList<>();
        int total = 0;
        double last = Double.NaN;
        boolean converged = false;
        for (int level = 0; level < params.levels(); level++) {
            int shrink = 1 << (params.levels() - 1 - level);
            List<Model> models = !affine
                    ? List.of(Model.RIGID)
                    : level < affineFrom
                            ? List.of(Model.RIGID)
                            : p.length == 6 ? List.of(Model.RIGID, Model.AFFINE) : List.of(Model.AFFINE);
            for (Model model : models) {
                if (model == Model.AFFINE && p.length == 6) {
                    double[] r = matrix(Model.RIGID, p);
                    p = new double[] {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], p[3], p[4], p[5]};
                }
                if (progress != null) {
                    progress.accept(
                            (double) level / params.levels(),
                            model.name().toLowerCase(Locale.ROOT) + " level " + (level + 1) + "/" + params.levels()
                                    + " (shrink " + shrink + ")");
                }
                Level run = new Level(
                        pyramid.get(level)[0],
                        pyramid.get(level)[1],
                        cf,
                        initialAffine,
                        params.withModel(model),
                        params.seed() + level,
                        cancellation);
                LevelReport r = run.optimise(p, shrink);
                reports.add(r);
                total += r.iterations();
                last = r.metric();
                converged = r.converged();
            }
        }
        return new Schedule(p, reports, last, converged, total);
    }

    /** For tests: the metric and its analytic gradient at p on the finest level (no pyramid). */
    static double[] metricAndGradient(
            Volume<FloatType> fixed, Volume<FloatType> moving, Params params, double[] p, double[] centre) {
        Image f = Image.of(VolumeArrays.frame(fixed, 0), VoxelGrid.of(fixed), fixed.geometry(), null, "fixed");
        Image m = Image.of(VolumeArrays.frame(moving, 0), VoxelGrid.of(moving), moving.geometry(), null, "moving");
        Level level = new Level(f, m, centre, null, params, params.seed(), () -> false);
        double[] g = new double[p.length];
        double v = level.evaluate(params.model(), p, g);
        double[] out = new double[p.length + 1];
        out[0] = v;
        System.arraycopy(g, 0, out, 1, p.length);
        return out;
    }

    private static double[] start(Model model, double[] t) {
        if (model == Model.RIGID) {
            return new double[] {0, 0, 0, t[0], t[1], t[2]};
        }
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, t[0], t[1], t[2]};
    }

    private static double[] matrix(Model model, double[] p) {
        return model == Model.RIGID
                ? RigidTransform.rotationMatrix(RigidTransform.Rotation.EULER_ZXY, p)
                : new double[] {p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]};
    }

    private static SpatialTransform transform(Model model, double[] p, double[] c) {
        int n = p.length;
        double[] t = {p[n - 3], p[n - 2], p[n - 1]};
        if (model == Model.RIGID) {
            return RigidTransform.euler(new double[] {p[0], p[1], p[2]}, t, c);
        }
        return AffineTransform.centred(matrix(model, p), t, c);
    }

    /** One image of the pyramid: values (NaN → 0), grid, geometry, mask. */
    private record Image(float[] values, VoxelGrid grid, Geometry geometry, boolean[] mask, String name) {
        static Image of(float[] values, VoxelGrid grid, Geometry geometry, boolean[] mask, String name) {
            if (grid.nx() < 4 || grid.ny() < 4 || grid.nz() < 4) {
                throw new IllegalArgumentException("the " + name + " image (" + grid.nx() + "×" + grid.ny() + "×"
                        + grid.nz() + " voxels) needs at least 4 voxels along each axis");
            }
            boolean[] m = new boolean[values.length];
            int inside = 0;
            float[] v = values.clone();
            for (int i = 0; i < v.length; i++) {
                boolean finite = Float.isFinite(v[i]);
                if (!finite) {
                    v[i] = 0;
                }
                m[i] = finite && (mask == null || mask[i]);
                inside += m[i] ? 1 : 0;
            }
            if (inside == 0) {
                throw new IllegalArgumentException(
                        "the " + name + " mask is empty (no voxel with a finite value in it)");
            }
            return new Image(v, grid, geometry, m, name);
        }

        double[] centreOfMass() {
            double sx = 0, sy = 0, sz = 0, sw = 0;
            double[] a = geometry.affine();
            int nx = grid.nx(), ny = grid.ny();
            for (int n = 0; n < values.length; n++) {
                if (!mask[n]) {
                    continue;
                }
                double w = Math.abs(values[n]);
                int i = n % nx, j = (n / nx) % ny, k = n / (nx * ny);
                sx += w * i;
                sy += w * j;
                sz += w * k;
                sw += w;
            }
            if (!(sw > 0)) {
                // a zero image: its mask's geometric centre
                for (int n = 0; n < values.length; n++) {
                    if (mask[n]) {
                        sx += n % nx;
                        sy += (n / nx) % ny;
                        sz += n / (nx * ny);
                        sw++;
                    }
                }
            }
            double i = sx / sw, j = sy / sw, k = sz / sw;
            return new double[] {
                a[0] * i + a[1] * j + a[2] * k + a[3],
                a[4] * i + a[5] * j + a[6] * k + a[7],
                a[8] * i + a[9] * j + a[10] * k + a[11]
            };
        }

        /** This image smoothed with σ = f/2 voxels and subsampled every f voxels (f = 1: itself). */
        Image level(int f, Cancellation cancellation) {
            if (f == 1) {
                return this;
            }
            float[] smooth =
                    GaussianSmoothing.smooth(values, grid, new double[] {f / 2.0, f / 2.0, f / 2.0}, cancellation);
            int nx = (grid.nx() + f - 1) / f, ny = (grid.ny() + f - 1) / f, nz = (grid.nz() + f - 1) / f;
            if (nx < 4 || ny < 4 || nz < 4) {
                throw new IllegalArgumentException("the " + name + " image (" + grid.nx() + "×" + grid.ny() + "×"
                        + grid.nz() + " voxels) is too small for a pyramid level shrunk " + f
                        + " times (fewer than 4 voxels along an axis): use fewer levels");
            }
            VoxelGrid g = new VoxelGrid(nx, ny, nz, grid.dx() * f, grid.dy() * f, grid.dz() * f);
            float[] v = new float[g.size()];
            boolean[] m = new boolean[g.size()];
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int src = grid.index(i * f, j * f, k * f);
                        int dst = g.index(i, j, k);
                        v[dst] = smooth[src];
                        m[dst] = mask[src];
                    }
                }
            }
            double[] a = geometry.affine();
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[4 * r + c] *= f;
                }
            }
            return new Image(v, g, Geometry.ofAffine(a), m, name);
        }
    }

    /** The optimisation on one pyramid level. */
    private static final class Level {
        private static final int CHUNKS = 64;
        private final Image moving;
        private final Params params;
        private final Cancellation cancellation;
        private final double[] centre;
        private final int samples;
        private final double[] xs; // sample positions relative to the centre, 3 per sample
        private final float[] fs; // fixed values
        private final int[] fixedBin;
        private final double rho; // RMS radius of the samples (mm): the parameter scale
        private final double[] k; // moving index = K y + k0, row-major 3×3
        private final double[] k0;
        private final double mMin, mDelta; // moving intensity → bin position (MI)
        private final int bins;
        // per-evaluation scratch
        private final float[] mv, gx, gy, gz;
        private final boolean[] valid;
        private final boolean[] outside;

        Level(
                Image fixed,
                Image moving,
                double[] centre,
                AffineTransform initial,
                Params params,
                long seed,
                Cancellation cancellation) {
            this.moving = moving;
            this.params = params;
            this.cancellation = cancellation;
            this.centre = centre;
            this.bins = params.bins();
            int count = 0;
            for (boolean b : fixed.mask()) {
                count += b ? 1 : 0;
            }
            int[] chosen = new int[count];
            for (int n = 0, c = 0; n < fixed.mask().length; n++) {
                if (fixed.mask()[n]) {
                    chosen[c++] = n;
                }
            }
            int s = Math.min(count, params.sampling());
            Random random = new Random(seed);
            for (int i = 0; i < s; i++) { // partial Fisher–Yates: the first s are a uniform random subset
                int j = i + random.nextInt(count - i);
                int tmp = chosen[i];
                chosen[i] = chosen[j];
                chosen[j] = tmp;
            }
            this.samples = s;
            this.xs = new double[3 * s];
            this.fs = new float[s];
            double[] a = fixed.geometry().affine();
            int nx = fixed.grid().nx(), ny = fixed.grid().ny();
            double r2 = 0;
            float fMin = Float.POSITIVE_INFINITY, fMax = Float.NEGATIVE_INFINITY;
            for (int q = 0; q < s; q++) {
                int n = chosen[q];
                int i = n % nx, j = (n / nx) % ny, kk = n / (nx * ny);
                for (int r = 0; r < 3; r++) {
                    xs[3 * q + r] = a[4 * r] * i + a[4 * r + 1] * j + a[4 * r + 2] * kk + a[4 * r + 3] - centre[r];
                    r2 += xs[3 * q + r] * xs[3 * q + r];
                }
                fs[q] = fixed.values()[n];
                fMin = Math.min(fMin, fs[q]);
                fMax = Math.max(fMax, fs[q]);
            }
            this.rho = Math.max(1.0, Math.sqrt(r2 / s));
            this.fixedBin = new int[s];
            double fDelta = fMax > fMin ? (fMax - fMin) / bins : 1;
            for (int q = 0; q < s; q++) {
                fixedBin[q] = Math.min(bins - 1, (int) ((fs[q] - fMin) / fDelta));
            }
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int n = 0; n < moving.values().length; n++) {
                if (moving.mask()[n]) {
                    lo = Math.min(lo, moving.values()[n]);
                    hi = Math.max(hi, moving.values()[n]);
                }
            }
            this.mMin = lo;
            this.mDelta = hi > lo
                    ? (hi - lo) / (bins - 5)
                    : 1; // [lo, hi] → bin positions [2, bins − 3]: room for the cubic window
            AffineTransform toIndex = AffineTransform.ofMatrix(moving.geometry().affine())
                    .inverseAffine()
                    .orElseThrow();
            if (initial != null) {
                toIndex = toIndex.after(initial);
            }
            this.k = toIndex.matrix();
            this.k0 = toIndex.offset();
            this.mv = new float[s];
            this.gx = new float[s];
            this.gy = new float[s];
            this.gz = new float[s];
            this.valid = new boolean[s];
            this.outside = new boolean[s];
        }

        /**
         * Optimises {@code p} in place (see the class comment: L-BFGS ascent in scaled parameters with a backtracking
         * line search); returns the level's report.
         */
        LevelReport optimise(double[] p, int shrink) {
            Model model = params.model();
            int np = p.length;
            double[] scale = new double[np]; // scaled parameter u = p · scale (≈ mm of sample displacement)
            for (int i = 0; i < np; i++) {
                scale[i] = i < np - 3 ? rho : 1;
            }
            double spacing = Math.min(
                    moving.grid().dx(),
                    Math.min(moving.grid().dy(), moving.grid().dz()));
            double maxStep = spacing; // no step moves the samples by more than about one voxel of the level
            double minStep = params.minimumStep() * spacing;
            double[] g = new double[np];
            double value = scaledGradient(model, p, g, scale);
            int evaluations = 1;
            boolean converged = false;
            List<double[]> sHistory = new ArrayList<>(), yHistory = new ArrayList<>();
            double[] trial = new double[np];
            double[] gTrial = new double[np];
            while (evaluations < params.iterations()) {
                cancellation.throwIfCancelled("registration");
                // ascent direction d = H g by the two-loop recursion (Nocedal & Wright, Numerical Optimization,
                // algorithm 7.4, for the maximisation of the metric)
                double[] d = g.clone();
                int m = sHistory.size();
                double[] alpha = new double[m];
                for (int h = m - 1; h >= 0; h--) {
                    double rhoH = 1 / dot(yHistory.get(h), sHistory.get(h));
                    alpha[h] = rhoH * dot(sHistory.get(h), d);
                    axpy(-alpha[h], yHistory.get(h), d);
                }
                if (m > 0) {
                    double[] sl = sHistory.get(m - 1), yl = yHistory.get(m - 1);
                    double gamma = dot(sl, yl) / dot(yl, yl);
                    for (int i = 0; i < np; i++) {
                        d[i] *= gamma;
                    }
                }
                for (int h = 0; h < m; h++) {
                    double rhoH = 1 / dot(yHistory.get(h), sHistory.get(h));
                    double beta = rhoH * dot(yHistory.get(h), d);
                    axpy(alpha[h] - beta, sHistory.get(h), d);
                }
                double slope = dot(g, d);
                if (!(slope > 0) || m == 0) { // not an ascent direction (or the first step): the gradient itself
                    d = g.clone();
                    sHistory.clear();
                    yHistory.clear();
                    slope = dot(g, d);
                    double n = Math.sqrt(slope);
                    if (!(n > 0)) {
                        converged = true;
                        break;
                    }
                    for (int i = 0; i < np; i++) {
                        d[i] *= maxStep / n;
                    }
                    slope *= maxStep / n;
                }
                double length = Math.sqrt(dot(d, d));
                if (length > maxStep) {
                    for (int i = 0; i < np; i++) {
                        d[i] *= maxStep / length;
                    }
                    slope *= maxStep / length;
                    length = maxStep;
                }
                // backtracking until the Armijo condition holds
                double a = 1;
                double trialValue = Double.NEGATIVE_INFINITY;
                boolean accepted = false;
                while (evaluations < params.iterations() && a * length >= minStep) {
                    for (int i = 0; i < np; i++) {
                        trial[i] = p[i] + a * d[i] / scale[i];
                    }
                    trialValue = scaledGradient(model, trial, gTrial, scale);
                    evaluations++;
                    if (trialValue >= value + 1e-4 * a * slope) {
                        accepted = true;
                        break;
                    }
                    a *= 0.5;
                }
                if (!accepted) {
                    if (m > 0 && evaluations < params.iterations()) {
                        // the quasi-Newton direction failed: forget the curvature pairs, retry along the gradient
                        sHistory.clear();
                        yHistory.clear();
                        continue;
                    }
                    // not even a gradient step of at least minStep improves the metric: a maximum at this resolution
                    converged = a * length < minStep;
                    break;
                }
                double[] sStep = new double[np], yStep = new double[np];
                for (int i = 0; i < np; i++) {
                    sStep[i] = a * d[i];
                    yStep[i] = g[i] - gTrial[i]; // the metric's Hessian is negative: y = −Δg keeps s·y > 0
                }
                System.arraycopy(trial, 0, p, 0, np);
                System.arraycopy(gTrial, 0, g, 0, np);
                value = trialValue;
                if (dot(sStep, yStep) > 1e-12 * dot(yStep, yStep)) {
                    sHistory.add(sStep);
                    yHistory.add(yStep);
                    if (sHistory.size() > MEMORY) {
                        sHistory.remove(0);
                        yHistory.remove(0);
                    }
                }
                if (a * length < minStep) {
                    converged = true;
                    break;
                }
            }
            return new LevelReport(model, shrink, samples, evaluations, value, converged);
        }

        /** The metric at p and its gradient with respect to the scaled parameters u = p · scale. */
        private double scaledGradient(Model model, double[] p, double[] g, double[] scale) {
            double value = evaluate(model, p, g);
            for (int i = 0; i < g.length; i++) {
                g[i] /= scale[i];
            }
            return value;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        private static void axpy(double a, double[] x, double[] y) {
            for (int i = 0; i < y.length; i++) {
                y[i] += a * x[i];
            }
        }

        /** The metric at p and its gradient with respect to p (into {@code gradient}). */
        double evaluate(Model model, double[] p, double[] gradient) {
            int np = p.length;
            double[] a = matrix(model, p);
            double[] t = {p[np - 3], p[np - 2], p[np - 1]};
            // moving index = K (A x + c + t) + k0 = P x + q
            double[] pm = RigidTransform.multiply(k, a);
            double[] y0 = {centre[0] + t[0], centre[1] + t[1], centre[2] + t[2]};
            double[] q = new double[3];
            for (int r = 0; r < 3; r++) {
                q[r] = k[3 * r] * y0[0] + k[3 * r + 1] * y0[1] + k[3 * r + 2] * y0[2] + k0[r];
            }
            sampleMoving(pm, q);
            double[] w = new double[samples];
            double value = params.metric() == Metric.MI ? mattes(w) : ncc(w);
            // H = Σ w ∇idx xᵀ, h = Σ w ∇idx (in chunks, then summed)
            double[][] partial = new double[CHUNKS][12];
            int chunk = (samples + CHUNKS - 1) / CHUNKS;
            ParallelLoop.forEachChunk(samples, chunk, cancellation, (from, to) -> {
                double[] acc = partial[(int) (from / chunk)];
                for (int s = (int) from; s < to; s++) {
                    if (!valid[s] || w[s] == 0) {
                        continue;
                    }
                    double g0 = w[s] * gx[s], g1 = w[s] * gy[s], g2 = w[s] * gz[s];
                    double x0 = xs[3 * s], x1 = xs[3 * s + 1], x2 = xs[3 * s + 2];
                    acc[0] += g0 * x0;
                    acc[1] += g0 * x1;
                    acc[2] += g0 * x2;
                    acc[3] += g1 * x0;
                    acc[4] += g1 * x1;
                    acc[5] += g1 * x2;
                    acc[6] += g2 * x0;
                    acc[7] += g2 * x1;
                    acc[8] += g2 * x2;
                    acc[9] += g0;
                    acc[10] += g1;
                    acc[11] += g2;
                }
            });
            double[] h = new double[12];
            for (double[] acc : partial) {
                for (int i = 0; i < 12; i++) {
                    h[i] += acc[i];
                }
            }
            // G = Kᵀ H (d metric / d A), gt = Kᵀ h (d metric / d t)
            double[] g = new double[9];
            double[] gt = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    g[3 * i + j] = k[i] * h[j] + k[3 + i] * h[3 + j] + k[6 + i] * h[6 + j];
                }
                gt[i] = k[i] * h[9] + k[3 + i] * h[10] + k[6 + i] * h[11];
            }
            if (model == Model.AFFINE) {
                System.arraycopy(g, 0, gradient, 0, 9);
            } else {
                double[] rx = RigidTransform.axisRotation(0, p[0]), ry = RigidTransform.axisRotation(1, p[1]);
                double[] rz = RigidTransform.axisRotation(2, p[2]);
                double[][] d = {
                    RigidTransform.multiply(
                            rz, RigidTransform.multiply(RigidTransform.axisRotationDerivative(0, p[0]), ry)),
                    RigidTransform.multiply(
                            rz, RigidTransform.multiply(rx, RigidTransform.axisRotationDerivative(1, p[1]))),
                    RigidTransform.multiply(
                            RigidTransform.axisRotationDerivative(2, p[2]), RigidTransform.multiply(rx, ry))
                };
                for (int e = 0; e < 3; e++) {
                    double sum = 0;
                    for (int i = 0; i < 9; i++) {
                        sum += g[i] * d[e][i];
                    }
                    gradient[e] = sum;
                }
            }
            System.arraycopy(gt, 0, gradient, np - 3, 3);
            return value;
        }

        /** Moving values and index-space gradients at every sample (trilinear), and which samples count. */
        private void sampleMoving(double[] pm, double[] q) {
            VoxelGrid g = moving.grid();
            int nx = g.nx(), ny = g.ny(), nz = g.nz();
            int sxy = nx * ny;
            float[] v = moving.values();
            boolean[] mask = moving.mask();
            ParallelLoop.forEachChunk(samples, 4096, cancellation, (from, to) -> {
                for (int s = (int) from; s < to; s++) {
                    double x0 = xs[3 * s], x1 = xs[3 * s + 1], x2 = xs[3 * s + 2];
                    double ix = pm[0] * x0 + pm[1] * x1 + pm[2] * x2 + q[0];
                    double iy = pm[3] * x0 + pm[4] * x1 + pm[5] * x2 + q[1];
                    double iz = pm[6] * x0 + pm[7] * x1 + pm[8] * x2 + q[2];
                    // Outside the moving image the edge value continues (and the gradient along a clamped axis is
                    // 0): dropping such samples, as ITK does, makes the metric jump whenever one crosses the edge,
                    // and the line search then stops on the jump.
                    boolean cx = !(ix >= 0 && ix <= nx - 1), cy = !(iy >= 0 && iy <= ny - 1);
                    boolean cz = !(iz >= 0 && iz <= nz - 1);
                    outside[s] = cx || cy || cz;
                    if (cx) {
                        ix = ix > 0 ? nx - 1 : 0; // NaN (never: finite parameters) would land here too
                    }
                    if (cy) {
                        iy = iy > 0 ? ny - 1 : 0;
                    }
                    if (cz) {
                        iz = iz > 0 ? nz - 1 : 0;
                    }
                    int i = Math.min((int) ix, nx - 2), j = Math.min((int) iy, ny - 2), kk = Math.min((int) iz, nz - 2);
                    int n = i + nx * j + sxy * kk;
                    double fx = ix - i, fy = iy - j, fz = iz - kk;
                    if (!mask[i + nx * (int) Math.round(iy) + sxy * (int) Math.round(iz) + (fx >= 0.5 ? 1 : 0)]) {
                        valid[s] = false;
                        continue;
                    }
                    double v000 = v[n], v100 = v[n + 1], v010 = v[n + nx], v110 = v[n + nx + 1];
                    double v001 = v[n + sxy], v101 = v[n + sxy + 1], v011 = v[n + sxy + nx], v111 = v[n + sxy + nx + 1];
                    double a00 = v000 + fx * (v100 - v000), a10 = v010 + fx * (v110 - v010);
                    double a01 = v001 + fx * (v101 - v001), a11 = v011 + fx * (v111 - v011);
                    double b0 = a00 + fy * (a10 - a00), b1 = a01 + fy * (a11 - a01);
                    mv[s] = (float) (b0 + fz * (b1 - b0));
                    double dx0 = (v100 - v000) + fy * ((v110 - v010) - (v100 - v000));
                    double dx1 = (v101 - v001) + fy * ((v111 - v011) - (v101 - v001));
                    gx[s] = (float) (dx0 + fz * (dx1 - dx0));
                    double dy0 = a10 - a00, dy1 = a11 - a01;
                    gy[s] = (float) (dy0 + fz * (dy1 - dy0));
                    gz[s] = (float) (b1 - b0);
                    if (cx) {
                        gx[s] = 0;
                    }
                    if (cy) {
                        gy[s] = 0;
                    }
                    if (cz) {
                        gz[s] = 0;
                    }
                    valid[s] = true;
                }
            });
        }

        private int countValid() {
            int n = 0, in = 0;
            for (int s = 0; s < samples; s++) {
                n += valid[s] ? 1 : 0;
                in += valid[s] && !outside[s] ? 1 : 0;
            }
            if (in < Math.max(16, samples / 20)) {
                throw new IllegalArgumentException("the images hardly overlap: only " + in + " of " + samples
                        + " fixed samples fall inside the moving image (check the grids and the initial transform)");
            }
            return n;
        }

        private double ncc(double[] w) {
            int n = countValid();
            double sf = 0, sm = 0;
            for (int s = 0; s < samples; s++) {
                if (valid[s]) {
                    sf += fs[s];
                    sm += mv[s];
                }
            }
            double mf = sf / n, mm = sm / n;
            double sff = 0, smm = 0, sfm = 0;
            for (int s = 0; s < samples; s++) {
                if (valid[s]) {
                    double a = fs[s] - mf, b = mv[s] - mm;
                    sff += a * a;
                    smm += b * b;
                    sfm += a * b;
                }
            }
            if (!(sff > 0) || !(smm > 0)) {
                return 0;
            }
            double denominator = Math.sqrt(sff * smm);
            for (int s = 0; s < samples; s++) {
                if (valid[s]) {
                    w[s] = ((fs[s] - mf) - (sfm / smm) * (mv[s] - mm)) / denominator;
                }
            }
            return sfm / denominator;
        }

        private double mattes(double[] w) {
            int n = countValid();
            int b = bins;
            double[][] partial = new double[CHUNKS][];
            int chunk = (samples + CHUNKS - 1) / CHUNKS;
            ParallelLoop.forEachChunk(samples, chunk, cancellation, (from, to) -> {
                double[] joint = new double[b * b];
                for (int s = (int) from; s < to; s++) {
                    if (!valid[s]) {
                        continue;
                    }
                    double eta = eta(mv[s]);
                    int k0 = (int) Math.floor(eta) - 1;
                    int row = fixedBin[s] * b;
                    for (int kk = k0; kk < k0 + 4; kk++) {
                        joint[row + kk] += cubic(kk - eta);
                    }
                }
                partial[(int) (from / chunk)] = joint;
            });
            double[] joint = new double[b * b];
            for (double[] part : partial) {
                if (part != null) {
                    for (int i = 0; i < joint.length; i++) {
                        joint[i] += part[i];
                    }
                }
            }
            double[] pf = new double[b], pmv = new double[b];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    joint[i * b + j] /= n;
                    pf[i] += joint[i * b + j];
                    pmv[j] += joint[i * b + j];
                }
            }
            double mi = 0;
            double[] log = new double[b * b];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    double pj = joint[i * b + j];
                    if (pj > 1e-16) {
                        log[i * b + j] = Math.log(pj / (pf[i] * pmv[j]));
                        mi += pj * log[i * b + j];
                    }
                }
            }
            double factor = -1.0 / (n * mDelta);
            ParallelLoop.forEachChunk(samples, chunk, cancellation, (from, to) -> {
                for (int s = (int) from; s < to; s++) {
                    if (!valid[s]) {
                        continue;
                    }
                    double eta = eta(mv[s]);
                    int k0 = (int) Math.floor(eta) - 1;
                    int row = fixedBin[s] * b;
                    double sum = 0;
                    for (int kk = k0; kk < k0 + 4; kk++) {
                        sum += cubicDerivative(kk - eta) * log[row + kk];
                    }
                    w[s] = factor * sum;
                }
            });
            return mi;
        }

        private double eta(double value) {
            double e = (value - mMin) / mDelta + 2;
            return Math.min(Math.max(e, 2), bins - 3 - 1e-9);
        }

        /** β³(u). */
        static double cubic(double u) {
            double a = Math.abs(u);
            if (a < 1) {
                return 2.0 / 3 - a * a + 0.5 * a * a * a;
            }
            if (a < 2) {
                double c = 2 - a;
                return c * c * c / 6;
            }
            return 0;
        }

        /** dβ³/du. */
        static double cubicDerivative(double u) {
            double a = Math.abs(u);
            if (a < 1) {
                return -2 * u + 1.5 * u * a;
            }
            if (a < 2) {
                double c = 2 - a;
                return -0.5 * c * c * Math.signum(u);
            }
            return 0;
        }
    }
}
