package org.ferrum.qsm.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.core.VoxelGrid;

/**
 * A numerical head phantom for QSM: multi-echo GRE data with known susceptibility, fields, labels and mask,
 * on a straight or oblique grid. Built with {@link #builder()}.
 *
 * <p>Contract (every output on the same grid and {@link #geometry()}):
 * <ul>
 * <li><b>Anatomy</b> ({@link HeadAnatomy#standard()}) is continuous, in patient mm; each voxel averages it over
 *     s×s×s sub-samples (partial volume, default s = 2) so edges carry fractional values instead of stair
 *     steps. {@link #chi()} = voxel mean of χ relative to CSF in ppm (air cavities +9.4, the air around the
 *     head written as 0 so that a viewer shows the head); {@link #labels()} = the label with most
 *     sub-samples ({@link PhantomLabel} values); {@link #brainMask()} = 1 where at least half the sub-samples
 *     are brain.</li>
 * <li><b>Fields</b> in ppm of B0, by the one forward model δ = F⁻¹[D · F[χ]] ({@link DipoleKernel},
 *     {@link FourierFilter}) on a grid with B0 along an axis (the acquisition grid unless B0 is oblique to it, see
 *     below), zero-padded by {@link Builder#paddingFactor} (a zero margin is air, so
 *     the padding is physical, and the periodic images of the head are far away). Because a uniform χ
 *     everywhere makes no field, χ is shifted by −9.4 ppm (air becomes 0, tissue χ − 9.4): the
 *     {@link #totalField()} therefore includes the field of the head/air boundary and of the cavities.
 *     {@link #localField()} = the field of (χ relative to CSF) × brain fraction alone;
 *     {@link #backgroundField()} = total − local (the field of everything outside the brain plus that of the
 *     brain's uniform −9.4 ppm offset, which is harmonic inside the brain).</li>
 * <li><b>Signal</b> of echo e at TE<sub>e</sub>: s = m<sub>e</sub> · exp(i φ<sub>e</sub>) + n with
 *     m<sub>e</sub> = voxel mean of ρ · exp(−R2* · TE<sub>e</sub>) (R2* of each tissue at 3 T scaled ∝ B0),
 *     φ<sub>e</sub> = φ<sub>0</sub>(x) + 2π γ̄ B0 δ · 10⁻⁶ · TE<sub>e</sub> (γ̄ = {@link FieldUnits#PROTON_GYROMAGNETIC_RATIO_HZ_PER_T}),
 *     φ<sub>0</sub> a smooth quadratic polynomial of the patient position (≈ ±1 rad: the transmit/receive
 *     phase offset of real coils), and n complex Gaussian noise with σ per channel = (mean of m<sub>1</sub>
 *     over the brain) / SNR (none when SNR is 0). {@link #gre()} holds |s| and arg s ∈ (−π, π].</li>
 * <li><b>Signal model</b> ({@link Builder#signalModel}): the default {@link SignalModel#VOXEL_MEAN_FIELD} is the model
 *     above (the phase of the voxel-mean field; with B0 along a grid axis the field comes from the dipole kernel on
 *     the acquisition grid itself — an inverse crime for inversions that use the same kernel). The physical
 *     {@link SignalModel#SUBVOXEL_COMPLEX} always computes the fields on the B0-aligned grid refined r ≥ 2 times per
 *     axis (below; for a straight acquisition its lattice points are the acquisition's sub-voxel centres) and forms
 *     each voxel's signal as the mean over its r³ sub-voxels of ρ·e<sup>−R2*·TE</sup>·e<sup>iφ(sub-voxel)</sup>, so the
 *     magnitude drops where the field varies inside a voxel; noise is added after; truths (χ, fields, mask, labels)
 *     stay voxel means. Checked against a sphere's analytic field in {@code SubvoxelSignalModelTest}.</li>
 * <li>Deterministic: the same builder settings (seed included) give the same values on any number of
 *     threads (noise is drawn per echo and slice from generators seeded by (seed, echo, slice)).</li>
 * <li><b>Oblique grids</b> sample the same anatomy (same χ at the same patient point; χ, labels, mask and
 *     magnitude keep their partial volumes on the acquisition grid), and their fields are the physical ones
 *     ({@link FieldGrid#ALIGNED_WITH_B0}). The sampled kernel D(k) = 1/3 − (k·b̂)²/|k|² is only right on a grid
 *     with B0 along an axis: with b̂ oblique to the grid, D takes different values at the two sides of the k-space
 *     edge (k and k − 1/Δ, which the FFT treats as the same frequency), so the old way (the kernel on the
 *     acquisition grid, {@link FieldGrid#ACQUISITION}) gave non-physical fields, made with the very kernel the
 *     inversions use (an inverse crime that hid the error). Method: (1) the aligned grid's axes are the acquisition
 *     axes turned by the smallest rotation that brings the acquisition axis nearest to B0 onto B0 (for B0 along S
 *     and a tilt about L–R: the straight patient axes); its spacings are the acquisition's divided by a refinement
 *     r (automatic: 2 if the padded aligned grid has at most 2²⁶ voxels, else 1; see
 *     {@link Builder#alignedGridRefinement}); it covers the acquisition's field of view (all of it, so anatomy
 *     outside the acquisition box but inside that cover also makes field) and its lattice passes through the
 *     first sub-voxel centre of acquisition voxel (0, 0, 0). (2) The two field sources are sampled there with the
 *     same partial volumes, and the fields computed there, zero-padded, with {@link DipoleKernel} and B0 exactly
 *     along the axis (no edge jump). (3) Each acquisition voxel takes the mean over its r×r×r sub-voxel centres of
 *     the cubic-convolution interpolant (Keys 1981) of the aligned fields, i.e. about the voxel mean of the field,
 *     which is what the straight phantom's D·(voxel mean of χ) approximates too. When B0 lies along an acquisition
 *     axis (straight, or turned about B0) the aligned grid is the acquisition grid: nothing is resampled and the
 *     straight phantom is bit-identical to the former one. Measured against the analytic field of a sphere
 *     (a = 7 voxels, {@code ObliquePhantomFieldTest}; RMS inside / outside in % of 2Δχ/3): straight 0.18 / 0.05,
 *     tilted 20° 0.02 / 0.02 and 35° 0.04 / 0.03, the former model 0.75 / 0.25 and 1.22 / 0.33; on the head
 *     (96×96×72 at 2 mm, {@code ObliqueAcquisitionTest}) the former 20° local field differs from the physical one by
 *     12.5 % RMS in the brain.</li>
 * </ul>
 * Cost: the sampling is O(N · s³) anatomy look-ups (each only against the compartments whose bounding box holds
 * the voxel); both fields take one FFT pair on the padded grid (the B0-aligned one when oblique). Measured on the
 * shared 2-core machine ({@code HeadPhantomTimingTest}, after warm-up): 96×96×64 at 2 mm 1.6 s straight, 5.6 s tilted
 * 15° (aligned grid refined ×2: 8× the voxels); 256×256×128 at 1 mm 3.7 s straight, 6.7 s tilted (aligned grid not
 * refined at that size, about twice the acquisition grid; padding 1.5, about 1–1.5 GB of heap). Under heavy load
 * these times grow severalfold.
 * The multi-echo signal model and the χ/field relation follow the usual QSM simulation practice (e.g.
 * Marques et al., "QSM reconstruction challenge 2.0", Magn Reson Med 2021); the phantom itself is our own.
 */
public final class HeadPhantom {

    private final Builder settings;
    private final VoxelGrid grid;
    private final Geometry geometry;
    private final GreAcquisition acquisition;
    private final MultiEchoGre gre;
    private final Volume<FloatType> chi;
    private final Volume<FloatType> labels;
    private final Volume<FloatType> brainMask;
    private final Volume<FloatType> totalField;
    private final Volume<FloatType> localField;
    private final Volume<FloatType> backgroundField;
    private final double noiseSigma;
    private final long generationMillis;

    private HeadPhantom(Builder settings, VoxelGrid grid, Geometry geometry, GreAcquisition acquisition, MultiEchoGre gre,
            Volume<FloatType> chi, Volume<FloatType> labels, Volume<FloatType> brainMask, Volume<FloatType> totalField,
            Volume<FloatType> localField, Volume<FloatType> backgroundField, double noiseSigma, long generationMillis) {
        this.settings = settings;
        this.grid = grid;
        this.geometry = geometry;
        this.acquisition = acquisition;
        this.gre = gre;
        this.chi = chi;
        this.labels = labels;
        this.brainMask = brainMask;
        this.totalField = totalField;
        this.localField = localField;
        this.backgroundField = backgroundField;
        this.noiseSigma = noiseSigma;
        this.generationMillis = generationMillis;
    }

    /** Settings with the defaults: 96×96×64 voxels of 2 mm, 3 T, TE 4/12/20/28 ms, B0 along S, straight, SNR 100, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** The voxel grid. */
    public VoxelGrid grid() {
        return grid;
    }

    /** Voxel → patient (LPS) mapping: the grid centred on the head, rotated if oblique. */
    public Geometry geometry() {
        return geometry;
    }

    /** Echo times, field strength and B0 direction. */
    public GreAcquisition acquisition() {
        return acquisition;
    }

    /** Magnitude (a.u.) and wrapped phase (rad), echoes last. */
    public MultiEchoGre gre() {
        return gre;
    }

    /** Ground-truth susceptibility, ppm relative to CSF (0 outside the head). */
    public Volume<FloatType> chi() {
        return chi;
    }

    /** Label map of {@link PhantomLabel} values. */
    public Volume<FloatType> labels() {
        return labels;
    }

    /** Brain mask, 0/1. */
    public Volume<FloatType> brainMask() {
        return brainMask;
    }

    /** Total field δ, ppm of B0. */
    public Volume<FloatType> totalField() {
        return totalField;
    }

    /** Local field (sources inside the brain only), ppm. */
    public Volume<FloatType> localField() {
        return localField;
    }

    /** Background field = total − local, ppm. */
    public Volume<FloatType> backgroundField() {
        return backgroundField;
    }

    /** σ of the added noise per real/imaginary channel (0 if noiseless), in magnitude units. */
    public double noiseSigma() {
        return noiseSigma;
    }

    /** Wall time of {@link Builder#generate} in ms. */
    public long generationMillis() {
        return generationMillis;
    }

    /** The anatomy sampled. */
    public HeadAnatomy anatomy() {
        return settings.anatomy;
    }

    /** The brain mask as booleans, x fastest. */
    public boolean[] brainMaskArray() {
        float[] m = Volumes.floats(brainMask);
        boolean[] b = new boolean[m.length];
        for (int n = 0; n < m.length; n++) {
            b[n] = m[n] != 0;
        }
        return b;
    }

    @Override
    public String toString() {
        return "HeadPhantom[" + grid + ", " + acquisition + ", oblique " + String.format(Locale.ROOT, "%.1f°",
                Math.toDegrees(geometry.obliquity())) + ", SNR " + settings.snr + ", seed " + settings.seed + "]";
    }

    /** Phantom settings; {@link #generate} computes a phantom from them. Not thread-safe. */
    public static final class Builder {
        private int nx = 96, ny = 96, nz = 64;
        private double dx = 2, dy = 2, dz = 2;
        private double fieldStrength = 3;
        private double[] echoTimesMs = {4, 12, 20, 28};
        private double[] b0Lps = GreAcquisition.DEFAULT_B0_DIRECTION.clone();
        private double[] rotationAxis = {1, 0, 0};
        private double rotationDegrees = 0;
        private double snr = 100;
        private long seed = 1;
        private double paddingFactor = 1.5;
        private int subsamples = 2;
        private HeadAnatomy anatomy = HeadAnatomy.standard();
        private FieldGrid fieldGrid = FieldGrid.ALIGNED_WITH_B0;
        private int alignedRefinement = 0; // 0: automatic
        private SignalModel signalModel = SignalModel.VOXEL_MEAN_FIELD;

        private Builder() {
        }

        /** Grid size in voxels (each ≥ 1). */
        public Builder size(int nx, int ny, int nz) {
            if (nx < 1 || ny < 1 || nz < 1) {
                throw new IllegalArgumentException("grid size must be ≥ 1 along every axis, got " + nx + "×" + ny + "×" + nz);
            }
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            return this;
        }

        /** Voxel size in mm (each &gt; 0). */
        public Builder voxelSize(double dx, double dy, double dz) {
            for (double d : new double[]{dx, dy, dz}) {
                if (!(d > 0) || !Double.isFinite(d)) {
                    throw new IllegalArgumentException("voxel size must be positive mm, got " + dx + ", " + dy + ", " + dz);
                }
            }
            this.dx = dx;
            this.dy = dy;
            this.dz = dz;
            return this;
        }

        /** Main field in T (default 3). */
        public Builder fieldStrength(double tesla) {
            if (!(tesla > 0) || tesla > 30) {
                throw new IllegalArgumentException("field strength must be in (0, 30] T, got " + tesla);
            }
            this.fieldStrength = tesla;
            return this;
        }

        /** Echo times in ms, increasing (default 4, 12, 20, 28). */
        public Builder echoTimesMs(double... ms) {
            EchoTimes.ofMilliseconds(ms); // validates
            this.echoTimesMs = ms.clone();
            return this;
        }

        /** B0 direction in patient coordinates (LPS), default (0, 0, 1). */
        public Builder b0DirectionLps(double... direction) {
            this.b0Lps = new GreAcquisition(EchoTimes.ofSeconds(0.01), 3, direction).b0DirectionLps();
            return this;
        }

        /**
         * Makes the acquisition oblique: the grid's index axes are the patient axes rotated by {@code degrees}
         * about {@code axisLps} (right-handed); the anatomy and B0 stay where they are.
         */
        public Builder rotation(double[] axisLps, double degrees) {
            double n = Math.sqrt(axisLps[0] * axisLps[0] + axisLps[1] * axisLps[1] + axisLps[2] * axisLps[2]);
            if (!(n > 0) || !Double.isFinite(degrees)) {
                throw new IllegalArgumentException("rotation needs a non-zero axis and a finite angle");
            }
            this.rotationAxis = new double[]{axisLps[0] / n, axisLps[1] / n, axisLps[2] / n};
            this.rotationDegrees = degrees;
            return this;
        }

        /** An oblique-axial acquisition tilted by {@code degrees} about the L–R axis (as along the AC–PC line). */
        public Builder obliqueDegrees(double degrees) {
            return rotation(new double[]{1, 0, 0}, degrees);
        }

        /** Signal-to-noise ratio of the first echo in the brain (mean magnitude / σ); 0 or ∞ for no noise. */
        public Builder snr(double snr) {
            if (!(snr >= 0)) {
                throw new IllegalArgumentException("SNR must be ≥ 0 (0 = no noise), got " + snr);
            }
            this.snr = snr;
            return this;
        }

        /** Seed of the noise generator. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Each axis is zero-padded to the fast FFT size ≥ factor × n before the field is computed (default 1.5,
         * ≥ 1): larger factors move the periodic images of the head further away, at the cost of memory.
         */
        public Builder paddingFactor(double factor) {
            if (!(factor >= 1) || factor > 4) {
                throw new IllegalArgumentException("padding factor must be in [1, 4], got " + factor);
            }
            this.paddingFactor = factor;
            return this;
        }

        /** Sub-samples per voxel edge for partial volumes (default 2, i.e. 8 per voxel; 1 = point sampling). */
        public Builder subsamples(int s) {
            if (s < 1 || s > 8) {
                throw new IllegalArgumentException("sub-samples per voxel edge must be in [1, 8], got " + s);
            }
            this.subsamples = s;
            return this;
        }

        /** The anatomy sampled (default {@link HeadAnatomy#standard()}). */
        public Builder anatomy(HeadAnatomy anatomy) {
            this.anatomy = Objects.requireNonNull(anatomy, "anatomy");
            return this;
        }

        /**
         * Where the fields are computed (default {@link FieldGrid#ALIGNED_WITH_B0}, the physical fields for any grid
         * orientation); {@link FieldGrid#ACQUISITION} reproduces the former model, for comparison only.
         */
        public Builder fieldGrid(FieldGrid where) {
            this.fieldGrid = Objects.requireNonNull(where, "field grid");
            return this;
        }

        /**
         * Refinement r of the B0-aligned field grid: its spacings are the acquisition's divided by r, and each
         * acquisition voxel takes the mean of the field at its r×r×r sub-voxel centres. Costs r³ in time and memory;
         * used only when B0 is oblique to the acquisition grid. Default 0 = automatic: 2 if the padded aligned grid
         * stays within 2²⁶ voxels, else 1.
         */
        public Builder alignedGridRefinement(int r) {
            if (r < 0 || r > 4) {
                throw new IllegalArgumentException("aligned grid refinement must be in [0, 4] (0 = automatic), got " + r);
            }
            this.alignedRefinement = r;
            return this;
        }

        /**
         * How the signal of a voxel is formed (default {@link SignalModel#VOXEL_MEAN_FIELD}, the former model);
         * {@link SignalModel#SUBVOXEL_COMPLEX} computes the fields on a grid at least twice as fine per axis, also
         * for straight acquisitions, and averages the complex signal of the sub-voxels (no inverse crime, intra-voxel
         * dephasing included).
         */
        public Builder signalModel(SignalModel model) {
            this.signalModel = Objects.requireNonNull(model, "signal model");
            return this;
        }

        /** The geometry these settings give: the grid centred on the patient origin, rotated if asked. */
        public Geometry geometry() {
            double[][] r = rotationMatrix(rotationAxis, Math.toRadians(rotationDegrees));
            double[] d = {dx, dy, dz};
            double[] half = {(nx - 1) / 2.0 * dx, (ny - 1) / 2.0 * dy, (nz - 1) / 2.0 * dz};
            double[] a = new double[12];
            for (int row = 0; row < 3; row++) {
                double o = 0;
                for (int c = 0; c < 3; c++) {
                    a[row * 4 + c] = r[row][c] * d[c];
                    o -= r[row][c] * half[c];
                }
                a[row * 4 + 3] = o;
            }
            return Geometry.ofAffine(a);
        }

        /** Computes the phantom. */
        public HeadPhantom generate() {
            return generate(Cancellation.NEVER, (f, m) -> { });
        }

        /**
         * Computes the phantom.
         *
         * @param progress receives (fraction in [0, 1], message) at each stage
         * @throws java.util.concurrent.CancellationException if cancelled
         */
        public HeadPhantom generate(Cancellation cancellation, BiConsumer<Double, String> progress) {
            long start = System.nanoTime();
            Builder frozen = copy();
            return new Generation(frozen, cancellation, progress).run(start);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.size(nx, ny, nz).voxelSize(dx, dy, dz).fieldStrength(fieldStrength).echoTimesMs(echoTimesMs);
            b.b0Lps = b0Lps.clone();
            b.rotationAxis = rotationAxis.clone();
            b.rotationDegrees = rotationDegrees;
            b.snr = snr;
            b.seed = seed;
            b.paddingFactor = paddingFactor;
            b.subsamples = subsamples;
            b.anatomy = anatomy;
            b.fieldGrid = fieldGrid;
            b.alignedRefinement = alignedRefinement;
            b.signalModel = signalModel;
            return b;
        }
    }

    /**
     * How each voxel's complex signal is formed from the anatomy and the field.
     */
    public enum SignalModel {
        /**
         * The former model: m<sub>e</sub> = voxel mean of ρ·e<sup>−R2*·TE</sup>, φ<sub>e</sub> from the voxel-mean
         * field; with B0 along a grid axis the field is computed on the acquisition grid with the dipole kernel the
         * inversions use (an inverse crime), and sharp air/tissue χ sampled on that grid rings through the field.
         */
        VOXEL_MEAN_FIELD,
        /**
         * The physical model: the fields are always computed on a B0-aligned grid refined r ≥ 2 times per axis (for a
         * straight acquisition its lattice points are the sub-voxel centres of the acquisition voxels), and each
         * voxel's signal of echo e is the mean over its r×r×r sub-voxels of
         * ρ·e<sup>−R2*·TE<sub>e</sub></sup>·e<sup>i(φ<sub>0</sub> + 2πγ̄B0·δ(sub-voxel)·TE<sub>e</sub>)</sup>
         * (ρ·e<sup>−R2*·TE</sup> itself averaged over {@link Builder#subsamples} points per sub-voxel edge, δ the
         * cubic-convolution interpolant of the fine field at the sub-voxel centre, exact at lattice points), so
         * intra-voxel dephasing lowers the magnitude where the field varies within a voxel; noise is added after.
         * Truths stay voxel means (χ, total and local field) as in the former model. This is how independent
         * phantoms are simulated (e.g. Marques et al., MRM 2021, QSM challenge 2.0: forward model at higher
         * resolution, complex signal averaged).
         */
        SUBVOXEL_COMPLEX
    }

    /** Where the phantom's fields are computed (see the class contract, "Fields"). */
    public enum FieldGrid {
        /**
         * On a grid whose axes are the acquisition axes turned (by the smallest rotation) so that one of them lies
         * along B0, covering the acquisition's field of view, then resampled onto the acquisition grid: the
         * physical fields for any grid orientation. When B0 already lies along an acquisition axis this is the
         * acquisition grid itself (no resampling).
         */
        ALIGNED_WITH_B0,
        /**
         * On the acquisition grid with B0 along its axes, whatever their orientation: the former model, kept only to
         * measure its error. With B0 oblique to the grid the sampled kernel jumps across the k-space edge, so these
         * fields are not the physical ones (and they share the inversions' kernel: an inverse crime).
         */
        ACQUISITION
    }

    /** Rodrigues' rotation matrix about the unit axis u by angle t. */
    static double[][] rotationMatrix(double[] u, double t) {
        double c = Math.cos(t), s = Math.sin(t), k = 1 - c;
        return new double[][]{
                {c + u[0] * u[0] * k, u[0] * u[1] * k - u[2] * s, u[0] * u[2] * k + u[1] * s},
                {u[1] * u[0] * k + u[2] * s, c + u[1] * u[1] * k, u[1] * u[2] * k - u[0] * s},
                {u[2] * u[0] * k - u[1] * s, u[2] * u[1] * k + u[0] * s, c + u[2] * u[2] * k}};
    }

    /** The smooth phase offset φ0 (rad) at a patient point: a fixed quadratic polynomial, ≈ ±1 rad over the head. */
    static double phaseOffset(double x, double y, double z) {
        double u = x / 80, v = y / 100, w = z / 65;
        return 0.2 + 0.5 * u - 0.4 * v + 0.3 * w + 0.3 * u * v - 0.25 * w * w + 0.15 * v * w;
    }

    /** One run of the generator. */
    private static final class Generation {
        private final Builder s;
        private final Cancellation cancellation;
        private final BiConsumer<Double, String> progress;
        private final VoxelGrid grid;
        private final Geometry geometry;
        private final HeadAnatomy.Compartment[] compartments;

        Generation(Builder s, Cancellation cancellation, BiConsumer<Double, String> progress) {
            this.s = s;
            this.cancellation = cancellation;
            this.progress = progress;
            this.grid = new VoxelGrid(s.nx, s.ny, s.nz, s.dx, s.dy, s.dz);
            this.geometry = s.geometry();
            this.compartments = s.anatomy.compartments().toArray(new HeadAnatomy.Compartment[0]);
        }

        HeadPhantom run(long start) {
            EchoTimes te = EchoTimes.ofMilliseconds(s.echoTimesMs);
            GreAcquisition acquisition = new GreAcquisition(te, s.fieldStrength, s.b0Lps);
            int echoes = te.count();
            long[] dims = grid.dimensions();
            Volume<FloatType> chi = Volumes.createFloat(dims, geometry, PhysicalUnit.PPM);
            Volume<FloatType> labels = Volumes.createFloat(dims, geometry, PhysicalUnit.DIMENSIONLESS);
            Volume<FloatType> mask = Volumes.createFloat(dims, geometry, PhysicalUnit.DIMENSIONLESS);
            Volume<FloatType> magnitude = Volumes.createFloat(new long[]{s.nx, s.ny, s.nz, echoes}, geometry,
                    PhysicalUnit.ARBITRARY);
            float[] sourceTotal = new float[grid.size()];
            float[] sourceLocal = new float[grid.size()];

            boolean physical = s.signalModel == SignalModel.SUBVOXEL_COMPLEX;
            progress.accept(0.0, "sampling the anatomy");
            sampleAnatomy(grid, geometry, te, Volumes.floats(chi), sourceTotal, sourceLocal, Volumes.floats(labels),
                    Volumes.floats(mask), physical ? null : Volumes.floats(magnitude));

            progress.accept(0.3, "total and local fields");
            double[] b0Voxel = geometry.directionInVoxelAxes(s.b0Lps);
            Volume<FloatType>[] fields;
            FineField fine = null;
            if (physical) {
                sourceTotal = null;
                sourceLocal = null;
                fine = new FineField();
                fields = alignedFields(dims, fine);
            } else if (s.fieldGrid == FieldGrid.ACQUISITION || alongAnAxis(b0Voxel)) {
                fields = fields(grid, geometry, sourceTotal, sourceLocal, b0Voxel);
                sourceTotal = null;
                sourceLocal = null;
            } else {
                sourceTotal = null;
                sourceLocal = null;
                fields = alignedFields(dims, null);
            }
            Volume<FloatType> total = fields[0], local = fields[1];
            Volume<FloatType> background = Volumes.createFloat(dims, geometry, PhysicalUnit.PPM);
            float[] t = Volumes.floats(total), l = Volumes.floats(local), b = Volumes.floats(background);
            for (int n = 0; n < b.length; n++) {
                b[n] = t[n] - l[n];
            }
            cancellation.throwIfCancelled("head phantom");

            progress.accept(0.8, "signal and noise");
            Volume<FloatType> phase = Volumes.createFloat(new long[]{s.nx, s.ny, s.nz, echoes}, geometry, PhysicalUnit.RADIAN);
            double sigma = physical
                    ? subvoxelSignal(te, fine, Volumes.floats(mask), Volumes.floats(magnitude), Volumes.floats(phase))
                    : signal(te, t, Volumes.floats(mask), Volumes.floats(magnitude), Volumes.floats(phase));
            MultiEchoGre gre = new MultiEchoGre(magnitude, phase, acquisition);
            progress.accept(1.0, "done");
            return new HeadPhantom(s, grid, geometry, acquisition, gre, chi, labels, mask, total, local, background, sigma,
                    (System.nanoTime() - start) / 1_000_000);
        }

        /** Voxels of margin of the B0-aligned grid around the acquisition's field of view (the cubic's support). */
        private static final int ALIGNED_MARGIN = 3;
        /** The refinement chosen when none is set, if its padded aligned grid stays within the budget (else 1). */
        private static final int AUTOMATIC_REFINEMENT = 2;
        /** Padded aligned-grid voxels allowed for the automatic refinement: 2²⁶, about 256 MB per float array. */
        private static final long AUTOMATIC_REFINEMENT_BUDGET = 1L << 26;

        /**
         * The physical fields of an acquisition grid oblique to B0: the sources are sampled on a grid whose axes are
         * the acquisition axes turned by the smallest rotation that brings the acquisition axis nearest to B0 onto
         * B0 (for B0 along S and an acquisition tilted about L–R: the straight patient grid), with the acquisition's
         * spacings, covering the acquisition's field of view with a margin; the fields are computed there, where B0
         * lies along an axis and the kernel has no jump at the k-space edge, then resampled onto the acquisition
         * voxel centres by cubic convolution.
         */
        private Volume<FloatType>[] alignedFields(long[] dims, FineField keep) {
            double[][] r = rotationMatrix(s.rotationAxis, Math.toRadians(s.rotationDegrees));
            double[] b = s.b0Lps;
            int axis = 0;
            double best = -1;
            for (int c = 0; c < 3; c++) {
                double dot = Math.abs(r[0][c] * b[0] + r[1][c] * b[1] + r[2][c] * b[2]);
                if (dot > best) {
                    best = dot;
                    axis = c;
                }
            }
            double sign = Math.signum(r[0][axis] * b[0] + r[1][axis] * b[1] + r[2][axis] * b[2]);
            double[] v = {sign * r[0][axis], sign * r[1][axis], sign * r[2][axis]};
            double[] cross = {v[1] * b[2] - v[2] * b[1], v[2] * b[0] - v[0] * b[2], v[0] * b[1] - v[1] * b[0]};
            double sin = Math.sqrt(cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2]);
            double cos = v[0] * b[0] + v[1] * b[1] + v[2] * b[2];
            double[][] turn = sin == 0 ? rotationMatrix(new double[]{1, 0, 0}, 0)
                    : rotationMatrix(new double[]{cross[0] / sin, cross[1] / sin, cross[2] / sin}, Math.atan2(sin, cos));
            double[][] f = new double[3][3]; // columns: the aligned grid's axes in LPS
            for (int row = 0; row < 3; row++) {
                for (int c = 0; c < 3; c++) {
                    f[row][c] = turn[row][0] * r[0][c] + turn[row][1] * r[1][c] + turn[row][2] * r[2][c];
                }
            }
            int refine = s.alignedRefinement > 0 ? s.alignedRefinement : AUTOMATIC_REFINEMENT;
            if (keep != null && refine < 2) {
                throw new IllegalArgumentException("the sub-voxel signal model needs an aligned grid refinement ≥ 2, got "
                        + refine);
            }
            double[] h;
            double[] phase = new double[3];
            int[] first = new int[3], size = new int[3];
            while (true) {
                h = new double[]{s.dx / refine, s.dy / refine, s.dz / refine};
                alignedLattice(f, h, refine, phase, first, size);
                long padded = 1;
                for (int c = 0; c < 3; c++) {
                    padded *= ZeroPadding.fastSize((long) Math.ceil(s.paddingFactor * size[c]));
                }
                if (keep != null || s.alignedRefinement > 0 || refine == 1 || padded <= AUTOMATIC_REFINEMENT_BUDGET) {
                    break;
                }
                refine--;
            }
            double[] affine = new double[12];
            for (int row = 0; row < 3; row++) {
                double o = 0;
                for (int c = 0; c < 3; c++) {
                    affine[row * 4 + c] = f[row][c] * h[c];
                    o += f[row][c] * h[c] * (first[c] + phase[c]);
                }
                affine[row * 4 + 3] = o;
            }
            VoxelGrid aligned = new VoxelGrid(size[0], size[1], size[2], h[0], h[1], h[2]);
            Geometry alignedGeometry = Geometry.ofAffine(affine);
            double[] b0Aligned = new double[3];
            b0Aligned[axis] = 1; // f's column `axis` is ±b̂ (the kernel is even in b̂), set exactly to drop rounding
            float[] sourceTotal = new float[aligned.size()], sourceLocal = new float[aligned.size()];
            sampleAnatomy(aligned, alignedGeometry, null, null, sourceTotal, sourceLocal, null, null, null);
            cancellation.throwIfCancelled("head phantom");
            Volume<FloatType>[] onAligned = fields(aligned, alignedGeometry, sourceTotal, sourceLocal, b0Aligned);
            sourceTotal = null;
            sourceLocal = null;
            @SuppressWarnings("unchecked")
            Volume<FloatType>[] out = new Volume[2];
            // acquisition voxel (i, j, k) → aligned-grid index t = F^T (A·(i, j, k) + a) / h − first − phase
            double[] a = geometry.affine();
            double[] m = new double[12];
            for (int c = 0; c < 3; c++) {
                for (int col = 0; col < 4; col++) {
                    m[c * 4 + col] = (f[0][c] * a[col] + f[1][c] * a[4 + col] + f[2][c] * a[8 + col]) / h[c];
                }
                m[c * 4 + 3] -= first[c] + phase[c];
            }
            for (int field = 0; field < 2; field++) {
                out[field] = Volumes.createFloat(dims, geometry, PhysicalUnit.PPM);
                resampleCubic(Volumes.floats(onAligned[field]), aligned, m, refine, Volumes.floats(out[field]));
                if (field == 0 && keep != null) {
                    keep.total = Volumes.floats(onAligned[0]);
                    keep.grid = aligned;
                    keep.toFine = m;
                    keep.refine = refine;
                }
                onAligned[field] = null;
            }
            return out;
        }

        /**
         * The aligned grid's lattice for spacings h: its {@code phase} (in voxels) puts a lattice point on the first
         * sub-voxel centre of acquisition voxel (0, 0, 0), so that as the tilt goes to 0 the two lattices coincide and
         * the resampling becomes the identity (for r = 1); {@code first} and {@code size} cover the acquisition's field
         * of view (voxel corners) with {@link #ALIGNED_MARGIN} voxels to spare.
         */
        private void alignedLattice(double[][] f, double[] h, int refine, double[] phase, int[] first, int[] size) {
            double firstSub = 0.5 / refine - 0.5; // index offset of the first sub-voxel centre
            double[] p0 = geometry.toPatient(firstSub, firstSub, firstSub);
            for (int c = 0; c < 3; c++) {
                double u = (f[0][c] * p0[0] + f[1][c] * p0[1] + f[2][c] * p0[2]) / h[c];
                phase[c] = u - Math.floor(u);
            }
            double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int corner = 0; corner < 8; corner++) {
                double[] p = geometry.toPatient((corner & 1) == 0 ? -0.5 : s.nx - 0.5, (corner & 2) == 0 ? -0.5 : s.ny - 0.5,
                        (corner & 4) == 0 ? -0.5 : s.nz - 0.5);
                for (int c = 0; c < 3; c++) {
                    double u = (f[0][c] * p[0] + f[1][c] * p[1] + f[2][c] * p[2]) / h[c] - phase[c];
                    lo[c] = Math.min(lo[c], u);
                    hi[c] = Math.max(hi[c], u);
                }
            }
            for (int c = 0; c < 3; c++) {
                first[c] = (int) Math.floor(lo[c]) - ALIGNED_MARGIN;
                size[c] = (int) Math.ceil(hi[c]) + ALIGNED_MARGIN - first[c] + 1;
            }
        }

        /**
         * out(i, j, k) = the mean over the r×r×r sub-voxel centres (i, j, k) + ((q + ½)/r − ½) of the
         * cubic-convolution interpolant (Keys, IEEE Trans Acoust Speech Signal Process 1981, a = −½: interpolating,
         * exact for quadratics, 3rd-order accurate, no prefilter) of {@code values} on {@code from} at the index point
         * t = M·(i, j, k, 1), for the acquisition grid. Every t lies at least 2 voxels inside {@code from}.
         */
        private void resampleCubic(float[] values, VoxelGrid from, double[] m, int r, float[] out) {
            int nx = s.nx, ny = s.ny, fx = from.nx(), fxy = from.nx() * from.ny();
            double[] sub = new double[r];
            for (int q = 0; q < r; q++) {
                sub[q] = (q + 0.5) / r - 0.5;
            }
            ParallelLoop.forEachChunk(s.nz, 1, cancellation, (lo, hi) -> {
                double[] wx = new double[4], wy = new double[4], wz = new double[4];
                for (int k = (int) lo; k < hi; k++) {
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            double mean = 0;
                            for (int qz = 0; qz < r; qz++) {
                                for (int qy = 0; qy < r; qy++) {
                                    for (int qx = 0; qx < r; qx++) {
                                        double ii = i + sub[qx], jj = j + sub[qy], kk = k + sub[qz];
                                        double tx = m[0] * ii + m[1] * jj + m[2] * kk + m[3];
                                        double ty = m[4] * ii + m[5] * jj + m[6] * kk + m[7];
                                        double tz = m[8] * ii + m[9] * jj + m[10] * kk + m[11];
                                        mean += cubic(values, fx, fxy, tx, ty, tz, wx, wy, wz);
                                    }
                                }
                            }
                            out[i + nx * (j + ny * k)] = (float) (mean / (r * r * r));
                        }
                    }
                }
            });
        }

        /** The cubic-convolution interpolant at index point (tx, ty, tz) of an x-fastest array (work arrays w*). */
        private static double cubic(float[] values, int fx, int fxy, double tx, double ty, double tz, double[] wx,
                double[] wy, double[] wz) {
            int ix = (int) Math.floor(tx), iy = (int) Math.floor(ty), iz = (int) Math.floor(tz);
            keys(tx - ix, wx);
            keys(ty - iy, wy);
            keys(tz - iz, wz);
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                for (int bb = 0; bb < 4; bb++) {
                    int row = (ix - 1) + fx * (iy - 1 + bb) + fxy * (iz - 1 + c);
                    sum += wz[c] * wy[bb] * (wx[0] * values[row] + wx[1] * values[row + 1] + wx[2] * values[row + 2]
                            + wx[3] * values[row + 3]);
                }
            }
            return sum;
        }

        /** Keys' cubic-convolution weights (a = −½) of the samples at −1, 0, 1, 2 for a point at t ∈ [0, 1). */
        private static void keys(double t, double[] w) {
            w[0] = ((-0.5 * t + 1) * t - 0.5) * t;
            w[1] = (1.5 * t - 2.5) * t * t + 1;
            w[2] = ((-1.5 * t + 2) * t + 0.5) * t;
            w[3] = (0.5 * t - 0.5) * t * t;
        }

        /** True if the unit direction lies along an index axis (so the sampled kernel has no jump at the k-space edge). */
        private static boolean alongAnAxis(double[] b) {
            int zeros = 0;
            for (double c : b) {
                zeros += Math.abs(c) < 1e-9 ? 1 : 0;
            }
            return zeros == 2;
        }

        /**
         * The fields δ = F⁻¹[D · F[source]] of both sources on the zero-padded {@code on} grid, cropped back, as ppm
         * volumes {total, local} with geometry {@code where}, each through the real-data route of {@link FourierFilter}.
         */
        @SuppressWarnings("unchecked")
        private Volume<FloatType>[] fields(VoxelGrid on, Geometry where, float[] sourceTotal, float[] sourceLocal,
                double[] b0Voxel) {
            long[] dims = on.dimensions();
            ZeroPadding padding = ZeroPadding.centred(dims, new long[]{
                    ZeroPadding.fastSize((long) Math.ceil(s.paddingFactor * on.nx())),
                    ZeroPadding.fastSize((long) Math.ceil(s.paddingFactor * on.ny())),
                    ZeroPadding.fastSize((long) Math.ceil(s.paddingFactor * on.nz()))});
            long[] p = padding.paddedSize();
            VoxelGrid padded = new VoxelGrid((int) p[0], (int) p[1], (int) p[2], on.dx(), on.dy(), on.dz());
            float[] kernel = DipoleKernel.of(padded, b0Voxel);
            float[][] sources = {sourceTotal, sourceLocal};
            Volume<FloatType>[] fields = new Volume[2];
            for (int f = 0; f < 2; f++) {
                cancellation.throwIfCancelled("head phantom");
                Volume<FloatType> source = Volumes.createFloat(dims, where, PhysicalUnit.PPM);
                System.arraycopy(sources[f], 0, Volumes.floats(source), 0, sources[f].length);
                Volume<FloatType> big = padding.pad(source);
                float[] values = Volumes.floats(big);
                FourierFilter.apply(values, kernel, padded, values);
                fields[f] = padding.crop(big);
            }
            return fields;
        }

        /**
         * Averages the anatomy over the sub-samples of every voxel of the grid {@code on} placed at {@code where}: χ,
         * the two field sources, the majority label, the brain mask and the noiseless magnitude of every echo (each
         * output array may be null: not computed).
         */
        private void sampleAnatomy(VoxelGrid on, Geometry where, EchoTimes te, float[] chi, float[] sourceTotal, float[] sourceLocal, float[] labels,
                float[] mask, float[] magnitude) {
            int nc = compartments.length;
            int echoes = te == null ? 0 : te.count();
            double[] chiC = new double[nc + 1], shiftedC = new double[nc + 1], localC = new double[nc + 1];
            boolean[] brainC = new boolean[nc + 1];
            int[] labelC = new int[nc + 1];
            double[][] signalC = new double[nc + 1][echoes];
            double r2Scale = s.fieldStrength / 3.0; // R2* of iron and deoxyhaemoglobin grows ≈ linearly with B0
            for (int c = 0; c < nc; c++) {
                HeadAnatomy.Compartment k = compartments[c];
                chiC[c] = k.susceptibilityPpm();
                shiftedC[c] = k.susceptibilityPpm() - HeadAnatomy.AIR_SUSCEPTIBILITY_PPM;
                brainC[c] = k.label().isBrain();
                localC[c] = brainC[c] ? k.susceptibilityPpm() : 0;
                labelC[c] = k.label().value();
                for (int e = 0; e < echoes; e++) {
                    signalC[c][e] = k.protonDensity() * Math.exp(-k.r2StarAt3T() * r2Scale * te.seconds(e));
                }
            }
            labelC[nc] = PhantomLabel.BACKGROUND.value(); // index nc: the air around the head (all zeros)
            int labelCount = Arrays.stream(PhantomLabel.values()).mapToInt(PhantomLabel::value).max().orElse(0) + 1;

            // Voxel-index boxes of every compartment (conservative, one voxel of margin), to test only the
            // compartments that can contain a point.
            int[][] box = new int[nc][];
            for (int c = 0; c < nc; c++) {
                box[c] = voxelBox(where, compartments[c].solid().bounds());
            }
            int ss = s.subsamples;
            double[] off = new double[ss];
            for (int q = 0; q < ss; q++) {
                off[q] = (q + 0.5) / ss - 0.5;
            }
            double weight = 1.0 / (ss * ss * ss);
            double[] a = where.affine();
            int nx = on.nx(), ny = on.ny(), size = on.size();
            ParallelLoop.forEachChunk(on.nz(), 1, cancellation, (from, to) -> {
                int[] counts = new int[nc + 1];
                int[] labelCounts = new int[labelCount];
                int[] touched = new int[nc + 1];
                int[] candidates = new int[nc];
                int[] rowCandidates = new int[nc];
                for (int k = (int) from; k < to; k++) {
                    int sliceCount = 0;
                    for (int c = 0; c < nc; c++) {
                        if (k >= box[c][2] && k <= box[c][5]) {
                            candidates[sliceCount++] = c;
                        }
                    }
                    for (int j = 0; j < ny; j++) {
                        int rowCount = 0;
                        for (int q = 0; q < sliceCount; q++) {
                            int c = candidates[q];
                            if (j >= box[c][1] && j <= box[c][4]) {
                                rowCandidates[rowCount++] = c;
                            }
                        }
                        for (int i = 0; i < nx; i++) {
                            int nTouched = 0;
                            for (int qz = 0; qz < ss; qz++) {
                                double kk = k + off[qz];
                                for (int qy = 0; qy < ss; qy++) {
                                    double jj = j + off[qy];
                                    for (int qx = 0; qx < ss; qx++) {
                                        double ii = i + off[qx];
                                        double x = a[0] * ii + a[1] * jj + a[2] * kk + a[3];
                                        double y = a[4] * ii + a[5] * jj + a[6] * kk + a[7];
                                        double z = a[8] * ii + a[9] * jj + a[10] * kk + a[11];
                                        int found = nc;
                                        for (int q = rowCount - 1; q >= 0; q--) {
                                            int c = rowCandidates[q];
                                            if (i >= box[c][0] && i <= box[c][3] && compartments[c].solid().contains(x, y, z)) {
                                                found = c;
                                                break;
                                            }
                                        }
                                        if (counts[found]++ == 0) {
                                            touched[nTouched++] = found;
                                        }
                                    }
                                }
                            }
                            int n = i + nx * (j + ny * k);
                            double vChi = 0, vTotal = 0, vLocal = 0, vBrain = 0;
                            int bestLabel = 0;
                            for (int q = 0; q < nTouched; q++) {
                                int c = touched[q];
                                double w = counts[c] * weight;
                                vChi += w * chiC[c];
                                vTotal += w * shiftedC[c];
                                vLocal += w * localC[c];
                                vBrain += brainC[c] ? w : 0;
                                labelCounts[labelC[c]] += counts[c];
                            }
                            for (int e = 0; magnitude != null && e < echoes; e++) {
                                double m = 0;
                                for (int q = 0; q < nTouched; q++) {
                                    int c = touched[q];
                                    m += counts[c] * weight * signalC[c][e];
                                }
                                magnitude[n + e * size] = (float) m;
                            }
                            for (int q = 0; q < nTouched; q++) {
                                int lab = labelC[touched[q]];
                                if (labelCounts[lab] > labelCounts[bestLabel]
                                        || (labelCounts[lab] == labelCounts[bestLabel] && lab > bestLabel)) {
                                    bestLabel = lab;
                                }
                            }
                            for (int q = 0; q < nTouched; q++) {
                                int c = touched[q];
                                counts[c] = 0;
                                labelCounts[labelC[c]] = 0;
                            }
                            sourceTotal[n] = (float) vTotal;
                            sourceLocal[n] = (float) vLocal;
                            if (chi != null) {
                                chi[n] = (float) vChi;
                                mask[n] = vBrain >= 0.5 ? 1f : 0f;
                                labels[n] = bestLabel;
                            }
                        }
                    }
                }
            });
        }

        /** The voxel-index box {imin, jmin, kmin, imax, jmax, kmax} holding a patient-space box, one voxel wider. */
        private static int[] voxelBox(Geometry where, double[] b) {
            double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int corner = 0; corner < 8; corner++) {
                double[] v = where.toVoxel((corner & 1) == 0 ? b[0] : b[3], (corner & 2) == 0 ? b[1] : b[4],
                        (corner & 4) == 0 ? b[2] : b[5]);
                for (int d = 0; d < 3; d++) {
                    lo[d] = Math.min(lo[d], v[d]);
                    hi[d] = Math.max(hi[d], v[d]);
                }
            }
            int[] r = new int[6];
            for (int d = 0; d < 3; d++) {
                r[d] = (int) Math.max(Integer.MIN_VALUE / 2, Math.floor(lo[d]) - 1);
                r[d + 3] = (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(hi[d]) + 1);
            }
            return r;
        }

        /** The total field on the refined B0-aligned grid, kept for the sub-voxel signal. */
        private static final class FineField {
            float[] total;
            VoxelGrid grid;
            /** acquisition index point (i, j, k, 1) → fine-grid index point, rows of 4 */
            double[] toFine;
            int refine;
        }

        /**
         * The {@link SignalModel#SUBVOXEL_COMPLEX} signal: for every acquisition voxel and echo the mean over its r³
         * sub-voxels of (mean of ρ·e^(−R2*·TE) over the sub-voxel's sub-samples) · e^(i(φ0 + scale·δ)) with δ the
         * fine total field at the sub-voxel centre; then noise as in {@link #signal}. Fills magnitude and wrapped
         * phase; returns σ (set from the noiseless complex-mean magnitude of echo 1 over the brain).
         */
        private double subvoxelSignal(EchoTimes te, FineField fine, float[] mask, float[] magnitude, float[] phase) {
            int size = grid.size(), echoes = te.count(), nc = compartments.length;
            int r = fine.refine, ss = s.subsamples;
            double[] m = fine.toFine, a = geometry.affine();
            int nx = s.nx, ny = s.ny, nz = s.nz, fx = fine.grid.nx(), fxy = fine.grid.nx() * fine.grid.ny();
            double r2Scale = s.fieldStrength / 3.0;
            double[][] signalC = new double[nc][echoes];
            double[][] boundsC = new double[nc][];
            for (int c = 0; c < nc; c++) {
                HeadAnatomy.Compartment k = compartments[c];
                boundsC[c] = k.solid().bounds();
                for (int e = 0; e < echoes; e++) {
                    signalC[c][e] = k.protonDensity() * Math.exp(-k.r2StarAt3T() * r2Scale * te.seconds(e));
                }
            }
            double radPerPpmSecond = 2 * Math.PI * FieldUnits.PROTON_GYROMAGNETIC_RATIO_HZ_PER_T * s.fieldStrength * 1e-6;
            double[] sub = new double[r];
            for (int q = 0; q < r; q++) {
                sub[q] = (q + 0.5) / r - 0.5;
            }
            double[] inner = new double[ss]; // sample offsets inside a sub-voxel, in acquisition index units
            for (int q = 0; q < ss; q++) {
                inner[q] = ((q + 0.5) / ss - 0.5) / r;
            }
            // half the diagonal of a voxel in mm: a compartment whose box is farther from the centre cannot touch it
            double reach = 0.5 * Math.sqrt(s.dx * s.dx + s.dy * s.dy + s.dz * s.dz) + 1e-6;
            double sampleWeight = 1.0 / (ss * ss * ss), subWeight = 1.0 / (r * r * r);
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                double[] wx = new double[4], wy = new double[4], wz = new double[4];
                double[] re = new double[echoes], im = new double[echoes], amp = new double[echoes];
                int[] candidates = new int[nc];
                for (int k = (int) from; k < to; k++) {
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            int n = i + nx * (j + ny * k);
                            double cx = a[0] * i + a[1] * j + a[2] * k + a[3];
                            double cy = a[4] * i + a[5] * j + a[6] * k + a[7];
                            double cz = a[8] * i + a[9] * j + a[10] * k + a[11];
                            int count = 0;
                            for (int c = 0; c < nc; c++) {
                                double[] b = boundsC[c];
                                if (cx + reach >= b[0] && cx - reach <= b[3] && cy + reach >= b[1] && cy - reach <= b[4]
                                        && cz + reach >= b[2] && cz - reach <= b[5]) {
                                    candidates[count++] = c;
                                }
                            }
                            if (count == 0) { // the air around the head: no signal
                                for (int e = 0; e < echoes; e++) {
                                    magnitude[n + e * size] = 0;
                                    phase[n + e * size] = 0;
                                }
                                continue;
                            }
                            Arrays.fill(re, 0);
                            Arrays.fill(im, 0);
                            for (int qz = 0; qz < r; qz++) {
                                for (int qy = 0; qy < r; qy++) {
                                    for (int qx = 0; qx < r; qx++) {
                                        double ii = i + sub[qx], jj = j + sub[qy], kk = k + sub[qz];
                                        Arrays.fill(amp, 0);
                                        boolean any = false;
                                        for (double oz : inner) {
                                            for (double oy : inner) {
                                                for (double ox : inner) {
                                                    double pi = ii + ox, pj = jj + oy, pk = kk + oz;
                                                    double x = a[0] * pi + a[1] * pj + a[2] * pk + a[3];
                                                    double y = a[4] * pi + a[5] * pj + a[6] * pk + a[7];
                                                    double z = a[8] * pi + a[9] * pj + a[10] * pk + a[11];
                                                    for (int q = count - 1; q >= 0; q--) {
                                                        int c = candidates[q];
                                                        if (compartments[c].solid().contains(x, y, z)) {
                                                            for (int e = 0; e < echoes; e++) {
                                                                amp[e] += signalC[c][e];
                                                            }
                                                            any = true;
                                                            break;
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                        if (!any) {
                                            continue;
                                        }
                                        double tx = m[0] * ii + m[1] * jj + m[2] * kk + m[3];
                                        double ty = m[4] * ii + m[5] * jj + m[6] * kk + m[7];
                                        double tz = m[8] * ii + m[9] * jj + m[10] * kk + m[11];
                                        double delta = cubic(fine.total, fx, fxy, tx, ty, tz, wx, wy, wz);
                                        double x = a[0] * ii + a[1] * jj + a[2] * kk + a[3];
                                        double y = a[4] * ii + a[5] * jj + a[6] * kk + a[7];
                                        double z = a[8] * ii + a[9] * jj + a[10] * kk + a[11];
                                        double phi0 = phaseOffset(x, y, z);
                                        for (int e = 0; e < echoes; e++) {
                                            double ph = phi0 + radPerPpmSecond * te.seconds(e) * delta;
                                            double w = amp[e] * sampleWeight * subWeight;
                                            re[e] += w * Math.cos(ph);
                                            im[e] += w * Math.sin(ph);
                                        }
                                    }
                                }
                            }
                            for (int e = 0; e < echoes; e++) {
                                magnitude[n + e * size] = (float) re[e]; // re and im until the noise is added
                                phase[n + e * size] = (float) im[e];
                            }
                        }
                    }
                }
            });
            double sum = 0;
            long count = 0;
            for (int n = 0; n < size; n++) {
                if (mask[n] != 0) {
                    sum += Math.hypot(magnitude[n], phase[n]);
                    count++;
                }
            }
            double sigma = (s.snr > 0 && Double.isFinite(s.snr) && count > 0) ? sum / count / s.snr : 0;
            int plane = nx * ny;
            ParallelLoop.forEachChunk((long) echoes * nz, 1, cancellation, (from, to) -> {
                for (long slab = from; slab < to; slab++) {
                    int e = (int) (slab / nz), k = (int) (slab % nz);
                    SplittableRandom random = new SplittableRandom(mix(s.seed, e, k));
                    int base = e * size;
                    for (int n = k * plane; n < (k + 1) * plane; n++) {
                        double re = magnitude[base + n], im = phase[base + n];
                        if (sigma > 0) {
                            re += sigma * random.nextGaussian();
                            im += sigma * random.nextGaussian();
                        }
                        magnitude[base + n] = (float) Math.sqrt(re * re + im * im);
                        phase[base + n] = wrappedFloat(Math.atan2(im, re));
                    }
                }
            });
            return sigma;
        }

        /**
         * Fills magnitude (noiseless on entry) and wrapped phase of every echo, adding noise; returns σ.
         */
        private double signal(EchoTimes te, float[] field, float[] mask, float[] magnitude, float[] phase) {
            int size = grid.size(), echoes = te.count();
            double sum = 0;
            long count = 0;
            for (int n = 0; n < size; n++) {
                if (mask[n] != 0) {
                    sum += magnitude[n];
                    count++;
                }
            }
            double sigma = (s.snr > 0 && Double.isFinite(s.snr) && count > 0) ? sum / count / s.snr : 0;
            // φ0 on the grid, once for all echoes.
            float[] phi0 = new float[size];
            double[] a = geometry.affine();
            int nx = s.nx, ny = s.ny, nz = s.nz;
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                for (int k = (int) from; k < to; k++) {
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            double x = a[0] * i + a[1] * j + a[2] * k + a[3];
                            double y = a[4] * i + a[5] * j + a[6] * k + a[7];
                            double z = a[8] * i + a[9] * j + a[10] * k + a[11];
                            phi0[i + nx * (j + ny * k)] = (float) phaseOffset(x, y, z);
                        }
                    }
                }
            });
            double radPerPpmSecond = 2 * Math.PI * FieldUnits.PROTON_GYROMAGNETIC_RATIO_HZ_PER_T * s.fieldStrength * 1e-6;
            int plane = nx * ny;
            ParallelLoop.forEachChunk((long) echoes * nz, 1, cancellation, (from, to) -> {
                for (long slab = from; slab < to; slab++) {
                    int e = (int) (slab / nz), k = (int) (slab % nz);
                    double scale = radPerPpmSecond * te.seconds(e);
                    SplittableRandom random = new SplittableRandom(mix(s.seed, e, k));
                    int base = e * size;
                    for (int n = k * plane; n < (k + 1) * plane; n++) {
                        double ph = phi0[n] + scale * field[n];
                        double m = magnitude[base + n];
                        double re = m * Math.cos(ph), im = m * Math.sin(ph);
                        if (sigma > 0) {
                            re += sigma * random.nextGaussian();
                            im += sigma * random.nextGaussian();
                        }
                        magnitude[base + n] = (float) Math.sqrt(re * re + im * im);
                        phase[base + n] = wrappedFloat(Math.atan2(im, re));
                    }
                }
            });
            return sigma;
        }

        /**
         * An angle in [−π, π] as a float in (−π, π]: (float) π rounds above π, and −π is the same angle as π, so both
         * ends become the largest float below π.
         */
        static float wrappedFloat(double angle) {
            float f = (float) angle;
            return (f > Math.PI || f <= -Math.PI) ? LARGEST_FLOAT_BELOW_PI : f;
        }

        private static final float LARGEST_FLOAT_BELOW_PI = Math.nextDown((float) Math.PI);

        /** A well-mixed 64-bit seed from (seed, echo, slice) (SplitMix64's finaliser). */
        private static long mix(long seed, int echo, int slice) {
            long z = seed * 0x9E3779B97F4A7C15L + echo * 0xBF58476D1CE4E5B9L + slice * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    /** Names of the labels present, for logs: "value name" per line. */
    public static List<String> labelLegend() {
        List<String> out = new ArrayList<>();
        for (PhantomLabel l : PhantomLabel.values()) {
            out.add(l.toString());
        }
        return out;
    }
}
