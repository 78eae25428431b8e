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
package org.ferrum.brain.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.HeadPhantom;

/**
 * The simulated brain-iron study: one subject's head ({@link HeadAnatomy#wholeHead()}) scanned at several visits, each
 * with its own nucleus susceptibilities (a <b>known change</b> per year, {@link BrainNucleus}), its own head position
 * (a rigid {@link RigidMotion} between visits, so visits must be registered), its own noise, a multi-echo GRE (the
 * physical sub-voxel complex signal model of {@link HeadPhantom}, no inverse crime) and a T1-weighted image with an
 * aseg-like label map on a different grid (so the labels must be registered onto the GRE). Settings here, the data of
 * one visit from {@link #generate}.
 *
 * <p>Contract:
 * <ul>
 * <li><b>Time</b>: visit v (1, 2, …) is {@code (v − 1) × interval} years after baseline (default interval
 *     {@value #DEFAULT_INTERVAL_YEARS} years).</li>
 * <li><b>Truth</b> ({@link #anatomyAtRest(double)}): the whole head at rest with each nucleus' χ =
 *     χ<sub>baseline</sub> + rate·years and R2* = R2*<sub>baseline</sub> + {@link BrainNucleus#R2STAR_PER_CHI}·Δχ;
 *     everything else (CSF reference 0 ppm included) as in {@code wholeHead()}. {@link #chiTruth} and
 *     {@link #r2StarTruth} give the values.</li>
 * <li><b>Motion</b> ({@link #motionOf}): visit 1 is the head at rest (identity); visit v ≥ 2 is a rigid motion about
 *     the head centre drawn from (seed, v): each rotation angle about L, P and S of 1.5–4° and each translation of
 *     1.5–4 mm, random signs.</li>
 * <li><b>One T1w per subject</b>, acquired at the first visit (as longitudinal studies do): the head at visit 1 moved
 *     once more within that session by {@link #T1W_WITHIN_SESSION}; the same image and labels whichever visit is
 *     generated, so carrying its labels onto a later visit's GRE needs the motion between visits registered.</li>
 * <li><b>GRE</b>: the grid is centred on the scanner origin, axial, B0 along S; the head is sampled through the
 *     motion (the anatomy's solids moved, the grid and B0 fixed, so a rotated head meets B0 at its new angle, as in
 *     a scanner). Magnitude and phase from {@link HeadPhantom.SignalModel#SUBVOXEL_COMPLEX}; R2* of every tissue ∝ B0
 *     (its 3 T value × B0/3 T). Noise seeded by (seed, visit).</li>
 * <li><b>Truth maps on the GRE grid</b>: χ (voxel mean, ppm relative to CSF; {@link HeadPhantom#chi()}), R2*
 *     (voxel mean of the tissues' R2* at this B0, 1/s), brain mask, aseg-like labels ({@link AsegLabels}).</li>
 * <li><b>T1w</b>: MPRAGE-like voxel means of {@link #t1wIntensity} (WM 1.00, cortex 0.62, deep nuclei 0.70–0.85,
 *     CSF 0.15, …) × a smooth receive bias (±≈8 %), with Rician noise σ = 1/{@code t1wSnr}; on an axial grid of
 *     {@code t1wVoxel} mm covering {@link #T1W_FOV_MM} centred at {@link #T1W_CENTRE_MM} (not the GRE's grid). Its
 *     labels (aseg-like, legend set) are on the T1w grid.</li>
 * <li>Deterministic: the same settings give the same data on any number of threads.</li>
 * </ul>
 */
public final class BrainIronPhantom {

    public static final double DEFAULT_INTERVAL_YEARS = 2.0;
    /** The T1w's field of view in mm (L, P, S): the whole head with room for the motion. */
    public static final double[] T1W_FOV_MM = {168, 204, 150};
    /** Where the T1w grid is centred (scanner LPS mm): not the GRE's centre, as separate scans are planned. */
    public static final double[] T1W_CENTRE_MM = {2, -4, 6};
    /** The head's motion between the GRE and the T1w of one session: 1° about L, −1.5° about S, (−1, 1.5, 0.5) mm. */
    public static final RigidMotion T1W_WITHIN_SESSION = RigidMotion.ofAngles(1.0, 0, -1.5, -1.0, 1.5, 0.5);

    int visit = 1;
    double intervalYears = DEFAULT_INTERVAL_YEARS;
    long seed = 1;
    int nx = 96, ny = 96, nz = 64;
    double greVoxel = 2;
    double fieldStrength = 3;
    double[] echoTimesMs = {4, 12, 20, 28};
    double snr = 100;
    double paddingFactor = 1.25;
    int subsamples = 2;
    double t1wVoxel = 1.5;
    double t1wSnr = 40;

    /** Visit {@code v} ≥ 1 (default 1, the baseline). */
    public BrainIronPhantom visit(int v) {
        if (v < 1 || v > 1000) {
            throw new IllegalArgumentException("visit must be in [1, 1000], got " + v);
        }
        this.visit = v;
        return this;
    }

    /** Years between consecutive visits (default {@value #DEFAULT_INTERVAL_YEARS}, ≥ 0). */
    public BrainIronPhantom intervalYears(double years) {
        if (!(years >= 0) || years > 50) {
            throw new IllegalArgumentException("the interval between visits must be in [0, 50] years, got " + years);
        }
        this.intervalYears = years;
        return this;
    }

    /** The subject's seed: its motions and noise (default 1). */
    public BrainIronPhantom seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** GRE grid in voxels (default 96 × 96 × 64). */
    public BrainIronPhantom greSize(int nx, int ny, int nz) {
        if (nx < 8 || ny < 8 || nz < 8 || (long) nx * ny * nz > 16L * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "GRE grid must be ≥ 8 voxels per axis and ≤ 16 Mi voxels, got " + nx + "×" + ny + "×" + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        return this;
    }

    /** GRE voxel size in mm, isotropic (default 2). */
    public BrainIronPhantom greVoxel(double mm) {
        if (!(mm >= 0.5) || mm > 8) {
            throw new IllegalArgumentException("GRE voxel must be in [0.5, 8] mm, got " + mm);
        }
        this.greVoxel = mm;
        return this;
    }

    /** B0 in T (default 3). */
    public BrainIronPhantom fieldStrength(double tesla) {
        if (!(tesla > 0) || tesla > 14) {
            throw new IllegalArgumentException("field strength must be in (0, 14] T, got " + tesla);
        }
        this.fieldStrength = tesla;
        return this;
    }

    /** Echo times in ms, increasing (default 4, 12, 20, 28). */
    public BrainIronPhantom echoTimesMs(double... ms) {
        EchoTimes.ofMilliseconds(ms); // validates
        this.echoTimesMs = ms.clone();
        return this;
    }

    /** GRE SNR of the first echo in the brain (default 100; 0 = no noise). */
    public BrainIronPhantom snr(double snr) {
        if (!(snr >= 0)) {
            throw new IllegalArgumentException("SNR must be ≥ 0, got " + snr);
        }
        this.snr = snr;
        return this;
    }

    /** Zero padding of the field computation (default 1.25). */
    public BrainIronPhantom paddingFactor(double factor) {
        this.paddingFactor = factor;
        return this;
    }

    /** Sub-samples per voxel edge for partial volumes (default 2). */
    public BrainIronPhantom subsamples(int s) {
        if (s < 1 || s > 8) {
            throw new IllegalArgumentException("sub-samples per voxel edge must be in [1, 8], got " + s);
        }
        this.subsamples = s;
        return this;
    }

    /** T1w voxel size in mm, isotropic (default 1.5); the grid covers {@link #T1W_FOV_MM}. */
    public BrainIronPhantom t1wVoxel(double mm) {
        if (!(mm >= 0.5) || mm > 8) {
            throw new IllegalArgumentException("T1w voxel must be in [0.5, 8] mm, got " + mm);
        }
        this.t1wVoxel = mm;
        return this;
    }

    /** T1w SNR: white matter (1.0) over the noise σ (default 40; 0 = no noise). */
    public BrainIronPhantom t1wSnr(double snr) {
        if (!(snr >= 0)) {
            throw new IllegalArgumentException("T1w SNR must be ≥ 0, got " + snr);
        }
        this.t1wSnr = snr;
        return this;
    }

    /** Years since baseline of the visit set. */
    public double years() {
        return (visit - 1) * intervalYears;
    }

    /** The GRE grid's geometry: axial, centred on the scanner origin. */
    public Geometry greGeometry() {
        return HeadPhantom.builder()
                .size(nx, ny, nz)
                .voxelSize(greVoxel, greVoxel, greVoxel)
                .geometry();
    }

    /** The T1w grid: {@code t1wVoxel} mm, covering {@link #T1W_FOV_MM} centred at {@link #T1W_CENTRE_MM}. */
    public VoxelGrid t1wGrid() {
        return new VoxelGrid(
                (int) Math.ceil(T1W_FOV_MM[0] / t1wVoxel),
                (int) Math.ceil(T1W_FOV_MM[1] / t1wVoxel),
                (int) Math.ceil(T1W_FOV_MM[2] / t1wVoxel),
                t1wVoxel,
                t1wVoxel,
                t1wVoxel);
    }

    /** The T1w grid's geometry (axial, axis-aligned). */
    public Geometry t1wGeometry() {
        VoxelGrid g = t1wGrid();
        int[] n = g.sizes();
        double[] o = new double[3];
        for (int d = 0; d < 3; d++) {
            o[d] = T1W_CENTRE_MM[d] - (n[d] - 1) / 2.0 * t1wVoxel;
        }
        return Geometry.ofAffine(t1wVoxel, 0, 0, o[0], 0, t1wVoxel, 0, o[1], 0, 0, t1wVoxel, o[2]);
    }

    /**
     * The head's motion at visit v for subject {@code seed}: identity at v = 1; otherwise angles about L, P, S and
     * shifts along L, P, S each of magnitude uniform in [1.5, 4] (degrees, mm) with a random sign, drawn from (seed, v).
     */
    public static RigidMotion motionOf(long seed, int visit) {
        double[] v = motionParameters(seed, visit);
        return RigidMotion.ofAngles(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /** The Euler angles (degrees about L, P, S) and shifts (mm) {@link #motionOf} draws, for tables. */
    public static double[] motionParameters(long seed, int visit) {
        double[] v = new double[6];
        if (visit == 1) {
            return v;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, visit, 0x6D6F74L));
        for (int q = 0; q < 6; q++) {
            double magnitude = 1.5 + 2.5 * random.nextDouble();
            v[q] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return v;
    }

    /**
     * The whole head at rest, {@code years} after baseline: each {@link BrainNucleus} compartment's χ and R2* changed
     * by the known rate; all else as in {@link HeadAnatomy#wholeHead()}.
     */
    public static HeadAnatomy anatomyAtRest(double years) {
        HeadAnatomy base = HeadAnatomy.wholeHead();
        List<HeadAnatomy.Compartment> out = new ArrayList<>();
        for (HeadAnatomy.Compartment c : base.compartments()) {
            BrainNucleus.Sided n = BrainNucleus.ofCompartment(c.name());
            if (n == null) {
                out.add(c);
            } else {
                double dChi = n.chiRatePpmPerYear() * years;
                out.add(new HeadAnatomy.Compartment(
                        c.name(),
                        c.label(),
                        c.susceptibilityPpm() + dChi,
                        c.protonDensity(),
                        c.r2StarAt3T() + BrainNucleus.R2STAR_PER_CHI * dChi,
                        c.solid()));
            }
        }
        return HeadAnatomy.of(out, base.head(), base.brain());
    }

    /** The head of {@code atRest} after {@code motion}: every solid moved, χ, ρ, R2* and labels kept. */
    public static HeadAnatomy moved(HeadAnatomy atRest, RigidMotion motion) {
        List<HeadAnatomy.Compartment> out = new ArrayList<>();
        for (HeadAnatomy.Compartment c : atRest.compartments()) {
            out.add(new HeadAnatomy.Compartment(
                    c.name(),
                    c.label(),
                    c.susceptibilityPpm(),
                    c.protonDensity(),
                    c.r2StarAt3T(),
                    new MovedSolid(c.solid(), motion)));
        }
        // head() and brain() stay the ellipsoids at rest: HeadPhantom samples the compartments only
        return HeadAnatomy.of(out, atRest.head(), atRest.brain());
    }

    /** χ (ppm relative to CSF) of a nucleus side {@code years} after baseline: the truth table. */
    public static double chiTruth(BrainNucleus nucleus, Hemisphere side, double years) {
        return baseline(nucleus, side).susceptibilityPpm() + nucleus.chiRatePpmPerYear(side) * years;
    }

    /** R2* (1/s) of a nucleus side {@code years} after baseline at {@code tesla}: the truth table. */
    public static double r2StarTruth(BrainNucleus nucleus, Hemisphere side, double years, double tesla) {
        return (baseline(nucleus, side).r2StarAt3T()
                        + BrainNucleus.R2STAR_PER_CHI * nucleus.chiRatePpmPerYear(side) * years)
                * tesla
                / 3.0;
    }

    private static HeadAnatomy.Compartment baseline(BrainNucleus nucleus, Hemisphere side) {
        String name = side.word() + " " + nucleus.anatomyName();
        return HeadAnatomy.wholeHead().compartments().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("HeadAnatomy.wholeHead() has no '" + name + "'"));
    }

    /**
     * MPRAGE-like T1-weighted intensity of a tissue (white matter 1): cortex 0.62, caudate 0.70, putamen 0.74,
     * thalamus 0.80, substantia nigra 0.78, red nucleus 0.80, dentate 0.82, globus pallidus 0.85 (iron shortens T1:
     * the pallidum is the brightest grey matter on MPRAGE), CSF 0.15, veins 0.45, calcification 0.30, scalp and soft
     * tissue 0.75, bone 0.08, air 0.
     */
    public static double t1wIntensity(HeadAnatomy.Compartment c) {
        return switch (c.label()) {
            case WHITE_MATTER -> 1.00;
            case GREY_MATTER -> 0.62;
            case CAUDATE -> 0.70;
            case PUTAMEN -> 0.74;
            case THALAMUS -> 0.80;
            case SUBSTANTIA_NIGRA -> 0.78;
            case RED_NUCLEUS -> 0.80;
            case DENTATE -> 0.82;
            case GLOBUS_PALLIDUS -> 0.85;
            case CSF, EXTRACEREBRAL_CSF -> 0.15;
            case VEIN -> 0.45;
            case CALCIFICATION -> 0.30;
            case SOFT_TISSUE -> 0.75;
            case SKULL -> 0.08;
            case AIR_CAVITY, BACKGROUND -> 0.0;
        };
    }

    /** The receive-coil bias of the T1w at a scanner point: smooth, about ±8 % over the head. */
    static double t1wBias(double x, double y, double z) {
        double u = x / 80, v = y / 100, w = z / 65;
        return 1 + 0.05 * u - 0.04 * v + 0.03 * w - 0.04 * w * w;
    }

    /** Computes the visit set. */
    public BrainIronVisit generate() {
        return generate(Cancellation.NEVER, (f, m) -> {});
    }

    /**
     * Computes the visit set.
     *
     * @param progress receives (fraction in [0, 1], message)
     */
    public BrainIronVisit generate(Cancellation cancellation, BiConsumer<Double, String> progress) {
        Objects.requireNonNull(cancellation, "cancellation");
        double years = years();
        RigidMotion motion = motionOf(seed, visit);
        RigidMotion t1wPose = T1W_WITHIN_SESSION.then(motionOf(seed, 1));
        HeadAnatomy atRest = anatomyAtRest(years);

        progress.accept(0.0, "GRE of visit " + visit);
        HeadPhantom gre = HeadPhantom.builder()
                .size(nx, ny, nz)
                .voxelSize(greVoxel, greVoxel, greVoxel)
                .fieldStrength(fieldStrength)
                .echoTimesMs(echoTimesMs)
                .snr(snr)
                .seed(mix(seed, visit, 0x475245L))
                .paddingFactor(paddingFactor)
                .subsamples(subsamples)
                .anatomy(moved(atRest, motion))
                .signalModel(HeadPhantom.SignalModel.SUBVOXEL_COMPLEX)
                .generate(cancellation, (f, m) -> progress.accept(0.7 * f, "GRE: " + m));

        progress.accept(0.7, "truth maps on the GRE grid");
        HeadAnatomy.Compartment[] cs = atRest.compartments().toArray(new HeadAnatomy.Compartment[0]);
        double[] r2 = new double[cs.length], t1 = new double[cs.length];
        for (int c = 0; c < cs.length; c++) {
            r2[c] = cs[c].r2StarAt3T() * fieldStrength / 3.0;
            t1[c] = t1wIntensity(cs[c]);
        }
        Geometry greGeometry = gre.geometry();
        long[] dims = gre.grid().dimensions();
        Volume<FloatType> labelsGre = Volumes.createFloat(dims, greGeometry, PhysicalUnit.DIMENSIONLESS);
        Volume<FloatType> r2star = Volumes.createFloat(dims, greGeometry, PhysicalUnit.PER_SECOND);
        new PoseSampler(atRest, motion, subsamples, cancellation)
                .sample(gre.grid(), greGeometry, Volumes.floats(labelsGre), r2, Volumes.floats(r2star), null, null);

        progress.accept(0.8, "T1w and its labels");
        VoxelGrid t1Grid = t1wGrid();
        Geometry t1Geometry = t1wGeometry();
        Volume<FloatType> t1w = Volumes.createFloat(t1Grid.dimensions(), t1Geometry, PhysicalUnit.ARBITRARY);
        Volume<FloatType> labelsT1 = Volumes.createFloat(t1Grid.dimensions(), t1Geometry, PhysicalUnit.DIMENSIONLESS);
        new PoseSampler(atRest, t1wPose, subsamples, cancellation)
                .sample(t1Grid, t1Geometry, Volumes.floats(labelsT1), t1, Volumes.floats(t1w), null, null);
        addBiasAndNoise(Volumes.floats(t1w), t1Grid, t1Geometry, mix(seed, 1, 0x543157L), cancellation);
        progress.accept(1.0, "done");
        return new BrainIronVisit(
                visit,
                years,
                fieldStrength,
                motion,
                t1wPose,
                gre.gre(),
                gre.chi(),
                r2star,
                gre.brainMask(),
                labelsGre.withLabels(AsegLabels.legend()),
                t1w,
                labelsT1.withLabels(AsegLabels.legend()),
                gre.noiseSigma(),
                atRest);
    }

    /** × bias, then Rician noise: |s + n| with n complex Gaussian of σ = 1/t1wSnr per channel, seeded per slice. */
    private void addBiasAndNoise(float[] v, VoxelGrid g, Geometry where, long noiseSeed, Cancellation cancellation) {
        double sigma = t1wSnr > 0 && Double.isFinite(t1wSnr) ? 1 / t1wSnr : 0;
        int nx = g.nx(), ny = g.ny();
        ParallelLoop.forEachChunk(g.nz(), 1, cancellation, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                SplittableRandom random = new SplittableRandom(mix(noiseSeed, k, 0x4E4F49L));
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int n = i + nx * (j + ny * k);
                        double[] p = where.toPatient(i, j, k);
                        double s = v[n] * t1wBias(p[0], p[1], p[2]);
                        if (sigma > 0) {
                            double re = s + sigma * gaussian(random), im = sigma * gaussian(random);
                            s = Math.sqrt(re * re + im * im);
                        }
                        v[n] = (float) s;
                    }
                }
            }
        });
    }

    /** A standard normal deviate (Marsaglia's polar method). */
    private static double gaussian(SplittableRandom random) {
        double u, w, s;
        do {
            u = 2 * random.nextDouble() - 1;
            w = 2 * random.nextDouble() - 1;
            s = u * u + w * w;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** A seed from (seed, index, stream) by SplitMix64 finalisation, so neighbouring seeds give unrelated streams. */
    static long mix(long seed, long index, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "brain-iron phantom visit %d (%.1f y), seed %d, GRE %d×%d×%d × %.1f mm at %.1f T, T1w %.1f mm",
                visit,
                years(),
                seed,
                nx,
                ny,
                nz,
                greVoxel,
                fieldStrength,
                t1wVoxel);
    }

    /** A solid carried by a rigid motion: p is inside if motion⁻¹(p) is inside the solid at rest. */
    record MovedSolid(HeadAnatomy.Solid atRest, RigidMotion motion) implements HeadAnatomy.Solid {
        @Override
        public boolean contains(double x, double y, double z) {
            double[] p = motion.applyInverse(x, y, z);
            return atRest.contains(p[0], p[1], p[2]);
        }

        @Override
        public double[] bounds() {
            double[] b = atRest.bounds();
            double[] out = {
                Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY
            };
            for (int corner = 0; corner < 8; corner++) {
                double[] p = motion.apply(
                        (corner & 1) == 0 ? b[0] : b[3],
                        (corner & 2) == 0 ? b[1] : b[4],
                        (corner & 4) == 0 ? b[2] : b[5]);
                for (int d = 0; d < 3; d++) {
                    out[d] = Math.min(out[d], p[d]);
                    out[d + 3] = Math.max(out[d + 3], p[d]);
                }
            }
            return out;
        }
    }
}
