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
package org.ferrum.core.fft;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The 3-D discrete cosine transform of type II (DCT-II) of real data and its inverse (a scaled DCT-III),
 * computed through one 3-D FFT of the same number of real samples.
 *
 * <p>Contract, for a real frame x of n<sub>x</sub>×n<sub>y</sub>×n<sub>z</sub> samples (x fastest),
 * N = n<sub>x</sub>n<sub>y</sub>n<sub>z</sub>, any sizes ≥ 1:
 * <pre>
 *   forward:  C[k₁,k₂,k₃] = Σ_{n₁,n₂,n₃} x[n₁,n₂,n₃] · Π_d cos(π k_d (2n_d + 1) / (2 n_d'))      (unscaled DCT-II)
 *   inverse:  x[n₁,n₂,n₃] = (1/N) Σ_{k₁,k₂,k₃} ε(k) C[k₁,k₂,k₃] · Π_d cos(π k_d (2n_d + 1) / (2 n_d')),
 *             ε(k) = Π_d (k_d = 0 ? 1 : 2)                                                         (DCT-III / N)
 * </pre>
 * (n_d' the size along axis d), so {@code inverse(forward(x)) = x} up to float rounding. C has the layout of x
 * (k₁ fastest), k_d = 0 … n_d' − 1. The DCT-II basis functions are the eigenvectors of the second difference
 * with half-sample even reflection at both ends (Neumann boundaries): with that boundary the 3-point stencil
 * has eigenvalue 2cos(πk/n) − 2 on basis function k, which is why Poisson problems with reflecting boundaries
 * are diagonal in this transform.
 *
 * <p>How (Makhoul, IEEE Trans ASSP 28:27, 1980, extended to 3-D): along every axis the samples are reordered as
 * v[m] = x[2m], v[n − 1 − m] = x[2m + 1]; then Σ_n x[n] cos(πk(2n+1)/2n') = Re(W^k V[k]) in 1-D, with V the DFT of
 * v and W = e<sup>−iπ/(2n')</sup>. In 3-D, the product of the three cosines is expanded by the product-to-sum
 * rule, cos a cos b cos c = ¼ Σ_{s,t = ±1} cos(a + s·b + t·c), so that
 * <pre>
 *   C[k] = ¼ Re( W₁^{k₁} Σ_{s,t = ±1} W₂^{s k₂} W₃^{t k₃} V[k₁, s k₂, t k₃] )      (indices mod n_d)
 * </pre>
 * with V the 3-D DFT of the reordered frame, itself real, so {@link RealFourierTransform} computes it when
 * n<sub>x</sub> is even (only the half spectrum is stored; V[k] = conj V[−k] supplies the rest) and the complex
 * {@link FourierTransform} otherwise. The inverse runs backwards: the 1-D relation
 * C[k] − i·C[n − k] = W^k V[k] (C[n] = 0) holds along each axis and the axes commute, so
 * <pre>
 *   V[k] = W₁^{−k₁} W₂^{−k₂} W₃^{−k₃} · (1 − iJ₁)(1 − iJ₂)(1 − iJ₃) C [k]
 * </pre>
 * where J_d reads C at n_d − k_d along axis d (0 where k_d = 0); the inverse DFT of V is the reordered frame.
 * The extra work over the FFT is one reordering pass and one twiddle pass over the frame, both parallel
 * ({@link ParallelLoop}) over planes.
 */
public final class CosineTransform {

    private CosineTransform() {}

    /** The DCT-II of a real frame (see the class contract), as a new array; {@code x} is left unchanged. */
    public static float[] forward(float[] x, int nx, int ny, int nz) {
        return forward(x, nx, ny, nz, Cancellation.NEVER);
    }

    /**
     * The DCT-II of a real frame, as a new array, polling {@code cancellation} between the passes' chunks.
     *
     * @throws IllegalArgumentException if a size is &lt; 1 or {@code x} is not one frame
     */
    public static float[] forward(float[] x, int nx, int ny, int nz, Cancellation cancellation) {
        requireFrame(x, nx, ny, nz);
        Axis ax = new Axis(nx), ay = new Axis(ny), az = new Axis(nz);
        float[] v = reorder(x, ax, ay, az, cancellation);
        boolean half = RealFourierTransform.supports(nx);
        int hx = half ? nx / 2 + 1 : nx; // stored spectrum columns per row
        float[] spectrum;
        if (half) {
            spectrum = new float[RealFourierTransform.spectrumLength(nx, ny, nz)];
            RealFourierTransform.forwardOverwriting(v, nx, ny, nz, spectrum);
        } else {
            spectrum = new float[2 * v.length];
            for (int n = 0; n < v.length; n++) {
                spectrum[2 * n] = v[n];
            }
            FourierTransform.forward(spectrum, nx, ny, nz);
        }
        float[] c = v; // the reordered frame is no longer needed (the half path overwrote it anyway)
        cancellation.throwIfCancelled("cosine transform");
        ParallelLoop.forEachChunk(nz, 0, cancellation, (from, to) -> {
            for (int k3 = (int) from; k3 < to; k3++) {
                int m3 = k3 == 0 ? 0 : nz - k3;
                for (int k2 = 0; k2 < ny; k2++) {
                    int m2 = k2 == 0 ? 0 : ny - k2;
                    // the four rows V[·, ±k₂, ±k₃] and their weights W₂^{±k₂} W₃^{±k₃}
                    int rpp = 2 * hx * (k2 + ny * k3), rpm = 2 * hx * (k2 + ny * m3);
                    int rmp = 2 * hx * (m2 + ny * k3), rmm = 2 * hx * (m2 + ny * m3);
                    double c2 = ay.cos[k2], s2 = ay.sin[k2], c3 = az.cos[k3], s3 = az.sin[k3];
                    // W^k = cos − i·sin; W₂^{k₂}W₃^{k₃} = (c2c3 − s2s3) − i(s2c3 + c2s3), and the conjugates
                    double ppr = c2 * c3 - s2 * s3, ppi = -(s2 * c3 + c2 * s3); // W₂^{k₂}  W₃^{k₃}
                    double pmr = c2 * c3 + s2 * s3, pmi = -(s2 * c3 - c2 * s3); // W₂^{k₂}  W₃^{−k₃}
                    // W₂^{−k₂}W₃^{−k₃} = conj(pp), W₂^{−k₂}W₃^{k₃} = conj(pm)
                    int out = nx * (k2 + ny * k3);
                    for (int k1 = 0; k1 < nx; k1++) {
                        double tr, ti;
                        if (k1 < hx) {
                            int i = 2 * k1;
                            tr = cmulRe(ppr, ppi, spectrum[rpp + i], spectrum[rpp + i + 1])
                                    + cmulRe(pmr, pmi, spectrum[rpm + i], spectrum[rpm + i + 1])
                                    + cmulRe(pmr, -pmi, spectrum[rmp + i], spectrum[rmp + i + 1])
                                    + cmulRe(ppr, -ppi, spectrum[rmm + i], spectrum[rmm + i + 1]);
                            ti = cmulIm(ppr, ppi, spectrum[rpp + i], spectrum[rpp + i + 1])
                                    + cmulIm(pmr, pmi, spectrum[rpm + i], spectrum[rpm + i + 1])
                                    + cmulIm(pmr, -pmi, spectrum[rmp + i], spectrum[rmp + i + 1])
                                    + cmulIm(ppr, -ppi, spectrum[rmm + i], spectrum[rmm + i + 1]);
                        } else {
                            // V[k₁, a, b] = conj V[n_x − k₁, −a, −b]: the negated rows of the stored half
                            int i = 2 * (nx - k1);
                            tr = cmulRe(ppr, ppi, spectrum[rmm + i], -spectrum[rmm + i + 1])
                                    + cmulRe(pmr, pmi, spectrum[rmp + i], -spectrum[rmp + i + 1])
                                    + cmulRe(pmr, -pmi, spectrum[rpm + i], -spectrum[rpm + i + 1])
                                    + cmulRe(ppr, -ppi, spectrum[rpp + i], -spectrum[rpp + i + 1]);
                            ti = cmulIm(ppr, ppi, spectrum[rmm + i], -spectrum[rmm + i + 1])
                                    + cmulIm(pmr, pmi, spectrum[rmp + i], -spectrum[rmp + i + 1])
                                    + cmulIm(pmr, -pmi, spectrum[rpm + i], -spectrum[rpm + i + 1])
                                    + cmulIm(ppr, -ppi, spectrum[rpp + i], -spectrum[rpp + i + 1]);
                        }
                        // ¼ Re(W₁^{k₁} T) with W₁^{k₁} = cos − i·sin
                        c[out + k1] = (float) (0.25 * (ax.cos[k1] * tr + ax.sin[k1] * ti));
                    }
                }
            }
        });
        return c;
    }

    /** The inverse (DCT-III / N) of a DCT-II frame (see the class contract), as a new array; {@code c} is left unchanged. */
    public static float[] inverse(float[] c, int nx, int ny, int nz) {
        return inverse(c, nx, ny, nz, Cancellation.NEVER);
    }

    /**
     * The inverse of {@link #forward}, as a new array, polling {@code cancellation} between the passes' chunks.
     *
     * @throws IllegalArgumentException if a size is &lt; 1 or {@code c} is not one frame
     */
    public static float[] inverse(float[] c, int nx, int ny, int nz, Cancellation cancellation) {
        requireFrame(c, nx, ny, nz);
        Axis ax = new Axis(nx), ay = new Axis(ny), az = new Axis(nz);
        boolean half = RealFourierTransform.supports(nx);
        int hx = half ? nx / 2 + 1 : nx;
        float[] spectrum = new float[2 * hx * ny * nz];
        ParallelLoop.forEachChunk(nz, 0, cancellation, (from, to) -> {
            for (int k3 = (int) from; k3 < to; k3++) {
                int m3 = nz - k3; // J₃: n₃ − k₃; absent where k₃ = 0
                for (int k2 = 0; k2 < ny; k2++) {
                    int m2 = ny - k2;
                    int r000 = nx * (k2 + ny * k3);
                    int r010 = k2 == 0 ? -1 : nx * (m2 + ny * k3);
                    int r001 = k3 == 0 ? -1 : nx * (k2 + ny * m3);
                    int r011 = k2 == 0 || k3 == 0 ? -1 : nx * (m2 + ny * m3);
                    // W₂^{−k₂} W₃^{−k₃} = conj(W₂^{k₂} W₃^{k₃})
                    double c2 = ay.cos[k2], s2 = ay.sin[k2], c3 = az.cos[k3], s3 = az.sin[k3];
                    double wr = c2 * c3 - s2 * s3, wi = s2 * c3 + c2 * s3;
                    int out = 2 * hx * (k2 + ny * k3);
                    for (int k1 = 0; k1 < hx; k1++) {
                        int j1 = k1 == 0 ? -1 : nx - k1;
                        double a000 = c[r000 + k1];
                        double a100 = at(c, r000, j1);
                        double a010 = at(c, r010, k1);
                        double a001 = at(c, r001, k1);
                        double a110 = at(c, r010, j1);
                        double a101 = at(c, r001, j1);
                        double a011 = at(c, r011, k1);
                        double a111 = at(c, r011, j1);
                        // (1 − iJ₁)(1 − iJ₂)(1 − iJ₃) C: real part from an even number of J's, imaginary from an odd
                        double yr = a000 - a110 - a101 - a011;
                        double yi = a111 - a100 - a010 - a001;
                        // times W₁^{−k₁} W₂^{−k₂} W₃^{−k₃}
                        double w1r = ax.cos[k1], w1i = ax.sin[k1];
                        double fr = w1r * wr - w1i * wi, fi = w1r * wi + w1i * wr;
                        spectrum[out + 2 * k1] = (float) (fr * yr - fi * yi);
                        spectrum[out + 2 * k1 + 1] = (float) (fr * yi + fi * yr);
                    }
                }
            }
        });
        cancellation.throwIfCancelled("cosine transform");
        float[] v;
        if (half) {
            v = new float[c.length];
            RealFourierTransform.inverse(spectrum, nx, ny, nz, v);
        } else {
            FourierTransform.inverse(spectrum, nx, ny, nz);
            v = new float[c.length];
            for (int n = 0; n < v.length; n++) {
                v[n] = spectrum[2 * n];
            }
        }
        return unreorder(v, ax, ay, az, cancellation);
    }

    private static double at(float[] c, int row, int k) {
        return row < 0 || k < 0 ? 0 : c[row + k];
    }

    private static double cmulRe(double ar, double ai, double br, double bi) {
        return ar * br - ai * bi;
    }

    private static double cmulIm(double ar, double ai, double br, double bi) {
        return ar * bi + ai * br;
    }

    /** v[m₁,m₂,m₃] = x[p(m₁), p(m₂), p(m₃)], Makhoul's even-then-reversed-odd order along each axis. */
    private static float[] reorder(float[] x, Axis ax, Axis ay, Axis az, Cancellation cancellation) {
        int nx = ax.n, ny = ay.n, nz = az.n;
        float[] v = new float[x.length];
        ParallelLoop.forEachChunk(nz, 0, cancellation, (from, to) -> {
            for (int m3 = (int) from; m3 < to; m3++) {
                for (int m2 = 0; m2 < ny; m2++) {
                    int src = nx * (ay.source[m2] + ny * az.source[m3]);
                    int dst = nx * (m2 + ny * m3);
                    for (int m1 = 0; m1 < nx; m1++) {
                        v[dst + m1] = x[src + ax.source[m1]];
                    }
                }
            }
        });
        return v;
    }

    /** The inverse permutation of {@link #reorder}, into a new array. */
    private static float[] unreorder(float[] v, Axis ax, Axis ay, Axis az, Cancellation cancellation) {
        int nx = ax.n, ny = ay.n, nz = az.n;
        float[] x = new float[v.length];
        ParallelLoop.forEachChunk(nz, 0, cancellation, (from, to) -> {
            for (int m3 = (int) from; m3 < to; m3++) {
                for (int m2 = 0; m2 < ny; m2++) {
                    int dst = nx * (ay.source[m2] + ny * az.source[m3]);
                    int src = nx * (m2 + ny * m3);
                    for (int m1 = 0; m1 < nx; m1++) {
                        x[dst + ax.source[m1]] = v[src + m1];
                    }
                }
            }
        });
        return x;
    }

    private static void requireFrame(float[] a, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("DCT sizes must be ≥ 1, got " + nx + "×" + ny + "×" + nz);
        }
        if (a.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException(
                    "array of length " + a.length + " is not one " + nx + "×" + ny + "×" + nz + " frame");
        }
    }

    /** Per axis of size n: the reordering p(m) and the twiddles W^k = cos(πk/2n) − i·sin(πk/2n). */
    private static final class Axis {
        final int n;
        final int[] source;
        final double[] cos;
        final double[] sin;

        Axis(int n) {
            this.n = n;
            source = new int[n];
            int evens = (n + 1) / 2;
            for (int m = 0; m < n; m++) {
                source[m] = m < evens ? 2 * m : 2 * (n - 1 - m) + 1;
            }
            cos = new double[n];
            sin = new double[n];
            for (int k = 0; k < n; k++) {
                cos[k] = Math.cos(Math.PI * k / (2.0 * n));
                sin[k] = Math.sin(Math.PI * k / (2.0 * n));
            }
        }
    }
}
