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

import java.util.Objects;
import java.util.function.BiConsumer;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;

/**
 * The builder of the numerical head ({@link HeadPhantom}): its settings (grid size, voxel size, orientation, field
 * strength, echo times, SNR, seed, padding, anatomy, signal model) and {@link #generate}, which assembles the phantom:
 * the anatomy sampled on the grid ({@link AnatomySampler}), its fields ({@link PhantomFields}) and the multi-echo signal
 * ({@link PhantomSignal}). Not thread-safe; {@link #generate} works on a frozen copy.
 */
public final class HeadPhantomBuilder {
    int nx = 96, ny = 96, nz = 64;
    double dx = 2, dy = 2, dz = 2;
    double fieldStrength = 3;
    double[] echoTimesMs = {4, 12, 20, 28};
    double[] b0Lps = GreAcquisition.DEFAULT_B0_DIRECTION.clone();
    double[] rotationAxis = {1, 0, 0};
    double rotationDegrees = 0;
    double snr = 100;
    long seed = 1;
    double paddingFactor = 1.5;
    int subsamples = 2;
    HeadAnatomy anatomy = HeadAnatomy.standard();
    HeadPhantom.FieldGrid fieldGrid = HeadPhantom.FieldGrid.ALIGNED_WITH_B0;
    int alignedRefinement = 0; // 0: automatic
    HeadPhantom.SignalModel signalModel = HeadPhantom.SignalModel.VOXEL_MEAN_FIELD;

    HeadPhantomBuilder() {}

    /** Grid size in voxels (each ≥ 1). */
    public HeadPhantomBuilder size(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(
                    "grid size must be ≥ 1 along every axis, got " + nx + "×" + ny + "×" + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        return this;
    }

    /** Voxel size in mm (each &gt; 0). */
    public HeadPhantomBuilder voxelSize(double dx, double dy, double dz) {
        for (double d : new double[] {dx, dy, dz}) {
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
    public HeadPhantomBuilder fieldStrength(double tesla) {
        if (!(tesla > 0) || tesla > 30) {
            throw new IllegalArgumentException("field strength must be in (0, 30] T, got " + tesla);
        }
        this.fieldStrength = tesla;
        return this;
    }

    /** Echo times in ms, increasing (default 4, 12, 20, 28). */
    public HeadPhantomBuilder echoTimesMs(double... ms) {
        EchoTimes.ofMilliseconds(ms); // validates
        this.echoTimesMs = ms.clone();
        return this;
    }

    /** B0 direction in patient coordinates (LPS), default (0, 0, 1). */
    public HeadPhantomBuilder b0DirectionLps(double... direction) {
        this.b0Lps = new GreAcquisition(EchoTimes.ofSeconds(0.01), 3, direction).b0DirectionLps();
        return this;
    }

    /**
     * Makes the acquisition oblique: the grid's index axes are the patient axes rotated by {@code degrees}
     * about {@code axisLps} (right-handed); the anatomy and B0 stay where they are.
     */
    public HeadPhantomBuilder rotation(double[] axisLps, double degrees) {
        double n = Math.sqrt(axisLps[0] * axisLps[0] + axisLps[1] * axisLps[1] + axisLps[2] * axisLps[2]);
        if (!(n > 0) || !Double.isFinite(degrees)) {
            throw new IllegalArgumentException("rotation needs a non-zero axis and a finite angle");
        }
        this.rotationAxis = new double[] {axisLps[0] / n, axisLps[1] / n, axisLps[2] / n};
        this.rotationDegrees = degrees;
        return this;
    }

    /** An oblique-axial acquisition tilted by {@code degrees} about the L–R axis (as along the AC–PC line). */
    public HeadPhantomBuilder obliqueDegrees(double degrees) {
        return rotation(new double[] {1, 0, 0}, degrees);
    }

    /** Signal-to-noise ratio of the first echo in the brain (mean magnitude / σ); 0 or ∞ for no noise. */
    public HeadPhantomBuilder snr(double snr) {
        if (!(snr >= 0)) {
            throw new IllegalArgumentException("SNR must be ≥ 0 (0 = no noise), got " + snr);
        }
        this.snr = snr;
        return this;
    }

    /** Seed of the noise generator. */
    public HeadPhantomBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Each axis is zero-padded to the fast FFT size ≥ factor × n before the field is computed (default 1.5,
     * ≥ 1): larger factors move the periodic images of the head further away, at the cost of memory.
     */
    public HeadPhantomBuilder paddingFactor(double factor) {
        if (!(factor >= 1) || factor > 4) {
            throw new IllegalArgumentException("padding factor must be in [1, 4], got " + factor);
        }
        this.paddingFactor = factor;
        return this;
    }

    /** Sub-samples per voxel edge for partial volumes (default 2, i.e. 8 per voxel; 1 = point sampling). */
    public HeadPhantomBuilder subsamples(int s) {
        if (s < 1 || s > 8) {
            throw new IllegalArgumentException("sub-samples per voxel edge must be in [1, 8], got " + s);
        }
        this.subsamples = s;
        return this;
    }

    /** The anatomy sampled (default {@link HeadAnatomy#standard()}). */
    public HeadPhantomBuilder anatomy(HeadAnatomy anatomy) {
        this.anatomy = Objects.requireNonNull(anatomy, "anatomy");
        return this;
    }

    /**
     * Where the fields are computed (default {@link HeadPhantom.FieldGrid#ALIGNED_WITH_B0}, the physical fields for any grid
     * orientation); {@link HeadPhantom.FieldGrid#ACQUISITION} reproduces the former model, for comparison only.
     */
    public HeadPhantomBuilder fieldGrid(HeadPhantom.FieldGrid where) {
        this.fieldGrid = Objects.requireNonNull(where, "field grid");
        return this;
    }

    /**
     * Refinement r of the B0-aligned field grid: its spacings are the acquisition's divided by r, and each
     * acquisition voxel takes the mean of the field at its r×r×r sub-voxel centres. Costs r³ in time and memory;
     * used only when B0 is oblique to the acquisition grid. Default 0 = automatic: 2 if the padded aligned grid
     * stays within 2²⁶ voxels, else 1.
     */
    public HeadPhantomBuilder alignedGridRefinement(int r) {
        if (r < 0 || r > 4) {
            throw new IllegalArgumentException("aligned grid refinement must be in [0, 4] (0 = automatic), got " + r);
        }
        this.alignedRefinement = r;
        return this;
    }

    /**
     * How the signal of a voxel is formed (default {@link HeadPhantom.SignalModel#VOXEL_MEAN_FIELD}, the former model);
     * {@link HeadPhantom.SignalModel#SUBVOXEL_COMPLEX} computes the fields on a grid at least twice as fine per axis, also
     * for straight acquisitions, and averages the complex signal of the sub-voxels (no inverse crime, intra-voxel
     * dephasing included).
     */
    public HeadPhantomBuilder signalModel(HeadPhantom.SignalModel model) {
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
        return generate(Cancellation.NEVER, (f, m) -> {});
    }

    /**
     * Computes the phantom.
     *
     * @param progress receives (fraction in [0, 1], message) at each stage
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public HeadPhantom generate(Cancellation cancellation, BiConsumer<Double, String> progress) {
        long start = System.nanoTime();
        HeadPhantomBuilder frozen = copy();
        return frozen.assemble(start, cancellation, progress);
    }

    private HeadPhantomBuilder copy() {
        HeadPhantomBuilder b = new HeadPhantomBuilder();
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

    private HeadPhantom assemble(long start, Cancellation cancellation, BiConsumer<Double, String> progress) {
        HeadPhantomBuilder s = this;
        VoxelGrid grid = new VoxelGrid(s.nx, s.ny, s.nz, s.dx, s.dy, s.dz);
        Geometry geometry = s.geometry();
        HeadAnatomy.Compartment[] compartments = s.anatomy.compartments().toArray(new HeadAnatomy.Compartment[0]);
        AnatomySampler sampler = new AnatomySampler(compartments, s.subsamples, cancellation);
        PhantomFields fieldModel = new PhantomFields(s, grid, geometry, sampler, cancellation);
        PhantomSignal signalModel = new PhantomSignal(s, grid, geometry, compartments, cancellation);
        EchoTimes te = EchoTimes.ofMilliseconds(s.echoTimesMs);
        GreAcquisition acquisition = new GreAcquisition(te, s.fieldStrength, s.b0Lps);
        int echoes = te.count();
        long[] dims = grid.dimensions();
        Volume<FloatType> chi = Volumes.createFloat(dims, geometry, PhysicalUnit.PPM);
        Volume<FloatType> labels = Volumes.createFloat(dims, geometry, PhysicalUnit.DIMENSIONLESS);
        Volume<FloatType> mask = Volumes.createFloat(dims, geometry, PhysicalUnit.DIMENSIONLESS);
        Volume<FloatType> magnitude =
                Volumes.createFloat(new long[] {s.nx, s.ny, s.nz, echoes}, geometry, PhysicalUnit.ARBITRARY);
        float[] sourceTotal = new float[grid.size()];
        float[] sourceLocal = new float[grid.size()];

        boolean physical = s.signalModel == HeadPhantom.SignalModel.SUBVOXEL_COMPLEX;
        progress.accept(0.0, "sampling the anatomy");
        sampler.sample(
                grid,
                geometry,
                PhantomSignal.tissueSignal(compartments, s.fieldStrength, te),
                Volumes.floats(chi),
                sourceTotal,
                sourceLocal,
                Volumes.floats(labels),
                Volumes.floats(mask),
                physical ? null : Volumes.floats(magnitude));

        progress.accept(0.3, "total and local fields");
        double[] b0Voxel = geometry.directionInVoxelAxes(s.b0Lps);
        Volume<FloatType>[] fields;
        PhantomFields.FineField fine = null;
        if (physical) {
            sourceTotal = null;
            sourceLocal = null;
            fine = new PhantomFields.FineField();
            fields = fieldModel.alignedFields(dims, fine);
        } else if (s.fieldGrid == HeadPhantom.FieldGrid.ACQUISITION || PhantomFields.alongAnAxis(b0Voxel)) {
            fields = fieldModel.fields(grid, geometry, sourceTotal, sourceLocal, b0Voxel);
            sourceTotal = null;
            sourceLocal = null;
        } else {
            sourceTotal = null;
            sourceLocal = null;
            fields = fieldModel.alignedFields(dims, null);
        }
        Volume<FloatType> total = fields[0], local = fields[1];
        Volume<FloatType> background = Volumes.createFloat(dims, geometry, PhysicalUnit.PPM);
        float[] t = Volumes.floats(total), l = Volumes.floats(local), b = Volumes.floats(background);
        for (int n = 0; n < b.length; n++) {
            b[n] = t[n] - l[n];
        }
        cancellation.throwIfCancelled("head phantom");

        progress.accept(0.8, "signal and noise");
        Volume<FloatType> phase =
                Volumes.createFloat(new long[] {s.nx, s.ny, s.nz, echoes}, geometry, PhysicalUnit.RADIAN);
        double sigma = physical
                ? signalModel.subvoxelSignal(
                        te, fine, Volumes.floats(mask), Volumes.floats(magnitude), Volumes.floats(phase))
                : signalModel.signal(te, t, Volumes.floats(mask), Volumes.floats(magnitude), Volumes.floats(phase));
        MultiEchoGre gre = new MultiEchoGre(magnitude, phase, acquisition);
        progress.accept(1.0, "done");
        return new HeadPhantom(
                s,
                grid,
                geometry,
                acquisition,
                gre,
                chi,
                labels,
                mask,
                total,
                local,
                background,
                sigma,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Rodrigues' rotation matrix about the unit axis u by angle t. */
    static double[][] rotationMatrix(double[] u, double t) {
        double c = Math.cos(t), s = Math.sin(t), k = 1 - c;
        return new double[][] {
            {c + u[0] * u[0] * k, u[0] * u[1] * k - u[2] * s, u[0] * u[2] * k + u[1] * s},
            {u[1] * u[0] * k + u[2] * s, c + u[1] * u[1] * k, u[1] * u[2] * k - u[0] * s},
            {u[2] * u[0] * k - u[1] * s, u[2] * u[1] * k + u[0] * s, c + u[2] * u[2] * k}
        };
    }
}
