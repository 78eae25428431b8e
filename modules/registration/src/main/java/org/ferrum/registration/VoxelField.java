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

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * A vector field on a voxel grid, in <em>voxel units of that grid</em> (component c is a displacement along index axis
 * c), x fastest. The deformable stage works in these units because the fixed grid's voxel→mm map is affine: a point
 * i + d(i) in index space is the point A·i + L·d(i) in mm (L the 3×3 block of A), so the mm field is L·d exactly and
 * the Jacobian determinant det(I + ∇d) is the same in either unit.
 *
 * <p>Sampling between voxel centres is trilinear; outside the centres it takes the nearest edge value (the field is
 * only ever evaluated just outside the grid by the compositions below, where the edge value is the best guess).
 * Instances are mutable working arrays of the deformable stage; {@link DisplacementFieldTransform} never exposes them.
 */
final class VoxelField {

    final int nx, ny, nz;
    final float[] x, y, z;

    VoxelField(int nx, int ny, int nz) {
        this(nx, ny, nz, new float[nx * ny * nz], new float[nx * ny * nz], new float[nx * ny * nz]);
    }

    VoxelField(int nx, int ny, int nz, float[] x, float[] y, float[] z) {
        int n = nx * ny * nz;
        if (x.length != n || y.length != n || z.length != n) {
            throw new IllegalArgumentException("field components must hold " + n + " values");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    int size() {
        return x.length;
    }

    VoxelField copy() {
        return new VoxelField(nx, ny, nz, x.clone(), y.clone(), z.clone());
    }

    /** −this (the velocity of the inverse flow). */
    VoxelField negated() {
        VoxelField r = new VoxelField(nx, ny, nz);
        for (int n = 0; n < size(); n++) {
            r.x[n] = -x[n];
            r.y[n] = -y[n];
            r.z[n] = -z[n];
        }
        return r;
    }

    /** The largest vector length. */
    double maxNorm() {
        double m = 0;
        for (int n = 0; n < size(); n++) {
            m = Math.max(m, (double) x[n] * x[n] + (double) y[n] * y[n] + (double) z[n] * z[n]);
        }
        return Math.sqrt(m);
    }

    /** Trilinear value of the field at the continuous index (i, j, k) into {@code out[0..2]}, edges clamped. */
    void sample(double i, double j, double k, double[] out) {
        sample3(x, y, z, nx, ny, nz, i, j, k, out);
    }

    /** Trilinear sampling of one scalar array with edge clamping. */
    static double sample(float[] f, int nx, int ny, int nz, double i, double j, double k) {
        i = clamp(i, nx - 1);
        j = clamp(j, ny - 1);
        k = clamp(k, nz - 1);
        int i0 = Math.min((int) i, Math.max(nx - 2, 0)), j0 = Math.min((int) j, Math.max(ny - 2, 0));
        int k0 = Math.min((int) k, Math.max(nz - 2, 0));
        double fx = i - i0, fy = j - j0, fz = k - k0;
        int sx = nx > 1 ? 1 : 0, sy = ny > 1 ? nx : 0, sz = nz > 1 ? nx * ny : 0;
        int n = i0 + nx * (j0 + ny * k0);
        double c00 = f[n] + fx * (f[n + sx] - f[n]);
        double c10 = f[n + sy] + fx * (f[n + sy + sx] - f[n + sy]);
        double c01 = f[n + sz] + fx * (f[n + sz + sx] - f[n + sz]);
        double c11 = f[n + sz + sy] + fx * (f[n + sz + sy + sx] - f[n + sz + sy]);
        double c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
        return c0 + fz * (c1 - c0);
    }

    static void sample3(
            float[] a, float[] b, float[] c, int nx, int ny, int nz, double i, double j, double k, double[] out) {
        i = clamp(i, nx - 1);
        j = clamp(j, ny - 1);
        k = clamp(k, nz - 1);
        int i0 = Math.min((int) i, Math.max(nx - 2, 0)), j0 = Math.min((int) j, Math.max(ny - 2, 0));
        int k0 = Math.min((int) k, Math.max(nz - 2, 0));
        double fx = i - i0, fy = j - j0, fz = k - k0;
        int sx = nx > 1 ? 1 : 0, sy = ny > 1 ? nx : 0, sz = nz > 1 ? nx * ny : 0;
        int n = i0 + nx * (j0 + ny * k0);
        double w000 = (1 - fx) * (1 - fy) * (1 - fz), w100 = fx * (1 - fy) * (1 - fz);
        double w010 = (1 - fx) * fy * (1 - fz), w110 = fx * fy * (1 - fz);
        double w001 = (1 - fx) * (1 - fy) * fz, w101 = fx * (1 - fy) * fz;
        double w011 = (1 - fx) * fy * fz, w111 = fx * fy * fz;
        int n100 = n + sx, n010 = n + sy, n110 = n + sy + sx, n001 = n + sz, n101 = n + sz + sx, n011 = n + sz + sy;
        int n111 = n011 + sx;
        out[0] = w000 * a[n]
                + w100 * a[n100]
                + w010 * a[n010]
                + w110 * a[n110]
                + w001 * a[n001]
                + w101 * a[n101]
                + w011 * a[n011]
                + w111 * a[n111];
        out[1] = w000 * b[n]
                + w100 * b[n100]
                + w010 * b[n010]
                + w110 * b[n110]
                + w001 * b[n001]
                + w101 * b[n101]
                + w011 * b[n011]
                + w111 * b[n111];
        out[2] = w000 * c[n]
                + w100 * c[n100]
                + w010 * c[n010]
                + w110 * c[n110]
                + w001 * c[n001]
                + w101 * c[n101]
                + w011 * c[n011]
                + w111 * c[n111];
    }

    private static double clamp(double v, int max) {
        return v <= 0 ? 0 : v >= max ? max : v;
    }

    /**
     * The displacement of exp(v), the flow of the stationary velocity field v (this) at time 1, by scaling and squaring
     * (Arsigny et al., MICCAI 2006; Vercauteren et al., NeuroImage 2009 §2.2): d = v/2ᴷ with K chosen so that
     * max|d| ≤ ½ voxel, then K times d ← d + d∘(id + d), i.e. φ ← φ∘φ.
     */
    VoxelField exponential(Cancellation cancellation) {
        double max = maxNorm();
        int squarings = max <= 0.5 ? 0 : (int) Math.ceil(Math.log(max / 0.5) / Math.log(2));
        float scale = (float) Math.pow(2, -squarings);
        VoxelField d = new VoxelField(nx, ny, nz);
        for (int n = 0; n < size(); n++) {
            d.x[n] = x[n] * scale;
            d.y[n] = y[n] * scale;
            d.z[n] = z[n] * scale;
        }
        VoxelField next = new VoxelField(nx, ny, nz);
        for (int s = 0; s < squarings; s++) {
            d.composeInto(d, next, cancellation);
            VoxelField t = d;
            d = next;
            next = t;
        }
        return d;
    }

    /**
     * The displacement of (id + this)∘(id + inner) into {@code out}: out(p) = inner(p) + this(p + inner(p)); {@code out}
     * must be neither operand.
     */
    void composeInto(VoxelField inner, VoxelField out, Cancellation cancellation) {
        ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
            double[] s = new double[3];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    int n = nx * (j + ny * k);
                    for (int i = 0; i < nx; i++, n++) {
                        double dx = inner.x[n], dy = inner.y[n], dz = inner.z[n];
                        sample(i + dx, j + dy, k + dz, s);
                        out.x[n] = (float) (dx + s[0]);
                        out.y[n] = (float) (dy + s[1]);
                        out.z[n] = (float) (dz + s[2]);
                    }
                }
            }
        });
    }

    /** Gaussian smoothing of every component, σ in voxels (≤ 0: none); edges replicated. */
    void smooth(double sigma, Cancellation cancellation) {
        if (sigma <= 0) {
            return;
        }
        for (float[] f : new float[][] {x, y, z}) {
            gaussian(f, nx, ny, nz, sigma, cancellation);
        }
    }

    /** Separable Gaussian smoothing in place, σ in voxels along every axis, edges replicated. */
    static void gaussian(float[] f, int nx, int ny, int nz, double sigma, Cancellation cancellation) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] w = new float[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            sum += w[t + r] = (float) Math.exp(-0.5 * t * t / (sigma * sigma));
        }
        for (int t = 0; t < w.length; t++) {
            w[t] /= (float) sum;
        }
        convolveLines(f, nx, ny, nz, 0, w, cancellation);
        convolveLines(f, nx, ny, nz, 1, w, cancellation);
        convolveLines(f, nx, ny, nz, 2, w, cancellation);
    }

    /** Convolves every line along {@code axis} with the odd symmetric kernel {@code w}, edges replicated. */
    static void convolveLines(float[] f, int nx, int ny, int nz, int axis, float[] w, Cancellation cancellation) {
        int len = axis == 0 ? nx : axis == 1 ? ny : nz;
        if (len == 1) {
            return;
        }
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int lines = f.length / len;
        int r = w.length / 2;
        ParallelLoop.forEachChunk(lines, 0, cancellation, (from, to) -> {
            float[] line = new float[len + 2 * r];
            for (long l = from; l < to; l++) {
                int start = lineStart((int) l, axis, nx, ny);
                for (int t = 0; t < len; t++) {
                    line[t + r] = f[start + t * stride];
                }
                for (int t = 0; t < r; t++) {
                    line[t] = line[r];
                    line[len + r + t] = line[len + r - 1];
                }
                for (int t = 0; t < len; t++) {
                    double s = 0;
                    for (int q = 0; q < w.length; q++) {
                        s += w[q] * line[t + q];
                    }
                    f[start + t * stride] = (float) s;
                }
            }
        });
    }

    /** Element index of the first voxel of line {@code l} along {@code axis}. */
    private static int lineStart(int l, int axis, int nx, int ny) {
        if (axis == 0) {
            return l * nx;
        }
        if (axis == 1) {
            int k = l / nx, i = l % nx;
            return i + nx * ny * k;
        }
        return l; // axis 2: lines are indexed by i + nx·j
    }

    /**
     * The field on a grid twice as fine ({@code fx × fy × fz}), in the fine grid's voxel units: fine voxel c lies at
     * coarse index (c − ½)/2 (coarse voxel c′ covers fine voxels 2c′ and 2c′ + 1), and a vector doubles in length.
     */
    VoxelField upsampled(int fx, int fy, int fz, Cancellation cancellation) {
        VoxelField r = new VoxelField(fx, fy, fz);
        ParallelLoop.forEachChunk(fz, 1, cancellation, (from, to) -> {
            double[] s = new double[3];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < fy; j++) {
                    int n = fx * (j + fy * k);
                    for (int i = 0; i < fx; i++, n++) {
                        sample((i - 0.5) / 2, (j - 0.5) / 2, (k - 0.5) / 2, s);
                        r.x[n] = (float) (2 * s[0]);
                        r.y[n] = (float) (2 * s[1]);
                        r.z[n] = (float) (2 * s[2]);
                    }
                }
            }
        });
        return r;
    }

    /**
     * det(I + ∇d) at every voxel (central differences, one-sided at the edges): the local volume change of
     * p ↦ p + d(p); ≤ 0 where the map folds.
     */
    float[] jacobianDeterminant(Cancellation cancellation) {
        float[] det = new float[size()];
        ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
            double[] g = new double[9];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int n = i + nx * (j + ny * k);
                        int c = 0;
                        for (float[] f : new float[][] {x, y, z}) {
                            g[c++] = derivative(f, n, i, nx, 1);
                            g[c++] = derivative(f, n, j, ny, nx);
                            g[c++] = derivative(f, n, k, nz, nx * ny);
                        }
                        double a = 1 + g[0], b = g[1], cc = g[2];
                        double d = g[3], e = 1 + g[4], ff = g[5];
                        double gg = g[6], h = g[7], ii = 1 + g[8];
                        det[n] = (float) (a * (e * ii - ff * h) - b * (d * ii - ff * gg) + cc * (d * h - e * gg));
                    }
                }
            }
        });
        return det;
    }

    /** ∂f/∂(axis) at element n whose coordinate along the axis is {@code at} of {@code len}, in voxel units. */
    static double derivative(float[] f, int n, int at, int len, int stride) {
        if (len == 1) {
            return 0;
        }
        if (at == 0) {
            return f[n + stride] - f[n];
        }
        if (at == len - 1) {
            return f[n] - f[n - stride];
        }
        return 0.5 * (f[n + stride] - f[n - stride]);
    }

    /**
     * The inverse displacement w with (id + w) = (id + this)⁻¹, by the fixed-point iteration w ← −d∘(id + w) of Chen
     * et al. (Med. Phys. 35:81, 2008), started from w = −d. Returns null unless the largest inverse-consistency
     * residual |w(q) + d(q + w(q))| falls below {@code toleranceVoxels} within {@code maxIterations}.
     */
    VoxelField fixedPointInverse(double toleranceVoxels, int maxIterations, Cancellation cancellation) {
        VoxelField w = negated();
        VoxelField next = new VoxelField(nx, ny, nz);
        for (int it = 0; it < maxIterations; it++) {
            double[] worst = new double[nz];
            VoxelField current = w, target = next;
            ParallelLoop.forEachChunk(nz, 1, cancellation, (from, to) -> {
                double[] s = new double[3];
                for (int k = (int) from; k < to; k++) {
                    double m = 0;
                    for (int j = 0; j < ny; j++) {
                        int n = nx * (j + ny * k);
                        for (int i = 0; i < nx; i++, n++) {
                            double wx = current.x[n], wy = current.y[n], wz = current.z[n];
                            sample(i + wx, j + wy, k + wz, s);
                            double rx = wx + s[0], ry = wy + s[1], rz = wz + s[2];
                            m = Math.max(m, rx * rx + ry * ry + rz * rz);
                            target.x[n] = (float) -s[0];
                            target.y[n] = (float) -s[1];
                            target.z[n] = (float) -s[2];
                        }
                    }
                    worst[k] = m;
                }
            });
            double residual = 0;
            for (double m : worst) {
                residual = Math.max(residual, m);
            }
            if (Math.sqrt(residual) <= toleranceVoxels) {
                return current;
            }
            VoxelField t = w;
            w = next;
            next = t;
        }
        return null;
    }
}
