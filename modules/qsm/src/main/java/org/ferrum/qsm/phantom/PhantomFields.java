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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;

/**
 * The phantom's fields by the dipole forward model δ = F⁻¹[D · F[χ]] ({@link DipoleKernel}, {@link FourierFilter}) on a
 * zero-padded grid with B0 along an axis: the acquisition grid itself when B0 lies along one of its axes, else a grid
 * aligned with B0 (optionally refined) from which the fields are resampled onto the acquisition voxels by cubic
 * convolution (see {@link HeadPhantom}'s contract, "Fields" and "Oblique grids"). Sources come from
 * {@link AnatomySampler}.
 */
final class PhantomFields {

    private final HeadPhantomBuilder s;
    private final VoxelGrid grid;
    private final Geometry geometry;
    private final AnatomySampler sampler;
    private final Cancellation cancellation;

    PhantomFields(
            HeadPhantomBuilder s,
            VoxelGrid grid,
            Geometry geometry,
            AnatomySampler sampler,
            Cancellation cancellation) {
        this.s = s;
        this.grid = grid;
        this.geometry = geometry;
        this.sampler = sampler;
        this.cancellation = cancellation;
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
    Volume<FloatType>[] alignedFields(long[] dims, FineField keep) {
        double[][] r = HeadPhantomBuilder.rotationMatrix(s.rotationAxis, Math.toRadians(s.rotationDegrees));
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
        double[][] turn = sin == 0
                ? HeadPhantomBuilder.rotationMatrix(new double[] {1, 0, 0}, 0)
                : HeadPhantomBuilder.rotationMatrix(
                        new double[] {cross[0] / sin, cross[1] / sin, cross[2] / sin}, Math.atan2(sin, cos));
        double[][] f = new double[3][3]; // columns: the aligned grid's axes in LPS
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 3; c++) {
                f[row][c] = turn[row][0] * r[0][c] + turn[row][1] * r[1][c] + turn[row][2] * r[2][c];
            }
        }
        int refine = s.alignedRefinement > 0 ? s.alignedRefinement : AUTOMATIC_REFINEMENT;
        if (keep != null && refine < 2) {
            throw new IllegalArgumentException(
                    "the sub-voxel signal model needs an aligned grid refinement ≥ 2, got " + refine);
        }
        double[] h;
        double[] phase = new double[3];
        int[] first = new int[3], size = new int[3];
        while (true) {
            h = new double[] {s.dx / refine, s.dy / refine, s.dz / refine};
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
        sampler.sample(aligned, alignedGeometry, null, null, sourceTotal, sourceLocal, null, null, null);
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
            double[] p = geometry.toPatient(
                    (corner & 1) == 0 ? -0.5 : s.nx - 0.5,
                    (corner & 2) == 0 ? -0.5 : s.ny - 0.5,
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
    static double cubic(
            float[] values, int fx, int fxy, double tx, double ty, double tz, double[] wx, double[] wy, double[] wz) {
        int ix = (int) Math.floor(tx), iy = (int) Math.floor(ty), iz = (int) Math.floor(tz);
        keys(tx - ix, wx);
        keys(ty - iy, wy);
        keys(tz - iz, wz);
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            for (int bb = 0; bb < 4; bb++) {
                int row = (ix - 1) + fx * (iy - 1 + bb) + fxy * (iz - 1 + c);
                sum += wz[c]
                        * wy[bb]
                        * (wx[0] * values[row]
                                + wx[1] * values[row + 1]
                                + wx[2] * values[row + 2]
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
    static boolean alongAnAxis(double[] b) {
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
    Volume<FloatType>[] fields(
            VoxelGrid on, Geometry where, float[] sourceTotal, float[] sourceLocal, double[] b0Voxel) {
        long[] dims = on.dimensions();
        ZeroPadding padding = ZeroPadding.centred(dims, new long[] {
            ZeroPadding.fastSize((long) Math.ceil(s.paddingFactor * on.nx())),
            ZeroPadding.fastSize((long) Math.ceil(s.paddingFactor * on.ny())),
            ZeroPadding.fastSize((long) Math.ceil(s.paddingFactor * on.nz()))
        });
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

    /** The total field on the refined B0-aligned grid, kept for the sub-voxel signal. */
    static final class FineField {
        float[] total;
        VoxelGrid grid;
        /** acquisition index point (i, j, k, 1) → fine-grid index point, rows of 4 */
        double[] toFine;

        int refine;
    }
}
