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
package org.ferrum.qsm.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;

/**
 * A numerical head phantom for QSM: multi-echo GRE data with known susceptibility, fields, labels and mask,
 * on a straight or oblique grid. Built with {@link #builder()}.
 *
 * <p>Three parts, one class each: the <b>anatomy</b> ({@link HeadAnatomy}: tissue regions, their labels
 * ({@link PhantomLabel}) and χ, R2* and ρ, sampled onto grids with partial volumes by {@link AnatomySampler}); the <b>signal
 * model</b> ({@link PhantomSignal}: χ → fields by the dipole forward model in {@link PhantomFields}, then per tissue
 * ρ·e<sup>−R2*·TE</sup> and the field's phase → the complex multi-echo signal with noise); and the <b>builder</b>
 * ({@link HeadPhantomBuilder}: size, resolution, orientation, field strength, echoes, SNR, seed, which assembles a
 * phantom from the other two). This class holds the result.
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
 *     below), zero-padded by {@link HeadPhantomBuilder#paddingFactor} (a zero margin is air, so
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
 * <li><b>Signal model</b> ({@link HeadPhantomBuilder#signalModel}): the default {@link SignalModel#VOXEL_MEAN_FIELD} is the model
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
 *     {@link HeadPhantomBuilder#alignedGridRefinement}); it covers the acquisition's field of view (all of it, so anatomy
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

    private final HeadPhantomBuilder settings;
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

    HeadPhantom(
            HeadPhantomBuilder settings,
            VoxelGrid grid,
            Geometry geometry,
            GreAcquisition acquisition,
            MultiEchoGre gre,
            Volume<FloatType> chi,
            Volume<FloatType> labels,
            Volume<FloatType> brainMask,
            Volume<FloatType> totalField,
            Volume<FloatType> localField,
            Volume<FloatType> backgroundField,
            double noiseSigma,
            long generationMillis) {
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
    public static HeadPhantomBuilder builder() {
        return new HeadPhantomBuilder();
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

    /** Wall time of {@link HeadPhantomBuilder#generate} in ms. */
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
        return "HeadPhantom[" + grid + ", " + acquisition + ", oblique "
                + String.format(Locale.ROOT, "%.1f°", Math.toDegrees(geometry.obliquity())) + ", SNR " + settings.snr
                + ", seed " + settings.seed + "]";
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
         * (ρ·e<sup>−R2*·TE</sup> itself averaged over {@link HeadPhantomBuilder#subsamples} points per sub-voxel edge, δ the
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

    /** The smooth phase offset φ0 (rad) at a patient point ({@link PhantomSignal#phaseOffset}). */
    static double phaseOffset(double x, double y, double z) {
        return PhantomSignal.phaseOffset(x, y, z);
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
