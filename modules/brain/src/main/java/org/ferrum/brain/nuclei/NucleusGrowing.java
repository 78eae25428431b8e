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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.statistics.SampleStatistics;
import org.ferrum.qsm.mask.Morphology;

/**
 * Grows substantia nigra, red nucleus and dentate nucleus on a susceptibility (χ) map from the user's seeds (a click,
 * a box or a drawn region per nucleus and side), with rules stated here once; their defaults are {@link
 * Params#DEFAULTS}.
 *
 * <p>Contract. Input: χ (ppm, x fastest, NaN = no value), an optional brain mask, optional locked voxels (already
 * labelled by the user: never taken), and seeds, at most one per nucleus and side. Output: one label per seed
 * ({@link Nucleus#value}), a legend naming each ({@code Left-Substantia-Nigra}, …) and, per seed, the threshold used,
 * the interior and background levels, whether a leak was stopped, and the grown volume. For each seed r:
 * <ol>
 * <li><b>Seed voxels</b> S<sub>r</sub>: a click's voxels within {@code seedRadiusMm} of the point (at least the
 * nearest voxel), a box's voxels, or a drawn region's voxels. <b>Allowed</b> voxels A<sub>r</sub>: within {@link
 * Nucleus#maxExtentMm()} of the click (or of a region's centroid), or inside the box grown by {@code boxMarginMm};
 * always inside the mask, χ finite, not locked.</li>
 * <li><b>Levels</b> (robust statistics): interior χ<sub>in</sub> = median of the region's 6-interior (voxels whose six
 * neighbours are in the region; the upper quartile of the whole region when the interior has fewer than {@value
 * #MIN_INTERIOR} voxels); background χ<sub>bg</sub> = median of the shell of voxels at distance (g, g + {@code
 * shellWidthMm}] from the region, g = {@code shellGapMm}, inside the mask and in no other nucleus; noise
 * σ<sub>bg</sub> = median |χ(v) − χ(w)| / (0.6745 √2) over face neighbours v, w of the shell ({@link
 * #HALF_NORMAL_MEDIAN}). Before the first growth the region is S<sub>r</sub>, χ<sub>in</sub> its upper quartile
 * ({@link #BOX_INTERIOR_QUANTILE} for a box), and g the nucleus's {@link Nucleus#typicalRadiusMm()} (click, region) or
 * {@code boxMarginMm} (box); a seed whose region came out empty starts again from these.</li>
 * <li><b>Threshold</b> T<sub>r</sub> = χ<sub>bg</sub> + max(f · (χ<sub>in</sub> − χ<sub>bg</sub>), z ·
 * σ<sub>bg</sub>), f = {@code contrastFraction} (½: the half-contrast level, where a step edge blurred by any
 * symmetric point-spread function crosses), z = {@code noiseSigmas}. A seed with χ<sub>in</sub> − χ<sub>bg</sub> ≤ z
 * · σ<sub>bg</sub>, levels measured from its seed voxels, has no nucleus to grow and is refused with a message naming
 * it; once grown, the floor is capped at {@link #MAX_FLOOR_FRACTION} of the contrast instead.</li>
 * <li><b>Leak stop</b> (volume jump; from the second pass on, when the other nuclei's regions are known): with
 * t<sub>i</sub> = T<sub>r</sub> + i (χ<sub>in</sub> − T<sub>r</sub>) / {@code leakSteps} and V(t) the voxels
 * connected to S<sub>r</sub> through free voxels with χ ≥ t that no other nucleus holds, out to {@link
 * #LEAK_PROBE_REACH} × the maximum extent (so that a leak is seen even where the extent would clip it), the threshold
 * used is the first t<sub>i</sub> with V(t<sub>i</sub>) ≤ {@link Nucleus#maxVolumeMl()} and not (V(t<sub>i</sub>)
 * &gt; {@code leakJump} · V(t<sub>i+1</sub>) and V(t<sub>i</sub>) &gt; {@link Nucleus#typicalMinMl()}); i &gt; 0 is
 * reported as "leak stopped". The threshold is never raised to where the region vanishes (V = 0): the last
 * t<sub>i</sub> with V &gt; 0 is used and the leak reported.</li>
 * <li><b>Competitive growth</b>: all seeds grow together by seeded region growing (Adams &amp; Bischof, IEEE TPAMI
 * 16:641–647, 1994): each region starts as S<sub>r</sub> ∩ {χ ≥ T<sub>r</sub>} (for a box its largest 6-connected
 * part), claimed before any neighbour is weighed; then the unlabelled neighbour (6- or 26-connected, {@code
 * connectivity}) with the smallest |χ − χ<sub>in,r</sub>| over all regions joins its region, if χ ≥ T<sub>r</sub>, it
 * lies in A<sub>r</sub>, and the region is below {@link Nucleus#maxVolumeMl()} (reaching it also counts as a stopped
 * leak). Touching nuclei (substantia nigra and red nucleus) are thus split where χ is closer to one's level than to the
 * other's.</li>
 * <li>Steps 2–5 repeat from the grown regions until no region changes, at most {@code maxIterations} times.</li>
 * <li><b>Smoothing</b>: each region is closed with a ball of {@code closingVoxels} × the largest voxel size and its
 * enclosed holes filled ({@link Morphology#close}, {@link Morphology#fillHoles}); only free allowed voxels are
 * added.</li>
 * </ol>
 */
public final class NucleusGrowing {

    /** Below this many 6-interior voxels, χ<sub>in</sub> is the region's upper quartile instead. */
    public static final int MIN_INTERIOR = 8;

    /**
     * "χ ≥ T" is read as χ ≥ T − 10⁻⁶ ppm: a voxel half inside a nucleus sits exactly on the half-contrast level, and
     * float rounding of χ must not decide which side it falls (10⁻⁶ ppm is far below any map's noise).
     */
    static final double TIE = 1e-6;

    /**
     * The leak probe (class contract, step 4) measures V(t) out to this many times the nucleus's maximum extent from a
     * click, so that a leak is seen, and the threshold raised, even where the extent alone would clip it.
     */
    public static final double LEAK_PROBE_REACH = 2;

    /**
     * A box holds background around its nucleus, often more of it than nucleus: its first interior level is this
     * quantile of its voxels (a click's, drawn inside the nucleus, is the upper quartile).
     */
    public static final double BOX_INTERIOR_QUANTILE = 0.95;

    /**
     * Once a seed has grown, the noise floor z · σ<sub>bg</sub> is capped at this fraction of its contrast, so that a
     * noisier shell around the grown region lowers the threshold's margin instead of refusing the nucleus.
     */
    public static final double MAX_FLOOR_FRACTION = 0.75;

    /**
     * Φ⁻¹(0.75): the median of |X| for X ~ N(0, 1). σ<sub>bg</sub> = median |χ(v) − χ(w)| / (0.6745 √2) over face
     * neighbours v, w both in the shell: the difference of two voxels with independent noise σ has SD σ √2, and
     * differences cancel the shell's smooth tissue variation and the few bright partial-volume voxels of a nucleus
     * it holds, which a spread of the shell's values would count as noise (a shell with no such pair falls back to
     * (median − lower quartile) / 0.6745).
     */
    static final double HALF_NORMAL_MEDIAN = 0.6744897501960817;

    /** Voxel connectivity of the growth. */
    public enum Connectivity {
        /** Face neighbours only: does not cross a one-voxel diagonal bridge. */
        SIX,
        /** Face, edge and corner neighbours. */
        TWENTY_SIX
    }

    /**
     * The rules' parameters (class comment).
     *
     * @param seedRadiusMm     a click's seed voxels lie within this distance of the point (mm)
     * @param boxMarginMm      growth may leave a box by this much (mm)
     * @param contrastFraction f of the threshold, in (0, 1)
     * @param noiseSigmas      z: the threshold is at least this many σ<sub>bg</sub> above χ<sub>bg</sub>
     * @param shellGapMm       the background shell starts this far from the region (mm), past its blurred edge
     * @param shellWidthMm     and is this thick (mm)
     * @param leakJump         a volume growing by more than this factor over one threshold step is a leak (&gt; 1)
     * @param leakSteps        threshold steps between T and χ<sub>in</sub> (≥ 2)
     * @param maxIterations    at most this many passes of steps 2–5 (≥ 2: the leak probe runs from the second)
     * @param connectivity     of the growth
     * @param closingVoxels    closing radius in voxels (of the largest size); 0 = no closing
     * @param fillHoles        fill enclosed holes
     */
    public record Params(
            double seedRadiusMm,
            double boxMarginMm,
            double contrastFraction,
            double noiseSigmas,
            double shellGapMm,
            double shellWidthMm,
            double leakJump,
            int leakSteps,
            int maxIterations,
            Connectivity connectivity,
            double closingVoxels,
            boolean fillHoles) {

        public static final Params DEFAULTS = new Params(1.5, 2, 0.5, 3, 2, 3, 1.5, 8, 5, Connectivity.SIX, 1, true);

        public Params {
            if (!(seedRadiusMm >= 0) || !(boxMarginMm >= 0) || !(shellGapMm >= 0) || !(shellWidthMm > 0)) {
                throw new IllegalArgumentException(
                        "seed radius, box margin and shell gap must be ≥ 0 mm and the shell" + " width > 0 mm");
            }
            if (!(contrastFraction > 0 && contrastFraction < 1)) {
                throw new IllegalArgumentException("the contrast fraction must lie in (0, 1), got " + contrastFraction);
            }
            if (!(noiseSigmas >= 0) || !(leakJump > 1) || leakSteps < 2 || maxIterations < 2 || !(closingVoxels >= 0)) {
                throw new IllegalArgumentException(
                        "need noise σ ≥ 0, leak jump > 1, leak steps ≥ 2, iterations ≥ 2," + " closing ≥ 0 voxels");
            }
            java.util.Objects.requireNonNull(connectivity, "connectivity");
        }
    }

    /**
     * One grown nucleus.
     *
     * @param seed               the seed it grew from
     * @param entry              its legend entry (value, name, side, colour)
     * @param voxels             voxels labelled
     * @param volumeMl           their volume (ml)
     * @param thresholdPpm       T<sub>r</sub> used (ppm)
     * @param interiorPpm        χ<sub>in</sub> (ppm)
     * @param backgroundPpm      χ<sub>bg</sub> (ppm)
     * @param backgroundSigmaPpm σ<sub>bg</sub> (ppm)
     * @param meanPpm            mean χ of the labelled voxels (ppm)
     * @param leakStopped        the threshold was raised or the volume capped to stop a leak
     * @param iterations         level re-estimations run
     * @param converged          the regions stopped changing before {@code maxIterations}
     */
    public record Grown(
            NucleusSeed seed,
            LabelEntry entry,
            int voxels,
            double volumeMl,
            double thresholdPpm,
            double interiorPpm,
            double backgroundPpm,
            double backgroundSigmaPpm,
            double meanPpm,
            boolean leakStopped,
            int iterations,
            boolean converged) {

        /** One line for logs and the viewer's status: name, size, threshold, levels, mean χ, and a stopped leak. */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%s: %d voxels (%.3f ml), threshold %.4f ppm (interior %.4f, background %.4f ± %.4f), mean %.4f ppm%s",
                    entry.name(),
                    voxels,
                    volumeMl,
                    thresholdPpm,
                    interiorPpm,
                    backgroundPpm,
                    backgroundSigmaPpm,
                    meanPpm,
                    leakStopped ? "; a leak was stopped: check the edges" : "");
        }
    }

    /**
     * The label map (values {@link Nucleus#value}, 0 elsewhere), its legend and one {@link Grown} per seed, in seed
     * order.
     */
    public record Result(int[] labels, LabelTable legend, List<Grown> nuclei) {}

    private NucleusGrowing() {}

    /**
     * Grows every seed (class contract).
     *
     * @param chi          χ in ppm, x fastest, on {@code grid}
     * @param mask         where growth may go (null: every voxel with a finite χ)
     * @param locked       voxels never taken (null: none), e.g. labels the user already drew
     * @param grid         the voxel grid of {@code chi}
     * @param geometry     its placement in patient space (voxel → mm LPS)
     * @param seeds        at most one per nucleus and side
     * @throws IllegalArgumentException naming the seed when two seeds name one nucleus and side, a seed lies off the
     *                                  grid or outside the mask, or a seed has no contrast to grow on
     */
    public static Result grow(
            float[] chi,
            boolean[] mask,
            boolean[] locked,
            VoxelGrid grid,
            Geometry geometry,
            List<NucleusSeed> seeds,
            Params params,
            Cancellation cancellation) {
        if (chi.length != grid.size()
                || (mask != null && mask.length != grid.size())
                || (locked != null && locked.length != grid.size())) {
            throw new IllegalArgumentException("χ, mask and locked voxels must all have " + grid.size() + " voxels");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed: give at least one click, box or drawn region");
        }
        for (int a = 0; a < seeds.size(); a++) {
            for (int b = 0; b < a; b++) {
                if (seeds.get(a).nucleus() == seeds.get(b).nucleus()
                        && seeds.get(a).side() == seeds.get(b).side()) {
                    throw new IllegalArgumentException("seeds '" + seeds.get(b).source() + "' and '"
                            + seeds.get(a).source() + "' both name the "
                            + seeds.get(a).side().word() + " "
                            + seeds.get(a).nucleus().structure() + " (one seed per nucleus and side)");
                }
            }
        }
        return new Growth(chi, mask, locked, grid, geometry, seeds, params, cancellation).run();
    }

    /** The state of one call: the regions of all seeds on one shared owner array. */
    private static final class Growth {
        final float[] chi;
        final boolean[] free; // in the mask, χ finite, not locked
        final VoxelGrid grid;
        final double[] affine;
        final List<NucleusSeed> seeds;
        final Params p;
        final Cancellation cancel;
        final int nx, ny, nz;
        final int[] owner; // 0 = nobody, else seed index + 1
        final Seed[] s;
        final int[][] neighbours;

        Growth(
                float[] chi,
                boolean[] mask,
                boolean[] locked,
                VoxelGrid grid,
                Geometry geometry,
                List<NucleusSeed> seeds,
                Params p,
                Cancellation cancel) {
            this.chi = chi;
            this.grid = grid;
            this.affine = geometry.affine();
            this.seeds = seeds;
            this.p = p;
            this.cancel = cancel;
            nx = grid.nx();
            ny = grid.ny();
            nz = grid.nz();
            free = new boolean[chi.length];
            for (int n = 0; n < chi.length; n++) {
                free[n] = Float.isFinite(chi[n]) && (mask == null || mask[n]) && (locked == null || !locked[n]);
            }
            owner = new int[chi.length];
            neighbours = offsets(p.connectivity());
            s = new Seed[seeds.size()];
            for (int r = 0; r < s.length; r++) {
                s[r] = new Seed(seeds.get(r), geometry);
            }
        }

        Result run() {
            // Levels from the seeds alone.
            for (Seed seed : s) {
                cancel.throwIfCancelled("nucleus growing");
                seed.seedLevels();
            }
            int iterations = 0;
            boolean converged = false;
            int[] previous = null;
            while (iterations < p.maxIterations()) {
                iterations++;
                for (Seed seed : s) {
                    seed.chooseThreshold(iterations == 1);
                }
                compete();
                int[] now = owner.clone();
                if (previous != null && Arrays.equals(previous, now)) {
                    converged = true;
                    break;
                }
                previous = now;
                for (Seed seed : s) {
                    int[] region = seed.region();
                    if (region.length == 0) {
                        seed.seedLevels(); // everything it reached went to its neighbours: start again from the seed
                    } else {
                        seed.levels(region, interior(region, seed.label), p.shellGapMm());
                    }
                }
            }
            for (Seed seed : s) {
                smooth(seed);
            }
            int[] labels = new int[owner.length];
            List<LabelEntry> entries = new ArrayList<>();
            List<Grown> grown = new ArrayList<>();
            double voxelMl = grid.dx() * grid.dy() * grid.dz() / 1000;
            for (Seed seed : s) {
                LabelEntry e = seed.def.nucleus().entry(seed.def.side());
                entries.add(e);
                int[] region = seed.region();
                double sum = 0;
                for (int v : region) {
                    labels[v] = e.value();
                    sum += chi[v];
                }
                grown.add(new Grown(
                        seed.def,
                        e,
                        region.length,
                        region.length * voxelMl,
                        seed.threshold,
                        seed.interior,
                        seed.background,
                        seed.sigma,
                        region.length == 0 ? Double.NaN : sum / region.length,
                        seed.leakStopped,
                        iterations,
                        converged));
            }
            return new Result(labels, LabelTable.of(entries), grown);
        }

        /** χ<sub>in</sub> of a grown region: median of its 6-interior, or its upper quartile if that is too small. */
        double interior(int[] region, int label) {
            int[] inner =
                    Arrays.stream(region).filter(v -> isInterior(v, label)).toArray();
            return inner.length >= MIN_INTERIOR ? quantile(values(inner), 0.5) : quantile(values(region), 0.75);
        }

        boolean isInterior(int v, int label) {
            int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
            if (i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1) {
                return false;
            }
            int sxy = nx * ny;
            return owner[v - 1] == label
                    && owner[v + 1] == label
                    && owner[v - nx] == label
                    && owner[v + nx] == label
                    && owner[v - sxy] == label
                    && owner[v + sxy] == label;
        }

        float[] values(int[] voxels) {
            float[] out = new float[voxels.length];
            for (int n = 0; n < voxels.length; n++) {
                out[n] = chi[voxels[n]];
            }
            return out;
        }

        /** Seeded region growing of all seeds at once (class contract, step 5). */
        void compete() {
            Arrays.fill(owner, 0);
            PriorityQueue<Candidate> queue = new PriorityQueue<>();
            for (Seed seed : s) {
                seed.size = 0;
                seed.capped = false;
                for (int v : seed.active) {
                    if (free[v] && chi[v] >= seed.threshold - TIE && seed.allowed(v)) {
                        // a seed's own voxels are its region before any neighbour is weighed (Adams & Bischof)
                        queue.add(new Candidate(-1, v, seed.label));
                    }
                }
            }
            int polled = 0;
            while (!queue.isEmpty()) {
                if ((++polled & 0xFFFF) == 0) {
                    cancel.throwIfCancelled("nucleus growing");
                }
                Candidate c = queue.poll();
                if (owner[c.voxel] != 0) {
                    continue;
                }
                Seed seed = s[c.label - 1];
                if (seed.size >= seed.maxVoxels) {
                    seed.capped = true;
                    continue;
                }
                owner[c.voxel] = c.label;
                seed.size++;
                int v = c.voxel, i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
                for (int[] o : neighbours) {
                    int a = i + o[0], b = j + o[1], d = k + o[2];
                    if (a < 0 || b < 0 || d < 0 || a >= nx || b >= ny || d >= nz) {
                        continue;
                    }
                    int w = a + nx * (b + ny * d);
                    if (owner[w] == 0 && free[w] && chi[w] >= seed.threshold - TIE && seed.allowed(w)) {
                        queue.add(new Candidate(Math.abs(chi[w] - seed.interior), w, c.label));
                    }
                }
            }
            for (Seed seed : s) {
                seed.leakStopped |= seed.capped;
            }
        }

        /** Voxels connected to the seed through free allowed voxels with χ ≥ t, counted up to {@code cap} + 1. */
        int aloneVolume(Seed seed, double t, int cap) {
            boolean[] seen = new boolean[seed.boxSize()];
            int[] stack = new int[Math.max(16, seed.active.length)];
            int top = 0, count = 0;
            for (int v : seed.active) {
                if (free[v]
                        && (owner[v] == 0 || owner[v] == seed.label)
                        && chi[v] >= t - TIE
                        && seed.allowed(v, true)
                        && !seen[seed.local(v)]) {
                    seen[seed.local(v)] = true;
                    stack[top++] = v;
                }
            }
            while (top > 0) {
                int v = stack[--top];
                if (++count > cap) {
                    return count;
                }
                int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
                for (int[] o : neighbours) {
                    int a = i + o[0], b = j + o[1], d = k + o[2];
                    if (a < seed.wlo[0]
                            || b < seed.wlo[1]
                            || d < seed.wlo[2]
                            || a > seed.whi[0]
                            || b > seed.whi[1]
                            || d > seed.whi[2]) {
                        continue;
                    }
                    int w = a + nx * (b + ny * d);
                    int l = seed.local(w);
                    if (!seen[l]
                            && free[w]
                            && (owner[w] == 0 || owner[w] == seed.label)
                            && chi[w] >= t - TIE
                            && seed.allowed(w, true)) {
                        seen[l] = true;
                        if (top == stack.length) {
                            stack = Arrays.copyOf(stack, stack.length * 2);
                        }
                        stack[top++] = w;
                    }
                }
            }
            return count;
        }

        /**
         * The largest 6-connected set of a box's seed voxels with χ ≥ t (free and allowed), so that noise voxels of the
         * box's background do not seed islands; all its seed voxels if none is above t.
         */
        int[] largestComponentAbove(Seed seed, double t) {
            int[] best = new int[0];
            java.util.Set<Integer> inBox = new java.util.HashSet<>();
            for (int v : seed.start) {
                if (free[v] && chi[v] >= t - TIE && seed.allowed(v)) {
                    inBox.add(v);
                }
            }
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int v0 : seed.start) {
                if (!inBox.contains(v0) || !seen.add(v0)) {
                    continue;
                }
                List<Integer> component = new ArrayList<>();
                java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(v0));
                while (!queue.isEmpty()) {
                    int v = queue.poll();
                    component.add(v);
                    int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
                    int[][] six = {{-1, 0, 0}, {1, 0, 0}, {0, -1, 0}, {0, 1, 0}, {0, 0, -1}, {0, 0, 1}};
                    for (int[] o : six) {
                        int a = i + o[0], b = j + o[1], d = k + o[2];
                        if (a < 0 || b < 0 || d < 0 || a >= nx || b >= ny || d >= nz) {
                            continue;
                        }
                        int w = a + nx * (b + ny * d);
                        if (inBox.contains(w) && seen.add(w)) {
                            queue.add(w);
                        }
                    }
                }
                if (component.size() > best.length) {
                    best = component.stream().mapToInt(Integer::intValue).toArray();
                }
            }
            return best.length == 0 ? seed.start : best;
        }

        /** Closing and hole filling of one region, on a crop around it (class contract, step 7). */
        void smooth(Seed seed) {
            int[] region = seed.region();
            if (region.length == 0 || (p.closingVoxels() == 0 && !p.fillHoles())) {
                return;
            }
            double radius = p.closingVoxels() * Math.max(grid.dx(), Math.max(grid.dy(), grid.dz()));
            int margin = (int) Math.ceil(p.closingVoxels()) + 1;
            Crop crop = Crop.around(region, margin, grid);
            boolean[] m = crop.take(region);
            if (radius > 0) {
                m = Morphology.close(m, crop.grid, radius, cancel);
            }
            if (p.fillHoles()) {
                m = Morphology.fillHoles(m, crop.grid, cancel);
            }
            for (int l = 0; l < m.length; l++) {
                if (m[l]) {
                    int v = crop.global(l);
                    if (owner[v] == 0 && free[v] && seed.allowed(v)) {
                        owner[v] = seed.label;
                    }
                }
            }
        }

        /** One seed's definition, allowed region and current levels. */
        final class Seed {
            final NucleusSeed def;
            final int label;
            final int[] start;
            int[] active; // the seed voxels the growth starts from at the current threshold
            final int[] lo = new int[3], hi = new int[3]; // voxel box holding the allowed region (inclusive)
            final int[] wlo = new int[3], whi = new int[3]; // and the wider one the leak probe may reach
            final double[] centre; // click or region centroid (mm), or null for a box
            final double[] boxMin, boxMax; // a box grown by the margin (mm), or null
            final int maxVoxels;
            double interior, background, sigma, threshold;
            boolean leakStopped, capped, levelsFromSeed;
            int size;

            Seed(NucleusSeed def, Geometry geometry) {
                this.def = def;
                this.label = seeds.indexOf(def) + 1;
                double voxelMl = grid.dx() * grid.dy() * grid.dz() / 1000;
                maxVoxels = (int) Math.floor(def.nucleus().maxVolumeMl() / voxelMl);
                double[] bMin = null, bMax = null, c = null;
                switch (def.kind()) {
                    case CLICK -> c = def.point().clone();
                    case BOX -> {
                        bMin = new double[3];
                        bMax = new double[3];
                        for (int d = 0; d < 3; d++) {
                            bMin[d] = Math.min(def.point()[d], def.corner()[d]) - p.boxMarginMm();
                            bMax[d] = Math.max(def.point()[d], def.corner()[d]) + p.boxMarginMm();
                        }
                    }
                    case REGION -> {
                        c = new double[3];
                        for (int v : def.voxels()) {
                            checkOnGrid(v);
                            double[] q = patient(v);
                            for (int d = 0; d < 3; d++) {
                                c[d] += q[d] / def.voxels().length;
                            }
                        }
                    }
                }
                centre = c;
                boxMin = bMin;
                boxMax = bMax;
                double[] mmLo = new double[3], mmHi = new double[3];
                for (int d = 0; d < 3; d++) {
                    mmLo[d] = c != null ? c[d] - def.nucleus().maxExtentMm() : bMin[d];
                    mmHi[d] = c != null ? c[d] + def.nucleus().maxExtentMm() : bMax[d];
                }
                voxelBox(geometry, mmLo, mmHi, lo, hi);
                for (int d = 0; d < 3; d++) {
                    double wide = (LEAK_PROBE_REACH - 1) * def.nucleus().maxExtentMm();
                    mmLo[d] -= c != null ? wide : 0;
                    mmHi[d] += c != null ? wide : 0;
                }
                voxelBox(geometry, mmLo, mmHi, wlo, whi);
                if (lo[0] > hi[0] || lo[1] > hi[1] || lo[2] > hi[2]) {
                    throw new IllegalArgumentException("seed '" + def.source() + "' lies outside the χ map's grid");
                }
                start = startVoxels(geometry);
                if (start.length == 0) {
                    throw new IllegalArgumentException(
                            "seed '" + def.source() + "' covers no voxel of the χ map inside the brain mask");
                }
            }

            private void checkOnGrid(int v) {
                if (v < 0 || v >= grid.size()) {
                    throw new IllegalArgumentException(
                            "seed '" + def.source() + "' has voxel index " + v + " outside the grid");
                }
            }

            private void voxelBox(Geometry geometry, double[] mmLo, double[] mmHi, int[] lo, int[] hi) {
                Arrays.fill(lo, Integer.MAX_VALUE);
                Arrays.fill(hi, Integer.MIN_VALUE);
                for (int corner = 0; corner < 8; corner++) {
                    double[] q = geometry.toVoxel(
                            (corner & 1) == 0 ? mmLo[0] : mmHi[0],
                            (corner & 2) == 0 ? mmLo[1] : mmHi[1],
                            (corner & 4) == 0 ? mmLo[2] : mmHi[2]);
                    for (int d = 0; d < 3; d++) {
                        lo[d] = Math.min(lo[d], (int) Math.floor(q[d]));
                        hi[d] = Math.max(hi[d], (int) Math.ceil(q[d]));
                    }
                }
                int[] n = {nx, ny, nz};
                for (int d = 0; d < 3; d++) {
                    lo[d] = Math.max(0, lo[d]);
                    hi[d] = Math.min(n[d] - 1, hi[d]);
                }
            }

            private int[] startVoxels(Geometry geometry) {
                List<Integer> list = new ArrayList<>();
                switch (def.kind()) {
                    case REGION -> {
                        for (int v : def.voxels()) {
                            if (free[v]) {
                                list.add(v);
                            }
                        }
                    }
                    case CLICK, BOX -> {
                        double r2 = p.seedRadiusMm() * p.seedRadiusMm();
                        forEachInBox(v -> {
                            double[] q = patient(v);
                            boolean in;
                            if (def.kind() == NucleusSeed.Kind.CLICK) {
                                in = dist2(q, centre) <= r2;
                            } else {
                                in = true;
                                for (int d = 0; d < 3; d++) {
                                    in &= q[d] >= boxMin[d] + p.boxMarginMm() && q[d] <= boxMax[d] - p.boxMarginMm();
                                }
                            }
                            if (in && free[v]) {
                                list.add(v);
                            }
                        });
                        if (list.isEmpty() && def.kind() == NucleusSeed.Kind.CLICK) {
                            double[] q = geometry.toVoxel(centre[0], centre[1], centre[2]);
                            int i = (int) Math.round(q[0]), j = (int) Math.round(q[1]), k = (int) Math.round(q[2]);
                            if (i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz) {
                                int v = i + nx * (j + ny * k);
                                if (free[v]) {
                                    list.add(v);
                                }
                            }
                        }
                    }
                }
                return list.stream().mapToInt(Integer::intValue).toArray();
            }

            void forEachInBox(java.util.function.IntConsumer body) {
                for (int k = lo[2]; k <= hi[2]; k++) {
                    for (int j = lo[1]; j <= hi[1]; j++) {
                        for (int i = lo[0]; i <= hi[0]; i++) {
                            body.accept(i + nx * (j + ny * k));
                        }
                    }
                }
            }

            /** Voxels of the wide box (the leak probe's). */
            int boxSize() {
                return (whi[0] - wlo[0] + 1) * (whi[1] - wlo[1] + 1) * (whi[2] - wlo[2] + 1);
            }

            /** Index of voxel v in the wide box. */
            int local(int v) {
                int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
                return (i - wlo[0]) + (whi[0] - wlo[0] + 1) * ((j - wlo[1]) + (whi[1] - wlo[1] + 1) * (k - wlo[2]));
            }

            boolean allowed(int v) {
                return allowed(v, false);
            }

            /** In A<sub>r</sub>; with {@code probe}, within {@link #LEAK_PROBE_REACH} × the maximum extent instead. */
            boolean allowed(int v, boolean probe) {
                int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
                int[] l = probe ? wlo : lo, h = probe ? whi : hi;
                if (i < l[0] || j < l[1] || k < l[2] || i > h[0] || j > h[1] || k > h[2]) {
                    return false;
                }
                double[] q = patient(v);
                if (centre != null) {
                    double e = def.nucleus().maxExtentMm() * (probe ? LEAK_PROBE_REACH : 1);
                    return dist2(q, centre) <= e * e;
                }
                for (int d = 0; d < 3; d++) {
                    if (q[d] < boxMin[d] || q[d] > boxMax[d]) {
                        return false;
                    }
                }
                return true;
            }

            int[] region() {
                List<Integer> list = new ArrayList<>();
                forEachInBox(v -> {
                    if (owner[v] == label) {
                        list.add(v);
                    }
                });
                return list.stream().mapToInt(Integer::intValue).toArray();
            }

            /** The levels from the seed voxels alone (class contract, step 2, before the first growth). */
            void seedLevels() {
                levelsFromSeed = true;
                double gap = def.kind() == NucleusSeed.Kind.BOX
                        ? p.boxMarginMm()
                        : def.nucleus().typicalRadiusMm();
                double q = def.kind() == NucleusSeed.Kind.BOX ? BOX_INTERIOR_QUANTILE : 0.75;
                levels(start, quantile(values(start), q), gap);
                levelsFromSeed = true;
            }

            /** χ<sub>in</sub> given; χ<sub>bg</sub>, σ<sub>bg</sub> from the shell (gap, gap + width] around the region. */
            void levels(int[] region, double interiorLevel, double gap) {
                levelsFromSeed = false;
                interior = interiorLevel;
                double outer = gap + p.shellWidthMm();
                int margin = (int) Math.ceil(outer / Math.min(grid.dx(), Math.min(grid.dy(), grid.dz()))) + 1;
                Crop crop = Crop.around(region, margin, grid);
                float[] d2 = Morphology.squaredDistanceTo(crop.take(region), true, crop.grid, cancel);
                double g2 = gap * gap, o2 = outer * outer;
                List<Float> shell = new ArrayList<>();
                boolean[] inShell = new boolean[d2.length];
                for (int l = 0; l < d2.length; l++) {
                    if (d2[l] > g2 && d2[l] <= o2) {
                        int v = crop.global(l);
                        if (free[v] && (owner[v] == 0 || owner[v] == label)) {
                            shell.add(chi[v]);
                            inShell[l] = true;
                        }
                    }
                }
                // differences of face neighbours both in the shell: the noise without the tissue's own variation
                List<Float> steps = new ArrayList<>();
                int cx = crop.grid.nx(), cxy = cx * crop.grid.ny();
                for (int l = 0; l < d2.length; l++) {
                    if (inShell[l]) {
                        int i = l % cx, j = (l / cx) % crop.grid.ny(), k = l / cxy;
                        if (i + 1 < cx && inShell[l + 1]) {
                            steps.add(Math.abs(chi[crop.global(l)] - chi[crop.global(l + 1)]));
                        }
                        if (j + 1 < crop.grid.ny() && inShell[l + cx]) {
                            steps.add(Math.abs(chi[crop.global(l)] - chi[crop.global(l + cx)]));
                        }
                        if (k + 1 < crop.grid.nz() && inShell[l + cxy]) {
                            steps.add(Math.abs(chi[crop.global(l)] - chi[crop.global(l + cxy)]));
                        }
                    }
                }
                if (shell.isEmpty()) {
                    throw new IllegalArgumentException("seed '" + def.source() + "': no voxel of the brain mask lies"
                            + " around it to measure the background χ");
                }
                float[] values = new float[shell.size()];
                for (int n = 0; n < values.length; n++) {
                    values[n] = shell.get(n);
                }
                background = quantile(values, 0.5);
                float[] d = new float[steps.size()];
                for (int n = 0; n < d.length; n++) {
                    d[n] = steps.get(n);
                }
                sigma = d.length == 0
                        ? (background - quantile(values, 0.25)) / HALF_NORMAL_MEDIAN
                        : quantile(d, 0.5) / (HALF_NORMAL_MEDIAN * Math.sqrt(2));
            }

            /** T from the levels, then raised while the volume jumps or exceeds the maximum (steps 3–4). */
            void chooseThreshold(boolean first) {
                active = start;
                pickThreshold(first);
                if (def.kind() == NucleusSeed.Kind.BOX) {
                    active = largestComponentAbove(this, threshold);
                }
            }

            private void pickThreshold(boolean first) {
                double contrast = interior - background, floor = p.noiseSigmas() * sigma;
                if (!(first || levelsFromSeed)) {
                    // once grown, a region is not refused: the floor is capped below its interior level
                    floor = Math.min(floor, MAX_FLOOR_FRACTION * contrast);
                }
                if (!(contrast > floor)) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT,
                            "seed '%s': χ at the seed (%.4f ppm) is not above its surroundings (%.4f ± %.4f ppm, %g σ"
                                    + " needed): there is no bright nucleus to grow there",
                            def.source(),
                            interior,
                            background,
                            sigma,
                            p.noiseSigmas()));
                }
                double t0 = background + Math.max(p.contrastFraction() * (interior - background), floor);
                double voxelMl = grid.dx() * grid.dy() * grid.dz() / 1000;
                double typicalMin = def.nucleus().typicalMinMl() / voxelMl;
                leakStopped = false;
                threshold = t0;
                if (first) {
                    return; // the leak probe needs the other nuclei's regions, grown in the first pass
                }
                int steps = p.leakSteps();
                int[] v = new int[steps + 1];
                Arrays.fill(v, -1);
                double lastNonEmpty = t0;
                for (int i = 0; i < steps; i++) {
                    double t = t0 + i * (interior - t0) / steps;
                    if (v[i] < 0) {
                        v[i] = aloneVolume(this, t, maxVoxels);
                    }
                    if (v[i] == 0) {
                        break; // the nucleus itself is gone: never raise the threshold that far
                    }
                    lastNonEmpty = t;
                    if (v[i] > maxVoxels) {
                        continue;
                    }
                    v[i + 1] = aloneVolume(this, t0 + (i + 1) * (interior - t0) / steps, maxVoxels);
                    boolean jump = v[i] > p.leakJump() * v[i + 1] && v[i] > typicalMin;
                    if (!jump) {
                        threshold = t;
                        leakStopped = i > 0;
                        return;
                    }
                }
                threshold = lastNonEmpty;
                leakStopped = true;
            }
        }

        double[] patient(int v) {
            int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
            double[] a = affine;
            return new double[] {
                a[0] * i + a[1] * j + a[2] * k + a[3],
                a[4] * i + a[5] * j + a[6] * k + a[7],
                a[8] * i + a[9] * j + a[10] * k + a[11]
            };
        }
    }

    private record Candidate(double delta, int voxel, int label) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            int c = Double.compare(delta, o.delta);
            return c != 0 ? c : Integer.compare(voxel, o.voxel);
        }
    }

    /** A box of the grid around some voxels, as its own small grid, for the morphology. */
    private static final class Crop {
        final VoxelGrid grid;
        final int x0, y0, z0, nx, ny, fullNx, fullNy;

        private Crop(VoxelGrid full, int[] lo, int[] hi) {
            x0 = lo[0];
            y0 = lo[1];
            z0 = lo[2];
            nx = hi[0] - lo[0] + 1;
            ny = hi[1] - lo[1] + 1;
            fullNx = full.nx();
            fullNy = full.ny();
            grid = new VoxelGrid(nx, ny, hi[2] - lo[2] + 1, full.dx(), full.dy(), full.dz());
        }

        static Crop around(int[] voxels, int margin, VoxelGrid full) {
            int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
            int[] hi = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
            int fx = full.nx(), fy = full.ny();
            for (int v : voxels) {
                int[] q = {v % fx, (v / fx) % fy, v / (fx * fy)};
                for (int d = 0; d < 3; d++) {
                    lo[d] = Math.min(lo[d], q[d]);
                    hi[d] = Math.max(hi[d], q[d]);
                }
            }
            int[] n = {full.nx(), full.ny(), full.nz()};
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.max(0, lo[d] - margin);
                hi[d] = Math.min(n[d] - 1, hi[d] + margin);
            }
            return new Crop(full, lo, hi);
        }

        boolean[] take(int[] voxels) {
            boolean[] m = new boolean[grid.size()];
            for (int v : voxels) {
                int i = v % fullNx - x0, j = (v / fullNx) % fullNy - y0, k = v / (fullNx * fullNy) - z0;
                m[i + nx * (j + ny * k)] = true;
            }
            return m;
        }

        int global(int l) {
            int i = l % nx + x0, j = (l / nx) % ny + y0, k = l / (nx * ny) + z0;
            return i + fullNx * (j + fullNy * k);
        }
    }

    private static int[][] offsets(Connectivity c) {
        List<int[]> list = new ArrayList<>();
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int n = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (n == 1 || (c == Connectivity.TWENTY_SIX && n > 1)) {
                        list.add(new int[] {dx, dy, dz});
                    }
                }
            }
        }
        return list.toArray(int[][]::new);
    }

    private static double dist2(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** Quantile p (Hyndman &amp; Fan 7) of the finite values; NaN if none. */
    static double quantile(float[] values, double p) {
        float[] v = values.clone();
        Arrays.sort(v);
        int end = v.length;
        while (end > 0 && Float.isNaN(v[end - 1])) {
            end--;
        }
        return SampleStatistics.quantile(v, 0, end, p);
    }
}
