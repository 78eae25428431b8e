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

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The phantom's signal model: per tissue (compartment of {@link HeadAnatomy}) the magnitude ρ·e<sup>−R2*·TE</sup> (R2*
 * given at 3 T, scaled ∝ B0), the phase φ0(x) + 2π·γ̄·B0·δ·TE from the field δ ({@link PhantomFields}) and a smooth
 * coil phase offset φ0, complex Gaussian noise of σ = (mean first-echo magnitude over the brain) / SNR drawn per echo
 * and slice from generators seeded by (seed, echo, slice); either from the voxel-mean field
 * ({@link HeadPhantom.SignalModel#VOXEL_MEAN_FIELD}) or as the mean complex signal of sub-voxels
 * ({@link HeadPhantom.SignalModel#SUBVOXEL_COMPLEX}). See {@link HeadPhantom}'s contract, "Signal".
 */
final class PhantomSignal {

    private final HeadPhantomBuilder s;
    private final VoxelGrid grid;
    private final Geometry geometry;
    private final HeadAnatomy.Compartment[] compartments;
    private final Cancellation cancellation;

    PhantomSignal(
            HeadPhantomBuilder s,
            VoxelGrid grid,
            Geometry geometry,
            HeadAnatomy.Compartment[] compartments,
            Cancellation cancellation) {
        this.s = s;
        this.grid = grid;
        this.geometry = geometry;
        this.compartments = compartments;
        this.cancellation = cancellation;
    }

    /**
     * The noiseless magnitude ρ·e<sup>−R2*·(B0/3 T)·TE</sup> of each compartment (rows) at each echo (columns): R2* of
     * iron and deoxyhaemoglobin grows about linearly with B0.
     */
    static double[][] tissueSignal(HeadAnatomy.Compartment[] compartments, double fieldStrength, EchoTimes te) {
        int echoes = te.count();
        double r2Scale = fieldStrength / 3.0;
        double[][] signal = new double[compartments.length][echoes];
        for (int c = 0; c < compartments.length; c++) {
            HeadAnatomy.Compartment k = compartments[c];
            for (int e = 0; e < echoes; e++) {
                signal[c][e] = k.protonDensity() * Math.exp(-k.r2StarAt3T() * r2Scale * te.seconds(e));
            }
        }
        return signal;
    }

    /** The smooth phase offset φ0 (rad) at a patient point: a fixed quadratic polynomial, ≈ ±1 rad over the head. */
    static double phaseOffset(double x, double y, double z) {
        double u = x / 80, v = y / 100, w = z / 65;
        return 0.2 + 0.5 * u - 0.4 * v + 0.3 * w + 0.3 * u * v - 0.25 * w * w + 0.15 * v * w;
    }

    /**
     * The {@link SignalModel#SUBVOXEL_COMPLEX} signal: for every acquisition voxel and echo the mean over its r³
     * sub-voxels of (mean of ρ·e^(−R2*·TE) over the sub-voxel's sub-samples) · e^(i(φ0 + scale·δ)) with δ the
     * fine total field at the sub-voxel centre; then noise as in {@link #signal}. Fills magnitude and wrapped
     * phase; returns σ (set from the noiseless complex-mean magnitude of echo 1 over the brain).
     */
    double subvoxelSignal(EchoTimes te, PhantomFields.FineField fine, float[] mask, float[] magnitude, float[] phase) {
        int size = grid.size(), echoes = te.count(), nc = compartments.length;
        int r = fine.refine, ss = s.subsamples;
        double[] m = fine.toFine, a = geometry.affine();
        int nx = s.nx, ny = s.ny, nz = s.nz, fx = fine.grid.nx(), fxy = fine.grid.nx() * fine.grid.ny();
        double[][] signalC = tissueSignal(compartments, s.fieldStrength, te);
        double[][] boundsC = new double[nc][];
        for (int c = 0; c < nc; c++) {
            boundsC[c] = compartments[c].solid().bounds();
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
                            if (cx + reach >= b[0]
                                    && cx - reach <= b[3]
                                    && cy + reach >= b[1]
                                    && cy - reach <= b[4]
                                    && cz + reach >= b[2]
                                    && cz - reach <= b[5]) {
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
                                    double delta = PhantomFields.cubic(fine.total, fx, fxy, tx, ty, tz, wx, wy, wz);
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
    double signal(EchoTimes te, float[] field, float[] mask, float[] magnitude, float[] phase) {
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
        long z = seed * 0x9E3779B97F4A7C15L
                + echo * 0xBF58476D1CE4E5B9L
                + slice * 0x94D049BB133111EBL
                + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
